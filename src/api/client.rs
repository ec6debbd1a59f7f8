//! One request function and one small typed function per endpoint.

use std::future::Future;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, Response};

use contract::json::{self, FromJson};
use contract::validate::Code;
use contract::{
    Account, AccountField, Challenge, ChallengeId, ChangeCancelled, Events, IdentityMethod, IdentityTicket, Sessions,
    SessionsEnded, Ticket, Wire,
};

use super::body::Body;
use super::ApiError;
use crate::api::reconcile::{worth_checking, Change};
use crate::config::Config;
use crate::time::{retry_after_seconds, ServerClock};

/// The HTTP methods the contract uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

/// A request that answers 401 this soon after the app's own step-up is sent once more: it
/// left under the session's old id while the step-up gave it a new one.
const AFTER_STEP_UP_MS: f64 = 30_000.0;

/// The backend, as configured by the shell.
#[derive(Clone, Debug)]
pub struct Api {
    base: String,
    /// The app's language, sent as `Accept-Language`: what the backend writes for the user
    /// (the notices a change sends) is written in it.
    language: &'static str,
    csrf_cookie: String,
    csrf_header: String,
    timeout_ms: u32,
    /// The server's time, from the `Date` of its answers.
    pub clock: ServerClock,
    /// When this app's last step-up was answered (browser milliseconds), by every copy.
    stepped_up_at: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

fn read_cookie(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
    super::pick_cookie(&document.cookie().ok()?, name).map(str::to_string)
}

/// Aborts `controller` after `milliseconds` by a page timer calling its own bound `abort`:
/// no Rust closure to keep alive, and `page.clock` can move it. The timer's handle.
fn abort_after(controller: &web_sys::AbortController, milliseconds: u32) -> i32 {
    let Ok(abort) = js_sys::Reflect::get(controller, &JsValue::from_str("abort")) else { return 0 };
    set_timeout(&abort.unchecked_into::<js_sys::Function>().bind0(controller), milliseconds)
}

fn set_timeout(callback: &js_sys::Function, milliseconds: u32) -> i32 {
    web_sys::window()
        .and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(callback, milliseconds as i32).ok())
        .unwrap_or_default()
}

/// A request on its way: aborted when dropped before it finished; its deadline timer is
/// cleared either way.
struct InFlight {
    controller: Option<web_sys::AbortController>,
    timer: i32,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.timer);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

fn decode<T: FromJson>(text: &str) -> Result<T, ApiError> {
    json::from_str(text).map_err(|_| ApiError::Decode)
}

impl Api {
    pub fn new(config: &Config, language: &'static str) -> Self {
        Self {
            base: config.api_base.clone(),
            language,
            csrf_cookie: config.csrf_cookie.clone(),
            csrf_header: config.csrf_header.clone(),
            timeout_ms: config.request_timeout_ms,
            clock: ServerClock::default(),
            stepped_up_at: Default::default(),
        }
    }

    /// A step-up was just answered (the session has a new id from now on).
    fn note_step_up<T>(&self, answer: Result<T, ApiError>) -> Result<T, ApiError> {
        if answer.is_ok() {
            self.stepped_up_at.store(js_sys::Date::now() as u64, std::sync::atomic::Ordering::Relaxed);
        }
        answer
    }

    fn just_stepped_up(&self) -> bool {
        let at = self.stepped_up_at.load(std::sync::atomic::Ordering::Relaxed) as f64;
        at > 0.0 && js_sys::Date::now() - at < AFTER_STEP_UP_MS
    }

    /// The server's time now, in Unix milliseconds.
    pub fn now_ms(&self) -> f64 {
        self.clock.now(js_sys::Date::now())
    }

