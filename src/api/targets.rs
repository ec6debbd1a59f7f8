//! What a change is about: a contact kind, or a value changed in two steps, each with the one
//! table of its words and paths.

use crate::i18n::Key;

/// Which contact or recovery value an endpoint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Mobile,
    Email,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Mobile, Kind::Email];

    /// `mobile` or `email`, as in paths, `?edit=` and events.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Mobile => "mobile",
            Kind::Email => "email",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.name() == text)
    }

    /// The contact row's label and the help under it.
    pub fn contact_label(self) -> (Key, Key) {
        match self {
            Kind::Mobile => (Key::ContactMobile, Key::ContactMobileHelp),
            Kind::Email => (Key::ContactEmail, Key::ContactEmailHelp),
        }
    }

    /// What the contact row's action says, and its dialog's title: Edit a value, or Bind the
    /// first one.
    pub fn contact_action(self, bound: bool) -> Key {
        match (self, bound) {
            (Kind::Mobile, true) => Key::EditContactMobile,
            (Kind::Email, true) => Key::EditContactEmail,
            (Kind::Mobile, false) => Key::BindContactMobile,
            (Kind::Email, false) => Key::BindContactEmail,
        }
    }

    /// Verify now's title, and what is said once the contact value is verified.
    pub fn verify_words(self) -> (Key, Key) {
        match self {
            Kind::Mobile => (Key::VerifyContactMobile, Key::ContactMobileVerified),
            Kind::Email => (Key::VerifyContactEmail, Key::ContactEmailVerified),
        }
    }
}

/// A value changed in two steps (a code to the new value, then the commit): a recovery
/// value or the login email.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityTarget {
    RecoveryMobile,
    RecoveryEmail,
    LoginEmail,
}

/// What each target is called, where it is kept and what the app says of it: the one place
/// that tells one target from another.
impl SecurityTarget {
    pub const ALL: [SecurityTarget; 3] =
        [SecurityTarget::RecoveryMobile, SecurityTarget::RecoveryEmail, SecurityTarget::LoginEmail];

    /// As in `?edit=`.
    pub fn name(self) -> &'static str {
        match self {
            SecurityTarget::RecoveryMobile => "recovery-mobile",
            SecurityTarget::RecoveryEmail => "recovery-email",
            SecurityTarget::LoginEmail => "login-email",
        }
    }

    /// From `?edit=`.
    pub fn from_query(value: &str) -> Option<SecurityTarget> {
        Self::ALL.into_iter().find(|t| t.name() == value)
    }

    /// The recovery value's kind; `None` for the login email.
    pub fn recovery_kind(self) -> Option<Kind> {
        match self {
            SecurityTarget::RecoveryMobile => Some(Kind::Mobile),
            SecurityTarget::RecoveryEmail => Some(Kind::Email),
            SecurityTarget::LoginEmail => None,
        }
    }

    pub fn is_mobile(self) -> bool {
        self == SecurityTarget::RecoveryMobile
    }

    /// The row's label and the help under it.
    pub fn label(self) -> (Key, Key) {
        match self {
            SecurityTarget::RecoveryMobile => (Key::RecoveryMobile, Key::RecoveryMobileHelp),
            SecurityTarget::RecoveryEmail => (Key::RecoveryEmail, Key::RecoveryEmailHelp),
            SecurityTarget::LoginEmail => (Key::LoginEmail, Key::LoginEmailHelp),
        }
    }

    /// The accessible name of the row's action: Edit for a bound value, Bind for none.
    pub fn action(self, bound: bool) -> Key {
        match (self, bound) {
            (SecurityTarget::RecoveryMobile, true) => Key::EditRecoveryMobile,
            (SecurityTarget::RecoveryMobile, false) => Key::BindRecoveryMobile,
            (SecurityTarget::RecoveryEmail, true) => Key::EditRecoveryEmail,
            (SecurityTarget::RecoveryEmail, false) => Key::BindRecoveryEmail,
            (SecurityTarget::LoginEmail, true) => Key::EditLoginEmail,
            (SecurityTarget::LoginEmail, false) => Key::BindLoginEmail,
        }
    }

    /// The dialog's title: Change for a bound value, Bind for none.
    pub fn title(self, bound: bool) -> Key {
        match (self, bound) {
            (SecurityTarget::RecoveryMobile, true) => Key::ChangeRecoveryMobile,
            (SecurityTarget::RecoveryEmail, true) => Key::ChangeRecoveryEmail,
            (SecurityTarget::LoginEmail, true) => Key::ChangeLoginEmail,
            (target, false) => target.action(false),
        }
    }

    /// What the app says once the value is saved: changed (the old value was notified) or
    /// bound (there was none).
    pub fn saved(self, changed: bool) -> Key {
        match (self, changed) {
            (SecurityTarget::RecoveryMobile, true) => Key::RecoveryMobileChanged,
            (SecurityTarget::RecoveryMobile, false) => Key::RecoveryMobileBound,
            (SecurityTarget::RecoveryEmail, true) => Key::RecoveryEmailChanged,
            (SecurityTarget::RecoveryEmail, false) => Key::RecoveryEmailBound,
            (SecurityTarget::LoginEmail, true) => Key::LoginEmailChanged,
            (SecurityTarget::LoginEmail, false) => Key::LoginEmailBound,
        }
    }

    /// What `same_as_current` means for this target ("This is already your recovery mobile
    /// number").
    pub fn same_as_current(self) -> Key {
        match self {
            SecurityTarget::RecoveryMobile => Key::ErrSameRecoveryMobile,
            SecurityTarget::RecoveryEmail => Key::ErrSameRecoveryEmail,
            SecurityTarget::LoginEmail => Key::ErrSameLoginEmail,
        }
    }
}

