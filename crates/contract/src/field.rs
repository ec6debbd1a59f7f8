//! The account's five editable values, one type: what each is (its medium), how it changes
//! (its lifecycle), and its names in events, addresses and API paths. Every `match` on it is
//! exhaustive, so a value added here is a compile error at each place that must decide.

use crate::Wire;

/// One value of the account that a user sees and changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountField {
    /// Receives subscribed messages by SMS; not for verification.
    ContactMobile,
    /// Receives subscribed messages by email; not for verification.
    ContactEmail,
    /// Verifies the holder's identity by SMS.
    RecoveryMobile,
    /// Verifies the holder's identity by email.
    RecoveryEmail,
    /// An email address to sign in with.
    LoginEmail,
}

/// What a value is: a mobile number or an email address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Medium {
    Phone,
    Email,
}

/// How a value changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lifecycle {
    /// Saved at once (identity verified when the backend asks), then verified with a code
    /// to the new value.
    Contact,
    /// Identity first, then a code to the new value, then OK commits it.
    Factor,
}

impl Wire for AccountField {
    const ALL: &'static [AccountField] = &AccountField::ALL;

    /// As in events (`field`) and the dev helpers.
    fn wire(self) -> &'static str {
        match self {
            AccountField::ContactMobile => "contact_mobile",
            AccountField::ContactEmail => "contact_email",
            AccountField::RecoveryMobile => "recovery_mobile",
            AccountField::RecoveryEmail => "recovery_email",
            AccountField::LoginEmail => "login_email",
        }
    }
}

impl AccountField {
    pub const ALL: [AccountField; 5] = [
        AccountField::ContactMobile,
        AccountField::ContactEmail,
        AccountField::RecoveryMobile,
        AccountField::RecoveryEmail,
        AccountField::LoginEmail,
    ];

    pub fn medium(self) -> Medium {
        match self {
            AccountField::ContactMobile | AccountField::RecoveryMobile => Medium::Phone,
            AccountField::ContactEmail | AccountField::RecoveryEmail | AccountField::LoginEmail => Medium::Email,
        }
    }

    pub fn lifecycle(self) -> Lifecycle {
        match self {
            AccountField::ContactMobile | AccountField::ContactEmail => Lifecycle::Contact,
            AccountField::RecoveryMobile | AccountField::RecoveryEmail | AccountField::LoginEmail => Lifecycle::Factor,
        }
    }

    /// The value of `?edit=` and `?verify=` in the app's addresses.
    pub fn query(self) -> &'static str {
        match self {
            AccountField::ContactMobile => "mobile",
            AccountField::ContactEmail => "email",
            AccountField::RecoveryMobile => "recovery-mobile",
            AccountField::RecoveryEmail => "recovery-email",
            AccountField::LoginEmail => "login-email",
        }
    }

    /// The field a `?edit=` or `?verify=` value names.
    pub fn from_query(text: &str) -> Option<AccountField> {
        AccountField::ALL.into_iter().find(|field| field.query() == text)
    }

    /// Where the value lives in the API, under its base: a contact value's change and
    /// verification, a factor's challenges and commit.
    pub fn path(self) -> &'static str {
        match self {
            AccountField::ContactMobile => "/contact/mobile",
            AccountField::ContactEmail => "/contact/email",
            AccountField::RecoveryMobile => "/recovery/mobile",
            AccountField::RecoveryEmail => "/recovery/email",
            AccountField::LoginEmail => "/login-email",
        }
    }

    /// The field whose value `path` (under the API base) names.
    pub fn from_path(path: &str) -> Option<AccountField> {
        AccountField::ALL.into_iter().find(|field| field.path() == path)
    }

    /// The recovery value a contact value can be made the same as ("use my recovery mobile
    /// number as contact"); none for a factor.
    pub fn recovery_counterpart(self) -> Option<AccountField> {
        match self {
            AccountField::ContactMobile => Some(AccountField::RecoveryMobile),
            AccountField::ContactEmail => Some(AccountField::RecoveryEmail),
            AccountField::RecoveryMobile | AccountField::RecoveryEmail | AccountField::LoginEmail => None,
        }
    }

    /// The fields of a lifecycle, in [`AccountField::ALL`]'s order (a test holds the two
    /// lists together; a constant slice costs the build less than a filter at each use).
    pub fn of(lifecycle: Lifecycle) -> &'static [AccountField] {
        match lifecycle {
            Lifecycle::Contact => &[AccountField::ContactMobile, AccountField::ContactEmail],
            Lifecycle::Factor => &[AccountField::RecoveryMobile, AccountField::RecoveryEmail, AccountField::LoginEmail],
        }
    }
}

impl Medium {
    pub const ALL: [Medium; 2] = [Medium::Phone, Medium::Email];

    /// How a code or a notice reaches a value of this medium.
    pub fn channel(self) -> &'static str {
        match self {
            Medium::Phone => "sms",
            Medium::Email => "email",
        }
    }

    /// `mobile` or `email`: the kind in API paths and in the events a shell hears.
    pub fn kind(self) -> &'static str {
        match self {
            Medium::Phone => "mobile",
            Medium::Email => "email",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_from_its_address_and_its_path() {
        for field in AccountField::ALL {
            assert_eq!(AccountField::from_query(field.query()), Some(field));
            assert_eq!(AccountField::from_path(field.path()), Some(field));
            assert_eq!(AccountField::ALL.iter().filter(|f| f.query() == field.query()).count(), 1);
        }
        assert_eq!(AccountField::from_query("recovery"), None);
        assert_eq!(AccountField::from_path("/contact/fax"), None);
    }

    #[test]
    fn the_fields_of_a_lifecycle_are_those_whose_lifecycle_it_is() {
        for lifecycle in [Lifecycle::Contact, Lifecycle::Factor] {
            let expected: Vec<AccountField> =
                AccountField::ALL.into_iter().filter(|f| f.lifecycle() == lifecycle).collect();
            assert_eq!(AccountField::of(lifecycle), expected, "{lifecycle:?}");
        }
    }

    #[test]
    fn a_contact_value_s_path_is_its_medium_s_kind() {
        for &field in AccountField::of(Lifecycle::Contact) {
            assert_eq!(field.path(), format!("/contact/{}", field.medium().kind()));
            let recovery = field.recovery_counterpart().expect("a contact value has a recovery value to copy");
            assert_eq!((recovery.medium(), recovery.lifecycle()), (field.medium(), Lifecycle::Factor));
        }
        for &field in AccountField::of(Lifecycle::Factor) {
            assert_eq!(field.recovery_counterpart(), None);
        }
    }
}
