//! A row's one click that asks the backend for one thing about a contact field and shows
//! the account it answers with (`flows/row.rs`): the same-as-recovery advice's copy, and
//! calling off a new value waiting for its code. One runtime serves both.

use leptos::prelude::*;

use contract::{Account, AccountField};

use crate::api::reconcile::Change;
use crate::api::ApiError;
use crate::components::announcer::use_announcer;
use crate::components::dialog::Openers;
use crate::context::{use_account, use_app};
use crate::flows::row::{self, RowEffect, RowEvent, RowState};
use crate::host_event::HostEvent;
use crate::i18n::Locale;
use crate::machine::Machine;
use crate::words::Words;

/// What the click asks for.
#[derive(Clone, Copy)]
pub enum Ask {
    /// The recovery value copied into the contact value.
    CopyRecovery,
    /// The value waiting for its code called off; focus then goes to the row's own action
    /// (`Openers`), as the line with the button is gone.
    CancelPending(Openers<AccountField>),
}

#[derive(Clone, Copy)]
pub struct RowAction {
    machine: Machine<RowState, RowEvent, RowEffect>,
    locale: Locale,
}

impl RowAction {
    /// Made while the component is set up, for the `account` it shows.
    pub fn new(ask: Ask, account: &Account) -> Self {
        let app = use_app();
        let store = use_account();
        let announcer = use_announcer();
        let before = StoredValue::new(account.clone());
        // The new account re-renders the row; the status message lives in the app-level
        // announcer so it survives that.
        let machine = Machine::new(RowState::default(), row::next, move |machine, effect| match effect {
            RowEffect::Request(field) => {
                let (api, before) = (app.api(), before.get_value());
                let change_id = before.pending(field).map(|p| p.change_id.clone());
                let request = async move {
                    let (answer, change) = match change_id.filter(|_| matches!(ask, Ask::CancelPending(_))) {
                        Some(id) => (api.cancel_change(&id).await, Change::Cancelled(field)),
                        None => (api.copy_contact_from_recovery(field).await, Change::Copied(field)),
                    };
                    api.reconcile(answer, change, &before).await
                };
                machine.run(request, RowEvent::Answered);
            }
            RowEffect::Done(field, account) => {
                let Some(words) = field.words().contact else { return };
                match ask {
                    Ask::CopyRecovery => {
                        announcer.say(app.t(words.copied).to_string());
                        let masked = account.masked(field).unwrap_or_default().to_string();
                        app.emit(HostEvent::Changed { field, masked, verified: true });
                        store.set(account);
                    }
                    Ask::CancelPending(openers) => {
                        announcer.say(app.t(words.cancelled).to_string());
                        store.set(account);
                        openers.get(field).focus_later();
                    }
                }
            }
            RowEffect::SessionExpired => {
                store.handle(&ApiError::Unauthenticated);
            }
        });
        Self { machine, locale: app.locale }
    }

    /// Asks it about `field` (nothing while a request is on its way).
    pub fn start(self, field: AccountField) {
        self.machine.dispatch(RowEvent::Start(field));
    }

    pub fn busy(self) -> bool {
        self.machine.with(|s| matches!(s, RowState::Busy(_)))
    }

    /// What the last request met, if it failed, in words; about `field` only, if given.
    pub fn failure(self, field: Option<AccountField>) -> Option<String> {
        let locale = self.locale;
        self.machine.with(|s| match (s, field) {
            (RowState::Failed(_, e), None) => Some(e.message(locale)),
            (_, Some(field)) => s.failure(field).map(|e| e.message(locale)),
            (RowState::Ready | RowState::Busy(_), None) => None,
        })
    }
}
