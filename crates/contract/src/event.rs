//! What happened to a field, as Recent changes (`GET /account/events`) says it.

use crate::Wire;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventAction {
    /// A value replaced another.
    Changed,
    /// A contact value was verified with a code.
    Verified,
    /// A first value was bound.
    Bound,
}

impl Wire for EventAction {
    const ALL: &'static [EventAction] = &[EventAction::Changed, EventAction::Verified, EventAction::Bound];

    fn wire(self) -> &'static str {
        match self {
            EventAction::Changed => "changed",
            EventAction::Verified => "verified",
            EventAction::Bound => "bound",
        }
    }
}
