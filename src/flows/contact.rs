//! Editing a contact value: the value, then identity verification when the backend asks
//! for it, then the same change again, automatically. What the user typed survives every
//! step.

use contract::{Account, Ticket};

use super::{Effect, Focus, Status};
use crate::api::ApiError;
use crate::i18n::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditStep {
    /// The new value is being typed (or was rejected).
    EnterValue,
    /// The backend asked for identity verification; the change resumes after it.
    VerifyIdentity,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EditState {
    pub step: EditStep,
    /// The change on its way, or what the last attempt met (shown on the step it belongs
    /// to).
    pub status: Status,
}

impl Default for EditState {
    fn default() -> Self {
        Self { step: EditStep::EnterValue, status: Status::Idle }
    }
}

// An event or effect is made and used once: the size of the account in one variant costs
// nothing worth a box.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum EditEvent {
    /// The user submitted the value: valid (in its canonical form) or not (with why).
    Submit(Result<String, Key>),
    /// The backend answered the change.
    Answered(Result<Account, ApiError>),
    /// Identity is verified with this ticket: the change goes again, with the same value.
    IdentityVerified(Ticket),
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum EditEffect {
    /// Send the change, with the identity ticket if one is held.
    Save(String),
    /// Keep the ticket identity verification earned, for this change and the next.
    HoldTicket(Ticket),
    /// Move focus (see [`Focus`]).
    Focus(Focus),
    /// Validate what is typed and submit it again.
    Resubmit,
    /// Say that identity is verified and the change is being saved.
    AnnounceSaving,
    /// Saved: announce, show the new account, close.
    Saved(Account),
    /// The backend says the value itself is wrong: show it under the field.
    FieldError(ApiError),
    /// The ticket held is no good any more.
    DropTicket,
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
}

impl Effect for EditEffect {
    fn focus(&self) -> Option<Focus> {
        match self {
            EditEffect::Focus(to) => Some(*to),
            _ => None,
        }
    }
}

/// Errors about the value itself send the user back to the value, whatever the step.
fn is_value_error(error: &ApiError) -> bool {
    matches!(error, ApiError::InvalidPhone | ApiError::InvalidEmail | ApiError::SameAsCurrent)
}

/// What happens to the edit on `event`.
pub fn next(state: &EditState, event: EditEvent) -> (EditState, Vec<EditEffect>) {
    let mut after = state.clone();
    let effects = match event {
        EditEvent::Submit(Err(_)) => {
            let back = state.step != EditStep::EnterValue;
            after.step = EditStep::EnterValue;
            if back {
                vec![EditEffect::Focus(Focus::Step), EditEffect::Focus(Focus::Value)]
            } else {
                vec![EditEffect::Focus(Focus::Value)]
            }
        }
        EditEvent::Submit(Ok(_)) if state.status.busy() => vec![],
        EditEvent::Submit(Ok(value)) => {
            after.status = Status::Busy;
            vec![EditEffect::Save(value), EditEffect::Focus(Focus::Hold)]
        }
        EditEvent::IdentityVerified(ticket) => {
            vec![EditEffect::HoldTicket(ticket), EditEffect::AnnounceSaving, EditEffect::Resubmit]
        }
        EditEvent::Answered(answer) => {
            after.status = Status::Idle;
            match answer {
                Ok(account) => vec![EditEffect::Saved(account)],
                Err(ApiError::Unauthenticated) => vec![EditEffect::SessionExpired],
                Err(ApiError::IdentityRequired) => {
                    // A ticket that expired mid-flow lands here too: verify again (saying
                    // why), then resume.
                    let again = state.step == EditStep::VerifyIdentity;
                    after.step = EditStep::VerifyIdentity;
                    if again {
                        after.status = Status::Failed(ApiError::IdentityRequired);
                    }
                    vec![EditEffect::DropTicket, EditEffect::Focus(Focus::Step)]
                }
                Err(error) if is_value_error(&error) => {
                    let back = state.step != EditStep::EnterValue;
                    after.step = EditStep::EnterValue;
                    let mut effects = vec![EditEffect::FieldError(error)];
                    if back {
                        effects.push(EditEffect::Focus(Focus::Step));
                    }
                    effects.push(EditEffect::Focus(Focus::Value));
                    effects
                }
                Err(error) => {
                    after.status = Status::Failed(error);
                    vec![]
                }
            }
        }
    };
    (after, effects)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::flows::test_account as account;

    fn at(step: EditStep) -> EditState {
        EditState { step, status: Status::Busy }
    }

    #[test]
    fn a_valid_value_is_saved_once() {
        let (saving, effects) = next(&EditState::default(), EditEvent::Submit(Ok("+8613912345678".into())));
        assert_eq!(saving, at(EditStep::EnterValue));
        assert_eq!(effects, vec![EditEffect::Save("+8613912345678".into()), EditEffect::Focus(Focus::Hold)]);
        assert_eq!(next(&saving, EditEvent::Submit(Ok("+8613912345678".into()))).1, vec![], "no double submission");
    }

    #[test]
    fn an_invalid_value_goes_back_to_its_field() {
        let (after, effects) = next(&EditState::default(), EditEvent::Submit(Err(Key::PhoneWrongLength)));
        assert_eq!(after.step, EditStep::EnterValue);
        assert_eq!(effects, vec![EditEffect::Focus(Focus::Value)]);
        let (after, effects) = next(&at(EditStep::VerifyIdentity), EditEvent::Submit(Err(Key::PhoneWrongLength)));
        assert_eq!(after.step, EditStep::EnterValue);
        assert_eq!(effects, vec![EditEffect::Focus(Focus::Step), EditEffect::Focus(Focus::Value)], "a step back");
    }

    #[test]
    fn success_closes_from_any_step() {
        for step in [EditStep::EnterValue, EditStep::VerifyIdentity] {
            let (after, effects) = next(&at(step), EditEvent::Answered(Ok(account())));
            assert!(!after.status.busy());
            assert_eq!(effects, vec![EditEffect::Saved(account())]);
        }
    }

    #[test]
    fn identity_required_goes_to_the_identity_step() {
        let (after, effects) = next(&at(EditStep::EnterValue), EditEvent::Answered(Err(ApiError::IdentityRequired)));
        assert_eq!(after, EditState { step: EditStep::VerifyIdentity, status: Status::Idle });
        assert_eq!(effects, vec![EditEffect::DropTicket, EditEffect::Focus(Focus::Step)]);
    }

    #[test]
    fn identity_verified_holds_the_ticket_and_saves_again() {
        let ticket = Ticket { ticket: "t1".into(), expires_at: "2026-11-27T06:00:00Z".into() };
        let at_identity = EditState { step: EditStep::VerifyIdentity, ..EditState::default() };
        let (after, effects) = next(&at_identity, EditEvent::IdentityVerified(ticket.clone()));
        assert_eq!(after.step, EditStep::VerifyIdentity);
        assert_eq!(effects, vec![EditEffect::HoldTicket(ticket), EditEffect::AnnounceSaving, EditEffect::Resubmit]);
    }

    #[test]
    fn an_expired_ticket_on_retry_verifies_again_and_says_why() {
        let (after, effects) =
            next(&at(EditStep::VerifyIdentity), EditEvent::Answered(Err(ApiError::IdentityRequired)));
        assert_eq!(
            after,
            EditState { step: EditStep::VerifyIdentity, status: Status::Failed(ApiError::IdentityRequired) }
        );
        assert_eq!(effects, vec![EditEffect::DropTicket, EditEffect::Focus(Focus::Step)]);
    }

    #[test]
    fn value_errors_go_back_to_the_value() {
        for error in [ApiError::InvalidPhone, ApiError::InvalidEmail, ApiError::SameAsCurrent] {
            let (after, effects) = next(&at(EditStep::VerifyIdentity), EditEvent::Answered(Err(error.clone())));
            assert_eq!(after, EditState::default());
            assert_eq!(
                effects,
                vec![
                    EditEffect::FieldError(error.clone()),
                    EditEffect::Focus(Focus::Step),
                    EditEffect::Focus(Focus::Value)
                ]
            );
            let (_, effects) = next(&at(EditStep::EnterValue), EditEvent::Answered(Err(error.clone())));
            assert_eq!(effects, vec![EditEffect::FieldError(error), EditEffect::Focus(Focus::Value)], "same step");
        }
    }

    #[test]
    fn other_failures_keep_the_step_and_the_value() {
        for step in [EditStep::EnterValue, EditStep::VerifyIdentity] {
            let (after, effects) = next(&at(step), EditEvent::Answered(Err(ApiError::Network)));
            assert_eq!(after, EditState { step, status: Status::Failed(ApiError::Network) });
            assert_eq!(effects, vec![]);
        }
    }

    #[test]
    fn an_ended_session_leaves_the_dialog_to_the_sign_in_view() {
        let (after, effects) = next(&at(EditStep::EnterValue), EditEvent::Answered(Err(ApiError::Unauthenticated)));
        assert_eq!(after.status, Status::Idle);
        assert_eq!(effects, vec![EditEffect::SessionExpired]);
    }
}
