//! The backend contract, exercised over real HTTP against a dev-api on an ephemeral port.

use std::time::Duration;

use dev_api::config::{Config, Rules};
use serde_json::{json, Value};

struct Server {
    base: String,
}

fn start(rules: Rules, dist: Option<std::path::PathBuf>) -> Server {
    let config = Config {
        rules,
        print_messages: false,
        dist: dist.unwrap_or_else(|| "/nonexistent-dist".into()),
        ..Config::default()
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            dev_api::serve(listener, config).await.unwrap();
        });
    });
    let address = receiver.recv().unwrap();
    Server { base: format!("http://{address}") }
}

fn fast_rules() -> Rules {
    Rules { resend_cooldown: Duration::from_millis(0), ..Rules::default() }
}

struct Response {
    status: u16,
    retry_after: Option<String>,
    content_type: String,
    body: Value,
}

/// A signed-in browser: the session and CSRF cookies, and the full addresses of its account.
struct User {
    base: String,
    session: String,
    csrf: String,
    addresses: Value,
}

fn send(request: ureq::Request, body: Option<Value>) -> Response {
    let result = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("request failed: {e}"),
    };
    let status = response.status();
    let retry_after = response.header("retry-after").map(String::from);
    let content_type = response.content_type().to_string();
    let text = response.into_string().unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Response { status, retry_after, content_type, body }
}

