//! Presentational pieces shared by the pages.

pub(crate) mod advice;
pub(crate) mod announcer;
pub mod code_step;
pub(crate) mod contact_dialogs;
pub mod dialog;
pub(crate) mod factor_changes;
pub mod fields;
pub(crate) mod icons;
pub(crate) mod identity;
pub mod layout;
pub(crate) mod pending;
pub mod plain;
pub(crate) mod row_action;
pub(crate) mod security_dialog;
pub mod sessions;
pub(crate) mod status;
