//! Form fields: phone number with a searchable calling-code picker, email, verification
//! code. Each shows its error under the field, tied to it with `aria-describedby`.
//! Errors appear on blur and on submit, never while the first characters are typed;
//! once shown, they follow the input until it is fixed.

use leptos::html;
use leptos::prelude::*;

use crate::context::use_app;
use crate::i18n::{region_name, Key, Locale};
use crate::validate::{
    normalize_code, normalize_email, phone_to_e164, region_by_iso, region_for_e164_digits, CodeError, EmailError,
    PhoneError, Region, REGIONS,
};

pub fn phone_error_key(error: PhoneError) -> Key {
    match error {
        PhoneError::Empty => Key::PhoneEmpty,
        PhoneError::BadCharacters => Key::PhoneBadCharacters,
        PhoneError::UnknownCountryCode => Key::PhoneUnknownCountryCode,
        PhoneError::WrongLength => Key::PhoneWrongLength,
        PhoneError::NotMobile => Key::PhoneNotMobile,
    }
}

pub fn email_error_key(error: EmailError) -> Key {
    match error {
        EmailError::Empty => Key::EmailEmpty,
        EmailError::MissingAt => Key::EmailMissingAt,
        EmailError::BadLocalPart => Key::EmailBadLocalPart,
        EmailError::BadDomain => Key::EmailBadDomain,
        EmailError::TooLong => Key::EmailTooLong,
    }
}

pub fn code_error_key(error: CodeError) -> Key {
    match error {
        CodeError::Empty => Key::CodeEmpty,
        CodeError::NotDigits => Key::CodeNotDigits,
        CodeError::WrongLength => Key::CodeWrongLength,
    }
}

/// How a region reads in the picker: `Chinese mainland (+86) CN`.
pub fn region_label(locale: Locale, region: &Region) -> String {
    format!("{} (+{}) {}", region_name(locale, region.iso), region.dial_code, region.iso)
}

/// The region a picker text names: a full label, an ISO code, `+44`, or a name.
pub fn region_from_text(locale: Locale, text: &str) -> Option<&'static Region> {
    let text = text.trim();
    if let Some(region) = REGIONS.iter().find(|r| region_label(locale, r) == text) {
        return Some(region);
    }
    if let Some(digits) = text.strip_prefix('+') {
        return REGIONS.iter().find(|r| r.dial_code == digits);
    }
    if text.len() == 2 {
        if let Some(region) = region_by_iso(text) {
            return Some(region);
        }
    }
    REGIONS
        .iter()
        .find(|r| region_name(Locale::En, r.iso).eq_ignore_ascii_case(text) || region_name(Locale::ZhCn, r.iso) == text)
}

/// The state of a phone number being typed.
#[derive(Clone, Copy)]
pub struct PhoneInput {
    pub region_text: RwSignal<String>,
    pub number: RwSignal<String>,
    pub error: RwSignal<Option<Key>>,
    /// The number's input element, to take focus back to.
    pub field: NodeRef<html::Input>,
}

impl PhoneInput {
    pub fn new(locale: Locale, region: &Region) -> Self {
        Self {
            region_text: RwSignal::new(region_label(locale, region)),
            number: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            field: NodeRef::new(),
        }
    }

    /// The number in E.164, or the error to show.
    pub fn validate(&self, locale: Locale) -> Result<String, Key> {
        let number = self.number.get_untracked();
        let result = if number.trim_start().starts_with('+') {
            crate::validate::parse_e164(&number).map_err(phone_error_key)
        } else {
            match region_from_text(locale, &self.region_text.get_untracked()) {
                Some(region) => phone_to_e164(region, &number).map_err(phone_error_key),
                None => Err(Key::UnknownRegion),
            }
        };
        self.error.set(result.as_ref().err().copied());
        result
    }
}

