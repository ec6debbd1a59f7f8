//! Identity step-up: a code to a recovery address or the sign-in password earns a ticket;
//! wrong passwords pause the method; which tickets a change takes.

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{Challenge, IdentityMethod};

use super::account::PasswordHash;
use super::codes::{self, chrono, Purpose};
use super::notices::{How, Told, What};
use super::tickets::Authority;
use super::{rfc3339, Caller, StepUp, Store};
use crate::problem::Problem;
use contract::ProblemCode;

/// Wrong passwords in a row, across pauses, after which identity by password stays paused
/// for a day.
pub const MAX_WRONG_PASSWORDS: u32 = 20;

fn password_locked(until: DateTime<Utc>, now: DateTime<Utc>) -> Problem {
    Problem::rate_limited(
        ProblemCode::PasswordLocked,
        "Too many wrong passwords; identity by password is paused.",
        codes::seconds_until(until, now),
    )
}

/// Wrong passwords of one session: after `max_attempts`, identity by password is refused
/// until `locked_until`; each pause is twice the one before, and `MAX_WRONG_PASSWORDS` in a
/// row pause it for a day. Only the right password starts the count again.
#[derive(Clone, Debug, Default)]
pub(super) struct PasswordTries {
    /// Wrong since the last pause.
    wrong: u32,
    /// Wrong since the last success.
    in_a_row: u32,
    /// Pauses since the last success.
    pauses: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl Store {
    /// A code by `method` to its recovery address (none for the password, or a method
    /// this version does not know).
    pub fn start_identity(
        &mut self,
        caller: &Caller,
        method: Option<IdentityMethod>,
    ) -> Result<(IdentityMethod, Challenge), Problem> {
        let account = self.account(&caller.account_id)?;
        let available = method.and_then(|method| {
            let field = method.field()?;
            Some((method, field, account.value(field)?.to_string()))
        });
        let Some((method, field, target)) = available else {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::MethodUnavailable,
                "This verification method is not available for the account.",
            )
            .field("method"));
        };
        let session = Some(caller.session_handle.as_str());
        let challenge =
            self.send_code(&caller.account_id, session, Purpose::Identity, &target, field.medium(), caller.lang)?;
        // However many sessions ask, nobody is refused for the account's total; its owner is
        // told once it reaches the daily limit.
        let count = self.codes.identity_sends_today(self.now(), &caller.account_id);
        if count == self.rules.account_daily_limit {
            self.alert(&caller.account_id, caller.lang, Told::Alert, What::ManyCodes { count }, How::Requests);
        }
        Ok((method, challenge))
    }

    pub fn verify_identity(&mut self, caller: &Caller, challenge_id: &str, code: &str) -> Result<StepUp, Problem> {
        let address = self.check_code(&caller.account_id, Purpose::Identity, challenge_id, code)?;
        self.issue_ticket(caller, Authority::Code(address))
    }

    /// A ticket for the caller's session, which gets a new id and CSRF token: the ticket's
    /// answer, and those. A session that ended meanwhile gets none.
    fn issue_ticket(&mut self, caller: &Caller, earned: Authority) -> Result<StepUp, Problem> {
        let (session_id, csrf_token) = self.rotate_session(&caller.session_id).ok_or_else(Problem::unauthenticated)?;
        let now = self.now();
        if let Some(session) = self.sessions.get_mut(&session_id) {
            session.stepped_up = Some((now, earned.clone()));
        }
        let expires_at = now + chrono(self.rules.ticket_ttl);
        let ticket = self.tickets.issue(&session_id, &caller.account_id, expires_at, earned);
        Ok(StepUp {
            ticket: contract::Ticket { ticket: ticket.as_str().into(), expires_at: rfc3339(expires_at) },
            session_id,
            csrf_token,
        })
    }

    /// Whether this session may try a password now: the account's one hash to check it
    /// against, or the pause, answered before anything is hashed. The check itself runs
    /// outside the store (see [`Store::password_checked`]).
    pub fn password_gate(&mut self, caller: &Caller) -> Result<&'static PasswordHash, Problem> {
        let now = self.now();
        let hash = self.account(&caller.account_id)?.password_hash();
        let until = self.password_tries.get(&caller.session_handle).and_then(|t| t.locked_until).filter(|u| *u > now);
        match until {
            Some(until) => Err(password_locked(until, now)),
            None => Ok(hash),
        }
    }

    /// Identity by the sign-in password, once it was checked (`right`): a ticket, weaker than
    /// one earned by a code (see [`Store::require_ticket`]). Wrong passwords count per
    /// session, as wrong codes do; the last one pauses this method for this session only,
    /// longer each time, and the recovery addresses hear of each pause. Another session of
    /// the account (its owner, signing in again) keeps every method.
    pub fn password_checked(&mut self, caller: &Caller, right: bool) -> Result<StepUp, Problem> {
        self.password_gate(caller)?;
        let now = self.now();
        let max = self.rules.max_attempts;
        let lockout = chrono(self.rules.password_lockout);
        if right {
            self.password_tries.remove(&caller.session_handle);
            return self.issue_ticket(caller, Authority::Password);
        }
        let tries = self.password_tries.entry(caller.session_handle.clone()).or_default();
        tries.wrong += 1;
        tries.in_a_row += 1;
        if tries.wrong >= max || tries.in_a_row >= MAX_WRONG_PASSWORDS {
            let pause = if tries.in_a_row >= MAX_WRONG_PASSWORDS {
                ChronoDuration::hours(24)
            } else {
                lockout * 2i32.saturating_pow(tries.pauses.min(16))
            };
            let until = now + pause;
            tries.pauses += 1;
            tries.wrong = 0;
            tries.locked_until = Some(until);
            self.alert(
                &caller.account_id,
                caller.lang,
                Told::Alert,
                What::PasswordPaused { until },
                How::WrongPasswords,
            );
            return Err(password_locked(until, now));
        }
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::InvalidPassword,
            "The password is not correct.",
        )
        .field("password");
        problem.attempts_left = Some(max - tries.wrong);
        Err(problem)
    }

    /// The change may go ahead: the request carries a live ticket of this session, earned
    /// in a way that qualifies for it. A contact change takes any ticket; a recovery or
    /// login-email change (`security`) takes a password ticket only while the account has
    /// no recovery address.
    pub(super) fn require_ticket(
        &self,
        caller: &Caller,
        ticket: Option<&str>,
        security: bool,
    ) -> Result<Authority, Problem> {
        let now = self.now();
        let earned = ticket.and_then(|ticket| self.tickets.valid(now, &caller.session_id, ticket));
        let account = self.account(&caller.account_id)?;
        match earned {
            Some(Authority::Code(address)) => Ok(Authority::Code(address)),
            Some(Authority::Password) if !security || account.security_methods() == [IdentityMethod::Password] => {
                Ok(Authority::Password)
            }
            _ if security => Err(Problem::identity_required_by(account.security_methods())),
            _ => Err(Problem::identity_required()),
        }
    }
}
