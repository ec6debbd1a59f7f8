//! The code step every flow shares: ask for a code, type it, check it. The state is what
//! the user sees (a code on its way, a request in flight, an error); `next` says what each
//! event does to it.

use contract::validate::{normalize_code, Code, CodeError};
use contract::{Account, Challenge, ChallengeId, Ticket};

use super::{Effect, Focus, Status};
pub use super::{Pending, Request};
use crate::api::ApiError;

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

/// What an accepted code earned, as the request that checked it answers: the flow around
/// the step gets it as an effect and decides what follows (hold the ticket, say the change
/// is saved, close).
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Accepted {
    /// Identity is verified: the ticket it earned.
    Identity(Ticket),
    /// The change the code confirmed is saved: the account after it, and whether the other
    /// sessions were signed out (`None`: not asked, or there were none).
    Saved { account: Account, others_ended: Option<bool> },
    /// The value the code was for no longer waits for it (it expired, was cancelled or
    /// replaced meanwhile): the account as it is now.
    Withdrawn(Account),
}

/// Asks for a code.
pub type SendRequest = Request<Pending<Challenge>>;

/// Checks a code: given the challenge id and the code, answers with what it earned.
pub type CheckRequest = Request<Box<dyn FnOnce(ChallengeId, Code) -> Pending<Accepted>>>;

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
#[allow(clippy::large_enum_variant)]
pub enum CodeEvent {
    /// The user asked for a code, with this request.
    Send(SendRequest),
    /// The backend sent one.
    Sent(Challenge),
    /// Asking for a code failed.
    SendFailed(ApiError),
    /// The user submitted what they typed; `CheckRequest` checks it if it is a code.
    Verify(String, CheckRequest),
    /// The backend accepted the code, and this is what it earned.
    Verified(Accepted),
    /// The backend refused the code, or the request failed.
    VerifyFailed(ApiError),
    /// The value the code is for changed (another method, another new value): the code
    /// on its way to it, if one is, is the step's.
    Retargeted(Option<SentCode>),
}

#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum CodeEffect {
    /// Ask the backend for a code.
    RequestCode(SendRequest),
    /// Check `code` against the challenge `challenge_id`.
    CheckCode { challenge_id: ChallengeId, code: Code, check: CheckRequest },
    /// Remember the code on its way to the target above the dialog (so that reopening
    /// resumes it), or forget it.
    Keep(Option<SentCode>),
    /// Empty the code field: a new code is on its way, or the wrong one is to be retyped.
    ClearInput,
    /// Nothing can be sent to this target for `seconds` (the server said so).
    Wait(u64),
    /// The session has ended: the app shows the sign-in view.
    SessionExpired,
    /// The backend wants identity verified again: the flow around the step goes back to
    /// it and says why; the step shows nothing of it.
    IdentityRequired,
    /// The code was accepted: what it earned is the flow around the step's to act on.
    Accepted(Accepted),
    /// Move focus (see [`Focus`]).
    Focus(Focus),
}

impl Effect for CodeEffect {
    fn focus(&self) -> Option<Focus> {
        match self {
            CodeEffect::Focus(to) => Some(*to),
            _ => None,
        }
    }
}

/// What happens to the code step on `event`.
pub fn next(state: &CodeState, event: CodeEvent) -> (CodeState, Vec<CodeEffect>) {
    let mut after = state.clone();
    let mut effects = Vec::new();
    match event {
        CodeEvent::Send(_) | CodeEvent::Verify(..) if after.status.busy() => return (after, effects),
        CodeEvent::Send(request) => {
            after.status = Status::Busy;
            effects.push(CodeEffect::RequestCode(request));
            effects.push(CodeEffect::Focus(Focus::Hold));
        }
        CodeEvent::Sent(challenge) => {
            after = CodeState { sent: Some(SentCode::Live(challenge)), ..CodeState::default() };
            effects.push(CodeEffect::ClearInput);
            effects.push(CodeEffect::Focus(Focus::Code));
        }
        CodeEvent::Verify(typed, check) => {
            let Some(sent) = &after.sent else { return (after, effects) };
            let checked = normalize_code(&typed, sent.challenge().code_length as usize);
            let challenge_id = sent.challenge().challenge_id.clone();
            after.status = Status::Idle;
            match checked {
                Err(error) => after.format_error = Some(error),
                Ok(code) => {
                    after.status = Status::Busy;
                    after.format_error = None;
                    effects.push(CodeEffect::CheckCode { challenge_id, code, check });
                    effects.push(CodeEffect::Focus(Focus::Hold));
                }
            }
        }
        CodeEvent::Verified(accepted) => {
            after = CodeState::default();
            effects.push(CodeEffect::Accepted(accepted));
        }
        CodeEvent::Retargeted(sent) => return (CodeState { sent, format_error: None, ..after }, effects),
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
            let elsewhere = handled_elsewhere(&error);
            fail(&mut after, &mut effects, error);
            // Back to the code to retype or resend it; a dead code's field is disabled, and
            // the heading keeps focus while the error says to resend.
            if !dead && !elsewhere {
                effects.push(CodeEffect::Focus(Focus::Code));
            }
        }
    }
    if after.sent != state.sent {
        effects.insert(0, CodeEffect::Keep(after.sent.clone()));
    }
    (after, effects)
}

/// Failures the step leaves to others: the app (the session ended) or the flow around it
/// (identity again).
fn handled_elsewhere(error: &ApiError) -> bool {
    matches!(error, ApiError::Unauthenticated | ApiError::IdentityRequired)
}

