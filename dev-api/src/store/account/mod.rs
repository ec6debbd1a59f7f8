//! Accounts as dev-api keeps them (full addresses) and as the browser sees them (masked).
//! Nothing outside this module changes a value: every change goes through the one writer,
//! `Store::write` (`record.rs`), which records it and tells who must be told.

mod password;
mod record;

use std::collections::VecDeque;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use contract::validate::{normalize_email, parse_e164};
use contract::{
    AccountEvent, AccountField, Challenge, ContactValue, Events, IdentityMethod, Known, Lifecycle, Masked, Medium,
    PendingChange, Wire,
};
use serde_json::{json, Value};

use super::tickets::Authority;
use crate::mask;
use crate::problem::Problem;
use contract::ProblemCode;
use password::dev_password;
pub use password::PasswordHash;
pub use record::{masked_account, new_change_id, new_reference, Change, Edit};

/// Changes kept per account (`GET /account/events`), of the factors and of the contact
/// values each; older ones are dropped.
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

/// A new contact value waiting for its code: until then the current value stays, and
/// messages go on going to it.
#[derive(Clone, Debug)]
pub struct Pending {
    pub change_id: String,
    /// The reference of the request, which its verification keeps.
    pub reference: String,
    pub value: String,
    pub requested_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// How the request was authorised (the ticket it carried).
    pub authority: Authority,
    /// A factor's change cooling off: why it waits (it takes effect at `expires_at`).
    pub cooling: Option<Reason>,
    /// The holder said they no longer have the address this change replaces: it is told,
    /// and can do nothing from the notice.
    pub old_address_lost: bool,
    /// The language of the request: the notices of its taking effect are written in it.
    pub lang: super::notices::words::Lang,
}

/// Why a factor's change cools off before it takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Authorised by a code to the other recovery address.
    CrossChannel,
    /// Authorised by the sign-in password.
    Password,
    /// The second recovery address replaced within 7 days of the first.
    ReplacesAllRecovery,
}

impl Reason {
    pub fn wire(self) -> &'static str {
        match self {
            Reason::CrossChannel => "cross_channel",
            Reason::Password => "password",
            Reason::ReplacesAllRecovery => "replaces_all_recovery",
        }
    }
}

/// A factor changed lately that its previous holder may undo from the notice until
/// `revert_until`, unless the account's holder keeps it.
#[derive(Clone, Debug)]
pub struct Recent {
    pub change_id: String,
    pub previous: Option<String>,
    pub value: String,
    pub revert_until: DateTime<Utc>,
}

/// Security changes held until `until`, after somebody secured the account from a notice.
#[derive(Clone, Debug)]
pub struct Hold {
    pub until: DateTime<Utc>,
    pub reference: String,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub display_name: String,
    pub account_type: &'static str,
    pub identity_verification: &'static str,
    pub registered_at: DateTime<Utc>,
    login_email: Option<String>,
    contact_mobile: Option<Contact>,
    contact_email: Option<Contact>,
    recovery_mobile: Option<String>,
    recovery_email: Option<String>,
    pending: Vec<(AccountField, Pending)>,
    recent: Vec<(AccountField, Recent)>,
    pub hold: Option<Hold>,
    /// When each field's last `undo` or `cancel` from a notice was (one per 30 days).
    pub disputes: Vec<(AccountField, DateTime<Utc>)>,
    /// When each address last secured the account from a notice (one per 7 days).
    pub secures: Vec<(String, DateTime<Utc>)>,
    /// When each recovery address was last replaced (or its replacement asked for).
    pub recovery_replaced: Vec<(AccountField, DateTime<Utc>)>,
    /// The sign-in password's Argon2id hash (see [`PasswordHash`]); the password itself is
    /// not kept.
    password: &'static PasswordHash,
    /// Recent changes of the factors and of the contact values, kept apart: however many
    /// contact changes there are, a security change is never pushed out by them.
    security_events: VecDeque<AccountEvent>,
    contact_events: VecDeque<AccountEvent>,
    next_event: u64,
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
            pending: Vec::new(),
            recent: Vec::new(),
            hold: None,
            disputes: Vec::new(),
            secures: Vec::new(),
            recovery_replaced: Vec::new(),
            password: dev_password(),
            security_events: VecDeque::new(),
            contact_events: VecDeque::new(),
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

