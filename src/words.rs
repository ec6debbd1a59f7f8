//! What the app calls each value of the contract's vocabulary, and where it shows it: one
//! table per field, per identity method and per event action. A page never matches on a
//! field to build a label; it asks here.

use contract::{AccountField, EventAction, IdentityMethod, Known, Medium};

use crate::i18n::Key;

/// The card a field's row is on, wherever the account is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Login,
    Contact,
    Recovery,
}

impl Section {
    /// The fields on this card, in [`AccountField::ALL`]'s order (a test holds this to
    /// [`Words::section`]).
    pub fn fields(self) -> &'static [AccountField] {
        match self {
            Section::Login => &[AccountField::LoginEmail],
            Section::Contact => &[AccountField::ContactMobile, AccountField::ContactEmail],
            Section::Recovery => &[AccountField::RecoveryMobile, AccountField::RecoveryEmail],
        }
    }
}

/// What the app says of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldWords {
    /// The row's label, and the help under it.
    pub label: Key,
    pub help: Key,
    /// The row's action, named for the field: Edit for a bound value, Bind for none.
    pub edit: Key,
    pub bind: Key,
    /// The change dialog's title for a bound value (for none it is `bind`).
    pub change: Key,
    /// What is said once a value is saved: it replaced one, or it is the first.
    pub changed: Key,
    pub bound: Key,
    /// `same_as_current`, said by name ("This is already your recovery mobile number").
    pub same_as_current: Key,
    /// A contact value's words for verifying it and for the same-as-recovery advice.
    pub contact: Option<ContactWords>,
}

/// The words of a value that is verified after it is saved, and can be copied from recovery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactWords {
    /// Verify now's dialog title, and what is said once verified.
    pub verify_title: Key,
    pub verified: Key,
    /// The unverified notice's line, and Verify now's accessible name.
    pub unverified: Key,
    pub verify_now: Key,
    /// The advice: the value differs from recovery, or there is none.
    pub differs: Key,
    pub missing: Key,
    /// The advice's one click, and what is said once it is done.
    pub use_recovery: Key,
    pub copied: Key,
    /// A new value waiting for its code: Resend's and Cancel's accessible names, and what is
    /// said once it is cancelled.
    pub resend: Key,
    pub cancel: Key,
    pub cancelled: Key,
}

/// The words of each field, and the card it is on.
pub trait Words {
    fn words(self) -> &'static FieldWords;
    fn section(self) -> Section;
}

impl Words for AccountField {
    // Each table is a constant: the build keeps five tables, not the code to make them.
    fn words(self) -> &'static FieldWords {
        use Key::*;
        match self {
            AccountField::ContactMobile => &FieldWords {
                label: ContactMobile,
                help: ContactMobileHelp,
                edit: EditContactMobile,
                bind: BindContactMobile,
                change: EditContactMobile,
                changed: ContactMobileChanged,
                bound: ContactMobileBound,
                same_as_current: ErrSameContactMobile,
                contact: Some(ContactWords {
                    verify_title: VerifyContactMobile,
                    verified: ContactMobileVerified,
                    unverified: UnverifiedMobile,
                    verify_now: VerifyNowMobile,
                    differs: AdviceMobileDiffers,
                    missing: AdviceNoContactMobile,
                    use_recovery: UseRecoveryMobileAsContact,
                    copied: CopiedMobile,
                    resend: ResendMobile,
                    cancel: CancelMobile,
                    cancelled: CancelledMobile,
                }),
            },
            AccountField::ContactEmail => &FieldWords {
                label: ContactEmail,
                help: ContactEmailHelp,
                edit: EditContactEmail,
                bind: BindContactEmail,
                change: EditContactEmail,
                changed: ContactEmailChanged,
                bound: ContactEmailBound,
                same_as_current: ErrSameContactEmail,
                contact: Some(ContactWords {
                    verify_title: VerifyContactEmail,
                    verified: ContactEmailVerified,
                    unverified: UnverifiedEmail,
                    verify_now: VerifyNowEmail,
                    differs: AdviceEmailDiffers,
                    missing: AdviceNoContactEmail,
                    use_recovery: UseRecoveryEmailAsContact,
                    copied: CopiedEmail,
                    resend: ResendEmail,
                    cancel: CancelEmail,
                    cancelled: CancelledEmail,
                }),
            },
            AccountField::RecoveryMobile => &FieldWords {
                label: RecoveryMobile,
                help: RecoveryMobileHelp,
                edit: EditRecoveryMobile,
                bind: BindRecoveryMobile,
                change: ChangeRecoveryMobile,
                changed: RecoveryMobileChanged,
                bound: RecoveryMobileBound,
                same_as_current: ErrSameRecoveryMobile,
                contact: None,
            },
            AccountField::RecoveryEmail => &FieldWords {
                label: RecoveryEmail,
                help: RecoveryEmailHelp,
                edit: EditRecoveryEmail,
                bind: BindRecoveryEmail,
                change: ChangeRecoveryEmail,
                changed: RecoveryEmailChanged,
                bound: RecoveryEmailBound,
                same_as_current: ErrSameRecoveryEmail,
                contact: None,
            },
            AccountField::LoginEmail => &FieldWords {
                label: LoginEmail,
                help: LoginEmailHelp,
                edit: EditLoginEmail,
                bind: BindLoginEmail,
                change: ChangeLoginEmail,
                changed: LoginEmailChanged,
                bound: LoginEmailBound,
                same_as_current: ErrSameLoginEmail,
                contact: None,
            },
        }
    }

    fn section(self) -> Section {
        match self {
            AccountField::ContactMobile | AccountField::ContactEmail => Section::Contact,
            AccountField::RecoveryMobile | AccountField::RecoveryEmail => Section::Recovery,
            AccountField::LoginEmail => Section::Login,
        }
    }
}

