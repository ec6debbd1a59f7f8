//! The safety net over real HTTP: a new contact value waits until it is proven, every change
//! is recorded under one reference and told to every address the account had before it, in
//! the words and the language of the request, and notices cannot be turned into a flood.

// The support module checks every answer against the spec; the rest of it serves contract.rs.
#[allow(dead_code)]
mod openapi;
mod support;

use std::time::Duration;

use dev_api::config::Rules;
use serde_json::{json, Value};
use support::*;

/// The messages sent to `to` for `purpose`.
fn sent(server: &Server, to: &str, purpose: &str) -> Vec<Value> {
    server.outbox(to).into_iter().filter(|m| m["purpose"] == purpose).collect()
}

fn events(user: &User) -> Vec<Value> {
    user.get("/account/events").body["events"].as_array().unwrap().clone()
}

/// Asks for `value` as the contact email, then enters the code sent to it.
fn change_contact_email(server: &Server, user: &User, ticket: &str, value: &str) -> Response {
    let asked = user.with_ticket("PUT", "/contact/email", ticket, json!({ "value": value }));
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    let id = asked.body["pending"]["contact_email"]["challenge"]["challenge_id"].as_str().unwrap().to_string();
    user.post(&format!("/contact/email/verification/{id}/verify"), json!({ "code": server.last_code(value) }))
}

/// What a person reading `message` never finds in it.
fn assert_holds_no_secret(message: &Value, new_address: &str) {
    let body = message["body"].as_str().unwrap();
    assert!(!body.contains(new_address), "a new address in full: {body}");
    assert!(!body.contains("dev-password"), "a password: {body}");
    // The change's reference may hold six digits in a row (`C228254P`), and so may the
    // link's token: neither is a code.
    let mut without_references = body.to_string();
    if let Some(link) = message["link"].as_str() {
        without_references = without_references.replace(link, "");
    }
    for reference in message["ref"].as_str().unwrap_or_default().split(',') {
        without_references = without_references.replace(reference.trim(), "");
    }
    let chars: Vec<char> = without_references.chars().collect();
    assert!(!chars.windows(6).any(|w| w.iter().all(char::is_ascii_digit)), "a code: {body}");
}

#[test]
fn a_new_contact_value_waits_until_its_code_is_entered() {
    let server = start(fast_rules(), None);
    let user = server.login("diverged");
    let old = user.address("contact_email");
    let ticket = user.ticket(&server);

    let asked = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "first@example.dev" }));
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    assert_eq!(
        asked.body["contact_email"],
        json!({ "masked": "c***@example.org", "verified": true, "matches_recovery": false })
    );
    let pending = &asked.body["pending"]["contact_email"];
    assert_eq!(pending["masked"], "f***@example.dev");
    assert!(pending["expires_at"].as_str().unwrap() > pending["requested_at"].as_str().unwrap());
    assert_eq!(sent(&server, "first@example.dev", "verify_contact").len(), 1, "its code went at once");
    assert_eq!(user.get("/account").body["pending"], asked.body["pending"], "read again, it still waits");
    // Until then a billing notice goes to the value that was there, and nobody is told.
    let billing = user.dev("deliver-subscribed", json!({ "kind": "email" }));
    assert_eq!((billing.status, &billing.body["to"]), (201, &json!(old)));
    assert!(sent(&server, &old, "notify").is_empty());
    assert!(sent(&server, &user.address("recovery_email"), "notify").is_empty());

    // A second value replaces the first, whose code is no good any more.
    let first_id = pending["challenge"]["challenge_id"].as_str().unwrap().to_string();
    let first_code = server.last_code("first@example.dev");
    let second = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "second@example.dev" }));
    assert_eq!(second.body["pending"]["contact_email"]["masked"], "s***@example.dev");
    let late = user.post(&format!("/contact/email/verification/{first_id}/verify"), json!({ "code": first_code }));
    assert_problem(&late, 404, "challenge_not_found");

    // Its code makes it the contact email: messages go there from now on, and the value
    // before it is told, for its information.
    let id = second.body["pending"]["contact_email"]["challenge"]["challenge_id"].as_str().unwrap().to_string();
    let code = server.last_code("second@example.dev");
    let verified = user.post(&format!("/contact/email/verification/{id}/verify"), json!({ "code": code }));
    assert_eq!(verified.status, 200, "{:?}", verified.body);
    assert_eq!(verified.body["contact_email"]["masked"], "s***@example.dev");
    assert_eq!(verified.body["contact_email"]["verified"], true);
    assert_eq!(verified.body["pending"], json!({}));
    assert_eq!(user.dev("deliver-subscribed", json!({ "kind": "email" })).body["to"], "second@example.dev");
    let told = sent(&server, &old, "notify");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["actions"], json!([]), "the previous value can do nothing about it");
    assert!(
        told[0]["body"].as_str().unwrap().contains("changed from c***@example.org to s***@example.dev"),
        "{}",
        told[0]
    );
    assert_holds_no_secret(&told[0], "second@example.dev");
    for address in [user.address("recovery_email"), user.address("login_email")] {
        let told = sent(&server, &address, "notify");
        assert_eq!(told.len(), 1, "{address}");
        assert_eq!(told[0]["actions"], json!(["confirm", "secure"]), "{address}");
        assert_holds_no_secret(&told[0], "second@example.dev");
    }
}

