//! In-memory accounts, sessions, verification codes, identity tickets and the outbox, with the
//! rules of the contract. Memory stays bounded: idle sessions end (and their accounts with
//! them), the outbox and each account's events keep their newest entries, and what no rule
//! needs any more is swept.

mod account;
mod codes;
mod tickets;

use std::collections::{HashMap, VecDeque};

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use serde::Serialize;
use serde_json::{json, Value};

pub use account::{Account, Kind, DEV_PASSWORD, MAX_EVENTS, PRESETS};
pub use codes::{random_token, Purpose, MAX_COUNTED_TARGETS};

use crate::clock::Clock;
use crate::config::Rules;
use crate::mask;
use crate::printer::Printer;
use crate::problem::Problem;
use codes::{chrono, Codes};
use tickets::{Earned, Tickets};

/// A login email every fresh store already has bound to another account, so that
/// `already_bound` can be seen and tested.
pub const TAKEN_EMAIL: &str = "taken@example.com";

/// Messages kept for `GET /__dev/outbox`; older ones are dropped.
pub const MAX_OUTBOX: usize = 1_000;

/// Sessions at once; past this, signing in is refused (503) until sessions end: no sign-in
/// ever ends somebody else's session.
pub const MAX_SESSIONS: usize = 10_000;

/// How often the store drops what no rule needs any more.
const SWEEP_EVERY: ChronoDuration = ChronoDuration::seconds(60);

#[derive(Clone, Debug)]
pub struct Session {
    pub account_id: String,
    pub csrf_token: String,
    signed_in: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    /// When identity was last verified in this session.
    stepped_up: Option<DateTime<Utc>>,
}

impl Session {
    /// Unused for the idle time, or signed in longer ago than the lifetime.
    fn over(&self, now: DateTime<Utc>, rules: &Rules) -> bool {
        self.last_seen <= now - chrono(rules.session_idle) || self.signed_in <= now - chrono(rules.session_lifetime)
    }
}

/// Wrong passwords in a row, across pauses, after which identity by password stays paused
/// for a day.
pub const MAX_WRONG_PASSWORDS: u32 = 20;

/// Wrong passwords of one account: after `max_attempts`, identity by password is refused
/// until `locked_until`; each pause is twice the one before, and `MAX_WRONG_PASSWORDS` in a
/// row pause it for a day. Only the right password starts the count again.
#[derive(Clone, Debug, Default)]
struct PasswordTries {
    /// Wrong since the last pause.
    wrong: u32,
    /// Wrong since the last success.
    in_a_row: u32,
    /// Pauses since the last success.
    pauses: u32,
    locked_until: Option<DateTime<Utc>>,
}

/// Who is asking: the session (tickets are bound to it) and its account.
#[derive(Clone, Debug)]
pub struct Caller {
    pub session_id: String,
    pub account_id: String,
}

