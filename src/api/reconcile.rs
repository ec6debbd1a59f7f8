//! A change whose answer was lost. The connection may drop after the backend committed it;
//! the account read afterwards tells whether it is there, so the user is not asked to do it
//! again (and told "same as current" when they try).

use contract::{Account, AccountField};

use super::ApiError;

/// What a change request was about, to recognise it in an account read afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new value of this factor.
    Value(AccountField),
    /// A new value of this contact field asked for: it waits for its code.
    Requested(AccountField),
    /// The recovery value copied into this contact value.
    Copied(AccountField),
    /// This contact value verified: the value waiting became it, or the current one is
    /// verified now.
    Verified(AccountField),
    /// The value waiting for this field called off.
    Cancelled(AccountField),
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
                let waited = before.pending(field).map(|p| p.masked.as_str());
                let became = waited.is_some() && after.pending(field).is_none() && after.masked(field) == waited;
                became || (verified(after) && !verified(before) && waited.is_none())
            }
            Change::Requested(field) => {
                let id = |account: &Account| account.pending(field).map(|p| p.change_id.clone());
                id(after).is_some() && id(before) != id(after)
            }
            Change::Cancelled(field) => before.pending(field).is_some() && after.pending(field).is_none(),
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

    /// The account of `account(...)` with a contact mobile number waiting for its code.
    fn waiting(before: &Account, change_id: &str, masked: &str) -> Account {
        let mut after = before.clone();
        after.pending = vec![(
            AccountField::ContactMobile,
            contract::PendingChange {
                change_id: change_id.into(),
                masked: masked.into(),
                #[cfg(not(target_arch = "wasm32"))]
                requested_at: "2026-12-07T00:00:00Z".into(),
                expires_at: "2026-12-14T00:00:00Z".into(),
                challenge: None,
                #[cfg(not(target_arch = "wasm32"))]
                state: None,
                #[cfg(not(target_arch = "wasm32"))]
                effective_at: None,
                #[cfg(not(target_arch = "wasm32"))]
                reason: None,
            },
        )];
        after
    }

    #[test]
    fn a_value_asked_for_its_verification_and_its_cancel_are_recognised() {
        let current = account("+86 138****0001", true, true, None);
        let asked = waiting(&current, "c1", "+86 139****0002");
        let field = AccountField::ContactMobile;
        assert!(Change::Requested(field).is_in(&current, &asked));
        assert!(Change::Requested(field).is_in(&asked, &waiting(&current, "c2", "+86 139****0003")), "asked again");
        assert!(!Change::Requested(field).is_in(&asked, &asked));
        let verified = account("+86 139****0002", true, false, None);
        assert!(Change::Verified(field).is_in(&asked, &verified), "the value waiting became the current one");
        assert!(!Change::Verified(field).is_in(&asked, &asked));
        assert!(!Change::Verified(field).is_in(&asked, &current), "called off, not verified");
        assert!(Change::Cancelled(field).is_in(&asked, &current));
        assert!(!Change::Cancelled(field).is_in(&current, &current));
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
