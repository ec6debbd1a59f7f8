//! Changes to the account: contact values (set, copied from recovery, verified), and the
//! factors, recovery values and the login email (a code to the new value, then the commit).

use axum::http::StatusCode;
use contract::{Account, AccountField, Challenge, EventAction, ProblemCode};

use super::account::MediumRules;
use super::codes::Purpose;
use super::tickets::Earned;
use super::{same_as_current, Caller, Store};
use crate::mask;
use crate::problem::Problem;

impl Store {
    /// Sets a contact value (identity ticket required, checked before the value is compared
    /// with anything) or copies the recovery value (no ticket: the recovery value is already
    /// verified as the holder's).
    pub fn set_contact(
        &mut self,
        caller: &Caller,
        field: AccountField,
        value: Option<&str>,
        copy_from_recovery: bool,
        ticket: Option<&str>,
    ) -> Result<Account, Problem> {
        let account = self.account(&caller.account_id)?;
        let old = account.value(field).map(str::to_string);
        let mut by_password = false;
        let (new_value, verified) = match (value, copy_from_recovery) {
            (None, true) => {
                let recovery = field.recovery_counterpart().and_then(|r| account.value(r));
                let Some(recovery) = recovery.map(str::to_string) else {
                    return Err(Problem::new(
                        StatusCode::CONFLICT,
                        ProblemCode::NoRecoveryValue,
                        "The account has no recovery value of this kind.",
                    ));
                };
                if account.contact(field).is_some_and(|c| c.value == recovery && c.verified) {
                    return Err(same_as_current());
                }
                (recovery, true)
            }
            (Some(value), false) => {
                let value = field.medium().normalize(value)?;
                let earned = self.require_ticket(caller, ticket, false)?;
                by_password = earned == Earned::Password;
                // Told only to whoever verified with a code to a recovery address. With a
                // password ticket the current value (often the recovery value, copied) is set
                // again, unverified, answering as any other value does: no guess is confirmed.
                if old.as_deref() == Some(value.as_str()) && !by_password {
                    return Err(same_as_current());
                }
                (value, false)
            }
            (Some(_), true) | (None, false) => {
                return Err(
                    Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.").field("value")
                )
            }
        };
        self.account_mut(&caller.account_id)?.set(field, new_value.clone(), verified);
        self.record(&caller.account_id, field, EventAction::Changed, old.as_deref(), Some(&new_value), &[]);
        if by_password {
            self.notify_recovery(&caller.account_id);
        }
        Ok(self.account(&caller.account_id)?.to_wire())
    }

    pub fn start_contact_verification(&mut self, caller: &Caller, field: AccountField) -> Result<Challenge, Problem> {
        let target = match self.account(&caller.account_id)?.contact(field) {
            None => return Err(Problem::not_found("The account has no contact value of this kind.")),
            Some(c) if c.verified => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    ProblemCode::AlreadyVerified,
                    "This contact value is already verified.",
                ))
            }
            Some(c) => c.value.clone(),
        };
        self.send_code(&caller.account_id, Purpose::Verify(field), &target, field.medium())
    }

    pub fn verify_contact(
        &mut self,
        caller: &Caller,
        field: AccountField,
        challenge_id: &str,
        code: &str,
    ) -> Result<Account, Problem> {
        let target = self.check_code(&caller.account_id, Purpose::Verify(field), challenge_id, code)?;
        let account = self.account_mut(&caller.account_id)?;
        if account.contact(field).is_none_or(|c| c.value != target) {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                ProblemCode::ChallengeNotFound,
                "The contact value changed after the code was sent; ask for a new one.",
            ));
        }
        account.set(field, target.clone(), true);
        self.record(&caller.account_id, field, EventAction::Verified, None, Some(&target), &[]);
        Ok(self.account(&caller.account_id)?.to_wire())
    }

    // ---- factors: code to the new value, then commit ----

    /// Both sides are canonical (NFC, ASCII domain); letters compare without case in any script.
    fn check_login_email_free(&self, account_id: &str, value: &str) -> Result<(), Problem> {
        let value = value.to_lowercase();
        let taken = self.accounts.values().any(|a| {
            a.id != account_id && a.value(AccountField::LoginEmail).is_some_and(|e| e.to_lowercase() == value)
        });
        if taken {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                ProblemCode::AlreadyBound,
                "This email address is bound to another account.",
            )
            .field("value"));
        }
        Ok(())
    }

    /// Sends a code to a factor's new value, once the ticket qualifies. The value is not
    /// compared with the current one or with other accounts' login emails here: a taken
    /// address answers as a free one does (same status, same body, same cooldown and budget),
    /// so a ticket cannot sort a list of addresses. The commit, after the code to that
    /// address was entered, is where `already_bound` and `same_as_current` are said.
    pub fn start_change(
        &mut self,
        caller: &Caller,
        field: AccountField,
        value: &str,
        ticket: Option<&str>,
    ) -> Result<Challenge, Problem> {
        let value = field.medium().normalize(value)?;
        self.require_ticket(caller, ticket, true)?;
        self.send_code(&caller.account_id, Purpose::Change(field), &value, field.medium())
    }

    /// Commits a factor's new value with its code; the ticket is used up and the previous
    /// address notified.
    pub fn commit_change(
        &mut self,
        caller: &Caller,
        field: AccountField,
        challenge_id: &str,
        code: &str,
        ticket: Option<&str>,
    ) -> Result<Account, Problem> {
        let earned = self.require_ticket(caller, ticket, true)?;
        let account_id = caller.account_id.as_str();
        let new_value = self.check_code(account_id, Purpose::Change(field), challenge_id, code)?;
        let old = self.account(account_id)?.value(field).map(str::to_string);
        // Said only now, to the holder of the address: the code to it was entered.
        if old.as_deref() == Some(new_value.as_str()) {
            return Err(same_as_current());
        }
        // Login emails are unique across accounts; recovery values need not be.
        match field {
            AccountField::LoginEmail => self.check_login_email_free(account_id, &new_value)?,
            AccountField::RecoveryMobile
            | AccountField::RecoveryEmail
            | AccountField::ContactMobile
            | AccountField::ContactEmail => {}
        }
        if let Some(ticket) = ticket {
            self.tickets.use_up(ticket);
        }
        self.account_mut(account_id)?.set(field, new_value.clone(), true);
        let mut notified = Vec::new();
        if let Some(old) = &old {
            self.deliver(old, field.medium().channel(), "notify", None);
            notified.push(old.clone());
        }
        // The password only binds a first recovery address: the new one hears how it came.
        if earned == Earned::Password {
            self.notify_recovery(account_id);
        }
        let action = if old.is_some() { EventAction::Changed } else { EventAction::Bound };
        self.record(account_id, field, action, old.as_deref(), Some(&new_value), &notified);
        let mut account = self.account(account_id)?.to_wire();
        account.notified = notified.iter().map(|a| mask::address(a)).collect();
        Ok(account)
    }
}
