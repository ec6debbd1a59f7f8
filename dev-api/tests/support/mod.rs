//! dev-api over real HTTP, as the contract tests use it: a server on an ephemeral port whose
//! clock the tests move, signed-in users with their cookies and full addresses, and every
//! request checked against `api/openapi.yaml` and read with the contract's own types.
#![allow(dead_code)]

use std::time::Duration;

use dev_api::clock::Clock;
use dev_api::config::{Config, Rules};
use serde_json::{json, Value};

use crate::openapi;

pub struct Server {
    pub base: String,
    /// dev-api's clock: tests move it instead of sleeping.
    pub clock: Clock,
}

pub fn start(rules: Rules, dist: Option<std::path::PathBuf>) -> Server {
    start_with(Config { rules, dist: dist.unwrap_or_else(|| "/nonexistent-dist".into()), ..Config::default() })
}

pub fn start_with(config: Config) -> Server {
    let config = Config { print_messages: false, ..config };
    let clock = config.clock.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            let limits = config.limits;
            dev_api::serve::serve(listener, dev_api::app(config), limits, std::future::pending()).await;
        });
    });
    let address = receiver.recv().unwrap();
    Server { base: format!("http://{address}"), clock }
}

pub fn fast_rules() -> Rules {
    Rules { resend_cooldown: Duration::from_millis(0), ..Rules::default() }
}

pub struct Response {
    pub status: u16,
    /// A new session id the answer set (a step-up rotates it).
    pub session: Option<String>,
    /// A new CSRF token the answer set (it rotates with the session).
    pub csrf: Option<String>,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub body: Value,
}

/// A signed-in browser: the session and CSRF cookies, and the full addresses of its account.
pub struct User {
    pub base: String,
    /// The `Accept-Language` its requests carry, if any.
    pub language: std::cell::RefCell<Option<String>>,
    /// The session cookie, as a browser keeps it: a new id an answer sets replaces it.
    pub session: std::cell::RefCell<String>,
    /// The CSRF cookie, replaced as the session's is.
    pub csrf: std::cell::RefCell<String>,
    pub addresses: Value,
}

/// Requests sent through [`send`], all tests together.
pub static SENT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub fn send(request: ureq::Request, body: Option<Value>) -> Response {
    SENT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let method = request.method().to_string();
    let path = openapi::path_of(request.url());
    let result = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let response = any_status(result);
    let status = response.status();
    let retry_after = response.header("retry-after").map(String::from);
    let cookie = |name: &str| {
        let prefix = format!("{name}=");
        response
            .all("set-cookie")
            .into_iter()
            .find_map(|c| c.strip_prefix(&prefix).map(|v| v.split(';').next().unwrap_or_default().to_string()))
    };
    let (session, csrf) = (cookie("ac_session"), cookie("csrf_token"));
    let content_type = response.content_type().to_string();
    let text = response.into_string().unwrap();
    if let Some(api) = path.strip_prefix(openapi::API_BASE) {
        the_app_reads(&method, api, status, &text);
    }
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    if let Err(e) = openapi::spec().check_answer(&method, &path, status, &content_type, &body) {
        panic!("an answer openapi.yaml does not describe: {e}");
    }
    Response { status, session, csrf, retry_after, content_type, body }
}

/// The app reads an answer of the API (`api`: the path under the base) with the contract's
/// types: a 2xx body into the type its client expects, anything else into a problem whose
/// code the contract knows (the app decodes each of those exhaustively).
pub fn the_app_reads(method: &str, api: &str, status: u16, text: &str) {
    use contract::json::{from_str, FromJson, Json, JsonError};
    use contract::{Account, Challenge, Events, Known, ProblemCode, SessionsEnded, Ticket};
    if !(200..300).contains(&status) {
        struct Code(Known<ProblemCode>);
        impl FromJson for Code {
            fn from_json(json: &Json) -> Result<Self, JsonError> {
                Ok(Code(json.known("code")?))
            }
        }
        let code = from_str::<Code>(text).unwrap_or_else(|e| panic!("{method} {api}: not a problem ({e}): {text}"));
        assert_ne!(code.0, Known::Other, "{method} {api}: a code the contract does not know: {text}");
        return;
    }
    let parts: Vec<&str> = api.trim_matches('/').split('/').collect();
    let read = match (method, parts.as_slice()) {
        ("GET", ["account"])
        | ("PUT", ["contact", _])
        | ("POST", ["contact", _, "verification", _, "verify"])
        | ("PUT", ["recovery", _])
        | ("PUT", ["login-email"]) => from_str::<Account>(text).map(drop),
        ("GET", ["account", "events"]) => from_str::<Events>(text).map(drop),
        ("POST", ["identity", "challenges"])
        | ("POST", ["contact", _, "verification"])
        | ("POST", ["recovery", _, "challenges"])
        | ("POST", ["login-email", "challenges"]) => from_str::<Challenge>(text).map(drop),
        ("POST", ["identity", "password"]) | ("POST", ["identity", "challenges", _, "verify"]) => {
            from_str::<Ticket>(text).map(drop)
        }
        ("POST", ["sessions", "end-others"]) | ("DELETE", ["sessions", _]) => from_str::<SessionsEnded>(text).map(drop),
        ("GET", ["sessions"]) => from_str::<contract::Sessions>(text).map(drop),
        ("POST", ["account", "changes", _, "cancel"]) => from_str::<contract::ChangeCancelled>(text).map(drop),
        ("POST", ["account", "changes", _, "finish"]) => from_str::<Account>(text).map(drop),
        ("POST", ["account", "changes", _, "keep"]) => from_str::<contract::ChangeKept>(text).map(drop),
        ("POST", ["notices", "lookup"]) => from_str::<contract::NoticeInfo>(text).map(drop),
        ("POST", ["notices", "address-challenges"]) | ("POST", ["notices", _, "challenges"]) => {
            from_str::<Challenge>(text).map(drop)
        }
        ("POST", ["notices", "address-challenges", _, "verify"]) => from_str::<contract::NoticeGrant>(text).map(drop),
        ("POST", ["notices", _, "actions"]) => from_str::<contract::NoticeOutcome>(text).map(drop),
        _ => Err(format!("no type of the contract's reads {method} {api}")),
    };
    if let Err(e) = read {
        panic!("the app cannot read the answer to {method} {api}: {e}\n{text}");
    }
}

