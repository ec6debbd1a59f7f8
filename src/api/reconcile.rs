//! A change whose answer was lost. The connection may drop after the backend committed it;
//! the account read afterwards tells whether it is there, so the user is not asked to do it
//! again (and told "same as current" when they try).

use contract::{Account, AccountField};

use super::ApiError;

/// What a change request was about, to recognise it in an account read afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new value of this field.
    Value(AccountField),
    /// The recovery value copied into this contact value.
    Copied(AccountField),
    /// This contact value verified.
    Verified(AccountField),
}

/// Errors after which the account is worth reading again: the answer never came or could not
/// be read, or it says the change is already there (the value is current, the code was used
/// up).
pub fn worth_checking(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Network
            | ApiError::Timeout
            | ApiError::Decode
            | ApiError::SameAsCurrent
            | ApiError::ChallengeNotFound
    )
}

impl Change {
    /// Whether `after` shows this change, made on `before`.
    pub fn is_in(self, before: &Account, after: &Account) -> bool {
        match self {
            Change::Value(field) => after.masked(field).is_some() && before.masked(field) != after.masked(field),
            Change::Copied(field) => {
                let copied = |account: &Account| account.contact(field).is_some_and(|c| c.matches_recovery);
                copied(after) && !copied(before)
            }
            Change::Verified(field) => {
                let verified = |account: &Account| account.contact(field).is_some_and(|c| c.verified);
                verified(after) && !verified(before)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(contact_mobile: &str, verified: bool, matches: bool, recovery_email: Option<&str>) -> Account {
        contract::json::from_str(&format!(
            r#"{{"account_id":"1","display_name":"d","account_type":"individual","identity_verification":"verified",
            "registered_at":"2025-01-01T00:00:00Z","login_email":null,
            "contact_mobile":{{"masked":"{contact_mobile}","verified":{verified},"matches_recovery":{matches}}},
            "contact_email":null,"recovery_mobile":{{"masked":"+86 138****0001"}},
            "recovery_email":{}}}"#,
            recovery_email.map_or("null".to_string(), |e| format!(r#"{{"masked":"{e}"}}"#)),
        ))
        .unwrap()
    }

    #[test]
    fn a_new_contact_value_is_recognised() {
        let before = account("+86 138****0001", true, true, None);
        let after = account("+86 139****0002", false, false, None);
        assert!(Change::Value(AccountField::ContactMobile).is_in(&before, &after));
        assert!(
            !Change::Value(AccountField::ContactMobile).is_in(&before, &before),
            "nothing changed: the error stands"
        );
        assert!(!Change::Value(AccountField::ContactEmail).is_in(&before, &after));
    }

    #[test]
    fn verification_copy_and_security_changes_are_recognised() {
        let unverified = account("+86 139****0002", false, false, None);
        let verified = account("+86 139****0002", true, false, None);
        assert!(Change::Verified(AccountField::ContactMobile).is_in(&unverified, &verified));
        assert!(!Change::Verified(AccountField::ContactMobile).is_in(&verified, &verified));

        let copied = account("+86 138****0001", true, true, None);
        assert!(Change::Copied(AccountField::ContactMobile).is_in(&unverified, &copied));
        assert!(!Change::Copied(AccountField::ContactMobile).is_in(&copied, &copied));

        let bound = account("+86 139****0002", true, false, Some("r***@example.com"));
        assert!(Change::Value(AccountField::RecoveryEmail).is_in(&verified, &bound));
        assert!(!Change::Value(AccountField::RecoveryEmail).is_in(&bound, &bound));
        assert!(!Change::Value(AccountField::LoginEmail).is_in(&verified, &bound));
    }

    #[test]
    fn only_lost_unreadable_or_already_done_answers_are_checked() {
        for error in [
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Decode,
            ApiError::SameAsCurrent,
            ApiError::ChallengeNotFound,
        ] {
            assert!(worth_checking(&error), "{error:?}");
        }
        for error in
            [ApiError::InvalidCode { attempts_left: Some(2) }, ApiError::AlreadyBound, ApiError::Server { status: 500 }]
        {
            assert!(!worth_checking(&error), "{error:?}");
        }
    }
}