/// A verified identity: the ticket's answer, and the session's new id for its cookie.
#[derive(Debug)]
pub struct StepUp {
    pub body: Value,
    pub session_id: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OutboxMessage {
    pub to: String,
    pub channel: &'static str,
    pub purpose: &'static str,
    pub code: Option<String>,
    pub sent_at: String,
}

/// How much the store holds, for tests of its bounds.
#[derive(Debug, PartialEq, Eq)]
pub struct Footprint {
    pub accounts: usize,
    pub sessions: usize,
    pub challenges: usize,
    pub tickets: usize,
    pub counted_targets: usize,
    pub outbox: usize,
}

pub struct Store {
    rules: Rules,
    clock: Clock,
    printer: Printer,
    next_account: u64,
    next_sweep: DateTime<Utc>,
    accounts: HashMap<String, Account>,
    sessions: HashMap<String, Session>,
    codes: Codes,
    tickets: Tickets,
    password_tries: HashMap<String, PasswordTries>,
    outbox: VecDeque<OutboxMessage>,
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn same_as_current() -> Problem {
    Problem::new(StatusCode::CONFLICT, "same_as_current", "This is already the current value.").field("value")
}

impl Store {
    pub fn new(rules: Rules, clock: Clock, print_messages: bool) -> Self {
        let now = clock.now();
        let mut store = Store {
            codes: Codes::new(rules.clone()),
            rules,
            clock,
            printer: if print_messages { Printer::stdout() } else { Printer::default() },
            next_account: 0,
            next_sweep: now + SWEEP_EVERY,
            accounts: HashMap::new(),
            sessions: HashMap::new(),
            tickets: Tickets::default(),
            password_tries: HashMap::new(),
            outbox: VecDeque::new(),
        };
        let other = store.create_account("default").expect("the default preset exists");
        store.accounts.get_mut(&other).expect("just created").login_email = Some(TAKEN_EMAIL.into());
        store
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn footprint(&self) -> Footprint {
        Footprint {
            accounts: self.accounts.len(),
            sessions: self.sessions.len(),
            challenges: self.codes.challenges(),
            tickets: self.tickets.count(),
            counted_targets: self.codes.counted_targets(),
            outbox: self.outbox.len(),
        }
    }

    /// Creates a fresh account from a preset; every account has addresses of its own.
    fn create_account(&mut self, preset: &str) -> Result<String, Problem> {
        let account = Account::from_preset(self.next_account + 1, preset, self.now()).ok_or_else(|| {
            Problem::invalid_request(format!("unknown preset {preset:?}; presets: {}", PRESETS.join(", ")))
                .field("preset")
        })?;
        self.next_account += 1;
        let id = account.id.clone();
        self.accounts.insert(id.clone(), account);
        Ok(id)
    }

    // ---- sessions ----

    /// Signs in with a fresh account: the session id, its CSRF token and the full addresses.
    pub fn login(&mut self, preset: &str) -> Result<(String, String, Value), Problem> {
        self.room_for_a_session()?;
        let account_id = self.create_account(preset)?;
        let (session_id, csrf_token) = self.open_session(&account_id);
        let mut addresses = self.accounts[&account_id].full_addresses();
        addresses["preset"] = json!(preset);
        Ok((session_id, csrf_token, addresses))
    }

    /// Another session of an existing account (a second browser or device).
    pub fn login_again(&mut self, account_id: &str) -> Result<(String, String, Value), Problem> {
        if !self.accounts.contains_key(account_id) {
            return Err(Problem::not_found("No account has this id."));
        }
        self.room_for_a_session()?;
        let (session_id, csrf_token) = self.open_session(account_id);
        Ok((session_id, csrf_token, self.accounts[account_id].full_addresses()))
    }

    /// Another session fits, once idle ones are swept.
    fn room_for_a_session(&mut self) -> Result<(), Problem> {
        let now = self.now();
        self.maybe_sweep(now);
        if self.sessions.len() >= MAX_SESSIONS {
            return Err(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "too_many_sessions",
                "dev-api holds as many sessions as it may; try again when some have ended.",
            ));
        }
        Ok(())
    }

    fn open_session(&mut self, account_id: &str) -> (String, String) {
        let now = self.now();
        let session = Session {
            account_id: account_id.to_string(),
            csrf_token: random_token(16),
            signed_in: now,
            last_seen: now,
            stepped_up: None,
        };
        let csrf_token = session.csrf_token.clone();
        let session_id = random_token(24);
        self.sessions.insert(session_id.clone(), session);
        (session_id, csrf_token)
    }

    /// The session behind a cookie, if it has not ended; it counts as used now.
    pub fn session(&mut self, session_id: &str) -> Option<&Session> {
        let now = self.now();
        self.maybe_sweep(now);
        if self.sessions.get(session_id)?.over(now, &self.rules) {
            self.end_session(session_id);
            return None;
        }
        let session = self.sessions.get_mut(session_id)?;
        session.last_seen = now;
        Some(session)
    }

