//! The API of the contract (`api/openapi.yaml`): the session and CSRF check, JSON bodies,
//! one handler per operation, and problem+json for every error.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use contract::{AccountField, Challenge, IdentityMethod, Lifecycle, Wire};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::problem::Problem;
use crate::store::StepUp;
use crate::AppState;

use crate::extract::{
    cookie, header_text, ApiResult, ChallengeInPath, ChangeInPath, CodeBody, JsonBody, SessionInPath, Signed,
    TicketHeader,
};

fn ok(value: impl Serialize) -> ApiResult {
    Ok(Json(value).into_response())
}

fn created(value: impl Serialize) -> ApiResult {
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

/// A factor's commit: the account, who was told (always said, even when nobody was), and
/// what the commit did: 200 in effect now, 202 cooling off.
fn committed((account, outcome): (contract::Account, crate::store::Outcome)) -> ApiResult {
    let (notified, notices) = (account.notified.clone(), account.notices.clone());
    let mut body = serde_json::to_value(account).map_err(|_| Problem::for_status(StatusCode::INTERNAL_SERVER_ERROR))?;
    body["notified"] = serde_json::json!(notified);
    body["notices"] = serde_json::json!(notices);
    if let (Some(body), serde_json::Value::Object(members)) = (body.as_object_mut(), outcome.members()) {
        body.extend(members);
    }
    let status = if outcome.cooling.is_some() { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(body)).into_response())
}

