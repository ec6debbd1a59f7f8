//! A new value of a field, whatever its medium: the phone field (calling region and number)
//! or the email field, behind one handle, so a dialog never asks which.

use leptos::prelude::*;

use contract::regions::Region;
use contract::validate::normalize_email;
use contract::Medium;

use super::email::{EmailField, EmailInput};
use super::phone::PhoneField;
use super::phone_input::PhoneInput;
use crate::i18n::{Key, Locale};
use crate::words::new_value_label;

/// The state of a new value being typed.
#[derive(Clone, Copy)]
pub enum ValueInput {
    Phone(PhoneInput),
    Email(EmailInput),
}

impl ValueInput {
    /// A value of `medium` replacing `current` (masked): a number starts in the current
    /// number's region, else in `region`.
    pub fn new(medium: Medium, locale: Locale, current: Option<&str>, region: &'static Region) -> Self {
        match medium {
            Medium::Phone => ValueInput::Phone(PhoneInput::replacing(locale, current, region)),
            Medium::Email => ValueInput::Email(EmailInput::new()),
        }
    }

    /// The value in its canonical form, or the error to show under it.
    pub fn validate(&self) -> Result<String, Key> {
        match self {
            ValueInput::Phone(phone) => phone.validate(),
            ValueInput::Email(email) => email.validate(),
        }
    }

    /// The backend refused the value: `why` is said under it.
    pub fn refuse(&self, why: Key) {
        match self {
            ValueInput::Phone(phone) => phone.refuse(why),
            ValueInput::Email(email) => email.refuse(why),
        }
    }

    /// What is typed (a number with its region), tracked: a draft to restore, and what a
    /// code sent to it belongs to.
    pub fn draft(&self) -> String {
        match self {
            ValueInput::Phone(phone) => phone.draft(),
            ValueInput::Email(email) => email.value(),
        }
    }

    /// Puts back a draft (a dialog reopened).
    pub fn restore(&self, draft: &str) {
        match self {
            ValueInput::Phone(phone) => phone.restore(draft),
            ValueInput::Email(email) => email.restore(draft),
        }
    }

    /// The value as a person reads it once it is whole (where a code would go), tracked;
    /// empty before: never "to ." or "to +86 1".
    pub fn whole(&self) -> String {
        match self {
            ValueInput::Phone(phone) if phone.is_complete() => phone.display(),
            ValueInput::Email(email) if normalize_email(&email.value()).is_ok() => email.value().trim().to_string(),
            ValueInput::Phone(_) | ValueInput::Email(_) => String::new(),
        }
    }

    /// `edited` runs after every change the user makes to the value.
    pub fn on_edit(&self, edited: Callback<()>) {
        match self {
            ValueInput::Phone(phone) => phone.edited.listen(edited),
            ValueInput::Email(email) => email.edited.listen(edited),
        }
    }
}

/// The field for a new value, labelled for its medium; `hint` says what it replaces.
#[component]
pub fn ValueField(input: ValueInput, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    match input {
        ValueInput::Phone(phone) => {
            view! { <PhoneField input=phone label=new_value_label(Medium::Phone) hint=hint.unwrap_or_default()/> }
                .into_any()
        }
        ValueInput::Email(email) => {
            view! { <EmailField input=email label=new_value_label(Medium::Email) hint=hint.unwrap_or_default()/> }
                .into_any()
        }
    }
}
