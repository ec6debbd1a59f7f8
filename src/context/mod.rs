//! Typed contexts shared by every page, one file per concern: what never changes while the
//! app is mounted ([`AppContext`]), the signed-in account ([`AccountStore`]), and the
//! verification state that outlives a dialog ([`Verification`]).

mod account;
mod app;
mod verification;

pub use account::{provide_account, use_account, AccountStore};
pub use app::{emit, provide_app, use_app, AppContext, Ids};
pub use verification::{provide_verification, use_verification, Verification};
