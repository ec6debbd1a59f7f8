//! A row's one click that asks the backend for one thing about a field (the same-as-recovery
//! advice's copy, calling off a new value waiting for its code) and shows the account it
//! answers with: one at a time, its failure shown until the next.

use contract::{Account, AccountField};

use super::Effect;
use crate::api::ApiError;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum RowState {
    #[default]
    Ready,
    /// The request about this field is on its way; no other starts meanwhile.
    Busy(AccountField),
    /// What the last request, about this field, met: shown beside the row.
    Failed(AccountField, ApiError),
}

impl RowState {
    /// What the last request about `field` met, if it failed.
    pub fn failure(&self, field: AccountField) -> Option<&ApiError> {
        match self {
            RowState::Failed(failed, error) if *failed == field => Some(error),
            RowState::Ready | RowState::Busy(_) | RowState::Failed(..) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum RowEvent {
    /// The user asked for it, about this field.
    Start(AccountField),
    /// The backend answered (or the account read again says it is done).
    Answered(Result<Account, ApiError>),
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum RowEffect {
    /// Ask the backend.
    Request(AccountField),
    /// Done: say so, tell the shell, show the new account.
    Done(AccountField, Account),
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
}

/// The request moves no focus: the row it changes is re-rendered in place.
impl Effect for RowEffect {}

pub fn next(state: &RowState, event: RowEvent) -> (RowState, Vec<RowEffect>) {
    match (state, event) {
        (RowState::Busy(_), RowEvent::Start(_)) => (state.clone(), vec![]),
        (_, RowEvent::Start(field)) => (RowState::Busy(field), vec![RowEffect::Request(field)]),
        (RowState::Busy(field), RowEvent::Answered(Ok(account))) => {
            (RowState::Ready, vec![RowEffect::Done(*field, account)])
        }
        (RowState::Busy(_), RowEvent::Answered(Err(ApiError::Unauthenticated))) => {
            (RowState::Ready, vec![RowEffect::SessionExpired])
        }
        (RowState::Busy(field), RowEvent::Answered(Err(error))) => (RowState::Failed(*field, error), vec![]),
        // An answer nobody is waiting for changes nothing.
        (_, RowEvent::Answered(_)) => (state.clone(), vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::flows::test_account as account;

    #[test]
    fn one_request_at_a_time_and_its_answer_shows_the_account() {
        let (asking, effects) = next(&RowState::Ready, RowEvent::Start(AccountField::ContactMobile));
        assert_eq!(
            (&asking, effects),
            (&RowState::Busy(AccountField::ContactMobile), vec![RowEffect::Request(AccountField::ContactMobile)])
        );
        assert_eq!(
            next(&asking, RowEvent::Start(AccountField::ContactEmail)),
            (asking.clone(), vec![]),
            "no second request"
        );
        let (after, effects) = next(&asking, RowEvent::Answered(Ok(account())));
        assert_eq!((after, effects), (RowState::Ready, vec![RowEffect::Done(AccountField::ContactMobile, account())]));
    }

    #[test]
    fn a_failed_request_is_shown_until_the_next_one() {
        let asking = RowState::Busy(AccountField::ContactEmail);
        let (failed, effects) = next(&asking, RowEvent::Answered(Err(ApiError::Network)));
        assert_eq!((&failed, effects), (&RowState::Failed(AccountField::ContactEmail, ApiError::Network), vec![]));
        assert_eq!(failed.failure(AccountField::ContactEmail), Some(&ApiError::Network));
        assert_eq!(failed.failure(AccountField::ContactMobile), None, "shown beside its own row");
        assert_eq!(
            next(&failed, RowEvent::Start(AccountField::ContactEmail)).0,
            RowState::Busy(AccountField::ContactEmail)
        );
    }

    #[test]
    fn an_ended_session_shows_no_error_here() {
        let (after, effects) =
            next(&RowState::Busy(AccountField::ContactMobile), RowEvent::Answered(Err(ApiError::Unauthenticated)));
        assert_eq!((after, effects), (RowState::Ready, vec![RowEffect::SessionExpired]));
    }

    #[test]
    fn an_answer_nobody_waits_for_changes_nothing() {
        assert_eq!(next(&RowState::Ready, RowEvent::Answered(Ok(account()))), (RowState::Ready, vec![]));
    }
}