    /// The body of a 2xx answer, or the decoded error; the server's clock is read on the way.
    async fn read_text(&self, response: Response) -> Result<String, ApiError> {
        let headers = response.headers();
        let header = |name: &str| headers.get(name).ok().flatten();
        if let Some(date) = header("date") {
            self.clock.observe(&date, js_sys::Date::now());
        }
        let status = response.status();
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()),
            Err(_) => None,
        };
        let text = text.ok_or(ApiError::Network)?;
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            let wait = header("retry-after").and_then(|header| retry_after_seconds(&header, self.now_ms()));
            Err(ApiError::decode(status, wait, &text))
        }
    }

    /// Sends one request; decodes a 2xx body as `T` and anything else as an [`ApiError`].
    async fn fetch_json<T: FromJson>(
        &self,
        verb: Verb,
        path: &str,
        body: Option<String>,
        ticket: Option<&IdentityTicket>,
    ) -> Result<T, ApiError> {
        decode(&self.fetch_text(verb, path, body, ticket).await?)
    }

    /// The one request function: the body of a 2xx answer, or the decoded error. A 401
    /// right after the app's own step-up is tried once more, with the session's new cookies.
    /// Deliberately not generic, so there is one copy of it in the build.
    async fn fetch_text(
        &self,
        verb: Verb,
        path: &str,
        body: Option<String>,
        ticket: Option<&IdentityTicket>,
    ) -> Result<String, ApiError> {
        match self.fetch_once(verb, path, body.clone(), ticket).await {
            Err(ApiError::Unauthenticated) if self.just_stepped_up() => self.fetch_once(verb, path, body, ticket).await,
            answer => answer,
        }
    }

    async fn fetch_once(
        &self,
        verb: Verb,
        path: &str,
        body: Option<String>,
        ticket: Option<&IdentityTicket>,
    ) -> Result<String, ApiError> {
        let headers = web_sys::Headers::new().map_err(|_| ApiError::InvalidRequest)?;
        let set = |name: &str, value: &str| headers.set(name, value).map_err(|_| ApiError::InvalidRequest);
        set("Accept", "application/json, application/problem+json")?;
        set("Accept-Language", self.language)?;
        if verb != Verb::Get {
            if let Some(token) = read_cookie(&self.csrf_cookie) {
                set(&self.csrf_header, &token)?;
            }
        }
        if let Some(ticket) = ticket {
            set("X-Identity-Ticket", ticket.as_str())?;
        }
        // One controller, aborted by the deadline (a page timer, so tests can move it) or by
        // the drop guard when the work that awaits it is dropped (its component went away).
        // No `AbortSignal.any`: Safari before 17.4 and Firefox before 124 lack it.
        let controller = web_sys::AbortController::new().map_err(|_| ApiError::InvalidRequest)?;
        let init = web_sys::RequestInit::new();
        init.set_method(match verb {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Delete => "DELETE",
        });
        init.set_credentials(RequestCredentials::Include);
        init.set_signal(Some(&controller.signal()));
        if let Some(body) = &body {
            set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let timer = abort_after(&controller, self.timeout_ms);
        let mut in_flight = InFlight { controller: Some(controller.clone()), timer };
        let request = web_sys::Request::new_with_str_and_init(&format!("{}{}", self.base, path), &init)
            .map_err(|_| ApiError::InvalidRequest)?;
        let sent = web_sys::window().map(|w| JsFuture::from(w.fetch_with_request(&request)));
        let answer = match sent {
            Some(sent) => match sent.await.ok().and_then(|r| r.dyn_into::<Response>().ok()) {
                Some(response) => self.read_text(response).await,
                None => Err(ApiError::Network),
            },
            None => Err(ApiError::Network),
        };
        in_flight.controller = None;
        drop(in_flight);
        // Still awaited, so the drop guard did not abort it: an aborted signal here is the
        // deadline's.
        match answer {
            Err(ApiError::Network) if controller.signal().aborted() => Err(ApiError::Timeout),
            answer => answer,
        }
    }

    // A plain function returning the request's future: no extra state machine per type.
    fn send_json<'a, T: FromJson + 'a>(
        &'a self,
        verb: Verb,
        path: &'a str,
        body: Body<'_>,
        ticket: Option<&'a IdentityTicket>,
    ) -> impl Future<Output = Result<T, ApiError>> + 'a {
        self.fetch_json(verb, path, Some(body.to_json()), ticket)
    }

    /// `promise`, or `undefined` once the request deadline has passed.
    fn within_deadline(&self, promise: js_sys::Promise) -> js_sys::Promise {
        let deadline = js_sys::Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, self.timeout_ms);
        });
        js_sys::Promise::race(&js_sys::Array::of2(&promise, &deadline))
    }

    /// The account; `preloaded` is a promise of the response to a `GET /account` the shell
    /// started while the app was loading (the mount config's `accountResponse`). When that
    /// request failed or did not answer within the deadline, the app asks once more itself.
    pub async fn account(&self, preloaded: Option<js_sys::Promise>) -> Result<Account, ApiError> {
        let response = match preloaded {
            Some(promise) => JsFuture::from(self.within_deadline(promise))
                .await
                .ok()
                .and_then(|value| value.dyn_into::<web_sys::Response>().ok()),
            None => None,
        };
        let text = match response {
            Some(response) => self.read_text(response).await?,
            None => self.fetch_text(Verb::Get, "/account", None, None).await?,
        };
        decode(&text)
    }

    /// The answer to a change. When that answer was lost, or says the change is already
    /// there, the account is read again: if it shows `change` made on `before`, that is the
    /// answer after all.
    pub async fn reconcile(
        &self,
        answer: Result<Account, ApiError>,
        change: Change,
        before: &Account,
    ) -> Result<Account, ApiError> {
        match answer {
            Err(error) if worth_checking(&error) => match self.account(None).await {
                Ok(after) if change.is_in(before, &after) => Ok(after),
                _ => Err(error),
            },
            answer => answer,
        }
    }

    pub async fn events(&self) -> Result<Events, ApiError> {
        self.fetch_json(Verb::Get, "/account/events", None, None).await
    }

    /// A code by `method` (not the password) to a recovery address.
    pub async fn start_identity(&self, method: IdentityMethod) -> Result<Challenge, ApiError> {
        self.send_json(
            Verb::Post,
            "/identity/challenges",
            Body { method: Some(method.wire()), ..Body::default() },
            None,
        )
        .await
    }

    pub async fn verify_password(&self, password: &str) -> Result<Ticket, ApiError> {
        let body = Body { password: Some(password), ..Body::default() };
        self.note_step_up(self.send_json(Verb::Post, "/identity/password", body, None).await)
    }

    pub async fn verify_identity(&self, challenge_id: &ChallengeId, code: &Code) -> Result<Ticket, ApiError> {
        let path = format!("/identity/challenges/{}/verify", challenge_id.as_str());
        let body = Body { code: Some(code.as_str()), ..Body::default() };
        self.note_step_up(self.send_json(Verb::Post, &path, body, None).await)
    }

    /// Saves `value` as the contact value `field`.
    pub async fn set_contact(
        &self,
        field: AccountField,
        value: &str,
        ticket: Option<&IdentityTicket>,
    ) -> Result<Account, ApiError> {
        self.send_json(Verb::Put, field.path(), Body { value: Some(value), ..Body::default() }, ticket).await
    }

    /// Makes the contact value `field` the same as its recovery counterpart.
    pub async fn copy_contact_from_recovery(&self, field: AccountField) -> Result<Account, ApiError> {
        self.send_json(Verb::Put, field.path(), Body { copy_from_recovery: Some(true), ..Body::default() }, None).await
    }

    pub async fn start_contact_verification(&self, field: AccountField) -> Result<Challenge, ApiError> {
        self.send_json(Verb::Post, &format!("{}/verification", field.path()), Body::default(), None).await
    }

    pub async fn verify_contact(
        &self,
        field: AccountField,
        challenge_id: &ChallengeId,
        code: &Code,
    ) -> Result<Account, ApiError> {
        let path = format!("{}/verification/{}/verify", field.path(), challenge_id.as_str());
        self.send_json(Verb::Post, &path, Body { code: Some(code.as_str()), ..Body::default() }, None).await
    }

    /// Sends a code to `value`, the new value of the factor `field` (the ticket proves
    /// identity).
    pub async fn start_change(
        &self,
        field: AccountField,
        value: &str,
        ticket: &IdentityTicket,
    ) -> Result<Challenge, ApiError> {
        let body = Body { value: Some(value), ..Body::default() };
        self.send_json(Verb::Post, &format!("{}/challenges", field.path()), body, Some(ticket)).await
    }

    /// Saves the new value of the factor `field` the code `challenge_id` went to.
    pub async fn commit_change(
        &self,
        field: AccountField,
        challenge_id: &ChallengeId,
        code: &Code,
        ticket: &IdentityTicket,
    ) -> Result<Account, ApiError> {
        let body = Body { challenge_id: Some(challenge_id.as_str()), code: Some(code.as_str()), ..Body::default() };
        self.send_json(Verb::Put, field.path(), body, Some(ticket)).await
    }

    /// Calls off the change `change_id`, not in effect yet; the account after it.
    pub async fn cancel_change(&self, change_id: &str) -> Result<Account, ApiError> {
        let path = format!("/account/changes/{change_id}/cancel");
        self.send_json::<ChangeCancelled>(Verb::Post, &path, Body::default(), None).await.map(|c| c.account)
    }

    /// The account's sessions, this one first.
    pub async fn sessions(&self) -> Result<Sessions, ApiError> {
        self.fetch_json(Verb::Get, "/sessions", None, None).await
    }

    /// Signs out the account's session named `session_id` in the list, or with an empty one
    /// every other session (for a session that verified identity by code, or signed in
    /// moments ago).
    pub async fn end_sessions(&self, session_id: &str) -> Result<SessionsEnded, ApiError> {
        let (verb, path) = match session_id {
            "" => (Verb::Post, "/sessions/end-others".to_string()),
            id => (Verb::Delete, format!("/sessions/{}", contract::percent_encode(id))),
        };
        self.fetch_json(verb, &path, None, None).await
    }
}
