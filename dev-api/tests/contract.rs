//! The backend contract, exercised over real HTTP against a dev-api on an ephemeral port.
//! Every answer of the API and the dev helpers is checked against `api/openapi.yaml`: a
//! status the operation lists, its media type, a body its schema accepts. And the app reads
//! every one: a 2xx body into the contract's types, a problem into a code the contract knows.

mod openapi;

use std::time::Duration;

use dev_api::config::{Config, Rules};
use serde_json::{json, Value};

mod support;

use support::*;

#[test]
fn every_field_has_its_operations_in_the_backend_and_the_spec() {
    use contract::{AccountField, Lifecycle};
    let server = start(fast_rules(), None);
    let user = server.login("default");
    for field in AccountField::ALL {
        let path = field.path();
        let operations = match field.lifecycle() {
            Lifecycle::Contact => [("PUT", path.to_string()), ("POST", format!("{path}/verification"))],
            Lifecycle::Factor => [("POST", format!("{path}/challenges")), ("PUT", path.to_string())],
        };
        for (method, path) in operations {
            let answer = user.follow(send(user.request(method, &path), Some(json!({}))));
            assert!(
                answer.status != 404 && answer.status != 405,
                "{field:?}: {method} {path} answered {}",
                answer.status
            );
        }
    }
}

#[test]
fn the_spec_s_problem_codes_are_the_contract_s() {
    use contract::{ProblemCode, Wire};
    let spec: Vec<String> = openapi::spec().problem_codes();
    let ours: Vec<String> = ProblemCode::ALL.iter().map(|c| c.wire().to_string()).collect();
    assert_eq!(spec, ours, "api/openapi.yaml's Problem.code and contract::ProblemCode, in order");
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
    assert_eq!(account.body["identity_methods"], json!(["sms", "email", "password"]));

    let no_login = server.login("no-login-email").get("/account");
    assert_eq!(no_login.body["login_email"], Value::Null);
    let no_recovery = server.login("no-recovery-email").get("/account");
    assert_eq!(no_recovery.body["recovery_email"], Value::Null);
    assert_eq!(no_recovery.body["identity_methods"], json!(["sms", "password"]));
    let no_contact = server.login("no-contact").get("/account");
    assert_eq!((&no_contact.body["contact_mobile"], &no_contact.body["contact_email"]), (&Value::Null, &Value::Null));
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
            .set("cookie", &format!("ac_session={}; csrf_token={}", user.session.borrow(), user.csrf.borrow())),
        Some(json!({ "method": "sms" })),
    );
    assert_problem(&without_header, 403, "csrf_failed");
    let forged = send(
        ureq::post(&format!("{}/api/v1/identity/challenges", server.base))
            .set("cookie", &format!("ac_session={}; csrf_token=forged", user.session.borrow()))
            .set("x-csrf-token", "forged"),
        Some(json!({ "method": "sms" })),
    );
    assert_problem(&forged, 403, "csrf_failed");
    assert!(server.outbox(&user.address("recovery_mobile")).is_empty(), "rejected requests send nothing");

    let expired = send(
        ureq::post(&format!("{}/__dev/expire-session", server.base))
            .set("cookie", &format!("ac_session={}", user.session.borrow())),
        None,
    );
    assert_eq!(expired.status, 204);
    assert_problem(&user.get("/account"), 401, "unauthenticated");

    let other = server.login("default");
    assert_problem(&other.get("/no-such-thing"), 404, "not_found");
    let unknown = other.post("/identity/challenges", json!({ "method": "sms", "nope": 1 }));
    assert_problem(&unknown, 400, "invalid_request");
    assert_eq!(unknown.body["field"], "nope", "the unknown field is named");
    assert!(server.outbox(&other.address("recovery_mobile")).is_empty(), "nothing was sent for it");
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
    server.clock.advance(Duration::from_millis(300));
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

    server.clock.advance(Duration::from_millis(400));
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

    let new_mobile = "+8613912345678";
    assert_problem(&user.put("/contact/mobile", json!({ "value": new_mobile })), 403, "identity_verification_required");
    assert_problem(
        &user.with_ticket("PUT", "/contact/mobile", "bogus", json!({ "value": new_mobile })),
        403,
        "identity_verification_required",
    );

    let ticket = user.ticket(&server);
    let same = user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": user.address("contact_mobile") }));
    assert_problem(&same, 409, "same_as_current");
    let asked = user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": "+86 139 1234 5678" }));
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    // The current value stays as it was, verified; the new one waits for its code, which is
    // on its way already.
    let current = format!("+86 138****{}", &user.address("contact_mobile")[10..]);
    assert_eq!(asked.body["contact_mobile"]["masked"], current);
    assert_eq!(asked.body["contact_mobile"]["verified"], true);
    let pending = &asked.body["pending"]["contact_mobile"];
    assert_eq!(pending["masked"], "+86 139****5678");
    let message = server.outbox(new_mobile).pop().unwrap();
    assert_eq!(message["purpose"], "verify_contact");
    assert!(pending["challenge"]["challenge_id"].as_str().is_some(), "{pending:?}");

    // Asked again, a code goes again, to the value waiting.
    let verification = user.post("/contact/mobile/verification", json!({}));
    assert_eq!(verification.status, 201);
    assert_eq!(verification.body["masked_target"], "+86 139****5678");
    let message = server.outbox(new_mobile).pop().unwrap();
    let id = verification.body["challenge_id"].as_str().unwrap();
    let verified = user.post(&format!("/contact/mobile/verification/{id}/verify"), json!({ "code": message["code"] }));
    assert_eq!(verified.status, 200, "{:?}", verified.body);
    assert_eq!(verified.body["contact_mobile"]["masked"], "+86 139****5678");
    assert_eq!(verified.body["contact_mobile"]["verified"], true);
    assert_eq!(verified.body["pending"], json!({}), "nothing waits any more");
    assert_problem(&user.post("/contact/mobile/verification", json!({})), 409, "already_verified");

    let events = user.get("/account/events").body["events"].as_array().unwrap().clone();
    assert_eq!(events.len(), 2);
    assert_eq!((&events[0]["action"], &events[0]["state"]), (&json!("changed"), &json!("committed")), "newest first");
    assert_eq!((&events[1]["action"], &events[1]["state"]), (&json!("requested"), &json!("pending")));
    assert_eq!(events[1]["field"], "contact_mobile");
    assert_eq!(events[1]["new_masked"], "+86 139****5678");
    assert_eq!(events[0]["ref"], events[1]["ref"], "the request and its verification are one change");
}

