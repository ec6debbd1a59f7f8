//! The safety net's second part over real HTTP: a weaker proof waits (cooling-off), the old
//! address can object from its notice (cancel, undo, secure) by its link or, from an SMS, by
//! a code to it, and securing holds every security change. Every call, limit and error of the
//! notice contract, and what a token or a grant can never do.

// The support module checks every answer against the spec; the rest of it serves contract.rs.
#[allow(dead_code)]
mod openapi;
mod support;

use std::time::Duration;

use dev_api::config::Rules;
use serde_json::{json, Value};
use support::*;

fn notices_to(server: &Server, to: &str) -> Vec<Value> {
    server.outbox(to).into_iter().filter(|m| m["purpose"] == "notify").collect()
}

/// The token of the link in the last notice emailed to `to`.
fn token_for(server: &Server, to: &str) -> String {
    let last = notices_to(server, to).pop().unwrap_or_else(|| panic!("{to} was not told"));
    let link = last["link"].as_str().unwrap_or_else(|| panic!("no link: {last}"));
    link.split("#t=").nth(1).unwrap().to_string()
}

/// A notice call, as the notice page makes it: no cookie, no CSRF token.
fn public(server: &Server, path: &str, body: Value) -> Response {
    send(ureq::post(&format!("{}/api/v1{path}", server.base)), Some(body))
}