fn set_cookie(response: &ureq::Response, name: &str) -> String {
    response
        .all("set-cookie")
        .into_iter()
        .find_map(|c| c.strip_prefix(&format!("{name}=")).map(|v| v.split(';').next().unwrap().to_string()))
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

impl Server {
    fn login(&self, preset: &str) -> User {
        let response = ureq::post(&format!("{}/__dev/login", self.base)).send_json(json!({ "preset": preset })).unwrap();
        let session = set_cookie(&response, "ac_session");
        let csrf = set_cookie(&response, "csrf_token");
        let addresses: Value = response.into_json().unwrap();
        User { base: self.base.clone(), session, csrf, addresses }
    }

    fn outbox(&self, to: &str) -> Vec<Value> {
        let r = send(ureq::get(&format!("{}/__dev/outbox", self.base)).query("to", to), None);
        r.body.as_array().unwrap().clone()
    }

    fn last_code(&self, to: &str) -> String {
        let messages = self.outbox(to);
        messages.last().unwrap_or_else(|| panic!("nothing sent to {to}"))["code"].as_str().unwrap().to_string()
    }
}

impl User {
    fn address(&self, name: &str) -> String {
        self.addresses[name].as_str().unwrap().to_string()
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        ureq::request(method, &format!("{}/api/v1{path}", self.base))
            .set("cookie", &format!("ac_session={}; csrf_token={}", self.session, self.csrf))
            .set("x-csrf-token", &self.csrf)
    }

    fn get(&self, path: &str) -> Response {
        send(self.request("GET", path), None)
    }

    fn post(&self, path: &str, body: Value) -> Response {
        send(self.request("POST", path), Some(body))
    }

    fn put(&self, path: &str, body: Value) -> Response {
        send(self.request("PUT", path), Some(body))
    }

    fn with_ticket(&self, method: &str, path: &str, ticket: &str, body: Value) -> Response {
        send(self.request(method, path).set("x-identity-ticket", ticket), Some(body))
    }

    /// Verifies identity by SMS to the recovery mobile and returns the ticket.
    fn ticket(&self, server: &Server) -> String {
        let challenge = self.post("/identity/challenges", json!({ "method": "sms" }));
        assert_eq!(challenge.status, 201, "{:?}", challenge.body);
        let code = server.last_code(&self.address("recovery_mobile"));
        let id = challenge.body["challenge_id"].as_str().unwrap();
        let verified = self.post(&format!("/identity/challenges/{id}/verify"), json!({ "code": code }));
        assert_eq!(verified.status, 200, "{:?}", verified.body);
        verified.body["ticket"].as_str().unwrap().to_string()
    }
}

fn wrong_code(right: &str) -> String {
    let n: u32 = right.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

fn assert_problem(response: &Response, status: u16, code: &str) {
    assert_eq!(response.status, status, "{:?}", response.body);
    assert_eq!(response.content_type, "application/problem+json");
    assert_eq!(response.body["code"], code, "{:?}", response.body);
    assert_eq!(response.body["status"], status);
}

#[test]
fn login_presets_give_fresh_accounts_with_masked_values() {
    let server = start(Rules::default(), None);
    let a = server.login("default");
    let b = server.login("default");
    assert_ne!(a.address("recovery_mobile"), b.address("recovery_mobile"), "each account has its own addresses");

    let account = a.get("/account");
    assert_eq!(account.status, 200);
    let mobile = a.address("recovery_mobile");
    let masked = account.body["recovery_mobile"]["masked"].as_str().unwrap();
    assert!(masked.starts_with("+86 138****"), "{masked}");
    assert!(masked.ends_with(&mobile[mobile.len() - 4..]));
    assert!(!account.body.to_string().contains(&mobile), "the full number never reaches the browser");
    assert_eq!(account.body["contact_mobile"]["verified"], true);
    assert_eq!(account.body["contact_mobile"]["matches_recovery"], true);
    assert_eq!(account.body["identity_methods"], json!(["sms", "email"]));

    let no_login = server.login("no-login-email").get("/account");
    assert_eq!(no_login.body["login_email"], Value::Null);
    let no_recovery = server.login("no-recovery-email").get("/account");
    assert_eq!(no_recovery.body["recovery_email"], Value::Null);
    assert_eq!(no_recovery.body["identity_methods"], json!(["sms"]));
    let diverged = server.login("diverged").get("/account");
    assert_eq!(diverged.body["contact_mobile"]["matches_recovery"], false);
    let unverified = server.login("unverified-contact").get("/account");
    assert_eq!(unverified.body["contact_email"]["verified"], false);

    let unknown = send(ureq::post(&format!("{}/__dev/login", server.base)), Some(json!({ "preset": "nope" })));
    assert_problem(&unknown, 400, "invalid_request");
}

#[test]
fn sessions_and_csrf() {
    let server = start(Rules::default(), None);
    let anonymous = send(ureq::get(&format!("{}/api/v1/account", server.base)), None);
    assert_problem(&anonymous, 401, "unauthenticated");

    let user = server.login("default");
    let without_header = send(
        ureq::post(&format!("{}/api/v1/identity/challenges", server.base))
            .set("cookie", &format!("ac_session={}; csrf_token={}", user.session, user.csrf)),
        Some(json!({ "method": "sms" })),
    );
    assert_problem(&without_header, 403, "csrf_failed");
    let forged = send(
        ureq::post(&format!("{}/api/v1/identity/challenges", server.base))
            .set("cookie", &format!("ac_session={}; csrf_token=forged", user.session))
            .set("x-csrf-token", "forged"),
        Some(json!({ "method": "sms" })),
    );
    assert_problem(&forged, 403, "csrf_failed");
    assert!(server.outbox(&user.address("recovery_mobile")).is_empty(), "rejected requests send nothing");

    let expired = send(
        ureq::post(&format!("{}/__dev/expire-session", server.base)).set("cookie", &format!("ac_session={}", user.session)),
        None,
    );
    assert_eq!(expired.status, 204);
    assert_problem(&user.get("/account"), 401, "unauthenticated");

    let other = server.login("default");
    assert_problem(&other.get("/no-such-thing"), 404, "not_found");
    assert_problem(&other.post("/identity/challenges", json!({ "nope": 1 })), 400, "invalid_request");
}

#[test]
fn identity_codes_are_single_use_and_count_wrong_attempts() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let challenge = user.post("/identity/challenges", json!({ "method": "email" }));
    assert_eq!(challenge.status, 201);
    assert_eq!(challenge.body["masked_target"], format!("u***@example.com"));
    let email = user.address("recovery_email");
    let message = server.outbox(&email).pop().unwrap();
    assert_eq!(message["channel"], "email");
    assert_eq!(message["purpose"], "identity");
    let code = message["code"].as_str().unwrap().to_string();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));

    let id = challenge.body["challenge_id"].as_str().unwrap();
    let path = format!("/identity/challenges/{id}/verify");
    let wrong = user.post(&path, json!({ "code": wrong_code(&code) }));
    assert_problem(&wrong, 422, "invalid_code");
    assert_eq!(wrong.body["attempts_left"], 4);
    assert_problem(&user.post(&path, json!({ "code": "12ab" })), 422, "invalid_code_format");

    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let ok = user.post(&path, json!({ "code": spaced }));
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    assert!(ok.body["ticket"].as_str().unwrap().len() >= 32);
    assert!(ok.body["expires_at"].is_string());

    assert_problem(&user.post(&path, json!({ "code": code })), 404, "challenge_not_found");

    let unavailable = server.login("no-recovery-email").post("/identity/challenges", json!({ "method": "email" }));
    assert_problem(&unavailable, 422, "method_unavailable");
}

