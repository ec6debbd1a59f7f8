//! Changing a recovery value or the login email: identity first, then the new value with a
//! code sent to it, then commit. An identity ticket that expires on the way sends the user
//! back to the first step; the value they typed waits for them.

use contract::{Account, Ticket};

use super::{Effect, Focus};
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
#[allow(clippy::large_enum_variant)]
pub enum SecurityEvent {
    /// Identity verified with this ticket.
    IdentityVerified(Ticket),
    /// Step 2 was used without a ticket held (it expired in memory or was used up).
    NoTicket,
    /// The backend wants identity verified again (the ticket expired on the way): the code
    /// step left it to the dialog.
    IdentityRequired,
    /// The change is committed (the commit used the ticket up): the account after it, and
    /// whether the other sessions were signed out.
    Committed { account: Account, others_ended: Option<bool> },
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum SecurityEffect {
    /// Keep the ticket identity verification earned, for the change.
    HoldTicket(Ticket),
    /// The ticket held is no good any more.
    DropTicket,
    /// The value is saved: forget what was typed.
    ForgetDraft,
    /// Saved: tell the shell, say what changed and who was told, and close.
    Saved { account: Account, others_ended: Option<bool> },
    /// Move focus (see [`Focus`]).
    Focus(Focus),
}

impl Effect for SecurityEffect {
    fn focus(&self) -> Option<Focus> {
        match self {
            SecurityEffect::Focus(to) => Some(*to),
            _ => None,
        }
    }
}

/// What happens to the dialog on `event`.
pub fn next(state: &SecurityState, event: SecurityEvent) -> (SecurityState, Vec<SecurityEffect>) {
    match event {
        SecurityEvent::IdentityVerified(ticket) => (
            SecurityState { step: SecurityStep::NewValue, error: None },
            vec![SecurityEffect::HoldTicket(ticket), SecurityEffect::Focus(Focus::Step)],
        ),
        SecurityEvent::NoTicket => (
            SecurityState { step: SecurityStep::VerifyIdentity, error: None },
            vec![SecurityEffect::Focus(Focus::Step)],
        ),
        // The backend asking for identity again sends the user back to step 1, saying why.
        SecurityEvent::IdentityRequired => {
            let back = SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) };
            let mut effects = vec![SecurityEffect::DropTicket];
            if state.step == SecurityStep::NewValue {
                effects.push(SecurityEffect::Focus(Focus::Step));
            }
            (back, effects)
        }
        SecurityEvent::Committed { account, others_ended } => (
            state.clone(),
            vec![
                SecurityEffect::DropTicket,
                SecurityEffect::ForgetDraft,
                SecurityEffect::Saved { account, others_ended },
            ],
        ),
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

    fn ticket() -> Ticket {
        Ticket { ticket: "t1".into(), expires_at: "2026-11-27T06:00:00Z".into() }
    }

    #[test]
    fn identity_verified_holds_the_ticket_goes_to_the_new_value_and_clears_why() {
        let back = SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) };
        assert_eq!(
            next(&back, SecurityEvent::IdentityVerified(ticket())),
            (
                at(SecurityStep::NewValue),
                vec![SecurityEffect::HoldTicket(ticket()), SecurityEffect::Focus(Focus::Step)]
            )
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
        let back = SecurityState { step: SecurityStep::VerifyIdentity, error: Some(ApiError::IdentityRequired) };
        let (after, effects) = next(&at(SecurityStep::NewValue), SecurityEvent::IdentityRequired);
        assert_eq!(
            (after, effects),
            (back.clone(), vec![SecurityEffect::DropTicket, SecurityEffect::Focus(Focus::Step)])
        );
        let (after, effects) = next(&at(SecurityStep::VerifyIdentity), SecurityEvent::IdentityRequired);
        assert_eq!((after, effects), (back, vec![SecurityEffect::DropTicket]), "focus stays where the user is");
    }

    #[test]
    fn a_commit_uses_the_ticket_up_forgets_the_draft_and_says_it_is_saved() {
        let account = crate::flows::test_account();
        let committed = SecurityEvent::Committed { account: account.clone(), others_ended: Some(false) };
        let (after, effects) = next(&at(SecurityStep::NewValue), committed);
        assert_eq!(after, at(SecurityStep::NewValue));
        assert_eq!(
            effects,
            vec![
                SecurityEffect::DropTicket,
                SecurityEffect::ForgetDraft,
                SecurityEffect::Saved { account, others_ended: Some(false) }
            ]
        );
    }
}
