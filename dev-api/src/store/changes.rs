//! Changes to the account, each through the one writer (`Store::write`): a new contact value
//! asked for (it waits for its code), verified, copied from recovery, cancelled or expired;
//! a factor's new value (a code to it, then the commit).

use axum::http::StatusCode;
use contract::{
    Account, AccountField, Actor, Challenge, ChangeCancelled, ChangeState, EventAction, Known, ProblemCode,
};

use super::account::{new_change_id, new_reference, Change, Edit, MediumRules, Pending};
use super::codes::{chrono, Purpose};
use super::cooling::{by_holder, Outcome};
use super::notices::Lang;
use super::tickets::Authority;
use super::{same_as_current, Caller, Store};
use crate::problem::Problem;

/// A change as the signed-in holder makes it, in their language.
fn by_you(caller: &Caller, field: AccountField, edit: Edit, action: EventAction, state: ChangeState) -> Change {
    by_holder(caller.lang, field, edit, action, state)
}

impl Store {
    /// Asks for a new contact value (identity ticket required, checked before the value is
    /// compared with anything): a code goes to it at once, and it waits for that code while
    /// the current value stays, verified or not, and messages go on going to it. Or copies
    /// the recovery value (no ticket: the recovery value is already verified as the
    /// holder's), which takes effect at once.
    pub fn set_contact(
        &mut self,
        caller: &Caller,
        field: AccountField,
        value: Option<&str>,
        copy_from_recovery: bool,
        ticket: Option<&str>,
    ) -> Result<Account, Problem> {
        let account_id = caller.account_id.as_str();
        self.check_hold(account_id)?;
        let account = self.account(account_id)?;
        let old = account.value(field).map(str::to_string);
        match (value, copy_from_recovery) {
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
                let action = if old.is_some() { EventAction::Changed } else { EventAction::Bound };
                let edit = Edit::Set { value: recovery, verified: true };
                let change = Change { copied: true, ..by_you(caller, field, edit, action, ChangeState::Committed) };
                let event = self.write(account_id, change)?;
                let mut account = self.account_wire(account_id)?;
                account.notified = event.notified;
                account.notices = event.notices;
                return Ok(account);
            }
            (Some(value), false) => {
                let value = field.medium().normalize(value)?;
                let authority = self.require_ticket(caller, ticket, false)?;
                // Told only to whoever verified with a code to a recovery address. With a
                // password ticket the current value (often the recovery value, copied) may be
                // asked for again, answering as any other value does: no guess is confirmed.
                if old.as_deref() == Some(value.as_str()) && authority != Authority::Password {
                    return Err(same_as_current());
                }
                self.send_code(account_id, None, Purpose::Verify(field), &value, field.medium(), caller.lang)?;
                let now = self.now();
                let pending = Pending {
                    change_id: new_change_id(),
                    reference: new_reference(),
                    value,
                    requested_at: now,
                    expires_at: now + chrono(self.rules.pending_contact_ttl),
                    authority: authority.clone(),
                    cooling: None,
                    old_address_lost: false,
                    lang: caller.lang,
                };
                let expiry = (pending.expires_at, account_id.to_string(), field, pending.change_id.clone());
                let reference = Some(pending.reference.clone());
                let edit = Edit::Request(pending);
                let change = Change {
                    authority: Some(authority),
                    reference,
                    ..by_you(caller, field, edit, EventAction::Requested, ChangeState::Pending)
                };
                self.write(account_id, change)?;
                self.expiring.insert(expiry);
            }
            (Some(_), true) | (None, false) => {
                return Err(
                    Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.").field("value")
                )
            }
        }
        self.account_wire(account_id)
    }

    /// Sends a code to the contact value waiting for one, else to the current value while it
    /// is unverified.
    pub fn start_contact_verification(&mut self, caller: &Caller, field: AccountField) -> Result<Challenge, Problem> {
        let account = self.account(&caller.account_id)?;
        let target = match (account.pending(field), account.contact(field)) {
            (Some(pending), _) => pending.value.clone(),
            (None, None) => return Err(Problem::not_found("The account has no contact value of this kind.")),
            (None, Some(c)) if c.verified => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    ProblemCode::AlreadyVerified,
                    "This contact value is already verified.",
                ))
            }
            (None, Some(c)) => c.value.clone(),
        };
        self.send_code(&caller.account_id, None, Purpose::Verify(field), &target, field.medium(), caller.lang)
    }

    /// Checks the code sent to a contact value: the value waiting for it becomes the current
    /// one, verified, and everyone told of it; or the current value is verified.
    pub fn verify_contact(
        &mut self,
        caller: &Caller,
        field: AccountField,
        challenge_id: &str,
        code: &str,
    ) -> Result<Account, Problem> {
        let account_id = caller.account_id.as_str();
        let target = self.check_code(account_id, Purpose::Verify(field), challenge_id, code)?;
        let account = self.account(account_id)?;
        let edit = Edit::Set { value: target.clone(), verified: true };
        let change = match (account.pending(field), account.contact(field)) {
            (Some(pending), current) if pending.value == target => {
                let action = if current.is_some() { EventAction::Changed } else { EventAction::Bound };
                Change {
                    authority: Some(pending.authority.clone()),
                    reference: Some(pending.reference.clone()),
                    ..by_you(caller, field, edit, action, ChangeState::Committed)
                }
            }
            (_, Some(current)) if current.value == target && !current.verified => {
                by_you(caller, field, edit, EventAction::Verified, ChangeState::Committed)
            }
            _ => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    ProblemCode::ChallengeNotFound,
                    "The contact value changed after the code was sent; ask for a new one.",
                ))
            }
        };
        let event = self.write(account_id, change)?;
        let mut account = self.account_wire(account_id)?;
        account.notified = event.notified;
        account.notices = event.notices;
        Ok(account)
    }

    /// Calls off a change waiting for its code: the current value stays as it is.
    pub fn cancel_change(&mut self, caller: &Caller, change_id: &str) -> Result<ChangeCancelled, Problem> {
        let account_id = caller.account_id.as_str();
        let waiting = self.account(account_id)?.pending_changes().find(|(_, p)| p.change_id == change_id);
        let Some((field, pending)) = waiting.map(|(f, p)| (f, p.clone())) else {
            return Err(Problem::not_found("No change waiting has this id."));
        };
        let change = Change {
            reference: Some(pending.reference),
            ..by_you(caller, field, Edit::Drop, EventAction::Cancelled, ChangeState::Cancelled)
        };
        self.write(account_id, change)?;
        self.expiring.retain(|(_, _, _, id)| id != change_id);
        let account = self.account_wire(account_id)?;
        Ok(ChangeCancelled { change_id: change_id.to_string(), state: Known::Is(ChangeState::Cancelled), account })
    }

    /// A change waiting for its code past its time is dropped, if it still waits.
    pub(super) fn expire_pending(
        &mut self,
        account_id: &str,
        field: AccountField,
        change_id: &str,
    ) -> Result<(), Problem> {
        let waiting = self.account(account_id)?.pending(field).filter(|p| p.change_id == change_id);
        let Some(pending) = waiting.cloned() else { return Ok(()) };
        let change = Change {
            field,
            edit: Edit::Drop,
            action: EventAction::Expired,
            state: ChangeState::Expired,
            actor: Actor::System,
            authority: None,
            copied: false,
            reference: Some(pending.reference),
            lang: Lang::default(),
            change_id: None,
            old_address_lost: false,
            info_only: false,
        };
        self.write(account_id, change).map(drop)
    }

    // ---- factors: code to the new value, then commit ----

    /// Both sides are canonical (NFC, ASCII domain); letters compare without case in any
    /// script, case-folded (`Straße` is `STRASSE`).
    fn check_login_email_free(&self, account_id: &str, value: &str) -> Result<(), Problem> {
        let fold = contract::lookalike::fold_case;
        let value = fold(value);
        let taken = self
            .accounts
            .values()
            .any(|a| a.id != account_id && a.value(AccountField::LoginEmail).is_some_and(|e| fold(e) == value));
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
        self.check_hold(&caller.account_id)?;
        self.check_not_waiting(&caller.account_id, field)?;
        self.require_ticket(caller, ticket, true)?;
        self.send_code(&caller.account_id, None, Purpose::Change(field), &value, field.medium(), caller.lang)
    }

    /// Commits a factor's new value with its code: in effect now, or cooling off first (see
    /// `cooling.rs`); the ticket is used up either way, and everyone the account had to tell
    /// is told. The account, with who was told, and what the commit did.
    #[allow(clippy::too_many_arguments)]
    pub fn commit_change(
        &mut self,
        caller: &Caller,
        field: AccountField,
        challenge_id: &str,
        code: &str,
        ticket: Option<&str>,
        old_address_lost: bool,
    ) -> Result<(Account, Outcome), Problem> {
        self.check_hold(&caller.account_id)?;
        self.check_not_waiting(&caller.account_id, field)?;
        let authority = self.require_ticket(caller, ticket, true)?;
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
        let action = if old.is_some() { EventAction::Changed } else { EventAction::Bound };
        let outcome = self.commit_factor(caller, field, new_value, authority, old_address_lost, action)?;
        Ok((self.account_with_notices(account_id, field)?, outcome))
    }
}