    /// The same session under a new id (its tickets end): after a step-up, an id that was
    /// known before it (fixed by an attacker, or read from a log) no longer works.
    fn rotate_session(&mut self, session_id: &str) -> String {
        self.tickets.end_session(session_id);
        let new_id = random_token(24);
        if let Some(session) = self.sessions.remove(session_id) {
            self.sessions.insert(new_id.clone(), session);
        }
        new_id
    }

    /// Ends every other session of the caller's account, for a session that verified
    /// identity within a ticket's lifetime (a stolen session alone cannot sign the owner
    /// out): `{"ended": n}`.
    pub fn end_other_sessions(&mut self, caller: &Caller) -> Result<Value, Problem> {
        let now = self.now();
        let recent = now - chrono(self.rules.ticket_ttl);
        let stepped_up = self.sessions.get(&caller.session_id).and_then(|s| s.stepped_up);
        if stepped_up.is_none_or(|at| at <= recent) {
            return Err(Problem::identity_required());
        }
        let others: Vec<String> = self
            .sessions
            .iter()
            .filter(|(id, s)| s.account_id == caller.account_id && **id != caller.session_id)
            .map(|(id, _)| id.clone())
            .collect();
        for id in &others {
            self.end_session(id);
        }
        Ok(json!({ "ended": others.len() }))
    }

    /// Ends a session; its tickets end with it, and its account (each sign-in has its own).
    pub fn end_session(&mut self, session_id: &str) -> bool {
        let Some(session) = self.sessions.remove(session_id) else { return false };
        self.tickets.end_session(session_id);
        if !self.sessions.values().any(|s| s.account_id == session.account_id) {
            self.accounts.remove(&session.account_id);
            self.codes.forget_account(&session.account_id);
            self.password_tries.remove(&session.account_id);
        }
        true
    }

    fn maybe_sweep(&mut self, now: DateTime<Utc>) {
        if now < self.next_sweep {
            return;
        }
        self.next_sweep = now + SWEEP_EVERY;
        let over: Vec<String> =
            self.sessions.iter().filter(|(_, s)| s.over(now, &self.rules)).map(|(id, _)| id.clone()).collect();
        for id in over {
            self.end_session(&id);
        }
        self.codes.sweep(now);
        self.tickets.sweep(now);
    }

    /// Dev helper: every identity ticket of the account expires now.
    pub fn expire_tickets(&mut self, account_id: &str) {
        self.tickets.expire_account(account_id);
    }

    /// Dev helper: every code on its way to the account expires now.
    pub fn expire_codes(&mut self, account_id: &str) {
        let now = self.now();
        self.codes.expire(now, account_id);
    }

    pub fn account(&self, account_id: &str) -> Result<&Account, Problem> {
        self.accounts.get(account_id).ok_or_else(Problem::unauthenticated)
    }

    fn account_mut(&mut self, account_id: &str) -> Result<&mut Account, Problem> {
        self.accounts.get_mut(account_id).ok_or_else(Problem::unauthenticated)
    }

    pub fn events(&self, account_id: &str) -> Result<Value, Problem> {
        Ok(self.account(account_id)?.events_json())
    }

    fn record(
        &mut self,
        account_id: &str,
        field: &str,
        action: &str,
        old: Option<&str>,
        new: Option<&str>,
        notified: &[String],
    ) {
        let at = rfc3339(self.now());
        if let Ok(account) = self.account_mut(account_id) {
            account.record(&at, field, action, old, new, notified);
        }
    }

    // ---- messages ----

    pub fn outbox(&self, to: Option<&str>) -> Vec<OutboxMessage> {
        self.outbox.iter().filter(|m| to.is_none_or(|to| m.to == to)).cloned().collect()
    }

    fn deliver(&mut self, to: &str, channel: &'static str, purpose: &'static str, code: Option<String>) {
        self.printer.print(match &code {
            Some(code) => format!("[{channel}] {to} code {code} purpose={purpose}"),
            None => format!("[{channel}] {to} notice purpose={purpose}"),
        });
        let sent_at = rfc3339(self.now());
        self.outbox.push_back(OutboxMessage { to: to.into(), channel, purpose, code, sent_at });
        if self.outbox.len() > MAX_OUTBOX {
            self.outbox.pop_front();
        }
    }

