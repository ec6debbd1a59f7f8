//! dev-api: the reference implementation of the Account Console backend contract
//! (`api/openapi.yaml`), with helpers that let a person or a test act as the phone and the
//! mailbox. In-memory; every restart starts empty.

pub mod config;
pub mod mask;
pub mod problem;
pub mod store;

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};

use config::Config;
use problem::Problem;
use store::{Kind, Purpose, Store};

pub const SESSION_COOKIE: &str = "ac_session";
pub const CSRF_COOKIE: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const TICKET_HEADER: &str = "x-identity-ticket";

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    config: Arc<Config>,
    csp: HeaderValue,
}

type ApiResult = Result<Response, Problem>;

impl AppState {
    /// The store. A panic while it was held (a bug, answered with a 500) does not lock
    /// every other session out: the state is used as that request left it.
    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The signed-in account; for mutating requests also the CSRF double submit
/// (header equals cookie equals the session's token).
fn authenticate(state: &AppState, method: &Method, headers: &HeaderMap) -> Result<String, Problem> {
    let store = state.store();
    let session = cookie(headers, SESSION_COOKIE)
        .and_then(|id| store.session(id))
        .ok_or_else(Problem::unauthenticated)?;
    if method != Method::GET && method != Method::HEAD {
        let header = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        let cookie = cookie(headers, CSRF_COOKIE);
        if header.is_none() || header != cookie || header != Some(session.csrf_token.as_str()) {
            return Err(Problem::csrf_failed());
        }
    }
    Ok(session.account_id.clone())
}

fn ticket(headers: &HeaderMap) -> Option<&str> {
    headers.get(TICKET_HEADER).and_then(|v| v.to_str().ok())
}

fn parse_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, Problem> {
    let body: &[u8] = if body.is_empty() { b"{}" } else { body };
    serde_json::from_slice(body).map_err(|e| Problem::invalid_request(format!("Invalid JSON body: {e}")))
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
struct MethodBody {
    method: String,
}

#[derive(Deserialize)]
struct CodeBody {
    code: String,
}

#[derive(Deserialize)]
struct ValueBody {
    value: String,
}

#[derive(Deserialize, Default)]
struct ContactBody {
    value: Option<String>,
    #[serde(default)]
    copy_from_recovery: bool,
}

#[derive(Deserialize)]
struct CommitBody {
    challenge_id: String,
    code: String,
}

async fn get_account(State(s): State<AppState>, method: Method, headers: HeaderMap) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let store = s.store();
    ok(store.account(&account_id)?.to_json())
}

async fn get_events(State(s): State<AppState>, method: Method, headers: HeaderMap) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    ok(s.store().events(&account_id)?)
}

async fn start_identity(State(s): State<AppState>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let body: MethodBody = parse_body(&body)?;
    created(s.store().start_identity(&account_id, &body.method)?)
}

async fn verify_identity(State(s): State<AppState>, Path(id): Path<String>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let body: CodeBody = parse_body(&body)?;
    ok(s.store().verify_identity(&account_id, &id, &body.code)?)
}

async fn put_contact(State(s): State<AppState>, Path(k): Path<String>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let kind = kind(&k)?;
    let body: ContactBody = parse_body(&body)?;
    let mut store = s.store();
    ok(store.set_contact(&account_id, kind, body.value.as_deref(), body.copy_from_recovery, ticket(&headers))?)
}

async fn start_contact_verification(State(s): State<AppState>, Path(k): Path<String>, method: Method, headers: HeaderMap) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let kind = kind(&k)?;
    created(s.store().start_contact_verification(&account_id, kind)?)
}

async fn verify_contact(State(s): State<AppState>, Path((k, id)): Path<(String, String)>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let kind = kind(&k)?;
    let body: CodeBody = parse_body(&body)?;
    ok(s.store().verify_contact(&account_id, kind, &id, &body.code)?)
}

async fn start_change(s: AppState, purpose: Purpose, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let body: ValueBody = parse_body(&body)?;
    created(s.store().start_change(&account_id, purpose, &body.value, ticket(&headers))?)
}

async fn commit_change(s: AppState, purpose: Purpose, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let account_id = authenticate(&s, &method, &headers)?;
    let body: CommitBody = parse_body(&body)?;
    let mut store = s.store();
    ok(store.commit_change(&account_id, purpose, &body.challenge_id, &body.code, ticket(&headers))?)
}

