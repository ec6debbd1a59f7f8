//! `ApiError`: every failure a request can meet, decoded from problem+json.

use contract::json::{FromJson, Json, JsonError};
use contract::{Known, ProblemCode};

use crate::i18n::{Key, Locale};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    Unauthenticated,
    CsrfFailed,
    IdentityRequired,
    InvalidPassword {
        attempts_left: Option<u32>,
    },
    /// Too many wrong passwords: identity by password is paused for a while.
    PasswordLocked {
        retry_after_s: u64,
    },
    InvalidCode {
        attempts_left: Option<u32>,
    },
    InvalidCodeFormat,
    CodeExpired,
    TooManyAttempts,
    ChallengeNotFound,
    ResendTooSoon {
        retry_after_s: u64,
    },
    DailyLimitReached {
        retry_after_s: u64,
    },
    /// 429 or 503 with `Retry-After` and no problem body: a gateway or load shedder.
    RateLimited {
        retry_after_s: u64,
    },
    InvalidPhone,
    InvalidEmail,
    SameAsCurrent,
    AlreadyBound,
    AlreadyVerified,
    NoRecoveryValue,
    MethodUnavailable,
    NotFound,
    InvalidRequest,
    /// The request never got an answer.
    Network,
    /// No answer within the deadline (the mount config's `requestTimeoutMs`).
    Timeout,
    /// 5xx, or an error answer without a problem body.
    Server {
        status: u16,
    },
    /// A 2xx answer whose body is not what the contract says: a proxy or an older or newer
    /// backend. The request may have taken effect.
    Decode,
    /// Security changes are held after the account was secured from a notice.
    SecurityHold,
    /// A change of the field waits to take effect (cooling-off).
    ChangePending,
    /// A well-formed problem with a code this client does not know.
    Unexpected {
        status: u16,
        code: String,
    },
}

struct ProblemBody {
    code: Option<String>,
    retry_after_s: Option<u64>,
    attempts_left: Option<u32>,
}

impl FromJson for ProblemBody {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ProblemBody {
            code: json.maybe("code")?,
            retry_after_s: json.maybe("retry_after_s")?,
            attempts_left: json.maybe("attempts_left")?,
        })
    }
}

impl ApiError {
    /// Decodes an error response. `header_wait` is the `Retry-After` header in seconds,
    /// which wins over the body's `retry_after_s` when both are present.
    pub fn decode(status: u16, header_wait: Option<u64>, body: &str) -> ApiError {
        let problem: Option<ProblemBody> = contract::json::from_str(body).ok();
        let Some(problem) = problem else {
            return match (status, header_wait) {
                (401, _) => ApiError::Unauthenticated,
                // A gateway in front of the backend says how long to wait, without a body.
                (429 | 503, Some(retry_after_s)) => ApiError::RateLimited { retry_after_s },
                _ => ApiError::Server { status },
            };
        };
        let wait = header_wait.or(problem.retry_after_s).unwrap_or(60);
        let Some(code) = problem.code else {
            return if status == 401 { ApiError::Unauthenticated } else { ApiError::Server { status } };
        };
        let unexpected = || match status {
            401 => ApiError::Unauthenticated,
            500.. => ApiError::Server { status },
            _ => ApiError::Unexpected { status, code: code.clone() },
        };
        let known = match Known::<ProblemCode>::decode(&code) {
            Known::Is(known) => known,
            Known::Other => return unexpected(),
        };
        match known {
            ProblemCode::Unauthenticated => ApiError::Unauthenticated,
            ProblemCode::CsrfFailed => ApiError::CsrfFailed,
            ProblemCode::IdentityVerificationRequired => ApiError::IdentityRequired,
            ProblemCode::InvalidPassword => ApiError::InvalidPassword { attempts_left: problem.attempts_left },
            ProblemCode::PasswordLocked => ApiError::PasswordLocked { retry_after_s: wait },
            ProblemCode::InvalidCode => ApiError::InvalidCode { attempts_left: problem.attempts_left },
            ProblemCode::InvalidCodeFormat => ApiError::InvalidCodeFormat,
            ProblemCode::CodeExpired => ApiError::CodeExpired,
            ProblemCode::TooManyAttempts => ApiError::TooManyAttempts,
            ProblemCode::ChallengeNotFound => ApiError::ChallengeNotFound,
            ProblemCode::ResendTooSoon => ApiError::ResendTooSoon { retry_after_s: wait },
            ProblemCode::DailyLimitReached => ApiError::DailyLimitReached { retry_after_s: wait },
            ProblemCode::InvalidPhone => ApiError::InvalidPhone,
            ProblemCode::InvalidEmail => ApiError::InvalidEmail,
            ProblemCode::SameAsCurrent => ApiError::SameAsCurrent,
            ProblemCode::AlreadyBound => ApiError::AlreadyBound,
            ProblemCode::AlreadyVerified => ApiError::AlreadyVerified,
            ProblemCode::NoRecoveryValue => ApiError::NoRecoveryValue,
            ProblemCode::MethodUnavailable => ApiError::MethodUnavailable,
            ProblemCode::NotFound => ApiError::NotFound,
            ProblemCode::InvalidRequest => ApiError::InvalidRequest,
            ProblemCode::InternalError => ApiError::Server { status },
            ProblemCode::SecurityHold => ApiError::SecurityHold,
            ProblemCode::ChangePending => ApiError::ChangePending,

            // Answers to requests the app never makes (a body too large, another method,
            // another site or host, the dev helpers' sign-in): told as unexpected, with the code.
            ProblemCode::PayloadTooLarge
            | ProblemCode::UnsupportedMediaType
            | ProblemCode::MethodNotAllowed
            | ProblemCode::MisdirectedRequest
            | ProblemCode::CrossSiteRequest
            | ProblemCode::TooManySessions
            // The notice page's own (it has no session, and its own client).
            | ProblemCode::NoticeLinkInvalid
            | ProblemCode::ActionNotAllowed
            | ProblemCode::ChangeSuperseded
            | ProblemCode::DisputeLimitReached => unexpected(),
        }
    }