#[test]
fn identity_tickets_expire() {
    let server = start(Rules { ticket_ttl: Duration::from_millis(300), ..fast_rules() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    server.clock.advance(Duration::from_millis(300));
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
    assert_problem(
        &user.post("/recovery/mobile/challenges", json!({ "value": new })),
        403,
        "identity_verification_required",
    );
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
    // Every address the account had to tell before the change: the previous number, the
    // recovery email and the login email.
    let old_masked = format!("+86 138****{}", &old[old.len() - 4..]);
    assert_eq!(done.body["notified"], json!([old_masked, "u***@example.com", "l***@example.com"]));
    // The number whose code authorised the change cannot undo it.
    assert_eq!(
        done.body["notices"][0],
        json!({ "masked": old_masked, "channel": "sms", "actions": ["confirm", "secure"] })
    );

    let notice = server.outbox(&old).pop().unwrap();
    assert_eq!(notice["purpose"], "notify");
    assert_eq!(notice["code"], Value::Null);
    let event = &user.get("/account/events").body["events"][0];
    assert_eq!(event["field"], "recovery_mobile");
    assert_eq!(event["action"], "changed");
    assert_eq!(event["notices"].as_array().unwrap().len(), 3);
    assert_eq!(event["authorised_by"], json!({ "method": "sms", "masked": old_masked }));
    assert_eq!(notice["ref"], event["ref"]);

    // Identity codes now go to the new recovery mobile.
    user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(server.outbox(new).last().unwrap()["purpose"], "identity");
}

#[test]
fn login_email_bind_and_already_bound() {
    let server = start(fast_rules(), None);
    let user = server.login("no-login-email");
    let ticket = user.ticket(&server);
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
    assert_eq!(done.body["notified"], json!(["+86 138****0002", "u***@example.com"]), "the recovery addresses");
    assert_eq!(user.get("/account/events").body["events"][0]["action"], "bound");

    // Now bound to this account, the address is taken for everyone else: said once the code
    // to it was entered, by whoever holds it.
    let other = server.login("default");
    let other_ticket = other.ticket(&server);
    let again = other.with_ticket("POST", "/login-email/challenges", &other_ticket, json!({ "value": address }));
    assert_eq!(again.status, 201, "{:?}", again.body);
    let code = server.last_code(address);
    let commit = json!({ "challenge_id": again.body["challenge_id"], "code": code });
    assert_problem(&other.with_ticket("PUT", "/login-email", &other_ticket, commit), 409, "already_bound");
    assert_eq!(user.get("/account").body["login_email"]["masked"], "m***@example.dev", "still the owner's");
}

#[test]
fn an_address_typed_two_ways_is_one_address() {
    let server = start(fast_rules(), None);
    let user = server.login("no-login-email");
    let ticket = user.ticket(&server);
    // é as one character, the domain in Chinese: stored and sent to in its canonical form.
    let challenge =
        user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "jos\u{e9}@例子.中国" }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let canonical = "jos\u{e9}@xn--fsqu00a.xn--fiqs8s";
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(canonical) });
    let done = user.with_ticket("PUT", "/login-email", &ticket, commit);
    assert_eq!(done.body["login_email"]["masked"], "j***@例子.中国", "shown as typed");

    // e and a combining accent, an ideographic full stop, capitals: the same address, taken.
    let other = server.login("default");
    let other_ticket = other.ticket(&server);
    let typed = "JOSE\u{301}@例子。中国";
    let again = other.with_ticket("POST", "/login-email/challenges", &other_ticket, json!({ "value": typed }));
    assert_eq!(again.status, 201, "{:?}", again.body);
    let commit = json!({ "challenge_id": again.body["challenge_id"], "code": server.last_code("JOS\u{c9}@xn--fsqu00a.xn--fiqs8s") });
    assert_problem(&other.with_ticket("PUT", "/login-email", &other_ticket, commit), 409, "already_bound");

    // Characters that cannot be seen are refused, not stored.
    for hidden in ["jos\u{e9}\u{200b}@example.com", "\u{202e}moc.elpmaxe@resu", "a@exa\u{ad}mple.com"] {
        let refused = other.with_ticket("POST", "/login-email/challenges", &other_ticket, json!({ "value": hidden }));
        assert_problem(&refused, 422, "invalid_email");
    }
}

#[test]
fn an_address_as_people_read_it_is_one_address_and_look_alikes_are_refused() {
    let server = start(fast_rules(), None);
    let owner = server.login("no-login-email");
    let ticket = owner.ticket(&server);
    let bind = |user: &support::User, ticket: &str, value: &str| {
        let challenge = user.with_ticket("POST", "/login-email/challenges", ticket, json!({ "value": value }));
        assert_eq!(challenge.status, 201, "{value}: {:?}", challenge.body);
        let canonical = contract::validate::normalize_email(value).unwrap();
        let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(&canonical) });
        user.with_ticket("PUT", "/login-email", ticket, commit)
    };
    assert_eq!(bind(&owner, &ticket, "straße@example.de").status, 200);
    // Case-folded, STRASSE is straße: taken (lower-casing alone would have let it through).
    let other = server.login("no-login-email");
    let other_ticket = other.ticket(&server);
    assert_problem(&bind(&other, &other_ticket, "STRASSE@example.de"), 409, "already_bound");

    // Invisible characters and separators, full-width letters, a domain of two alphabets.
    for look_alike in [
        "us\u{3164}er@example.com",
        "us\u{34f}er@example.com",
        "us\u{a0}er@example.com",
        "us\u{2028}er@example.com",
        "ｕｓｅｒ@example.com",
        "user@p\u{430}ypal.com",
        "user@xn--pypal-4ve.com",
    ] {
        let refused =
            other.with_ticket("POST", "/login-email/challenges", &other_ticket, json!({ "value": look_alike }));
        assert_problem(&refused, 422, "invalid_email");
    }
}

#[test]
fn a_ticket_cannot_sort_addresses_into_taken_and_free() {
    let server = start(fast_rules(), None);
    let user = server.login("no-login-email");
    let ticket = user.ticket(&server);
    let taken = user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "Taken@Example.com" }));
    let free = user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "free@example.com" }));
    let shape = |r: &Response| {
        let mut keys: Vec<String> = r.body.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        (r.status, r.content_type.clone(), keys)
    };
    assert_eq!(shape(&taken), shape(&free), "a taken address answers as a free one does");
    assert_eq!(taken.status, 201);
    // The current value is not told apart either, until its code is entered.
    let current = user.address("recovery_email");
    let same = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": current }));
    assert_eq!(shape(&same), shape(&free));
    let commit = json!({ "challenge_id": same.body["challenge_id"], "code": server.last_code(&current) });
    assert_problem(&user.with_ticket("PUT", "/recovery/email", &ticket, commit), 409, "same_as_current");
    // Each probe spends the account's budget like any send: twenty a day, then nothing.
    let mut sent = 3; // the three above (the identity code counts against the session's)
    while user
        .with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": format!("p{sent}@example.com") }))
        .status
        == 201
    {
        sent += 1;
    }
    assert_eq!(sent, 20);
}

