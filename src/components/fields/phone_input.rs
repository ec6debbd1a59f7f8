//! The state of the phone number field: the calling region (chosen in the picker) and the
//! number typed in it.

use leptos::html;
use leptos::prelude::*;

use super::region_names::label;
use super::{phone_error_key, Edited};
use crate::i18n::{Key, Locale};
use contract::regions::{region_by_iso, region_of_masked, Region};
use contract::validate::{parse_e164, phone_to_e164, PhoneError};

/// The state of a phone number being typed.
#[derive(Clone, Copy)]
pub struct PhoneInput {
    /// The chosen calling region; `None` while the picker's text names none.
    pub(super) region: RwSignal<Option<&'static Region>>,
    /// What the picker shows: the chosen region, or what is typed to find one.
    pub(super) region_text: RwSignal<String>,
    pub(super) region_error: RwSignal<Option<Key>>,
    pub(super) number: RwSignal<String>,
    pub(super) error: RwSignal<Option<Key>>,
    /// The number's input element, to take focus back to.
    pub(super) field: NodeRef<html::Input>,
    pub(super) region_field: NodeRef<html::Input>,
    /// Told whenever the region or the number changes.
    pub(super) edited: Edited,
    locale: Locale,
}

/// What `validate` sends: an international number as typed, else the number in the chosen
/// region, in E.164.
fn e164(number: &str, region: Option<&'static Region>) -> Result<String, PhoneError> {
    match region {
        Some(region) => phone_to_e164(region, number),
        None => parse_e164(number),
    }
}

impl PhoneInput {
    pub fn new(locale: Locale, region: &'static Region) -> Self {
        Self {
            region: RwSignal::new(Some(region)),
            region_text: RwSignal::new(label(locale, region)),
            region_error: RwSignal::new(None),
            number: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            field: NodeRef::new(),
            region_field: NodeRef::new(),
            edited: Edited::new(),
            locale,
        }
    }

    /// A number that replaces `current` (masked, `+86 138****1234`) starts in its region.
    pub fn replacing(locale: Locale, current: Option<&str>, otherwise: &'static Region) -> Self {
        Self::new(locale, current.and_then(region_of_masked).unwrap_or(otherwise))
    }

    /// The backend refused the number: `why` is said under it.
    pub fn refuse(&self, why: Key) {
        self.error.set(Some(why));
    }

    pub fn choose(&self, region: &'static Region) {
        self.region.set(Some(region));
        self.region_text.set(label(self.locale, region));
        self.region_error.set(None);
        self.edited.tell();
    }

    /// The picker's text names no region (yet).
    pub(super) fn unchoose(&self) {
        self.region.set(None);
        self.edited.tell();
    }

    pub(super) fn set_number(&self, number: String) {
        self.number.set(number);
        self.edited.tell();
    }

    /// The number in E.164, or the error to show.
    pub fn validate(&self) -> Result<String, Key> {
        let number = self.number.get_untracked();
        if number.trim_start().starts_with('+') {
            self.region_error.set(None);
        } else if self.region.get_untracked().is_none() {
            self.region_error.set(Some(Key::UnknownRegion));
            return Err(Key::UnknownRegion);
        }
        let result = e164(&number, self.region.get_untracked()).map_err(phone_error_key);
        self.error.set(result.as_ref().err().copied());
        result
    }

    /// Whether what is typed is a whole number of the chosen region (or an international
    /// one), tracked and without showing an error.
    pub fn is_complete(&self) -> bool {
        let (number, region) = (self.number.get(), self.region.get());
        (region.is_some() || number.trim_start().starts_with('+')) && e164(&number, region).is_ok()
    }

    /// What was typed, region included (`CN 138 0000 1234`): a draft to restore, and what a
    /// sent code belongs to.
    pub fn draft(&self) -> String {
        let number = self.number.get();
        match self.region_of(&number) {
            Some(region) => format!("{} {number}", region.iso),
            None => number,
        }
    }

    pub fn restore(&self, draft: &str) {
        match draft.split_once(' ').and_then(|(iso, number)| Some((region_by_iso(iso)?, number))) {
            Some((region, number)) => {
                self.choose(region);
                self.set_number(number.to_string());
            }
            None => self.set_number(draft.to_string()),
        }
    }

    /// The number as a person reads it: `+86 138 0000 1234`.
    pub fn display(&self) -> String {
        let number = self.number.get();
        match self.region_of(&number) {
            Some(region) => format!("+{}\u{a0}{}", region.dial_code, number.trim()),
            None => number,
        }
    }

    /// The chosen region, when `number` is typed in it (not empty, not international).
    fn region_of(&self, number: &str) -> Option<&'static Region> {
        self.region.get().filter(|_| !number.trim().is_empty() && !number.trim_start().starts_with('+'))
    }
}
