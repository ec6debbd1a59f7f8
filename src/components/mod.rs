//! Presentational pieces shared by the pages.

pub mod advice;
pub mod announcer;
pub mod code_step;
pub mod contact_dialogs;
pub mod dialog;
pub mod fields;
pub mod icons;
pub mod layout;
pub mod security_dialog;
pub mod status;
