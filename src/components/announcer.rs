//! One polite live region per app: announces results that outlive the element that caused
//! them (a banner that disappears, a dialog that closes).

use leptos::prelude::*;

use crate::context::use_app;
use crate::i18n::Key;

#[derive(Clone, Copy)]
struct Announcement(RwSignal<Option<String>>);

pub fn provide_announcer() {
    provide_context(Announcement(RwSignal::new(None)));
}

pub fn announce(key: Key) {
    if let (Some(Announcement(signal)), Some(app)) = (use_context::<Announcement>(), use_context::<crate::context::AppContext>()) {
        signal.set(Some(app.t(key).to_string()));
    }
}

/// Announces a message already formatted.
pub fn announce_text(text: String) {
    if let Some(Announcement(signal)) = use_context::<Announcement>() {
        signal.set(Some(text));
    }
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
