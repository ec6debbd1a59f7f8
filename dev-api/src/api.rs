//! The API of the contract (`api/openapi.yaml`): the session and CSRF check, JSON bodies,
//! one handler per operation, and problem+json for every error.

use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;

use crate::config::Config;
use crate::problem::Problem;
use crate::store::{Caller, ChangeTarget, Kind, StepUp};
use crate::AppState;

pub const CSRF_HEADER: &str = "x-csrf-token";
pub const TICKET_HEADER: &str = "x-identity-ticket";

/// The largest request body the API reads; every request of the contract fits in far less.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// How much of a body over [`MAX_BODY_BYTES`] is still read (and dropped) before the 413, so
/// that a client or proxy that sends a whole body before reading the answer gets the answer
/// instead of a reset connection. A body announced larger than this is refused unread.
const DRAIN_BYTES: usize = 8 * 1024 * 1024;

pub(crate) type ApiResult = Result<Response, Problem>;

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn header_text(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The signed-in caller. For requests that change something, also the CSRF double submit:
/// the header and the cookie both equal the session's token (compared in constant time).
struct Signed(Caller);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let session_id = cookie(&parts.headers, state.config.session_cookie()).ok_or_else(Problem::unauthenticated)?;
        let mut store = state.store();
        let session = store.session(session_id).ok_or_else(Problem::unauthenticated)?;
        if parts.method != Method::GET && parts.method != Method::HEAD {
            let expected = session.csrf_token.as_bytes();
            let matches = |v: Option<&str>| v.is_some_and(|v| bool::from(v.as_bytes().ct_eq(expected)));
            let header = header_text(&parts.headers, CSRF_HEADER);
            if !matches(header) || !matches(cookie(&parts.headers, state.config.csrf_cookie())) {
                return Err(Problem::csrf_failed());
            }
        }
        Ok(Signed(Caller { session_id: session_id.to_string(), account_id: session.account_id.clone() }))
    }
}

fn ticket(headers: &HeaderMap) -> Option<&str> {
    header_text(headers, TICKET_HEADER)
}

/// A JSON request body: at most [`MAX_BODY_BYTES`] (413), `application/json` when not empty
/// (415), well-formed with no unknown fields (400 naming the field). An empty body is `{}`.
pub(crate) struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, _: &S) -> Result<Self, Problem> {
        let headers = request.headers();
        let declared = header_text(headers, header::CONTENT_LENGTH).and_then(|v| v.parse::<usize>().ok());
        // A client that waits for `100 Continue` sends nothing more once refused.
        let waits = header_text(headers, header::EXPECT).is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
        if declared.is_some_and(|n| n > DRAIN_BYTES || (n > MAX_BODY_BYTES && waits)) {
            return Err(Problem::payload_too_large());
        }
        let is_json = header_text(headers, header::CONTENT_TYPE).is_some_and(is_json_media_type);
        let body = read_body(request.into_body()).await?;
        if body.is_empty() {
            return parse_json(b"{}").map(JsonBody);
        }
        if !is_json {
            return Err(Problem::unsupported_media_type());
        }
        parse_json(&body).map(JsonBody)
    }
}

/// The body when it is at most [`MAX_BODY_BYTES`]; past that, the rest is read up to
/// [`DRAIN_BYTES`] and dropped, and the answer is 413.
async fn read_body(mut body: axum::body::Body) -> Result<Vec<u8>, Problem> {
    use http_body_util::BodyExt;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Problem::invalid_request("The request body could not be read."))?;
        let Ok(data) = frame.into_data() else { continue };
        seen += data.len();
        if seen <= MAX_BODY_BYTES {
            kept.extend_from_slice(&data);
        } else if seen > DRAIN_BYTES {
            break;
        }
    }
    if seen > MAX_BODY_BYTES {
        return Err(Problem::payload_too_large());
    }
    Ok(kept)
}

/// `application/json`, with or without parameters (`; charset=utf-8`).
fn is_json_media_type(value: &str) -> bool {
    value.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    serde_json::from_slice(body).map_err(|e| {
        let message = e.to_string();
        let problem = Problem::invalid_request(format!("Invalid JSON body: {message}"));
        // serde names the field in `unknown field `x`` and `missing field `x``.
        let named = ["unknown field `", "missing field `"]
            .iter()
            .find_map(|prefix| message.strip_prefix(prefix))
            .and_then(|rest| rest.split('`').next());
        match named {
            Some(field) => problem.field(field),
            None => problem,
        }
    })
}

fn kind(text: &str) -> Result<Kind, Problem> {
    Kind::parse(text).ok_or_else(|| Problem::not_found("Unknown kind; use `mobile` or `email`."))
}

fn ok(value: Value) -> ApiResult {
    Ok(Json(value).into_response())
}

