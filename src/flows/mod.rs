//! Verification flows as state machines. Steps are enums; transitions are pure functions
//! of the current step and what the backend answered, covered by native tests.

pub mod clock;
pub mod code;
pub mod contact;
pub mod reconcile;
pub mod security;
