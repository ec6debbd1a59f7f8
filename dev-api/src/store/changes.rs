//! Changes to the account: contact values (set, copied from recovery, verified), and the
//! recovery values and the login email (a code to the new value, then the commit).

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::account::{self, Kind, KindRules};
use super::codes::Purpose;
use super::tickets::Earned;
use super::{same_as_current, Caller, Store};
use crate::mask;
use crate::problem::Problem;
use account_console::api::targets::{EventAction, EventField};

/// What a two-step change (a code to the new value, then the commit) changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeTarget {
    Recovery(Kind),
    LoginEmail,
}

impl ChangeTarget {
    /// The purpose of the code sent to the new value.
    fn purpose(self) -> Purpose {
        match self {
            ChangeTarget::Recovery(kind) => Purpose::ChangeRecovery(kind),
            ChangeTarget::LoginEmail => Purpose::ChangeLoginEmail,
        }
    }

    /// The kind of value: the login email is an email address.
    fn kind(self) -> Kind {
        match self {
            ChangeTarget::Recovery(kind) => kind,
            ChangeTarget::LoginEmail => Kind::Email,
        }
    }

    /// The field in the account's events.
    fn field(self) -> EventField {
        match self {
            ChangeTarget::Recovery(kind) => EventField::recovery(kind),
            ChangeTarget::LoginEmail => EventField::LoginEmail,
        }
    }
}

impl Store {
    /// Sets a contact value (identity ticket required, checked before the value is compared
    /// with anything) or copies the recovery value (no ticket: the recovery value is already
    /// verified as the holder's).
    pub fn set_contact(
        &mut self,
        caller: &Caller,
        kind: Kind,
        value: Option<&str>,
        copy_from_recovery: bool,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let account = self.account(&caller.account_id)?;
        let old = account.contact(kind).as_ref().map(|c| c.value.clone());
        let mut by_password = false;
        let (new_value, verified) = match (value, copy_from_recovery) {
            (None, true) => {
                let Some(recovery) = account.recovery(kind).clone() else {
                    return Err(Problem::new(
                        StatusCode::CONFLICT,
                        "no_recovery_value",
                        "The account has no recovery value of this kind.",
                    ));
                };
                if account.contact(kind).as_ref().is_some_and(|c| c.value == recovery && c.verified) {
                    return Err(same_as_current());
                }
                (recovery, true)
            }
            (Some(value), false) => {
                let value = kind.normalize(value)?;
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
            _ => {
                return Err(
                    Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.").field("value")
                )
            }
        };
        *self.account_mut(&caller.account_id)?.contact_mut(kind) =
            Some(account::Contact { value: new_value.clone(), verified });
        let field = EventField::contact(kind);
        self.record(&caller.account_id, field, EventAction::Changed, old.as_deref(), Some(&new_value), &[]);
        if by_password {
            self.notify_recovery(&caller.account_id);
        }
        Ok(self.account(&caller.account_id)?.to_json())
    }

    pub fn start_contact_verification(&mut self, caller: &Caller, kind: Kind) -> Result<Value, Problem> {
        let target = match self.account(&caller.account_id)?.contact(kind) {
            None => return Err(Problem::not_found("The account has no contact value of this kind.")),
            Some(c) if c.verified => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "already_verified",
                    "This contact value is already verified.",
                ))
            }
            Some(c) => c.value.clone(),
        };
        self.send_code(&caller.account_id, Purpose::VerifyContact(kind), &target, kind.channel())
    }

    pub fn verify_contact(
        &mut self,
        caller: &Caller,
        kind: Kind,
        challenge_id: &str,
        code: &str,
    ) -> Result<Value, Problem> {
        let target = self.check_code(&caller.account_id, Purpose::VerifyContact(kind), challenge_id, code)?;
        match self.account_mut(&caller.account_id)?.contact_mut(kind) {
            Some(c) if c.value == target => c.verified = true,
            _ => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "challenge_not_found",
                    "The contact value changed after the code was sent; ask for a new one.",
                ))
            }
        }
        let field = EventField::contact(kind);
        self.record(&caller.account_id, field, EventAction::Verified, None, Some(&target), &[]);
        Ok(self.account(&caller.account_id)?.to_json())
    }

    // ---- recovery values and the login email: code to the new value, then commit ----

    /// Both sides are canonical (NFC, ASCII domain); letters compare without case in any script.
    fn check_login_email_free(&self, account_id: &str, value: &str) -> Result<(), Problem> {
        let value = value.to_lowercase();
        let taken = self
            .accounts
            .values()
            .any(|a| a.id != account_id && a.login_email.as_deref().is_some_and(|e| e.to_lowercase() == value));
        if taken {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "already_bound",
                "This email address is bound to another account.",
            )
            .field("value"));
        }
        Ok(())
    }

    fn current_value(&self, account_id: &str, target: ChangeTarget) -> Result<Option<String>, Problem> {
        let account = self.account(account_id)?;
        Ok(match target {
            ChangeTarget::Recovery(kind) => account.recovery(kind).clone(),
            ChangeTarget::LoginEmail => account.login_email.clone(),
        })
    }

    /// Sends a code to a new recovery value or login email, once the ticket qualifies. The
    /// value is not compared with the current one or with other accounts' login emails here:
    /// a taken address answers as a free one does (same status, same body, same cooldown and
    /// budget), so a ticket cannot sort a list of addresses. The commit, after the code to
    /// that address was entered, is where `already_bound` and `same_as_current` are said.
    pub fn start_change(
        &mut self,
        caller: &Caller,
        target: ChangeTarget,
        value: &str,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let kind = target.kind();
        let value = kind.normalize(value)?;
        self.require_ticket(caller, ticket, true)?;
        self.send_code(&caller.account_id, target.purpose(), &value, kind.channel())
    }

    /// Commits a new recovery value or login email with its code; the ticket is used up and
    /// the previous address notified.
    pub fn commit_change(
        &mut self,
        caller: &Caller,
        target: ChangeTarget,
        challenge_id: &str,
        code: &str,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let earned = self.require_ticket(caller, ticket, true)?;
        let account_id = caller.account_id.as_str();
        let new_value = self.check_code(account_id, target.purpose(), challenge_id, code)?;
        let old = self.current_value(account_id, target)?;
        // Said only now, to the holder of the address: the code to it was entered.
        if old.as_deref() == Some(new_value.as_str()) {
            return Err(same_as_current());
        }
        if target == ChangeTarget::LoginEmail {
            self.check_login_email_free(account_id, &new_value)?;
        }
        if let Some(ticket) = ticket {
            self.tickets.use_up(ticket);
        }
        let account = self.account_mut(account_id)?;
        match target {
            ChangeTarget::Recovery(kind) => *account.recovery_mut(kind) = Some(new_value.clone()),
            ChangeTarget::LoginEmail => account.login_email = Some(new_value.clone()),
        }
        let (field, channel) = (target.field(), target.kind().channel());
        let mut notified = Vec::new();
        if let Some(old) = &old {
            self.deliver(old, channel, "notify", None);
            notified.push(old.clone());
        }
        // The password only binds a first recovery address: the new one hears how it came.
        if earned == Earned::Password {
            self.notify_recovery(account_id);
        }
        let action = if old.is_some() { EventAction::Changed } else { EventAction::Bound };
        self.record(account_id, field, action, old.as_deref(), Some(&new_value), &notified);
        let mut body = self.account(account_id)?.to_json();
        body["notified"] = json!(notified.iter().map(|a| mask::address(a)).collect::<Vec<_>>());
        Ok(body)
    }
}