#[test]
fn other_accounts_never_use_up_what_an_owner_needs_to_verify_an_address() {
    let server = start(fast_rules(), None);
    let owner = server.login("default");
    let address = owner.address("recovery_email");
    // Accounts that do not own the address send it codes until the address's shared cap
    // and each one's own budget run out.
    let mut foreign = 0;
    for _ in 0..4 {
        let sender = server.login("default");
        let ticket = sender.ticket(&server);
        while sender.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": address })).status
            == 201
        {
            foreign += 1;
        }
    }
    assert_eq!(foreign, 30, "ten a sender, thirty from all that do not own it");
    let own = owner.post("/identity/challenges", json!({ "method": "email" }));
    assert_eq!(own.status, 201, "the owner still verifies it: {:?}", own.body);
}

#[test]
fn serves_the_app_with_history_fallback_and_a_strict_csp() {
    let dist = std::env::temp_dir().join(format!("dev-api-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<html><style>body{margin:0}</style><script type=\"module\">boot()</script></html>",
    )
    .unwrap();
    std::fs::write(dist.join("index.html.br"), "precompressed index").unwrap();
    std::fs::write(dist.join("notice.html"), "<html><script type=\"module\">notice()</script></html>").unwrap();
    std::fs::write(dist.join("app.js"), "export {}").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), "wasm ".repeat(2000)).unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.br"), "brotli bytes").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm.gz"), "gzip bytes").unwrap();
    let server = start(Rules::default(), Some(dist.clone()));

    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let root = send(agent.get(&format!("{}/", server.base)), None);
    assert_eq!(root.status, 307);

    let deep = ureq::get(&format!("{}/developer/security?edit=login-email", server.base)).call().unwrap();
    assert_eq!(deep.status(), 200);
    let csp = deep.header("content-security-policy").unwrap().to_string();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(csp.contains("style-src 'self' 'sha256-"), "the inline style is allowed by its hash: {csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"), "{csp}");
    assert!(csp.contains("base-uri 'none'"), "{csp}");
    assert_eq!(deep.header("referrer-policy"), Some("same-origin"));
    assert!(deep.into_string().unwrap().contains("boot()"));
    // The notice page, opened from a link with its token, tells no other site where it came
    // from, under the same strict policy.
    let notice = ureq::get(&format!("{}/developer/notice", server.base)).call().unwrap();
    assert_eq!(notice.header("referrer-policy"), Some("no-referrer"));
    let notice_csp = notice.header("content-security-policy").unwrap().to_string();
    assert!(notice_csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{notice_csp}");
    assert_ne!(notice_csp, csp, "its own inline script's hash");
    assert!(notice.into_string().unwrap().contains("notice()"), "a page of its own");
    // A rebuild under the running server: the policy follows the index.html being served.
    std::fs::write(
        dist.join("index.html"),
        "<html><style>body{margin:1px}</style><script type=\"module\">bootAgain()</script></html>",
    )
    .unwrap();
    let later = std::fs::File::options().write(true).open(dist.join("index.html")).unwrap();
    later.set_modified(std::time::SystemTime::now() + Duration::from_secs(5)).unwrap();
    let rebuilt = ureq::get(&format!("{}/developer", server.base)).set("accept-encoding", "identity").call().unwrap();
    let new_csp = rebuilt.header("content-security-policy").unwrap().to_string();
    assert_ne!(new_csp, csp, "the hashes of the new inline script and style");
    assert!(rebuilt.into_string().unwrap().contains("bootAgain()"));

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
    let index =
        ureq::get(&format!("{}/developer/user-details", server.base)).set("accept-encoding", "br").call().unwrap();
    assert_eq!(index.header("content-encoding"), Some("br"), "every route's index.html is precompressed too");
    assert_eq!(index.header("cache-control"), Some("no-cache"));

    // The sign-in link is a page whose button posts: following it signs nobody in.
    let link = agent
        .get(&format!("{}/__dev/login?preset=diverged&redirect=/developer/security?edit=login-email", server.base))
        .call()
        .unwrap();
    assert_eq!(link.status(), 200);
    assert!(link.all("set-cookie").is_empty(), "a link alone signs nobody in");
    let form = link.into_string().unwrap();
    let action = "/__dev/login/browser?preset=diverged&amp;redirect=/developer/security%3Fedit%3Dlogin-email";
    assert!(form.contains(&format!(r#"<form method="post" action="{action}">"#)), "{form}");
    let browser = |query: &str| agent.post(&format!("{}/__dev/login/browser?{query}", server.base)).call().unwrap();
    let signed_in = browser("preset=diverged&redirect=/developer/security?edit=login-email");
    assert_eq!(signed_in.status(), 200);
    assert!(signed_in.all("set-cookie").iter().any(|c| c.starts_with("ac_session=")));
    let page = signed_in.into_string().unwrap();
    assert!(page.contains(r#"content="0;url=/developer/security?edit=login-email""#), "{page}");
    let offsite = browser("redirect=//evil.example");
    assert!(offsite.into_string().unwrap().contains(r#"content="0;url=/developer""#));
    let quoted = browser("redirect=/x%22%3E%3Cscript%3E");
    assert!(!quoted.into_string().unwrap().contains("<script>"), "the target is escaped");
}

#[test]
fn dev_helpers_answer_only_this_machine_and_this_site() {
    let server = start(fast_rules(), None);
    let request = |host: &str, extra: &str| {
        let head = format!("GET /__dev/outbox HTTP/1.1\r\nhost: {host}\r\n{extra}connection: close\r\n\r\n");
        raw_exchange(&server, head.as_bytes()).lines().next().unwrap_or_default().to_string()
    };
    // Every loopback address `--host` may listen on with the helpers.
    for own in ["127.0.0.1", "127.0.0.1:8081", "127.0.0.2:8081", "localhost:1234", "[::1]:8081", "LOCALHOST"] {
        assert!(request(own, "").starts_with("HTTP/1.1 200"), "{own}");
    }
    // A DNS name made to point at 127.0.0.1 (rebinding), another host, or none at all.
    for foreign in ["evil.example", "evil.example:8081", "127.0.0.1.evil.example", "localhost.evil.example:80", ""] {
        assert!(request(foreign, "").starts_with("HTTP/1.1 421"), "{foreign:?}");
    }
    let api = "GET /api/v1/account HTTP/1.1\r\nhost: evil.example\r\nconnection: close\r\n\r\n";
    assert!(raw_exchange(&server, api.as_bytes()).starts_with("HTTP/1.1 421"), "the API as well");
    // Another site, or another port of this machine (same-site), cannot use them.
    for from in ["cross-site", "same-site"] {
        let answer = request("127.0.0.1", &format!("sec-fetch-site: {from}\r\n"));
        assert!(answer.starts_with("HTTP/1.1 403"), "{from}: {answer}");
    }
    for from in ["same-origin", "none"] {
        let answer = request("127.0.0.1", &format!("sec-fetch-site: {from}\r\n"));
        assert!(answer.starts_with("HTTP/1.1 200"), "{from}: {answer}");
    }
}

#[test]
fn the_demo_shell_answers_every_path_under_it() {
    let server = start(fast_rules(), None);
    // A dot segment is gone before the request is sent: `/__dev/shell/.` is `/__dev/shell/`.
    for path in ["/__dev/shell/", "/__dev/shell/.", "/__dev/shell/anything"] {
        let answer = send(ureq::get(&format!("{}{path}", server.base)), None);
        assert_problem(&answer, 404, "not_found");
    }
}

#[test]
fn dev_helpers_expire_tickets_and_codes_on_demand() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let expire = |what: &str| {
        send(
            ureq::post(&format!("{}/__dev/expire/{what}", server.base))
                .set("cookie", &format!("ac_session={}", user.session.borrow())),
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
            let masked = changed.body["pending"]["contact_email"]["masked"].as_str().unwrap();
            assert!(masked.starts_with("+***@"), "the local part stays hidden: {masked}");
        }
    }
    assert_eq!(user.get("/account").status, 200);
    assert_eq!(other.get("/account").status, 200, "another session is still served");
}

/// Writes a request as it is and reads the whole answer (the connection is closed after it).
fn raw_exchange(server: &Server, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
    stream.write_all(request).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

// ---- abuse: cooldowns and budgets ----

#[test]
fn the_cooldown_is_per_account_and_purpose_whatever_the_target() {
    let server = start(Rules { resend_cooldown: Duration::from_secs(60), ..Rules::default() }, None);
    let user = server.login("default");
    assert_eq!(user.post("/identity/challenges", json!({ "method": "sms" })).status, 201);
    let switched = user.post("/identity/challenges", json!({ "method": "email" }));
    assert_problem(&switched, 429, "resend_too_soon");
    assert_eq!(switched.body["retry_after_s"], 60);
    assert!(server.outbox(&user.address("recovery_email")).is_empty(), "switching method sent nothing");

    server.clock.advance(Duration::from_secs(60));
    let ticket = user.ticket(&server);
    let first = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": "one@example.org" }));
    assert_eq!(first.status, 201, "{:?}", first.body);
    let other = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": "two@example.org" }));
    assert_problem(&other, 429, "resend_too_soon");
    assert!(server.outbox("two@example.org").is_empty(), "another target does not skip the wait");
    // Another purpose has a cooldown of its own.
    let login = user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "three@example.org" }));
    assert_eq!(login.status, 201, "{:?}", login.body);
}

#[test]
fn one_account_cannot_send_to_forty_new_addresses() {
    let server = start(
        Rules {
            session_idle: Duration::from_secs(48 * 3600),
            session_lifetime: Duration::from_secs(48 * 3600),
            ..fast_rules()
        },
        None,
    );
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let mut sent = 0; // the identity code counts against the session's budget
    let mut limited = None;
    for n in 0..40 {
        let r = user.with_ticket(
            "POST",
            "/recovery/email/challenges",
            &ticket,
            json!({ "value": format!("new{n}@example.org") }),
        );
        match r.status {
            201 => sent += 1,
            _ => {
                limited = Some(r);
                break;
            }
        }
    }
    assert_eq!(sent, 20, "20 codes per account per 24 h");
    let limited = limited.expect("the 21st send is refused");
    assert_problem(&limited, 429, "daily_limit_reached");
    let retry: u64 = limited.retry_after.unwrap().parse().unwrap();
    assert!(retry > 23 * 3600 && retry <= 24 * 3600, "{retry}");

    server.clock.advance(Duration::from_secs(24 * 3600));
    let next_day = user.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(next_day.status, 201, "the budget comes back after 24 h: {:?}", next_day.body);
}

#[test]
fn other_accounts_sends_never_use_up_the_owners_identity_codes() {
    let server = start(fast_rules(), None);
    let victim = server.login("default");
    let number = victim.address("recovery_mobile");
    let attacker = server.login("default");
    let ticket = attacker.ticket(&server);
    let mut refused = None;
    for _ in 0..12 {
        let r = attacker.with_ticket("POST", "/recovery/mobile/challenges", &ticket, json!({ "value": number }));
        if r.status != 201 {
            refused = Some(r);
            break;
        }
    }
    assert_problem(&refused.expect("the target's budget ends"), 429, "daily_limit_reached");
    assert_eq!(server.outbox(&number).len(), 10, "10 codes per target per 24 h");

    let own = victim.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(own.status, 201, "the owner still gets identity codes: {:?}", own.body);
}

#[test]
fn codes_and_tickets_compare_whole_values() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let challenge = user.post("/identity/challenges", json!({ "method": "sms" }));
    let code = server.last_code(&user.address("recovery_mobile"));
    let path = format!("/identity/challenges/{}/verify", challenge.body["challenge_id"].as_str().unwrap());
    assert_problem(&user.post(&path, json!({ "code": &code[..5] })), 422, "invalid_code_format");
    let ticket = user.post(&path, json!({ "code": code })).body["ticket"].as_str().unwrap().to_string();
    let prefix = &ticket[..ticket.len() - 1];
    let r = user.with_ticket("POST", "/recovery/email/challenges", prefix, json!({ "value": "p@example.org" }));
    assert_problem(&r, 403, "identity_verification_required");
    let csrf_prefix = send(
        ureq::post(&format!("{}/api/v1/identity/challenges", server.base))
            .set("cookie", &format!("ac_session={}; csrf_token={}", user.session.borrow(), &user.csrf.borrow()[..8]))
            .set("x-csrf-token", &user.csrf.borrow()[..8]),
        Some(json!({ "method": "sms" })),
    );
    assert_problem(&csrf_prefix, 403, "csrf_failed");
}

// ---- ticket first, tickets bound ----

#[test]
fn without_a_ticket_a_change_learns_nothing_about_current_values() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let probes = [
        ("POST", "/recovery/mobile/challenges", json!({ "value": user.address("recovery_mobile") })),
        ("POST", "/recovery/mobile/challenges", json!({ "value": "+8613912345678" })),
        ("POST", "/recovery/email/challenges", json!({ "value": user.address("recovery_email") })),
        ("POST", "/login-email/challenges", json!({ "value": user.address("login_email") })),
        ("POST", "/login-email/challenges", json!({ "value": "taken@example.com" })),
        ("PUT", "/contact/mobile", json!({ "value": user.address("contact_mobile") })),
        ("PUT", "/contact/email", json!({ "value": "someone@example.net" })),
    ];
    for (method, path, body) in probes {
        let answer = send(user.request(method, path), Some(body.clone()));
        assert_problem(&answer, 403, "identity_verification_required");
        let forged = user.with_ticket(method, path, "forged", body);
        assert_eq!(forged.body, answer.body, "{method} {path}: the same answer whatever the value");
    }
}

#[test]
fn tickets_belong_to_their_session_and_a_commit_uses_them_up() {
    let server = start(fast_rules(), None);
    let laptop = server.login("default");
    let phone = server.login_again(&laptop);
    assert_eq!(phone.get("/account").body["account_id"], laptop.address("account_id"), "one account, two sessions");
    let ticket = laptop.ticket(&server);
    let elsewhere =
        phone.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": "x@example.org" }));
    assert_problem(&elsewhere, 403, "identity_verification_required");

    let new = "mine@example.org";
    let challenge = laptop.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": new }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(new) });
    // By a code to the recovery mobile: it cools off, and uses the ticket up all the same.
    assert_eq!(laptop.with_ticket("PUT", "/recovery/email", &ticket, commit).status, 202);
    let again =
        laptop.with_ticket("POST", "/recovery/mobile/challenges", &ticket, json!({ "value": "+8613912345678" }));
    assert_problem(&again, 403, "identity_verification_required");

    // A ticket ends with its session, even while the account stays signed in elsewhere.
    let ticket = laptop.ticket(&server);
    send(
        ureq::post(&format!("{}/__dev/expire-session", server.base))
            .set("cookie", &format!("ac_session={}", laptop.session.borrow())),
        None,
    );
    assert_problem(&laptop.get("/account"), 401, "unauthenticated");
    assert_eq!(phone.get("/account").status, 200);
    let after = phone.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "n@example.org" }));
    assert_problem(&after, 403, "identity_verification_required");
}

