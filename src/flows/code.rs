//! The code step every flow shares: ask for a code, type it, check it. The state is what
//! the user sees (a code on its way, a request in flight, an error); `next` says what each
//! event does to it.

use super::{Focus, Status};
use crate::api::types::Challenge;
use crate::api::ApiError;
use crate::validate::{normalize_code, CodeError};

/// A sent code, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum SentCode {
    /// The code may be typed.
    Live(Challenge),
    /// The code can no longer be used (expired, too many attempts, replaced): only
    /// "Resend" helps.
    Dead(Challenge),
}

impl SentCode {
    pub fn challenge(&self) -> &Challenge {
        match self {
            SentCode::Live(challenge) | SentCode::Dead(challenge) => challenge,
        }
    }

    pub fn is_dead(&self) -> bool {
        matches!(self, SentCode::Dead(_))
    }

    /// The same code, no longer usable.
    fn spent(self) -> SentCode {
        match self {
            SentCode::Live(challenge) | SentCode::Dead(challenge) => SentCode::Dead(challenge),
        }
    }
}

/// The code step of one target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeState {
    /// The code on its way, if one was sent.
    pub sent: Option<SentCode>,
    /// Asking for a code or checking one.
    pub status: Status,
    /// A code that is not the right shape, caught before sending.
    pub format_error: Option<CodeError>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CodeEvent {
    /// The user asked for a code.
    Send,
    /// The backend sent one.
    Sent(Challenge),
    /// Asking for a code failed.
    SendFailed(ApiError),
    /// The user submitted what they typed.
    Verify(String),
    /// The backend accepted the code.
    Verified,
    /// The backend refused the code, or the request failed.
    VerifyFailed(ApiError),
    /// The flow around the step took the failure of its request (and shows it itself): the
    /// step shows nothing of it.
    Abandoned,
}