/// Verifies identity by a code to the recovery email (now `at`) and returns the ticket.
fn email_ticket(server: &Server, user: &User, at: &str) -> String {
    let challenge = user.post("/identity/challenges", json!({ "method": "email" }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let code = server.last_code(at);
    let id = challenge.body["challenge_id"].as_str().unwrap();
    let verified = user.post(&format!("/identity/challenges/{id}/verify"), json!({ "code": code }));
    verified.body["ticket"].as_str().unwrap().to_string()
}

/// Changes `field` (`recovery/email`, `recovery/mobile`, `login-email`) to `value` with
/// `ticket`: the commit's answer.
fn change(server: &Server, user: &User, path: &str, ticket: &str, value: &str, lost: bool) -> Response {
    let challenge = user.with_ticket("POST", &format!("/{path}/challenges"), ticket, json!({ "value": value }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let mut body = json!({ "challenge_id": challenge.body["challenge_id"], "code": server.last_code(value) });
    if lost {
        body["old_address_lost"] = json!(true);
    }
    user.with_ticket("PUT", &format!("/{path}"), ticket, body)
}

/// Acts on the notice `token` names, with a fresh code to its recipient `to`.
fn act(server: &Server, token: &str, to: &str, action: &str) -> Response {
    let notice = public(server, "/notices/lookup", json!({ "token": token }));
    assert_eq!(notice.status, 200, "{:?}", notice.body);
    let id = notice.body["notice_id"].as_str().unwrap().to_string();
    let challenge = public(server, &format!("/notices/{id}/challenges"), json!({ "token": token }));
    assert_eq!(challenge.status, 201, "{:?}", challenge.body);
    let code = server.last_code(to);
    let body =
        json!({ "action": action, "token": token, "challenge_id": challenge.body["challenge_id"], "code": code });
    public(server, &format!("/notices/{id}/actions"), body)
}

#[test]
fn a_recovery_value_replaced_from_the_other_channel_waits_and_the_old_one_stays() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    let done = change(&server, &user, "recovery/email", &ticket, "new@example.dev", false);
    assert_eq!(done.status, 202, "{:?}", done.body);
    assert_eq!((&done.body["state"], &done.body["reason"]), (&json!("cooling_off"), &json!("cross_channel")));
    let change_id = done.body["change_id"].as_str().unwrap().to_string();
    assert_eq!(done.body["recovery_email"]["masked"], "u***@example.com", "the old value is current");
    let pending = &done.body["pending"]["recovery_email"];
    assert_eq!((&pending["state"], &pending["masked"]), (&json!("cooling_off"), &json!("n***@example.dev")));
    assert_eq!(pending["effective_at"], done.body["effective_at"]);
    // The ticket is used up; a second change of the field waits its turn.
    let ticket = user.ticket(&server);
    let again = user.with_ticket("POST", "/recovery/email/challenges", &ticket, json!({ "value": "b@example.dev" }));
    assert_problem(&again, 409, "change_pending");
    // Identity codes still go to the old value.
    let by_email = user.post("/identity/challenges", json!({ "method": "email" }));
    assert_eq!(by_email.body["masked_target"], "u***@example.com");
    assert_eq!(server.outbox(&old).last().unwrap()["purpose"], "identity");
    // Everyone was told now, each with what they may do: the old value may cancel; the
    // address whose code authorised it may not.
    assert_eq!(notices_to(&server, &old)[0]["actions"], json!(["confirm", "cancel", "secure"]));
    assert_eq!(notices_to(&server, &user.address("recovery_mobile"))[0]["actions"], json!(["confirm", "secure"]));

    // 24 hours on, it takes effect by itself and everyone is told again. (The session has
    // ended by then: its owner signs in again.)
    server.clock.advance(Duration::from_secs(24 * 3600 + 1));
    let user = server.login_again(&user);
    let account = user.get("/account").body;
    assert_eq!(account["recovery_email"]["masked"], "n***@example.dev");
    assert_eq!(account["pending"], json!({}));
    assert_eq!(account["recent"]["recovery_email"]["change_id"], json!(change_id));
    assert_eq!(account["recent"]["recovery_email"]["previous_masked"], "u***@example.com");
    let told = notices_to(&server, &old);
    assert_eq!(told.len(), 2, "{told:?}");
    assert_eq!(told[1]["actions"], json!(["confirm", "undo", "secure"]), "the previous holder may undo now");
    let events = user.get("/account/events").body["events"].clone();
    assert_eq!((&events[0]["action"], &events[0]["actor"]), (&json!("committed"), &json!("system")));
    assert_eq!(events[0]["ref"], events[1]["ref"], "the request and its taking effect share one reference");
}

#[test]
fn replacing_both_recovery_addresses_within_a_week_waits_a_week_and_no_wait_is_a_setting() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    // By a code to itself: in effect now; only the other may secure.
    let ticket = user.ticket(&server);
    let first = change(&server, &user, "recovery/mobile", &ticket, "+8613911112222", false);
    assert_eq!((first.status, &first.body["state"]), (200, &json!("committed")), "{:?}", first.body);
    assert_eq!(first.body["revert_until"], Value::Null, "the authoriser cannot undo its own change");
    server.clock.advance(Duration::from_secs(3 * 24 * 3600));
    let user = server.login_again(&user);
    let ticket = email_ticket(&server, &user, &user.address("recovery_email"));
    let second = change(&server, &user, "recovery/email", &ticket, "second@example.dev", false);
    assert_eq!(second.status, 202, "{:?}", second.body);
    assert_eq!(second.body["reason"], "replaces_all_recovery");
    let due = chrono::DateTime::parse_from_rfc3339(second.body["effective_at"].as_str().unwrap()).unwrap();
    assert!(due - chrono::Utc::now().fixed_offset() > chrono::Duration::days(6), "{due}");

    // `--cooling-off 0`: no wait, and the previous holder may still undo.
    let server = start(Rules { cooling_off: Duration::ZERO, ..fast_rules() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let done = change(&server, &user, "recovery/email", &ticket, "now@example.dev", false);
    assert_eq!((done.status, &done.body["state"]), (200, &json!("committed")), "{:?}", done.body);
    assert!(done.body["revert_until"].is_string());
    assert_eq!(
        notices_to(&server, &user.address("recovery_email"))[0]["actions"],
        json!(["confirm", "undo", "secure"])
    );
}

#[test]
fn a_login_email_changed_by_the_password_waits_and_finish_needs_the_old_address() {
    let server = start(fast_rules(), None);
    let user = server.login("no-recovery");
    let password = user.post("/identity/password", json!({ "password": "dev-password" })).body["ticket"]
        .as_str()
        .unwrap()
        .to_string();
    let done = change(&server, &user, "login-email", &password, "me@example.dev", false);
    assert_eq!((done.status, &done.body["reason"]), (202, &json!("password")), "{:?}", done.body);
    let id = done.body["change_id"].as_str().unwrap().to_string();
    // No code reaches the login email; only its holder's agreement could finish it early.
    let finish = user.post(&format!("/account/changes/{id}/finish"), json!({}));
    assert_problem(&finish, 403, "identity_verification_required");
    // The holder may call it off from the console, with no ticket.
    let cancelled = user.post(&format!("/account/changes/{id}/cancel"), json!({}));
    assert_eq!(cancelled.status, 200, "{:?}", cancelled.body);
    assert_eq!(cancelled.body["account"]["pending"], json!({}));

    // A recovery change from the other channel finishes with a ticket from the old address.
    let user = server.login("default");
    let ticket = user.ticket(&server);
    let done = change(&server, &user, "recovery/email", &ticket, "fin@example.dev", false);
    let id = done.body["change_id"].as_str().unwrap().to_string();
    let by_sms = user.ticket(&server);
    let refused = user.with_ticket("POST", &format!("/account/changes/{id}/finish"), &by_sms, json!({}));
    assert_problem(&refused, 403, "identity_verification_required");
    assert_eq!(refused.body["methods"], json!(["email"]));
    let by_old = email_ticket(&server, &user, &user.address("recovery_email"));
    let finished = user.with_ticket("POST", &format!("/account/changes/{id}/finish"), &by_old, json!({}));
    assert_eq!(finished.status, 200, "{:?}", finished.body);
    assert_eq!(finished.body["recovery_email"]["masked"], "f***@example.dev");
}

#[test]
fn the_old_address_cancels_from_its_link_and_the_link_is_then_used_up() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "thief@example.dev", false);
    let token = token_for(&server, &old);

    let notice = public(&server, "/notices/lookup", json!({ "token": token }));
    assert_eq!(notice.status, 200, "{:?}", notice.body);
    let body = &notice.body;
    assert_eq!(body["recipient_masked"], "u***@example.com");
    assert_eq!(body["actions"], json!(["confirm", "cancel", "secure"]));
    assert_eq!(body["event"]["state"], "cooling_off");
    assert_eq!(body["event"]["new_masked"], "t***@example.dev");
    assert_eq!(body["event"]["authorised_by"]["method"], "sms");
    assert_eq!(public(&server, "/notices/lookup", json!({ "token": token })).body, notice.body, "read-only");
    let text = notice.body.to_string();
    assert!(!text.contains("thief@example.dev") && !text.contains(&old), "masked only: {text}");

    // Cancelling needs a fresh code to the address.
    let id = body["notice_id"].as_str().unwrap();
    let no_code = public(&server, &format!("/notices/{id}/actions"), json!({ "action": "cancel", "token": token }));
    assert_problem(&no_code, 400, "invalid_request");
    let done = act(&server, &token, &old, "cancel");
    assert_eq!(done.status, 200, "{:?}", done.body);
    assert_eq!(done.body["result"], "cancelled");
    let account = user.get("/account").body;
    assert_eq!((&account["recovery_email"]["masked"], &account["pending"]), (&json!("u***@example.com"), &json!({})));
    let events = user.get("/account/events").body["events"].clone();
    assert_eq!((&events[0]["action"], &events[0]["actor"]), (&json!("cancelled"), &json!("notice")));

    // A used link, an unknown one and a made-up one answer alike.
    let used = public(&server, "/notices/lookup", json!({ "token": token }));
    let unknown = public(&server, "/notices/lookup", json!({ "token": "0".repeat(48) }));
    assert_problem(&used, 404, "notice_link_invalid");
    assert_eq!(used.body, unknown.body);
}

#[test]
fn the_previous_holder_undoes_and_the_account_is_secured_and_held() {
    let server = start(Rules { cooling_off: Duration::ZERO, notice_window: Duration::ZERO, ..fast_rules() }, None);
    let user = server.login("default");
    let other = server.login_again(&user);
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "thief@example.dev", false);
    // The address whose code authorised it cannot undo it, from its own notice.
    let sms_notice = notices_to(&server, &user.address("recovery_mobile")).pop().unwrap();
    assert_eq!(sms_notice["actions"], json!(["confirm", "secure"]));
    assert!(sms_notice["body"].as_str().unwrap().contains("/developer/notice "));
    let login_token = token_for(&server, &user.address("login_email"));
    let refused = act(&server, &login_token, &user.address("login_email"), "undo");
    assert_problem(&refused, 403, "action_not_allowed");
    assert_eq!(refused.body["allowed"], json!(["confirm", "secure"]));

    let token = token_for(&server, &old);
    let undone = act(&server, &token, &old, "undo");
    assert_eq!(undone.status, 200, "{:?}", undone.body);
    assert_eq!((&undone.body["result"], &undone.body["sessions_ended"]), (&json!("undone"), &json!(2)));
    assert_eq!(undone.body["next"], json!(["sign_in", "appeal"]));
    // Every session ended; signing in again works, and reading.
    assert_problem(&user.get("/account"), 401, "unauthenticated");
    assert_problem(&other.get("/account"), 401, "unauthenticated");
    let owner = server.login_again(&user);
    let account = owner.get("/account").body;
    assert_eq!(account["recovery_email"]["masked"], "u***@example.com", "the previous value is back");
    assert_eq!(account["security_hold"]["until"], undone.body["hold_until"]);
    // Held: no factor or contact change; identity can still be verified.
    let ticket = owner.ticket(&server);
    let held = owner.with_ticket("POST", "/recovery/mobile/challenges", &ticket, json!({ "value": "+8613912345678" }));
    assert_problem(&held, 403, "security_hold");
    assert_eq!(held.body["hold_until"], undone.body["hold_until"]);
    assert_problem(
        &owner.with_ticket("PUT", "/contact/email", &ticket, json!({ "value": "c@example.dev" })),
        403,
        "security_hold",
    );
    let events = owner.get("/account/events").body["events"].clone();
    assert_eq!((&events[0]["field"], &events[0]["action"]), (&json!("account"), &json!("secured")));
    assert_eq!((&events[1]["action"], &events[1]["state"]), (&json!("undone"), &json!("undone")));
    // Everyone was told, for their information only.
    let last = notices_to(&server, &user.address("recovery_mobile")).pop().unwrap();
    assert_eq!(last["actions"], json!([]));
    assert!(last["body"].as_str().unwrap().contains("secured"), "{last}");
    // The hold ends.
    owner.dev("expire/hold", json!({}));
    assert_eq!(owner.get("/account").body["security_hold"], Value::Null);
}

#[test]
fn the_sms_path_is_no_oracle_and_a_grant_acts_on_the_open_notices() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let mobile = user.address("recovery_mobile");
    let ticket = email_ticket(&server, &user, &user.address("recovery_email"));
    let done = change(&server, &user, "recovery/mobile", &ticket, "+8613955556666", false);
    assert_eq!(done.status, 202);
    let sms = notices_to(&server, &mobile).pop().unwrap();
    assert_eq!(sms["link"], Value::Null, "an SMS carries no link of its own");

    // Any address gets the same answer; a code goes only where there are open notices.
    let nobody = public(&server, "/notices/address-challenges", json!({ "address": "+8613700000000" }));
    let owner = public(&server, "/notices/address-challenges", json!({ "address": mobile }));
    assert_eq!((nobody.status, owner.status), (202, 202));
    let keys = |r: &Response| r.body.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&nobody), keys(&owner));
    assert!(server.outbox("+8613700000000").is_empty(), "no code to an address with no notices");
    assert_eq!(server.outbox(&mobile).last().unwrap()["purpose"], "notice_lookup");
    // No code is right for the address with none.
    let id = nobody.body["challenge_id"].as_str().unwrap();
    let wrong = public(&server, &format!("/notices/address-challenges/{id}/verify"), json!({ "code": "000000" }));
    assert_problem(&wrong, 422, "invalid_code");

    let id = owner.body["challenge_id"].as_str().unwrap();
    let code = server.last_code(&mobile);
    let granted = public(&server, &format!("/notices/address-challenges/{id}/verify"), json!({ "code": code }));
    assert_eq!(granted.status, 200, "{:?}", granted.body);
    let grant = granted.body["grant"].as_str().unwrap().to_string();
    let notices = granted.body["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["ref"], sms["ref"]);
    assert_eq!(notices[0]["actions"], json!(["confirm", "cancel", "secure"]));

    // A grant (or a token) is no session and no ticket.
    let as_session =
        send(ureq::get(&format!("{}/api/v1/account", server.base)).set("cookie", &format!("ac_session={grant}")), None);
    assert_problem(&as_session, 401, "unauthenticated");
    let as_ticket = user.with_ticket("POST", "/recovery/email/challenges", &grant, json!({ "value": "x@example.dev" }));
    assert_problem(&as_ticket, 403, "identity_verification_required");

    let notice_id = notices[0]["notice_id"].as_str().unwrap();
    let secured =
        public(&server, &format!("/notices/{notice_id}/actions"), json!({ "action": "secure", "grant": grant }));
    assert_eq!(secured.status, 200, "{:?}", secured.body);
    assert_eq!(secured.body["result"], "secured");
    let owner = server.login_again(&user);
    let account = owner.get("/account").body;
    assert_eq!(account["pending"], json!({}), "securing voided the change waiting");
    assert_eq!(account["recovery_mobile"]["masked"], done.body["recovery_mobile"]["masked"]);
}