#[test]
fn a_step_up_gives_the_session_a_new_id_and_the_old_one_stops_working_once_the_new_one_is_used() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let before = user.session.borrow().clone();
    let with = |session: &str| {
        send(
            ureq::get(&format!("{}/api/v1/account", server.base)).set("cookie", &format!("ac_session={session}")),
            None,
        )
    };
    let ticket = user.ticket(&server);
    let after = user.session.borrow().clone();
    assert_ne!(before, after, "verifying identity by code sets a new session cookie");
    assert_eq!(with(&after).status, 200);
    assert_problem(&with(&before), 401, "unauthenticated");
    let change = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "n@example.org" }));
    assert_eq!(change.status, 200, "the ticket belongs to the session under its new id: {:?}", change.body);

    // The password step-up too.
    let before = user.session.borrow().clone();
    let verified = user.post("/identity/password", json!({ "password": "dev-password" }));
    assert_eq!(verified.status, 200, "{:?}", verified.body);
    assert_ne!(*user.session.borrow(), before);
    assert_eq!(user.get("/account").status, 200);
    assert_problem(&with(&before), 401, "unauthenticated");
    // A wrong password changes nothing.
    let before = user.session.borrow().clone();
    assert_problem(&user.post("/identity/password", json!({ "password": "wrong" })), 422, "invalid_password");
    assert_eq!(*user.session.borrow(), before);
    assert_eq!(with(&before).status, 200);
}

