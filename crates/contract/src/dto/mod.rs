//! What the backend sends, as typed data (`api/openapi.yaml`'s schemas): the app reads each
//! with its [`FromJson`] (fields it does not know are never looked at), and the backend writes
//! each with `serde` (natively only). A field the app shows nothing of is there natively only,
//! where the backend writes it and the contract tests read it: the browser's build carries no
//! code to read it.

#[cfg(not(target_arch = "wasm32"))]
use crate::event::{Actor, ChangeState, NoticeAction};
use crate::{AccountField, EventAction, IdentityMethod, Known};

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

mod notice;
mod read;

pub use notice::{ChangeKept, NoticeEvent, NoticeGrant, NoticeInfo, NoticeOutcome, RecentChange, SecurityHold};

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Masked {
    pub masked: String,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct ContactValue {
    pub masked: String,
    pub verified: bool,
    /// Verified, and the same address as the recovery value of its medium.
    pub matches_recovery: bool,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Account {
    pub account_id: String,
    pub display_name: String,
    pub account_type: String,
    pub identity_verification: String,
    pub registered_at: String,
    pub login_email: Option<Masked>,
    pub contact_mobile: Option<ContactValue>,
    pub contact_email: Option<ContactValue>,
    pub recovery_mobile: Option<Masked>,
    pub recovery_email: Option<Masked>,
    pub identity_methods: Vec<Known<IdentityMethod>>,
    /// The methods that qualify for a factor change (a password ticket does not, while the
    /// account has a recovery address).
    pub security_methods: Vec<Known<IdentityMethod>>,
    /// Changes asked for and not in effect yet, by field: a contact value waiting for its
    /// code (`pending` on the wire: an object keyed by the field's wire name).
    #[cfg_attr(not(target_arch = "wasm32"), serde(serialize_with = "by_field"))]
    pub pending: Vec<(AccountField, PendingChange)>,
    /// Factors changed lately that somebody told may still undo, by field (`recent`).
    #[cfg_attr(not(target_arch = "wasm32"), serde(serialize_with = "by_field"))]
    pub recent: Vec<(AccountField, RecentChange)>,
    /// Security changes are held (after `secure` from a notice) until then.
    pub security_hold: Option<SecurityHold>,
    /// After a change took effect: the addresses told, masked (as `notices` lists them, for
    /// older clients).
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Vec::is_empty"))]
    pub notified: Vec<String>,
    /// After a change took effect: who was told, and what each may do from the notice.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Vec::is_empty"))]
    pub notices: Vec<NoticeSent>,
}

/// A change asked for and not in effect yet: a new contact value, until its code is entered;
/// a factor's new value, until its cooling-off ends (`state: "cooling_off"`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct PendingChange {
    pub change_id: String,
    /// The new value, masked.
    pub masked: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub requested_at: String,
    /// When it stops waiting: a contact value is dropped then if its code was not entered;
    /// a factor's takes effect (its `effective_at`).
    pub expires_at: String,
    /// The code on its way to the new value, if one is.
    pub challenge: Option<Challenge>,
    /// A factor's: `cooling_off`.
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub state: Option<ChangeState>,
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub effective_at: Option<String>,
    /// Why it waits: `cross_channel`, `password` or `replaces_all_recovery`.
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub reason: Option<&'static str>,
}

/// What a Recent changes entry is of: a field, the sessions, or the account as a whole.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventSubject {
    Field(Known<AccountField>),
    Sessions,
    Account,
}

#[cfg(not(target_arch = "wasm32"))]
impl EventSubject {
    /// `field` of an event as read: a field, `sessions` or `account`.
    pub(crate) fn read(json: &crate::json::Json) -> Result<Self, crate::json::JsonError> {
        Ok(match json.maybe::<String>("field")?.as_deref() {
            Some("sessions") => EventSubject::Sessions,
            Some("account") => EventSubject::Account,
            _ => EventSubject::Field(json.known("field")?),
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Serialize for EventSubject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventSubject::Field(field) => field.serialize(serializer),
            EventSubject::Sessions => serializer.serialize_str("sessions"),
            EventSubject::Account => serializer.serialize_str("account"),
        }
    }
}

/// Who was told of a change: the address (masked), by which channel, and what they may do
/// about it from the notice.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct NoticeSent {
    pub masked: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub channel: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub actions: Vec<Known<NoticeAction>>,
}

/// How a change was authorised: the identity method, and the address its code went to
/// (masked; none for the password).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Authorisation {
    pub method: Known<IdentityMethod>,
    pub masked: Option<String>,
}

/// The answer to calling a change off: the change, where it stands, and the account after.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct ChangeCancelled {
    #[cfg(not(target_arch = "wasm32"))]
    pub change_id: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub state: Known<ChangeState>,
    pub account: Account,
}

/// `pending` as the wire has it: an object keyed by field.
#[cfg(not(target_arch = "wasm32"))]
fn by_field<S: serde::Serializer, T: Serialize>(
    pending: &[(AccountField, T)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use crate::Wire;
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(pending.len()))?;
    for (field, change) in pending {
        map.serialize_entry(field.wire(), change)?;
    }
    map.end()
}

impl Account {
    /// The masked value of `field`, if bound.
    pub fn masked(&self, field: AccountField) -> Option<&str> {
        match field {
            AccountField::ContactMobile => self.contact_mobile.as_ref().map(|c| c.masked.as_str()),
            AccountField::ContactEmail => self.contact_email.as_ref().map(|c| c.masked.as_str()),
            AccountField::RecoveryMobile => self.recovery_mobile.as_ref().map(|m| m.masked.as_str()),
            AccountField::RecoveryEmail => self.recovery_email.as_ref().map(|m| m.masked.as_str()),
            AccountField::LoginEmail => self.login_email.as_ref().map(|m| m.masked.as_str()),
        }
    }

