//! What the backend sends, as typed data (see `api/openapi.yaml`).

use crate::i18n::Key;
use crate::json::{FromJson, Json, JsonError};

pub use super::targets::{EventAction, EventField, Kind, SecurityTarget};

/// How an identity code reaches the user: by SMS to the recovery mobile, or by email to
/// the recovery email; or the password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityMethod {
    Sms,
    Email,
    /// The account's sign-in password, checked by the backend: no code is sent.
    Password,
}

impl IdentityMethod {
    /// `sms` or `email`, as the backend names it.
    pub fn name(self) -> &'static str {
        match self {
            IdentityMethod::Sms => "sms",
            IdentityMethod::Email => "email",
            IdentityMethod::Password => "password",
        }
    }

    pub fn parse(text: &str) -> Option<IdentityMethod> {
        [IdentityMethod::Sms, IdentityMethod::Email, IdentityMethod::Password].into_iter().find(|m| m.name() == text)
    }

    /// The recovery address the code goes to, masked (none for the password).
    pub fn target(self, account: &Account) -> Option<&str> {
        match self {
            IdentityMethod::Sms => account.recovery_mobile.as_ref(),
            IdentityMethod::Email => account.recovery_email.as_ref(),
            IdentityMethod::Password => None,
        }
        .map(|m| m.masked.as_str())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Masked {
    pub masked: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContactValue {
    pub masked: String,
    pub verified: bool,
    pub matches_recovery: bool,
}

#[derive(Clone, Debug, PartialEq)]
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
    pub identity_methods: Vec<String>,
    /// The methods that qualify for a recovery or login-email change (a password ticket does
    /// not, while the account has a recovery address).
    pub security_methods: Vec<String>,
    /// After a recovery or login-email change: masked previous addresses that got a notice.
    pub notified: Vec<String>,
}

impl Account {
    /// The masked value the account holds for a two-step target, if bound.
    pub fn masked(&self, target: SecurityTarget) -> Option<String> {
        match target {
            SecurityTarget::RecoveryMobile => &self.recovery_mobile,
            SecurityTarget::RecoveryEmail => &self.recovery_email,
            SecurityTarget::LoginEmail => &self.login_email,
        }
        .as_ref()
        .map(|m| m.masked.clone())
    }

    /// The identity methods this app can offer, in the backend's order; a method added to
    /// the backend later is left out rather than mislabelled.
    pub fn usable_identity_methods(&self) -> Vec<IdentityMethod> {
        self.identity_methods.iter().filter_map(|m| IdentityMethod::parse(m)).collect()
    }

    /// The methods this app can offer for a recovery or login-email change; a backend that
    /// does not say leaves it to the 403 that follows.
    pub fn usable_security_methods(&self) -> Vec<IdentityMethod> {
        match self.security_methods.is_empty() {
            true => self.usable_identity_methods(),
            false => self.security_methods.iter().filter_map(|m| IdentityMethod::parse(m)).collect(),
        }
    }

    /// The contact value of `kind`, if the account has one.
    pub fn contact(&self, kind: Kind) -> Option<&ContactValue> {
        match kind {
            Kind::Mobile => self.contact_mobile.as_ref(),
            Kind::Email => self.contact_email.as_ref(),
        }
    }

    /// A contact value that is missing or differs from the recovery value of its kind,
    /// when there is a recovery value to copy.
    pub fn mobile_differs(&self) -> bool {
        self.recovery_mobile.is_some() && !self.contact_mobile.as_ref().is_some_and(|c| c.matches_recovery)
    }

    pub fn email_differs(&self) -> bool {
        self.recovery_email.is_some() && !self.contact_email.as_ref().is_some_and(|c| c.matches_recovery)
    }
}

/// Other sessions signed out: how many.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionsEnded {
    pub ended: u64,
}

/// The backend's name for a code on its way: a path segment or a body field of the request
/// that checks the code, never anything else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeId(String);