#[test]
fn signing_out_of_all_other_sessions_needs_a_recent_step_up_and_keeps_this_one() {
    let server = start(fast_rules(), None);
    let laptop = server.login("default");
    let phone = server.login_again(&laptop);
    let tablet = server.login_again(&laptop);
    let stranger = server.login("default");
    // None of them signed in within the last ten minutes.
    server.clock.advance(Duration::from_secs(11 * 60));
    // A session alone (stolen, say) cannot sign the owner out.
    assert_problem(&phone.post("/sessions/end-others", json!({})), 403, "identity_verification_required");
    assert_eq!(laptop.get("/account").status, 200);

    let ticket = laptop.ticket(&server);
    let new = "mine@example.org";
    let challenge = laptop.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": new }));
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(new) });
    assert_eq!(laptop.with_ticket("PUT", "/recovery/email", &ticket, commit).status, 202, "it cools off");
    // The commit used the ticket up; the step-up still counts.
    let ended = laptop.post("/sessions/end-others", json!({}));
    assert_eq!(ended.status, 200, "{:?}", ended.body);
    assert_eq!(ended.body["ended"], 2);
    assert_problem(&phone.get("/account"), 401, "unauthenticated");
    assert_problem(&tablet.get("/account"), 401, "unauthenticated");
    assert_eq!(laptop.get("/account").status, 200, "this session goes on");
    assert_eq!(stranger.get("/account").status, 200, "another account's session is not touched");
    assert_eq!(laptop.post("/sessions/end-others", json!({})).body["ended"], 0);

    // Long after the step-up, it no longer counts.
    server.clock.advance(Duration::from_secs(11 * 60));
    assert_problem(&laptop.post("/sessions/end-others", json!({})), 403, "identity_verification_required");
}

#[test]
fn a_session_ends_a_day_after_its_sign_in_however_busy() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    for _ in 0..23 {
        server.clock.advance(Duration::from_secs(3600));
        assert_eq!(user.get("/account").status, 200);
    }
    server.clock.advance(Duration::from_secs(3600));
    assert_problem(&user.get("/account"), 401, "unauthenticated");
    // Signing in again starts a new day.
    let again = server.login("default");
    assert_eq!(again.get("/account").status, 200);
}

// ---- edges ----

