//! Accounts as dev-api keeps them (full addresses) and as the browser sees them (masked).

use std::collections::VecDeque;

use account_console::api::targets::{EventAction, EventField};
use account_console::validate::{normalize_email, parse_e164};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use crate::mask;
use crate::problem::Problem;

/// Changes kept per account (`GET /account/events`); older ones are dropped.
pub const MAX_EVENTS: usize = 100;

/// The sign-in password of every account dev-api makes.
pub const DEV_PASSWORD: &str = "dev-password";

/// The app's own `Kind`, with what the backend does by kind.
pub use account_console::api::Kind;

pub trait KindRules {
    /// The channel a code of this kind goes by.
    fn channel(self) -> &'static str;
    /// Validates a new value of this kind and returns its canonical form.
    fn normalize(self, value: &str) -> Result<String, Problem>;
}

impl KindRules for Kind {
    fn channel(self) -> &'static str {
        match self {
            Kind::Mobile => "sms",
            Kind::Email => "email",
        }
    }

    fn normalize(self, value: &str) -> Result<String, Problem> {
        match self {
            Kind::Mobile => parse_e164(value).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_phone",
                    format!("Not a valid mobile number ({e:?})."),
                )
                .field("value")
            }),
            Kind::Email => normalize_email(value).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_email",
                    format!("Not a valid email address ({e:?})."),
                )
                .field("value")
            }),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Contact {
    pub value: String,
    pub verified: bool,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub display_name: String,
    pub account_type: &'static str,
    pub identity_verification: &'static str,
    pub registered_at: DateTime<Utc>,
    pub login_email: Option<String>,
    pub contact_mobile: Option<Contact>,
    pub contact_email: Option<Contact>,
    pub recovery_mobile: Option<String>,
    pub recovery_email: Option<String>,
    /// The sign-in password's Argon2id hash (see [`PasswordHash`]); the password itself is
    /// not kept.
    password: &'static PasswordHash,
    events: VecDeque<Value>,
    next_event: u64,
}

/// A password stored as its Argon2id hash (the crate's default cost: 19 MiB, 2 passes) and
/// salt. Every preset's password is `DEV_PASSWORD`, so dev-api hashes it once, with a salt
/// drawn when it starts, and every account refers to that one hash; a backend whose users
/// choose their passwords keeps a salt and a hash per user.
pub struct PasswordHash {
    salt: [u8; 16],
    hash: [u8; 32],
}

impl PasswordHash {
    fn new(password: &str) -> Self {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).expect("the OS random source works");
        PasswordHash { hash: argon2id(&salt, password), salt }
    }

    fn matches(&self, password: &str) -> bool {
        argon2id(&self.salt, password).ct_eq(&self.hash).into()
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(Argon2id)")
    }
}

fn argon2id(salt: &[u8; 16], password: &str) -> [u8; 32] {
    let mut hash = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(password.as_bytes(), salt, &mut hash)
        .expect("a 16-byte salt and a 32-byte output are within Argon2's bounds");
    hash
}

/// The one hash of `DEV_PASSWORD`, made when the first account is.
fn dev_password() -> &'static PasswordHash {
    static HASH: std::sync::OnceLock<PasswordHash> = std::sync::OnceLock::new();
    HASH.get_or_init(|| PasswordHash::new(DEV_PASSWORD))
}

pub const PRESETS: &[&str] =
    &["default", "no-login-email", "no-recovery-email", "no-recovery", "no-contact", "diverged", "unverified-contact"];

impl Account {
    /// Account number `n` made from a preset; every account has addresses of its own.
    pub fn from_preset(n: u64, preset: &str, now: DateTime<Utc>) -> Option<Account> {
        if !PRESETS.contains(&preset) {
            return None;
        }
        let recovery_mobile = format!("+86138{n:08}");
        let recovery_email = format!("user{n}@example.com");
        let contact = |value: &str, verified: bool| Some(Contact { value: value.to_string(), verified });
        let mut account = Account {
            id: format!("1000{:08}", 41_000_000 + n),
            display_name: format!("Developer {n}"),
            account_type: "individual",
            identity_verification: "verified",
            registered_at: now - chrono::Duration::days(400),
            login_email: Some(format!("login{n}@example.com")),
            contact_mobile: contact(&recovery_mobile, true),
            contact_email: contact(&recovery_email, true),
            recovery_mobile: Some(recovery_mobile),
            recovery_email: Some(recovery_email),
            password: dev_password(),
            events: VecDeque::new(),
            next_event: 1,
        };
        match preset {
            "no-login-email" => account.login_email = None,
            "no-recovery-email" => account.recovery_email = None,
            "no-recovery" => {
                account.recovery_mobile = None;
                account.recovery_email = None;
            }
            "no-contact" => {
                account.contact_mobile = None;
                account.contact_email = None;
            }
            "diverged" => {
                account.contact_mobile = contact(&format!("+86139{n:08}"), true);
                account.contact_email = contact(&format!("contact{n}@example.org"), true);
            }
            "unverified-contact" => {
                account.contact_mobile = contact(&format!("+86137{n:08}"), false);
                account.contact_email = contact(&format!("news{n}@example.net"), false);
            }
            _ => {}
        }
        Some(account)
    }

    pub fn contact(&self, kind: Kind) -> &Option<Contact> {
        match kind {
            Kind::Mobile => &self.contact_mobile,
            Kind::Email => &self.contact_email,
        }
    }