/// Proof of identity verified moments ago, sent as `X-Identity-Ticket` with the change it
/// allows.
#[derive(Clone, Debug, PartialEq, Eq)]
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
pub struct Challenge {
    pub challenge_id: ChallengeId,
    pub masked_target: String,
    pub expires_at: String,
    pub resend_at: String,
    /// How many digits the code has.
    /// The backend's code length; the app's default when it does not say.
    pub code_length: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ticket {
    pub ticket: IdentityTicket,
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AccountEvent {
    pub id: u64,
    pub at: String,
    pub field: EventField,
    pub action: EventAction,
    pub old_masked: Option<String>,
    pub new_masked: Option<String>,
    pub notified: Vec<String>,
}

impl AccountEvent {
    /// The words for the event's field and action. A field or action this version does not
    /// know (the backend may add kinds) gets neutral words, never those of a kind it is not.
    pub fn words(&self) -> (Key, Key) {
        (self.field.key(), self.action.key())
    }
}

#[derive(Clone, Debug, PartialEq)]
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
            identity_methods: json.list("identity_methods")?,
            security_methods: json.list("security_methods")?,
            notified: json.list("notified")?,
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
            at: json.take("at")?,
            field: EventField::parse(&json.take::<String>("field")?),
            action: EventAction::parse(&json.take::<String>("action")?),
            old_masked: json.maybe("old_masked")?,
            new_masked: json.maybe("new_masked")?,
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

    #[test]
    fn events_of_unknown_kinds_are_told_neutrally() {
        let words = |field: &str, action: &str| {
            AccountEvent {
                id: 1,
                at: "2025-01-01T00:00:00Z".into(),
                field: EventField::parse(field),
                action: EventAction::parse(action),
                old_masked: None,
                new_masked: None,
                notified: Vec::new(),
            }
            .words()
        };
        assert_eq!(words("login_email", "bound"), (Key::LoginEmail, Key::EventBound));
        assert_eq!(words("recovery_mobile", "changed"), (Key::RecoveryMobile, Key::EventChanged));
        assert_eq!(words("contact_email", "verified"), (Key::ContactEmail, Key::EventVerified));
        assert_eq!(words("password", "changed"), (Key::EventOtherSetting, Key::EventChanged));
        assert_eq!(words("login_email", "removed"), (Key::LoginEmail, Key::EventUpdated));
    }

    #[test]
    fn reads_an_account() {
        let json = r#"{"account_id":"100041000001","display_name":"Developer 1","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":{"masked":"+86 139****0001","verified":true,"matches_recovery":false},
            "contact_email":null,"recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms"]}"#;
        let account: Account = crate::json::from_str(json).unwrap();
        assert!(account.login_email.is_none());
        assert!(account.mobile_differs());
        assert!(!account.email_differs(), "no recovery email: nothing to advise");
        let later: Account = crate::json::from_str(&json.replace(r#"["sms"]"#, r#"["passkey","sms"]"#)).unwrap();
        assert_eq!(later.usable_identity_methods(), vec![IdentityMethod::Sms]);
        assert_eq!(IdentityMethod::Sms.target(&later), Some("+86 138****0001"));
        assert_eq!(IdentityMethod::Email.target(&later), None);
    }

    #[test]
    fn a_recovery_change_offers_only_the_methods_that_qualify() {
        let json = r#"{"account_id":"1","display_name":"d","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":null,"contact_email":null,
            "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms","password"],"security_methods":["sms"]}"#;
        let account: Account = crate::json::from_str(json).unwrap();
        assert_eq!(account.usable_identity_methods(), vec![IdentityMethod::Sms, IdentityMethod::Password]);
        assert_eq!(account.usable_security_methods(), vec![IdentityMethod::Sms], "no password for a recovery change");
        let older: Account = crate::json::from_str(&json.replace(r#","security_methods":["sms"]"#, "")).unwrap();
        assert_eq!(older.usable_security_methods(), older.usable_identity_methods(), "a backend that does not say");
    }
}