#[test]
fn the_sign_in_redirect_stays_under_the_base_path() {
    let server = start(Rules::default(), None);
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let target = |redirect: &str| -> String {
        let url = format!("{}/__dev/login/browser?redirect={redirect}", server.base);
        let page = agent.post(&url).call().unwrap().into_string().unwrap();
        page.split("url=").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    for hostile in [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%5Cevil.example",
        "//evil.example",
        "https://evil.example",
        "/developer/..//evil.example",
        "/developer/%2e%2e/%2e%2e//evil.example",
        "/elsewhere",
        "/developerx",
    ] {
        assert_eq!(target(hostile), "/developer", "{hostile}");
    }
    assert_eq!(target("/developer/security?edit=login-email"), "/developer/security?edit=login-email");
    assert_eq!(target("/developer"), "/developer");
}

#[test]
fn bodies_methods_and_media_types_answer_problems() {
    let server = start(fast_rules(), None);
    let user = server.login("default");

    let cookies = format!(
        "cookie: ac_session={}; csrf_token={}\r\nx-csrf-token: {}\r\n",
        user.session.borrow(),
        user.csrf.borrow(),
        user.csrf.borrow()
    );
    // 5 MB announced: refused before a byte of it is sent.
    let head = format!(
        "POST /api/v1/identity/challenges HTTP/1.1\r\nhost: 127.0.0.1\r\n{cookies}content-type: application/json\r\n\
         content-length: 5000000\r\nexpect: 100-continue\r\nconnection: close\r\n\r\n"
    );
    let answer = raw_exchange(&server, head.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer.lines().next().unwrap_or_default());
    assert!(answer.contains("application/problem+json") && answer.contains("payload_too_large"), "{answer}");
    // Streamed without a length: refused once past the limit.
    let chunk = format!("{{\"method\":\"{}\"}}", "x".repeat(20_000));
    let request = format!(
        "POST /api/v1/identity/challenges HTTP/1.1\r\nhost: 127.0.0.1\r\n{cookies}content-type: application/json\r\n\
         transfer-encoding: chunked\r\nconnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let answer = raw_exchange(&server, request.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer.lines().next().unwrap_or_default());
    assert!(answer.contains("payload_too_large"), "{answer}");

    // 5 MB sent at once, as a proxy does (no `expect`): the whole body is read before the
    // answer, so the client's writes all succeed and the 413 problem arrives whole.
    let head = format!(
        "POST /api/v1/identity/challenges HTTP/1.1\r\nhost: 127.0.0.1\r\n{cookies}content-type: text/plain\r\n\
         content-length: 5000000\r\nconnection: close\r\n\r\n"
    );
    let mut request = head.into_bytes();
    request.extend(std::iter::repeat_n(b'x', 5_000_000));
    let answer = raw_exchange(&server, &request);
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer.lines().next().unwrap_or_default());
    assert!(answer.contains("payload_too_large"), "{answer}");
    let wrong_method = send(user.request("GET", "/identity/challenges"), None);
    assert_problem(&wrong_method, 405, "method_not_allowed");
    let text = any_status(
        user.request("POST", "/identity/challenges")
            .set("content-type", "text/plain")
            .send_string("{\"method\":\"sms\"}"),
    );
    assert_eq!(text.status(), 415);
    assert_eq!(text.content_type(), "application/problem+json");
    let malformed = any_status(
        user.request("PUT", "/contact/email").set("content-type", "application/json").send_string("{\"value\":"),
    );
    assert_eq!(malformed.status(), 400);
    assert_eq!(malformed.content_type(), "application/problem+json");
    let both = user.put("/contact/email", json!({ "value": "a@example.org", "copy_from_recovery": true }));
    assert_problem(&both, 400, "invalid_request");
}

#[test]
fn answers_are_not_stored_by_caches() {
    let server = start(Rules::default(), None);
    let user = server.login("default");
    for path in ["/account", "/account/events", "/nothing-here"] {
        let r = any_status(user.request("GET", path).call());
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    let outbox = ureq::get(&format!("{}/__dev/outbox", server.base)).call().unwrap();
    assert_eq!(outbox.header("cache-control"), Some("no-store"), "the outbox holds codes");
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let sign_in = agent.get(&format!("{}/__dev/login", server.base)).call().unwrap();
    assert_eq!(sign_in.header("cache-control"), Some("no-store"), "the sign-in page sets cookies");
}

#[test]
fn cookies_are_secure_and_host_only_behind_https() {
    let server = start_with(Config {
        secure_cookies: true,
        rules: fast_rules(),
        dist: "/nonexistent".into(),
        ..Config::default()
    });
    let response = ureq::post(&format!("{}/__dev/login", server.base)).send_json(json!({})).unwrap();
    assert_eq!(response.header("strict-transport-security"), Some("max-age=31536000; includeSubDomains"));
    assert_eq!(response.header("cross-origin-opener-policy"), Some("same-origin"));
    let cookies: Vec<String> = response.all("set-cookie").into_iter().map(String::from).collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for cookie in &cookies {
        assert!(cookie.starts_with("__Host-"), "{cookie}");
        assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
    }
    let session = set_cookie(&response, "__Host-ac_session");
    let csrf = set_cookie(&response, "__Host-csrf_token");
    let account = ureq::get(&format!("{}/api/v1/account", server.base))
        .set("cookie", &format!("__Host-ac_session={session}"))
        .call()
        .unwrap();
    assert_eq!(account.status(), 200);
    let sent = send(
        ureq::post(&format!("{}/api/v1/identity/challenges", server.base))
            .set("cookie", &format!("__Host-ac_session={session}; __Host-csrf_token={csrf}"))
            .set("x-csrf-token", &csrf),
        Some(json!({ "method": "sms" })),
    );
    assert_eq!(sent.status, 201, "{:?}", sent.body);
    let plain = send(
        ureq::get(&format!("{}/api/v1/account", server.base)).set("cookie", &format!("ac_session={session}")),
        None,
    );
    assert_problem(&plain, 401, "unauthenticated");
}

#[test]
fn the_dev_helpers_stay_on_loopback() {
    let binary = env!("CARGO_BIN_EXE_dev-api");
    let refused =
        std::process::Command::new(binary).args(["--host", "0.0.0.0", "--port", "0", "--quiet"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("loopback") && message.contains("--no-dev-helpers"), "{message}");

    let server = start_with(Config {
        dev_helpers: false,
        rules: fast_rules(),
        dist: "/nonexistent".into(),
        ..Config::default()
    });
    // Not the contract's answers: nothing is there.
    let status = |r| any_status(r).status();
    assert_eq!(
        status(ureq::get(&format!("{}/__dev/outbox", server.base)).call()),
        404,
        "no outbox without the helpers"
    );
    assert!(
        status(ureq::post(&format!("{}/__dev/login", server.base)).send_json(json!({}))) >= 400,
        "no sign-in without them"
    );
}

// ---- the schema both ways ----

/// Percent-encodes everything but unreserved characters, for a path segment.
fn encode_segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A request to `template` with its parameters filled in, signed in as `user`, with the
/// ticket header when given.
fn request_to(
    user: &User,
    method: &str,
    template: &str,
    params: &[(String, Value)],
    ticket: Option<&str>,
) -> ureq::Request {
    let mut path = template.to_string();
    for (name, value) in params {
        let text = value.as_str().map(String::from).unwrap_or_else(|| value.to_string());
        path = path.replace(&format!("{{{name}}}"), &encode_segment(&text));
    }
    let base = if template.starts_with("/__dev") { String::new() } else { openapi::API_BASE.to_string() };
    let request = ureq::request(method, &format!("{}{base}{path}", user.base))
        .set("cookie", &format!("ac_session={}; csrf_token={}", user.session.borrow(), user.csrf.borrow()))
        .set("x-csrf-token", &user.csrf.borrow());
    match ticket {
        Some(ticket) => request.set("x-identity-ticket", ticket),
        None => request,
    }
}

/// A schema-driven fuzzer over every operation of `api/openapi.yaml`: each request the schema
/// allows (path parameters, body, the optional ticket header) is never refused as malformed
/// (400, 413, 415) and never fails the server (5xx); each answer is one the operation lists,
/// with a body its schema accepts (checked in `send`). Requests the schema does not allow (a
/// field the body does not take, a field of the wrong type, a `kind` outside its enum) are
/// refused with a documented 4xx.
#[test]
fn requests_the_schema_allows_are_taken_and_every_answer_is_described() {
    use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};

    let rules = Rules { daily_limit: 1_000_000, account_daily_limit: 1_000_000, ..fast_rules() };
    let server = start(rules, None);
    let spec = openapi::spec();
    let mut operations = 0;
    for operation in spec.operations() {
        operations += 1;
        let config =
            RunnerConfig { cases: 32, failure_persistence: None, max_shrink_iters: 64, ..RunnerConfig::default() };
        let mut runner = TestRunner::new(config);
        let method = operation.method.clone();
        let template = operation.template.clone();
        let path_params: Vec<(String, BoxedValues)> = spec
            .parameters(operation.op)
            .into_iter()
            .filter(|p| p["in"] == "path")
            .map(|p| (p["name"].as_str().unwrap().to_string(), spec.values(&p["schema"])))
            .collect();
        let names: Vec<String> = path_params.iter().map(|(n, _)| n.clone()).collect();
        let params = path_params.into_iter().map(|(_, s)| s).collect::<Vec<_>>();
        let body = match spec.request_schema(operation.op) {
            Some((schema, true)) => spec.values(schema).prop_map(Some).boxed(),
            Some((schema, false)) => proptest::option::of(spec.values(schema)).boxed(),
            None => Just(None).boxed(),
        };
        let body_schema = spec.request_schema(operation.op).map(|(s, _)| s.clone());
        let strategy = (params, body, 0..3u8);
        let result = runner.run(&strategy, |(values, body, ticket_choice)| {
            let user = server.login("default");
            let ticket = match ticket_choice {
                0 => None,
                1 => Some("not-a-ticket".to_string()),
                _ => Some(user.ticket(&server)),
            };
            let params: Vec<(String, Value)> = names.iter().cloned().zip(values).collect();
            if let (Some(schema), Some(body)) = (&body_schema, &body) {
                spec.is_valid(schema, body)
                    .map_err(|e| TestCaseError::fail(format!("the generator made {body}: {e}")))?;
            }
            let answer =
                user.follow(send(request_to(&user, &method, &template, &params, ticket.as_deref()), body.clone()));
            // A value of the schema's form is refused only by what a pattern cannot hold: a
            // mobile number its region's numbering plan does not have.
            let numbering_plan = ["WrongLength", "NotMobile"]
                .iter()
                .any(|reason| answer.body["detail"].as_str().is_some_and(|d| d.contains(reason)));
            let bad_value = answer.status == 422
                && (answer.body["code"] == "invalid_email"
                    || (answer.body["code"] == "invalid_phone" && !numbering_plan));
            let refused = [400, 413, 415].contains(&answer.status) || answer.status >= 500 || bad_value;
            prop_assert!(
                !refused,
                "{method} {template} {params:?} {body:?} ticket {ticket_choice}: {} {}",
                answer.status,
                answer.body
            );

            // The same request, with what the schema does not allow.
            if let Some(Value::Object(fields)) = &body {
                let mut extra = fields.clone();
                extra.insert("unexpected_field".into(), json!(1));
                let answer = user.follow(send(
                    request_to(&user, &method, &template, &params, ticket.as_deref()),
                    Some(Value::Object(extra)),
                ));
                prop_assert_eq!(answer.status, 400, "{} {}: a field it does not take", method, template);
                prop_assert_eq!(&answer.body["field"], "unexpected_field");
                if let Some((name, _)) = fields.iter().next() {
                    let mut wrong = fields.clone();
                    wrong.insert(name.clone(), json!([12]));
                    let answer = send(
                        request_to(&user, &method, &template, &params, ticket.as_deref()),
                        Some(Value::Object(wrong)),
                    );
                    prop_assert_eq!(answer.status, 400, "{} {}: {} of the wrong type", method, template, name);
                }
            }
            if let Some(i) = names.iter().position(|n| n == "kind") {
                let mut outside = params.clone();
                outside[i].1 = json!("fax");
                let answer = send(request_to(&user, &method, &template, &outside, ticket.as_deref()), body.clone());
                prop_assert_eq!(answer.status, 404, "{} {}: a kind outside the enum", method, template);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{} {}: {e}", operation.method, operation.template);
        }
    }
    assert!(operations >= 16, "openapi.yaml has only {operations} operations");
    let sent = SENT.load(std::sync::atomic::Ordering::Relaxed);
    assert!(sent > 16 * 32 * 2, "the fuzzer sent only {sent} requests");
}

type BoxedValues = proptest::strategy::BoxedStrategy<Value>;
use proptest::prelude::*;

// ---- identity by password ----

#[test]
fn the_password_gives_a_ticket_and_wrong_ones_lock_it_for_a_while() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    assert_eq!(user.get("/account").body["identity_methods"], json!(["sms", "email", "password"]));
    assert_problem(&user.post("/identity/challenges", json!({ "method": "password" })), 422, "method_unavailable");

    let right = user.post("/identity/password", json!({ "password": "dev-password" }));
    assert_eq!(right.status, 200, "{:?}", right.body);
    let ticket = right.body["ticket"].as_str().unwrap().to_string();
    let changed = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "pw@example.org" }));
    assert_eq!(changed.status, 200, "a password ticket changes a contact value: {:?}", changed.body);
    let id = changed.body["pending"]["contact_email"]["challenge"]["challenge_id"].as_str().unwrap().to_string();
    let code = server.last_code("pw@example.org");
    assert_eq!(user.post(&format!("/contact/email/verification/{id}/verify"), json!({ "code": code })).status, 200);
    for recovery in ["recovery_mobile", "recovery_email"] {
        let last = server.outbox(&user.address(recovery)).pop().unwrap();
        assert_eq!(last["purpose"], "notify", "{recovery} hears of a change made with the password");
    }
    let email = server.outbox(&user.address("recovery_email")).pop().unwrap();
    assert!(email["body"].as_str().unwrap().contains("with the sign-in password"), "{email}");

    for left in (1..5).rev() {
        let wrong = user.post("/identity/password", json!({ "password": "dev-passwort" }));
        assert_problem(&wrong, 422, "invalid_password");
        assert_eq!(
            (wrong.body["attempts_left"].as_u64(), wrong.body["field"].as_str()),
            (Some(left), Some("password"))
        );
    }
    let notices = server.outbox(&user.address("recovery_email")).len();
    let locked = user.post("/identity/password", json!({ "password": "dev-passwort" }));
    assert_problem(&locked, 429, "password_locked");
    assert_eq!(locked.retry_after.as_deref(), Some("900"));
    // Told of the change moments ago, the address hears of the pause with the next message,
    // when that window ends.
    assert_eq!(server.outbox(&user.address("recovery_email")).len(), notices);
    let still = user.post("/identity/password", json!({ "password": "dev-password" }));
    assert_problem(&still, 429, "password_locked");
    // Codes still work meanwhile.
    assert_eq!(user.post("/identity/challenges", json!({ "method": "sms" })).status, 201);

    server.clock.advance(Duration::from_secs(15 * 60));
    let told = server.outbox(&user.address("recovery_email"));
    assert_eq!(told.len(), notices + 1, "a pause is notified");
    assert!(told.last().unwrap()["body"].as_str().unwrap().contains("paused"), "{:?}", told.last());
    assert_eq!(user.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
}

#[test]
fn a_password_ticket_does_not_replace_a_recovery_address_or_the_login_email() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let account = user.get("/account").body;
    assert_eq!(account["security_methods"], json!(["sms", "email"]), "codes to recovery addresses only");
    let ticket = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    for (path, value) in [
        ("/recovery/mobile/challenges", "+8613912345678"),
        ("/recovery/email/challenges", "attacker@example.org"),
        ("/login-email/challenges", "attacker@example.org"),
    ] {
        let refused = user.with_ticket("POST", path, &ticket, json!({ "value": value }));
        assert_problem(&refused, 403, "identity_verification_required");
        assert_eq!(refused.body["methods"], json!(["sms", "email"]), "{path} says which methods qualify");
    }
    assert!(server.outbox("attacker@example.org").is_empty(), "no code left for the attacker's address");

    // A code to the recovery mobile earns a ticket that does qualify.
    let code_ticket = user.ticket(&server);
    let started =
        user.with_ticket("POST", "/recovery/email/challenges", &code_ticket, json!({ "value": "new@example.org" }));
    assert_eq!(started.status, 201, "{:?}", started.body);
}

