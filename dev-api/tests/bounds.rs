//! dev-api's memory stays bounded however long it runs and however much it is asked to send.

use std::time::Duration;

use contract::{AccountField, IdentityMethod, ProblemCode};
use dev_api::clock::Clock;
use dev_api::config::Rules;
use dev_api::store::{Caller, Client, Lang, Store, MAX_COUNTED_TARGETS, MAX_OUTBOX, MAX_SESSIONS};

/// Signs in with a fresh account and earns an identity ticket (one code sent).
fn signed_in(store: &mut Store) -> (Caller, String) {
    let (session_id, _, addresses) = store.login("default", Client::default()).unwrap();
    let caller = store.caller(&session_id, Lang::En).unwrap();
    let (_, challenge) = store.start_identity(&caller, Some(IdentityMethod::Sms)).unwrap();
    let to = addresses["recovery_mobile"].as_str().unwrap();
    let code = store.outbox(Some(to)).pop().unwrap().code.unwrap();
    let step_up = store.verify_identity(&caller, challenge.challenge_id.as_str(), &code).unwrap();
    // The session goes on under its new id.
    let caller = Caller { session_id: step_up.session_id, ..caller };
    (caller, step_up.ticket.ticket.as_str().to_string())
}

#[test]
fn a_hundred_thousand_sends_stay_within_the_caps() {
    let clock = Clock::default();
    let rules = Rules { resend_cooldown: Duration::ZERO, ..Rules::default() };
    let mut store = Store::new(rules, clock.clone(), false);
    let mut sends = 0;
    let mut refused = 0;
    while sends < 100_000 {
        let (caller, ticket) = signed_in(&mut store);
        sends += 1;
        // Every account sends to new addresses until its own budget ends.
        loop {
            let to = format!("t{sends}@example.org");
            match store.start_change(&caller, AccountField::RecoveryEmail, &to, Some(&ticket)) {
                Ok(_) => sends += 1,
                Err(problem) => {
                    assert_eq!(problem.code, ProblemCode::DailyLimitReached);
                    refused += 1;
                    break;
                }
            }
        }
        clock.advance(Duration::from_secs(1));
        let held = store.footprint();
        assert!(held.outbox <= MAX_OUTBOX, "{held:?}");
        assert!(held.sessions <= MAX_SESSIONS, "{held:?}");
        assert!(held.accounts <= held.sessions + 1, "accounts leave with their sessions: {held:?}");
        // Per sender and target, and per target for senders that do not own it: each bounded.
        assert!(held.counted_targets <= 2 * MAX_COUNTED_TARGETS + 2 * held.sessions, "{held:?}");
        assert!(held.challenges <= 5 * held.sessions, "{held:?}");
    }
    // Each account: its session's identity code (a session's budget), then 20 of its own.
    assert_eq!(refused, 100_000usize.div_ceil(21), "each account stopped at 20 codes");

    // A day later the counters are forgotten, and sessions idle for 12 hours are gone.
    clock.advance(Duration::from_secs(25 * 3600));
    signed_in(&mut store);
    let held = store.footprint();
    assert!(held.counted_targets <= 2, "{held:?}");
    assert!(held.sessions <= 1 && held.accounts <= 2 && held.tickets <= 1, "{held:?}");
}

#[test]
fn at_the_session_cap_a_sign_in_is_refused_and_no_one_is_signed_out() {
    let mut store = Store::new(Rules::default(), Clock::default(), false);
    let (first, _, _) = store.login("default", Client::default()).unwrap();
    for _ in 1..MAX_SESSIONS {
        store.login("default", Client::default()).unwrap();
    }
    let refused = store.login("default", Client::default()).unwrap_err();
    assert_eq!((refused.status.as_u16(), refused.code), (503, ProblemCode::TooManySessions));
    assert!(store.session(&first).is_some(), "the first session is still signed in");
}