/// An identity code on its way, and the method it went by.
#[derive(Serialize)]
struct IdentityChallenge {
    #[serde(flatten)]
    challenge: Challenge,
    method: IdentityMethod,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodBody {
    method: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordBody {
    password: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueBody {
    value: String,
}

/// Either `value` or `copy_from_recovery: true`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactBody {
    value: Option<String>,
    copy_from_recovery: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitBody {
    challenge_id: String,
    code: String,
    /// The holder no longer has the address this replaces: it is told, and can do nothing.
    #[serde(default)]
    old_address_lost: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoBody {}

async fn get_account(State(s): State<AppState>, Signed(caller): Signed) -> ApiResult {
    ok(s.store().account_wire(&caller.account_id)?)
}

async fn get_events(State(s): State<AppState>, Signed(caller): Signed) -> ApiResult {
    ok(s.store().events(&caller.account_id)?)
}

async fn start_identity(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<MethodBody>,
) -> ApiResult {
    let (method, challenge) = s.store().start_identity(&caller, IdentityMethod::from_wire(&body.method))?;
    created(IdentityChallenge { challenge, method })
}

async fn verify_identity(
    State(s): State<AppState>,
    ChallengeInPath(id): ChallengeInPath,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<CodeBody>,
) -> ApiResult {
    let step_up = s.store().verify_identity(&caller, &id, &body.code)?;
    Ok(stepped_up(&s.config, step_up))
}

/// A paused password is answered before anything is hashed; the hash itself runs off the
/// store's lock, on the blocking pool, a few at a time: however many wrong passwords are
/// posted, other sessions' requests do not wait behind Argon2.
async fn verify_password(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<PasswordBody>,
) -> ApiResult {
    let hash = s.store().password_gate(&caller)?;
    let right = {
        let _turn = s.hashing.acquire().await.map_err(|_| Problem::for_status(StatusCode::SERVICE_UNAVAILABLE))?;
        tokio::task::spawn_blocking(move || hash.matches(&body.password))
            .await
            .map_err(|_| Problem::for_status(StatusCode::INTERNAL_SERVER_ERROR))?
    };
    let step_up = s.store().password_checked(&caller, right)?;
    Ok(stepped_up(&s.config, step_up))
}

async fn list_sessions(State(s): State<AppState>, Signed(caller): Signed) -> ApiResult {
    ok(s.store().list_sessions(&caller))
}

async fn end_session(
    State(s): State<AppState>,
    SessionInPath(handle): SessionInPath,
    Signed(caller): Signed,
) -> ApiResult {
    ok(s.store().end_session_by_handle(&caller, &handle)?)
}

async fn cancel_change(
    State(s): State<AppState>,
    ChangeInPath(change_id): ChangeInPath,
    Signed(caller): Signed,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    ok(s.store().cancel_change(&caller, &change_id)?)
}

async fn finish_change(
    State(s): State<AppState>,
    ChangeInPath(change_id): ChangeInPath,
    Signed(caller): Signed,
    ticket: TicketHeader,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    committed(s.store().finish_change(&caller, &change_id, ticket.get())?)
}

async fn keep_change(
    State(s): State<AppState>,
    ChangeInPath(change_id): ChangeInPath,
    Signed(caller): Signed,
    ticket: TicketHeader,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    ok(s.store().keep_change(&caller, &change_id, ticket.get())?)
}

async fn end_other_sessions(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    ok(s.store().end_other_sessions(&caller)?)
}

/// The ticket's answer, with the session's cookies under its new id and CSRF token.
fn stepped_up(config: &Config, step_up: StepUp) -> Response {
    let mut response = Json(step_up.ticket).into_response();
    session_cookies(config, &mut response, &step_up.session_id, &step_up.csrf_token);
    response
}

/// `Set-Cookie` for the session (HttpOnly, `SameSite=Lax`) and its CSRF token (readable by
/// the app, `SameSite=Strict`), both `Secure` with `--secure-cookies`.
pub(crate) fn session_cookies(config: &Config, response: &mut Response, session_id: &str, csrf_token: &str) {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    let session = format!("{}={session_id}; Path=/; HttpOnly; SameSite=Lax{secure}", config.session_cookie());
    let csrf = format!("{}={csrf_token}; Path=/; SameSite=Strict{secure}", config.csrf_cookie());
    for value in [session, csrf] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
}

/// A request under a session's previous id (a step-up gave it a new one a moment ago) is
/// answered as the session's new id, within the grace the store allows: requests that were
/// on their way during the step-up succeed, and the answer sets the new cookies, so that a
/// step-up whose answer was lost does not sign the user out.
pub(crate) async fn rotation_grace(State(s): State<AppState>, mut request: Request, next: Next) -> Response {
    let config = &s.config;
    let old_id = cookie(request.headers(), config.session_cookie()).map(str::to_string);
    let Some(successor) = old_id.and_then(|id| s.store().successor(&id)) else {
        return next.run(request).await;
    };
    let headers = request.headers_mut();
    let presented = header_text(headers, crate::extract::CSRF_HEADER).map(str::to_string);
    let cookies = format!(
        "{}={}; {}={}",
        config.session_cookie(),
        successor.session_id,
        config.csrf_cookie(),
        successor.csrf_token
    );
    headers.remove(header::COOKIE);
    if let Ok(value) = HeaderValue::from_str(&cookies) {
        headers.insert(header::COOKIE, value);
    }
    // The token the session had under its old id is still its own for as long.
    let old_token = presented.is_some_and(|t| crate::store::same_secret(&t, &successor.old_csrf_token));
    if let (true, Ok(value)) = (old_token, HeaderValue::from_str(&successor.csrf_token)) {
        headers.insert(crate::extract::CSRF_HEADER, value);
    }
    let mut response = next.run(request).await;
    session_cookies(config, &mut response, &successor.session_id, &successor.csrf_token);
    response
}

// A field's handlers take the field from its routes (see [`field_routes`]).

async fn put_contact(
    field: AccountField,
    State(s): State<AppState>,
    Signed(caller): Signed,
    ticket: TicketHeader,
    JsonBody(body): JsonBody<ContactBody>,
) -> ApiResult {
    let copy = match body.copy_from_recovery {
        None => false,
        Some(true) if body.value.is_none() => true,
        Some(_) => {
            return Err(Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.")
                .field("copy_from_recovery"))
        }
    };
    ok(s.store().set_contact(&caller, field, body.value.as_deref(), copy, ticket.get())?)
}

async fn start_contact_verification(
    field: AccountField,
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    created(s.store().start_contact_verification(&caller, field)?)
}

async fn verify_contact(
    field: AccountField,
    State(s): State<AppState>,
    ChallengeInPath(id): ChallengeInPath,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<CodeBody>,
) -> ApiResult {
    ok(s.store().verify_contact(&caller, field, &id, &body.code)?)
}

async fn start_change(
    field: AccountField,
    State(s): State<AppState>,
    Signed(caller): Signed,
    ticket: TicketHeader,
    JsonBody(body): JsonBody<ValueBody>,
) -> ApiResult {
    created(s.store().start_change(&caller, field, &body.value, ticket.get())?)
}

async fn commit_change(
    field: AccountField,
    State(s): State<AppState>,
    Signed(caller): Signed,
    ticket: TicketHeader,
    JsonBody(body): JsonBody<CommitBody>,
) -> ApiResult {
    let lost = body.old_address_lost;
    committed(s.store().commit_change(&caller, field, &body.challenge_id, &body.code, ticket.get(), lost)?)
}

/// A field's routes, at its path (`AccountField::path`): a contact value is saved, then
/// verified with a code to it; a factor's new value gets a code, then the commit. A kind the
/// contract does not have has no route (404).
fn field_routes(router: Router<AppState>, field: AccountField) -> Router<AppState> {
    let path = field.path();
    match field.lifecycle() {
        Lifecycle::Contact => router
            .route(path, put(move |s, c: Signed, t: TicketHeader, b| put_contact(field, s, c, t, b)))
            .route(
                &format!("{path}/verification"),
                post(move |s, c: Signed, b| start_contact_verification(field, s, c, b)),
            )
            .route(
                &format!("{path}/verification/{{id}}/verify"),
                post(move |s, i: ChallengeInPath, c: Signed, b| verify_contact(field, s, i, c, b)),
            ),
        Lifecycle::Factor => router
            .route(
                &format!("{path}/challenges"),
                post(move |s, c: Signed, t: TicketHeader, b| start_change(field, s, c, t, b)),
            )
            .route(path, put(move |s, c: Signed, t: TicketHeader, b| commit_change(field, s, c, t, b))),
    }
}

async fn api_not_found() -> Problem {
    Problem::not_found("No such endpoint.")
}

/// Answers of the API and the dev helpers: never stored by a cache (they carry codes and
/// account data), and every error a problem+json, including those the router gives itself
/// (405 with its `Allow` header, a path that does not parse).
pub(crate) async fn api_answers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let status = response.status();
    let is_problem = header_text(response.headers(), header::CONTENT_TYPE) == Some("application/problem+json");
    let is_html = header_text(response.headers(), header::CONTENT_TYPE).is_some_and(|t| t.starts_with("text/html"));
    if (status.is_client_error() || status.is_server_error()) && !is_problem && !is_html {
        let allow = response.headers().get(header::ALLOW).cloned();
        response = Problem::for_status(status).into_response();
        if let Some(allow) = allow {
            response.headers_mut().insert(header::ALLOW, allow);
        }
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The API's routes, to be nested under the API base.
pub(crate) fn routes() -> Router<AppState> {
    let router = Router::new()
        .route("/account", get(get_account))
        .route("/account/events", get(get_events))
        .route("/identity/challenges", post(start_identity))
        .route("/identity/challenges/{id}/verify", post(verify_identity))
        .route("/identity/password", post(verify_password))
        .route("/sessions", get(list_sessions))
        .route("/sessions/{session_id}", delete(end_session))
        .route("/sessions/end-others", post(end_other_sessions))
        .route("/account/changes/{change_id}/cancel", post(cancel_change))
        .route("/account/changes/{change_id}/finish", post(finish_change))
        .route("/account/changes/{change_id}/keep", post(keep_change));
    let router = crate::notices_api::routes(router);
    AccountField::ALL
        .into_iter()
        .fold(router, field_routes)
        .fallback(api_not_found)
        .layer(middleware::from_fn(api_answers))
}
