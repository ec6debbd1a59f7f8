//! A factor's change by a weaker proof waits before it takes effect: authorised by a code to
//! the other recovery address, or by the password, for `cooling_off`; replacing the second
//! recovery address within 7 days of the first, for `cooling_off_all`. Until then the old
//! value is current (identity codes still go to it) and anyone told may cancel. It takes
//! effect by itself when due, or at once with a ticket from the address it replaces. A change
//! in effect may be kept by the holder with a ticket from a factor it did not alter: nobody
//! can undo it then. While the account is held, no security or contact change is made.

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{AccountField, Actor, ChangeState, EventAction, IdentityMethod, ProblemCode, Wire};
use serde_json::json;

use super::account::{new_change_id, new_reference, Change, Edit, Pending, Reason};
use super::codes::chrono;
use super::notices::Lang;
use super::tickets::Authority;
use super::{rfc3339, Caller, Store};
use crate::problem::Problem;

/// A second recovery address replaced within this long of the first replaces them all.
pub const ALL_RECOVERY_WITHIN: ChronoDuration = ChronoDuration::days(7);

/// What a factor's commit did: in effect now, or waiting.
#[derive(Debug)]
pub struct Outcome {
    pub change_id: String,
    /// When it takes effect, and why it waits; none: in effect now.
    pub cooling: Option<(DateTime<Utc>, Reason)>,
    /// Until when its previous holder may undo it (none: nobody may).
    pub revert_until: Option<DateTime<Utc>>,
}

impl Outcome {
    /// The members the commit's answer adds to the account.
    pub fn members(&self) -> serde_json::Value {
        match self.cooling {
            Some((at, reason)) => json!({
                "state": "cooling_off",
                "change_id": self.change_id,
                "effective_at": rfc3339(at),
                "reason": reason.wire(),
            }),
            None => json!({
                "state": "committed",
                "change_id": self.change_id,
                "revert_until": self.revert_until.map(rfc3339),
            }),
        }
    }
}

impl Store {
    /// 403 `security_hold` while the account is held.
    pub(super) fn check_hold(&self, account_id: &str) -> Result<(), Problem> {
        let now = self.now();
        if let Some(hold) = self.account(account_id)?.hold_at(now) {
            let mut problem = Problem::new(
                StatusCode::FORBIDDEN,
                ProblemCode::SecurityHold,
                "Security changes are paused on this account after it was secured from a notice.",
            );
            problem.extra = Box::new([("hold_until", json!(rfc3339(hold.until)))]);
            return Err(problem);
        }
        Ok(())
    }

