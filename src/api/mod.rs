//! The only code that knows HTTP: one request function, typed errors, typed endpoints.

pub mod error;
pub mod types;

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
pub use client::Api;

pub use error::ApiError;
pub use types::Kind;