#[test]
fn a_code_dies_after_five_wrong_attempts() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let challenge = user.post("/identity/challenges", json!({ "method": "sms" }));
    let code = server.last_code(&user.address("recovery_mobile"));
    let path = format!("/identity/challenges/{}/verify", challenge.body["challenge_id"].as_str().unwrap());
    for left in (1..5).rev() {
        let wrong = user.post(&path, json!({ "code": wrong_code(&code) }));
        assert_eq!(wrong.body["attempts_left"], left);
    }
    assert_problem(&user.post(&path, json!({ "code": wrong_code(&code) })), 422, "too_many_attempts");
    assert_problem(&user.post(&path, json!({ "code": code })), 422, "too_many_attempts");
}

#[test]
fn codes_expire() {
    let server = start(Rules { code_ttl: Duration::from_millis(300), ..fast_rules() }, None);
    let user = server.login("default");
    let challenge = user.post("/identity/challenges", json!({ "method": "sms" }));
    let code = server.last_code(&user.address("recovery_mobile"));
    std::thread::sleep(Duration::from_millis(350));
    let path = format!("/identity/challenges/{}/verify", challenge.body["challenge_id"].as_str().unwrap());
    assert_problem(&user.post(&path, json!({ "code": code })), 410, "code_expired");
}

#[test]
fn resend_waits_for_the_cooldown_and_replaces_the_old_code() {
    let server = start(Rules { resend_cooldown: Duration::from_millis(400), ..Rules::default() }, None);
    let user = server.login("default");
    let first = user.post("/identity/challenges", json!({ "method": "sms" }));
    let first_code = server.last_code(&user.address("recovery_mobile"));
    let too_soon = user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_problem(&too_soon, 429, "resend_too_soon");
    assert_eq!(too_soon.retry_after.as_deref(), Some("1"));
    assert_eq!(too_soon.body["retry_after_s"], 1);

    std::thread::sleep(Duration::from_millis(450));
    let second = user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(second.status, 201);
    assert_eq!(server.outbox(&user.address("recovery_mobile")).len(), 2);
    let old = format!("/identity/challenges/{}/verify", first.body["challenge_id"].as_str().unwrap());
    assert_problem(&user.post(&old, json!({ "code": first_code })), 404, "challenge_not_found");
}

#[test]
fn daily_limit_per_target() {
    let server = start(Rules { daily_limit: 3, ..fast_rules() }, None);
    let user = server.login("default");
    for _ in 0..3 {
        assert_eq!(user.post("/identity/challenges", json!({ "method": "sms" })).status, 201);
    }
    let limited = user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_problem(&limited, 429, "daily_limit_reached");
    let retry: u64 = limited.retry_after.unwrap().parse().unwrap();
    assert!(retry > 23 * 3600 && retry <= 24 * 3600, "{retry}");
    // Another target is not affected.
    assert_eq!(user.post("/identity/challenges", json!({ "method": "email" })).status, 201);
}