#[test]
fn a_value_waiting_can_be_cancelled_and_expires_by_itself() {
    let server = start(Rules { pending_contact_ttl: Duration::from_secs(3600), ..fast_rules() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let before = user.get("/account").body["contact_mobile"].clone();

    let asked = user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": "+8613912345678" }));
    let change_id = asked.body["pending"]["contact_mobile"]["change_id"].as_str().unwrap().to_string();
    let cancelled = user.post(&format!("/account/changes/{change_id}/cancel"), json!({}));
    assert_eq!(cancelled.status, 200, "{:?}", cancelled.body);
    assert_eq!((&cancelled.body["change_id"], &cancelled.body["state"]), (&json!(change_id), &json!("cancelled")));
    assert_eq!(cancelled.body["account"]["pending"], json!({}));
    assert_eq!(cancelled.body["account"]["contact_mobile"], before, "the current value is as it was");
    assert_problem(&user.post(&format!("/account/changes/{change_id}/cancel"), json!({})), 404, "not_found");
    let latest = &events(&user)[0];
    assert_eq!(
        (&latest["action"], &latest["state"], &latest["actor"]),
        (&json!("cancelled"), &json!("cancelled"), &json!("you"))
    );

    user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": "+8613912345679" }));
    assert_eq!(user.dev("expire/pending_contact", json!({})).status, 204);
    assert_eq!(user.get("/account").body["pending"], json!({}));
    assert_eq!(events(&user)[0]["action"], "expired");

    user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": "+8613912345670" }));
    server.clock.advance(Duration::from_secs(3600));
    let account = user.get("/account").body;
    assert_eq!(account["pending"], json!({}), "past its time it is dropped");
    assert_eq!(account["contact_mobile"], before);
    let expired = &events(&user)[0];
    assert_eq!((&expired["action"], &expired["actor"]), (&json!("expired"), &json!("system")));
    assert!(sent(&server, &user.address("recovery_mobile"), "notify").is_empty(), "none of this is told");
}

#[test]
fn every_change_is_told_in_the_words_and_the_language_of_the_request() {
    let server = start(fast_rules(), None);
    for (language, lang, changed) in [
        ("zh-CN,zh;q=0.9", "zh-CN", "密保邮箱"),
        ("zh-TW", "zh-Hant", "密保郵箱"),
        ("en-GB", "en", "recovery email address"),
    ] {
        let user = server.login("default");
        user.speaks(language);
        let ticket = user.ticket(&server);
        let new = format!("{lang}-new@example.dev");
        let challenge = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": new }));
        let code = sent(&server, &new, "change_recovery").pop().unwrap();
        assert_eq!(code["lang"], lang, "the code is written in it too");
        let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": code["code"] });
        let done = user.with_ticket("PUT", "/recovery/email", &ticket, commit);
        // By a code to the other recovery address: it cools off, and everyone is told now.
        assert_eq!(done.status, 202, "{:?}", done.body);
        let event = events(&user)[0].clone();
        let reference = event["ref"].as_str().unwrap();
        for field in ["recovery_email", "recovery_mobile", "login_email"] {
            let notice =
                sent(&server, &user.address(field), "notify").pop().unwrap_or_else(|| panic!("{field} not told"));
            assert_eq!((&notice["lang"], &notice["ref"]), (&json!(lang), &json!(reference)));
            let body = notice["body"].as_str().unwrap();
            // An email links to its own notice; an SMS gives the notice page and the reference.
            match notice["channel"].as_str() {
                Some("email") => {
                    let link = notice["link"].as_str().unwrap();
                    assert!(link.contains("/developer/notice#t="), "{link}");
                    assert!(body.contains(link), "{body}");
                }
                _ => {
                    assert_eq!(notice["link"], Value::Null);
                    assert!(body.contains("/developer/notice "), "{body}");
                }
            }
            assert!(body.contains(changed), "{lang} {field}: {body}");
            assert!(body.contains(reference), "the reference is quoted: {body}");
            assert_eq!(notice["subject"].is_string(), notice["channel"] == "email", "{notice}");
            assert_holds_no_secret(&notice, &new);
        }
        assert_eq!(event["notices"], done.body["notices"], "the answer says who was told, as Recent changes does");
        assert_eq!(event["authorised_by"]["method"], "sms");
        assert!(reference.len() == 8 && reference.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}

#[test]
fn a_pause_on_an_account_without_recovery_addresses_is_told_to_its_other_addresses() {
    let server = start(fast_rules(), None);
    let user = server.login("no-recovery");
    for _ in 0..5 {
        user.post("/identity/password", json!({ "password": "wrong" }));
    }
    for field in ["login_email", "contact_mobile", "contact_email"] {
        let told = sent(&server, &user.address(field), "notify");
        assert_eq!(told.len(), 1, "{field}");
        assert!(told[0]["body"].as_str().unwrap().contains("paused"), "{field}: {}", told[0]);
        assert_eq!(told[0]["actions"], json!(["secure"]));
    }
}

#[test]
fn a_burst_of_changes_is_told_in_two_messages_and_asking_again_tells_nobody() {
    // The cooldown of codes as it is by default: 25 identical requests send one code.
    let server = start(Rules::default(), None);
    let user = server.login("default");
    let ticket = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    let statuses: Vec<u16> = (0..25)
        .map(|_| user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "burst@example.dev" })).status)
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert_eq!(sent(&server, "burst@example.dev", "verify_contact").len(), 1);
    for field in ["recovery_mobile", "recovery_email", "login_email"] {
        assert!(sent(&server, &user.address(field), "notify").is_empty(), "{field} told of a value not in effect");
    }

    // Changes that do take effect, one after another: each address hears of the first at
    // once, and of the rest in one message when its window ends.
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    for n in 0..5 {
        let done = change_contact_email(&server, &user, &ticket, &format!("burst{n}@example.dev"));
        assert_eq!(done.status, 200, "{:?}", done.body);
    }
    let recovery = user.address("recovery_email");
    assert_eq!(sent(&server, &recovery, "notify").len(), 1);
    server.clock.advance(Duration::from_secs(15 * 60));
    let told = sent(&server, &recovery, "notify");
    assert_eq!(told.len(), 2, "the rest in one message");
    let together = told[1]["ref"].as_str().unwrap();
    assert_eq!(together.split(',').count(), 4, "{together}");
    assert_eq!(told[1]["subject"], "More changes on your account");

    // A value set to what it already is tells nobody.
    server.clock.advance(Duration::from_secs(15 * 60));
    let current = user.get("/account").body["contact_email"]["masked"].clone();
    let password = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    let before = server.outbox(&recovery).len();
    let again = change_contact_email(&server, &user, &password, "burst4@example.dev");
    assert_eq!((again.status, &again.body["contact_email"]["masked"]), (200, &current));
    server.clock.advance(Duration::from_secs(15 * 60));
    assert_eq!(server.outbox(&recovery).len(), before);
}

#[test]
fn many_contact_changes_never_push_a_security_change_out_of_recent_changes() {
    let server = start(Rules { daily_limit: 1000, account_daily_limit: 1000, ..fast_rules() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let challenge =
        user.with_ticket("POST", "/login-email/challenges", &ticket, json!({ "value": "kept@example.dev" }));
    let commit =
        json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code("kept@example.dev") });
    assert_eq!(user.with_ticket("PUT", "/login-email", &ticket, commit).status, 200);
    let ticket = user.ticket(&server);
    for n in 0..110 {
        user.with_ticket("PUT", "/contact/mobile", &ticket, json!({ "value": format!("+861391234{n:04}") }));
    }
    let events = events(&user);
    assert!(events.iter().any(|e| e["field"] == "login_email" && e["action"] == "changed"), "{}", events.len());
    assert_eq!(
        events.iter().filter(|e| e["field"] == "contact_mobile").count(),
        100,
        "the contact changes are bounded"
    );
}

/// Every way the account changes goes through the one writer: each records its change under
/// a reference, and each that takes effect tells under that same reference. A writer that
/// went around it would leave no event, or a notice without its reference.
#[test]
fn every_writer_records_its_change_and_tells_under_its_reference() {
    let server = start(fast_rules(), None);
    let user = server.login("diverged");
    let ticket = user.ticket(&server);
    let recovery = user.address("recovery_email");
    let mut takes_effect = Vec::new();
    let latest = |expected: &str| {
        let event = events(&user)[0].clone();
        assert_eq!(event["action"], expected, "{event}");
        assert_eq!(event["ref"].as_str().map(str::len), Some(8), "{event}");
        event
    };

    // A contact value asked for, its code entered.
    change_contact_email(&server, &user, &ticket, "writer@example.dev");
    takes_effect.push(latest("changed"));
    // Copied from recovery.
    assert_eq!(user.put("/contact/mobile", json!({ "copy_from_recovery": true })).status, 200);
    takes_effect.push(latest("changed"));
    // Asked for, then cancelled; asked for, then expired.
    let asked = user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "never@example.dev" }));
    latest("requested");
    let change_id = asked.body["pending"]["contact_email"]["change_id"].as_str().unwrap().to_string();
    user.post(&format!("/account/changes/{change_id}/cancel"), json!({}));
    latest("cancelled");
    user.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "never@example.dev" }));
    user.dev("expire/pending_contact", json!({}));
    latest("expired");
    // A factor committed: the recovery mobile, the login email.
    for (path, value) in [("/login-email", "writer-login@example.dev"), ("/recovery/mobile", "+85251234567")] {
        let ticket = user.ticket(&server);
        let challenge = user.with_ticket("POST", &format!("{path}/challenges"), &ticket, json!({ "value": value }));
        let commit = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(value) });
        assert_eq!(user.with_ticket("PUT", path, &ticket, commit).status, 200);
        takes_effect.push(latest("changed"));
    }

    server.clock.advance(Duration::from_secs(15 * 60));
    let told: Vec<String> = sent(&server, &recovery, "notify")
        .iter()
        .flat_map(|m| m["ref"].as_str().unwrap().split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    for event in takes_effect {
        let reference = event["ref"].as_str().unwrap();
        assert!(told.iter().any(|r| r == reference), "the recovery email was not told of {event}");
        assert!(!event["notices"].as_array().unwrap().is_empty(), "{event}");
    }
}