#[test]
fn a_password_ticket_cannot_test_guesses_against_the_recovery_values() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let recovery = user.address("recovery_mobile");
    let ticket = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    // The right guess and a wrong one answer alike: the value typed waits for its code, and
    // the contact mobile is as it was until that code is entered.
    let answer = |value: &str| {
        let r = user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": value }));
        let waits = r.body["pending"]["contact_mobile"]["change_id"].is_string();
        (r.status, r.body["contact_mobile"].clone(), waits)
    };
    let right = answer(&recovery);
    let wrong = answer("+8613912345678");
    assert_eq!((right.0, right.2), (200, true));
    assert_eq!(wrong, right);
    assert_eq!(right.1["matches_recovery"], true, "the contact mobile is as it was: the recovery value, verified");
    // A copy of the recovery value (which needs no ticket) would be the value already there.
    assert_problem(&user.put("/contact/mobile", json!({ "copy_from_recovery": true })), 409, "same_as_current");
    assert_eq!(answer(&recovery), right, "not `same_as_current`");
    // Whoever verified with a code to a recovery address is told plainly.
    let code_ticket = user.ticket(&server);
    let same = user.with_ticket("PUT", "/contact/mobile", &code_ticket, json!({ "value": recovery }));
    assert_problem(&same, 409, "same_as_current");
}

