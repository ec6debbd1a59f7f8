//! Accounts as dev-api keeps them (full addresses) and as the browser sees them (masked).

use std::collections::VecDeque;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use contract::validate::{normalize_email, parse_e164};
use contract::{
    AccountEvent, AccountField, ContactValue, EventAction, Events, IdentityMethod, Known, Masked, Medium, Wire,
};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use crate::mask;
use crate::problem::Problem;
use contract::ProblemCode;

/// Changes kept per account (`GET /account/events`); older ones are dropped.
pub const MAX_EVENTS: usize = 100;

/// The sign-in password of every account dev-api makes.
pub const DEV_PASSWORD: &str = "dev-password";

/// What the backend does by medium, beside the contract's words for it.
pub trait MediumRules {
    /// Validates a new value of this medium and returns its canonical form.
    fn normalize(self, value: &str) -> Result<String, Problem>;
}

impl MediumRules for Medium {
    fn normalize(self, value: &str) -> Result<String, Problem> {
        match self {
            Medium::Phone => parse_e164(value).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ProblemCode::InvalidPhone,
                    format!("Not a valid mobile number ({e:?})."),
                )
                .field("value")
            }),
            Medium::Email => normalize_email(value).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    ProblemCode::InvalidEmail,
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
    events: VecDeque<AccountEvent>,
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

    /// The value of `field`, if bound.
    pub fn value(&self, field: AccountField) -> Option<&str> {
        match field {
            AccountField::ContactMobile => self.contact_mobile.as_ref().map(|c| c.value.as_str()),
            AccountField::ContactEmail => self.contact_email.as_ref().map(|c| c.value.as_str()),
            AccountField::RecoveryMobile => self.recovery_mobile.as_deref(),
            AccountField::RecoveryEmail => self.recovery_email.as_deref(),
            AccountField::LoginEmail => self.login_email.as_deref(),
        }
    }

    /// The contact value of `field` with its verified flag (none for a factor).
    pub fn contact(&self, field: AccountField) -> Option<&Contact> {
        match field {
            AccountField::ContactMobile => self.contact_mobile.as_ref(),
            AccountField::ContactEmail => self.contact_email.as_ref(),
            AccountField::RecoveryMobile | AccountField::RecoveryEmail | AccountField::LoginEmail => None,
        }
    }

    /// Sets `field` to `value`; a contact value is `verified` or not, a factor is proven by
    /// the code that set it.
    pub fn set(&mut self, field: AccountField, value: String, verified: bool) {
        let contact = || Some(Contact { value: value.clone(), verified });
        match field {
            AccountField::ContactMobile => self.contact_mobile = contact(),
            AccountField::ContactEmail => self.contact_email = contact(),
            AccountField::RecoveryMobile => self.recovery_mobile = Some(value),
            AccountField::RecoveryEmail => self.recovery_email = Some(value),
            AccountField::LoginEmail => self.login_email = Some(value),
        }
    }

    /// The identity methods the account has: a code to each recovery address it has, and
    /// the password.
    fn identity_methods(&self) -> Vec<IdentityMethod> {
        IdentityMethod::ALL.iter().copied().filter(|m| m.field().is_none_or(|f| self.value(f).is_some())).collect()
    }

    /// Whether `address` is one of the account's own: any of its values.
    pub fn owns(&self, address: &str) -> bool {
        AccountField::ALL.into_iter().any(|field| self.value(field) == Some(address))
    }

    /// The identity methods that qualify for changing a factor: a code to a current
    /// recovery address; the password only while there is none (to bind the first), since a
    /// stolen password must not replace every recovery channel.
    pub fn security_methods(&self) -> Vec<IdentityMethod> {
        let codes: Vec<IdentityMethod> =
            self.identity_methods().into_iter().filter(|m| *m != IdentityMethod::Password).collect();
        if codes.is_empty() {
            vec![IdentityMethod::Password]
        } else {
            codes
        }
    }

    /// Whether `password` is the account's sign-in password (compared in constant time).
    pub fn password_is(&self, password: &str) -> bool {
        self.password.matches(password)
    }

    /// The account as the browser sees it: masked values only.
    pub fn to_wire(&self) -> contract::Account {
        let contact = |field: AccountField| {
            self.contact(field).map(|c| ContactValue {
                masked: mask::address(&c.value),
                verified: c.verified,
                // Only once verified: an unverified value typed to equal the recovery
                // value would otherwise confirm a guess at it.
                matches_recovery: c.verified
                    && field.recovery_counterpart().and_then(|r| self.value(r)) == Some(c.value.as_str()),
            })
        };
        let masked = |field: AccountField| self.value(field).map(|v| Masked { masked: mask::address(v) });
        let known = |methods: Vec<IdentityMethod>| methods.into_iter().map(Known::Is).collect();
        contract::Account {
            account_id: self.id.clone(),
            display_name: self.display_name.clone(),
            account_type: self.account_type.to_string(),
            identity_verification: self.identity_verification.to_string(),
            registered_at: self.registered_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            login_email: masked(AccountField::LoginEmail),
            contact_mobile: contact(AccountField::ContactMobile),
            contact_email: contact(AccountField::ContactEmail),
            recovery_mobile: masked(AccountField::RecoveryMobile),
            recovery_email: masked(AccountField::RecoveryEmail),
            identity_methods: known(self.identity_methods()),
            security_methods: known(self.security_methods()),
            notified: Vec::new(),
        }
    }

    /// What `POST /__dev/login` returns: the full addresses, for the person or test acting
    /// as the phone and the mailbox.
    pub fn full_addresses(&self) -> Value {
        let mut addresses = json!({ "account_id": self.id });
        for field in AccountField::ALL {
            addresses[field.wire()] = json!(self.value(field));
        }
        addresses
    }

    /// Records a change (masked); the oldest is dropped past [`MAX_EVENTS`].
    pub fn record(
        &mut self,
        at: &str,
        field: AccountField,
        action: EventAction,
        old: Option<&str>,
        new: Option<&str>,
        notified: &[String],
    ) {
        self.events.push_back(AccountEvent {
            id: self.next_event,
            at: at.to_string(),
            field: Known::Is(field),
            action: Known::Is(action),
            old_masked: old.map(mask::address),
            new_masked: new.map(mask::address),
            notified: notified.iter().map(|a| mask::address(a)).collect(),
        });
        self.next_event += 1;
        if self.events.len() > MAX_EVENTS {
            self.events.pop_front();
        }
    }

    /// Newest first.
    pub fn events(&self) -> Events {
        Events { events: self.events.iter().rev().cloned().collect() }
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
