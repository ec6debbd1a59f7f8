//! The one way the account changes. Every writer (a contact value asked for, verified, copied
//! from recovery, cancelled or expired; a factor committed) hands `Store::write` a `Change`,
//! which takes who is to be told from the account as it stood before, applies the change,
//! records it as an event under its reference, and tells them. Nothing else can change a
//! value: the account's setters are private to this module.

use contract::{AccountEvent, AccountField, Actor, Authorisation, ChangeState, EventAction, IdentityMethod, Known};

use super::Pending;
use crate::mask;
use crate::problem::Problem;
use crate::store::codes::chrono;
use crate::store::codes::random_token;
use crate::store::notices::{audience, How, Lang, Notice, State, Told, What};
use crate::store::tickets::Authority;
use crate::store::{rfc3339, Store};

/// What happens to the account's value of a field.
#[derive(Clone, Debug)]
pub enum Edit {
    /// The field takes `value` (a contact value `verified` or not); any change waiting for
    /// it is dropped.
    Set { value: String, verified: bool },
    /// A new contact value waits for its code; the current value stays.
    Request(Pending),
    /// The change waiting for the field is dropped.
    Drop,
    /// Nothing changes: the holder kept the field's last change (nobody may undo it now).
    Keep,
}

/// A change, as the writer takes it.
#[derive(Clone, Debug)]
pub struct Change {
    pub field: AccountField,
    pub edit: Edit,
    pub action: EventAction,
    pub state: ChangeState,
    pub actor: Actor,
    /// How it was authorised; `None`: by no more than the session (a copy of a value proven
    /// already), or by the backend itself.
    pub authority: Option<Authority>,
    /// The value came from the account's verified recovery value.
    pub copied: bool,
    /// The reference to record it under: the request's it completes, or a new one.
    pub reference: Option<String>,
    /// The language of the request that made it: its notices are written in it.
    pub lang: Lang,
    /// The change's id, when it completes one asked for (else a new one).
    pub change_id: Option<String>,
    /// The holder no longer has the address this replaces: it is told, and can do nothing.
    pub old_address_lost: bool,
    /// Who is told, when not those the change itself would tell (an undo tells everyone,
    /// and nobody may act on it).
    pub info_only: bool,
}

/// A reference people read and type: 8 characters, none that look alike (no 0/O, 1/I/L).
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).expect("the OS random source works");
    // 256 is not a multiple of 31: the bias toward the first characters is below 1 in 8.
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// An account id as a notice shows it: `1000****5678`.
pub fn masked_account(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let (head, tail): (String, String) = (chars[..4].iter().collect(), chars[chars.len() - 4..].iter().collect());
    format!("{head}****{tail}")
}

/// How a change was authorised, as the wire says it.
fn authorisation(authority: Option<&Authority>) -> Option<Authorisation> {
    match authority? {
        Authority::Code(address) => {
            let method = if address.contains('@') { IdentityMethod::Email } else { IdentityMethod::Sms };
            Some(Authorisation { method: Known::Is(method), masked: Some(mask::address(address)) })
        }
        Authority::Password => Some(Authorisation { method: Known::Is(IdentityMethod::Password), masked: None }),
    }
}