/// Every field of the contract has its operations in dev-api and in `openapi.yaml` (every
/// answer is checked against it): a field added to `AccountField` without them fails here.
/// The response, whatever its status (ureq returns 4xx and 5xx as errors).
pub fn any_status(result: Result<ureq::Response, ureq::Error>) -> ureq::Response {
    match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("request failed: {e}"),
    }
}

pub fn set_cookie(response: &ureq::Response, name: &str) -> String {
    response
        .all("set-cookie")
        .into_iter()
        .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|v| v.split(';').next().unwrap().to_string()))
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

impl Server {
    pub fn login(&self, preset: &str) -> User {
        self.sign_in(json!({ "preset": preset }))
    }

    /// Another session of the same account, as a second browser would have.
    pub fn login_again(&self, user: &User) -> User {
        self.sign_in(json!({ "account_id": user.address("account_id") }))
    }

    pub fn sign_in(&self, body: Value) -> User {
        let response = ureq::post(&format!("{}/__dev/login", self.base)).send_json(body).unwrap();
        let session = set_cookie(&response, "ac_session");
        let csrf = set_cookie(&response, "csrf_token");
        let addresses: Value = response.into_json().unwrap();
        User { base: self.base.clone(), language: None.into(), session: session.into(), csrf: csrf.into(), addresses }
    }

    pub fn outbox(&self, to: &str) -> Vec<Value> {
        let r = send(ureq::get(&format!("{}/__dev/outbox", self.base)).query("to", to), None);
        r.body.as_array().unwrap().clone()
    }

    pub fn last_code(&self, to: &str) -> String {
        let messages = self.outbox(to);
        messages.last().unwrap_or_else(|| panic!("nothing sent to {to}"))["code"].as_str().unwrap().to_string()
    }
}

impl User {
    pub fn address(&self, name: &str) -> String {
        self.addresses[name].as_str().unwrap().to_string()
    }

    pub fn request(&self, method: &str, path: &str) -> ureq::Request {
        self.signed(ureq::request(method, &format!("{}/api/v1{path}", self.base)))
    }

    fn signed(&self, request: ureq::Request) -> ureq::Request {
        let request = request
            .set("cookie", &format!("ac_session={}; csrf_token={}", self.session.borrow(), self.csrf.borrow()))
            .set("x-csrf-token", &self.csrf.borrow());
        match self.language.borrow().as_deref() {
            Some(language) => request.set("accept-language", language),
            None => request,
        }
    }

    /// From now on its requests ask for `language` (`Accept-Language`).
    pub fn speaks(&self, language: &str) {
        *self.language.borrow_mut() = Some(language.to_string());
    }

    /// A dev helper, signed in as this user: `POST /__dev/{path}`.
    pub fn dev(&self, path: &str, body: Value) -> Response {
        send(self.signed(ureq::post(&format!("{}/__dev/{path}", self.base))), Some(body))
    }

    /// Keeps the session id an answer set, as a browser does.
    pub fn follow(&self, response: Response) -> Response {
        if let Some(session) = &response.session {
            *self.session.borrow_mut() = session.clone();
        }
        if let Some(csrf) = &response.csrf {
            *self.csrf.borrow_mut() = csrf.clone();
        }
        response
    }

    pub fn get(&self, path: &str) -> Response {
        self.follow(send(self.request("GET", path), None))
    }

    pub fn post(&self, path: &str, body: Value) -> Response {
        self.follow(send(self.request("POST", path), Some(body)))
    }

    pub fn put(&self, path: &str, body: Value) -> Response {
        self.follow(send(self.request("PUT", path), Some(body)))
    }

    pub fn with_ticket(&self, method: &str, path: &str, ticket: &str, body: Value) -> Response {
        self.follow(send(self.request(method, path).set("x-identity-ticket", ticket), Some(body)))
    }

    /// Verifies identity by SMS to the recovery mobile and returns the ticket.
    pub fn ticket(&self, server: &Server) -> String {
        let challenge = self.post("/identity/challenges", json!({ "method": "sms" }));
        assert_eq!(challenge.status, 201, "{:?}", challenge.body);
        let code = server.last_code(&self.address("recovery_mobile"));
        let id = challenge.body["challenge_id"].as_str().unwrap();
        let verified = self.post(&format!("/identity/challenges/{id}/verify"), json!({ "code": code }));
        assert_eq!(verified.status, 200, "{:?}", verified.body);
        verified.body["ticket"].as_str().unwrap().to_string()
    }
}

pub fn wrong_code(right: &str) -> String {
    let n: u32 = right.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

pub fn assert_problem(response: &Response, status: u16, code: &str) {
    assert_eq!(response.status, status, "{:?}", response.body);
    assert_eq!(response.content_type, "application/problem+json");
    assert_eq!(response.body["code"], code, "{:?}", response.body);
    assert_eq!(response.body["status"], status);
}
