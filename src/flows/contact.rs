//! Editing a contact value: the value, then identity verification when the backend asks
//! for it, then the same change again, automatically. What the user typed survives every
//! step.

use crate::api::types::Account;
use crate::api::ApiError;
use crate::flows::code::SentCode;

/// Where the identity step is.
#[derive(Clone, Debug, PartialEq)]
pub enum IdentityStep {
    /// Choose how to receive the code and send it.
    Choose,
    /// A code is on its way to the chosen recovery address.
    CodeSent { method: String, code: SentCode },
}

#[derive(Clone, Debug, PartialEq)]
pub enum EditStep {
    /// The new value is being typed (or was rejected).
    EnterValue,
    /// The backend asked for identity verification; the change resumes after it.
    VerifyIdentity(IdentityStep),
}

/// What the dialog does after the backend answered the change.
#[derive(Clone, Debug, PartialEq)]
pub enum EditOutcome {
    /// Changed: close, announce, show the new value.
    Done(Account),
    /// Stay on (or go to) `step` and show `error`.
    Show { step: EditStep, error: Option<ApiError> },
}

/// Errors about the value itself send the user back to the value, whatever the step.
fn is_value_error(error: &ApiError) -> bool {
    matches!(error, ApiError::InvalidPhone | ApiError::InvalidEmail | ApiError::SameAsCurrent)
}

/// The transition after `PUT /contact/{kind}` answered.
pub fn after_change(step: &EditStep, result: Result<Account, ApiError>) -> EditOutcome {
    match result {
        Ok(account) => EditOutcome::Done(account),
        Err(ApiError::IdentityRequired) => {
            // A ticket that expired mid-flow lands here too: verify again, then resume.
            let keep = matches!(step, EditStep::VerifyIdentity(_));
            EditOutcome::Show {
                step: EditStep::VerifyIdentity(IdentityStep::Choose),
                error: keep.then_some(ApiError::IdentityRequired),
            }
        }
        Err(error) if is_value_error(&error) => EditOutcome::Show { step: EditStep::EnterValue, error: Some(error) },
        Err(error) => EditOutcome::Show { step: step.clone(), error: Some(error) },
    }
}

/// The identity method to preselect: the only one, or the first (SMS before email).
pub fn default_method(methods: &[String]) -> Option<String> {
    methods.first().cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::Challenge;

    fn account() -> Account {
        crate::json::from_str(
            r#"{"account_id":"1","display_name":"d","account_type":"individual","identity_verification":"verified",
            "registered_at":"2025-01-01T00:00:00Z","login_email":null,"contact_mobile":null,"contact_email":null,
            "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,"identity_methods":["sms"]}"#,
        )
        .unwrap()
    }

    fn code_sent() -> EditStep {
        EditStep::VerifyIdentity(IdentityStep::CodeSent {
            method: "sms".into(),
            code: SentCode::new(Challenge {
                challenge_id: "c".into(),
                masked_target: "+86 138****0001".into(),
                expires_at: "2026-01-01T00:10:00Z".into(),
                resend_at: "2026-01-01T00:01:00Z".into(),
                code_length: 6,
            }),
        })
    }

    #[test]
    fn success_closes_from_any_step() {
        assert_eq!(after_change(&EditStep::EnterValue, Ok(account())), EditOutcome::Done(account()));
        assert_eq!(after_change(&code_sent(), Ok(account())), EditOutcome::Done(account()));
    }

    #[test]
    fn identity_required_goes_to_the_identity_step() {
        assert_eq!(
            after_change(&EditStep::EnterValue, Err(ApiError::IdentityRequired)),
            EditOutcome::Show { step: EditStep::VerifyIdentity(IdentityStep::Choose), error: None }
        );
    }

    #[test]
    fn an_expired_ticket_on_retry_verifies_again_and_says_why() {
        assert_eq!(
            after_change(&code_sent(), Err(ApiError::IdentityRequired)),
            EditOutcome::Show {
                step: EditStep::VerifyIdentity(IdentityStep::Choose),
                error: Some(ApiError::IdentityRequired)
            }
        );
    }

    #[test]
    fn value_errors_go_back_to_the_value() {
        for error in [ApiError::InvalidPhone, ApiError::InvalidEmail, ApiError::SameAsCurrent] {
            assert_eq!(
                after_change(&code_sent(), Err(error.clone())),
                EditOutcome::Show { step: EditStep::EnterValue, error: Some(error) }
            );
        }
    }

    #[test]
    fn other_failures_keep_the_step() {
        assert_eq!(
            after_change(&code_sent(), Err(ApiError::Network)),
            EditOutcome::Show { step: code_sent(), error: Some(ApiError::Network) }
        );
    }

    #[test]
    fn default_method_is_the_first_available() {
        assert_eq!(default_method(&["sms".into(), "email".into()]), Some("sms".into()));
        assert_eq!(default_method(&[]), None);
    }
}
