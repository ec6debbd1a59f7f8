//! One file per route; thin: wire the account to components.

mod account_information;
mod security_settings;
mod user_details;

pub use account_information::AccountInformationPage;
pub use security_settings::SecuritySettingsPage;
pub use user_details::UserDetailsPage;
