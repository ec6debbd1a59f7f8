//! Form fields: phone number with a searchable calling-code picker, email, verification
//! code. Each shows its error under the field, tied to it with `aria-describedby`.
//! Errors appear on blur and on submit, never while the first characters are typed;
//! once shown, they follow the input until it is fixed.

mod code;
mod email;
mod phone;
mod phone_input;
mod region_names;
mod region_picker;
mod value;

use leptos::prelude::*;

pub use code::CodeField;
pub use region_names::{prepare as prepare_region_names, region_name};
pub use value::{ValueField, ValueInput};

use crate::i18n::Key;
use contract::validate::{CodeError, EmailError, PhoneError};

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
        EmailError::HiddenCharacter => Key::EmailHiddenCharacter,
        EmailError::LookAlike => Key::EmailLookAlike,
    }
}

pub fn code_error_key(error: CodeError) -> Key {
    match error {
        CodeError::Empty => Key::CodeEmpty,
        CodeError::NotDigits => Key::CodeNotDigits,
        CodeError::WrongLength => Key::CodeWrongLength,
    }
}

/// Who hears of every change the user makes to a field's value (a dialog keeps what was
/// typed, and resumes a code sent to it), if anyone.
#[derive(Clone, Copy)]
pub(crate) struct Edited(StoredValue<Option<Callback<()>>>);

impl Edited {
    fn new() -> Self {
        Self(StoredValue::new(None))
    }

    fn listen(&self, edited: Callback<()>) {
        self.0.set_value(Some(edited));
    }

    fn tell(&self) {
        if let Some(Some(edited)) = self.0.try_get_value() {
            edited.run(());
        }
    }
}

/// A form-level error, announced when it appears.
#[component]
pub fn ErrorText(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="ac-error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p> }
}
