//! Sessions: signing in, a session's lifetime and idle time, its id rotated on a step-up
//! (the old id still answers for a moment), the owner's list of them, ending one or all
//! others, and the sweep of what has ended.

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{IdentityMethod, SessionInfo, Sessions, SessionsEnded};
use serde_json::{json, Value};

use super::codes::{chrono, random_token, same_secret};
use super::notices::{How, Lang, Told, What};
use super::tickets::Authority;
use super::{rfc3339, Caller, Store};
use crate::config::Rules;
use crate::device::Device;
use crate::problem::Problem;
use contract::ProblemCode;

/// Sessions at once; past this, signing in is refused (503) until sessions end: no sign-in
/// ever ends somebody else's session.
pub const MAX_SESSIONS: usize = 10_000;

/// A session signed in this recently may end other sessions without verifying identity
/// again: signing in is itself a fresh proof.
pub const FRESH_SIGN_IN: ChronoDuration = ChronoDuration::minutes(10);

/// How long a session's previous id still answers after a step-up gave it a new one
/// (unless the new one is used first): requests already on their way, and a step-up whose
/// answer was lost, do not sign the user out.
pub const ROTATION_GRACE: ChronoDuration = ChronoDuration::seconds(30);

/// How often the store drops what no rule needs any more.
pub(super) const SWEEP_EVERY: ChronoDuration = ChronoDuration::seconds(60);

#[derive(Clone, Debug)]
pub struct Session {
    pub account_id: String,
    pub csrf_token: String,
    pub(super) signed_in: DateTime<Utc>,
    pub(super) last_seen: DateTime<Utc>,
    /// When and how identity was last verified in this session.
    pub(super) stepped_up: Option<(DateTime<Utc>, Authority)>,
    /// The session's name in the owner's list, and the key of its budgets: not its cookie
    /// (which is never shown), and the same across step-ups.
    pub handle: String,
    /// The CSRF token before the last step-up, and until when it is still taken: a browser
    /// may send it a moment longer (WebKit's `document.cookie` lags behind a `Set-Cookie`).
    previous_csrf: Option<(String, DateTime<Utc>)>,
    device: Device,
    region: Option<String>,
}

/// Where a sign-in comes from, as the session list shows it.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub device: Device,
    /// An ISO 3166-1 region code, as a gateway's location lookup would give.
    pub region: Option<String>,
}

/// A session's id as it stood before a step-up: the id it has now, its CSRF token then,
/// and until when the old pair still answers.
#[derive(Clone, Debug)]
pub(super) struct Retired {
    session_id: String,
    csrf_token: String,
    until: DateTime<Utc>,
}

/// A request under a retired id, answered as the session's new one.
#[derive(Clone, Debug)]
pub struct Successor {
    pub session_id: String,
    pub csrf_token: String,
    /// The CSRF token the session had with its old id, still accepted with it.
    pub old_csrf_token: String,
}

impl Session {
    /// Unused for the idle time, or signed in longer ago than the lifetime.
    fn over(&self, now: DateTime<Utc>, rules: &Rules) -> bool {
        self.last_seen <= now - chrono(rules.session_idle) || self.signed_in <= now - chrono(rules.session_lifetime)
    }
}

impl Store {
    /// Signs in with a fresh account: the session id, its CSRF token and the full addresses.
    pub fn login(&mut self, preset: &str, client: Client) -> Result<(String, String, Value), Problem> {
        self.room_for_a_session()?;
        let account_id = self.create_account(preset)?;
        let (session_id, csrf_token) = self.open_session(&account_id, client);
        let mut addresses = self.accounts[&account_id].full_addresses();
        addresses["preset"] = json!(preset);
        Ok((session_id, csrf_token, addresses))
    }

