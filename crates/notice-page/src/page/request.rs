//! The notice calls (no session, no cookies), and what a failed one says.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use contract::json::{from_str, FromJson, Json, JsonError};

use super::{Page, Step, P};
use crate::texts::T;

/// Why a request failed.
pub(super) enum Failure {
    Problem { code: String, attempts_left: Option<u32>, retry_after_s: Option<u64> },
    Network,
    Server,
}

struct ProblemBody {
    code: Option<String>,
    attempts_left: Option<u32>,
    retry_after_s: Option<u64>,
}

impl FromJson for ProblemBody {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ProblemBody {
            code: json.maybe("code")?,
            attempts_left: json.maybe("attempts_left")?,
            retry_after_s: json.maybe("retry_after_s")?,
        })
    }
}

impl Page {
    /// Writes what went wrong under the step's actions.
    pub(super) fn fail(self: &P, failure: Failure) {
        let message = match &failure {
            Failure::Problem { code, attempts_left, retry_after_s } => match code.as_str() {
                "notice_link_invalid" => return self.go(Step::Invalid),
                "invalid_code" => self.f(T::ErrCode, &[("n", &attempts_left.unwrap_or(0).to_string())]),
                "invalid_code_format" => self.t(T::ErrCodeFormat).into(),
                "code_expired" | "too_many_attempts" | "challenge_not_found" => self.t(T::ErrCodeDead).into(),
                "resend_too_soon" => self.f(T::ErrTooSoon, &[("s", &retry_after_s.unwrap_or(60).to_string())]),
                "daily_limit_reached" => self.t(T::ErrLimit).into(),
                "invalid_phone" | "invalid_email" => self.t(T::ErrAddress).into(),
                "action_not_allowed" => self.t(T::ErrNotAllowed).into(),
                "change_superseded" => self.t(T::ErrSuperseded).into(),
                "dispute_limit_reached" => self.t(T::ErrDisputeLimit).into(),
                _ => self.t(T::ErrServer).into(),
            },
            Failure::Network => self.t(T::ErrNetwork).into(),
            Failure::Server => self.t(T::ErrServer).into(),
        };
        {
            let mut state = self.state.borrow_mut();
            state.error = Some(message);
            state.busy = false;
        }
        let page = self.clone();
        spawn_local(async move { page.render(false) });
    }

    /// `POST {api}{path}` with a JSON body of `fields` (no session, no cookies).
    pub(super) async fn call<R: FromJson>(&self, path: &str, fields: &[(&str, &str)]) -> Result<R, Failure> {
        let body = js_sys::Object::new();
        for (name, value) in fields {
            let _ = js_sys::Reflect::set(&body, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        let body = js_sys::JSON::stringify(&body).map(String::from).unwrap_or_default();
        let headers = web_sys::Headers::new().map_err(|_| Failure::Network)?;
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("Accept", "application/json, application/problem+json");
        let _ = headers.set("Accept-Language", self.tag());
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body));
        let url = format!("{}{path}", self.api_base);
        let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(|_| Failure::Network)?;
        let window = web_sys::window().ok_or(Failure::Network)?;
        let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| Failure::Network)?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| Failure::Network)?;
        let text = JsFuture::from(response.text().map_err(|_| Failure::Network)?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or(Failure::Network)?;
        if response.ok() {
            return from_str(&text).map_err(|_| Failure::Server);
        }
        match from_str::<ProblemBody>(&text) {
            Ok(ProblemBody { code: Some(code), attempts_left, retry_after_s }) => {
                Err(Failure::Problem { code, attempts_left, retry_after_s })
            }
            _ => Err(Failure::Server),
        }
    }
}
