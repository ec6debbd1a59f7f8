//! The vocabulary the Account Console app and its backend share (`api/openapi.yaml` in
//! types): the account's fields, identity methods, event actions and problem codes with
//! their wire names, the wire types, validation of what people type, and the calling
//! regions. No UI: the words people read stay in the app, as tables over these types.

/// An enum of values the contract names on the wire, each written once with its name: `ALL`
/// lists every variant by construction, and `wire` is an exhaustive `match`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$doc])* $variant,)* }

        impl $crate::Wire for $name {
            const ALL: &'static [$name] = &[$($name::$variant),*];

            fn wire(self) -> &'static str {
                match self { $($name::$variant => $wire,)* }
            }
        }
    };
}

pub mod dto;
pub mod event;
pub mod field;
pub mod json;
pub mod lookalike;
pub mod method;
pub mod problem;
pub mod regions;
mod unicode;
pub mod validate;

#[cfg(not(target_arch = "wasm32"))]
pub use dto::EventSubject;
pub use dto::{
    Account, AccountEvent, Authorisation, Challenge, ChallengeId, ChangeCancelled, ContactValue, Events,
    IdentityTicket, Masked, NoticeSent, PendingChange, SessionInfo, Sessions, SessionsEnded, Ticket,
};
pub use dto::{ChangeKept, NoticeEvent, NoticeGrant, NoticeInfo, NoticeOutcome, RecentChange, SecurityHold};
pub use event::{Actor, ChangeState, EventAction, NoticeAction};
pub use field::{AccountField, Lifecycle, Medium};
pub use method::IdentityMethod;
pub use problem::ProblemCode;

/// A value the contract names on the wire, with every value this version knows.
pub trait Wire: Copy + PartialEq + 'static {
    const ALL: &'static [Self];

    /// Its name on the wire.
    fn wire(self) -> &'static str;

    /// The value of a wire name, if this version knows it.
    fn from_wire(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.wire() == text)
    }
}

/// A wire value as read: one this version knows, or `Other` (a later backend may add
/// values; a client tells one it does not know neutrally, never as one it knows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known<T> {
    Is(T),
    Other,
}

impl<T: Wire> Known<T> {
    /// The one decoder of wire names.
    pub fn decode(text: &str) -> Self {
        T::from_wire(text).map_or(Known::Other, Known::Is)
    }

    pub fn known(self) -> Option<T> {
        match self {
            Known::Is(value) => Some(value),
            Known::Other => None,
        }
    }
}

/// `Serialize` by wire name, for the backend (natively only: the browser never writes these).
macro_rules! serialize_by_wire_name {
    ($($ty:ty),*) => {$(
        #[cfg(not(target_arch = "wasm32"))]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(Wire::wire(*self))
            }
        }
    )*};
}
serialize_by_wire_name!(AccountField, IdentityMethod, EventAction, ChangeState, Actor, NoticeAction, ProblemCode);

#[cfg(not(target_arch = "wasm32"))]
impl<T: Wire + serde::Serialize> serde::Serialize for Known<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Known::Is(value) => value.serialize(serializer),
            Known::Other => serializer.serialize_none(),
        }
    }
}

/// Percent-encodes everything but unreserved characters and `/` (a path to come back to, in
/// a query parameter).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every wire name of `T` reads back as its value, and no two values share one.
    fn reads_back<T: Wire + std::fmt::Debug>() {
        for &value in T::ALL {
            assert_eq!(T::from_wire(value.wire()), Some(value), "{value:?}");
            assert_eq!(T::ALL.iter().filter(|v| v.wire() == value.wire()).count(), 1, "{value:?}");
        }
        assert_eq!(Known::<T>::decode("no-such-value"), Known::Other);
        assert_eq!(Known::<T>::decode(""), Known::Other);
    }

    #[test]
    fn every_wire_name_reads_back_and_the_unknown_are_other() {
        reads_back::<AccountField>();
        reads_back::<IdentityMethod>();
        reads_back::<EventAction>();
        reads_back::<event::ChangeState>();
        reads_back::<event::Actor>();
        reads_back::<event::NoticeAction>();
        reads_back::<ProblemCode>();
    }
}
