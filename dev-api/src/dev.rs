//! The dev-only helpers, for a person or a test acting as the phone and the mailbox: sign-in
//! without a password, the outbox, expiry on demand, and the demo console shell. Served on a
//! loopback address only (see `Config::check_exposure`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{api_answers, session_cookies};
use crate::device::Device;
use crate::extract::ApiResult;
use crate::extract::{cookie, JsonBody};
use crate::problem::Problem;
use crate::store::Client;
use crate::AppState;
use contract::ProblemCode;
use contract::{AccountField, Lifecycle};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    #[serde(default = "default_preset")]
    preset: String,
    /// Signs in to this existing account instead (a second session).
    account_id: Option<String>,
    /// Where the session list says it signed in from: an ISO 3166-1 region code, as a
    /// gateway's location lookup would give.
    region: Option<String>,
}

#[derive(Deserialize)]
struct LoginQuery {
    #[serde(default = "default_preset")]
    preset: String,
    redirect: Option<String>,
    region: Option<String>,
}

fn default_preset() -> String {
    "default".into()
}

/// Where a sign-in comes from: the browser's `User-Agent`, and a region given (a two-letter
/// code, else none).
fn client(headers: &HeaderMap, region: Option<&str>) -> Client {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let region = region.filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
    Client { device: Device::from_user_agent(agent), region: region.map(str::to_string) }
}

async fn dev_login(State(s): State<AppState>, headers: HeaderMap, JsonBody(body): JsonBody<LoginBody>) -> ApiResult {
    let client = client(&headers, body.region.as_deref());
    let mut store = s.store();
    let (session_id, csrf_token, addresses) = match &body.account_id {
        Some(account_id) => store.login_again(account_id, client)?,
        None => store.login(&body.preset, client)?,
    };
    drop(store);
    let mut response = Json(addresses).into_response();
    session_cookies(&s.config, &mut response, &session_id, &csrf_token);
    Ok(response)
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Where the sign-in page sends the browser: `wanted` when it is a plain path under the app's
/// base path (with any query), else the base path. Control characters and backslashes (which
/// browsers drop or read as `/`), `//`, dot segments and schemes all go home.
fn redirect_target(base_path: &str, wanted: Option<&str>) -> String {
    let home = if base_path.is_empty() { "/" } else { base_path };
    let Some(wanted) = wanted else { return home.to_string() };
    let printable = wanted.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'\\');
    let path = wanted.split(['?', '#']).next().unwrap_or_default();
    let under_base = if base_path.is_empty() {
        path.starts_with('/')
    } else {
        path == base_path || path.strip_prefix(base_path).is_some_and(|rest| rest.starts_with('/'))
    };
    let dot_segment = path.split('/').any(|segment| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    });
    if printable && under_base && !path.contains("//") && !dot_segment {
        wanted.to_string()
    } else {
        home.to_string()
    }
}

