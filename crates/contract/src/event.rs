//! What happened to a field, as Recent changes (`GET /account/events`) and the notices say
//! it: the action, where the change stands, who made it, and what a person told of it can do.

wire_enum! {
    EventAction {
        /// A value replaced another.
        Changed = "changed",
        /// A contact value was verified with a code.
        Verified = "verified",
        /// A first value was bound.
        Bound = "bound",
        /// A new contact value was asked for; it waits for its code.
        Requested = "requested",
        /// A change waiting for its code (or its time) was called off.
        Cancelled = "cancelled",
        /// A change waiting for its code was not finished in time.
        Expired = "expired",
        /// A change that cooled off took effect.
        Committed = "committed",
        /// A change was undone from a notice: the previous value is back.
        Undone = "undone",
        /// The account was secured: every session signed out, security changes held.
        Secured = "secured",
        /// The holder kept a change: nobody can undo or cancel it any more.
        Kept = "kept",
    }
}

wire_enum! {
    /// Where a change stands.
    ChangeState {
        /// Asked for, not in effect: a contact value waiting for its code.
        Pending = "pending",
        /// In effect.
        Committed = "committed",
        /// Called off before it took effect.
        Cancelled = "cancelled",
        /// Not finished in time.
        Expired = "expired",
        /// Asked for, not in effect: a factor's new value until its cooling-off ends.
        CoolingOff = "cooling_off",
        /// Put back from a notice.
        Undone = "undone",
    }
}

wire_enum! {
    /// Who made a change.
    Actor {
        /// The signed-in holder of the account.
        You = "you",
        /// Someone acting from a notice.
        Notice = "notice",
        /// The backend itself (a request that expired).
        System = "system",
    }
}

wire_enum! {
    /// What a person told of a change may do about it from the notice.
    NoticeAction {
        /// Say it was them: nothing more is asked.
        Confirm = "confirm",
        /// Call off a change that has not taken effect.
        Cancel = "cancel",
        /// Put the previous value back (and secure the account).
        Undo = "undo",
        /// Sign out every session and hold security changes.
        Secure = "secure",
    }
}
