//! What a request of the API carries, read and checked before a handler runs: the signed-in
//! caller (session and CSRF), the identity ticket, the challenge its path names, and a JSON
//! body within bounds.

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use serde::de::DeserializeOwned;

use crate::problem::Problem;
use crate::store::{Caller, Lang};
use crate::AppState;

/// What a handler answers: its response, or a problem.
pub(crate) type ApiResult = Result<axum::response::Response, Problem>;

/// A body that holds a code and nothing else.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodeBody {
    pub(crate) code: String,
}

pub const CSRF_HEADER: &str = "x-csrf-token";
pub const TICKET_HEADER: &str = "x-identity-ticket";

/// The largest request body the API reads; every request of the contract fits in far less.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// How much of a body over [`MAX_BODY_BYTES`] is still read (and dropped) before the 413, so
/// that a client or proxy that sends a whole body before reading the answer gets the answer
/// instead of a reset connection. A body announced larger than this is refused unread.
const DRAIN_BYTES: usize = 8 * 1024 * 1024;

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

pub(crate) fn header_text(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The signed-in caller. For requests that change something, also the CSRF double submit:
/// the header and the cookie both carry the session's token (see `Store::csrf_matches`).
pub(crate) struct Signed(pub(crate) Caller);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let session_id = cookie(&parts.headers, state.config.session_cookie()).ok_or_else(Problem::unauthenticated)?;
        let lang = Lang::from_accept_language(header_text(&parts.headers, header::ACCEPT_LANGUAGE).unwrap_or_default());
        let mut store = state.store();
        let caller = store.caller(session_id, lang).ok_or_else(Problem::unauthenticated)?;
        if parts.method != Method::GET && parts.method != Method::HEAD {
            let matches = |v: Option<&str>| v.is_some_and(|v| store.csrf_matches(session_id, v));
            let header = header_text(&parts.headers, CSRF_HEADER);
            if !matches(header) || !matches(cookie(&parts.headers, state.config.csrf_cookie())) {
                return Err(Problem::csrf_failed());
            }
        }
        Ok(Signed(caller))
    }
}

/// The identity ticket the request carries (`X-Identity-Ticket`), if any.
pub(crate) struct TicketHeader(Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for TicketHeader {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        Ok(TicketHeader(header_text(&parts.headers, TICKET_HEADER).map(str::to_string)))
    }
}

impl TicketHeader {
    pub(crate) fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// The path parameter `name`.
async fn in_path<S: Send + Sync>(parts: &mut Parts, state: &S, name: &str) -> Result<String, Problem> {
    let missing = || Problem::invalid_request(format!("The path does not name a `{name}`."));
    let params = RawPathParams::from_request_parts(parts, state).await.map_err(|_| missing())?;
    let value = params.iter().find(|(param, _)| *param == name).map(|(_, value)| value.to_string());
    value.ok_or_else(missing)
}

/// The challenge a path's `{id}` names.
pub(crate) struct ChallengeInPath(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for ChallengeInPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        in_path(parts, state, "id").await.map(ChallengeInPath)
    }
}

/// The change a path's `{change_id}` names.
pub(crate) struct ChangeInPath(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for ChangeInPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        in_path(parts, state, "change_id").await.map(ChangeInPath)
    }
}

/// The session a path's `{session_id}` names (its name in the list, never a cookie).
pub(crate) struct SessionInPath(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for SessionInPath {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        in_path(parts, state, "session_id").await.map(SessionInPath)
    }
}

/// A JSON request body: at most [`MAX_BODY_BYTES`] (413), `application/json` when not empty
/// (415), well-formed with no unknown fields (400 naming the field). An empty body is `{}`.
pub(crate) struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Problem> {
        let headers = request.headers();
        let declared = header_text(headers, header::CONTENT_LENGTH).and_then(|v| v.parse::<usize>().ok());
        // A client that waits for `100 Continue` sends nothing more once refused.
        let waits = header_text(headers, header::EXPECT).is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
        if declared.is_some_and(|n| n > DRAIN_BYTES || (n > MAX_BODY_BYTES && waits)) {
            return Err(Problem::payload_too_large());
        }
        let is_json = header_text(headers, header::CONTENT_TYPE).is_some_and(is_json_media_type);
        // A body that trickles in holds a connection: it has as long as a request's head.
        let body = tokio::time::timeout(state.config.limits.read_timeout, read_body(request.into_body()))
            .await
            .map_err(|_| Problem::request_timeout())??;
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
