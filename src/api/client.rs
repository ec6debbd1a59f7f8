//! One request function and one small typed function per endpoint.

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::JsCast;
use web_sys::RequestCredentials;

use super::types::{Account, Challenge, Events, Ticket};
use super::ApiError;
use crate::config::Config;

/// The backend, as configured by the shell.
#[derive(Clone, Debug)]
pub struct Api {
    base: String,
    csrf_cookie: String,
    csrf_header: String,
}

/// Which contact or recovery value an endpoint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Mobile,
    Email,
}

impl Kind {
    fn segment(self) -> &'static str {
        match self {
            Kind::Mobile => "mobile",
            Kind::Email => "email",
        }
    }
}

fn read_cookie(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
    let cookies = document.cookie().ok()?;
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

impl Api {
    pub fn new(config: &Config) -> Self {
        Self {
            base: config.api_base.clone(),
            csrf_cookie: config.csrf_cookie.clone(),
            csrf_header: config.csrf_header.clone(),
        }
    }

    /// Sends one request; decodes a 2xx body as `T` and anything else as an [`ApiError`].
    async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
        ticket: Option<&str>,
    ) -> Result<T, ApiError> {
        let mut builder = RequestBuilder::new(&format!("{}{}", self.base, path))
            .method(method.clone())
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json, application/problem+json");
        if method != Method::GET {
            if let Some(token) = read_cookie(&self.csrf_cookie) {
                builder = builder.header(&self.csrf_header, &token);
            }
        }
        if let Some(ticket) = ticket {
            builder = builder.header("X-Identity-Ticket", ticket);
        }
        let request = match body {
            Some(body) => builder.json(&body).map_err(|_| ApiError::InvalidRequest)?,
            None => builder.build().map_err(|_| ApiError::InvalidRequest)?,
        };
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        if (200..300).contains(&status) {
            serde_json::from_str(&text).map_err(|_| ApiError::Server { status })
        } else {
            let retry_after = response.headers().get("retry-after");
            Err(ApiError::decode(status, retry_after.as_deref(), &text))
        }
    }

    async fn post<T: DeserializeOwned>(&self, path: &str, body: impl Serialize, ticket: Option<&str>) -> Result<T, ApiError> {
        let body = serde_json::to_value(body).map_err(|_| ApiError::InvalidRequest)?;
        self.request(Method::POST, path, Some(body), ticket).await
    }

    async fn put<T: DeserializeOwned>(&self, path: &str, body: impl Serialize, ticket: Option<&str>) -> Result<T, ApiError> {
        let body = serde_json::to_value(body).map_err(|_| ApiError::InvalidRequest)?;
        self.request(Method::PUT, path, Some(body), ticket).await
    }

    pub async fn account(&self) -> Result<Account, ApiError> {
        self.request(Method::GET, "/account", None, None).await
    }

    pub async fn events(&self) -> Result<Events, ApiError> {
        self.request(Method::GET, "/account/events", None, None).await
    }

    /// `method`: `sms` or `email`, from `Account::identity_methods`.
    pub async fn start_identity(&self, method: &str) -> Result<Challenge, ApiError> {
        self.post("/identity/challenges", json!({ "method": method }), None).await
    }

    pub async fn verify_identity(&self, challenge_id: &str, code: &str) -> Result<Ticket, ApiError> {
        self.post(&format!("/identity/challenges/{challenge_id}/verify"), json!({ "code": code }), None).await
    }

    pub async fn set_contact(&self, kind: Kind, value: &str, ticket: Option<&str>) -> Result<Account, ApiError> {
        self.put(&format!("/contact/{}", kind.segment()), json!({ "value": value }), ticket).await
    }

    pub async fn copy_contact_from_recovery(&self, kind: Kind) -> Result<Account, ApiError> {
        self.put(&format!("/contact/{}", kind.segment()), json!({ "copy_from_recovery": true }), None).await
    }

    pub async fn start_contact_verification(&self, kind: Kind) -> Result<Challenge, ApiError> {
        self.post(&format!("/contact/{}/verification", kind.segment()), json!({}), None).await
    }

    pub async fn verify_contact(&self, kind: Kind, challenge_id: &str, code: &str) -> Result<Account, ApiError> {
        let path = format!("/contact/{}/verification/{challenge_id}/verify", kind.segment());
        self.post(&path, json!({ "code": code }), None).await
    }

    pub async fn start_recovery_change(&self, kind: Kind, value: &str, ticket: &str) -> Result<Challenge, ApiError> {
        self.post(&format!("/recovery/{}/challenges", kind.segment()), json!({ "value": value }), Some(ticket)).await
    }

    pub async fn commit_recovery_change(&self, kind: Kind, challenge_id: &str, code: &str, ticket: &str) -> Result<Account, ApiError> {
        let body = json!({ "challenge_id": challenge_id, "code": code });
        self.put(&format!("/recovery/{}", kind.segment()), body, Some(ticket)).await
    }

    pub async fn start_login_email_change(&self, value: &str, ticket: &str) -> Result<Challenge, ApiError> {
        self.post("/login-email/challenges", json!({ "value": value }), Some(ticket)).await
    }

    pub async fn commit_login_email_change(&self, challenge_id: &str, code: &str, ticket: &str) -> Result<Account, ApiError> {
        let body = json!({ "challenge_id": challenge_id, "code": code });
        self.put("/login-email", body, Some(ticket)).await
    }
}