#[test]
fn contact_change_asks_for_identity_then_needs_verifying() {
    let server = start(fast_rules(), None);
    let user = server.login("default");

    let invalid = user.put("/contact/mobile", json!({ "value": "+86 12345" }));
    assert_problem(&invalid, 422, "invalid_phone");
    assert_eq!(invalid.body["field"], "value");
    assert_problem(&user.put("/contact/email", json!({ "value": "not-an-email" })), 422, "invalid_email");
    let same = user.put("/contact/mobile", json!({ "value": user.address("contact_mobile") }));
    assert_problem(&same, 409, "same_as_current");

    let new_mobile = "+8613912345678";
    assert_problem(&user.put("/contact/mobile", json!({ "value": new_mobile })), 403, "identity_verification_required");
    assert_problem(
        &user.with_ticket("PUT", "/contact/mobile", "bogus", json!({ "value": new_mobile })),
        403,
        "identity_verification_required",
    );

    let ticket = user.ticket(&server);
    let changed = user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": "+86 139 1234 5678" }));
    assert_eq!(changed.status, 200, "{:?}", changed.body);
    assert_eq!(changed.body["contact_mobile"]["masked"], "+86 139****5678");
    assert_eq!(changed.body["contact_mobile"]["verified"], false);
    assert_eq!(changed.body["contact_mobile"]["matches_recovery"], false);

    let verification = user.post("/contact/mobile/verification", json!({}));
    assert_eq!(verification.status, 201);
    let message = server.outbox(new_mobile).pop().unwrap();
    assert_eq!(message["purpose"], "verify_contact");
    let id = verification.body["challenge_id"].as_str().unwrap();
    let verified = user.post(&format!("/contact/mobile/verification/{id}/verify"), json!({ "code": message["code"] }));
    assert_eq!(verified.status, 200, "{:?}", verified.body);
    assert_eq!(verified.body["contact_mobile"]["verified"], true);
    assert_problem(&user.post("/contact/mobile/verification", json!({})), 409, "already_verified");

    let events = user.get("/account/events").body["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["action"], "verified", "newest first");
    assert_eq!(events[1]["field"], "contact_mobile");
    assert_eq!(events[1]["new_masked"], "+86 139****5678");
}

#[test]
fn identity_tickets_expire() {
    let server = start(Rules { ticket_ttl: Duration::from_millis(300), ..fast_rules() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    std::thread::sleep(Duration::from_millis(350));
    let late = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "new@example.com" }));
    assert_problem(&late, 403, "identity_verification_required");
}

#[test]
fn copy_from_recovery_is_verified_at_once() {
    let server = start(fast_rules(), None);
    let user = server.login("diverged");
    let copied = user.put("/contact/email", json!({ "copy_from_recovery": true }));
    assert_eq!(copied.status, 200, "{:?}", copied.body);
    assert_eq!(copied.body["contact_email"]["verified"], true);
    assert_eq!(copied.body["contact_email"]["matches_recovery"], true);
    assert_eq!(copied.body["contact_email"]["masked"], copied.body["recovery_email"]["masked"]);
    assert_problem(&user.put("/contact/email", json!({ "copy_from_recovery": true })), 409, "same_as_current");
    let no_recovery = server.login("no-recovery-email");
    assert_problem(&no_recovery.put("/contact/email", json!({ "copy_from_recovery": true })), 409, "no_recovery_value");
}

