//! What happened to a field, as Recent changes (`GET /account/events`) and the notices say
//! it: the action, where the change stands, who made it, and what a person told of it can do.

use crate::Wire;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventAction {
    /// A value replaced another.
    Changed,
    /// A contact value was verified with a code.
    Verified,
    /// A first value was bound.
    Bound,
    /// A new contact value was asked for; it waits for its code.
    Requested,
    /// A change waiting for its code (or its time) was called off.
    Cancelled,
    /// A change waiting for its code was not finished in time.
    Expired,
}

impl Wire for EventAction {
    const ALL: &'static [EventAction] = &[
        EventAction::Changed,
        EventAction::Verified,
        EventAction::Bound,
        EventAction::Requested,
        EventAction::Cancelled,
        EventAction::Expired,
    ];

    fn wire(self) -> &'static str {
        match self {
            EventAction::Changed => "changed",
            EventAction::Verified => "verified",
            EventAction::Bound => "bound",
            EventAction::Requested => "requested",
            EventAction::Cancelled => "cancelled",
            EventAction::Expired => "expired",
        }
    }
}

/// Where a change stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeState {
    /// Asked for, not in effect: a contact value waiting for its code.
    Pending,
    /// In effect.
    Committed,
    /// Called off before it took effect.
    Cancelled,
    /// Not finished in time.
    Expired,
}

impl Wire for ChangeState {
    const ALL: &'static [ChangeState] =
        &[ChangeState::Pending, ChangeState::Committed, ChangeState::Cancelled, ChangeState::Expired];

    fn wire(self) -> &'static str {
        match self {
            ChangeState::Pending => "pending",
            ChangeState::Committed => "committed",
            ChangeState::Cancelled => "cancelled",
            ChangeState::Expired => "expired",
        }
    }
}

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The signed-in holder of the account.
    You,
    /// Someone acting from a notice.
    Notice,
    /// The backend itself (a request that expired).
    System,
}

impl Wire for Actor {
    const ALL: &'static [Actor] = &[Actor::You, Actor::Notice, Actor::System];

    fn wire(self) -> &'static str {
        match self {
            Actor::You => "you",
            Actor::Notice => "notice",
            Actor::System => "system",
        }
    }
}

/// What a person told of a change may do about it from the notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeAction {
    /// Say it was them: nothing more is asked.
    Confirm,
    /// Call off a change that has not taken effect.
    Cancel,
    /// Put the previous value back (and secure the account).
    Undo,
    /// Sign out every session and hold security changes.
    Secure,
}

impl Wire for NoticeAction {
    const ALL: &'static [NoticeAction] =
        &[NoticeAction::Confirm, NoticeAction::Cancel, NoticeAction::Undo, NoticeAction::Secure];

    fn wire(self) -> &'static str {
        match self {
            NoticeAction::Confirm => "confirm",
            NoticeAction::Cancel => "cancel",
            NoticeAction::Undo => "undo",
            NoticeAction::Secure => "secure",
        }
    }
}
