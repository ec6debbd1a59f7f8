//! Identity step-up: a code to a recovery address or the sign-in password earns a ticket;
//! wrong passwords pause the method; which tickets a change takes.

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{Challenge, IdentityMethod};

use super::codes::{self, chrono, Purpose};
use super::tickets::Authority;
use super::{rfc3339, Caller, StepUp, Store};
use crate::problem::Problem;
use contract::ProblemCode;

/// Wrong passwords in a row, across pauses, after which identity by password stays paused
/// for a day.
pub const MAX_WRONG_PASSWORDS: u32 = 20;

/// Wrong passwords of one account: after `max_attempts`, identity by password is refused
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
        Ok((method, self.send_code(&caller.account_id, Purpose::Identity, &target, field.medium(), caller.lang)?))
    }

    pub fn verify_identity(&mut self, caller: &Caller, challenge_id: &str, code: &str) -> Result<StepUp, Problem> {
        let address = self.check_code(&caller.account_id, Purpose::Identity, challenge_id, code)?;
        Ok(self.issue_ticket(caller, Authority::Code(address)))
    }

    /// A ticket for the caller's session, which gets a new id: the ticket's answer and that id.
    fn issue_ticket(&mut self, caller: &Caller, earned: Authority) -> StepUp {
        let session_id = self.rotate_session(&caller.session_id);
        let now = self.now();
        if let Some(session) = self.sessions.get_mut(&session_id) {
            session.stepped_up = Some(now);
        }
        let expires_at = now + chrono(self.rules.ticket_ttl);
        let ticket = self.tickets.issue(&session_id, &caller.account_id, expires_at, earned);
        StepUp {
            ticket: contract::Ticket { ticket: ticket.as_str().into(), expires_at: rfc3339(expires_at) },
            session_id,
        }
    }

    /// Identity by the sign-in password: a ticket, weaker than one earned by a code (see
    /// [`Store::require_ticket`]). Wrong passwords count down as wrong codes do; the last one
    /// pauses this method, longer each time, and the recovery addresses hear of each pause.
    pub fn verify_password(&mut self, caller: &Caller, password: &str) -> Result<StepUp, Problem> {
        let now = self.now();
        let right = self.account(&caller.account_id)?.password_is(password);
        let max = self.rules.max_attempts;
        let lockout = chrono(self.rules.password_lockout);
        let tries = self.password_tries.entry(caller.account_id.clone()).or_default();
        let locked = |until: DateTime<Utc>| {
            Problem::rate_limited(
                ProblemCode::PasswordLocked,
                "Too many wrong passwords; identity by password is paused.",
                codes::seconds_until(until, now),
            )
        };
        if let Some(until) = tries.locked_until.filter(|until| *until > now) {
            return Err(locked(until));
        }
        if right {
            *tries = PasswordTries::default();
            return Ok(self.issue_ticket(caller, Authority::Password));
        }
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
            self.tell_pause(&caller.account_id, caller.lang, until);
            return Err(locked(until));
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