impl CodeEvent {
    /// The failure this event reports, if it is one.
    pub fn failure(&self) -> Option<&ApiError> {
        match self {
            CodeEvent::SendFailed(error) | CodeEvent::VerifyFailed(error) => Some(error),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum CodeEffect {
    /// Ask the backend for a code.
    RequestCode,
    /// Check `code` against the challenge `challenge_id`.
    CheckCode { challenge_id: String, code: String },
    /// Empty the code field: a new code is on its way, or the wrong one is to be retyped.
    ClearInput,
    /// Nothing can be sent to this target for `seconds` (the server said so).
    Wait(u64),
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
    /// Move focus (see [`Focus`]).
    Focus(Focus),
}

/// What happens to the code step on `event`.
pub fn next(state: &CodeState, event: CodeEvent) -> (CodeState, Vec<CodeEffect>) {
    let mut after = state.clone();
    let mut effects = Vec::new();
    match event {
        CodeEvent::Send | CodeEvent::Verify(_) if after.status.busy() => return (after, effects),
        CodeEvent::Send => {
            after.status = Status::Busy;
            effects.push(CodeEffect::RequestCode);
            effects.push(CodeEffect::Focus(Focus::Hold));
        }
        CodeEvent::Sent(challenge) => {
            after = CodeState { sent: Some(SentCode::Live(challenge)), ..CodeState::default() };
            effects.push(CodeEffect::ClearInput);
            effects.push(CodeEffect::Focus(Focus::Code));
        }
        CodeEvent::Verify(typed) => {
            let Some(sent) = &after.sent else { return (after, effects) };
            let checked = normalize_code(&typed, sent.challenge().code_length as usize);
            let challenge_id = sent.challenge().challenge_id.clone();
            after.status = Status::Idle;
            match checked {
                Err(error) => after.format_error = Some(error),
                Ok(code) => {
                    after.status = Status::Busy;
                    after.format_error = None;
                    effects.push(CodeEffect::CheckCode { challenge_id, code });
                    effects.push(CodeEffect::Focus(Focus::Hold));
                }
            }
        }
        CodeEvent::Verified => after = CodeState::default(),
        CodeEvent::Abandoned => after.status = Status::Idle,
        CodeEvent::SendFailed(error) => fail(&mut after, &mut effects, error),
        CodeEvent::VerifyFailed(error) => {
            // A commit refused for the address itself (taken, or the current one) spent its code:
            // another address needs a new code, not this one again.
            let dead = matches!(
                error,
                ApiError::CodeExpired
                    | ApiError::TooManyAttempts
                    | ApiError::ChallengeNotFound
                    | ApiError::AlreadyBound
                    | ApiError::SameAsCurrent
            );
            if matches!(error, ApiError::InvalidCode { .. } | ApiError::InvalidCodeFormat) {
                effects.push(CodeEffect::ClearInput);
            }
            if dead {
                after.sent = after.sent.take().map(SentCode::spent);
            }
            let ended = error == ApiError::Unauthenticated;
            fail(&mut after, &mut effects, error);
            // Back to the code to retype or resend it; a dead code's field is disabled, and
            // the heading keeps focus while the error says to resend.
            if !dead && !ended {
                effects.push(CodeEffect::Focus(Focus::Code));
            }
        }
    }
    (after, effects)
}

fn fail(after: &mut CodeState, effects: &mut Vec<CodeEffect>, error: ApiError) {
    after.status = Status::Idle;
    if error == ApiError::Unauthenticated {
        effects.push(CodeEffect::SessionExpired);
        return;
    }
    if let Some(seconds) = error.retry_after() {
        effects.push(CodeEffect::Wait(seconds));
    }
    after.status = Status::Failed(error);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge() -> Challenge {
        Challenge {
            challenge_id: "c1".into(),
            masked_target: "+86 138****0001".into(),
            expires_at: "2026-11-27T06:00:00Z".into(),
            resend_at: "2026-11-27T05:51:00Z".into(),
            code_length: 6,
        }
    }

    fn sent() -> CodeState {
        CodeState { sent: Some(SentCode::Live(challenge())), ..CodeState::default() }
    }

    fn busy(state: CodeState) -> CodeState {
        CodeState { status: Status::Busy, ..state }
    }

    #[test]
    fn sending_asks_once_then_shows_the_code_field() {
        let (asking, effects) = next(&CodeState::default(), CodeEvent::Send);
        assert_eq!(
            (asking.status.busy(), effects),
            (true, vec![CodeEffect::RequestCode, CodeEffect::Focus(Focus::Hold)])
        );
        assert_eq!(next(&asking.clone(), CodeEvent::Send), (asking.clone(), vec![]), "no second request");
        let (shown, effects) = next(&asking.clone(), CodeEvent::Sent(challenge()));
        assert_eq!((shown, effects), (sent(), vec![CodeEffect::ClearInput, CodeEffect::Focus(Focus::Code)]));
    }

    #[test]
    fn a_send_that_must_wait_says_so_and_blocks_the_target() {
        let error = ApiError::ResendTooSoon { retry_after_s: 42 };
        let (after, effects) = next(&busy(CodeState::default()), CodeEvent::SendFailed(error.clone()));
        assert_eq!(after, CodeState { status: Status::Failed(error), ..CodeState::default() });
        assert_eq!(effects, vec![CodeEffect::Wait(42)]);
    }

    #[test]
    fn a_well_formed_code_is_checked_and_a_malformed_one_is_not() {
        let (checking, effects) = next(&sent(), CodeEvent::Verify("482 913".into()));
        assert!(checking.status.busy());
        assert_eq!(
            effects,
            vec![
                CodeEffect::CheckCode { challenge_id: "c1".into(), code: "482913".into() },
                CodeEffect::Focus(Focus::Hold)
            ]
        );
        let (after, effects) = next(&sent(), CodeEvent::Verify("48291".into()));
        assert_eq!((after.format_error, after.status, effects), (Some(CodeError::WrongLength), Status::Idle, vec![]));
        assert_eq!(next(&CodeState::default(), CodeEvent::Verify("482913".into())).1, vec![], "no code was sent");
        assert_eq!(next(&busy(sent()), CodeEvent::Verify("482913".into())).1, vec![], "one check at a time");
    }

    #[test]
    fn a_verified_code_is_spent() {
        assert_eq!(next(&busy(sent()), CodeEvent::Verified), (CodeState::default(), vec![]));
    }

    #[test]
    fn a_wrong_code_is_retyped_on_the_same_code() {
        let error = ApiError::InvalidCode { attempts_left: Some(4) };
        let (after, effects) = next(&busy(sent()), CodeEvent::VerifyFailed(error.clone()));
        assert_eq!(after, CodeState { status: Status::Failed(error), ..sent() });
        assert_eq!(effects, vec![CodeEffect::ClearInput, CodeEffect::Focus(Focus::Code)]);
    }

    #[test]
    fn expired_dead_or_replaced_codes_need_a_new_one() {
        for error in [
            ApiError::CodeExpired,
            ApiError::TooManyAttempts,
            ApiError::ChallengeNotFound,
            ApiError::AlreadyBound,
            ApiError::SameAsCurrent,
        ] {
            let (after, effects) = next(&busy(sent()), CodeEvent::VerifyFailed(error.clone()));
            assert!(after.sent.as_ref().unwrap().is_dead(), "{error:?}");
            assert_eq!((after.status, effects), (Status::Failed(error), vec![]));
        }
    }

    #[test]
    fn a_failed_request_keeps_the_code_and_the_input() {
        for error in [ApiError::Network, ApiError::Timeout, ApiError::Server { status: 500 }] {
            let (after, effects) = next(&busy(sent()), CodeEvent::VerifyFailed(error.clone()));
            assert_eq!(
                (after, effects),
                (CodeState { status: Status::Failed(error), ..sent() }, vec![CodeEffect::Focus(Focus::Code)])
            );
        }
    }

    #[test]
    fn a_failure_the_flow_took_leaves_the_code_as_it_was() {
        assert_eq!(next(&busy(sent()), CodeEvent::Abandoned), (sent(), vec![]));
    }

    #[test]
    fn an_ended_session_shows_no_error_here() {
        let (after, effects) = next(&busy(sent()), CodeEvent::VerifyFailed(ApiError::Unauthenticated));
        assert_eq!((after, effects), (sent(), vec![CodeEffect::SessionExpired]));
    }
}
