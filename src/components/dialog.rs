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

/// The control a dialog was opened from, where focus goes back when it closes. Its node
/// reference is made by the page outside what re-renders, so after a change re-renders the
/// page it refers to the new control.
#[derive(Clone, Copy)]
pub enum Opener {
    Button(NodeRef<html::Button>),
    Link(NodeRef<html::A>),
}

impl Opener {
    pub fn button() -> Self {
        Opener::Button(NodeRef::new())
    }

    pub fn link() -> Self {
        Opener::Link(NodeRef::new())
    }

    /// Focuses the control once the page has re-rendered.
    pub fn focus_later(self) {
        request_animation_frame(move || {
            let element: Option<web_sys::HtmlElement> = match self {
                Opener::Button(node) => node.get_untracked().map(Into::into),
                Opener::Link(node) => node.get_untracked().map(Into::into),
            };
            if let Some(element) = element {
                let _ = element.focus();
            }
        });
    }

    pub fn button_ref(self) -> NodeRef<html::Button> {
        match self {
            Opener::Button(node) => node,
            Opener::Link(_) => NodeRef::new(),
        }
    }

    pub fn link_ref(self) -> NodeRef<html::A> {
        match self {
            Opener::Link(node) => node,
            Opener::Button(_) => NodeRef::new(),
        }
    }
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
    pub fn cancel(&self, focus: Opener) {
        self.on_close.run(());
        focus.focus_later();
    }

    /// The change is saved: the page shows `account`, `message` is announced, and focus goes
    /// to `focus` once the page has re-rendered.
    pub fn saved(&self, account: Account, message: String, focus: Opener) {
        self.announcer.say(message);
        self.on_close.run(());
        self.store.set(account);
        focus.focus_later();
    }
}

#[component]
pub fn Modal(
    /// The dialog's title; it labels the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// Runs on Cancel, Esc and the close button; the parent then stops rendering the dialog.
    on_close: Callback<()>,
    /// The control to focus after closing.
    opener: Opener,
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
        opener.focus_later();
    };
    let close_on_cancel = close;
    view! {
        <dialog
            node_ref=dialog
            class="ac-dialog"
            aria-labelledby=app.id("dialog-title")
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                close_on_cancel();
            }
        >
            <div class="ac-dialog-header">
                <h2 id=app.id("dialog-title") class="ac-dialog-title" tabindex="-1">{move || title.get()}</h2>
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