#[test]
fn limits_per_client_per_notice_and_per_field_and_no_call_from_another_site() {
    let server = start(Rules { notice_client_limit: 4, ..fast_rules() }, None);
    for _ in 0..4 {
        assert_eq!(public(&server, "/notices/lookup", json!({ "token": "x" })).status, 404);
    }
    let limited = public(&server, "/notices/lookup", json!({ "token": "x" }));
    assert_problem(&limited, 429, "daily_limit_reached");
    assert!(limited.retry_after.is_some());

    let cross = send(
        ureq::post(&format!("{}/api/v1/notices/lookup", server.base)).set("sec-fetch-site", "cross-site"),
        Some(json!({ "token": "x" })),
    );
    assert_problem(&cross, 403, "cross_site_request");

    // One code per notice a minute, five a day.
    let server = start(Rules { resend_cooldown: Duration::from_secs(60), ..Rules::default() }, None);
    let user = server.login("default");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "t@example.dev", false);
    let token = token_for(&server, &user.address("recovery_email"));
    let id =
        public(&server, "/notices/lookup", json!({ "token": token })).body["notice_id"].as_str().unwrap().to_string();
    let ask = || public(&server, &format!("/notices/{id}/challenges"), json!({ "token": token }));
    assert_eq!(ask().status, 201);
    let soon = ask();
    assert_problem(&soon, 429, "resend_too_soon");
    for _ in 0..4 {
        server.clock.advance(Duration::from_secs(61));
        assert_eq!(ask().status, 201);
    }
    server.clock.advance(Duration::from_secs(61));
    assert_problem(&ask(), 429, "daily_limit_reached");

    // One undo or cancel per field per 30 days. (A notice within 15 minutes of another to the
    // same address goes with the next message: it links to each notice it holds.)
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "a@example.dev", false);
    assert_eq!(act(&server, &token_for(&server, &old), &old, "cancel").status, 200);
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "b@example.dev", false);
    server.clock.advance(Duration::from_secs(15 * 60));
    let user = server.login_again(&user);
    let digest = notices_to(&server, &old).pop().unwrap();
    assert!(digest["body"].as_str().unwrap().contains(digest["link"].as_str().unwrap()), "{digest}");
    assert_eq!(user.get("/account").body["pending"]["recovery_email"]["masked"], "b***@example.dev");
    let again = act(&server, &token_for(&server, &old), &old, "cancel");
    assert_problem(&again, 429, "dispute_limit_reached");
}

