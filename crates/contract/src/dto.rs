//! What the backend sends, as typed data (`api/openapi.yaml`'s schemas): the app reads each
//! with its [`FromJson`] (fields it does not know are never looked at), and the backend writes
//! each with `serde` (natively only). A field the app shows nothing of is there natively only,
//! where the backend writes it and the contract tests read it: the browser's build carries no
//! code to read it.

#[cfg(not(target_arch = "wasm32"))]
use crate::event::{Actor, ChangeState, NoticeAction};
use crate::json::{FromJson, Json, JsonError};
use crate::{AccountField, EventAction, IdentityMethod, Known};

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

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
    /// After a change took effect: the addresses told, masked (as `notices` lists them, for
    /// older clients).
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Vec::is_empty"))]
    pub notified: Vec<String>,
    /// After a change took effect: who was told, and what each may do from the notice.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Vec::is_empty"))]
    pub notices: Vec<NoticeSent>,
}

/// A change asked for and not in effect yet: a new contact value, until its code is entered.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
pub struct PendingChange {
    pub change_id: String,
    /// The new value, masked.
    pub masked: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub requested_at: String,
    /// When it is dropped if its code was not entered.
    pub expires_at: String,
    /// The code on its way to the new value, if one is.
    pub challenge: Option<Challenge>,
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
fn by_field<S: serde::Serializer>(pending: &[(AccountField, PendingChange)], serializer: S) -> Result<S::Ok, S::Error> {
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
    pub field: Known<AccountField>,
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

impl FromJson for Masked {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Masked { masked: json.take("masked")? })
    }
}

impl FromJson for ContactValue {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ContactValue {
            masked: json.take("masked")?,
            verified: json.take("verified")?,
            matches_recovery: json.take("matches_recovery")?,
        })
    }
}

impl FromJson for Account {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Account {
            account_id: json.take("account_id")?,
            display_name: json.take("display_name")?,
            account_type: json.take("account_type")?,
            identity_verification: json.take("identity_verification")?,
            registered_at: json.take("registered_at")?,
            login_email: json.maybe("login_email")?,
            contact_mobile: json.maybe("contact_mobile")?,
            contact_email: json.maybe("contact_email")?,
            recovery_mobile: json.maybe("recovery_mobile")?,
            recovery_email: json.maybe("recovery_email")?,
            identity_methods: json.known_list("identity_methods")?,
            security_methods: json.known_list("security_methods")?,
            pending: json.maybe::<ByField>("pending")?.map_or_else(Vec::new, |p| p.0),
            #[cfg(not(target_arch = "wasm32"))]
            notified: json.list("notified")?,
            notices: json.list("notices")?,
        })
    }
}

/// An object keyed by field: the fields this version knows, each read if it is there.
struct ByField(Vec<(AccountField, PendingChange)>);

impl FromJson for ByField {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        let mut fields = Vec::new();
        for field in AccountField::ALL {
            if let Some(change) = json.maybe(crate::Wire::wire(field))? {
                fields.push((field, change));
            }
        }
        Ok(ByField(fields))
    }
}

impl FromJson for PendingChange {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(PendingChange {
            change_id: json.take("change_id")?,
            masked: json.take("masked")?,
            #[cfg(not(target_arch = "wasm32"))]
            requested_at: json.take("requested_at")?,
            expires_at: json.take("expires_at")?,
            challenge: json.maybe("challenge")?,
        })
    }
}

impl FromJson for NoticeSent {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeSent {
            masked: json.take("masked")?,
            #[cfg(not(target_arch = "wasm32"))]
            channel: json.take("channel")?,
            #[cfg(not(target_arch = "wasm32"))]
            actions: json.known_list("actions")?,
        })
    }
}

impl FromJson for Authorisation {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Authorisation { method: json.known("method")?, masked: json.maybe("masked")? })
    }
}

impl FromJson for ChangeCancelled {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ChangeCancelled {
            #[cfg(not(target_arch = "wasm32"))]
            change_id: json.take("change_id")?,
            #[cfg(not(target_arch = "wasm32"))]
            state: json.known("state")?,
            account: json.take("account")?,
        })
    }
}

impl FromJson for SessionsEnded {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(SessionsEnded { ended: json.take("ended")? })
    }
}

