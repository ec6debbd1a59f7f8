//! What the notice page reads: a notice as its reader may see it (masked), the grant a code
//! to an address earns with that address's open notices, and the outcome of acting on one;
//! and the account's safety-net state (a hold, changes that can still be undone).

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

use super::Authorisation;
use crate::event::{ChangeState, NoticeAction};
use crate::json::{FromJson, Json, JsonError};
use crate::{AccountField, EventAction, Known};

/// A notice, as its reader sees it: nothing but the masked change and what they may do.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct NoticeInfo {
    pub notice_id: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "ref"))]
    pub reference: String,
    pub recipient_masked: String,
    pub account_masked: String,
    /// What the reader may do now (cancel while the change waits, undo once in effect).
    pub actions: Vec<Known<NoticeAction>>,
    pub expires_at: String,
    pub event: NoticeEvent,
}

/// The change a notice tells of. A field or action this version does not know (an alert of
/// the sessions or of the account) is `Other`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct NoticeEvent {
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub field: Known<AccountField>,
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "field"))]
    pub subject: super::EventSubject,
    pub action: Known<EventAction>,
    pub old_masked: Option<String>,
    pub new_masked: Option<String>,
    pub at: String,
    pub state: Known<ChangeState>,
    pub effective_at: Option<String>,
    pub revert_until: Option<String>,
    pub authorised_by: Option<Authorisation>,
}

/// A code to an address, entered: a grant to act on its notices for a while, and them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct NoticeGrant {
    pub grant: String,
    pub expires_at: String,
    pub notices: Vec<NoticeInfo>,
}

/// What acting on a notice did.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct NoticeOutcome {
    /// `confirmed`, `cancelled`, `undone` or `secured`.
    pub result: String,
    pub sessions_ended: u64,
    pub hold_until: Option<String>,
    /// `sign_in`, `appeal`.
    pub next: Vec<String>,
}

/// A factor changed lately that its previous holder may undo until `revert_until`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct RecentChange {
    pub change_id: String,
    pub previous_masked: Option<String>,
    pub revert_until: String,
}

/// Security changes held after somebody secured the account from a notice.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct SecurityHold {
    pub until: String,
    pub reason: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "ref"))]
    pub reference: String,
}

/// A change kept: nobody can undo it from a notice any more.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeKept {
    pub change_id: String,
}

impl FromJson for ChangeKept {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ChangeKept { change_id: json.take("change_id")? })
    }
}

impl FromJson for NoticeInfo {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeInfo {
            notice_id: json.take("notice_id")?,
            reference: json.take("ref")?,
            recipient_masked: json.take("recipient_masked")?,
            account_masked: json.take("account_masked")?,
            actions: json.known_list("actions")?,
            expires_at: json.take("expires_at")?,
            event: json.take("event")?,
        })
    }
}

impl FromJson for NoticeEvent {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeEvent {
            field: json.known("field")?,
            #[cfg(not(target_arch = "wasm32"))]
            subject: super::EventSubject::read(json)?,
            action: json.known("action")?,
            old_masked: json.maybe("old_masked")?,
            new_masked: json.maybe("new_masked")?,
            at: json.take("at")?,
            state: json.known("state")?,
            effective_at: json.maybe("effective_at")?,
            revert_until: json.maybe("revert_until")?,
            authorised_by: json.maybe("authorised_by")?,
        })
    }
}

impl FromJson for NoticeGrant {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeGrant {
            grant: json.take("grant")?,
            expires_at: json.take("expires_at")?,
            notices: json.list("notices")?,
        })
    }
}

impl FromJson for NoticeOutcome {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeOutcome {
            result: json.take("result")?,
            sessions_ended: json.take("sessions_ended")?,
            hold_until: json.maybe("hold_until")?,
            next: json.list("next")?,
        })
    }
}

impl FromJson for RecentChange {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(RecentChange {
            change_id: json.take("change_id")?,
            previous_masked: json.maybe("previous_masked")?,
            revert_until: json.take("revert_until")?,
        })
    }
}

impl FromJson for SecurityHold {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(SecurityHold { until: json.take("until")?, reason: json.take("reason")?, reference: json.take("ref")? })
    }
}
