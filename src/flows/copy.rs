//! The same-as-recovery advice's one click: a recovery value becomes the contact value of
//! its kind, already verified.

use contract::{Account, AccountField};

use super::Effect;
use crate::api::ApiError;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum CopyState {
    #[default]
    Ready,
    /// The copy into this contact value is on its way; no other starts meanwhile.
    Copying(AccountField),
    /// What the last copy met, shown under the advice.
    Failed(ApiError),
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum CopyEvent {
    /// The user asked for this contact value to be its recovery counterpart's.
    Copy(AccountField),
    /// The backend answered (or the account read again says the copy is there).
    Answered(Result<Account, ApiError>),
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum CopyEffect {
    /// Ask the backend for the copy.
    Request(AccountField),
    /// Copied: say so, tell the shell, show the new account.
    Copied(AccountField, Account),
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
}

/// The copy moves no focus: the row it changes is re-rendered in place.
impl Effect for CopyEffect {}

pub fn next(state: &CopyState, event: CopyEvent) -> (CopyState, Vec<CopyEffect>) {
    match (state, event) {
        (CopyState::Copying(_), CopyEvent::Copy(_)) => (state.clone(), vec![]),
        (_, CopyEvent::Copy(kind)) => (CopyState::Copying(kind), vec![CopyEffect::Request(kind)]),
        (CopyState::Copying(kind), CopyEvent::Answered(Ok(account))) => {
            (CopyState::Ready, vec![CopyEffect::Copied(*kind, account)])
        }
        (CopyState::Copying(_), CopyEvent::Answered(Err(ApiError::Unauthenticated))) => {
            (CopyState::Ready, vec![CopyEffect::SessionExpired])
        }
        (CopyState::Copying(_), CopyEvent::Answered(Err(error))) => (CopyState::Failed(error), vec![]),
        // An answer nobody is waiting for changes nothing.
        (_, CopyEvent::Answered(_)) => (state.clone(), vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::flows::test_account as account;

    #[test]
    fn one_copy_at_a_time_and_its_answer_shows_the_account() {
        let (copying, effects) = next(&CopyState::Ready, CopyEvent::Copy(AccountField::ContactMobile));
        assert_eq!(
            (&copying, effects),
            (&CopyState::Copying(AccountField::ContactMobile), vec![CopyEffect::Request(AccountField::ContactMobile)])
        );
        assert_eq!(
            next(&copying, CopyEvent::Copy(AccountField::ContactEmail)),
            (copying.clone(), vec![]),
            "no second request"
        );
        let (after, effects) = next(&copying, CopyEvent::Answered(Ok(account())));
        assert_eq!(
            (after, effects),
            (CopyState::Ready, vec![CopyEffect::Copied(AccountField::ContactMobile, account())])
        );
    }

    #[test]
    fn a_failed_copy_is_shown_until_the_next_one() {
        let copying = CopyState::Copying(AccountField::ContactEmail);
        let (failed, effects) = next(&copying, CopyEvent::Answered(Err(ApiError::Network)));
        assert_eq!((&failed, effects), (&CopyState::Failed(ApiError::Network), vec![]));
        assert_eq!(
            next(&failed, CopyEvent::Copy(AccountField::ContactEmail)).0,
            CopyState::Copying(AccountField::ContactEmail)
        );
    }

    #[test]
    fn an_ended_session_shows_no_error_here() {
        let (after, effects) =
            next(&CopyState::Copying(AccountField::ContactMobile), CopyEvent::Answered(Err(ApiError::Unauthenticated)));
        assert_eq!((after, effects), (CopyState::Ready, vec![CopyEffect::SessionExpired]));
    }

    #[test]
    fn an_answer_nobody_waits_for_changes_nothing() {
        assert_eq!(next(&CopyState::Ready, CopyEvent::Answered(Ok(account()))), (CopyState::Ready, vec![]));
    }
}