    pub fn key(&self) -> Key {
        match self {
            ApiError::Unauthenticated => Key::ErrUnauthenticated,
            ApiError::CsrfFailed => Key::ErrCsrfFailed,
            ApiError::IdentityRequired => Key::ErrIdentityRequired,
            ApiError::InvalidPassword { attempts_left: Some(_) } => Key::ErrInvalidPassword,
            ApiError::InvalidPassword { attempts_left: None } => Key::ErrInvalidPasswordNoCount,
            ApiError::PasswordLocked { .. } => Key::ErrPasswordLocked,
            ApiError::InvalidCode { attempts_left: Some(_) } => Key::ErrInvalidCode,
            ApiError::InvalidCode { attempts_left: None } => Key::ErrInvalidCodeNoCount,
            ApiError::InvalidCodeFormat => Key::ErrInvalidCodeFormat,
            ApiError::CodeExpired => Key::ErrCodeExpired,
            ApiError::TooManyAttempts => Key::ErrTooManyAttempts,
            ApiError::ChallengeNotFound => Key::ErrChallengeNotFound,
            ApiError::ResendTooSoon { .. } => Key::ErrResendTooSoon,
            ApiError::DailyLimitReached { .. } => Key::ErrDailyLimitReached,
            ApiError::RateLimited { .. } => Key::ErrRateLimited,
            ApiError::InvalidPhone => Key::ErrInvalidPhone,
            ApiError::InvalidEmail => Key::ErrInvalidEmail,
            ApiError::SameAsCurrent => Key::ErrSameAsCurrent,
            ApiError::AlreadyBound => Key::ErrAlreadyBound,
            ApiError::AlreadyVerified => Key::ErrAlreadyVerified,
            ApiError::NoRecoveryValue => Key::ErrNoRecoveryValue,
            ApiError::MethodUnavailable => Key::ErrMethodUnavailable,
            ApiError::NotFound => Key::ErrNotFound,
            ApiError::InvalidRequest => Key::ErrInvalidRequest,
            ApiError::Network => Key::ErrNetwork,
            ApiError::Timeout => Key::ErrTimeout,
            ApiError::Server { .. } => Key::ErrServer,
            ApiError::Decode => Key::ErrDecode,
            ApiError::Unexpected { .. } => Key::ErrUnexpected,
            ApiError::SecurityHold => Key::ErrSecurityHold,
            ApiError::ChangePending => Key::ErrChangePending,
        }
    }

