//! Verification flows as state machines. Each flow's state is a value; `next(state, event)`
//! is a pure function returning the next state and the effects for the component to carry
//! out (a request, a field to focus, the dialog to close). Native tests cover every
//! transition.

pub mod code;
pub(crate) mod combobox;
pub(crate) mod contact;
pub(crate) mod password;
pub(crate) mod row;
pub(crate) mod security;

use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use contract::{AccountField, IdentityMethod};

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

/// A request to the backend, not yet sent (a future does nothing until it is polled).
pub type Pending<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// A request carried by the event that asks for it: `next` decides whether it goes (one at
/// a time, a code of the right shape), the runner sends it, at most once. Two are equal
/// when they are the same request.
pub struct Request<T>(Rc<Cell<Option<T>>>);

impl<T> Request<T> {
    pub fn new(request: T) -> Self {
        Self(Rc::new(Cell::new(Some(request))))
    }

    /// The request, the first time; `None` after.
    pub fn take(&self) -> Option<T> {
        self.0.take()
    }
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> PartialEq for Request<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Request")
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
    /// The code verifying this contact value; the masked value tells one value from the
    /// next.
    Verify(AccountField, String),
    /// The code sent to this new value of a factor.
    Change(AccountField, String),
    /// The new value typed for this factor.
    Draft(AccountField),
}

/// An account the flows' tests start from: a recovery mobile, nothing else bound.
#[cfg(test)]
pub(crate) fn test_account() -> contract::Account {
    contract::json::from_str(
        r#"{"account_id":"1","display_name":"d","account_type":"individual","identity_verification":"verified",
        "registered_at":"2025-01-01T00:00:00Z","login_email":null,"contact_mobile":null,"contact_email":null,
        "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,"identity_methods":["sms"]}"#,
    )
    .unwrap()
}
