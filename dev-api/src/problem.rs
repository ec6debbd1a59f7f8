//! Errors as `application/problem+json` (RFC 9457), each with a stable machine `code`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::{IdentityMethod, ProblemCode, Wire};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub status: StatusCode,
    pub code: ProblemCode,
    pub detail: String,
    pub retry_after_s: Option<u64>,
    pub attempts_left: Option<u32>,
    pub field: Option<String>,
    /// For `identity_verification_required`: the identity methods that qualify for the change.
    pub methods: Option<Vec<IdentityMethod>>,
    /// Members a problem of this code carries besides (`allowed`, `hold_until`).
    pub extra: Box<[(&'static str, Value)]>,
}

impl Problem {
    pub fn new(status: StatusCode, code: ProblemCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            retry_after_s: None,
            attempts_left: None,
            field: None,
            methods: None,
            extra: Box::default(),
        }
    }
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ProblemCode::Unauthenticated, "Sign in to continue.")
    }
    pub fn csrf_failed() -> Self {
        Self::new(StatusCode::FORBIDDEN, ProblemCode::CsrfFailed, "The CSRF token is missing or does not match.")
    }
    pub fn identity_required() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ProblemCode::IdentityVerificationRequired,
            "Verify your identity to make this change.",
        )
    }
    /// Identity verification with one of `methods` is needed first.
    pub fn identity_required_by(methods: Vec<IdentityMethod>) -> Self {
        Self { methods: Some(methods), ..Self::identity_required() }
    }
    pub fn rate_limited(code: ProblemCode, detail: &str, retry_after_s: u64) -> Self {
        let mut problem = Self::new(StatusCode::TOO_MANY_REQUESTS, code, detail);
        problem.retry_after_s = Some(retry_after_s.max(1));
        problem
    }
    pub fn request_timeout() -> Self {
        Self::new(StatusCode::REQUEST_TIMEOUT, ProblemCode::InvalidRequest, "The request body did not arrive in time.")
    }
    pub fn invalid_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ProblemCode::InvalidRequest, detail)
    }
    pub fn not_found(detail: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, ProblemCode::NotFound, detail)
    }

    /// The problem for an answer the framework gave without a body of ours (a method the
    /// route does not have, a body too large, a path parameter that does not parse).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::METHOD_NOT_ALLOWED => {
                Self::new(status, ProblemCode::MethodNotAllowed, "This endpoint does not take this method.")
            }
            StatusCode::PAYLOAD_TOO_LARGE => Self::payload_too_large(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::unsupported_media_type(),
            StatusCode::NOT_FOUND => Self::not_found("No such endpoint."),
            s if s.is_client_error() => Self::new(s, ProblemCode::InvalidRequest, "The request is not valid."),
            s => Self::new(s, ProblemCode::InternalError, "The server failed on this request."),
        }
    }
    pub fn payload_too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, ProblemCode::PayloadTooLarge, "The request body is too large.")
    }
    pub fn unsupported_media_type() -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::UnsupportedMediaType,
            "Send the body as application/json.",
        )
    }

    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("type".into(), json!(format!("urn:account-console:problem:{}", self.code.wire())));
        body.insert("title".into(), json!(self.status.canonical_reason().unwrap_or("Error")));
        body.insert("status".into(), json!(self.status.as_u16()));
        body.insert("code".into(), json!(self.code));
        body.insert("detail".into(), json!(self.detail));
        if let Some(s) = self.retry_after_s {
            body.insert("retry_after_s".into(), json!(s));
        }
        if let Some(n) = self.attempts_left {
            body.insert("attempts_left".into(), json!(n));
        }
        if let Some(f) = &self.field {
            body.insert("field".into(), json!(f));
        }
        if let Some(methods) = &self.methods {
            body.insert("methods".into(), json!(methods.iter().map(|m| m.wire()).collect::<Vec<_>>()));
        }
        for (key, value) in self.extra.iter() {
            body.insert((*key).into(), value.clone());
        }
        Value::Object(body)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, serde_json::to_string(&self.body()).unwrap_or_default()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(s) = self.retry_after_s {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        response
    }
}
