//! Verification flows as state machines. Each flow's state is a value; `next(state, event)`
//! is a pure function returning the next state and the effects for the component to carry
//! out (a request, a field to focus, the dialog to close). Native tests cover every
//! transition.

pub mod code;
pub(crate) mod combobox;
pub(crate) mod contact;
pub(crate) mod copy;
pub(crate) mod password;
pub(crate) mod security;

use crate::api::types::{IdentityMethod, Kind, SecurityTarget};
use crate::api::ApiError;

/// Where a flow's request stands: one at a time, and what the last one met.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Status {
    #[default]
    Idle,
    /// A request is in flight; nothing else starts meanwhile.
    Busy,
    /// What the last request met, shown until the next one starts.
    Failed(ApiError),
}

impl Status {
    pub fn busy(&self) -> bool {
        matches!(self, Status::Busy)
    }

    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Status::Failed(error) => Some(error),
            _ => None,
        }
    }
}

/// Where focus goes after a transition, so a keyboard or screen-reader user is never left
/// on a hidden element or on the page behind the dialog. The dialog carries it out once the
/// new state has rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The step changed: its first field (or its heading when it has none) takes focus and
    /// its title is announced.
    Step,
    /// The code field, to type (or retype) the code.
    Code,
    /// The value field, whose error is shown under it.
    Value,
    /// A request started: if the control that started it is now disabled (or focus fell
    /// to the page), the dialog's heading holds focus until the answer comes.
    Hold,
}

/// An effect of a flow. The runner moves focus itself (see [`Focus`]) and hands the rest to
/// the component's interpreter.
pub trait Effect {
    /// Where the effect moves focus, if that is what it does.
    fn focus(&self) -> Option<Focus> {
        None
    }
}

/// What the app remembers above any one dialog, so that a dialog closed and opened again
/// resumes: codes on their way and their clocks, and what was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowKey {
    /// The identity code sent by this method.
    Identity(IdentityMethod),
    /// The code verifying the contact value of this kind; the masked value tells one value
    /// from the next.
    Verify(Kind, String),
    /// The code sent to this new value of a recovery address or the login email.
    Change(SecurityTarget, String),
    /// The new value typed for this target.
    Draft(SecurityTarget),
}

/// An account the flows' tests start from: a recovery mobile, nothing else bound.
#[cfg(test)]
pub(crate) fn test_account() -> crate::api::types::Account {
    crate::json::from_str(
        r#"{"account_id":"1","display_name":"d","account_type":"individual","identity_verification":"verified",
        "registered_at":"2025-01-01T00:00:00Z","login_email":null,"contact_mobile":null,"contact_email":null,
        "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,"identity_methods":["sms"]}"#,
    )
    .unwrap()
}