    pub fn contact_mut(&mut self, kind: Kind) -> &mut Option<Contact> {
        match kind {
            Kind::Mobile => &mut self.contact_mobile,
            Kind::Email => &mut self.contact_email,
        }
    }

    pub fn recovery(&self, kind: Kind) -> &Option<String> {
        match kind {
            Kind::Mobile => &self.recovery_mobile,
            Kind::Email => &self.recovery_email,
        }
    }

    pub fn recovery_mut(&mut self, kind: Kind) -> &mut Option<String> {
        match kind {
            Kind::Mobile => &mut self.recovery_mobile,
            Kind::Email => &mut self.recovery_email,
        }
    }

    fn identity_methods(&self) -> Vec<&'static str> {
        let mut methods = Vec::new();
        if self.recovery_mobile.is_some() {
            methods.push("sms");
        }
        if self.recovery_email.is_some() {
            methods.push("email");
        }
        methods.push("password");
        methods
    }

    /// Whether `address` is one of the account's own: its login email, a contact or a recovery
    /// value.
    pub fn owns(&self, address: &str) -> bool {
        let contact =
            [Kind::Mobile, Kind::Email].into_iter().filter_map(|k| self.contact(k).as_ref().map(|c| c.value.as_str()));
        let others =
            [&self.login_email, &self.recovery_mobile, &self.recovery_email].into_iter().flatten().map(String::as_str);
        contact.chain(others).any(|own| own == address)
    }

    /// The identity methods that qualify for changing a recovery value or the login email:
    /// a code to a current recovery address; the password only while there is none (to bind
    /// the first), since a stolen password must not replace every recovery channel.
    pub fn security_methods(&self) -> Vec<&'static str> {
        let codes: Vec<&'static str> = self.identity_methods().into_iter().filter(|m| *m != "password").collect();
        if codes.is_empty() {
            vec!["password"]
        } else {
            codes
        }
    }

    /// Whether `password` is the account's sign-in password (compared in constant time).
    pub fn password_is(&self, password: &str) -> bool {
        self.password.matches(password)
    }

    /// The account as the browser sees it: masked values only.
    pub fn to_json(&self) -> Value {
        let contact = |kind: Kind| {
            self.contact(kind).as_ref().map(|c| {
                json!({
                    "masked": mask::address(&c.value),
                    "verified": c.verified,
                    // Only once verified: an unverified value typed to equal the recovery
                    // value would otherwise confirm a guess at it.
                    "matches_recovery": c.verified && self.recovery(kind).as_deref() == Some(c.value.as_str()),
                })
            })
        };
        let masked = |v: &Option<String>| v.as_ref().map(|v| json!({ "masked": mask::address(v) }));
        json!({
            "account_id": self.id,
            "display_name": self.display_name,
            "account_type": self.account_type,
            "identity_verification": self.identity_verification,
            "registered_at": self.registered_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "login_email": masked(&self.login_email),
            "contact_mobile": contact(Kind::Mobile),
            "contact_email": contact(Kind::Email),
            "recovery_mobile": masked(&self.recovery_mobile),
            "recovery_email": masked(&self.recovery_email),
            "identity_methods": self.identity_methods(),
            "security_methods": self.security_methods(),
        })
    }

    /// What `POST /__dev/login` returns: the full addresses, for the person or test acting
    /// as the phone and the mailbox.
    pub fn full_addresses(&self) -> Value {
        json!({
            "account_id": self.id,
            "login_email": self.login_email,
            "contact_mobile": self.contact_mobile.as_ref().map(|c| &c.value),
            "contact_email": self.contact_email.as_ref().map(|c| &c.value),
            "recovery_mobile": self.recovery_mobile,
            "recovery_email": self.recovery_email,
        })
    }

    /// Records a change (masked); the oldest is dropped past [`MAX_EVENTS`].
    pub fn record(
        &mut self,
        at: &str,
        field: EventField,
        action: EventAction,
        old: Option<&str>,
        new: Option<&str>,
        notified: &[String],
    ) {
        self.events.push_back(json!({
            "id": self.next_event,
            "at": at,
            "field": field.name(),
            "action": action.name(),
            "old_masked": old.map(mask::address),
            "new_masked": new.map(mask::address),
            "notified": notified.iter().map(|a| mask::address(a)).collect::<Vec<_>>(),
        }));
        self.next_event += 1;
        if self.events.len() > MAX_EVENTS {
            self.events.pop_front();
        }
    }

    /// Newest first.
    pub fn events_json(&self) -> Value {
        json!({ "events": self.events.iter().rev().collect::<Vec<_>>() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_kept_as_an_argon2id_hash_only() {
        let stored = PasswordHash::new(DEV_PASSWORD);
        assert!(stored.matches(DEV_PASSWORD));
        assert!(!stored.matches("dev-passwort"));
        let mut expected = [0u8; 32];
        let argon2id =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, argon2::Params::default());
        argon2id.hash_password_into(DEV_PASSWORD.as_bytes(), &stored.salt, &mut expected).unwrap();
        assert_eq!(stored.hash, expected, "Argon2id, version 0x13, the crate's default cost");
        assert_ne!(PasswordHash::new(DEV_PASSWORD).hash, stored.hash, "each hash has a salt of its own");
        assert!(
            !format!("{:?}", Account::from_preset(1, "default", chrono::Utc::now()).unwrap()).contains(DEV_PASSWORD)
        );
    }
}
