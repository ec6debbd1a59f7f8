//! The code step every flow shares: a challenge on its way, and what each answer to
//! "send" and "verify" does to it.

use crate::api::types::Challenge;
use crate::api::ApiError;

/// A sent code, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentCode {
    pub challenge: Challenge,
    /// The code can no longer be used (expired, too many attempts, replaced): only
    /// "Resend" helps.
    pub dead: bool,
}

/// What the code step does after the backend answered a verify request with an error.
#[derive(Clone, Debug, PartialEq)]
pub enum CodeFailure {
    /// Wrong code: let the user try again (input selected for retyping).
    TryAgain,
    /// The code is dead; the user must ask for a new one.
    NeedsNewCode,
    /// The request failed for a reason unrelated to the code; input kept, retry possible.
    Retry,
}

pub fn on_verify_error(error: &ApiError) -> CodeFailure {
    match error {
        ApiError::InvalidCode { .. } | ApiError::InvalidCodeFormat => CodeFailure::TryAgain,
        ApiError::CodeExpired | ApiError::TooManyAttempts | ApiError::ChallengeNotFound => CodeFailure::NeedsNewCode,
        _ => CodeFailure::Retry,
    }
}

impl SentCode {
    pub fn new(challenge: Challenge) -> Self {
        Self { challenge, dead: false }
    }

    /// The step after a failed verify.
    pub fn after_error(&self, error: &ApiError) -> SentCode {
        let dead = self.dead || on_verify_error(error) == CodeFailure::NeedsNewCode;
        SentCode { challenge: self.challenge.clone(), dead }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> SentCode {
        SentCode::new(Challenge {
            challenge_id: "c1".into(),
            masked_target: "+86 138****0001".into(),
            expires_at: "2026-11-27T06:00:00Z".into(),
            resend_at: "2026-11-27T05:51:00Z".into(),
            code_length: 6,
        })
    }

    #[test]
    fn wrong_code_keeps_the_code_alive() {
        let next = sent().after_error(&ApiError::InvalidCode { attempts_left: Some(4) });
        assert!(!next.dead);
        assert_eq!(on_verify_error(&ApiError::InvalidCode { attempts_left: Some(4) }), CodeFailure::TryAgain);
    }

    #[test]
    fn expired_dead_or_replaced_codes_need_a_new_one() {
        for error in [ApiError::CodeExpired, ApiError::TooManyAttempts, ApiError::ChallengeNotFound] {
            assert!(sent().after_error(&error).dead, "{error:?}");
        }
    }

    #[test]
    fn network_failures_change_nothing() {
        let next = sent().after_error(&ApiError::Network);
        assert_eq!(next, sent());
        assert_eq!(on_verify_error(&ApiError::Network), CodeFailure::Retry);
    }
}