async fn start_recovery(State(s): State<AppState>, Path(k): Path<String>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let kind = kind(&k)?;
    start_change(s, Purpose::ChangeRecovery(kind), method, headers, body).await
}

async fn commit_recovery(State(s): State<AppState>, Path(k): Path<String>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    let kind = kind(&k)?;
    commit_change(s, Purpose::ChangeRecovery(kind), method, headers, body).await
}

async fn start_login_email(State(s): State<AppState>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    start_change(s, Purpose::ChangeLoginEmail, method, headers, body).await
}

async fn commit_login_email(State(s): State<AppState>, method: Method, headers: HeaderMap, body: Bytes) -> ApiResult {
    commit_change(s, Purpose::ChangeLoginEmail, method, headers, body).await
}

async fn api_not_found() -> Problem {
    Problem::not_found("No such endpoint.")
}

// ---- dev-only helpers ----

#[derive(Deserialize)]
struct LoginBody {
    #[serde(default = "default_preset")]
    preset: String,
}

#[derive(Deserialize)]
struct LoginQuery {
    #[serde(default = "default_preset")]
    preset: String,
    redirect: Option<String>,
}

fn default_preset() -> String {
    "default".into()
}

fn session_cookies(response: &mut Response, session_id: &str, csrf_token: &str) {
    let headers = response.headers_mut();
    let session = format!("{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax");
    let csrf = format!("{CSRF_COOKIE}={csrf_token}; Path=/; SameSite=Strict");
    for value in [session, csrf] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.append(header::SET_COOKIE, v);
        }
    }
}

async fn dev_login(State(s): State<AppState>, body: Bytes) -> ApiResult {
    let body: LoginBody = parse_body(&body)?;
    let (session_id, session, addresses) = s.store().login(&body.preset)?;
    let mut response = Json(addresses).into_response();
    session_cookies(&mut response, &session_id, &session.csrf_token);
    Ok(response)
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Signs a browser in and sends it back; only same-site paths are followed. The way back is
/// a page with a meta refresh rather than a 303, so that the cookies survive dev proxies
/// (such as `trunk serve`) that follow redirects themselves.
async fn dev_login_redirect(State(s): State<AppState>, Query(q): Query<LoginQuery>) -> ApiResult {
    let (session_id, session, _) = s.store().login(&q.preset)?;
    let target = q
        .redirect
        .filter(|r| r.starts_with('/') && !r.starts_with("//") && !r.contains('\\'))
        .unwrap_or_else(|| s.config.base_path.clone());
    let target = html_escape(&target);
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={target}\">\
         <title>Signed in</title><p><a href=\"{target}\">Continue</a></p></html>"
    );
    let mut response = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        page,
    )
        .into_response();
    session_cookies(&mut response, &session_id, &session.csrf_token);
    Ok(response)
}

async fn dev_expire_session(State(s): State<AppState>, headers: HeaderMap) -> StatusCode {
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        s.store().expire_session(id);
    }
    StatusCode::NO_CONTENT
}

/// Expires the signed-in account's identity tickets (`what` = `identity`) or codes (`codes`).
async fn dev_expire(State(s): State<AppState>, Path(what): Path<String>, headers: HeaderMap) -> Result<StatusCode, Problem> {
    let mut store = s.store();
    let account_id = cookie(&headers, SESSION_COOKIE)
        .and_then(|id| store.session(id))
        .map(|session| session.account_id.clone())
        .ok_or_else(Problem::unauthenticated)?;
    match what.as_str() {
        "identity" => store.expire_tickets(&account_id),
        "codes" => store.expire_codes(&account_id),
        _ => return Err(Problem::not_found("Use /__dev/expire/identity or /__dev/expire/codes.")),
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct OutboxQuery {
    to: Option<String>,
}

async fn dev_outbox(State(s): State<AppState>, Query(q): Query<OutboxQuery>) -> Json<Value> {
    Json(json!(s.store().outbox(q.to.as_deref())))
}

// ---- the SPA ----

/// A strict CSP for the SPA: scripts and styles only from this origin plus the exact inline
/// ones that index.html carries (by hash), wasm compilation but no eval.
fn content_security_policy(index_html: Option<&str>) -> HeaderValue {
    let hashes = |tag: &str| -> String {
        let inline = index_html.map(|html| inline_elements(html, tag)).unwrap_or_default();
        inline
            .iter()
            .map(|body| format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))))
            .collect()
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'self'",
        hashes("script"),
        hashes("style"),
    );
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
}

