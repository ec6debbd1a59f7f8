//! In-memory accounts, sessions, verification codes, identity tickets and the outbox,
//! with the rules of the contract: single-use codes bound to a challenge and a target,
//! expiry, attempts, resend cooldown, daily cap, tickets with a lifetime.

use std::collections::HashMap;

use account_console::validate::{self, normalize_code, normalize_email, parse_e164};
use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use crate::config::Rules;
use crate::mask;
use crate::problem::Problem;

/// A login email every fresh store already has bound to another account, so that
/// `already_bound` can be seen and tested.
pub const TAKEN_EMAIL: &str = "taken@example.com";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Mobile,
    Email,
}

impl Kind {
    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "mobile" => Some(Kind::Mobile),
            "email" => Some(Kind::Email),
            _ => None,
        }
    }
    fn channel(self) -> &'static str {
        match self {
            Kind::Mobile => "sms",
            Kind::Email => "email",
        }
    }
    /// Validates a new value of this kind and returns its canonical form.
    fn normalize(self, value: &str) -> Result<String, Problem> {
        match self {
            Kind::Mobile => parse_e164(value).map_err(|e| {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_phone", format!("Not a valid mobile number ({e:?})."))
                    .field("value")
            }),
            Kind::Email => normalize_email(value).map_err(|e| {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_email", format!("Not a valid email address ({e:?})."))
                    .field("value")
            }),
        }
    }
}

/// What a code is for; also the `purpose` of outbox messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    Identity,
    VerifyContact(Kind),
    ChangeRecovery(Kind),
    ChangeLoginEmail,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Identity => "identity",
            Purpose::VerifyContact(_) => "verify_contact",
            Purpose::ChangeRecovery(_) => "change_recovery",
            Purpose::ChangeLoginEmail => "change_login_email",
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
    pub events: Vec<Value>,
}

impl Account {
    fn contact(&self, kind: Kind) -> &Option<Contact> {
        match kind {
            Kind::Mobile => &self.contact_mobile,
            Kind::Email => &self.contact_email,
        }
    }
    fn contact_mut(&mut self, kind: Kind) -> &mut Option<Contact> {
        match kind {
            Kind::Mobile => &mut self.contact_mobile,
            Kind::Email => &mut self.contact_email,
        }
    }
    fn recovery(&self, kind: Kind) -> &Option<String> {
        match kind {
            Kind::Mobile => &self.recovery_mobile,
            Kind::Email => &self.recovery_email,
        }
    }
    fn recovery_mut(&mut self, kind: Kind) -> &mut Option<String> {
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
        methods
    }

