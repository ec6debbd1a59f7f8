//! Verification codes and the limits on sending them: a cooldown per sender and purpose, a
//! daily budget per sender and target, one per sender, and a shared cap per target that
//! only senders who do not own the target meet, so that what other accounts send to an
//! address never uses up what its owner needs. The sender of an identity code is the
//! session that asks (one session's requests never use up another's: a thief holding a
//! session cannot switch off the owner's step-up); of every other code, the account.

use std::collections::HashMap;

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::AccountField;
use subtle::ConstantTimeEq;

mod window;
use window::{Bounded, Window, WindowMap};

use crate::config::Rules;
use crate::problem::Problem;
use contract::ProblemCode;

/// Targets whose sends are counted at once; past this, the targets sent to longest ago are
/// forgotten first (their limits end early rather than memory growing without end).
pub const MAX_COUNTED_TARGETS: usize = 50_000;

/// An expired code still answers `code_expired` (not `challenge_not_found`) this long.
const EXPIRED_KEPT: ChronoDuration = ChronoDuration::hours(1);

/// What a code is for; also the `purpose` of outbox messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Identity verification, to a recovery address.
    Identity,
    /// Verifying a contact value, to that value.
    Verify(AccountField),
    /// A factor's new value, to that value.
    Change(AccountField),
}