impl FieldWords {
    /// The row's action for a value that is bound, or not.
    pub fn action(&self, bound: bool) -> Key {
        if bound {
            self.edit
        } else {
            self.bind
        }
    }

    /// The change dialog's title for a value that is bound, or not.
    pub fn title(&self, bound: bool) -> Key {
        if bound {
            self.change
        } else {
            self.bind
        }
    }

    /// What is said once saved, where a value was there before, or not.
    pub fn saved(&self, replaced: bool) -> Key {
        if replaced {
            self.changed
        } else {
            self.bound
        }
    }

    /// Every key of the table.
    pub fn keys(&self) -> Vec<Key> {
        let mut keys = vec![
            self.label,
            self.help,
            self.edit,
            self.bind,
            self.change,
            self.changed,
            self.bound,
            self.same_as_current,
        ];
        if let Some(c) = self.contact {
            keys.extend([
                c.verify_title,
                c.verified,
                c.unverified,
                c.verify_now,
                c.differs,
                c.missing,
                c.use_recovery,
                c.copied,
                c.resend,
                c.cancel,
                c.cancelled,
            ]);
        }
        keys
    }
}

/// The label of a field for a new value of its medium.
pub fn new_value_label(medium: Medium) -> Key {
    match medium {
        Medium::Phone => Key::NewMobileNumber,
        Medium::Email => Key::NewEmailAddress,
    }
}

/// What the app says of an identity method: the choice ("Code by SMS to {target}"), and the
/// other way offered under the code step ("Send a code by SMS to {target} instead").
pub fn method_words(method: IdentityMethod) -> (Key, Key) {
    match method {
        IdentityMethod::Sms => (Key::MethodSms, Key::UseMethodSms),
        IdentityMethod::Email => (Key::MethodEmail, Key::UseMethodEmail),
        IdentityMethod::Password => (Key::MethodPassword, Key::UseMethodPassword),
    }
}

/// A Recent changes entry's field and action. One this version does not know gets neutral
/// words, never those of one it is not.
pub fn event_words(field: Known<AccountField>, action: Known<EventAction>) -> (Key, Key) {
    let field = match (field, action) {
        (Known::Is(field), _) => field.words().label,
        // Securing is of the account as a whole ("Account secured from a notice").
        (Known::Other, Known::Is(EventAction::Secured)) => Key::EventAccount,
        (Known::Other, _) => Key::EventOtherSetting,
    };
    let action = match action {
        Known::Is(EventAction::Changed) => Key::EventChanged,
        Known::Is(EventAction::Verified) => Key::EventVerified,
        Known::Is(EventAction::Bound) => Key::EventBound,
        Known::Is(EventAction::Requested) => Key::EventRequested,
        Known::Is(EventAction::Cancelled) => Key::EventCancelled,
        Known::Is(EventAction::Expired) => Key::EventExpired,
        Known::Is(EventAction::Committed) => Key::EventCommitted,
        Known::Is(EventAction::Undone) => Key::EventUndone,
        Known::Is(EventAction::Secured) => Key::EventSecured,
        Known::Is(EventAction::Kept) => Key::EventKept,
        Known::Other => Key::EventUpdated,
    };
    (field, action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use contract::{Lifecycle, Wire};

    #[test]
    fn every_field_has_words_of_its_own_in_every_language() {
        let mut seen = std::collections::HashMap::new();
        for field in AccountField::ALL {
            let words = field.words();
            assert_eq!(words.contact.is_some(), field.lifecycle() == Lifecycle::Contact, "{field:?}");
            for key in words.keys() {
                if let Some(other) = seen.insert(key, field) {
                    assert_eq!(other, field, "{field:?} shares {key:?} with {other:?}");
                }
                for locale in Locale::ALL {
                    assert!(!locale.text(key).trim().is_empty(), "{field:?} has no {key:?} in {locale:?}");
                }
            }
            assert_ne!(words.action(true), words.action(false));
            assert_ne!(words.saved(true), words.saved(false));
            assert_eq!(words.title(false), words.bind, "Bind is both the action and the title");
        }
    }

    #[test]
    fn every_field_is_on_the_card_its_section_says() {
        for section in [Section::Login, Section::Contact, Section::Recovery] {
            let expected: Vec<AccountField> =
                AccountField::ALL.into_iter().filter(|f| f.section() == section).collect();
            assert_eq!(section.fields(), expected, "{section:?}");
        }
    }

    #[test]
    fn every_method_and_action_has_words_of_its_own() {
        let mut keys: Vec<Key> = IdentityMethod::ALL.iter().flat_map(|&m| <[Key; 2]>::from(method_words(m))).collect();
        keys.extend(EventAction::ALL.iter().map(|&a| event_words(Known::Other, Known::Is(a)).1));
        let count = keys.len();
        keys.sort_by_key(|k| format!("{k:?}"));
        keys.dedup();
        assert_eq!(keys.len(), count);
    }

    #[test]
    fn events_of_unknown_kinds_are_told_neutrally() {
        let words = |field: &str, action: &str| event_words(Known::decode(field), Known::decode(action));
        assert_eq!(words("login_email", "bound"), (Key::LoginEmail, Key::EventBound));
        assert_eq!(words("recovery_mobile", "changed"), (Key::RecoveryMobile, Key::EventChanged));
        assert_eq!(words("contact_email", "verified"), (Key::ContactEmail, Key::EventVerified));
        assert_eq!(words("password", "changed"), (Key::EventOtherSetting, Key::EventChanged));
        assert_eq!(words("account", "secured"), (Key::EventAccount, Key::EventSecured));
        assert_eq!(words("login_email", "removed"), (Key::LoginEmail, Key::EventUpdated));
    }
}