    /// The message a user reads, with its numbers filled in.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ApiError::InvalidCode { attempts_left: Some(n) } | ApiError::InvalidPassword { attempts_left: Some(n) } => {
                locale.format(self.key(), &[("n", &n.to_string())])
            }
            _ => self.message_waiting(locale, self.retry_after().unwrap_or_default(), ""),
        }
    }

    /// The message with `seconds` still to wait, for a countdown that ticks in the text;
    /// `until` is the local time the wait ends, for the daily limit.
    pub fn message_waiting(&self, locale: Locale, seconds: u64, until: &str) -> String {
        let minutes = seconds.div_ceil(60).to_string();
        locale.format(self.key(), &[("s", &seconds.to_string()), ("m", &minutes), ("time", until)])
    }

    /// What to say now: a wait the server asked for is said while `wait` (the countdown's
    /// seconds) is above 0 and goes once it is over; `until` names when a wait of so many
    /// seconds ends.
    pub fn message_now(&self, locale: Locale, wait: u64, until: impl Fn(u64) -> String) -> Option<String> {
        match self.retry_after() {
            Some(_) => (wait > 0).then(|| self.message_waiting(locale, wait, &until(wait))),
            None => Some(self.message(locale)),
        }
    }

    /// How long the server asked to wait before the same request, if it did.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::ResendTooSoon { retry_after_s }
            | ApiError::DailyLimitReached { retry_after_s }
            | ApiError::RateLimited { retry_after_s }
            | ApiError::PasswordLocked { retry_after_s } => Some(*retry_after_s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(code: &str, extra: &str) -> String {
        format!(r#"{{"type":"urn:x","title":"t","status":400,"code":"{code}"{extra}}}"#)
    }

    #[test]
    fn decodes_every_contract_code() {
        let cases = [
            ("unauthenticated", ApiError::Unauthenticated),
            ("csrf_failed", ApiError::CsrfFailed),
            ("identity_verification_required", ApiError::IdentityRequired),
            ("code_expired", ApiError::CodeExpired),
            ("too_many_attempts", ApiError::TooManyAttempts),
            ("challenge_not_found", ApiError::ChallengeNotFound),
            ("invalid_code_format", ApiError::InvalidCodeFormat),
            ("invalid_phone", ApiError::InvalidPhone),
            ("invalid_email", ApiError::InvalidEmail),
            ("same_as_current", ApiError::SameAsCurrent),
            ("already_bound", ApiError::AlreadyBound),
            ("already_verified", ApiError::AlreadyVerified),
            ("no_recovery_value", ApiError::NoRecoveryValue),
            ("method_unavailable", ApiError::MethodUnavailable),
            ("not_found", ApiError::NotFound),
            ("invalid_request", ApiError::InvalidRequest),
        ];
        for (code, expected) in cases {
            assert_eq!(ApiError::decode(400, None, &problem(code, "")), expected, "{code}");
        }
    }

    #[test]
    fn keeps_the_numbers() {
        let wrong = ApiError::decode(422, None, &problem("invalid_code", r#","attempts_left":3"#));
        assert_eq!(wrong, ApiError::InvalidCode { attempts_left: Some(3) });
        assert_eq!(wrong.message(Locale::En), "That code is not correct. Attempts left: 3.");
        assert_eq!(wrong.message(Locale::ZhCn), "验证码不正确，还可尝试 3 次。");

        let soon = ApiError::decode(429, Some(42), &problem("resend_too_soon", r#","retry_after_s":40"#));
        assert_eq!(soon, ApiError::ResendTooSoon { retry_after_s: 42 }, "the header wins");
        let body_only = ApiError::decode(429, None, &problem("daily_limit_reached", r#","retry_after_s":3600"#));
        assert_eq!(body_only, ApiError::DailyLimitReached { retry_after_s: 3600 });

        let password = ApiError::decode(422, None, &problem("invalid_password", r#","attempts_left":2"#));
        assert_eq!(password.message(Locale::En), "The password is not correct. Attempts left: 2.");
        let locked = ApiError::decode(429, Some(900), &problem("password_locked", r#","retry_after_s":900"#));
        assert_eq!(locked, ApiError::PasswordLocked { retry_after_s: 900 });
        assert_eq!(
            locked.message_waiting(Locale::En, 61, ""),
            "Too many wrong passwords. Try again in 2 min, or verify with a code."
        );
        assert_eq!(
            locked.message_waiting(Locale::ZhCn, 900, ""),
            "密码错误次数过多，请 15 分钟后重试，或改用验证码验证。"
        );
        let daily = ApiError::DailyLimitReached { retry_after_s: 3600 };
        let until = |s: u64| format!("in {s} s");
        assert_eq!(
            daily.message_now(Locale::En, 3000, until).as_deref(),
            Some("Too many codes were sent to this address today. Try again after in 3000 s."),
            "the time the limit lifts, from the countdown's seconds"
        );
        assert_eq!(daily.message_now(Locale::En, 0, until), None, "said no more once the wait is over");
        assert_eq!(ApiError::Network.message_now(Locale::En, 0, until), Some(ApiError::Network.message(Locale::En)));
    }

    #[test]
    fn non_problem_answers() {
        assert_eq!(ApiError::decode(502, None, "<html>Bad gateway</html>"), ApiError::Server { status: 502 });
        assert_eq!(ApiError::decode(429, Some(42), ""), ApiError::RateLimited { retry_after_s: 42 });
        assert_eq!(ApiError::decode(503, Some(7), "<html>busy</html>"), ApiError::RateLimited { retry_after_s: 7 });
        assert_eq!(ApiError::decode(503, None, ""), ApiError::Server { status: 503 });
        assert_eq!(
            ApiError::RateLimited { retry_after_s: 42 }.message(Locale::En),
            "The service is busy. Try again in 42 s."
        );
        assert_eq!(ApiError::decode(401, None, ""), ApiError::Unauthenticated);
        assert_eq!(
            ApiError::decode(409, None, &problem("brand_new", "")),
            ApiError::Unexpected { status: 409, code: "brand_new".into() }
        );
    }

    #[test]
    fn every_error_has_a_message_in_every_language() {
        // Every variant: a new one without words fails here.
        let all = [
            ApiError::Unauthenticated,
            ApiError::CsrfFailed,
            ApiError::IdentityRequired,
            ApiError::InvalidPassword { attempts_left: None },
            ApiError::PasswordLocked { retry_after_s: 60 },
            ApiError::InvalidCode { attempts_left: None },
            ApiError::InvalidCodeFormat,
            ApiError::CodeExpired,
            ApiError::TooManyAttempts,
            ApiError::ChallengeNotFound,
            ApiError::ResendTooSoon { retry_after_s: 30 },
            ApiError::DailyLimitReached { retry_after_s: 3600 },
            ApiError::RateLimited { retry_after_s: 5 },
            ApiError::InvalidPhone,
            ApiError::InvalidEmail,
            ApiError::SameAsCurrent,
            ApiError::AlreadyBound,
            ApiError::AlreadyVerified,
            ApiError::NoRecoveryValue,
            ApiError::MethodUnavailable,
            ApiError::NotFound,
            ApiError::InvalidRequest,
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Server { status: 500 },
            ApiError::Decode,
            ApiError::Unexpected { status: 418, code: "x".into() },
        ];
        for error in &all {
            let (en, zh, hant) =
                (error.message(Locale::En), error.message(Locale::ZhCn), error.message(Locale::ZhHant));
            assert!(!en.is_empty() && !zh.is_empty() && !hant.is_empty(), "{error:?}");
            assert!(!en.contains('{') && !zh.contains('{') && !hant.contains('{'), "a placeholder left: {error:?}");
            assert_ne!(en, zh, "{error:?}");
            assert!(!zh.is_ascii(), "{error:?} in Chinese: {zh}");
        }
        // The refusals of a code or a value each say their own thing.
        let mut seen: Vec<String> = all.iter().map(|e| e.message(Locale::En)).collect();
        seen.sort();
        let before = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), before, "two errors share one message");
    }
}
