//! One polite live region per app: announces results that outlive the element that caused
//! them (a banner that disappears, a dialog that closes).

use leptos::prelude::*;

use crate::context::use_app;
use crate::i18n::Key;

/// The app's live region. Take it with [`use_announcer`] while setting a component up;
/// it can then speak from async tasks, where contexts are out of reach.
#[derive(Clone, Copy)]
pub struct Announcement(RwSignal<Option<String>>);

impl Announcement {
    pub fn say(&self, text: String) {
        self.0.set(Some(text));
    }

    /// Takes back what was said when it no longer holds ("Saving your change…" once saved).
    pub fn clear(&self) {
        self.0.set(None);
    }
}

pub fn provide_announcer() {
    provide_context(Announcement(RwSignal::new(None)));
}

pub fn use_announcer() -> Announcement {
    expect_context::<Announcement>()
}

#[component]
pub fn Announcer() -> impl IntoView {
    let app = use_app();
    let Announcement(signal) = expect_context::<Announcement>();
    view! {
        <div class="ac-announcer" role="status" aria-live="polite">
            {move || signal.get().map(|text| view! {
                <p class="ac-toast">
                    <span>{text}</span>
                    <button type="button" class="ac-link-button" on:click=move |_| signal.set(None)>
                        {app.t(Key::Dismiss)}
                    </button>
                </p>
            })}
        </div>
    }
}