    fn send_code(
        &mut self,
        account_id: &str,
        purpose: Purpose,
        target: &str,
        channel: &'static str,
    ) -> Result<Value, Problem> {
        let now = self.now();
        let owns = self.account(account_id)?.owns(target);
        let challenge = self.codes.send(now, account_id, purpose, target, owns)?.clone();
        self.deliver(target, channel, purpose.name(), Some(challenge.code.clone()));
        Ok(json!({
            "challenge_id": challenge.id,
            "masked_target": mask::address(target),
            "channel": channel,
            "expires_at": rfc3339(challenge.expires_at),
            "resend_at": rfc3339(challenge.resend_at),
            "code_length": account_console::validate::CODE_LENGTH,
        }))
    }

    fn check_code(
        &mut self,
        account_id: &str,
        purpose: Purpose,
        challenge_id: &str,
        code: &str,
    ) -> Result<String, Problem> {
        let now = self.now();
        self.codes.check(now, account_id, purpose, challenge_id, code)
    }

    // ---- identity step-up ----

    pub fn start_identity(&mut self, caller: &Caller, method: &str) -> Result<Value, Problem> {
        let account = self.account(&caller.account_id)?;
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
        let mut body = self.send_code(&caller.account_id, Purpose::Identity, &target, channel)?;
        body["method"] = json!(method);
        Ok(body)
    }

    pub fn verify_identity(&mut self, caller: &Caller, challenge_id: &str, code: &str) -> Result<StepUp, Problem> {
        self.check_code(&caller.account_id, Purpose::Identity, challenge_id, code)?;
        Ok(self.issue_ticket(caller, Earned::Code))
    }

    /// A ticket for the caller's session, which gets a new id: the ticket's answer and that id.
    fn issue_ticket(&mut self, caller: &Caller, earned: Earned) -> StepUp {
        let session_id = self.rotate_session(&caller.session_id);
        let now = self.now();
        if let Some(session) = self.sessions.get_mut(&session_id) {
            session.stepped_up = Some(now);
        }
        let expires_at = now + chrono(self.rules.ticket_ttl);
        let ticket = self.tickets.issue(&session_id, &caller.account_id, expires_at, earned);
        StepUp { body: json!({ "ticket": ticket, "expires_at": rfc3339(expires_at) }), session_id }
    }

    /// Identity by the sign-in password: a ticket, weaker than one earned by a code (see
    /// [`Store::require_ticket`]). Wrong passwords count down as wrong codes do; the last one
    /// pauses this method, longer each time, and the recovery addresses hear of each pause.
    pub fn verify_password(&mut self, caller: &Caller, password: &str) -> Result<StepUp, Problem> {
        let now = self.now();
        let right = self.account(&caller.account_id)?.password_is(password);
        let max = self.rules.max_attempts;
        let lockout = chrono(self.rules.password_lockout);
        let tries = self.password_tries.entry(caller.account_id.clone()).or_default();
        let locked = |until: DateTime<Utc>| {
            Problem::rate_limited(
                "password_locked",
                "Too many wrong passwords; identity by password is paused.",
                codes::seconds_until(until, now),
            )
        };
        if let Some(until) = tries.locked_until.filter(|until| *until > now) {
            return Err(locked(until));
        }
        if right {
            *tries = PasswordTries::default();
            return Ok(self.issue_ticket(caller, Earned::Password));
        }
        tries.wrong += 1;
        tries.in_a_row += 1;
        if tries.wrong >= max || tries.in_a_row >= MAX_WRONG_PASSWORDS {
            let pause = if tries.in_a_row >= MAX_WRONG_PASSWORDS {
                ChronoDuration::hours(24)
            } else {
                lockout * 2i32.saturating_pow(tries.pauses.min(16))
            };
            let until = now + pause;
            tries.pauses += 1;
            tries.wrong = 0;
            tries.locked_until = Some(until);
            self.notify_recovery(&caller.account_id);
            return Err(locked(until));
        }
        let mut problem =
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_password", "The password is not correct.")
                .field("password");
        problem.attempts_left = Some(max - tries.wrong);
        Err(problem)
    }