impl Store {
    /// The one writer: who is told is taken from the account before the change; then the
    /// change is applied, recorded, and told. Only a change that takes effect, to a value
    /// that is not the one already there, tells anybody. The event recorded.
    pub(in crate::store) fn write(&mut self, account_id: &str, change: Change) -> Result<AccountEvent, Problem> {
        let now = self.now();
        let field = change.field;
        let account = self.account(account_id)?;
        let old = account.value(field).map(str::to_string);
        let (new, takes_effect, cooling_until) = match &change.edit {
            Edit::Set { value, .. } => (Some(value.clone()), true, None),
            Edit::Request(pending) => (Some(pending.value.clone()), false, pending.cooling.map(|_| pending.expires_at)),
            Edit::Drop => (account.pending(field).map(|p| p.value.clone()), false, None),
            Edit::Keep => (old.clone(), false, None),
        };
        let told = Told::Change {
            field,
            copied: change.copied,
            cooling: cooling_until.is_some(),
            lost: change.old_address_lost,
        };
        let mut to = match (takes_effect && old != new) || cooling_until.is_some() {
            true => audience(account, told, change.authority.as_ref()),
            false => Vec::new(),
        };
        if change.info_only {
            for recipient in &mut to {
                recipient.actions.clear();
            }
        }
        let change_id = change.change_id.clone().unwrap_or_else(new_change_id);
        // A factor that took effect: its previous holder may undo it for a while.
        let undoable = takes_effect
            && field.lifecycle() == contract::Lifecycle::Factor
            && to.iter().any(|r| r.actions.contains(&contract::NoticeAction::Undo));
        let revert_until = now + chrono(self.rules.revert_window);
        let reference = change.reference.clone().unwrap_or_else(new_reference);
        let (old_masked, new_masked) = (old.as_deref().map(mask::address), new.as_deref().map(mask::address));
        let notice = Notice {
            reference: reference.clone(),
            account: masked_account(&account.id),
            at: now,
            what: match (&old_masked, &new_masked) {
                (Some(old), Some(new)) if change.action == EventAction::Undone => {
                    What::Undone { field, from: old.clone(), to: new.clone() }
                }
                (Some(old), Some(new)) => What::Changed { field, old: old.clone(), new: new.clone() },
                (None, new) => What::Bound { field, new: new.clone().unwrap_or_default() },
                (Some(old), None) => What::Changed { field, old: old.clone(), new: String::new() },
            },
            how: match (&change.authority, change.copied) {
                (_, true) => How::Copy,
                (Some(Authority::Code(address)), false) => How::Code(mask::address(address)),
                (Some(Authority::Password), false) => How::Password,
                (None, false) => How::Copy,
            },
            state: match (cooling_until, undoable) {
                (Some(at), _) => State::TakesEffect(at),
                (None, true) => State::UndoableUntil(revert_until),
                (None, false) => State::InEffect,
            },
            change_id: Some(change_id.clone()),
            field: Some(field),
        };

        let account = self.account_mut(account_id)?;
        match change.edit {
            Edit::Set { value, verified } => {
                account.recent.retain(|(f, _)| *f != field);
                if undoable {
                    let recent = super::Recent { change_id, previous: old.clone(), value: value.clone(), revert_until };
                    account.recent.push((field, recent));
                }
                account.set(field, value, verified);
                account.pending.retain(|(f, _)| *f != field);
            }
            Edit::Request(pending) => {
                account.pending.retain(|(f, _)| *f != field);
                account.pending.push((field, pending));
            }
            Edit::Drop => account.pending.retain(|(f, _)| *f != field),
            Edit::Keep => account.recent.retain(|(f, _)| *f != field),
        }
        let id = account.next_event;
        account.next_event += 1;

        let notices = self.tell(account_id, change.lang, &notice, &to);
        let event = AccountEvent {
            id,
            reference,
            at: rfc3339(now),
            field: Known::Is(field),
            subject: contract::EventSubject::Field(Known::Is(field)),
            action: Known::Is(change.action),
            state: Known::Is(change.state),
            actor: Known::Is(change.actor),
            old_masked,
            new_masked,
            authorised_by: authorisation(change.authority.as_ref()),
            notified: notices.iter().map(|n| n.masked.clone()).collect(),
            notices,
        };
        self.account_mut(account_id)?.keep(field, event.clone());
        Ok(event)
    }

    /// An event of the account as a whole (it was secured), kept with the security changes.
    pub(in crate::store) fn record_account_event(
        &mut self,
        account_id: &str,
        reference: &str,
        action: EventAction,
        authorised: Option<(String, bool)>,
        notices: Vec<contract::NoticeSent>,
    ) -> Result<AccountEvent, Problem> {
        let now = self.now();
        let account = self.account_mut(account_id)?;
        let id = account.next_event;
        account.next_event += 1;
        let authorised_by = authorised.map(|(masked, email)| Authorisation {
            method: Known::Is(if email { IdentityMethod::Email } else { IdentityMethod::Sms }),
            masked: Some(masked),
        });
        let event = AccountEvent {
            id,
            reference: reference.to_string(),
            at: rfc3339(now),
            field: Known::Other,
            subject: contract::EventSubject::Account,
            action: Known::Is(action),
            state: Known::Is(ChangeState::Committed),
            actor: Known::Is(Actor::Notice),
            old_masked: None,
            new_masked: None,
            authorised_by,
            notified: notices.iter().map(|n| n.masked.clone()).collect(),
            notices,
        };
        account.keep(AccountField::LoginEmail, event.clone());
        Ok(event)
    }

    /// Something the owner should know of that changes no value (a pause of the password,
    /// sessions signed out, many codes asked for): the addresses that can act on it are
    /// told. Nothing is recorded as a change.
    pub(in crate::store) fn alert(&mut self, account_id: &str, lang: Lang, told: Told, what: What, how: How) {
        let Ok(account) = self.account(account_id) else { return };
        let to = audience(account, told, None);
        let notice = Notice {
            reference: new_reference(),
            account: masked_account(&account.id),
            at: self.now(),
            what,
            how,
            state: State::InEffect,
            change_id: None,
            field: None,
        };
        self.tell(account_id, lang, &notice, &to);
    }
}

/// A fresh id for a change waiting for its code.
pub fn new_change_id() -> String {
    random_token(12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_eight_characters_that_do_not_look_alike() {
        for _ in 0..100 {
            let reference = new_reference();
            assert_eq!(reference.len(), 8);
            assert!(reference.bytes().all(|b| b"23456789ABCDEFGHJKMNPQRSTUVWXYZ".contains(&b)), "{reference}");
        }
        assert_eq!(masked_account("100041000001"), "1000****0001");
    }
}