fn fail(after: &mut CodeState, effects: &mut Vec<CodeEffect>, error: ApiError) {
    after.status = Status::Idle;
    match error {
        ApiError::Unauthenticated => effects.push(CodeEffect::SessionExpired),
        ApiError::IdentityRequired => effects.push(CodeEffect::IdentityRequired),
        error => {
            if let Some(seconds) = error.retry_after() {
                effects.push(CodeEffect::Wait(seconds));
            }
            after.status = Status::Failed(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn challenge() -> Challenge {
        Challenge {
            challenge_id: "c1".into(),
            masked_target: "+86 138****0001".into(),
            #[cfg(not(target_arch = "wasm32"))]
            channel: "sms".into(),
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

    fn send_request() -> SendRequest {
        Request::new(Box::pin(async { Ok(challenge()) }))
    }

    fn ticket() -> Ticket {
        Ticket { ticket: "t1".into(), expires_at: "2026-11-27T06:00:00Z".into() }
    }

    fn check_request() -> CheckRequest {
        Request::new(Box::new(|_, _| Box::pin(async { Ok(Accepted::Identity(ticket())) })))
    }

    fn verify(typed: &str) -> (CodeEvent, CheckRequest) {
        let check = check_request();
        (CodeEvent::Verify(typed.into(), check.clone()), check)
    }

    #[test]
    fn sending_asks_once_then_shows_the_code_field() {
        let request = send_request();
        let (asking, effects) = next(&CodeState::default(), CodeEvent::Send(request.clone()));
        assert_eq!(
            (asking.status.busy(), effects),
            (true, vec![CodeEffect::RequestCode(request), CodeEffect::Focus(Focus::Hold)])
        );
        let second = CodeEvent::Send(send_request());
        assert_eq!(next(&asking.clone(), second), (asking.clone(), vec![]), "no second request");
        let (shown, effects) = next(&asking.clone(), CodeEvent::Sent(challenge()));
        let kept = CodeEffect::Keep(sent().sent);
        assert_eq!((shown, effects), (sent(), vec![kept, CodeEffect::ClearInput, CodeEffect::Focus(Focus::Code)]));
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
        let (event, check) = verify("482 913");
        let (checking, effects) = next(&sent(), event);
        assert!(checking.status.busy());
        assert_eq!(
            effects,
            vec![
                CodeEffect::CheckCode { challenge_id: "c1".into(), code: normalize_code("482913", 6).unwrap(), check },
                CodeEffect::Focus(Focus::Hold)
            ]
        );
        let (after, effects) = next(&sent(), verify("48291").0);
        assert_eq!((after.format_error, after.status, effects), (Some(CodeError::WrongLength), Status::Idle, vec![]));
        assert_eq!(next(&CodeState::default(), verify("482913").0).1, vec![], "no code was sent");
        assert_eq!(next(&busy(sent()), verify("482913").0).1, vec![], "one check at a time");
    }

    #[test]
    fn a_verified_code_is_spent_and_what_it_earned_goes_to_the_flow_around_it() {
        let earned = Accepted::Identity(ticket());
        let effects = vec![CodeEffect::Keep(None), CodeEffect::Accepted(earned.clone())];
        assert_eq!(next(&busy(sent()), CodeEvent::Verified(earned)), (CodeState::default(), effects));
        let saved = Accepted::Saved { account: crate::flows::test_account(), others_ended: Some(true) };
        let (_, effects) = next(&busy(sent()), CodeEvent::Verified(saved.clone()));
        assert_eq!(effects.last(), Some(&CodeEffect::Accepted(saved)), "no focus here: the flow decides");
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
            let dead = Some(SentCode::Dead(challenge()));
            assert_eq!(after.sent, dead, "{error:?}");
            assert_eq!((after.status, effects), (Status::Failed(error), vec![CodeEffect::Keep(dead)]));
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
    fn identity_asked_again_is_left_to_the_flow_around_the_step() {
        for failed in [CodeEvent::SendFailed, CodeEvent::VerifyFailed] {
            let (after, effects) = next(&busy(sent()), failed(ApiError::IdentityRequired));
            assert_eq!((after, effects), (sent(), vec![CodeEffect::IdentityRequired]), "no error, no focus here");
        }
    }

    #[test]
    fn another_target_shows_its_own_code_or_none() {
        let failed = CodeState {
            status: Status::Failed(ApiError::Network),
            format_error: Some(CodeError::WrongLength),
            ..sent()
        };
        let (after, effects) = next(&failed, CodeEvent::Retargeted(None));
        let expected = CodeState { status: Status::Failed(ApiError::Network), ..CodeState::default() };
        assert_eq!((after, effects), (expected, vec![]), "nothing to keep: the code stays with its own target");
        let (back, _) = next(&CodeState::default(), CodeEvent::Retargeted(sent().sent));
        assert_eq!(back, sent());
    }

    #[test]
    fn a_request_is_sent_once() {
        let request = send_request();
        assert!(request.take().is_some());
        assert!(request.take().is_none());
    }

    #[test]
    fn an_ended_session_shows_no_error_here() {
        let (after, effects) = next(&busy(sent()), CodeEvent::VerifyFailed(ApiError::Unauthenticated));
        assert_eq!((after, effects), (sent(), vec![CodeEffect::SessionExpired]));
    }
}