    /// Another session of an existing account (a second browser or device).
    pub fn login_again(&mut self, account_id: &str, client: Client) -> Result<(String, String, Value), Problem> {
        if !self.accounts.contains_key(account_id) {
            return Err(Problem::not_found("No account has this id."));
        }
        self.room_for_a_session()?;
        let (session_id, csrf_token) = self.open_session(account_id, client);
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

    fn open_session(&mut self, account_id: &str, client: Client) -> (String, String) {
        let now = self.now();
        let session = Session {
            account_id: account_id.to_string(),
            csrf_token: random_token(16),
            signed_in: now,
            last_seen: now,
            stepped_up: None,
            handle: random_token(8),
            previous_csrf: None,
            device: client.device,
            region: client.region,
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

    /// The caller behind a session id, if its session has not ended; it counts as used now.
    pub fn caller(&mut self, session_id: &str, lang: Lang) -> Option<Caller> {
        let session = self.session(session_id)?;
        Some(Caller {
            session_id: session_id.to_string(),
            session_handle: session.handle.clone(),
            account_id: session.account_id.clone(),
            lang,
        })
    }

    /// Dev helper: the session signed in just over [`FRESH_SIGN_IN`] ago.
    pub fn age_sign_in(&mut self, session_id: &str) {
        let long_ago = self.now() - FRESH_SIGN_IN - ChronoDuration::seconds(1);
        if let Some(session) = self.sessions.get_mut(session_id) {
            session.signed_in = session.signed_in.min(long_ago);
        }
    }

    /// Whether `token` is the CSRF token of the session (compared in constant time): its
    /// own, or for [`ROTATION_GRACE`] after a step-up the one it had before.
    pub fn csrf_matches(&self, session_id: &str, token: &str) -> bool {
        let now = self.now();
        let Some(session) = self.sessions.get(session_id) else { return false };
        let previous = session.previous_csrf.as_ref().filter(|(_, until)| *until > now);
        same_secret(token, &session.csrf_token) | previous.is_some_and(|(old, _)| same_secret(token, old))
    }

    /// The session a retired id a client presented stands for, while its grace lasts. An id
    /// that is not retired is a session's own: once a client presents the new id, the old
    /// one has done its job and stops answering.
    pub fn successor(&mut self, presented: &str) -> Option<Successor> {
        let now = self.now();
        let Some(retired) = self.retired.get(presented).filter(|r| r.until > now).cloned() else {
            self.retired.retain(|_, r| r.session_id != presented);
            return None;
        };
        let session = self.sessions.get(&retired.session_id)?;
        Some(Successor {
            session_id: retired.session_id,
            csrf_token: session.csrf_token.clone(),
            old_csrf_token: retired.csrf_token,
        })
    }

    /// The same session under a new id and a new CSRF token (its tickets end): after a
    /// step-up, an id or token known before it (fixed by an attacker, or read from a log)
    /// soon no longer works. The old pair answers for [`ROTATION_GRACE`], or until the new
    /// id is used. None if the session has ended meanwhile.
    pub(super) fn rotate_session(&mut self, session_id: &str) -> Option<(String, String)> {
        let mut session = self.sessions.remove(session_id)?;
        self.tickets.end_session(session_id);
        let new_id = random_token(24);
        let old_csrf = std::mem::replace(&mut session.csrf_token, random_token(16));
        let csrf_token = session.csrf_token.clone();
        session.previous_csrf = Some((old_csrf.clone(), self.now() + ROTATION_GRACE));
        self.sessions.insert(new_id.clone(), session);
        // An id retired before now stands for the newest one.
        for retired in self.retired.values_mut().filter(|r| r.session_id == session_id) {
            retired.session_id = new_id.clone();
        }
        if self.retired.len() >= MAX_SESSIONS {
            let now = self.now();
            self.retired.retain(|_, r| r.until > now);
        }
        if self.retired.len() < MAX_SESSIONS {
            let until = self.now() + ROTATION_GRACE;
            self.retired
                .insert(session_id.to_string(), Retired { session_id: new_id.clone(), csrf_token: old_csrf, until });
        }
        Some((new_id, csrf_token))
    }

    /// The account's sessions, as its owner sees them: the caller's first, then the most
    /// recently active.
    pub fn list_sessions(&self, caller: &Caller) -> Sessions {
        let mut sessions: Vec<(bool, DateTime<Utc>, SessionInfo)> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.account_id == caller.account_id)
            .map(|(id, s)| {
                let current = *id == caller.session_id;
                let info = SessionInfo {
                    session_id: s.handle.clone(),
                    browser: s.device.browser.map(str::to_string),
                    os: s.device.os.map(str::to_string),
                    region: s.region.clone(),
                    signed_in_at: rfc3339(s.signed_in),
                    last_active_at: rfc3339(s.last_seen),
                    current,
                };
                (current, s.last_seen, info)
            })
            .collect();
        sessions.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        Sessions { sessions: sessions.into_iter().map(|(_, _, info)| info).collect() }
    }

    /// Whether the caller may end sessions, and how (for the notice): a code to a recovery
    /// address verified within a ticket's lifetime, or a sign-in within [`FRESH_SIGN_IN`];
    /// the password only where the account has no code method (a thief who has it must not
    /// sign the owner out again and again).
    fn may_end_sessions(&self, caller: &Caller) -> Result<How, Problem> {
        let now = self.now();
        let account = self.account(&caller.account_id)?;
        let session = self.sessions.get(&caller.session_id).ok_or_else(Problem::unauthenticated)?;
        let codes_only = account.security_methods() != [IdentityMethod::Password];
        match &session.stepped_up {
            Some((at, Authority::Code(address))) if *at > now - chrono(self.rules.ticket_ttl) => {
                return Ok(How::Code(crate::mask::address(address)))
            }
            Some((at, Authority::Password)) if *at > now - chrono(self.rules.ticket_ttl) && !codes_only => {
                return Ok(How::Password)
            }
            _ => {}
        }
        if session.signed_in > now - FRESH_SIGN_IN {
            return Ok(How::FreshSignIn);
        }
        Err(Problem::identity_required_by(account.security_methods()))
    }

    /// Ends every other session of the caller's account (see [`Store::may_end_sessions`]);
    /// the recovery addresses are told: `{"ended": n}`.
    pub fn end_other_sessions(&mut self, caller: &Caller) -> Result<SessionsEnded, Problem> {
        let how = self.may_end_sessions(caller)?;
        let others: Vec<String> = self
            .sessions
            .iter()
            .filter(|(id, s)| s.account_id == caller.account_id && **id != caller.session_id)
            .map(|(id, _)| id.clone())
            .collect();
        self.end_sessions_of(caller, &others, how)
    }

    /// Ends the caller's account's session named `handle` in the list (not the caller's own:
    /// that is signing out, the shell's to do).
    pub fn end_session_by_handle(&mut self, caller: &Caller, handle: &str) -> Result<SessionsEnded, Problem> {
        let found = self.sessions.iter().find(|(_, s)| s.account_id == caller.account_id && s.handle == handle);
        let Some((id, _)) = found else {
            return Err(Problem::not_found("The account has no session by this id; it may have ended already."));
        };
        if *id == caller.session_id {
            return Err(Problem::invalid_request("This is the session making the request: sign out instead.")
                .field("session_id"));
        }
        let id = id.clone();
        let how = self.may_end_sessions(caller)?;
        self.end_sessions_of(caller, &[id], how)
    }

    fn end_sessions_of(&mut self, caller: &Caller, ids: &[String], how: How) -> Result<SessionsEnded, Problem> {
        for id in ids {
            self.end_session(id);
        }
        let ended = ids.len() as u64;
        if ended > 0 {
            self.alert(&caller.account_id, caller.lang, Told::Alert, What::SessionsEnded { ended }, how);
        }
        Ok(SessionsEnded { ended })
    }

    /// Ends a session; its tickets end with it, and its account (each sign-in has its own).
    pub fn end_session(&mut self, session_id: &str) -> bool {
        let Some(session) = self.sessions.remove(session_id) else { return false };
        self.tickets.end_session(session_id);
        self.password_tries.remove(&session.handle);
        self.codes.forget_session(&session.account_id, &session.handle);
        self.retired.retain(|_, r| r.session_id != session_id);
        self.drop_if_abandoned(&session.account_id);
        true
    }

    /// An account with no session left goes (each sign-in has its own), unless somebody told
    /// of its changes may still act on them, or it is held: its owner signs in to it again.
    fn drop_if_abandoned(&mut self, account_id: &str) {
        let now = self.now();
        let held = self.accounts.get(account_id).is_some_and(|a| a.hold_at(now).is_some());
        if held || self.disputes.has_open(account_id, now) || self.sessions.values().any(|s| s.account_id == account_id)
        {
            return;
        }
        self.accounts.remove(account_id);
        self.codes.forget_account(account_id);
        self.windows.forget_account(account_id);
        self.expiring.retain(|(_, account, ..)| account != account_id);
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
        self.retired.retain(|_, r| r.until > now);
        self.close_windows(now);
        self.disputes.sweep(now);
        for account in self.accounts.values_mut() {
            account.forget_recent_before(now);
        }
        let kept: Vec<String> = self.accounts.keys().cloned().collect();
        for account_id in kept {
            self.drop_if_abandoned(&account_id);
        }
    }
}
