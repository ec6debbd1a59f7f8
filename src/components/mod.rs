//! Presentational pieces shared by the pages.

pub mod advice;
pub mod announcer;
pub mod icons;
pub mod layout;
pub mod status;