    /// A notice to each recovery address of the account (a pause of identity by password, a
    /// change made after identity by password).
    fn notify_recovery(&mut self, account_id: &str) {
        let Ok(account) = self.account(account_id) else { return };
        let targets: Vec<(String, &'static str)> = [Kind::Mobile, Kind::Email]
            .into_iter()
            .filter_map(|kind| account.recovery(kind).clone().map(|address| (address, kind.channel())))
            .collect();
        for (address, channel) in targets {
            self.deliver(&address, channel, "notify", None);
        }
    }

    /// The change may go ahead: the request carries a live ticket of this session, earned
    /// in a way that qualifies for it. A contact change takes any ticket; a recovery or
    /// login-email change (`security`) takes a password ticket only while the account has
    /// no recovery address.
    fn require_ticket(&self, caller: &Caller, ticket: Option<&str>, security: bool) -> Result<Earned, Problem> {
        let now = self.now();
        let earned = ticket.and_then(|ticket| self.tickets.valid(now, &caller.session_id, ticket));
        let account = self.account(&caller.account_id)?;
        match earned {
            Some(Earned::Code) => Ok(Earned::Code),
            Some(Earned::Password) if !security || account.security_methods() == ["password"] => Ok(Earned::Password),
            _ if security => Err(Problem::identity_required_by(account.security_methods())),
            _ => Err(Problem::identity_required()),
        }
    }

    // ---- contact values ----

    /// Sets a contact value (identity ticket required, checked before the value is compared
    /// with anything) or copies the recovery value (no ticket: the recovery value is already
    /// verified as the holder's).
    pub fn set_contact(
        &mut self,
        caller: &Caller,
        kind: Kind,
        value: Option<&str>,
        copy_from_recovery: bool,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let account = self.account(&caller.account_id)?;
        let old = account.contact(kind).as_ref().map(|c| c.value.clone());
        let mut by_password = false;
        let (new_value, verified) = match (value, copy_from_recovery) {
            (None, true) => {
                let Some(recovery) = account.recovery(kind).clone() else {
                    return Err(Problem::new(
                        StatusCode::CONFLICT,
                        "no_recovery_value",
                        "The account has no recovery value of this kind.",
                    ));
                };
                if account.contact(kind).as_ref().is_some_and(|c| c.value == recovery && c.verified) {
                    return Err(same_as_current());
                }
                (recovery, true)
            }
            (Some(value), false) => {
                let value = kind.normalize(value)?;
                let earned = self.require_ticket(caller, ticket, false)?;
                by_password = earned == Earned::Password;
                // Told only to whoever verified with a code to a recovery address. With a
                // password ticket the current value (often the recovery value, copied) is set
                // again, unverified, answering as any other value does: no guess is confirmed.
                if old.as_deref() == Some(value.as_str()) && !by_password {
                    return Err(same_as_current());
                }
                (value, false)
            }
            _ => {
                return Err(
                    Problem::invalid_request("Give either `value` or `copy_from_recovery: true`.").field("value")
                )
            }
        };
        *self.account_mut(&caller.account_id)?.contact_mut(kind) =
            Some(account::Contact { value: new_value.clone(), verified });
        let field = match kind {
            Kind::Mobile => "contact_mobile",
            Kind::Email => "contact_email",
        };
        self.record(&caller.account_id, field, "changed", old.as_deref(), Some(&new_value), &[]);
        if by_password {
            self.notify_recovery(&caller.account_id);
        }
        Ok(self.account(&caller.account_id)?.to_json())
    }

    pub fn start_contact_verification(&mut self, caller: &Caller, kind: Kind) -> Result<Value, Problem> {
        let target = match self.account(&caller.account_id)?.contact(kind) {
            None => return Err(Problem::not_found("The account has no contact value of this kind.")),
            Some(c) if c.verified => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "already_verified",
                    "This contact value is already verified.",
                ))
            }
            Some(c) => c.value.clone(),
        };
        self.send_code(&caller.account_id, Purpose::VerifyContact(kind), &target, kind.channel())
    }