/// The browser's sign-in (the standalone app's "Sign in" link): a page whose button signs in
/// with a POST, so that a link or an image elsewhere cannot sign a browser in by itself.
async fn dev_login_page(Query(q): Query<LoginQuery>) -> Response {
    let mut action = format!("/__dev/login/browser?preset={}", contract::percent_encode(&q.preset));
    if let Some(region) = &q.region {
        action.push_str(&format!("&region={}", contract::percent_encode(region)));
    }
    if let Some(redirect) = &q.redirect {
        action.push_str(&format!("&redirect={}", contract::percent_encode(redirect)));
    }
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Sign in (dev-api)</title>\
         <h1>Sign in</h1><p>dev-api signs you in with a fresh <code>{preset}</code> account.</p>\
         <form method=\"post\" action=\"{action}\"><button type=\"submit\">Sign in</button></form></html>",
        preset = html_escape(&q.preset),
        action = html_escape(&action),
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// Signs a browser in and sends it back under the app's base path. The way back is a page
/// with a meta refresh rather than a 303, so that the cookies survive dev proxies (such as
/// `trunk serve`) that follow redirects themselves.
async fn dev_login_redirect(State(s): State<AppState>, headers: HeaderMap, Query(q): Query<LoginQuery>) -> ApiResult {
    let (session_id, csrf_token, _) = s.store().login(&q.preset, client(&headers, q.region.as_deref()))?;
    let target = html_escape(&redirect_target(&s.config.base_path, q.redirect.as_deref()));
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={target}\">\
         <title>Signed in</title><p><a href=\"{target}\">Continue</a></p></html>"
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    session_cookies(&s.config, &mut response, &session_id, &csrf_token);
    Ok(response)
}

async fn dev_expire_session(State(s): State<AppState>, headers: HeaderMap) -> StatusCode {
    if let Some(id) = cookie(&headers, s.config.session_cookie()) {
        s.store().end_session(id);
    }
    StatusCode::NO_CONTENT
}

/// Expires the signed-in account's identity tickets (`what` = `identity`), codes (`codes`),
/// changes waiting for a code (`pending_contact`), or this session's fresh sign-in
/// (`sign_in`: it signed in longer ago than ending sessions allows without a step-up).
async fn dev_expire(
    State(s): State<AppState>,
    Path(what): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut store = s.store();
    let session_id = cookie(&headers, s.config.session_cookie()).unwrap_or_default().to_string();
    let account_id =
        store.session(&session_id).map(|session| session.account_id.clone()).ok_or_else(Problem::unauthenticated)?;
    match what.as_str() {
        "identity" => store.expire_tickets(&account_id),
        "sign_in" => store.age_sign_in(&session_id),
        "codes" => store.expire_codes(&account_id),
        "pending_contact" => store.expire_pending_now(&account_id),
        "cooling_off" => store.end_cooling_now(&account_id),
        "revert_window" => store.end_revert_windows_now(&account_id),
        "hold" => store.end_hold_now(&account_id),
        _ => {
            return Err(Problem::not_found(
                "Use /__dev/expire/ identity, codes, pending_contact, sign_in, cooling_off, revert_window or hold.",
            ))
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubscribedBody {
    /// `mobile` or `email`.
    kind: String,
}

/// Sends a subscribed message (a billing notice, say) of the signed-in account by `kind`, to
/// wherever such a message goes now: the current contact value, verified or not, never one
/// still waiting for its code.
async fn dev_deliver_subscribed(
    State(s): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<SubscribedBody>,
) -> ApiResult {
    let mut store = s.store();
    let account_id = cookie(&headers, s.config.session_cookie())
        .and_then(|id| store.session(id))
        .map(|session| session.account_id.clone())
        .ok_or_else(Problem::unauthenticated)?;
    let field = AccountField::of(Lifecycle::Contact).iter().copied().find(|f| f.medium().kind() == body.kind);
    let field = field.ok_or_else(|| Problem::invalid_request("`kind` is `mobile` or `email`.").field("kind"))?;
    let message = store.deliver_subscribed(&account_id, field)?;
    Ok((StatusCode::CREATED, Json(message)).into_response())
}

/// The demo console shell (`examples/`): its page for every address under `/__dev/shell`
/// (the app's history fallback there), its script and its hostile stylesheet, and `app.js`
/// and `app_bg.wasm`, which send the shell to the build's hashed module and wasm.
async fn dev_shell(State(s): State<AppState>, rest: Option<Path<String>>) -> Response {
    let file = rest.map(|Path(rest)| rest).unwrap_or_default();
    let built = |suffix: &str| {
        std::fs::read_dir(&s.config.dist).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|name| name.starts_with("account-console-") && name.ends_with(suffix))
        })
    };
    let (name, content_type) = match file.as_str() {
        "app.js" | "app_bg.wasm" => {
            let suffix = if file == "app.js" { ".js" } else { "_bg.wasm" };
            return match built(suffix) {
                Some(name) => Redirect::temporary(&format!("/{name}")).into_response(),
                None => Problem::not_found("No build in the dist directory.").into_response(),
            };
        }
        "shell.js" => ("shell.js", "text/javascript; charset=utf-8"),
        "hostile.css" => ("hostile.css", "text/css; charset=utf-8"),
        _ => ("shell.html", "text/html; charset=utf-8"),
    };
    match std::fs::read(s.config.examples.join(name)) {
        Ok(body) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(_) => Problem::not_found("No demo shell in the examples directory.").into_response(),
    }
}

#[derive(Deserialize)]
struct OutboxQuery {
    to: Option<String>,
}

async fn dev_outbox(State(s): State<AppState>, Query(q): Query<OutboxQuery>) -> Json<Value> {
    Json(json!(s.store().outbox(q.to.as_deref())))
}

/// A page of another site, or of another port of this machine (`same-site`), cannot use the
/// helpers (sign a browser in, read the outbox): browsers say where a request comes from in
/// `Sec-Fetch-Site`, and only this origin (`same-origin`) or the user (`none`: typed, a
/// bookmark) may. A client that is not a browser sends no such header.
async fn same_origin_only(request: axum::extract::Request, next: middleware::Next) -> Response {
    let from = request.headers().get("sec-fetch-site").map(|v| v.as_bytes());
    if from.is_some_and(|from| from != b"same-origin" && from != b"none") {
        return Problem::new(
            StatusCode::FORBIDDEN,
            ProblemCode::CrossSiteRequest,
            "Dev helpers answer only requests from this origin.",
        )
        .into_response();
    }
    next.run(request).await
}

/// While the helpers are on, requests must name a loopback address in `Host` (`localhost`,
/// `[::1]`, any of 127.0.0.0/8: the addresses `--host` may listen on with them): a page on a
/// DNS name that was made to point at 127.0.0.1 (DNS rebinding) gets 421.
pub(crate) async fn loopback_host(request: axum::extract::Request, next: middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if !crate::config::is_loopback(name) {
        return Problem::new(
            StatusCode::MISDIRECTED_REQUEST,
            ProblemCode::MisdirectedRequest,
            "dev-api answers only to a loopback Host while its dev helpers are on.",
        )
        .into_response();
    }
    next.run(request).await
}

/// The helpers' routes, to be nested under `/__dev`.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", post(dev_login).get(dev_login_page))
        .route("/login/browser", post(dev_login_redirect))
        .route("/expire-session", post(dev_expire_session))
        .route("/expire/{what}", post(dev_expire))
        .route("/deliver-subscribed", post(dev_deliver_subscribed))
        .route("/outbox", get(dev_outbox))
        .route("/shell", get(dev_shell))
        // `/__dev/shell/.` reaches here as `/__dev/shell/`: the shell page, as any other path.
        .route("/shell/", get(dev_shell))
        .route("/shell/{*rest}", get(dev_shell))
        .layer(middleware::from_fn(api_answers))
        .layer(middleware::from_fn(same_origin_only))
}
