//! dev-api: the reference implementation of the Account Console backend contract
//! (`api/openapi.yaml`), with helpers that let a person or a test act as the phone and the
//! mailbox. In-memory; every restart starts empty.

pub mod clock;
pub mod config;
pub mod mask;
pub mod problem;
pub mod store;

use std::sync::{Arc, Mutex};

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
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
use subtle::ConstantTimeEq;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};

use config::Config;
use problem::Problem;
use store::{Caller, Kind, Purpose, Store};

pub const CSRF_HEADER: &str = "x-csrf-token";
pub const TICKET_HEADER: &str = "x-identity-ticket";

/// The largest request body the API reads; every request of the contract fits in far less.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

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
struct JsonBody<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, _: &S) -> Result<Self, Problem> {
        let headers = request.headers();
        let declared = header_text(headers, header::CONTENT_LENGTH).and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
            return Err(Problem::payload_too_large());
        }
        let is_json = header_text(headers, header::CONTENT_TYPE).is_some_and(is_json_media_type);
        let body = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| Problem::payload_too_large())?;
        if body.is_empty() {
            return parse_json(b"{}").map(JsonBody);
        }
        if !is_json {
            return Err(Problem::unsupported_media_type());
        }
        parse_json(&body).map(JsonBody)
    }
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
    ok(s.store().verify_identity(&caller, &id, &body.code)?)
}

async fn verify_password(
    State(s): State<AppState>,
    Signed(caller): Signed,
    JsonBody(body): JsonBody<PasswordBody>,
) -> ApiResult {
    ok(s.store().verify_password(&caller, &body.password)?)
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
    let purpose = Purpose::ChangeRecovery(kind(&k)?);
    created(s.store().start_change(&caller, purpose, &body.value, ticket(&headers))?)
}

async fn commit_recovery(
    State(s): State<AppState>,
    Path(k): Path<String>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<CommitBody>,
) -> ApiResult {
    let purpose = Purpose::ChangeRecovery(kind(&k)?);
    ok(s.store().commit_change(&caller, purpose, &body.challenge_id, &body.code, ticket(&headers))?)
}

async fn start_login_email(
    State(s): State<AppState>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<ValueBody>,
) -> ApiResult {
    created(s.store().start_change(&caller, Purpose::ChangeLoginEmail, &body.value, ticket(&headers))?)
}

async fn commit_login_email(
    State(s): State<AppState>,
    Signed(caller): Signed,
    headers: HeaderMap,
    JsonBody(body): JsonBody<CommitBody>,
) -> ApiResult {
    ok(s.store().commit_change(&caller, Purpose::ChangeLoginEmail, &body.challenge_id, &body.code, ticket(&headers))?)
}

async fn api_not_found() -> Problem {
    Problem::not_found("No such endpoint.")
}

/// Answers of the API and the dev helpers: never stored by a cache (they carry codes and
/// account data), and every error a problem+json, including those the router gives itself
/// (405 with its `Allow` header, a path that does not parse).
async fn api_answers(request: Request, next: Next) -> Response {
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

// ---- dev-only helpers ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    #[serde(default = "default_preset")]
    preset: String,
    /// Signs in to this existing account instead (a second session).
    account_id: Option<String>,
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

fn session_cookies(config: &Config, response: &mut Response, session_id: &str, csrf_token: &str) {
    let secure = if config.secure_cookies { "; Secure" } else { "" };
    let session = format!("{}={session_id}; Path=/; HttpOnly; SameSite=Lax{secure}", config.session_cookie());
    let csrf = format!("{}={csrf_token}; Path=/; SameSite=Strict{secure}", config.csrf_cookie());
    let headers = response.headers_mut();
    for value in [session, csrf] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.append(header::SET_COOKIE, v);
        }
    }
}

async fn dev_login(State(s): State<AppState>, JsonBody(body): JsonBody<LoginBody>) -> ApiResult {
    let mut store = s.store();
    let (session_id, csrf_token, addresses) = match &body.account_id {
        Some(account_id) => store.login_again(account_id)?,
        None => store.login(&body.preset)?,
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

/// Signs a browser in and sends it back under the app's base path. The way back is a page
/// with a meta refresh rather than a 303, so that the cookies survive dev proxies (such as
/// `trunk serve`) that follow redirects themselves.
async fn dev_login_redirect(State(s): State<AppState>, Query(q): Query<LoginQuery>) -> ApiResult {
    let (session_id, csrf_token, _) = s.store().login(&q.preset)?;
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

/// Expires the signed-in account's identity tickets (`what` = `identity`) or codes (`codes`).
async fn dev_expire(
    State(s): State<AppState>,
    Path(what): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, Problem> {
    let mut store = s.store();
    let account_id = cookie(&headers, s.config.session_cookie())
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

// ---- the SPA ----

/// A strict CSP for the SPA: scripts and styles only from this origin plus the exact inline
/// ones that index.html carries (by hash), wasm compilation but no eval.
fn content_security_policy(index_html: Option<&str>) -> HeaderValue {
    let hashes = |tag: &str| -> String {
        let inline = index_html.map(|html| inline_elements(html, tag)).unwrap_or_default();
        inline
            .iter()
            .map(|body| {
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
                )
            })
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
    let is_html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        headers.insert(header::CONTENT_SECURITY_POLICY, s.csp.clone());
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
        store: Arc::new(Mutex::new(Store::new(config.rules.clone(), config.clock.clone(), config.print_messages))),
        csp: content_security_policy(index_html.as_deref()),
        config: Arc::new(config.clone()),
    };
    let api = Router::new()
        .route("/account", get(get_account))
        .route("/account/events", get(get_events))
        .route("/identity/challenges", post(start_identity))
        .route("/identity/challenges/{id}/verify", post(verify_identity))
        .route("/identity/password", post(verify_password))
        .route("/contact/{kind}", put(put_contact))
        .route("/contact/{kind}/verification", post(start_contact_verification))
        .route("/contact/{kind}/verification/{id}/verify", post(verify_contact))
        .route("/recovery/{kind}/challenges", post(start_recovery))
        .route("/recovery/{kind}", put(commit_recovery))
        .route("/login-email/challenges", post(start_login_email))
        .route("/login-email", put(commit_login_email))
        .fallback(api_not_found)
        .layer(middleware::from_fn(api_answers));
    let dev = Router::new()
        .route("/login", post(dev_login).get(dev_login_redirect))
        .route("/expire-session", post(dev_expire_session))
        .route("/expire/{what}", post(dev_expire))
        .route("/outbox", get(dev_outbox))
        .route("/shell", get(dev_shell))
        .route("/shell/{*rest}", get(dev_shell))
        .layer(middleware::from_fn(api_answers));
    let base_path = if config.base_path.is_empty() { "/".to_string() } else { config.base_path.clone() };
    // The build writes a .br and a .gz beside every asset: sent as they are, as a CDN would.
    let spa = tower::ServiceBuilder::new().layer(middleware::from_fn(asset_caching)).service(
        ServeDir::new(&config.dist)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(&index).precompressed_br().precompressed_gzip()),
    );
    let router = Router::new().nest(&config.api_base, api);
    let router = if config.dev_helpers { router.nest("/__dev", dev) } else { router };
    router
        .route("/", get(move || async move { Redirect::temporary(&base_path) }))
        .fallback_service(spa)
        .layer(middleware::from_fn_with_state(state.clone(), security_headers))
        // A bug in a handler answers that request with a 500 problem; the server goes on.
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "The server failed on this request.")
                .into_response()
        }))
        .with_state(state)
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