    pub fn verify_contact(
        &mut self,
        caller: &Caller,
        kind: Kind,
        challenge_id: &str,
        code: &str,
    ) -> Result<Value, Problem> {
        let target = self.check_code(&caller.account_id, Purpose::VerifyContact(kind), challenge_id, code)?;
        match self.account_mut(&caller.account_id)?.contact_mut(kind) {
            Some(c) if c.value == target => c.verified = true,
            _ => {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    "challenge_not_found",
                    "The contact value changed after the code was sent; ask for a new one.",
                ))
            }
        }
        let field = match kind {
            Kind::Mobile => "contact_mobile",
            Kind::Email => "contact_email",
        };
        self.record(&caller.account_id, field, "verified", None, Some(&target), &[]);
        Ok(self.account(&caller.account_id)?.to_json())
    }

    // ---- recovery values and the login email: code to the new value, then commit ----

    /// Both sides are canonical (NFC, ASCII domain); letters compare without case in any script.
    fn check_login_email_free(&self, account_id: &str, value: &str) -> Result<(), Problem> {
        let value = value.to_lowercase();
        let taken = self
            .accounts
            .values()
            .any(|a| a.id != account_id && a.login_email.as_deref().is_some_and(|e| e.to_lowercase() == value));
        if taken {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "already_bound",
                "This email address is bound to another account.",
            )
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

    /// Sends a code to a new recovery value or login email, once the ticket qualifies. The
    /// value is not compared with the current one or with other accounts' login emails here:
    /// a taken address answers as a free one does (same status, same body, same cooldown and
    /// budget), so a ticket cannot sort a list of addresses. The commit, after the code to
    /// that address was entered, is where `already_bound` and `same_as_current` are said.
    pub fn start_change(
        &mut self,
        caller: &Caller,
        purpose: Purpose,
        value: &str,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let kind = match purpose {
            Purpose::ChangeRecovery(kind) => kind,
            _ => Kind::Email,
        };
        let value = kind.normalize(value)?;
        self.require_ticket(caller, ticket, true)?;
        self.send_code(&caller.account_id, purpose, &value, kind.channel())
    }

    /// Commits a new recovery value or login email with its code; the ticket is used up and
    /// the previous address notified.
    pub fn commit_change(
        &mut self,
        caller: &Caller,
        purpose: Purpose,
        challenge_id: &str,
        code: &str,
        ticket: Option<&str>,
    ) -> Result<Value, Problem> {
        let earned = self.require_ticket(caller, ticket, true)?;
        let account_id = caller.account_id.as_str();
        let new_value = self.check_code(account_id, purpose, challenge_id, code)?;
        let old = self.current_value(account_id, purpose)?;
        // Said only now, to the holder of the address: the code to it was entered.
        if old.as_deref() == Some(new_value.as_str()) {
            return Err(same_as_current());
        }
        if purpose == Purpose::ChangeLoginEmail {
            self.check_login_email_free(account_id, &new_value)?;
        }
        if let Some(ticket) = ticket {
            self.tickets.use_up(ticket);
        }
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
        // The password only binds a first recovery address: the new one hears how it came.
        if earned == Earned::Password {
            self.notify_recovery(account_id);
        }
        let action = if old.is_some() { "changed" } else { "bound" };
        self.record(account_id, field, action, old.as_deref(), Some(&new_value), &notified);
        let mut body = self.account(account_id)?.to_json();
        body["notified"] = json!(notified.iter().map(|a| mask::address(a)).collect::<Vec<_>>());
        Ok(body)
    }
}
