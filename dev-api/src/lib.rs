//! dev-api: the reference implementation of the Account Console backend contract
//! (`api/openapi.yaml`), with helpers that let a person or a test act as the phone and the
//! mailbox. In-memory; every restart starts empty.

mod api;
pub mod clock;
pub mod config;
mod dev;
pub mod device;
mod extract;
pub mod mask;
mod notices_api;
mod printer;
pub mod problem;
pub mod serve;
mod spa;
pub mod store;

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};

use config::Config;
pub use extract::{CSRF_HEADER, MAX_BODY_BYTES, TICKET_HEADER};
use problem::Problem;
use store::Store;

/// Password checks at once (Argon2id, 19 MiB each): more wait their turn, off the store.
const HASHING_AT_ONCE: usize = 2;

#[derive(Clone)]
pub struct AppState {
    store: Arc<Mutex<Store>>,
    hashing: Arc<tokio::sync::Semaphore>,
    config: Arc<Config>,
    csp: Arc<spa::Csp>,
    /// The notice page's (notice.html, a page of its own at `{basePath}/notice`).
    notice_csp: Arc<spa::Csp>,
}

impl AppState {
    /// The store. A panic while it was held (a bug, answered with a 500) does not lock
    /// every other session out: the state is used as that request left it.
    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

pub fn app(config: Config) -> Router {
    let index = config.dist.join("index.html");
    let notice = config.dist.join("notice.html");
    let state = AppState {
        notice_csp: Arc::new(spa::Csp::new(notice.clone())),
        store: Arc::new(Mutex::new(Store::new(config.rules.clone(), config.clock.clone(), config.print_messages))),
        hashing: Arc::new(tokio::sync::Semaphore::new(HASHING_AT_ONCE)),
        csp: Arc::new(spa::Csp::new(index.clone())),
        config: Arc::new(config.clone()),
    };
    let base_path = if config.base_path.is_empty() { "/".to_string() } else { config.base_path.clone() };
    // The build writes a .br and a .gz beside every asset: sent as they are, as a CDN would.
    let spa = tower::ServiceBuilder::new().layer(middleware::from_fn(spa::asset_caching)).service(
        ServeDir::new(&config.dist)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(ServeFile::new(&index).precompressed_br().precompressed_gzip()),
    );
    let api = api::routes().layer(middleware::from_fn_with_state(state.clone(), api::rotation_grace));
    let router = Router::new().nest(&config.api_base, api);
    let router = if config.dev_helpers { router.nest("/__dev", dev::routes()) } else { router };
    // The notice page needs no session and is a page of its own, under the app's base path.
    let notice_page = tower::ServiceBuilder::new()
        .layer(middleware::from_fn(spa::asset_caching))
        .service(ServeFile::new(&notice).precompressed_br().precompressed_gzip());
    let notice_path = format!("{}/notice", config.base_path);
    let router =
        router.route_service(&notice_path, notice_page.clone()).route_service(&format!("{notice_path}/"), notice_page);
    let router = router.route("/", get(move || async move { Redirect::temporary(&base_path) })).fallback_service(spa);
    let router = if config.dev_helpers { router.layer(middleware::from_fn(dev::loopback_host)) } else { router };
    router
        // A bug in a handler answers that request with a 500 problem; the server goes on.
        // Inside the security headers, so that answer carries them too.
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                contract::ProblemCode::InternalError,
                "The server failed on this request.",
            )
            .into_response()
        }))
        .layer(middleware::from_fn_with_state(state.clone(), spa::security_headers))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use axum::http::{header, HeaderMap, HeaderValue};

    use super::extract::cookie;
    use super::spa::{inline_elements, is_hashed_asset};

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
