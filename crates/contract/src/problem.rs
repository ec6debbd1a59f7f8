//! The stable machine codes of the backend's errors (`application/problem+json`'s `code`).

wire_enum! {
    ProblemCode {
        Unauthenticated = "unauthenticated",
        CsrfFailed = "csrf_failed",
        IdentityVerificationRequired = "identity_verification_required",
        InvalidPassword = "invalid_password",
        PasswordLocked = "password_locked",
        InvalidCode = "invalid_code",
        InvalidCodeFormat = "invalid_code_format",
        CodeExpired = "code_expired",
        TooManyAttempts = "too_many_attempts",
        ChallengeNotFound = "challenge_not_found",
        ResendTooSoon = "resend_too_soon",
        DailyLimitReached = "daily_limit_reached",
        InvalidPhone = "invalid_phone",
        InvalidEmail = "invalid_email",
        SameAsCurrent = "same_as_current",
        AlreadyBound = "already_bound",
        AlreadyVerified = "already_verified",
        NoRecoveryValue = "no_recovery_value",
        MethodUnavailable = "method_unavailable",
        NotFound = "not_found",
        InvalidRequest = "invalid_request",
        PayloadTooLarge = "payload_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        MethodNotAllowed = "method_not_allowed",
        InternalError = "internal_error",
        MisdirectedRequest = "misdirected_request",
        CrossSiteRequest = "cross_site_request",
        TooManySessions = "too_many_sessions",
    }
}