#[test]
fn recovery_change_sends_to_the_new_value_and_notifies_the_old() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let old = user.address("recovery_mobile");
    let new = "+85251234567";
    assert_problem(&user.post("/recovery/mobile/challenges", json!({ "value": new })), 403, "identity_verification_required");
    let ticket = user.ticket(&server);
    let challenge = user.with_ticket("POST", "/recovery/mobile/challenges", &ticket, json!({ "value": new }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    assert_eq!(challenge.body["masked_target"], "+852 5***4567");
    let code = server.last_code(new);
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": code });
    let done = user.with_ticket("PUT", "/recovery/mobile", &ticket, commit);
    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(done.body["recovery_mobile"]["masked"], "+852 5***4567");
    assert_eq!(done.body["contact_mobile"]["matches_recovery"], false);
    assert_eq!(done.body["notified"][0], format!("+86 138****{}", &old[old.len() - 4..]));

    let notice = server.outbox(&old).pop().unwrap();
    assert_eq!(notice["purpose"], "notify");
    assert_eq!(notice["code"], Value::Null);
    let event = &user.get("/account/events").body["events"][0];
    assert_eq!(event["field"], "recovery_mobile");
    assert_eq!(event["action"], "changed");
    assert_eq!(event["notified"].as_array().unwrap().len(), 1);

    // Identity codes now go to the new recovery mobile.
    user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(server.outbox(new).last().unwrap()["purpose"], "identity");
}

#[test]
fn login_email_bind_and_already_bound() {
    let server = start(fast_rules(), None);
    let user = server.login("no-login-email");
    let ticket = user.ticket(&server);
    let taken = user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "Taken@Example.com" }));
    assert_problem(&taken, 409, "already_bound");

    let address = "me@example.dev";
    let challenge = user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": address }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let message = server.outbox(address).pop().unwrap();
    assert_eq!(message["purpose"], "change_login_email");
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": wrong_code(message["code"].as_str().unwrap()) });
    assert_problem(&user.with_ticket("PUT", "/login-email", &ticket, commit), 422, "invalid_code");
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": message["code"] });
    let done = user.with_ticket("PUT", "/login-email", &ticket, commit);
    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(done.body["login_email"]["masked"], "m***@example.dev");
    assert_eq!(done.body["notified"], json!([]));
    assert_eq!(user.get("/account/events").body["events"][0]["action"], "bound");

    // Now bound to this account, the address is taken for everyone else.
    let other = server.login("default");
    let other_ticket = other.ticket(&server);
    let again = other.with_ticket("POST", "/login-email/challenges", &other_ticket, json!({ "value": address }));
    assert_problem(&again, 409, "already_bound");
}