#[component]
pub fn PhoneField(input: PhoneInput, label: Key, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let options = REGIONS.iter().map(|r| view! { <option value=region_label(locale, r)></option> }).collect_view();
    let revalidate = move || {
        if input.error.get_untracked().is_some() {
            let _ = input.validate(locale);
        }
    };
    // A pasted international number picks its region and keeps the national part.
    let on_number = move |value: String| {
        let trimmed = value.trim_start();
        if let Some(rest) = trimmed.strip_prefix('+') {
            let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
            if let Some(region) = region_for_e164_digits(&digits).filter(|r| digits.len() > r.dial_code.len() + 3) {
                input.region_text.set(region_label(locale, region));
                let mut skip = region.dial_code.len();
                let national: String = rest
                    .chars()
                    .skip_while(|c| {
                        if skip == 0 {
                            return c.is_whitespace() || *c == '-';
                        }
                        if c.is_ascii_digit() {
                            skip -= 1;
                        }
                        true
                    })
                    .collect();
                input.number.set(national);
                revalidate();
                return;
            }
        }
        input.number.set(value);
        revalidate();
    };
    let error_text = move || input.error.get().map(|key| locale.text(key));
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("region")>{app.t(Key::CountryRegion)}</label>
            <input
                id=app.id("region")
                class="ac-input"
                list=app.id("regions")
                autocomplete="off"
                aria-describedby=app.id("region-hint")
                prop:value=move || input.region_text.get()
                on:input=move |ev| {
                    input.region_text.set(event_target_value(&ev));
                    revalidate();
                }
                on:focus=move |ev| {
                    if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                        el.select();
                    }
                }
            />
            <datalist id=app.id("regions")>{options}</datalist>
            <span class="ac-hint" id=app.id("region-hint")>{app.t(Key::CountryRegionHint)}</span>
        </div>
        <div class="ac-field">
            <label class="ac-label" for=app.id("phone")>{app.t(label)}</label>
            <input
                id=app.id("phone")
                node_ref=input.field
                class="ac-input"
                type="tel"
                inputmode="tel"
                autocomplete="tel-national"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("phone-hint"), app.id("phone-error"))
                prop:value=move || input.number.get()
                on:input=move |ev| on_number(event_target_value(&ev))
                // Blur also fires while a closing dialog is removed, after its state is gone.
                on:blur=move |_| {
                    if input.number.try_get_untracked().is_some_and(|n| !n.trim().is_empty()) {
                        let _ = input.validate(locale);
                    }
                }
            />
            <span class="ac-hint" id=app.id("phone-hint")>{hint}</span>
            <span class="ac-field-error" id=app.id("phone-error")>{error_text}</span>
        </div>
    }
}

#[derive(Clone, Copy)]
pub struct EmailInput {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<Key>>,
    /// The input element, to take focus back to.
    pub field: NodeRef<html::Input>,
}

impl Default for EmailInput {
    fn default() -> Self {
        Self::new()
    }
}

impl EmailInput {
    pub fn new() -> Self {
        Self { value: RwSignal::new(String::new()), error: RwSignal::new(None), field: NodeRef::new() }
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
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("email")>{app.t(label)}</label>
            <input
                id=app.id("email")
                node_ref=input.field
                class="ac-input"
                type="email"
                autocomplete="email"
                spellcheck="false"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("email-hint"), app.id("email-error"))
                prop:value=move || input.value.get()
                on:input=move |ev| {
                    input.value.set(event_target_value(&ev));
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
            <span class="ac-hint" id=app.id("email-hint")>{hint}</span>
            <span class="ac-field-error" id=app.id("email-error")>{move || input.error.get().map(|k| locale.text(k))}</span>
        </div>
    }
}

/// One real input for a one-time code: SMS autofill and paste work, spaces and dashes
/// are dropped, and a complete code submits once.
#[component]
pub fn CodeField(
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    on_complete: Callback<String>,
    #[prop(into)] disabled: Signal<bool>,
    /// Digits in a complete code, from the challenge.
    length: usize,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("code")>{app.t(Key::CodeLabel)}</label>
            <input
                id=app.id("code")
                class="ac-input ac-input-code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                maxlength="12"
                spellcheck="false"
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("code-hint"), app.id("code-error"))
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
                    // A code submits when it becomes complete: typed, pasted, or typed again
                    // into a field the step emptied.
                    let before = normalize_code(&value.get_untracked(), length).ok();
                    value.set(digits.clone());
                    if let Ok(code) = normalize_code(&digits, length) {
                        if before.as_ref() != Some(&code) {
                            on_complete.run(code);
                        }
                    }
                }
            />
            <span class="ac-hint" id=app.id("code-hint")>{app.locale.format(Key::CodeHint, &[("n", &length.to_string())])}</span>
            <span class="ac-field-error" id=app.id("code-error") role="alert">{move || error.get()}</span>
        </div>
    }
}

/// A form-level error, announced when it appears.
#[component]
pub fn ErrorText(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="ac-error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p> }
}

/// Focuses the input `field` refers to, after the current task: a tap on a button focuses
/// the button once its click is handled, and this comes after.
pub fn focus_field(field: NodeRef<html::Input>) {
    set_timeout(
        move || {
            if let Some(input) = field.get_untracked() {
                let _ = input.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}