    /// 409 `change_pending` while a change of `field` waits.
    pub(super) fn check_not_waiting(&self, account_id: &str, field: AccountField) -> Result<(), Problem> {
        if self.account(account_id)?.pending(field).is_some_and(|p| p.cooling.is_some()) {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                ProblemCode::ChangePending,
                "A change of this setting is waiting to take effect; cancel it first.",
            ));
        }
        Ok(())
    }

    /// Why a factor's change by `authority` waits, and how long; none: it takes effect now.
    fn cooling_for(
        &self,
        account_id: &str,
        field: AccountField,
        authority: &Authority,
    ) -> Option<(Reason, ChronoDuration)> {
        let now = self.now();
        let account = self.account(account_id).ok()?;
        let old = account.value(field)?;
        let reason = match field {
            AccountField::RecoveryMobile | AccountField::RecoveryEmail => {
                let other = match field {
                    AccountField::RecoveryMobile => AccountField::RecoveryEmail,
                    _ => AccountField::RecoveryMobile,
                };
                let other_replaced =
                    account.recovery_replaced.iter().any(|(f, at)| *f == other && *at + ALL_RECOVERY_WITHIN > now);
                match authority {
                    _ if other_replaced => Reason::ReplacesAllRecovery,
                    Authority::Code(address) if address == old => return None,
                    Authority::Code(_) | Authority::Password => Reason::CrossChannel,
                }
            }
            AccountField::LoginEmail if *authority == Authority::Password => Reason::Password,
            _ => return None,
        };
        let wait = match reason {
            Reason::ReplacesAllRecovery => self.rules.cooling_off_all,
            Reason::CrossChannel | Reason::Password => self.rules.cooling_off,
        };
        (!wait.is_zero()).then(|| (reason, chrono(wait)))
    }

    /// A factor's new value, its code entered: in effect now, or waiting (see the module).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn commit_factor(
        &mut self,
        caller: &Caller,
        field: AccountField,
        value: String,
        authority: Authority,
        old_address_lost: bool,
        action: EventAction,
    ) -> Result<Outcome, Problem> {
        let account_id = caller.account_id.as_str();
        let now = self.now();
        let replaces = matches!(field, AccountField::RecoveryMobile | AccountField::RecoveryEmail)
            && self.account(account_id)?.value(field).is_some();
        let change_id = new_change_id();
        let cooling = self.cooling_for(account_id, field, &authority);
        if replaces {
            self.account_mut(account_id)?.recovery_replaced.push((field, now));
        }
        let Some((reason, wait)) = cooling else {
            let change = Change {
                authority: Some(authority),
                change_id: Some(change_id.clone()),
                old_address_lost,
                ..by_holder(caller.lang, field, Edit::Set { value, verified: true }, action, ChangeState::Committed)
            };
            self.write(account_id, change)?;
            let revert_until = self.account(account_id)?.recent(field).map(|r| r.revert_until);
            return Ok(Outcome { change_id, cooling: None, revert_until });
        };
        let effective_at = now + wait;
        let pending = Pending {
            change_id: change_id.clone(),
            reference: new_reference(),
            value,
            requested_at: now,
            expires_at: effective_at,
            authority: authority.clone(),
            cooling: Some(reason),
            old_address_lost,
            lang: caller.lang,
        };
        let change = Change {
            authority: Some(authority),
            change_id: Some(change_id.clone()),
            reference: Some(pending.reference.clone()),
            old_address_lost,
            ..by_holder(caller.lang, field, Edit::Request(pending), EventAction::Requested, ChangeState::CoolingOff)
        };
        self.write(account_id, change)?;
        self.expiring.insert((effective_at, account_id.to_string(), field, change_id.clone()));
        Ok(Outcome { change_id, cooling: Some((effective_at, reason)), revert_until: None })
    }

    /// A change waiting that is due: a factor's takes effect (and everyone is told), a
    /// contact value's is dropped.
    pub(super) fn pending_due(
        &mut self,
        account_id: &str,
        field: AccountField,
        change_id: &str,
    ) -> Result<(), Problem> {
        let waiting = self.account(account_id)?.pending(field).filter(|p| p.change_id == change_id).cloned();
        match waiting {
            Some(pending) if pending.cooling.is_some() => self.take_effect(account_id, field, pending, Actor::System),
            Some(_) => self.expire_pending(account_id, field, change_id),
            None => Ok(()),
        }
    }

    fn take_effect(
        &mut self,
        account_id: &str,
        field: AccountField,
        pending: Pending,
        actor: Actor,
    ) -> Result<(), Problem> {
        self.expiring.retain(|(_, _, _, id)| *id != pending.change_id);
        let change = Change {
            actor,
            authority: Some(pending.authority.clone()),
            change_id: Some(pending.change_id.clone()),
            reference: Some(pending.reference.clone()),
            old_address_lost: pending.old_address_lost,
            ..by_holder(
                pending.lang,
                field,
                Edit::Set { value: pending.value.clone(), verified: true },
                EventAction::Committed,
                ChangeState::Committed,
            )
        };
        self.write(account_id, change).map(drop)
    }

    /// The change the caller's account has waiting under `change_id`.
    fn waiting(&self, caller: &Caller, change_id: &str) -> Result<(AccountField, Pending), Problem> {
        let account = self.account(&caller.account_id)?;
        let found = account.pending_changes().find(|(_, p)| p.change_id == change_id && p.cooling.is_some());
        found.map(|(f, p)| (f, p.clone())).ok_or_else(|| Problem::not_found("No change waiting has this id."))
    }

    /// `POST /account/changes/{id}/finish`: a change waiting takes effect now, with a ticket
    /// earned from the address it replaces.
    pub fn finish_change(
        &mut self,
        caller: &Caller,
        change_id: &str,
        ticket: Option<&str>,
    ) -> Result<(contract::Account, Outcome), Problem> {
        self.check_hold(&caller.account_id)?;
        let (field, pending) = self.waiting(caller, change_id)?;
        let now = self.now();
        let old = self.account(&caller.account_id)?.value(field).map(str::to_string);
        let earned = ticket.and_then(|t| self.tickets.valid(now, &caller.session_id, t));
        let from_old = matches!((&earned, &old), (Some(Authority::Code(a)), Some(o)) if a == o);
        if !from_old {
            let methods: Vec<IdentityMethod> =
                IdentityMethod::ALL.iter().copied().filter(|m| m.field() == Some(field)).collect();
            return Err(Problem::identity_required_by(methods));
        }
        if let Some(ticket) = ticket {
            self.tickets.use_up(ticket);
        }
        self.take_effect(&caller.account_id, field, pending, Actor::You)?;
        let revert_until = self.account(&caller.account_id)?.recent(field).map(|r| r.revert_until);
        let account = self.account_with_notices(&caller.account_id, field)?;
        Ok((account, Outcome { change_id: change_id.to_string(), cooling: None, revert_until }))
    }

    /// The account, with who was told of the last change of `field`.
    pub(super) fn account_with_notices(
        &self,
        account_id: &str,
        field: AccountField,
    ) -> Result<contract::Account, Problem> {
        let mut account = self.account_wire(account_id)?;
        let event =
            self.account(account_id)?.events().events.into_iter().find(|e| e.field == contract::Known::Is(field));
        if let Some(event) = event {
            account.notified = event.notified;
            account.notices = event.notices;
        }
        Ok(account)
    }

    /// `POST /account/changes/{id}/keep`: nobody may undo or cancel the change any more; a
    /// ticket from a factor it did not alter.
    pub fn keep_change(
        &mut self,
        caller: &Caller,
        change_id: &str,
        ticket: Option<&str>,
    ) -> Result<serde_json::Value, Problem> {
        let account = self.account(&caller.account_id)?;
        let found =
            AccountField::ALL.into_iter().find(|f| account.recent(*f).is_some_and(|r| r.change_id == change_id));
        let Some(field) = found else {
            return Err(Problem::not_found("No change that can still be undone has this id."));
        };
        let altered = account.value(field).map(str::to_string);
        let now = self.now();
        let earned = ticket.and_then(|t| self.tickets.valid(now, &caller.session_id, t));
        let untouched = matches!(&earned, Some(Authority::Code(a)) if Some(a) != altered.as_ref());
        if !untouched {
            let methods: Vec<IdentityMethod> =
                account.security_methods().into_iter().filter(|m| m.field().is_some_and(|f| f != field)).collect();
            return Err(Problem::identity_required_by(methods));
        }
        let change = Change {
            authority: earned,
            ..by_holder(caller.lang, field, Edit::Keep, EventAction::Kept, ChangeState::Committed)
        };
        self.write(&caller.account_id, change)?;
        Ok(json!({ "change_id": change_id, "revert_until": null }))
    }

    /// Dev helper: every change of the account cooling off is due now.
    pub fn end_cooling_now(&mut self, account_id: &str) {
        self.due_now(account_id, true);
    }

    /// Dev helper: every revert window of the account ends now.
    pub fn end_revert_windows_now(&mut self, account_id: &str) {
        if let Ok(account) = self.account_mut(account_id) {
            account.end_revert_windows();
        }
    }

    /// Dev helper: the account's hold ends now.
    pub fn end_hold_now(&mut self, account_id: &str) {
        if let Ok(account) = self.account_mut(account_id) {
            account.hold = None;
        }
    }
}

/// A change as the account's holder makes it (or the backend, for them), in `lang`.
pub(super) fn by_holder(
    lang: Lang,
    field: AccountField,
    edit: Edit,
    action: EventAction,
    state: ChangeState,
) -> Change {
    Change {
        field,
        edit,
        action,
        state,
        actor: Actor::You,
        authority: None,
        copied: false,
        reference: None,
        lang,
        change_id: None,
        old_address_lost: false,
        info_only: false,
    }
}
