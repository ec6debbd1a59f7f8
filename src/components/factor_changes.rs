//! Under a factor's row on Security Settings, the change of it that is not settled: one
//! cooling off (to what, when, where codes go meanwhile; Cancel change), or one in effect that
//! its previous holder may still undo from a notice (who, and until when). The lines are
//! written as plain elements (`plain.rs`) once the rows are drawn, with one click handler for
//! the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use contract::{Account, AccountField, Lifecycle, Wire};

use crate::api::reconcile::Change;
use crate::components::announcer::{use_announcer, Announcement};
use crate::components::dialog::Openers;
use crate::components::plain::child;
use crate::context::{use_account, use_app, AccountStore, AppContext};
use crate::i18n::Key;
use crate::task::Tasks;
use crate::words::Words;

/// The page's lines of changes not settled, and the cancels taken from them. Made outside
/// what re-renders, as the account is replaced after a cancel. A Cancel change button says
/// which field's change it calls off (`data-field`).
#[derive(Clone)]
pub struct FactorChanges {
    app: AppContext,
    store: AccountStore,
    announcer: Announcement,
    openers: Openers<AccountField>,
    tasks: Tasks,
}

impl FactorChanges {
    /// Focus goes to the field's Edit (`openers`) once the line it was on is gone.
    pub fn new(openers: Openers<AccountField>) -> Self {
        Self { app: use_app(), store: use_account(), announcer: use_announcer(), openers, tasks: Tasks::new() }
    }

    /// Calls off the change of the field `button` names, as `account` shows it.
    fn cancel(&self, button: web_sys::HtmlElement, account: Account) {
        let FactorChanges { app, store, announcer, openers, ref tasks } = *self;
        let locale = app.locale;
        let Some(field) = button.get_attribute("data-field").and_then(|f| AccountField::from_wire(&f)) else { return };
        let Some(change_id) = account.pending(field).map(|p| p.change_id.clone()) else { return };
        let _ = button.set_attribute("disabled", "");
        let api = app.api();
        tasks.spawn(async move {
            // An answer lost on the way is read back from the account.
            let answer = api.cancel_change(&change_id).await;
            match api.reconcile(answer, Change::Cancelled(field), &account).await {
                Ok(account) => {
                    announcer.say(locale.format(Key::ChangeCancelled, &[("field", locale.text(field.words().label))]));
                    store.set(account);
                    openers.get(field).focus_later();
                }
                // A session that ended is the whole app's to show.
                Err(e) if store.handle(&e) => {}
                Err(e) => {
                    let _ = button.remove_attribute("disabled");
                    if let Some(line) = button.closest(".ac-pending").ok().flatten() {
                        child(&line, "p", "ac-error", &e.message(locale)).map(|p| p.set_attribute("role", "alert"));
                    }
                    let _ = button.focus();
                }
            }
        });
    }

    /// Writes the line under each factor's row whose change cools off or may still be
    /// undone, once the rows are drawn (found by their Edit or Bind). The rows of a page
    /// drawn again for a newer account are the same elements: their lines are written anew.
    pub fn write(&self, account: Account) {
        let this = self.clone();
        crate::task::before_paint(move || {
            for &field in AccountField::of(Lifecycle::Factor) {
                let link = this.openers.get(field).link_ref().get_untracked();
                if let Some(row) = link.and_then(|link| link.closest(".ac-row").ok().flatten()) {
                    if let Ok(Some(old)) = row.query_selector(".ac-change") {
                        old.remove();
                    }
                    this.line(&row, field, &account);
                }
            }
        });
    }

    fn line(&self, row: &web_sys::Element, field: AccountField, account: &Account) -> Option<()> {
        let app = self.app;
        let locale = app.locale;
        let label = locale.text(field.words().label);
        let (said, waiting) = match (account.pending(field), account.recent(field)) {
            (Some(waiting), _) => {
                let date = app.format_date(&waiting.expires_at, true);
                let old = account.masked(field).unwrap_or_default();
                let args = [("field", label), ("value", &waiting.masked), ("date", &date), ("old", old)];
                (locale.format(Key::SavedCoolingOff, &args), true)
            }
            (None, Some(recent)) => {
                let (who, date) = (recent.previous_masked.as_deref()?, app.format_date(&recent.revert_until, true));
                (locale.format(Key::UndoableBy, &[("who", who), ("date", &date)]), false)
            }
            (None, None) => return None,
        };
        let below = child(row, "dd", "ac-row-below ac-change", "")?;
        let line = child(&below, "div", "ac-pending", "")?;
        child(&line, "p", "ac-pending-text", &said)?;
        if waiting {
            let actions = child(&line, "div", "ac-pending-actions", "")?;
            let class = "ac-button ac-button-secondary ac-button-small";
            let button = child(&actions, "button", class, locale.text(Key::CancelChange))?;
            for (name, value) in [
                ("type", "button"),
                ("data-field", field.wire()),
                ("aria-label", &locale.action_on(Key::CancelChange, field.words().label)),
            ] {
                button.set_attribute(name, value).ok()?;
            }
        }
        Some(())
    }

    /// What a click on the page does: a line's Cancel change, on `account`.
    pub fn clicked(&self, account: Account) -> impl Fn(web_sys::MouseEvent) + 'static {
        let this = self.clone();
        move |event| {
            let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let button = target.and_then(|t| t.closest("button[data-field]").ok().flatten());
            if let Some(button) = button.and_then(|b| b.dyn_into().ok()) {
                this.cancel(button, account.clone());
            }
        }
    }
}