#[test]
fn keep_and_a_lost_address_leave_nothing_to_undo_and_a_superseded_change_is_said_so() {
    let server = start(Rules { cooling_off: Duration::ZERO, notice_window: Duration::ZERO, ..fast_rules() }, None);
    let user = server.login("default");
    let old = user.address("recovery_email");
    // The holder no longer has the old address: it is told, and can do nothing.
    let ticket = user.ticket(&server);
    let done = change(&server, &user, "recovery/email", &ticket, "lost@example.dev", true);
    assert_eq!(done.status, 200, "{:?}", done.body);
    let told = notices_to(&server, &old).pop().unwrap();
    assert_eq!((&told["actions"], &told["link"]), (&json!([]), &Value::Null));
    assert_eq!(done.body["recent"], json!({}), "nobody can undo it");

    // Kept with a ticket from a factor it did not alter: the undo is void.
    let user = server.login("default");
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    let done = change(&server, &user, "recovery/email", &ticket, "kept@example.dev", false);
    let id = done.body["change_id"].as_str().unwrap().to_string();
    let token = token_for(&server, &old);
    let by_new = email_ticket(&server, &user, "kept@example.dev");
    let refused = user.with_ticket("POST", &format!("/account/changes/{id}/keep"), &by_new, json!({}));
    assert_problem(&refused, 403, "identity_verification_required");
    assert_eq!(refused.body["methods"], json!(["sms"]));
    let by_mobile = user.ticket(&server);
    let kept = user.with_ticket("POST", &format!("/account/changes/{id}/keep"), &by_mobile, json!({}));
    assert_eq!(kept.status, 200, "{:?}", kept.body);
    assert_eq!(kept.body, json!({ "change_id": id, "revert_until": null }));
    assert_eq!(user.get("/account").body["recent"], json!({}));
    let undo = act(&server, &token, &old, "undo");
    assert_problem(&undo, 403, "action_not_allowed");
    assert_eq!(undo.body["allowed"], json!(["confirm", "secure"]));

    // A change the field no longer holds cannot be undone.
    let user = server.login("default");
    let old = user.address("recovery_email");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "first@example.dev", false);
    let token = token_for(&server, &old);
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "second@example.dev", false);
    assert_problem(&act(&server, &token, &old, "undo"), 409, "change_superseded");
}

#[test]
fn a_secure_per_address_per_week() {
    let server = start(Rules { cooling_off: Duration::ZERO, notice_window: Duration::ZERO, ..fast_rules() }, None);
    let user = server.login("default");
    let login = user.address("login_email");
    let ticket = user.ticket(&server);
    change(&server, &user, "recovery/email", &ticket, "one@example.dev", false);
    assert_eq!(act(&server, &token_for(&server, &login), &login, "secure").status, 200);
    let owner = server.login_again(&user);
    owner.dev("expire/hold", json!({}));
    let ticket = owner.ticket(&server);
    change(&server, &owner, "recovery/email", &ticket, "two@example.dev", false);
    assert_problem(&act(&server, &token_for(&server, &login), &login, "secure"), 429, "dispute_limit_reached");
    server.clock.advance(Duration::from_secs(7 * 24 * 3600 + 1));
    let owner = server.login_again(&user);
    let ticket = owner.ticket(&server);
    change(&server, &owner, "recovery/email", &ticket, "three@example.dev", false);
    assert_eq!(act(&server, &token_for(&server, &login), &login, "secure").status, 200);
}