    /// The contact value of `field`: its verified flag and whether it matches recovery
    /// (none for a factor, which has no such flags).
    pub fn contact(&self, field: AccountField) -> Option<&ContactValue> {
        match field {
            AccountField::ContactMobile => self.contact_mobile.as_ref(),
            AccountField::ContactEmail => self.contact_email.as_ref(),
            AccountField::RecoveryMobile | AccountField::RecoveryEmail | AccountField::LoginEmail => None,
        }
    }

    /// A contact value that is missing or differs from its recovery counterpart, while
    /// there is a recovery value to copy: that recovery value, masked.
    pub fn recovery_to_copy(&self, field: AccountField) -> Option<&str> {
        let recovery = self.masked(field.recovery_counterpart()?)?;
        (!self.contact(field).is_some_and(|c| c.matches_recovery)).then_some(recovery)
    }

    /// The change of `field` in effect that its previous holder may still undo, if any.
    pub fn recent(&self, field: AccountField) -> Option<&RecentChange> {
        self.recent.iter().find(|(f, _)| *f == field).map(|(_, change)| change)
    }

    /// The change of `field` asked for and not in effect yet, if there is one.
    pub fn pending(&self, field: AccountField) -> Option<&PendingChange> {
        self.pending.iter().find(|(f, _)| *f == field).map(|(_, change)| change)
    }

    /// Where a code by `method` goes, masked (none for the password).
    pub fn masked_target(&self, method: IdentityMethod) -> Option<&str> {
        self.masked(method.field()?)
    }

    /// The identity methods this version can offer, in the backend's order; a method added
    /// to the backend later is left out rather than mislabelled.
    pub fn usable_identity_methods(&self) -> Vec<IdentityMethod> {
        self.identity_methods.iter().filter_map(|m| m.known()).collect()
    }

    /// The methods this version can offer for a factor change; a backend that does not say
    /// leaves it to the 403 that follows.
    pub fn usable_security_methods(&self) -> Vec<IdentityMethod> {
        match self.security_methods.is_empty() {
            true => self.usable_identity_methods(),
            false => self.security_methods.iter().filter_map(|m| m.known()).collect(),
        }
    }
}

/// One signed-in session of the account, as its owner sees it in the list.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct SessionInfo {
    /// The session's name in the list (not its cookie): what `DELETE /sessions/{id}` takes.
    pub session_id: String,
    /// The browser's family (`Chrome`, `Firefox`, `Safari`, `Edge`), if known.
    pub browser: Option<String>,
    /// The operating system's family (`Windows`, `macOS`, `iOS`, `Android`, `Linux`), if known.
    pub os: Option<String>,
    /// Where it signed in from: an ISO 3166-1 region code (`CN`, `HK`), if known.
    pub region: Option<String>,
    pub signed_in_at: String,
    pub last_active_at: String,
    /// The session making the request.
    pub current: bool,
}

/// The account's sessions: the current one first, then the most recently active.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Sessions {
    pub sessions: Vec<SessionInfo>,
}

/// Other sessions signed out: how many.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct SessionsEnded {
    pub ended: u64,
}

/// The backend's name for a code on its way: a path segment or a body field of the request
/// that checks the code, never anything else.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize), serde(transparent))]
pub struct ChallengeId(String);

/// Proof of identity verified moments ago, sent as `X-Identity-Ticket` with the change it
/// allows.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize), serde(transparent))]
pub struct IdentityTicket(String);

impl ChallengeId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl IdentityTicket {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ChallengeId {
    fn from(id: &str) -> Self {
        Self(id.to_string())
    }
}

impl From<&str> for IdentityTicket {
    fn from(ticket: &str) -> Self {
        Self(ticket.to_string())
    }
}

/// A code on its way: where to, and the server's clocks.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Challenge {
    pub challenge_id: ChallengeId,
    pub masked_target: String,
    /// `sms` or `email`.
    #[cfg(not(target_arch = "wasm32"))]
    pub channel: String,
    pub expires_at: String,
    pub resend_at: String,
    /// The backend's code length; the contract's default when it does not say.
    pub code_length: u32,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Ticket {
    pub ticket: IdentityTicket,
    pub expires_at: String,
}

/// One entry of Recent changes. A field, action, state or actor this version does not know
/// is `Other`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct AccountEvent {
    pub id: u64,
    /// The change's reference, as the notices of it quote it.
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "ref"))]
    pub reference: String,
    pub at: String,
    /// The field; `Other` for an event of the sessions or the account (natively `subject`).
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub field: Known<AccountField>,
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "field"))]
    pub subject: EventSubject,
    pub action: Known<EventAction>,
    #[cfg(not(target_arch = "wasm32"))]
    pub state: Known<ChangeState>,
    #[cfg(not(target_arch = "wasm32"))]
    pub actor: Known<Actor>,
    pub old_masked: Option<String>,
    pub new_masked: Option<String>,
    pub authorised_by: Option<Authorisation>,
    pub notices: Vec<NoticeSent>,
    /// The masked addresses told, as `notices` lists them (kept for older clients).
    #[cfg(not(target_arch = "wasm32"))]
    pub notified: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct Events {
    pub events: Vec<AccountEvent>,
}
