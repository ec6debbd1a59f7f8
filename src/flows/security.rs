//! Changing a recovery value or the login email: identity first, then the new value with a
//! code sent to it, then commit. An identity ticket that expires on the way sends the user
//! back to the first step; the value they typed waits for them.

use super::Focus;
use crate::api::types::{Account, SecurityTarget};
use crate::api::ApiError;
use crate::i18n::Key;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityStep {
    /// Step 1: verify identity (a ticket is needed).
    VerifyIdentity,
    /// Step 2: the new value, a code sent to it, the code.
    NewValue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityState {
    pub step: SecurityStep,
    /// Why the user is back at step 1 (the ticket expired on the way).
    pub error: Option<ApiError>,
}

impl SecurityState {
    /// Where the dialog starts: straight at the new value while a ticket is held.
    pub fn opened(has_ticket: bool) -> Self {
        let step = if has_ticket { SecurityStep::NewValue } else { SecurityStep::VerifyIdentity };
        Self { step, error: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SecurityEvent {
    /// Identity verified: a ticket is held.
    IdentityVerified,
    /// Step 2 was used without a ticket held (it expired in memory or was used up).
    NoTicket,
    /// A request of step 2 failed; the code step shows it unless the flow takes it.
    Failed(ApiError),
    /// The change is committed; the commit used the ticket up.
    Committed,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SecurityEffect {
    /// The ticket held is no good any more.
    DropTicket,
    /// The flow took the error: the code step does not show it.
    Handled,
    /// The value is saved: forget what was typed.
    ForgetDraft,
    /// Move focus (see [`Focus`]).
    Focus(Focus),
}

/// What happens to the dialog on `event`.
pub fn next(state: &SecurityState, event: SecurityEvent) -> (SecurityState, Vec<SecurityEffect>) {
    match event {
        SecurityEvent::IdentityVerified => {
            (SecurityState { step: SecurityStep::NewValue, error: None }, vec![SecurityEffect::Focus(Focus::Step)])
        }
        SecurityEvent::NoTicket => (
            SecurityState { step: SecurityStep::VerifyIdentity, error: None },
            vec![SecurityEffect::Focus(Focus::Step)],
        ),
        // The backend asking for identity again sends the user back to step 1, saying why.
        SecurityEvent::Failed(ApiError::IdentityRequired) if state.step == SecurityStep::NewValue => (
            SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) },
            vec![SecurityEffect::DropTicket, SecurityEffect::Handled, SecurityEffect::Focus(Focus::Step)],
        ),
        SecurityEvent::Failed(_) => (state.clone(), vec![]),
        SecurityEvent::Committed => (state.clone(), vec![SecurityEffect::DropTicket, SecurityEffect::ForgetDraft]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(step: SecurityStep) -> SecurityState {
        SecurityState { step, error: None }
    }

    #[test]
    fn starts_with_identity_unless_a_ticket_is_held() {
        assert_eq!(SecurityState::opened(false), at(SecurityStep::VerifyIdentity));
        assert_eq!(SecurityState::opened(true), at(SecurityStep::NewValue));
    }

    #[test]
    fn identity_verified_goes_to_the_new_value_and_clears_why() {
        let back = SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) };
        assert_eq!(
            next(&back, SecurityEvent::IdentityVerified),
            (at(SecurityStep::NewValue), vec![SecurityEffect::Focus(Focus::Step)])
        );
    }

    #[test]
    fn no_ticket_in_memory_goes_back_to_identity() {
        assert_eq!(
            next(&at(SecurityStep::NewValue), SecurityEvent::NoTicket),
            (at(SecurityStep::VerifyIdentity), vec![SecurityEffect::Focus(Focus::Step)])
        );
    }

    #[test]
    fn an_expired_ticket_goes_back_to_identity_saying_why() {
        let (after, effects) = next(&at(SecurityStep::NewValue), SecurityEvent::Failed(ApiError::IdentityRequired));
        assert_eq!(
            after,
            SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) }
        );
        assert_eq!(
            effects,
            vec![SecurityEffect::DropTicket, SecurityEffect::Handled, SecurityEffect::Focus(Focus::Step)]
        );
    }

    #[test]
    fn other_errors_stay_with_the_code_step() {
        for error in [ApiError::AlreadyBound, ApiError::Network, ApiError::SameAsCurrent, ApiError::CodeExpired] {
            assert_eq!(
                next(&at(SecurityStep::NewValue), SecurityEvent::Failed(error)),
                (at(SecurityStep::NewValue), vec![])
            );
        }
    }

    #[test]
    fn a_commit_uses_the_ticket_up_and_forgets_the_draft() {
        let (after, effects) = next(&at(SecurityStep::NewValue), SecurityEvent::Committed);
        assert_eq!(after, at(SecurityStep::NewValue));
        assert_eq!(effects, vec![SecurityEffect::DropTicket, SecurityEffect::ForgetDraft]);
    }

    #[test]
    fn targets_read_back_from_edit() {
        for target in [SecurityTarget::RecoveryMobile, SecurityTarget::RecoveryEmail, SecurityTarget::LoginEmail] {
            assert_eq!(SecurityTarget::from_query(target.name()), Some(target));
        }
        assert_eq!(SecurityTarget::from_query("mobile"), None);
    }
}
