//! Sessions: signing in, a session's lifetime and idle time, its id rotated on a step-up,
//! ending one or all others, and the sweep of what has ended.

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::SessionsEnded;
use serde_json::{json, Value};

use super::codes::{chrono, random_token};
use super::{Caller, Store};
use crate::config::Rules;
use crate::problem::Problem;
use contract::ProblemCode;

/// Sessions at once; past this, signing in is refused (503) until sessions end: no sign-in
/// ever ends somebody else's session.
pub const MAX_SESSIONS: usize = 10_000;

/// How often the store drops what no rule needs any more.
pub(super) const SWEEP_EVERY: ChronoDuration = ChronoDuration::seconds(60);

#[derive(Clone, Debug)]
pub struct Session {
    pub account_id: String,
    pub csrf_token: String,
    pub(super) signed_in: DateTime<Utc>,
    pub(super) last_seen: DateTime<Utc>,
    /// When identity was last verified in this session.
    pub(super) stepped_up: Option<DateTime<Utc>>,
}

impl Session {
    /// Unused for the idle time, or signed in longer ago than the lifetime.
    fn over(&self, now: DateTime<Utc>, rules: &Rules) -> bool {
        self.last_seen <= now - chrono(rules.session_idle) || self.signed_in <= now - chrono(rules.session_lifetime)
    }
}

impl Store {
    /// Signs in with a fresh account: the session id, its CSRF token and the full addresses.
    pub fn login(&mut self, preset: &str) -> Result<(String, String, Value), Problem> {
        self.room_for_a_session()?;
        let account_id = self.create_account(preset)?;
        let (session_id, csrf_token) = self.open_session(&account_id);
        let mut addresses = self.accounts[&account_id].full_addresses();
        addresses["preset"] = json!(preset);
        Ok((session_id, csrf_token, addresses))
    }

    /// Another session of an existing account (a second browser or device).
    pub fn login_again(&mut self, account_id: &str) -> Result<(String, String, Value), Problem> {
        if !self.accounts.contains_key(account_id) {
            return Err(Problem::not_found("No account has this id."));
        }
        self.room_for_a_session()?;
        let (session_id, csrf_token) = self.open_session(account_id);
        Ok((session_id, csrf_token, self.accounts[account_id].full_addresses()))
    }

    /// Another session fits, once idle ones are swept.
    fn room_for_a_session(&mut self) -> Result<(), Problem> {
        let now = self.now();
        self.maybe_sweep(now);
        if self.sessions.len() >= MAX_SESSIONS {
            return Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ProblemCode::TooManySessions,
                "dev-api holds as many sessions as it may; try again when some have ended.",
            ));
        }
        Ok(())
    }

    fn open_session(&mut self, account_id: &str) -> (String, String) {
        let now = self.now();
        let session = Session {
            account_id: account_id.to_string(),
            csrf_token: random_token(16),
            signed_in: now,
            last_seen: now,
            stepped_up: None,
        };
        let csrf_token = session.csrf_token.clone();
        let session_id = random_token(24);
        self.sessions.insert(session_id.clone(), session);
        (session_id, csrf_token)
    }

    /// The session behind a cookie, if it has not ended; it counts as used now.
    pub fn session(&mut self, session_id: &str) -> Option<&Session> {
        let now = self.now();
        self.maybe_sweep(now);
        self.run_due(now);
        if self.sessions.get(session_id)?.over(now, &self.rules) {
            self.end_session(session_id);
            return None;
        }
        let session = self.sessions.get_mut(session_id)?;
        session.last_seen = now;
        Some(session)
    }

    /// The same session under a new id (its tickets end): after a step-up, an id that was
    /// known before it (fixed by an attacker, or read from a log) no longer works.
    pub(super) fn rotate_session(&mut self, session_id: &str) -> String {
        self.tickets.end_session(session_id);
        let new_id = random_token(24);
        if let Some(session) = self.sessions.remove(session_id) {
            self.sessions.insert(new_id.clone(), session);
        }
        new_id
    }

    /// Ends every other session of the caller's account, for a session that verified
    /// identity within a ticket's lifetime (a stolen session alone cannot sign the owner
    /// out): `{"ended": n}`.
    pub fn end_other_sessions(&mut self, caller: &Caller) -> Result<SessionsEnded, Problem> {
        let now = self.now();
        let recent = now - chrono(self.rules.ticket_ttl);
        let stepped_up = self.sessions.get(&caller.session_id).and_then(|s| s.stepped_up);
        if stepped_up.is_none_or(|at| at <= recent) {
            return Err(Problem::identity_required());
        }
        let others: Vec<String> = self
            .sessions
            .iter()
            .filter(|(id, s)| s.account_id == caller.account_id && **id != caller.session_id)
            .map(|(id, _)| id.clone())
            .collect();
        for id in &others {
            self.end_session(id);
        }
        Ok(SessionsEnded { ended: others.len() as u64 })
    }

    /// Ends a session; its tickets end with it, and its account (each sign-in has its own).
    pub fn end_session(&mut self, session_id: &str) -> bool {
        let Some(session) = self.sessions.remove(session_id) else { return false };
        self.tickets.end_session(session_id);
        if !self.sessions.values().any(|s| s.account_id == session.account_id) {
            self.accounts.remove(&session.account_id);
            self.codes.forget_account(&session.account_id);
            self.password_tries.remove(&session.account_id);
            self.windows.forget_account(&session.account_id);
            self.expiring.retain(|(_, account, ..)| *account != session.account_id);
        }
        true
    }

    fn maybe_sweep(&mut self, now: DateTime<Utc>) {
        if now < self.next_sweep {
            return;
        }
        self.next_sweep = now + SWEEP_EVERY;
        let over: Vec<String> =
            self.sessions.iter().filter(|(_, s)| s.over(now, &self.rules)).map(|(id, _)| id.clone()).collect();
        for id in over {
            self.end_session(&id);
        }
        self.codes.sweep(now);
        self.tickets.sweep(now);
        self.close_windows(now);
    }
}
