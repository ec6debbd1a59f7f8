//! Serving the built app: its strict CSP (inline scripts and styles by hash), security
//! headers, and caching by whether a file's name carries the build's hash.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::AppState;

/// A strict CSP for the SPA: scripts and styles only from this origin plus the exact inline
/// ones that index.html carries (by hash), wasm compilation but no eval.
pub(crate) fn content_security_policy(index_html: Option<&str>) -> HeaderValue {
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
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'self'",
        hashes("script"),
        hashes("style"),
    );
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
}

/// Contents of `<tag>` elements without a `src` attribute (inline scripts or styles).
pub(crate) fn inline_elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
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

pub(crate) async fn security_headers(State(s): State<AppState>, request: Request, next: Next) -> Response {
    // The notice page is opened from a link whose token must reach no other site: nothing
    // it loads or links to learns where it came from.
    let notice = request.uri().path().trim_end_matches('/') == format!("{}/notice", s.config.base_path);
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = is_html.then(|| if notice { s.notice_csp.current() } else { s.csp.current() });
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let referrer = if notice { "no-referrer" } else { "same-origin" };
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static(referrer));
    if let Some(csp) = csp {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if s.config.secure_cookies {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
        headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    }
    response
}

/// The CSP of the index.html being served: its inline scripts' and styles' hashes, read
/// again when the file changes, so that a rebuild under a running dev-api keeps working.
pub(crate) struct Csp {
    index: std::path::PathBuf,
    seen: std::sync::Mutex<(Option<std::time::SystemTime>, HeaderValue)>,
}

impl Csp {
    pub(crate) fn new(index: std::path::PathBuf) -> Self {
        let csp = Csp { index, seen: std::sync::Mutex::new((None, content_security_policy(None))) };
        csp.current();
        csp
    }

    pub(crate) fn current(&self) -> HeaderValue {
        let modified = std::fs::metadata(&self.index).and_then(|m| m.modified()).ok();
        let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.0 != modified || modified.is_none() {
            let html = std::fs::read_to_string(&self.index).ok();
            *seen = (modified, content_security_policy(html.as_deref()));
        }
        seen.1.clone()
    }
}

/// Files whose name carries the build's content hash never change under that name: a year,
/// immutable. Everything else (index.html for every route, standalone.js) is revalidated.
pub(crate) async fn asset_caching(request: Request, next: Next) -> Response {
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
pub(crate) fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split(['.', '_']).next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}
