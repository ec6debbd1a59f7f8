//! The verification code field.

use leptos::prelude::*;

use crate::context::use_app;
use crate::i18n::Key;
use contract::validate::normalize_code;

/// One real input for a one-time code: SMS autofill and paste work, spaces and dashes
/// are dropped. Where the code only proves something (`on_complete` given), a complete code
/// submits once; where submitting commits a change, only OK or Enter does (WCAG 3.2.2).
#[component]
pub fn CodeField(
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(into, default = None)] on_complete: Option<Callback<String>>,
    #[prop(into)] disabled: Signal<bool>,
    /// Digits in a complete code, from the challenge.
    length: usize,
) -> impl IntoView {
    let app = use_app();
    let ids = app.ids();
    let hint = if on_complete.is_some() { Key::CodeHintAuto } else { Key::CodeHint };
    view! {
        <div class="ac-field">
            <label class="ac-label" for=ids.of("code")>{app.t(Key::CodeLabel)}</label>
            <input
                id=ids.of("code")
                class="ac-input ac-input-code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                maxlength="12"
                spellcheck="false"
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=format!("{} {}", ids.of("code-hint"), ids.of("code-error"))
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
                    // A code submits when it becomes complete: typed, pasted, or typed again
                    // into a field the step emptied.
                    let before = normalize_code(&value.get_untracked(), length).ok();
                    value.set(digits.clone());
                    let after = normalize_code(&digits, length).ok();
                    if let Some(on_complete) = on_complete.filter(|_| after.is_some() && before != after) {
                        on_complete.run(digits);
                    }
                }
            />
            <span class="ac-hint" id=ids.of("code-hint")>{app.locale.format(hint, &[("n", &length.to_string())])}</span>
            <span class="ac-field-error" id=ids.of("code-error") role="alert">{move || error.get()}</span>
        </div>
    }
}
