//! Identity by the sign-in password: one field, one request, a ticket. Wrong passwords
//! count down; too many pause the method, and the wait counts down like a code's.

use super::{Effect, Focus};
use crate::api::ApiError;
use contract::Ticket;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum PasswordState {
    /// Nothing submitted yet (or the password was right).
    #[default]
    Ready,
    /// Submitted empty: nothing was sent.
    Missing,
    /// The check is on its way; nothing else starts meanwhile.
    Checking,
    /// What the last check met.
    Failed(ApiError),
}

impl PasswordState {
    pub fn busy(&self) -> bool {
        *self == PasswordState::Checking
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PasswordEvent {
    /// The user submitted what they typed.
    Submit(String),
    /// The backend answered.
    Answered(Result<Ticket, ApiError>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum PasswordEffect {
    /// Check the password with the backend.
    Check(String),
    /// Identity is verified: the ticket is held.
    Verified(Ticket),
    /// Empty the field for another try.
    ClearInput,
    /// The method is paused for `seconds`.
    Wait(u64),
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
    /// Move focus (see [`Focus`]).
    Focus(Focus),
}

impl Effect for PasswordEffect {
    fn focus(&self) -> Option<Focus> {
        match self {
            PasswordEffect::Focus(to) => Some(*to),
            _ => None,
        }
    }
}

pub fn next(state: &PasswordState, event: PasswordEvent) -> (PasswordState, Vec<PasswordEffect>) {
    match event {
        PasswordEvent::Submit(_) if state.busy() => (state.clone(), vec![]),
        PasswordEvent::Submit(password) if password.is_empty() => (PasswordState::Missing, vec![]),
        PasswordEvent::Submit(password) => {
            (PasswordState::Checking, vec![PasswordEffect::Check(password), PasswordEffect::Focus(Focus::Hold)])
        }
        PasswordEvent::Answered(Ok(ticket)) => (PasswordState::default(), vec![PasswordEffect::Verified(ticket)]),
        PasswordEvent::Answered(Err(ApiError::Unauthenticated)) => {
            (PasswordState::default(), vec![PasswordEffect::SessionExpired])
        }
        PasswordEvent::Answered(Err(error)) => {
            let mut effects = Vec::new();
            if matches!(error, ApiError::InvalidPassword { .. } | ApiError::PasswordLocked { .. }) {
                effects.push(PasswordEffect::ClearInput);
                effects.push(PasswordEffect::Focus(Focus::Value));
            }
            if let Some(seconds) = error.retry_after() {
                effects.push(PasswordEffect::Wait(seconds));
            }
            (PasswordState::Failed(error), effects)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket() -> Ticket {
        Ticket { ticket: "t".into(), expires_at: "2026-11-27T06:00:00Z".into() }
    }

    fn busy() -> &'static PasswordState {
        &PasswordState::Checking
    }

    #[test]
    fn a_password_is_checked_once() {
        let (checking, effects) = next(&PasswordState::default(), PasswordEvent::Submit("dev-password".into()));
        assert_eq!(
            (checking.clone(), effects),
            (
                PasswordState::Checking,
                vec![PasswordEffect::Check("dev-password".into()), PasswordEffect::Focus(Focus::Hold)]
            )
        );
        assert_eq!(next(&checking, PasswordEvent::Submit("again".into())).1, vec![], "one check at a time");
    }

    #[test]
    fn an_empty_password_is_not_sent() {
        let (after, effects) = next(&PasswordState::default(), PasswordEvent::Submit(String::new()));
        assert_eq!((after, effects), (PasswordState::Missing, vec![]));
        let failed = PasswordState::Failed(ApiError::Network);
        assert_eq!(next(&failed, PasswordEvent::Submit(String::new())).0, PasswordState::Missing, "the old error goes");
    }

    #[test]
    fn the_right_password_verifies() {
        assert_eq!(
            next(busy(), PasswordEvent::Answered(Ok(ticket()))),
            (PasswordState::default(), vec![PasswordEffect::Verified(ticket())])
        );
    }

    #[test]
    fn a_wrong_password_says_how_many_tries_are_left_and_empties_the_field() {
        let error = ApiError::InvalidPassword { attempts_left: Some(3) };
        let (after, effects) = next(busy(), PasswordEvent::Answered(Err(error.clone())));
        assert_eq!(after, PasswordState::Failed(error));
        assert_eq!(effects, vec![PasswordEffect::ClearInput, PasswordEffect::Focus(Focus::Value)]);
    }

    #[test]
    fn too_many_wrong_passwords_pause_the_method() {
        let error = ApiError::PasswordLocked { retry_after_s: 900 };
        let (after, effects) = next(busy(), PasswordEvent::Answered(Err(error.clone())));
        assert_eq!(after, PasswordState::Failed(error));
        assert_eq!(
            effects,
            vec![PasswordEffect::ClearInput, PasswordEffect::Focus(Focus::Value), PasswordEffect::Wait(900)]
        );
    }

    #[test]
    fn a_failed_request_keeps_what_was_typed() {
        let (after, effects) = next(busy(), PasswordEvent::Answered(Err(ApiError::Network)));
        assert_eq!((after, effects), (PasswordState::Failed(ApiError::Network), vec![]));
    }

    #[test]
    fn an_ended_session_shows_no_error_here() {
        assert_eq!(
            next(busy(), PasswordEvent::Answered(Err(ApiError::Unauthenticated))),
            (PasswordState::default(), vec![PasswordEffect::SessionExpired])
        );
    }
}