    /// The account as the browser sees it: masked values only.
    pub fn to_json(&self) -> Value {
        let contact = |kind: Kind| {
            self.contact(kind).as_ref().map(|c| {
                json!({
                    "masked": mask::address(&c.value),
                    "verified": c.verified,
                    "matches_recovery": self.recovery(kind).as_deref() == Some(c.value.as_str()),
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
        })
    }

    fn full_addresses(&self) -> Value {
        json!({
            "account_id": self.id,
            "login_email": self.login_email,
            "contact_mobile": self.contact_mobile.as_ref().map(|c| &c.value),
            "contact_email": self.contact_email.as_ref().map(|c| &c.value),
            "recovery_mobile": self.recovery_mobile,
            "recovery_email": self.recovery_email,
        })
    }
}

#[derive(Clone, Debug)]
struct Challenge {
    id: String,
    account_id: String,
    purpose: Purpose,
    target: String,
    code: String,
    expires_at: DateTime<Utc>,
    resend_at: DateTime<Utc>,
    attempts_left: u32,
}

#[derive(Clone, Debug)]
struct Ticket {
    account_id: String,
    expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub account_id: String,
    pub csrf_token: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutboxMessage {
    pub to: String,
    pub channel: &'static str,
    pub purpose: &'static str,
    pub code: Option<String>,
    pub sent_at: String,
}

pub struct Store {
    rules: Rules,
    print_messages: bool,
    next_account: u64,
    accounts: HashMap<String, Account>,
    sessions: HashMap<String, Session>,
    challenges: HashMap<String, Challenge>,
    tickets: HashMap<String, Ticket>,
    sends: HashMap<String, Vec<DateTime<Utc>>>,
    outbox: Vec<OutboxMessage>,
}

/// Random bytes as hex, from the operating system's CSPRNG.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).expect("the OS random source works");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A uniformly distributed 6-digit code from the OS CSPRNG (rejection sampling, no modulo bias).
fn random_code() -> String {
    const LIMIT: u32 = u32::MAX - (u32::MAX % 1_000_000);
    loop {
        let mut buf = [0u8; 4];
        getrandom::getrandom(&mut buf).expect("the OS random source works");
        let n = u32::from_le_bytes(buf);
        if n < LIMIT {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn seconds_until(t: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let ms = (t - now).num_milliseconds().max(0) as u64;
    ms.div_ceil(1000)
}

fn chrono(d: std::time::Duration) -> ChronoDuration {
    ChronoDuration::from_std(d).unwrap_or(ChronoDuration::MAX)
}

pub const PRESETS: &[&str] = &["default", "no-login-email", "no-recovery-email", "diverged", "unverified-contact"];

impl Store {
    pub fn new(rules: Rules, print_messages: bool) -> Self {
        let mut store = Store {
            rules,
            print_messages,
            next_account: 0,
            accounts: HashMap::new(),
            sessions: HashMap::new(),
            challenges: HashMap::new(),
            tickets: HashMap::new(),
            sends: HashMap::new(),
            outbox: Vec::new(),
        };
        let other = store.create_account("default").expect("the default preset exists");
        store.accounts.get_mut(&other).unwrap().login_email = Some(TAKEN_EMAIL.into());
        store
    }

    /// Creates a fresh account from a preset; every account has addresses of its own.
    pub fn create_account(&mut self, preset: &str) -> Result<String, Problem> {
        if !PRESETS.contains(&preset) {
            return Err(Problem::invalid_request(format!("unknown preset {preset:?}; presets: {}", PRESETS.join(", ")))
                .field("preset"));
        }
        self.next_account += 1;
        let n = self.next_account;
        let id = format!("1000{:08}", 41_000_000 + n);
        let recovery_mobile = format!("+86138{:08}", n);
        let recovery_email = format!("user{n}@example.com");
        let contact = |value: &str, verified: bool| Some(Contact { value: value.to_string(), verified });
        let mut account = Account {
            id: id.clone(),
            display_name: format!("Developer {n}"),
            account_type: "individual",
            identity_verification: "verified",
            registered_at: Utc::now() - ChronoDuration::days(400),
            login_email: Some(format!("login{n}@example.com")),
            contact_mobile: contact(&recovery_mobile, true),
            contact_email: contact(&recovery_email, true),
            recovery_mobile: Some(recovery_mobile),
            recovery_email: Some(recovery_email),
            events: Vec::new(),
        };
        match preset {
            "no-login-email" => account.login_email = None,
            "no-recovery-email" => account.recovery_email = None,
            "diverged" => {
                account.contact_mobile = contact(&format!("+86139{:08}", n), true);
                account.contact_email = contact(&format!("contact{n}@example.org"), true);
            }
            "unverified-contact" => {
                account.contact_mobile = contact(&format!("+86137{:08}", n), false);
                account.contact_email = contact(&format!("news{n}@example.net"), false);
            }
            _ => {}
        }
        self.accounts.insert(id.clone(), account);
        Ok(id)
    }

    pub fn login(&mut self, preset: &str) -> Result<(String, Session, Value), Problem> {
        let account_id = self.create_account(preset)?;
        let session = Session { account_id: account_id.clone(), csrf_token: random_token(16) };
        let session_id = random_token(24);
        self.sessions.insert(session_id.clone(), session.clone());
        let mut addresses = self.accounts[&account_id].full_addresses();
        addresses["preset"] = json!(preset);
        Ok((session_id, session, addresses))
    }

    pub fn session(&self, session_id: &str) -> Option<&Session> {
        self.sessions.get(session_id)
    }

    pub fn expire_session(&mut self, session_id: &str) -> bool {
        self.sessions.remove(session_id).is_some()
    }

    /// Dev helper: every identity ticket of the account expires now.
    pub fn expire_tickets(&mut self, account_id: &str) {
        self.tickets.retain(|_, t| t.account_id != account_id);
    }

    /// Dev helper: every code on its way to the account expires now.
    pub fn expire_codes(&mut self, account_id: &str) {
        let now = Utc::now();
        for challenge in self.challenges.values_mut().filter(|c| c.account_id == account_id) {
            challenge.expires_at = now;
        }
    }

    pub fn account(&self, account_id: &str) -> Result<&Account, Problem> {
        self.accounts.get(account_id).ok_or_else(Problem::unauthenticated)
    }

    fn account_mut(&mut self, account_id: &str) -> Result<&mut Account, Problem> {
        self.accounts.get_mut(account_id).ok_or_else(Problem::unauthenticated)
    }

    pub fn outbox(&self, to: Option<&str>) -> Vec<OutboxMessage> {
        self.outbox.iter().filter(|m| to.is_none_or(|to| m.to == to)).cloned().collect()
    }

    fn deliver(&mut self, to: &str, channel: &'static str, purpose: &'static str, code: Option<String>) {
        let now = Utc::now();
        if self.print_messages {
            match &code {
                Some(code) => println!("[{channel}] {to} code {code} purpose={purpose}"),
                None => println!("[{channel}] {to} notice purpose={purpose}"),
            }
        }
        self.outbox.push(OutboxMessage { to: to.into(), channel, purpose, code, sent_at: rfc3339(now) });
    }

    /// Sends a fresh code for `purpose` to `target`, replacing any earlier one for the same
    /// purpose, after checking the resend cooldown and the daily cap of that target.
    fn send_code(&mut self, account_id: &str, purpose: Purpose, target: &str, channel: &'static str) -> Result<Value, Problem> {
        let now = Utc::now();
        let earlier = self
            .challenges
            .values()
            .filter(|c| c.account_id == account_id && c.purpose == purpose && c.target == target)
            .map(|c| c.resend_at)
            .max();
        if let Some(resend_at) = earlier.filter(|t| *t > now) {
            return Err(Problem::rate_limited(
                "resend_too_soon",
                "A code was sent a moment ago; wait before asking for another.",
                seconds_until(resend_at, now),
            ));
        }
        let day_ago = now - ChronoDuration::hours(24);
        let sends = self.sends.entry(target.to_string()).or_default();
        sends.retain(|t| *t > day_ago);
        if sends.len() >= self.rules.daily_limit {
            let oldest = sends.iter().min().copied().unwrap_or(now);
            return Err(Problem::rate_limited(
                "daily_limit_reached",
                "Too many codes were sent to this address today.",
                seconds_until(oldest + ChronoDuration::hours(24), now),
            ));
        }
        sends.push(now);
        self.challenges.retain(|_, c| !(c.account_id == account_id && c.purpose == purpose));
        let challenge = Challenge {
            id: random_token(12),
            account_id: account_id.into(),
            purpose,
            target: target.into(),
            code: random_code(),
            expires_at: now + chrono(self.rules.code_ttl),
            resend_at: now + chrono(self.rules.resend_cooldown),
            attempts_left: self.rules.max_attempts,
        };
        self.deliver(target, channel, purpose.name(), Some(challenge.code.clone()));
        let body = json!({
            "challenge_id": challenge.id,
            "masked_target": mask::address(target),
            "channel": channel,
            "expires_at": rfc3339(challenge.expires_at),
            "resend_at": rfc3339(challenge.resend_at),
            "code_length": validate::CODE_LENGTH,
        });
        self.challenges.insert(challenge.id.clone(), challenge);
        Ok(body)
    }

    /// Checks a code against its challenge; on success the challenge is spent and its target
    /// returned. Wrong codes count down; the last wrong one kills the code.
    fn check_code(&mut self, account_id: &str, purpose: Purpose, challenge_id: &str, code: &str) -> Result<String, Problem> {
        let code = normalize_code(code, validate::CODE_LENGTH).map_err(|_| {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_code_format", "A code is 6 digits.").field("code")
        })?;
        let now = Utc::now();
        let challenge = match self.challenges.get_mut(challenge_id) {
            Some(c) if c.account_id == account_id && c.purpose == purpose => c,
            _ => {
                return Err(Problem::new(
                    StatusCode::NOT_FOUND,
                    "challenge_not_found",
                    "This code is no longer valid; ask for a new one.",
                ))
            }
        };
        if challenge.attempts_left == 0 {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "too_many_attempts",
                "Too many wrong codes; ask for a new one.",
            ));
        }
        if now >= challenge.expires_at {
            return Err(Problem::new(StatusCode::GONE, "code_expired", "The code has expired; ask for a new one."));
        }
        if challenge.code != code {
            challenge.attempts_left -= 1;
            if challenge.attempts_left == 0 {
                return Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "too_many_attempts",
                    "Too many wrong codes; ask for a new one.",
                ));
            }
            let mut problem = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_code", "The code is not correct.")
                .field("code");
            problem.attempts_left = Some(challenge.attempts_left);
            return Err(problem);
        }
        let target = challenge.target.clone();
        self.challenges.remove(challenge_id);
        Ok(target)
    }

    fn record(&mut self, account_id: &str, field: &str, action: &str, old: Option<&str>, new: Option<&str>, notified: Vec<String>) {
        let Ok(account) = self.account_mut(account_id) else { return };
        let id = account.events.len() + 1;
        account.events.push(json!({
            "id": id,
            "at": rfc3339(Utc::now()),
            "field": field,
            "action": action,
            "old_masked": old.map(mask::address),
            "new_masked": new.map(mask::address),
            "notified": notified.iter().map(|a| mask::address(a)).collect::<Vec<_>>(),
        }));
    }

    pub fn events(&self, account_id: &str) -> Result<Value, Problem> {
        let account = self.account(account_id)?;
        let events: Vec<&Value> = account.events.iter().rev().collect();
        Ok(json!({ "events": events }))
    }

    // ---- identity step-up ----

    pub fn start_identity(&mut self, account_id: &str, method: &str) -> Result<Value, Problem> {
        let account = self.account(account_id)?;
        let (target, channel) = match method {
            "sms" => (account.recovery_mobile.clone(), "sms"),
            "email" => (account.recovery_email.clone(), "email"),
            _ => (None, ""),
        };
        let Some(target) = target else {
            return Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "method_unavailable",
                "This verification method is not available for the account.",
            )
            .field("method"));
        };
        let mut body = self.send_code(account_id, Purpose::Identity, &target, channel)?;
        body["method"] = json!(method);
        Ok(body)
    }

    pub fn verify_identity(&mut self, account_id: &str, challenge_id: &str, code: &str) -> Result<Value, Problem> {
        self.check_code(account_id, Purpose::Identity, challenge_id, code)?;
        let ticket = random_token(24);
        let expires_at = Utc::now() + chrono(self.rules.ticket_ttl);
        self.tickets.insert(ticket.clone(), Ticket { account_id: account_id.into(), expires_at });
        Ok(json!({ "ticket": ticket, "expires_at": rfc3339(expires_at) }))
    }

    pub fn require_ticket(&mut self, account_id: &str, ticket: Option<&str>) -> Result<(), Problem> {
        let now = Utc::now();
        self.tickets.retain(|_, t| t.expires_at > now);
        match ticket.and_then(|t| self.tickets.get(t)) {
            Some(t) if t.account_id == account_id => Ok(()),
            _ => Err(Problem::identity_required()),
        }
    }

    // ---- contact values ----

    fn same_as_current() -> Problem {
        Problem::new(StatusCode::CONFLICT, "same_as_current", "This is already the current value.").field("value")
    }

    /// Sets a contact value (identity ticket required) or copies the recovery value (no
    /// ticket: the recovery value is already verified as the holder's).
    pub fn set_contact(&mut self, account_id: &str, kind: Kind, value: Option<&str>, copy_from_recovery: bool, ticket: Option<&str>) -> Result<Value, Problem> {
        let account = self.account(account_id)?;
        let old = account.contact(kind).as_ref().map(|c| c.value.clone());
        let field = match kind {
            Kind::Mobile => "contact_mobile",
            Kind::Email => "contact_email",
        };
        let (new_value, verified) = if copy_from_recovery {
            let Some(recovery) = account.recovery(kind).clone() else {
                return Err(Problem::new(StatusCode::CONFLICT, "no_recovery_value", "The account has no recovery value of this kind."));
            };
            if account.contact(kind).as_ref().is_some_and(|c| c.value == recovery && c.verified) {
                return Err(Self::same_as_current());
            }
            (recovery, true)
        } else {
            let Some(value) = value else {
                return Err(Problem::invalid_request("Give `value` or `copy_from_recovery`.").field("value"));
            };
            let value = kind.normalize(value)?;
            if old.as_deref() == Some(value.as_str()) {
                return Err(Self::same_as_current());
            }
            self.require_ticket(account_id, ticket)?;
            (value, false)
        };
        *self.account_mut(account_id)?.contact_mut(kind) = Some(Contact { value: new_value.clone(), verified });
        self.record(account_id, field, "changed", old.as_deref(), Some(&new_value), Vec::new());
        Ok(self.account(account_id)?.to_json())
    }

    pub fn start_contact_verification(&mut self, account_id: &str, kind: Kind) -> Result<Value, Problem> {
        let target = match self.account(account_id)?.contact(kind) {
            None => return Err(Problem::not_found("The account has no contact value of this kind.")),
            Some(c) if c.verified => {
                return Err(Problem::new(StatusCode::CONFLICT, "already_verified", "This contact value is already verified."))
            }
            Some(c) => c.value.clone(),
        };
        self.send_code(account_id, Purpose::VerifyContact(kind), &target, kind.channel())
    }

    pub fn verify_contact(&mut self, account_id: &str, kind: Kind, challenge_id: &str, code: &str) -> Result<Value, Problem> {
        let target = self.check_code(account_id, Purpose::VerifyContact(kind), challenge_id, code)?;
        let field = match kind {
            Kind::Mobile => "contact_mobile",
            Kind::Email => "contact_email",
        };
        match self.account_mut(account_id)?.contact_mut(kind) {
            Some(c) if c.value == target => c.verified = true,
            _ => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "challenge_not_found",
                    "The contact value changed after the code was sent; ask for a new one.",
                ))
            }
        }
        self.record(account_id, field, "verified", None, Some(&target), Vec::new());
        Ok(self.account(account_id)?.to_json())
    }

    // ---- recovery values and the login email: code to the new value, then commit ----

    fn check_login_email_free(&self, account_id: &str, value: &str) -> Result<(), Problem> {
        let taken = self
            .accounts
            .values()
            .any(|a| a.id != account_id && a.login_email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(value)));
        if taken {
            return Err(Problem::new(StatusCode::CONFLICT, "already_bound", "This email address is bound to another account.")
                .field("value"));
        }
        Ok(())
    }

    fn current_value(&self, account_id: &str, purpose: Purpose) -> Result<Option<String>, Problem> {
        let account = self.account(account_id)?;
        Ok(match purpose {
            Purpose::ChangeRecovery(kind) => account.recovery(kind).clone(),
            _ => account.login_email.clone(),
        })
    }

    pub fn start_change(&mut self, account_id: &str, purpose: Purpose, value: &str, ticket: Option<&str>) -> Result<Value, Problem> {
        let kind = match purpose {
            Purpose::ChangeRecovery(kind) => kind,
            _ => Kind::Email,
        };
        let value = kind.normalize(value)?;
        if self.current_value(account_id, purpose)?.as_deref() == Some(value.as_str()) {
            return Err(Self::same_as_current());
        }
        if purpose == Purpose::ChangeLoginEmail {
            self.check_login_email_free(account_id, &value)?;
        }
        self.require_ticket(account_id, ticket)?;
        self.send_code(account_id, purpose, &value, kind.channel())
    }

    pub fn commit_change(&mut self, account_id: &str, purpose: Purpose, challenge_id: &str, code: &str, ticket: Option<&str>) -> Result<Value, Problem> {
        self.require_ticket(account_id, ticket)?;
        if purpose == Purpose::ChangeLoginEmail {
            // Someone may have bound the address while the code was on its way.
            if let Some(target) = self.challenges.get(challenge_id).map(|c| c.target.clone()) {
                self.check_login_email_free(account_id, &target)?;
            }
        }
        let new_value = self.check_code(account_id, purpose, challenge_id, code)?;
        let old = self.current_value(account_id, purpose)?;
        let account = self.account_mut(account_id)?;
        let (field, channel) = match purpose {
            Purpose::ChangeRecovery(kind) => {
                *account.recovery_mut(kind) = Some(new_value.clone());
                (if kind == Kind::Mobile { "recovery_mobile" } else { "recovery_email" }, kind.channel())
            }
            _ => {
                account.login_email = Some(new_value.clone());
                ("login_email", "email")
            }
        };
        let mut notified = Vec::new();
        if let Some(old) = &old {
            self.deliver(old, channel, "notify", None);
            notified.push(old.clone());
        }
        let action = if old.is_some() { "changed" } else { "bound" };
        self.record(account_id, field, action, old.as_deref(), Some(&new_value), notified.clone());
        let mut body = self.account(account_id)?.to_json();
        body["notified"] = json!(notified.iter().map(|a| mask::address(a)).collect::<Vec<_>>());
        Ok(body)
    }
}
