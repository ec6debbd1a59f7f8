//! A modal dialog on native `<dialog>` + `showModal()`: the background is inert, focus
//! moves to the first field (or the heading) and follows the flow's steps, Esc cancels,
//! and focus returns to the control that opened it however the dialog goes away.

use leptos::html;
use leptos::prelude::*;

use crate::components::announcer::{use_announcer, Announcement};
use crate::components::fields::prepare_region_names;
use crate::components::icons::{Icon, CLOSE};
use crate::context::{use_account, use_app, AccountStore};
use crate::focus::{focus_first, DialogFocus, STEP_START};
use crate::i18n::Key;
use contract::Account;

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

    /// Focuses the control once the page has re-rendered, if it is still there.
    pub fn focus_later(self) {
        crate::task::before_paint(move || {
            let element: Option<web_sys::HtmlElement> = match self {
                Opener::Button(node) => node.try_get_untracked().flatten().map(Into::into),
                Opener::Link(node) => node.try_get_untracked().flatten().map(Into::into),
            };
            if let Some(element) = element.filter(|e| e.is_connected()) {
                let _ = element.focus();
            }
        });
    }

    /// Focuses the control once the page has re-rendered, if focus fell to the page (a
    /// dialog that went away with nothing else taking focus).
    pub fn focus_if_lost(self) {
        crate::task::before_paint(move || {
            let document = web_sys::window().and_then(|w| w.document());
            let lost = document
                .as_ref()
                .is_none_or(|d| d.active_element().is_none_or(|a| Some(a) == d.body().map(Into::into)));
            if lost {
                self.focus_later();
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

/// A page's openers, one per row of `K` (a kind, a target), made outside what re-renders.
#[derive(Clone, Copy)]
pub struct Openers<K: Send + Sync + 'static>(StoredValue<Vec<(K, Opener)>>);

impl<K: Copy + PartialEq + Send + Sync + 'static> Openers<K> {
    pub fn new(rows: &[K], make: fn() -> Opener) -> Self {
        Self(StoredValue::new(rows.iter().map(|&row| (row, make())).collect()))
    }

    /// The opener of `row` (one that focuses nothing for a row the page does not have).
    pub fn get(&self, row: K) -> Opener {
        let found = self.0.try_with_value(|openers| openers.iter().find(|(k, _)| *k == row).map(|(_, o)| *o));
        found.flatten().unwrap_or_else(Opener::button)
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

    /// A dialog that goes away (Esc, Back, another page) while `writing()` says a change is
    /// on its way has the account read again: the change may have reached the backend, and
    /// the page then shows it rather than what was there before. Focus, lost with the row
    /// that re-rendered, goes back to `opener`.
    pub fn reconcile_on_close(&self, opener: Opener, writing: impl Fn() -> Option<bool> + Send + Sync + 'static) {
        let store = self.store;
        on_cleanup(move || {
            if writing() == Some(true) {
                store.refresh(move || opener.focus_if_lost());
            }
        });
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

/// Makes a page's first dialog open without waiting, while the browser is idle: the region
/// names of its phone field, then the code that renders it. Browsers compile WebAssembly a
/// function at a time, on its first call, and a first opening would otherwise spend a third
/// of its time on a slow phone compiling. `view` is rendered once, unmounted, under an owner
/// of its own whose effects are paused, and thrown away: nothing of it is shown, kept or
/// sent. Nothing happens once the app is gone.
pub fn prepare_dialog(view: impl FnOnce() -> AnyView + 'static) {
    prepare_boxed(Box::new(view));
}

// One copy of the preparing in the build, whatever the dialog.
fn prepare_boxed(view: Box<dyn FnOnce() -> AnyView>) {
    let Some(owner) = Owner::current() else { return };
    prepare_region_names(
        use_app().locale,
        Box::new(move || {
            let ahead = owner.child();
            ahead.pause();
            // The page's owner is still in the app (another page may show by now).
            if owner.parent().is_some() {
                ahead.with(|| drop(view().build()));
            }
            ahead.cleanup();
        }),
    );
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
    let focus = DialogFocus::use_context();
    let dialog = focus.dialog;
    crate::task::effect(move || {
        let Some(dialog) = dialog.get() else { return };
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
        focus_first(&dialog, STEP_START);
    });
    // Closed by Back, by another page or by unmounting, focus would fall to the page:
    // it goes back to the opener, where that is still on the page.
    on_cleanup(move || opener.focus_if_lost());
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
            <p class="ac-visually-hidden" role="status">{move || focus.step_title.get()}</p>
        </dialog>
    }
}