#[test]
fn a_session_holds_one_live_ticket() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let first = user.ticket(&server);
    let second = user.ticket(&server);
    let value = json!({ "value": "one@example.org" });
    assert_problem(
        &user.with_ticket("POST", "/recovery/email/challenges", &first, value.clone()),
        403,
        "identity_verification_required",
    );
    assert_eq!(user.with_ticket("POST", "/recovery/email/challenges", &second, value).status, 201);
}

#[test]
fn wrong_passwords_pause_longer_each_time_and_for_a_day_after_twenty() {
    // The session outlives the pauses: the lockout is the account's, not the session's.
    let server = start(Rules { session_lifetime: Duration::from_secs(3 * 24 * 3600), ..fast_rules() }, None);
    let user = server.login("default");
    let wrong = || user.post("/identity/password", json!({ "password": "dev-passwort" }));
    let mut pauses = Vec::new();
    let mut in_a_row = 0;
    while in_a_row < 20 {
        let answer = wrong();
        in_a_row += 1;
        if answer.status == 429 {
            let seconds: u64 = answer.retry_after.as_deref().unwrap().parse().unwrap();
            pauses.push(seconds);
            if in_a_row < 20 {
                server.clock.advance(Duration::from_secs(seconds));
            }
        }
    }
    assert_eq!(pauses, [900, 1800, 3600, 24 * 3600], "15 min, doubling, then a day at twenty in a row");
    // The day passes in steps, the session kept alive meanwhile: still paused just before its
    // end; after it, the right password starts the count afresh.
    for _ in 0..4 {
        server.clock.advance(Duration::from_secs(6 * 3600 - 60));
        assert_eq!(user.get("/account").status, 200);
    }
    assert_problem(&user.post("/identity/password", json!({ "password": "dev-password" })), 429, "password_locked");
    server.clock.advance(Duration::from_secs(300));
    assert_eq!(user.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
    assert_problem(&wrong(), 422, "invalid_password");
    assert_eq!(wrong().body["attempts_left"], 3, "the count started again after the success");
}

#[test]
fn an_account_without_recovery_addresses_binds_its_first_with_the_password() {
    let server = start(fast_rules(), None);
    let user = server.login("no-recovery");
    let account = user.get("/account").body;
    assert_eq!((account["recovery_mobile"].clone(), account["recovery_email"].clone()), (Value::Null, Value::Null));
    assert_eq!(account["identity_methods"], json!(["password"]));
    assert_problem(&user.post("/identity/challenges", json!({ "method": "sms" })), 422, "method_unavailable");

    let ticket = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    let address = "first@example.org";
    let challenge = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": address }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(address) });
    let bound = user.with_ticket("PUT", "/recovery/email", &ticket, commit);
    assert_eq!(bound.status, 200, "{:?}", bound.body);
    assert_eq!(bound.body["recovery_email"]["masked"], "f***@example.org");
    // Bound by the password, with no recovery address before it: the login email and the
    // verified contact values are told.
    assert_eq!(bound.body["notified"], json!(["l***@example.com", "+86 138****0002", "u***@example.com"]));
    assert_eq!(bound.body["identity_methods"], json!(["email", "password"]));
    assert_eq!(account["security_methods"], json!(["password"]));
    assert_eq!(bound.body["security_methods"], json!(["email"]), "from now on, a code to that address");
    let login = server.outbox(&user.address("login_email")).pop().unwrap();
    assert_eq!(login["purpose"], "notify", "bound by the password: said so");
    assert!(login["body"].as_str().unwrap().contains("with the sign-in password"), "{login}");
    assert_eq!(user.get("/account/events").body["events"][0]["action"], "bound");
}
