//! The email address field and its state.

use leptos::html;
use leptos::prelude::*;

use super::{email_error_key, Edited};
use crate::context::use_app;
use crate::i18n::Key;
use contract::validate::normalize_email;

#[derive(Clone, Copy)]
pub struct EmailInput {
    value: RwSignal<String>,
    error: RwSignal<Option<Key>>,
    /// The input element, to take focus back to.
    field: NodeRef<html::Input>,
    /// Told whenever the value changes.
    pub(super) edited: Edited,
}

impl Default for EmailInput {
    fn default() -> Self {
        Self::new()
    }
}

impl EmailInput {
    pub fn new() -> Self {
        Self {
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            field: NodeRef::new(),
            edited: Edited::new(),
        }
    }

    /// What is typed, tracked.
    pub fn value(&self) -> String {
        self.value.get()
    }

    /// Puts back what was typed before (a dialog reopened).
    pub fn restore(&self, draft: &str) {
        self.set(draft.to_string());
    }

    fn set(&self, value: String) {
        self.value.set(value);
        self.edited.tell();
    }

    /// The backend refused the address: `why` is said under it.
    pub fn refuse(&self, why: Key) {
        self.error.set(Some(why));
    }

    pub fn validate(&self) -> Result<String, Key> {
        let result = normalize_email(&self.value.get_untracked()).map_err(email_error_key);
        self.error.set(result.as_ref().err().copied());
        result
    }
}

#[component]
pub fn EmailField(input: EmailInput, label: Key, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let ids = app.ids();
    view! {
        <div class="ac-field">
            <label class="ac-label" for=ids.of("email")>{app.t(label)}</label>
            <input
                id=ids.of("email")
                node_ref=input.field
                class="ac-input"
                type="email"
                autocomplete="email"
                spellcheck="false"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", ids.of("email-hint"), ids.of("email-error"))
                prop:value=move || input.value.get()
                on:input=move |ev| {
                    input.set(event_target_value(&ev));
                    if input.error.get_untracked().is_some() {
                        let _ = input.validate();
                    }
                }
                on:blur=move |_| {
                    if input.value.try_get_untracked().is_some_and(|v| !v.trim().is_empty()) {
                        let _ = input.validate();
                    }
                }
            />
            <span class="ac-hint" id=ids.of("email-hint")>{hint}</span>
            <span class="ac-field-error" id=ids.of("email-error")>{move || input.error.get().map(|k| locale.text(k))}</span>
        </div>
    }
}