    /// The same account with another login email (made so, before it is used).
    pub fn with_login_email(mut self, email: &str) -> Self {
        self.login_email = Some(email.to_string());
        self
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

    /// The new value of `field` waiting for its code, if one is.
    pub fn pending(&self, field: AccountField) -> Option<&Pending> {
        self.pending.iter().find(|(f, _)| *f == field).map(|(_, p)| p)
    }

    /// The factor change of `field` its previous holder may still undo, if one is.
    pub fn recent(&self, field: AccountField) -> Option<&Recent> {
        self.recent.iter().find(|(f, _)| *f == field).map(|(_, r)| r)
    }

    /// Nobody may undo the change of `field` any more (kept, undone, or superseded).
    pub fn forget_recent(&mut self, field: AccountField) {
        self.recent.retain(|(f, _)| *f != field);
    }

    /// Past the revert window: nobody may undo them now.
    pub fn forget_recent_before(&mut self, now: DateTime<Utc>) {
        self.recent.retain(|(_, r)| r.revert_until > now);
    }

    /// Dev helper: every revert window ends now.
    pub fn end_revert_windows(&mut self) {
        self.recent.clear();
    }

    /// The hold on security changes, if one is on at `now`.
    pub fn hold_at(&self, now: DateTime<Utc>) -> Option<&Hold> {
        self.hold.as_ref().filter(|h| h.until > now)
    }

    /// Every change waiting, with its field.
    pub fn pending_changes(&self) -> impl Iterator<Item = (AccountField, &Pending)> {
        self.pending.iter().map(|(f, p)| (*f, p))
    }

    /// Sets `field` to `value`; a contact value is `verified` or not, a factor is proven by
    /// the code that set it.
    fn set(&mut self, field: AccountField, value: String, verified: bool) {
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

    /// Whether `address` is one of the account's own: a recovery value, the login email or
    /// a verified contact value. An unverified contact value is only typed, not proven: it
    /// counts as somebody else's address, under the cap every other sender shares.
    pub fn owns(&self, address: &str) -> bool {
        AccountField::ALL.into_iter().any(|field| match self.contact(field) {
            Some(contact) => contact.verified && contact.value == address,
            None => field.lifecycle() == Lifecycle::Factor && self.value(field) == Some(address),
        })
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

    /// The sign-in password's hash, to check a password against (off the store's lock).
    pub fn password_hash(&self) -> &'static PasswordHash {
        self.password
    }

    /// The account as the browser sees it: masked values only; `challenge` gives the code
    /// on its way to a pending value, if one is.
    pub fn to_wire(
        &self,
        now: DateTime<Utc>,
        challenge: impl Fn(AccountField, &str) -> Option<Challenge>,
    ) -> contract::Account {
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
            pending: self
                .pending
                .iter()
                .map(|(field, p)| {
                    let change = PendingChange {
                        change_id: p.change_id.clone(),
                        masked: mask::address(&p.value),
                        requested_at: super::rfc3339(p.requested_at),
                        expires_at: super::rfc3339(p.expires_at),
                        challenge: p.cooling.is_none().then(|| challenge(*field, &p.value)).flatten(),
                        state: p.cooling.map(|_| contract::ChangeState::CoolingOff),
                        effective_at: p.cooling.map(|_| super::rfc3339(p.expires_at)),
                        reason: p.cooling.map(Reason::wire),
                    };
                    (*field, change)
                })
                .collect(),
            recent: self
                .recent
                .iter()
                .map(|(field, r)| {
                    let recent = contract::RecentChange {
                        change_id: r.change_id.clone(),
                        previous_masked: r.previous.as_deref().map(mask::address),
                        revert_until: super::rfc3339(r.revert_until),
                    };
                    (*field, recent)
                })
                .collect(),
            security_hold: self.hold_at(now).map(|h| contract::SecurityHold {
                until: super::rfc3339(h.until),
                reason: "secured_from_notice".into(),
                reference: h.reference.clone(),
            }),
            notified: Vec::new(),
            notices: Vec::new(),
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

    /// Keeps `event` with the changes of its kind; the oldest of that kind is dropped past
    /// [`MAX_EVENTS`].
    fn keep(&mut self, field: AccountField, event: AccountEvent) {
        let events = match field.lifecycle() {
            Lifecycle::Factor => &mut self.security_events,
            Lifecycle::Contact => &mut self.contact_events,
        };
        events.push_back(event);
        if events.len() > MAX_EVENTS {
            events.pop_front();
        }
    }

    /// Every change kept, newest first.
    pub fn events(&self) -> Events {
        let mut events: Vec<AccountEvent> = self.security_events.iter().chain(&self.contact_events).cloned().collect();
        events.sort_by_key(|e| std::cmp::Reverse(e.id));
        Events { events }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unverified_contact_value_is_not_owned() {
        let now = Utc::now();
        let unverified = Account::from_preset(7, "unverified-contact", now).unwrap();
        let typed = unverified.value(AccountField::ContactMobile).unwrap();
        assert!(!unverified.owns(typed), "typed, never proven: it shares the cap of other senders");
        let proven = Account::from_preset(7, "diverged", now).unwrap();
        for field in AccountField::ALL {
            assert!(proven.owns(proven.value(field).unwrap()), "{field:?}");
        }
    }
}
