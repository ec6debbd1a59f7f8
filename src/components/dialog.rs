//! A modal dialog on native `<dialog>` + `showModal()`: the background is inert, focus
//! moves to the first field (or the heading), Esc cancels, and focus returns to the
//! control that opened it.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::types::Account;
use crate::components::announcer::{use_announcer, Announcement};
use crate::components::icons::{Icon, CLOSE};
use crate::context::{use_account, use_app, AccountStore};
use crate::i18n::Key;

/// Focuses the element with `id`, if there is one.
pub fn focus_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` once the page has re-rendered.
pub fn focus_later(id: String) {
    request_animation_frame(move || focus_id(&id));
}

/// How a dialog ends. Taken while the dialog is set up (it holds the contexts), so it can
/// be used from the async task that saved the change.
#[derive(Clone, Copy)]
pub struct DialogEnd {
    on_close: Callback<()>,
    store: AccountStore,
    announcer: Announcement,
}

impl DialogEnd {
    pub fn new(on_close: Callback<()>) -> Self {
        Self { on_close, store: use_account(), announcer: use_announcer() }
    }

    /// Closed without a change (the Cancel button): focus goes back to `focus`, the opener.
    pub fn cancel(&self, focus: String) {
        self.on_close.run(());
        focus_later(focus);
    }

    /// The change is saved: the page shows `account`, `message` is announced, and focus goes
    /// to `focus` once the page has re-rendered.
    pub fn saved(&self, account: Account, message: String, focus: String) {
        self.announcer.say(message);
        self.on_close.run(());
        self.store.set(account);
        focus_later(focus);
    }
}

#[component]
pub fn Modal(
    /// The dialog's title; it labels the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// Runs on Cancel, Esc and the close button; the parent then stops rendering the dialog.
    on_close: Callback<()>,
    /// The id of the control to focus after closing (the opener).
    return_focus: String,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
        let first = dialog
            .query_selector("input:not([disabled]):not([type=radio]), input[type=radio]:checked, [data-autofocus]")
            .ok()
            .flatten()
            .or_else(|| dialog.query_selector("h2").ok().flatten());
        if let Some(element) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
    // Only the close itself: the modal needs no account or announcer to be used anywhere.
    let close = move || {
        on_close.run(());
        focus_later(return_focus.clone());
    };
    let close_on_cancel = close.clone();
    view! {
        <dialog
            node_ref=dialog
            class="ac-dialog"
            aria-labelledby="ac-dialog-title"
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                close_on_cancel();
            }
        >
            <div class="ac-dialog-header">
                <h2 id="ac-dialog-title" class="ac-dialog-title" tabindex="-1">{move || title.get()}</h2>
                <button
                    type="button"
                    class="ac-icon-button"
                    aria-label=app.t(Key::CloseDialog)
                    on:click=move |_| close()
                >
                    <Icon path=CLOSE/>
                </button>
            </div>
            <div class="ac-dialog-body">{children()}</div>
        </dialog>
    }
}
