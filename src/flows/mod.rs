//! Verification flows as state machines. Each flow's state is a value; `next(state, event)`
//! is a pure function returning the next state and the effects for the component to carry
//! out (a request, a field to focus, the dialog to close). Native tests cover every
//! transition.

pub(crate) mod clock;
pub mod code;
pub(crate) mod contact;
pub(crate) mod password;
pub(crate) mod reconcile;
pub(crate) mod security;

use crate::api::types::{IdentityMethod, Kind};
use security::SecurityTarget;

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
