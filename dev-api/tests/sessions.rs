//! Sessions as their owner sees and ends them, and what a thief holding one session cannot
//! do to the owner's other sessions: use up their codes, pause their password, or keep them
//! from signing the thief out. Over real HTTP, every answer checked against openapi.yaml.

// The support module checks every answer against the spec; the rest of it serves contract.rs.
#[allow(dead_code)]
mod openapi;
mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{assert_problem, fast_rules, send, start, Server, User};

const CHROME_ON_WINDOWS: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_ON_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

/// Another session of `user`'s account, signed in from `agent` in `region`.
fn sign_in_from(server: &Server, user: &User, agent: &str, region: &str) -> User {
    let body = json!({ "account_id": user.address("account_id"), "region": region });
    let response =
        ureq::post(&format!("{}/__dev/login", server.base)).set("user-agent", agent).send_json(body).unwrap();
    let cookie = |name: &str| support::set_cookie(&response, name);
    let (session, csrf) = (cookie("ac_session"), cookie("csrf_token"));
    User {
        base: server.base.clone(),
        language: None.into(),
        session: session.into(),
        csrf: csrf.into(),
        addresses: response.into_json().unwrap(),
    }
}

/// Notices (no code) the address got whose body says `words`.
fn notices_saying(server: &Server, to: &str, words: &str) -> Vec<Value> {
    let notices = server.outbox(to).into_iter().filter(|m| m["purpose"] == "notify");
    notices.filter(|m| m["body"].as_str().unwrap_or_default().contains(words)).collect()
}

#[test]
fn a_thief_holding_a_session_cannot_switch_off_the_owners_step_up_or_stay_signed_in() {
    let server = start(fast_rules(), None);
    let thief = server.login("default");
    // Every identity code the thief's session may ask for today, to both recovery addresses.
    let mut sent = 0;
    for method in ["sms", "email"].into_iter().cycle().take(40) {
        let answer = thief.post("/identity/challenges", json!({ "method": method }));
        if answer.status == 429 {
            assert_problem(&answer, 429, "daily_limit_reached");
            continue;
        }
        assert_eq!(answer.status, 201, "{:?}", answer.body);
        sent += 1;
    }
    assert_eq!(sent, 20, "the session's own daily limit");
    // And wrong passwords until the password is paused for the day.
    let mut paused = None;
    for _ in 0..30 {
        let answer = thief.post("/identity/password", json!({ "password": "guess" }));
        if answer.status == 429 {
            paused = Some(answer);
        }
    }
    let paused = paused.expect("wrong passwords pause the thief's session");
    assert_problem(&paused, 429, "password_locked");

    // The owner signs in again on their own device: every method works there.
    let owner = server.login_again(&thief);
    let code = owner.post("/identity/challenges", json!({ "method": "sms" }));
    assert_eq!(code.status, 201, "the owner's session has budgets of its own: {:?}", code.body);
    let password = owner.post("/identity/password", json!({ "password": "dev-password" }));
    assert_eq!(password.status, 200, "the thief's pause is the thief's session's: {:?}", password.body);
    // A fresh sign-in may sign the others out; the thief's session ends at once.
    let ended = owner.post("/sessions/end-others", json!({}));
    assert_eq!(ended.status, 200, "{:?}", ended.body);
    assert_eq!(ended.body["ended"], 1);
    assert_problem(&thief.get("/account"), 401, "unauthenticated");
    assert_eq!(owner.get("/account").status, 200);

    // The owner heard of each: the many codes (once), and the sign-out (held with the
    // pauses while the first notice's window was open, then sent together).
    server.clock.advance(Duration::from_secs(16 * 60));
    assert_eq!(owner.get("/account").status, 200);
    let mobile = owner.address("recovery_mobile");
    let email = owner.address("recovery_email");
    assert_eq!(notices_saying(&server, &email, "20 identity verification codes were asked for").len(), 1);
    assert_eq!(notices_saying(&server, &mobile, "20 identity codes asked for").len(), 1);
    let told = notices_saying(&server, &email, "Another session of the account was signed out.");
    assert_eq!(told.len(), 1, "{:?}", server.outbox(&email));
    let body = told[0]["body"].as_str().unwrap();
    assert!(body.contains("How it was authorised: by a session signed in moments before"), "{body}");
}

