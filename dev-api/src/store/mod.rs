//! In-memory accounts, sessions, verification codes, identity tickets and the outbox, with the
//! rules of the contract. Memory stays bounded: idle sessions end (and their accounts with
//! them), the outbox and each account's events keep their newest entries, and what no rule
//! needs any more is swept.

mod account;
mod changes;
mod codes;
mod cooling;
mod disputes;
mod identity;
pub mod notices;
mod outbox;
mod sessions;
mod tickets;

use std::collections::{BTreeSet, HashMap, VecDeque};

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use contract::{AccountField, Challenge, Events};

pub use account::PasswordHash;
pub use account::{Account, MediumRules, DEV_PASSWORD, MAX_EVENTS, PRESETS};
pub use codes::{random_token, same_secret, Purpose, MAX_COUNTED_TARGETS};
pub use cooling::Outcome;
pub use disputes::actions::Proof;
pub use disputes::Peer;
pub use identity::MAX_WRONG_PASSWORDS;
pub use notices::{Lang, MAX_WINDOWS};
pub use outbox::{OutboxMessage, MAX_OUTBOX};
pub use sessions::{Client, Session, Successor, FRESH_SIGN_IN, MAX_SESSIONS, ROTATION_GRACE};

use crate::clock::Clock;
use crate::config::Rules;
use crate::mask;
use crate::printer::Printer;
use crate::problem::Problem;
use codes::Codes;
use contract::ProblemCode;
use identity::PasswordTries;
use sessions::SWEEP_EVERY;
use tickets::Tickets;

/// A login email every fresh store already has bound to another account, so that
/// `already_bound` can be seen and tested.
pub const TAKEN_EMAIL: &str = "taken@example.com";

/// Who is asking: the session (tickets are bound to it), its account, and the language it
/// reads (`Accept-Language`), in which the codes and notices its requests send are written.
#[derive(Clone, Debug)]
pub struct Caller {
    pub session_id: String,
    /// The session's name in the list, the same across step-ups: the key of its budgets.
    pub session_handle: String,
    pub account_id: String,
    pub lang: Lang,
}

/// A verified identity: the ticket, and the session's new id for its cookie.
#[derive(Debug)]
pub struct StepUp {
    pub ticket: contract::Ticket,
    pub session_id: String,
    pub csrf_token: String,
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
    pub notice_windows: usize,
    pub pending_changes: usize,
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
    /// Wrong passwords, per session (by its handle).
    password_tries: HashMap<String, PasswordTries>,
    /// Session ids replaced by a step-up, while they still answer.
    retired: HashMap<String, sessions::Retired>,
    outbox: VecDeque<OutboxMessage>,
    windows: notices::Windows,
    /// When each change waiting is due (a contact value's expires, a factor's takes
    /// effect): its account, field and id.
    expiring: BTreeSet<(DateTime<Utc>, String, AccountField, String)>,
    /// Notices somebody may act on, and the public calls that act on them.
    disputes: disputes::Disputes,
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn same_as_current() -> Problem {
    Problem::new(StatusCode::CONFLICT, ProblemCode::SameAsCurrent, "This is already the current value.").field("value")
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
            retired: HashMap::new(),
            outbox: VecDeque::new(),
            windows: notices::Windows::default(),
            expiring: BTreeSet::new(),
            disputes: disputes::Disputes::default(),
        };
        let other = store.create_account("default").expect("the default preset exists");
        if let Some(account) = store.accounts.remove(&other) {
            store.accounts.insert(other, account.with_login_email(TAKEN_EMAIL));
        }
        store
    }

    pub(super) fn now(&self) -> DateTime<Utc> {
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
            notice_windows: self.windows.count(),
            pending_changes: self.expiring.len(),
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

    /// Dev helper: every identity ticket of the account expires now.
    pub fn expire_tickets(&mut self, account_id: &str) {
        self.tickets.expire_account(account_id);
    }

    /// Dev helper: every change of the account waiting for its code expires now.
    pub fn expire_pending_now(&mut self, account_id: &str) {
        self.due_now(account_id, false);
    }

    /// Dev helper: what the account has waiting is due now: its factors' changes cooling off
    /// (`cooling`, which then take effect), or its contact values waiting for their code
    /// (which are dropped).
    pub(super) fn due_now(&mut self, account_id: &str, cooling: bool) {
        let Ok(account) = self.account(account_id) else { return };
        let waiting: Vec<(AccountField, String)> = account
            .pending_changes()
            .filter(|(_, p)| p.cooling.is_some() == cooling)
            .map(|(field, p)| (field, p.change_id.clone()))
            .collect();
        for (field, change_id) in waiting {
            let _ = self.pending_due(account_id, field, &change_id);
            self.expiring.retain(|(_, _, _, id)| *id != change_id);
        }
    }

    /// Dev helper: every code on its way to the account expires now.
    pub fn expire_codes(&mut self, account_id: &str) {
        let now = self.now();
        self.codes.expire(now, account_id);
    }

    pub fn account(&self, account_id: &str) -> Result<&Account, Problem> {
        self.accounts.get(account_id).ok_or_else(Problem::unauthenticated)
    }

    pub(super) fn account_mut(&mut self, account_id: &str) -> Result<&mut Account, Problem> {
        self.accounts.get_mut(account_id).ok_or_else(Problem::unauthenticated)
    }

    pub fn events(&self, account_id: &str) -> Result<Events, Problem> {
        Ok(self.account(account_id)?.events())
    }

    /// The account as the browser sees it, with the code on its way to each pending value.
    pub fn account_wire(&self, account_id: &str) -> Result<contract::Account, Problem> {
        let account = self.account(account_id)?;
        Ok(account
            .to_wire(self.now(), |field, value| self.live_challenge(account_id, codes::Purpose::Verify(field), value)))
    }

    /// The code on its way for `purpose` to `target`, if one is live.
    fn live_challenge(&self, account_id: &str, purpose: codes::Purpose, target: &str) -> Option<Challenge> {
        let challenge = self.codes.current(account_id, purpose).filter(|c| c.target == target)?;
        Some(Challenge {
            challenge_id: challenge.id.as_str().into(),
            masked_target: mask::address(target),
            channel: if target.contains('@') { "email" } else { "sms" }.to_string(),
            expires_at: rfc3339(challenge.expires_at),
            resend_at: rfc3339(challenge.resend_at),
            code_length: contract::validate::CODE_LENGTH as u32,
        })
    }

    /// What is due by now: notices held while their window was open, changes waiting for a
    /// code past their time. Run before every request is answered.
    fn run_due(&mut self, now: DateTime<Utc>) {
        self.flush_held(now);
        while let Some(first) = self.expiring.first().filter(|(at, ..)| *at <= now).cloned() {
            self.expiring.remove(&first);
            let (_, account_id, field, change_id) = first;
            let _ = self.pending_due(&account_id, field, &change_id);
        }
    }
}