/// What a Recent changes entry is about, as the contract names it. The backend may add
/// fields: one this version does not know is `Other`, told neutrally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventField {
    ContactMobile,
    ContactEmail,
    RecoveryMobile,
    RecoveryEmail,
    LoginEmail,
    Other,
}

impl EventField {
    const KNOWN: [EventField; 5] = [
        EventField::ContactMobile,
        EventField::ContactEmail,
        EventField::RecoveryMobile,
        EventField::RecoveryEmail,
        EventField::LoginEmail,
    ];

    pub fn contact(kind: Kind) -> EventField {
        match kind {
            Kind::Mobile => EventField::ContactMobile,
            Kind::Email => EventField::ContactEmail,
        }
    }

    pub fn recovery(kind: Kind) -> EventField {
        match kind {
            Kind::Mobile => EventField::RecoveryMobile,
            Kind::Email => EventField::RecoveryEmail,
        }
    }

    /// As in the contract's `field` (empty for `Other`).
    pub fn name(self) -> &'static str {
        match self {
            EventField::ContactMobile => "contact_mobile",
            EventField::ContactEmail => "contact_email",
            EventField::RecoveryMobile => "recovery_mobile",
            EventField::RecoveryEmail => "recovery_email",
            EventField::LoginEmail => "login_email",
            EventField::Other => "",
        }
    }

    pub fn parse(text: &str) -> EventField {
        Self::KNOWN.into_iter().find(|f| f.name() == text).unwrap_or(EventField::Other)
    }

    pub fn key(self) -> Key {
        match self {
            EventField::ContactMobile => Key::ContactMobile,
            EventField::ContactEmail => Key::ContactEmail,
            EventField::RecoveryMobile => Key::RecoveryMobile,
            EventField::RecoveryEmail => Key::RecoveryEmail,
            EventField::LoginEmail => Key::LoginEmail,
            EventField::Other => Key::EventOtherSetting,
        }
    }
}

/// What happened to the field; an action this version does not know is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventAction {
    Changed,
    Verified,
    Bound,
    Other,
}

impl EventAction {
    const KNOWN: [EventAction; 3] = [EventAction::Changed, EventAction::Verified, EventAction::Bound];

    /// As in the contract's `action` (empty for `Other`).
    pub fn name(self) -> &'static str {
        match self {
            EventAction::Changed => "changed",
            EventAction::Verified => "verified",
            EventAction::Bound => "bound",
            EventAction::Other => "",
        }
    }

    pub fn parse(text: &str) -> EventAction {
        Self::KNOWN.into_iter().find(|a| a.name() == text).unwrap_or(EventAction::Other)
    }

    pub fn key(self) -> Key {
        match self {
            EventAction::Changed => Key::EventChanged,
            EventAction::Verified => Key::EventVerified,
            EventAction::Bound => Key::EventBound,
            EventAction::Other => Key::EventUpdated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_back_from_edit() {
        for target in SecurityTarget::ALL {
            assert_eq!(SecurityTarget::from_query(target.name()), Some(target));
        }
        assert_eq!(SecurityTarget::from_query("mobile"), None);
    }

    #[test]
    fn event_fields_and_actions_read_back_and_the_unknown_are_other() {
        for field in EventField::KNOWN {
            assert_eq!(EventField::parse(field.name()), field);
        }
        for action in EventAction::KNOWN {
            assert_eq!(EventAction::parse(action.name()), action);
        }
        assert_eq!(EventField::parse("password"), EventField::Other);
        assert_eq!(EventField::parse(""), EventField::Other);
        assert_eq!(EventAction::parse("removed"), EventAction::Other);
    }

    #[test]
    fn every_kind_and_state_has_words_of_its_own() {
        let mut seen = std::collections::HashSet::new();
        for kind in Kind::ALL {
            let (label, help) = kind.contact_label();
            let (verify, verified) = kind.verify_words();
            for key in [label, help, verify, verified, kind.contact_action(true), kind.contact_action(false)] {
                assert!(seen.insert(key), "{kind:?} shares {key:?}");
            }
        }
    }

    #[test]
    fn every_target_and_state_has_words_of_its_own() {
        let mut seen = std::collections::HashSet::new();
        for target in SecurityTarget::ALL {
            let (label, help) = target.label();
            let mut keys = vec![label, help, target.same_as_current()];
            for bound in [true, false] {
                keys.extend([target.action(bound), target.saved(bound)]);
                if bound {
                    keys.push(target.title(bound));
                }
            }
            for key in keys {
                assert!(seen.insert(key), "{target:?} shares {key:?}");
            }
            assert_eq!(target.title(false), target.action(false), "Bind is both the link and the title");
        }
    }
}
