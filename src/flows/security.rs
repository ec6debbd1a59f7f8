//! Changing a recovery value or the login email: identity first, then the new value with a
//! code sent to it, then commit. An identity ticket that expires on the way sends the user
//! back to the first step; the value they typed waits for them.

use crate::api::types::Account;

use crate::api::ApiError;

/// Which value the dialog changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityTarget {
    RecoveryMobile,
    RecoveryEmail,
    LoginEmail,
}

impl SecurityTarget {
    /// The account's masked value of this target, if it has one.
    pub fn masked_in(self, account: &Account) -> Option<String> {
        match self {
            SecurityTarget::RecoveryMobile => &account.recovery_mobile,
            SecurityTarget::RecoveryEmail => &account.recovery_email,
            SecurityTarget::LoginEmail => &account.login_email,
        }
        .as_ref()
        .map(|m| m.masked.clone())
    }

    /// From `?edit=`.
    pub fn from_query(value: &str) -> Option<SecurityTarget> {
        match value {
            "recovery-mobile" => Some(SecurityTarget::RecoveryMobile),
            "recovery-email" => Some(SecurityTarget::RecoveryEmail),
            "login-email" => Some(SecurityTarget::LoginEmail),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SecurityTarget::RecoveryMobile => "recovery-mobile",
            SecurityTarget::RecoveryEmail => "recovery-email",
            SecurityTarget::LoginEmail => "login-email",
        }
    }

    pub fn is_mobile(self) -> bool {
        self == SecurityTarget::RecoveryMobile
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityStep {
    VerifyIdentity,
    NewValue,
}

/// Where the dialog starts: straight at the new value while a ticket is held.
pub fn first_step(has_ticket: bool) -> SecurityStep {
    if has_ticket { SecurityStep::NewValue } else { SecurityStep::VerifyIdentity }
}

/// The step after a request of the new-value step failed with `error`.
pub fn after_error(step: SecurityStep, error: &ApiError) -> SecurityStep {
    match error {
        ApiError::IdentityRequired => SecurityStep::VerifyIdentity,
        _ => step,
    }
}

/// The key under which a code sent to `value` for `target` is remembered: the same target
/// and value resume, anything else starts fresh.
pub fn code_key(target: SecurityTarget, value: &str) -> String {
    format!("change:{}:{value}", target.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_identity_unless_a_ticket_is_held() {
        assert_eq!(first_step(false), SecurityStep::VerifyIdentity);
        assert_eq!(first_step(true), SecurityStep::NewValue);
    }

    #[test]
    fn an_expired_ticket_goes_back_to_identity_other_errors_stay() {
        assert_eq!(after_error(SecurityStep::NewValue, &ApiError::IdentityRequired), SecurityStep::VerifyIdentity);
        assert_eq!(after_error(SecurityStep::NewValue, &ApiError::AlreadyBound), SecurityStep::NewValue);
        assert_eq!(after_error(SecurityStep::NewValue, &ApiError::Network), SecurityStep::NewValue);
    }

    #[test]
    fn targets_and_keys() {
        for target in [SecurityTarget::RecoveryMobile, SecurityTarget::RecoveryEmail, SecurityTarget::LoginEmail] {
            assert_eq!(SecurityTarget::from_query(target.name()), Some(target));
        }
        assert_eq!(SecurityTarget::from_query("mobile"), None);
        assert_ne!(code_key(SecurityTarget::RecoveryEmail, "a@x.io"), code_key(SecurityTarget::LoginEmail, "a@x.io"));
        assert_ne!(code_key(SecurityTarget::LoginEmail, "a@x.io"), code_key(SecurityTarget::LoginEmail, "b@x.io"));
    }
}