#[test]
fn serves_the_app_with_history_fallback_and_a_strict_csp() {
    let dist = std::env::temp_dir().join(format!("dev-api-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html><style>body{margin:0}</style><script type=\"module\">boot()</script></html>").unwrap();
    std::fs::write(dist.join("index.html.br"), "precompressed index").unwrap();
    std::fs::write(dist.join("app.js"), "export {}").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), "wasm ".repeat(2000)).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.br"), "brotli bytes").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.gz"), "gzip bytes").unwrap();
    let server = start(Rules::default(), Some(dist));

    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let root = send(agent.get(&format!("{}/", server.base)), None);
    assert_eq!(root.status, 307);

    let deep = ureq::get(&format!("{}/developer/security?edit=login-email", server.base)).call().unwrap();
    assert_eq!(deep.status(), 200);
    let csp = deep.header("content-security-policy").unwrap().to_string();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(csp.contains("style-src 'self' 'sha256-"), "the inline style is allowed by its hash: {csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    assert!(deep.into_string().unwrap().contains("boot()"));

    let asset = ureq::get(&format!("{}/app.js", server.base)).call().unwrap();
    assert_eq!(asset.header("cache-control"), Some("no-cache"), "an unhashed name is revalidated");
    assert_eq!(asset.into_string().unwrap(), "export {}");
    let wasm = format!("{}/app-0123456789abcdef_bg.wasm", server.base);
    for (encoding, body) in [("br", "brotli bytes"), ("gzip", "gzip bytes")] {
        let compressed = ureq::get(&wasm).set("accept-encoding", encoding).call().unwrap();
        assert_eq!(compressed.header("content-encoding"), Some(encoding), "the precompressed file is sent");
        assert_eq!(compressed.header("cache-control"), Some("public, max-age=31536000, immutable"));
        assert_eq!(compressed.into_string().unwrap(), body, "as the build wrote it, not compressed again");
    }
    let plain = ureq::get(&wasm).set("accept-encoding", "identity").call().unwrap();
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.into_string().unwrap().len(), 10_000);
    let index = ureq::get(&format!("{}/developer/user-details", server.base)).set("accept-encoding", "br").call().unwrap();
    assert_eq!(index.header("content-encoding"), Some("br"), "every route's index.html is precompressed too");
    assert_eq!(index.header("cache-control"), Some("no-cache"));

    let signed_in = agent.get(&format!("{}/__dev/login?preset=diverged&redirect=/developer/security?edit=login-email", server.base)).call().unwrap();
    assert_eq!(signed_in.status(), 200);
    assert!(signed_in.all("set-cookie").iter().any(|c| c.starts_with("ac_session=")));
    let page = signed_in.into_string().unwrap();
    assert!(page.contains(r#"content="0;url=/developer/security?edit=login-email""#), "{page}");
    let offsite = agent.get(&format!("{}/__dev/login?redirect=//evil.example", server.base)).call().unwrap();
    assert!(offsite.into_string().unwrap().contains(r#"content="0;url=/developer""#));
    let quoted = agent.get(&format!("{}/__dev/login?redirect=/x%22%3E%3Cscript%3E", server.base)).call().unwrap();
    assert!(!quoted.into_string().unwrap().contains("<script>"), "the target is escaped");
}

/// Every route and every problem code of dev-api is written down in `api/openapi.yaml`.
#[test]
fn the_openapi_file_describes_every_route_and_error_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = std::fs::read_to_string(root.join("../api/openapi.yaml")).unwrap();
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let mut routes = 0;
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix(".route(\"") else { continue };
        let path = rest.split('"').next().unwrap();
        let path = path.replace("{id}", "{challenge_id}");
        let documented = if ["/login", "/expire-session", "/outbox", "/expire/{what}"].contains(&path.as_str()) {
            format!("/__dev{path}:")
        } else if path == "/" {
            continue;
        } else {
            format!("  {path}:")
        };
        assert!(spec.contains(&documented), "{documented} is not in openapi.yaml");
        routes += 1;
    }
    assert!(routes >= 14, "found only {routes} routes");

    let mut codes = Vec::new();
    for file in ["src/store.rs", "src/problem.rs", "src/lib.rs"] {
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        for (i, _) in source.match_indices("StatusCode::") {
            let after = &source[i + "StatusCode::".len()..];
            let status_end = after.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(0);
            let Some(rest) = after[status_end..].trim_start().strip_prefix(',') else { continue };
            if let Some(rest) = rest.trim_start().strip_prefix('"') {
                codes.push(rest.split('"').next().unwrap().to_string());
            }
        }
        for (i, _) in source.match_indices("rate_limited(") {
            let after = source[i + "rate_limited(".len()..].trim_start();
            if let Some(rest) = after.strip_prefix('"') {
                codes.push(rest.split('"').next().unwrap().to_string());
            }
        }
    }
    codes.sort();
    codes.dedup();
    assert!(codes.len() >= 15, "found only {codes:?}");
    let problem = spec.split("    Problem:").nth(1).expect("a Problem schema");
    let listed: Vec<&str> = problem
        .split("enum: [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("the Problem code enum")
        .split(',')
        .map(str::trim)
        .collect();
    for code in codes {
        assert!(listed.contains(&code.as_str()), "problem code {code} is not in the openapi.yaml Problem enum");
    }
}

#[test]
fn dev_helpers_expire_tickets_and_codes_on_demand() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let expire = |what: &str| {
        send(
            ureq::post(&format!("{}/__dev/expire/{what}", server.base)).set("cookie", &format!("ac_session={}", user.session)),
            None,
        )
    };
    assert_eq!(expire("identity").status, 204);
    let late = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "new@example.com" }));
    assert_problem(&late, 403, "identity_verification_required");

    let challenge = user.post("/identity/challenges", json!({ "method": "sms" }));
    let code = server.last_code(&user.address("recovery_mobile"));
    assert_eq!(expire("codes").status, 204);
    let path = format!("/identity/challenges/{}/verify", challenge.body["challenge_id"].as_str().unwrap());
    assert_problem(&user.post(&path, json!({ "code": code })), 410, "code_expired");
    assert_eq!(expire("nothing").status, 404);
}

/// An address that once made the masker slice inside a UTF-8 character, while the store's
/// lock was held: from then on every request of every session failed.
#[test]
fn no_input_takes_the_server_down_for_others() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let other = server.login("default");
    let ticket = user.ticket(&server);
    for value in ["+ab@bücher.de", "+alice@example.com"] {
        let changed = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": value }));
        assert!(changed.status < 500, "{value}: {:?}", changed.body);
        if changed.status == 200 {
            let masked = changed.body["contact_email"]["masked"].as_str().unwrap();
            assert!(masked.starts_with("+***@"), "the local part stays hidden: {masked}");
        }
    }
    assert_eq!(user.get("/account").status, 200);
    assert_eq!(other.get("/account").status, 200, "another session is still served");
}