#[test]
fn ending_sessions_needs_a_code_or_a_fresh_sign_in_not_the_password() {
    let server = start(fast_rules(), None);
    let laptop = server.login("default");
    let phone = server.login_again(&laptop);
    // Eleven minutes on, neither sign-in is fresh.
    server.clock.advance(Duration::from_secs(11 * 60));
    let refused = laptop.post("/sessions/end-others", json!({}));
    assert_problem(&refused, 403, "identity_verification_required");
    assert_eq!(refused.body["methods"], json!(["sms", "email"]));
    // The password is not enough where the account has a code method: a thief who has it
    // could sign the owner out again and again.
    assert_eq!(laptop.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
    assert_problem(&laptop.post("/sessions/end-others", json!({})), 403, "identity_verification_required");
    assert_eq!(phone.get("/account").status, 200);
    // A code to a recovery address is.
    laptop.ticket(&server);
    assert_eq!(laptop.post("/sessions/end-others", json!({})).body["ended"], 1);
    assert_problem(&phone.get("/account"), 401, "unauthenticated");

    // An account with no recovery address has only its password.
    let first = server.login("no-recovery");
    let second = server.login_again(&first);
    server.clock.advance(Duration::from_secs(11 * 60));
    assert_problem(&first.post("/sessions/end-others", json!({})), 403, "identity_verification_required");
    assert_eq!(first.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
    assert_eq!(first.post("/sessions/end-others", json!({})).body["ended"], 1);
    assert_problem(&second.get("/account"), 401, "unauthenticated");
}

#[test]
fn the_owner_sees_every_session_and_signs_one_out_by_name() {
    let server = start(fast_rules(), None);
    let owner = server.login("default");
    let laptop = sign_in_from(&server, &owner, CHROME_ON_WINDOWS, "HK");
    server.clock.advance(Duration::from_secs(60));
    let phone = sign_in_from(&server, &owner, SAFARI_ON_IPHONE, "CN");
    let stranger = server.login("default");

    let listed = laptop.get("/sessions");
    assert_eq!(listed.status, 200, "{:?}", listed.body);
    let sessions = listed.body["sessions"].as_array().unwrap().clone();
    assert_eq!(sessions.len(), 3, "this account's sessions only: {sessions:?}");
    assert_eq!(sessions[0]["current"], true, "the session asking comes first");
    assert_eq!(
        (&sessions[0]["browser"], &sessions[0]["os"], &sessions[0]["region"]),
        (&json!("Chrome"), &json!("Windows"), &json!("HK"))
    );
    assert_eq!(
        (&sessions[1]["browser"], &sessions[1]["os"]),
        (&json!("Safari"), &json!("iOS")),
        "then the most recently active"
    );
    assert!(sessions[1..].iter().all(|s| s["current"] == false));
    for session in &sessions {
        let id = session["session_id"].as_str().unwrap();
        assert!(
            ![owner.session.borrow().as_str(), laptop.session.borrow().as_str(), phone.session.borrow().as_str()]
                .contains(&id),
            "a session's name in the list is never its cookie"
        );
    }

    let phone_id = sessions[1]["session_id"].as_str().unwrap().to_string();
    let end = |user: &User, id: &str| user.follow(send(user.request("DELETE", &format!("/sessions/{id}")), None));
    // Another account's session cannot be named, nor this one ended as another's.
    assert_problem(&end(&stranger, &phone_id), 404, "not_found");
    assert_problem(&end(&laptop, sessions[0]["session_id"].as_str().unwrap()), 400, "invalid_request");
    // Without a code step-up, a session signed in long ago cannot end another.
    server.clock.advance(Duration::from_secs(11 * 60));
    assert_problem(&end(&laptop, &phone_id), 403, "identity_verification_required");
    laptop.ticket(&server);
    let ended = end(&laptop, &phone_id);
    assert_eq!(ended.status, 200, "{:?}", ended.body);
    assert_eq!(ended.body["ended"], 1);
    assert_problem(&phone.get("/account"), 401, "unauthenticated");
    assert_eq!(owner.get("/account").status, 200, "the others go on");
    assert_problem(&end(&laptop, &phone_id), 404, "not_found");
    assert_eq!(laptop.get("/sessions").body["sessions"].as_array().unwrap().len(), 2);
    let told =
        notices_saying(&server, &owner.address("recovery_email"), "Another session of the account was signed out.");
    assert!(told[0]["body"].as_str().unwrap().contains("with a code sent to +86 138"), "{told:?}");
    // Without the CSRF token, nothing ends.
    let forged = send(
        ureq::delete(&format!("{}/api/v1/sessions/{phone_id}", server.base))
            .set("cookie", &format!("ac_session={}", laptop.session.borrow())),
        None,
    );
    assert_problem(&forged, 403, "csrf_failed");
}

#[test]
fn a_step_up_keeps_requests_already_on_their_way_and_a_lost_answer_signs_nobody_out() {
    let server = start(fast_rules(), None);
    let user = server.login("default");
    let (old_id, old_csrf) = (user.session.borrow().clone(), user.csrf.borrow().clone());
    let as_before = || User {
        base: server.base.clone(),
        language: None.into(),
        session: old_id.clone().into(),
        csrf: old_csrf.clone().into(),
        addresses: user.addresses.clone(),
    };
    assert_eq!(user.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
    let (new_id, new_csrf) = (user.session.borrow().clone(), user.csrf.borrow().clone());
    assert_ne!(new_csrf, old_csrf, "the CSRF token rotates with the session");

    // Six requests sent before the step-up's answer arrived, under the old id and token:
    // reads and writes alike succeed, and each answer hands over the new cookies.
    for _ in 0..3 {
        let late = as_before();
        let read = send(late.request("GET", "/account"), None);
        assert_eq!(read.status, 200, "{:?}", read.body);
        assert_eq!((read.session.as_deref(), read.csrf.as_deref()), (Some(new_id.as_str()), Some(new_csrf.as_str())));
        let write = send(late.request("POST", "/identity/challenges"), Some(json!({ "method": "email" })));
        assert_eq!(write.status, 201, "{:?}", write.body);
    }
    // A step-up whose answer was lost: the browser, still on the old cookie, is moved on.
    let lost = as_before();
    assert_eq!(lost.get("/account").status, 200);
    assert_eq!(*lost.session.borrow(), new_id);
    // Once the new id is in use, the old one is done.
    assert_eq!(user.get("/account").status, 200);
    assert_problem(&send(as_before().request("GET", "/account"), None), 401, "unauthenticated");

    // The new id with the old token, as a browser whose cookie store lags a moment sends it.
    assert_eq!(user.post("/identity/password", json!({ "password": "dev-password" })).status, 200);
    let rotated = (user.session.borrow().clone(), user.csrf.borrow().clone());
    let lagging = User { session: rotated.0.clone().into(), csrf: new_csrf.clone().into(), ..as_before() };
    let write = send(lagging.request("POST", "/identity/challenges"), Some(json!({ "method": "sms" })));
    assert_eq!(write.status, 201, "{:?}", write.body);

    // Unused, the old pair answers for 30 seconds only, and the old token as long.
    server.clock.advance(Duration::from_secs(31));
    let stale = User { session: new_id.clone().into(), csrf: new_csrf.clone().into(), ..as_before() };
    assert_problem(&send(stale.request("GET", "/account"), None), 401, "unauthenticated");
    let mixed = User { session: rotated.0.clone().into(), csrf: new_csrf.clone().into(), ..as_before() };
    assert_problem(&send(mixed.request("POST", "/sessions/end-others"), Some(json!({}))), 403, "csrf_failed");
    assert_eq!(user.get("/account").status, 200);
}

#[test]
fn wrong_passwords_and_codes_of_one_session_leave_another_sessions_alone() {
    let server = start(fast_rules(), None);
    let thief = server.login("default");
    let owner = server.login_again(&thief);
    for _ in 0..5 {
        thief.post("/identity/password", json!({ "password": "guess" }));
    }
    assert_problem(&thief.post("/identity/password", json!({ "password": "dev-password" })), 429, "password_locked");
    let wrong = owner.post("/identity/password", json!({ "password": "guess" }));
    assert_problem(&wrong, 422, "invalid_password");
    assert_eq!(wrong.body["attempts_left"], 4, "the owner's count starts at their own first try");
    // A code the thief's session asked for is not the owner's: asking for one there does
    // not replace the owner's, nor wait for the thief's cooldown.
    let owners = owner.post("/identity/challenges", json!({ "method": "sms" }));
    let code = server.last_code(&owner.address("recovery_mobile"));
    assert_eq!(thief.post("/identity/challenges", json!({ "method": "sms" })).status, 201);
    let id = owners.body["challenge_id"].as_str().unwrap();
    let verified = owner.post(&format!("/identity/challenges/{id}/verify"), json!({ "code": code }));
    assert_eq!(verified.status, 200, "{:?}", verified.body);
}

#[test]
fn a_step_up_whose_session_ended_meanwhile_earns_nothing() {
    use dev_api::store::{Client, Lang, Store, DEV_PASSWORD};
    let mut store = Store::new(dev_api::config::Rules::default(), dev_api::clock::Clock::default(), false);
    let (first, _, addresses) = store.login("default", Client::default()).unwrap();
    let account = addresses["account_id"].as_str().unwrap();
    let (second, _, _) = store.login_again(account, Client::default()).unwrap();
    let caller = store.caller(&first, Lang::En).unwrap();
    // The password is checked off the store; meanwhile the session is signed out.
    let hash = store.password_gate(&caller).unwrap();
    let right = hash.matches(DEV_PASSWORD);
    store.end_session(&first);
    let refused = store.password_checked(&caller, right).unwrap_err();
    assert_eq!(refused.code, contract::ProblemCode::Unauthenticated);
    assert!(store.caller(&second, Lang::En).is_some(), "the account's other session goes on");
    assert_eq!(store.footprint().tickets, 0, "no ticket for a session that is gone");
}