/// Contents of `<tag>` elements without a `src` attribute (inline scripts or styles).
fn inline_elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let attributes = &after[open.len()..tag_end];
        let body = &after[tag_end + 1..];
        let Some(end) = body.find(&close) else { break };
        // `<style>`/`<script …>` only, not `<styles>` or `<scripture>`.
        let is_tag = attributes.is_empty() || attributes.starts_with([' ', '\n', '\t']);
        if is_tag && !attributes.contains(" src=") {
            found.push(&body[..end]);
        }
        rest = &body[end..];
    }
    found
}

async fn security_headers(State(s): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        headers.insert(header::CONTENT_SECURITY_POLICY, s.csp.clone());
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// Files whose name carries the build's content hash never change under that name: a year,
/// immutable. Everything else (index.html for every route, standalone.js) is revalidated.
async fn asset_caching(request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// `main-1a2b3c4d5e6f7a8b.css`, `account-console-1a2b3c4d5e6f7a8b_bg.wasm`: Trunk's
/// `name-<hex hash>` before the extension (and wasm-bindgen's `_bg`).
fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split(['.', '_']).next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

pub fn app(config: Config) -> Router {
    let index = config.dist.join("index.html");
    let index_html = std::fs::read_to_string(&index).ok();
    let state = AppState {
        store: Arc::new(Mutex::new(Store::new(config.rules.clone(), config.print_messages))),
        csp: content_security_policy(index_html.as_deref()),
        config: Arc::new(config.clone()),
    };
    let api = Router::new()
        .route("/account", get(get_account))
        .route("/account/events", get(get_events))
        .route("/identity/challenges", post(start_identity))
        .route("/identity/challenges/{id}/verify", post(verify_identity))
        .route("/contact/{kind}", put(put_contact))
        .route("/contact/{kind}/verification", post(start_contact_verification))
        .route("/contact/{kind}/verification/{id}/verify", post(verify_contact))
        .route("/recovery/{kind}/challenges", post(start_recovery))
        .route("/recovery/{kind}", put(commit_recovery))
        .route("/login-email/challenges", post(start_login_email))
        .route("/login-email", put(commit_login_email))
        .fallback(api_not_found);
    let dev = Router::new()
        .route("/login", post(dev_login).get(dev_login_redirect))
        .route("/expire-session", post(dev_expire_session))
        .route("/expire/{what}", post(dev_expire))
        .route("/outbox", get(dev_outbox));
    let base_path = if config.base_path.is_empty() { "/".to_string() } else { config.base_path.clone() };
    // The build writes a .br and a .gz beside every asset: sent as they are, as a CDN would.
    let spa = tower::ServiceBuilder::new().layer(middleware::from_fn(asset_caching)).service(
        ServeDir::new(&config.dist)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(&index).precompressed_br().precompressed_gzip()),
    );
    Router::new()
        .nest(&config.api_base, api)
        .nest("/__dev", dev)
        .route("/", get(move || async move { Redirect::temporary(&base_path) }))
        .fallback_service(spa)
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        // A bug in a handler answers that request with a 500 problem; the server goes on.
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "The server failed on this request.").into_response()
        }))
        .with_state(state)
}

/// Serves until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(config)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_and_styles_only() {
        let html = r#"<script src="/a.js"></script><script type="module">import x from '/x.js';</script>
            <style>.a{color:red}</style><link rel="stylesheet" href="/b.css">"#;
        assert_eq!(inline_elements(html, "script"), vec!["import x from '/x.js';"]);
        assert_eq!(inline_elements(html, "style"), vec![".a{color:red}"]);
    }

    #[test]
    fn tells_hashed_build_outputs_apart() {
        assert!(is_hashed_asset("/main-3f9a0c1d2e4b5a6c.css"));
        assert!(is_hashed_asset("/account-console-3f9a0c1d2e4b5a6_bg.wasm"));
        assert!(!is_hashed_asset("/standalone.js"));
        assert!(!is_hashed_asset("/developer/user-details"));
        assert!(!is_hashed_asset("/account-console.d.ts"));
        assert!(!is_hashed_asset("/developer/not-a-hash-xyzxyzxyz"));
    }

    #[test]
    fn reads_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; csrf_token=xyz; b=2"));
        assert_eq!(cookie(&headers, "csrf_token"), Some("xyz"));
        assert_eq!(cookie(&headers, "c"), None);
    }
}