impl FromJson for Challenge {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Challenge {
            challenge_id: ChallengeId(json.take("challenge_id")?),
            masked_target: json.take("masked_target")?,
            #[cfg(not(target_arch = "wasm32"))]
            channel: json.maybe("channel")?.unwrap_or_default(),
            expires_at: json.take("expires_at")?,
            resend_at: json.take("resend_at")?,
            code_length: json.maybe("code_length")?.unwrap_or(crate::validate::CODE_LENGTH as u32),
        })
    }
}

impl FromJson for Ticket {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Ticket { ticket: IdentityTicket(json.take("ticket")?), expires_at: json.take("expires_at")? })
    }
}

impl FromJson for AccountEvent {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(AccountEvent {
            id: json.take("id")?,
            reference: json.maybe("ref")?.unwrap_or_default(),
            at: json.take("at")?,
            field: json.known("field")?,
            action: json.known("action")?,
            #[cfg(not(target_arch = "wasm32"))]
            state: json.maybe::<String>("state")?.map_or(Known::Is(ChangeState::Committed), |s| Known::decode(&s)),
            #[cfg(not(target_arch = "wasm32"))]
            actor: json.maybe::<String>("actor")?.map_or(Known::Is(Actor::You), |s| Known::decode(&s)),
            old_masked: json.maybe("old_masked")?,
            new_masked: json.maybe("new_masked")?,
            authorised_by: json.maybe("authorised_by")?,
            notices: json.list("notices")?,
            #[cfg(not(target_arch = "wasm32"))]
            notified: json.list("notified")?,
        })
    }
}

impl FromJson for Events {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Events { events: json.list("events")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::from_str;

    #[test]
    fn an_event_of_a_kind_this_version_does_not_know_is_other() {
        let json = r#"{"id":1,"at":"2025-01-01T00:00:00Z","field":"password","action":"removed",
            "old_masked":null,"new_masked":null,"notified":[]}"#;
        let event: AccountEvent = from_str(json).unwrap();
        assert_eq!((event.field, event.action), (Known::Other, Known::Other));
        let known: AccountEvent =
            from_str(&json.replace("password", "login_email").replace("removed", "bound")).unwrap();
        assert_eq!((known.field, known.action), (Known::Is(AccountField::LoginEmail), Known::Is(EventAction::Bound)));
    }

    #[test]
    fn reads_an_account() {
        let json = r#"{"account_id":"100041000001","display_name":"Developer 1","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":{"masked":"+86 139****0001","verified":true,"matches_recovery":false},
            "contact_email":null,"recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms"]}"#;
        let account: Account = from_str(json).unwrap();
        assert!(account.login_email.is_none());
        assert_eq!(account.recovery_to_copy(AccountField::ContactMobile), Some("+86 138****0001"));
        assert_eq!(account.recovery_to_copy(AccountField::ContactEmail), None, "no recovery email: nothing to advise");
        assert_eq!(account.recovery_to_copy(AccountField::RecoveryMobile), None, "a factor copies nothing");
        assert_eq!(account.masked(AccountField::ContactMobile), Some("+86 139****0001"));
        assert_eq!(account.contact(AccountField::RecoveryMobile), None);
        let later: Account = from_str(&json.replace(r#"["sms"]"#, r#"["passkey","sms"]"#)).unwrap();
        assert_eq!(later.usable_identity_methods(), vec![IdentityMethod::Sms]);
        assert_eq!(later.masked_target(IdentityMethod::Sms), Some("+86 138****0001"));
        assert_eq!(later.masked_target(IdentityMethod::Email), None);
    }

    #[test]
    fn a_factor_change_offers_only_the_methods_that_qualify() {
        let json = r#"{"account_id":"1","display_name":"d","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":null,"contact_email":null,
            "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms","password"],"security_methods":["sms"]}"#;
        let account: Account = from_str(json).unwrap();
        assert_eq!(account.usable_identity_methods(), vec![IdentityMethod::Sms, IdentityMethod::Password]);
        assert_eq!(account.usable_security_methods(), vec![IdentityMethod::Sms], "no password for a recovery change");
        let older: Account = from_str(&json.replace(r#","security_methods":["sms"]"#, "")).unwrap();
        assert_eq!(older.usable_security_methods(), older.usable_identity_methods(), "a backend that does not say");
    }
}