fn created(value: Value) -> ApiResult {
    Ok((StatusCode::CREATED, Json(value)).into_response())
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
struct CodeBody {
    code: String,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoBody {}

async fn get_account(State(s): State<AppState>, Signed(caller): Signed) -> ApiResult {
    ok(s.store().account(&caller.account_id)?.to_json())
}

async fn get_events(State(s): State<AppState>, Signed(caller): Signed) -> ApiResult {
    ok(s.store().events(&caller.account_id)?)
}

async fn start_identity(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<MethodBody>,
) -> ApiResult {
    created(s.store().start_identity(&caller, &body.method)?)
}

async fn verify_identity(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<CodeBody>,
) -> ApiResult {
    let step_up = s.store().verify_identity(&caller, &id, &body.code)?;
    Ok(stepped_up(&s.config, step_up))
}

async fn verify_password(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<PasswordBody>,
) -> ApiResult {
    let step_up = s.store().verify_password(&caller, &body.password)?;
    Ok(stepped_up(&s.config, step_up))
}

async fn end_other_sessions(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    ok(s.store().end_other_sessions(&caller)?)
}

/// The ticket's answer, with the session cookie under the session's new id.
fn stepped_up(config: &Config, step_up: StepUp) -> Response {
    let mut response = Json(step_up.body).into_response();
    set_session_cookie(config, &mut response, &step_up.session_id);
    response
}

/// `Set-Cookie` for the session: HttpOnly, `SameSite=Lax`, and `Secure` with `--secure-cookies`.
pub(crate) fn set_session_cookie(config: &Config, response: &mut Response, session_id: &str) {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    let value = format!("{}={session_id}; Path=/; HttpOnly; SameSite=Lax{secure}", config.session_cookie());
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

async fn put_contact(
    State(s): State<AppState>,
    Path(k): Path<String>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ContactBody>,
) -> ApiResult {
    let kind = kind(&k)?;
    let copy = match body.copy_from_recovery {
        None => false,
        Some(true) if body.value.is_none() => true,
        Some(_) => {
            return Err(Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.")
                .field("copy_from_recovery"))
        }
    };
    ok(s.store().set_contact(&caller, kind, body.value.as_deref(), copy, ticket(&headers))?)
}

async fn start_contact_verification(
    State(s): State<AppState>,
    Path(k): Path<String>,
    Signed(caller): Signed,
    JsonBody(NoBody {}): JsonBody<NoBody>,
) -> ApiResult {
    let kind = kind(&k)?;
    created(s.store().start_contact_verification(&caller, kind)?)
}

async fn verify_contact(
    State(s): State<AppState>,
    Path((k, id)): Path<(String, String)>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<CodeBody>,
) -> ApiResult {
    let kind = kind(&k)?;
    ok(s.store().verify_contact(&caller, kind, &id, &body.code)?)
}

async fn start_recovery(
    State(s): State<AppState>,
    Path(k): Path<String>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ValueBody>,
) -> ApiResult {
    let target = ChangeTarget::Recovery(kind(&k)?);
    created(s.store().start_change(&caller, target, &body.value, ticket(&headers))?)
}

async fn commit_recovery(
    State(s): State<AppState>,
    Path(k): Path<String>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<CommitBody>,
) -> ApiResult {
    let target = ChangeTarget::Recovery(kind(&k)?);
    ok(s.store().commit_change(&caller, target, &body.challenge_id, &body.code, ticket(&headers))?)
}

async fn start_login_email(
    State(s): State<AppState>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ValueBody>,
) -> ApiResult {
    created(s.store().start_change(&caller, ChangeTarget::LoginEmail, &body.value, ticket(&headers))?)
}

async fn commit_login_email(
    State(s): State<AppState>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<CommitBody>,
) -> ApiResult {
    ok(s.store().commit_change(&caller, ChangeTarget::LoginEmail, &body.challenge_id, &body.code, ticket(&headers))?)
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
    Router::new()
        .route("/account", get(get_account))
        .route("/account/events", get(get_events))
        .route("/identity/challenges", post(start_identity))
        .route("/identity/challenges/{id}/verify", post(verify_identity))
        .route("/identity/password", post(verify_password))
        .route("/sessions/end-others", post(end_other_sessions))
        .route("/contact/{kind}", put(put_contact))
        .route("/contact/{kind}/verification", post(start_contact_verification))
        .route("/contact/{kind}/verification/{id}/verify", post(verify_contact))
        .route("/recovery/{kind}/challenges", post(start_recovery))
        .route("/recovery/{kind}", put(commit_recovery))
        .route("/login-email/challenges", post(start_login_email))
        .route("/login-email", put(commit_login_email))
        .fallback(api_not_found)
        .layer(middleware::from_fn(api_answers))
}
