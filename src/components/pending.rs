//! A contact value waiting for its code, under its row on every page that shows the row:
//! what waits, where messages go until it is proven, when it expires; Verify now, Resend
//! and Cancel.

use leptos::html;
use leptos::prelude::*;

use contract::{Account, AccountField, PendingChange};

use crate::components::contact_dialogs::ContactOpeners;
use crate::components::fields::ErrorText;
use crate::components::row_action::{Ask, RowAction};
use crate::context::{use_app, use_verification};
use crate::i18n::Key;
use crate::words::Words;

/// What a page does with the values waiting on it: open Verify now (`verify`), or open it
/// with a fresh code on its way (Resend), and call one off, one at a time.
#[derive(Clone, Copy)]
pub struct PendingActions {
    cancel: RowAction,
    verify: Callback<AccountField>,
    resend: Callback<AccountField>,
    openers: ContactOpeners,
}

impl PendingActions {
    /// Made by the page while it is set up, for the `account` it shows.
    pub fn new(account: &Account, openers: ContactOpeners, verify: Callback<AccountField>) -> Self {
        let verification = use_verification();
        let resend = Callback::new(move |field| {
            verification.resend.set_value(Some(field));
            verify.run(field);
        });
        Self { cancel: RowAction::new(Ask::CancelPending(openers.edit), account), verify, resend, openers }
    }

    /// The line under `field`'s row, if a new value of it waits for its code.
    pub fn line(self, field: AccountField, account: &Account) -> Option<AnyView> {
        let pending = account.pending(field)?.clone();
        let current = account.masked(field).map(str::to_string);
        Some(view! { <PendingLine field=field pending=pending current=current actions=self/> }.into_any())
    }
}

/// The line under a contact row whose new value waits for its code. `current`: the value
/// messages go to meanwhile, masked, if there is one.
#[component]
fn PendingLine(
    field: AccountField,
    pending: PendingChange,
    current: Option<String>,
    actions: PendingActions,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let words = field.words().contact;
    let expires = app.format_date(&pending.expires_at, false);
    let said = match &current {
        Some(current) => {
            locale.format(Key::PendingLine, &[("value", &pending.masked), ("current", current), ("expires", &expires)])
        }
        None => locale.format(Key::PendingLineFirst, &[("value", &pending.masked), ("expires", &expires)]),
    };
    let cancel = actions.cancel;
    let busy = Signal::derive(move || cancel.busy());
    let idle = Signal::derive(|| false);
    let button = move |text: Key,
                       label: Option<Key>,
                       class: &'static str,
                       node: NodeRef<html::Button>,
                       disabled: Signal<bool>,
                       run: Callback<AccountField>| {
        view! {
            <button
                type="button"
                node_ref=node
                class=class
                aria-label=label.map(|k| locale.text(k))
                disabled=move || disabled.get()
                on:click=move |_| run.run(field)
            >
                {locale.text(text)}
            </button>
        }
    };
    let (primary, secondary) =
        ("ac-button ac-button-primary ac-button-small", "ac-button ac-button-secondary ac-button-small");
    let verify_node = actions.openers.verify.get(field).button_ref();
    view! {
        <div class="ac-pending">
            <p class="ac-pending-text">{said}</p>
            <div class="ac-pending-actions">
                {button(Key::VerifyNow, words.map(|w| w.verify_now), primary, verify_node, idle, actions.verify)}
                {button(Key::Resend, words.map(|w| w.resend), secondary, NodeRef::new(), idle, actions.resend)}
                {button(Key::Cancel, words.map(|w| w.cancel), secondary, NodeRef::new(), busy, Callback::new(move |field| cancel.start(field)))}
            </div>
            <ErrorText error=Signal::derive(move || cancel.failure(Some(field)))/>
        </div>
    }
}