impl Purpose {
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Identity => "identity",
            Purpose::Verify(_) => "verify_contact",
            Purpose::Change(field) => match field {
                AccountField::RecoveryMobile | AccountField::RecoveryEmail => "change_recovery",
                AccountField::LoginEmail => "change_login_email",
                // A contact value is verified after it is saved, never changed by a code.
                AccountField::ContactMobile | AccountField::ContactEmail => "verify_contact",
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct Challenge {
    pub id: String,
    pub account_id: String,
    pub purpose: Purpose,
    pub target: String,
    /// Whose budgets it counts against (see [`sender`]).
    sender: String,
    pub code: String,
    pub expires_at: DateTime<Utc>,
    pub resend_at: DateTime<Utc>,
    attempts_left: u32,
}

/// Whether two secrets are the same, compared in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

pub fn seconds_until(t: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let ms = (t - now).num_milliseconds().max(0) as u64;
    ms.div_ceil(1000)
}

pub fn chrono(d: std::time::Duration) -> ChronoDuration {
    ChronoDuration::from_std(d).unwrap_or(ChronoDuration::MAX)
}

/// Random bytes as hex, from the operating system's CSPRNG.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("the OS random source works");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A uniformly distributed 6-digit code from the OS CSPRNG (rejection sampling, no modulo bias).
pub(super) fn random_code() -> String {
    const LIMIT: u32 = u32::MAX - (u32::MAX % 1_000_000);
    loop {
        let mut buf = [0u8; 4];
        getrandom::getrandom(&mut buf).expect("the OS random source works");
        let n = u32::from_le_bytes(buf);
        if n < LIMIT {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// A wrong code, with the attempts its challenge has left.
pub(super) fn wrong_code(attempts_left: u32) -> Problem {
    let mut problem =
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::InvalidCode, "The code is not correct.")
            .field("code");
    problem.attempts_left = Some(attempts_left);
    problem
}

pub(super) fn too_many_attempts() -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ProblemCode::TooManyAttempts,
        "Too many wrong codes; ask for a new one.",
    )
}

/// The key of a sender's budgets: the account's id, or for one of its sessions
/// `account/session`.
fn sender(account_id: &str, session: Option<&str>) -> String {
    match session {
        Some(session) => format!("{account_id}/{session}"),
        None => account_id.to_string(),
    }
}

/// Whether a sender's key is the account's or one of its sessions'.
fn of_account(key: &str, account_id: &str) -> bool {
    key.strip_prefix(account_id).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[derive(Debug, Default)]
pub struct Codes {
    rules: Rules,
    challenges: HashMap<String, Challenge>,
    /// The live challenge of each account and purpose (a new one replaces it).
    current: HashMap<(String, Purpose), String>,
    /// When an account may next ask for a code for a purpose, whatever the target.
    next_send: HashMap<(String, Purpose), DateTime<Utc>>,
    /// Every code an account asked for, whatever the target.
    by_account: HashMap<String, Window>,
    /// Codes per sending account and target, for every purpose.
    by_sender: HashMap<(String, String), Window>,
    /// Codes per target from accounts that do not own it (it is none of their addresses).
    by_target: HashMap<String, Window>,
    /// Identity codes per account, whichever session asked: past the daily limit the owner
    /// is told, and nobody is refused for it.
    identity_by_account: HashMap<String, Window>,
}

/// The shared cap per target, in multiples of the daily limit per sender: several accounts
/// together may not flood an address, and its owner never meets this cap.
const FOREIGN_SENDERS_FACTOR: usize = 3;

impl Codes {
    pub fn new(rules: Rules) -> Self {
        Codes { rules, ..Codes::default() }
    }

    pub fn counted_targets(&self) -> usize {
        self.by_target.len() + self.by_sender.len()
    }

    pub fn challenges(&self) -> usize {
        self.challenges.len()
    }

    /// A fresh code for `purpose` to `target`, replacing the sender's earlier one for the same
    /// purpose, once the cooldown, the budgets of this sender for the target and in all, and
    /// (for an account that does not `own` the target) the target's shared cap allow it. The
    /// sender is `session` of the account, or with none the account itself.
    pub fn send(
        &mut self,
        now: DateTime<Utc>,
        account_id: &str,
        session: Option<&str>,
        purpose: Purpose,
        target: &str,
        owns: bool,
    ) -> Result<&Challenge, Problem> {
        let sender = sender(account_id, session);
        let cooldown_key = (sender.clone(), purpose);
        if let Some(at) = self.next_send.get(&cooldown_key).filter(|at| **at > now) {
            return Err(Problem::rate_limited(
                ProblemCode::ResendTooSoon,
                "A code was sent a moment ago; wait before asking for another.",
                seconds_until(*at, now),
            ));
        }
        let limit = self.rules.daily_limit;
        let sender_key = (sender.clone(), target.to_string());
        let mut target_full = self.by_sender.get_mut(&sender_key).and_then(|w| w.full(now, limit));
        if !owns {
            let cap = limit.saturating_mul(FOREIGN_SENDERS_FACTOR);
            target_full = target_full.or_else(|| self.by_target.get_mut(target).and_then(|w| w.full(now, cap)));
        }
        if let Some(wait) = target_full {
            return Err(Problem::rate_limited(
                ProblemCode::DailyLimitReached,
                "Too many codes were sent to this address today.",
                wait,
            ));
        }
        let account_limit = self.rules.account_daily_limit;
        if let Some(wait) = self.by_account.get_mut(&sender).and_then(|w| w.full(now, account_limit)) {
            return Err(Problem::rate_limited(
                ProblemCode::DailyLimitReached,
                "This session asked for too many codes today.",
                wait,
            ));
        }

        if !self.by_sender.contains_key(&sender_key) && self.by_sender.len() >= MAX_COUNTED_TARGETS {
            self.make_room(now);
        }
        self.by_sender.entry(sender_key).or_default().0.push_back(now);
        if !owns {
            if !self.by_target.contains_key(target) && self.by_target.len() >= MAX_COUNTED_TARGETS {
                self.make_room(now);
            }
            self.by_target.entry(target.to_string()).or_default().0.push_back(now);
        }
        self.by_account.entry(sender.clone()).or_default().0.push_back(now);
        if purpose == Purpose::Identity {
            self.identity_by_account.entry(account_id.to_string()).or_default().0.push_back(now);
        }
        let resend_at = now + chrono(self.rules.resend_cooldown);
        let id = random_token(12);
        if let Some(replaced) = self.current.insert(cooldown_key.clone(), id.clone()) {
            self.challenges.remove(&replaced);
        }
        self.next_send.insert(cooldown_key, resend_at);
        let challenge = Challenge {
            id: id.clone(),
            account_id: account_id.into(),
            purpose,
            target: target.into(),
            sender,
            code: random_code(),
            expires_at: now + chrono(self.rules.code_ttl),
            resend_at,
            attempts_left: self.rules.max_attempts,
        };
        Ok(self.challenges.entry(id).or_insert(challenge))
    }

    /// Identity codes the account asked for in the last 24 hours, whichever session asked.
    pub fn identity_sends_today(&mut self, now: DateTime<Utc>, account_id: &str) -> usize {
        let Some(window) = self.identity_by_account.get_mut(account_id) else { return 0 };
        window.forget_before(now - ChronoDuration::hours(24));
        window.0.len()
    }

    /// The live challenge of the account for `purpose`, if there is one.
    pub fn current(&self, account_id: &str, purpose: Purpose) -> Option<&Challenge> {
        let id = self.current.get(&(account_id.to_string(), purpose))?;
        self.challenges.get(id).filter(|c| c.attempts_left > 0)
    }

    /// Checks a code against its challenge; on success the challenge is spent and its target
    /// returned. Wrong codes count down; the last wrong one kills the code.
    pub fn check(
        &mut self,
        now: DateTime<Utc>,
        account_id: &str,
        purpose: Purpose,
        challenge_id: &str,
        code: &str,
    ) -> Result<String, Problem> {
        let length = contract::validate::CODE_LENGTH;
        let code = contract::validate::normalize_code(code, length).map_err(|_| {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::InvalidCodeFormat, "A code is 6 digits.")
                .field("code")
        })?;
        let challenge = match self.challenges.get_mut(challenge_id) {
            Some(c) if c.account_id == account_id && c.purpose == purpose => c,
            _ => {
                return Err(Problem::new(
                    StatusCode::NOT_FOUND,
                    ProblemCode::ChallengeNotFound,
                    "This code is no longer valid; ask for a new one.",
                ))
            }
        };
        if challenge.attempts_left == 0 {
            return Err(too_many_attempts());
        }
        if now >= challenge.expires_at {
            return Err(Problem::new(
                StatusCode::GONE,
                ProblemCode::CodeExpired,
                "The code has expired; ask for a new one.",
            ));
        }
        if !same_secret(&challenge.code, code.as_str()) {
            challenge.attempts_left -= 1;
            if challenge.attempts_left == 0 {
                return Err(too_many_attempts());
            }
            return Err(wrong_code(challenge.attempts_left));
        }
        let target = challenge.target.clone();
        self.current.remove(&(challenge.sender.clone(), purpose));
        self.challenges.remove(challenge_id);
        Ok(target)
    }

    /// Dev helper: every code on its way to the account expires now.
    pub fn expire(&mut self, now: DateTime<Utc>, account_id: &str) {
        for challenge in self.challenges.values_mut().filter(|c| c.account_id == account_id) {
            challenge.expires_at = now;
        }
    }

    /// An account that no longer exists: its codes, cooldowns and budgets go with it.
    pub fn forget_account(&mut self, account_id: &str) {
        self.forget_senders(|key| of_account(key, account_id));
        self.identity_by_account.remove(account_id);
    }

    /// A session that ended: its codes, cooldowns and budgets go with it.
    pub fn forget_session(&mut self, account_id: &str, session: &str) {
        let key = sender(account_id, Some(session));
        self.forget_senders(|k| k == key);
    }

    fn forget_senders(&mut self, gone: impl Fn(&str) -> bool) {
        self.challenges.retain(|_, c| !gone(&c.sender));
        self.current.retain(|(sender, _), _| !gone(sender));
        self.next_send.retain(|(sender, _), _| !gone(sender));
        self.by_account.retain(|sender, _| !gone(sender));
        self.by_sender.retain(|(sender, _), _| !gone(sender));
    }

    /// Drops what no rule needs any more: codes long expired, cooldowns passed, sends older
    /// than 24 h.
    pub fn sweep(&mut self, now: DateTime<Utc>) {
        self.challenges.retain(|_, c| c.expires_at + EXPIRED_KEPT > now);
        let challenges = &self.challenges;
        self.current.retain(|_, id| challenges.contains_key(id));
        self.next_send.retain(|_, at| *at > now);
        let day_ago = now - ChronoDuration::hours(24);
        for windows in [
            &mut self.by_account as &mut dyn WindowMap,
            &mut self.by_sender,
            &mut self.by_target,
            &mut self.identity_by_account,
        ] {
            windows.forget_before(day_ago);
        }
    }

    /// Room for another counted target: first what is older than 24 h, then the quarter of
    /// targets sent to longest ago.
    fn make_room(&mut self, now: DateTime<Utc>) {
        self.sweep(now);
        self.by_sender.drop_oldest_quarter();
        self.by_target.drop_oldest_quarter();
    }
}
