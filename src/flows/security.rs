//! Changing a recovery value or the login email: identity first, then the new value with a
//! code sent to it, then commit. An identity ticket that expires on the way sends the user
//! back to the first step; the value they typed waits for them.

use super::code::CodeEvent;
use super::Focus;
use crate::api::ApiError;

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
    /// A request of the code step failed (`SendFailed` or `VerifyFailed`): the dialog takes
    /// what is its own and passes the rest back to the step.
    CodeFailed(CodeEvent),
    /// The change is committed; the commit used the ticket up.
    Committed,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SecurityEffect {
    /// The ticket held is no good any more.
    DropTicket,
    /// An event for the code step.
    Code(CodeEvent),
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
        // The backend asking for identity again sends the user back to step 1, saying why;
        // the code step shows nothing of it.
        SecurityEvent::CodeFailed(event)
            if state.step == SecurityStep::NewValue && event.failure() == Some(&ApiError::IdentityRequired) =>
        {
            (
                SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) },
                vec![
                    SecurityEffect::DropTicket,
                    SecurityEffect::Code(CodeEvent::Abandoned),
                    SecurityEffect::Focus(Focus::Step),
                ],
            )
        }
        SecurityEvent::CodeFailed(event) => (state.clone(), vec![SecurityEffect::Code(event)]),
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
        for failed in [CodeEvent::SendFailed, CodeEvent::VerifyFailed] {
            let event = SecurityEvent::CodeFailed(failed(ApiError::IdentityRequired));
            let (after, effects) = next(&at(SecurityStep::NewValue), event);
            assert_eq!(
                after,
                SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) }
            );
            assert_eq!(
                effects,
                vec![
                    SecurityEffect::DropTicket,
                    SecurityEffect::Code(CodeEvent::Abandoned),
                    SecurityEffect::Focus(Focus::Step)
                ]
            );
        }
    }

    #[test]
    fn other_errors_stay_with_the_code_step() {
        for error in [ApiError::AlreadyBound, ApiError::Network, ApiError::SameAsCurrent, ApiError::CodeExpired] {
            let failed = CodeEvent::VerifyFailed(error);
            assert_eq!(
                next(&at(SecurityStep::NewValue), SecurityEvent::CodeFailed(failed.clone())),
                (at(SecurityStep::NewValue), vec![SecurityEffect::Code(failed)])
            );
        }
    }

    #[test]
    fn a_commit_uses_the_ticket_up_and_forgets_the_draft() {
        let (after, effects) = next(&at(SecurityStep::NewValue), SecurityEvent::Committed);
        assert_eq!(after, at(SecurityStep::NewValue));
        assert_eq!(effects, vec![SecurityEffect::DropTicket, SecurityEffect::ForgetDraft]);
    }
}
