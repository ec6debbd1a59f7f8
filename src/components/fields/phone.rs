//! The phone number field: the calling-region picker and the number.

use leptos::prelude::*;

use super::phone_input::PhoneInput;
use super::region_picker::RegionPicker;
use crate::context::use_app;
use crate::i18n::Key;
use contract::regions::split_international;

#[component]
pub fn PhoneField(input: PhoneInput, label: Key, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let app = use_app();
    let ids = app.ids();
    let revalidate = move || {
        if input.error.get_untracked().is_some() {
            let _ = input.validate();
        }
    };
    // A pasted international number picks its region and keeps the national part.
    let on_number = move |value: String| {
        match split_international(&value) {
            Some((region, national)) => {
                input.choose(region);
                input.set_number(national);
            }
            None => input.set_number(value),
        }
        revalidate();
    };
    let error_text = move || input.error.get().map(|key| app.locale.text(key));
    view! {
        <RegionPicker input=input/>
        <div class="ac-field">
            <label class="ac-label" for=ids.of("phone")>{app.t(label)}</label>
            <input
                id=ids.of("phone")
                node_ref=input.field
                class="ac-input"
                type="tel"
                inputmode="tel"
                autocomplete="tel-national"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", ids.of("phone-hint"), ids.of("phone-error"))
                prop:value=move || input.number.get()
                on:input=move |ev| on_number(event_target_value(&ev))
                // Blur also fires while a closing dialog is removed, after its state is gone.
                on:blur=move |_| {
                    if input.number.try_get_untracked().is_some_and(|n| !n.trim().is_empty()) {
                        let _ = input.validate();
                    }
                }
            />
            <span class="ac-hint" id=ids.of("phone-hint")>{hint}</span>
            <span class="ac-field-error" id=ids.of("phone-error")>{error_text}</span>
        </div>
    }
}
