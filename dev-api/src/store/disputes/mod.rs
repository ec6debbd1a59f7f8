//! What a person told of a change can do about it, without a session: each notice that
//! offers something is a record here, reached by its link's token (kept only as a hash) or,
//! from an SMS, by the address and a code to it. A token or a grant identifies a notice and
//! nothing more: it never signs in, never earns an identity ticket, and reads nothing but
//! the masked notice.

pub mod actions;
mod public;

use std::collections::HashMap;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use contract::{
    AccountField, Authorisation, ChangeState, EventAction, EventSubject, IdentityMethod, Known, NoticeAction,
    NoticeEvent, NoticeInfo, ProblemCode, Wire,
};
use sha2::{Digest, Sha256};

pub use public::Peer;

use super::codes::{chrono, random_token};
use super::notices::{Lang, Notice, Recipient};
use super::{rfc3339, Store};
use crate::mask;
use crate::problem::Problem;

/// Notices that can be acted on, kept at once; past this the oldest go first.
pub const MAX_RECORDS: usize = 20_000;

/// A notice somebody may act on.
#[derive(Clone, Debug)]
pub(super) struct Record {
    pub id: String,
    pub account_id: String,
    pub recipient: String,
    pub lang: Lang,
    pub reference: String,
    /// What it offered when it was sent (cancel becomes undo once the change takes effect).
    pub actions: Vec<NoticeAction>,
    /// The recipient held the value the change replaces.
    pub previous_holder: bool,
    pub change_id: Option<String>,
    pub field: Option<AccountField>,
    pub notice: Notice,
    pub expires_at: DateTime<Utc>,
    /// Acted on: its link can no longer be used.
    pub used: bool,
}

#[derive(Debug, Default)]
pub struct Disputes {
    records: HashMap<String, Record>,
    /// SHA-256 of each token, to its notice: a copy of the store leaks no usable link.
    by_token: HashMap<[u8; 32], String>,
    pub(super) public: public::Public,
}

impl Disputes {
    /// Whether the account has notices somebody may still act on.
    pub fn has_open(&self, account_id: &str, now: DateTime<Utc>) -> bool {
        self.records.values().any(|r| r.account_id == account_id && !r.used && r.expires_at > now)
    }

    pub fn sweep(&mut self, now: DateTime<Utc>) {
        self.records.retain(|_, r| r.expires_at > now);
        let records = &self.records;
        self.by_token.retain(|_, id| records.contains_key(id));
        self.public.sweep(now);
    }
}

fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Every unusable link (unknown, used, expired, of an account gone) answers the same.
pub(super) fn link_invalid() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, ProblemCode::NoticeLinkInvalid, "This link can no longer be used.")
}

impl Store {
    /// Keeps a notice `recipient` may act on; the token of its link.
    pub(super) fn open_notice(
        &mut self,
        account_id: &str,
        lang: Lang,
        notice: &Notice,
        recipient: &Recipient,
    ) -> String {
        let now = self.now();
        if self.disputes.records.len() >= MAX_RECORDS {
            self.disputes.sweep(now);
            if let Some(oldest) = self.disputes.records.values().min_by_key(|r| r.notice.at).map(|r| r.id.clone()) {
                self.disputes.records.remove(&oldest);
            }
        }
        let token = random_token(24);
        let id = random_token(12);
        let last = match notice.state {
            super::notices::State::TakesEffect(at) => at,
            super::notices::State::UndoableUntil(at) => at,
            super::notices::State::InEffect => now,
        };
        // The field's previous holder is told as of that field (see `audience`).
        let previous_holder = notice.field == Some(recipient.role);
        let record = Record {
            id: id.clone(),
            account_id: account_id.to_string(),
            recipient: recipient.address.clone(),
            lang,
            reference: notice.reference.clone(),
            actions: recipient.actions.clone(),
            previous_holder,
            change_id: notice.change_id.clone(),
            field: notice.field,
            notice: notice.clone(),
            expires_at: last.max(now) + chrono(self.rules.revert_window),
            used: false,
        };
        self.disputes.records.insert(id.clone(), record);
        self.disputes.by_token.insert(hash(&token), id);
        token
    }

    /// Whether a record may still be read and acted on: not used, not expired, of an
    /// account that is still there.
    fn live(&self, record: &Record) -> bool {
        !record.used && record.expires_at > self.now() && self.accounts.contains_key(&record.account_id)
    }

    /// The live record a token names.
    fn record_by_token(&self, token: &str) -> Result<&Record, Problem> {
        let id = self.disputes.by_token.get(&hash(token)).ok_or_else(link_invalid)?;
        self.disputes.records.get(id).filter(|r| self.live(r)).ok_or_else(link_invalid)
    }

    /// The live records of notices to `address`, newest first.
    fn open_records_to(&self, address: &str) -> Vec<&Record> {
        let mut open: Vec<&Record> =
            self.disputes.records.values().filter(|r| r.recipient == address && self.live(r)).collect();
        open.sort_by_key(|r| std::cmp::Reverse(r.notice.at));
        open
    }

    /// What the record's reader may do now: cancel while the change waits, undo once it took
    /// effect (its previous holder, within the window, unless kept), secure and confirm.
    pub(super) fn actions_now(&self, record: &Record) -> Vec<NoticeAction> {
        let now = self.now();
        let Some(account) = self.accounts.get(&record.account_id) else { return Vec::new() };
        if record.used || record.expires_at <= now {
            return Vec::new();
        }
        let field_change = record.field.zip(record.change_id.as_deref());
        let waiting = field_change.is_some_and(|(f, id)| account.pending(f).is_some_and(|p| p.change_id == id));
        let undoable = field_change
            .is_some_and(|(f, id)| account.recent(f).is_some_and(|r| r.change_id == id && r.revert_until > now));
        NoticeAction::ALL
            .iter()
            .copied()
            .filter(|action| match *action {
                NoticeAction::Confirm | NoticeAction::Secure => record.actions.contains(action),
                NoticeAction::Cancel => waiting && record.actions.contains(action),
                NoticeAction::Undo => {
                    undoable
                        && (record.actions.contains(action)
                            || (record.previous_holder && record.actions.contains(&NoticeAction::Cancel)))
                }
            })
            .collect()
    }

    /// Where the change a record tells of stands now.
    fn state_now(&self, record: &Record) -> ChangeState {
        let Some(account) = self.accounts.get(&record.account_id) else { return ChangeState::Committed };
        if let (Some(field), Some(id)) = (record.field, record.change_id.as_deref()) {
            if account.pending(field).is_some_and(|p| p.change_id == id) {
                return ChangeState::CoolingOff;
            }
        }
        let later = account.events().events.into_iter().filter(|e| e.reference == record.reference);
        let mut state = ChangeState::Committed;
        for event in later {
            match event.action {
                Known::Is(EventAction::Undone) => return ChangeState::Undone,
                Known::Is(EventAction::Cancelled) => state = ChangeState::Cancelled,
                _ => {}
            }
        }
        state
    }

    /// A notice as its reader sees it: masked, and what they may do now.
    pub(super) fn notice_wire(&self, record: &Record) -> NoticeInfo {
        use super::notices::{How, What};
        let notice = &record.notice;
        let (subject, action, old, new) = match &notice.what {
            What::Changed { field, old, new } => {
                (EventSubject::Field(Known::Is(*field)), Some(EventAction::Changed), Some(old), Some(new))
            }
            What::Bound { field, new } => {
                (EventSubject::Field(Known::Is(*field)), Some(EventAction::Bound), None, Some(new))
            }
            What::Undone { field, from, to } => {
                (EventSubject::Field(Known::Is(*field)), Some(EventAction::Undone), Some(from), Some(to))
            }
            What::SessionsEnded { .. } => (EventSubject::Sessions, None, None, None),
            What::PasswordPaused { .. } | What::ManyCodes { .. } | What::Secured { .. } => {
                (EventSubject::Account, None, None, None)
            }
        };
        let account = self.accounts.get(&record.account_id);
        let (effective_at, revert_until) = match (account, record.field, record.change_id.as_deref()) {
            (Some(a), Some(f), Some(id)) => (
                a.pending(f).filter(|p| p.change_id == id && p.cooling.is_some()).map(|p| rfc3339(p.expires_at)),
                a.recent(f).filter(|r| r.change_id == id).map(|r| rfc3339(r.revert_until)),
            ),
            _ => (None, None),
        };
        let authorised_by = match &notice.how {
            How::Code(masked) => Some(Authorisation {
                method: Known::Is(if masked.contains('@') { IdentityMethod::Email } else { IdentityMethod::Sms }),
                masked: Some(masked.clone()),
            }),
            How::Password => Some(Authorisation { method: Known::Is(IdentityMethod::Password), masked: None }),
            _ => None,
        };
        NoticeInfo {
            notice_id: record.id.clone(),
            reference: record.reference.clone(),
            recipient_masked: mask::address(&record.recipient),
            account_masked: notice.account.clone(),
            actions: self.actions_now(record).into_iter().map(Known::Is).collect(),
            expires_at: rfc3339(record.expires_at),
            event: NoticeEvent {
                field: match subject {
                    EventSubject::Field(field) => field,
                    EventSubject::Sessions | EventSubject::Account => Known::Other,
                },
                subject,
                action: action.map_or(Known::Other, Known::Is),
                old_masked: old.cloned(),
                new_masked: new.cloned(),
                at: rfc3339(notice.at),
                state: Known::Is(self.state_now(record)),
                effective_at,
                revert_until,
                authorised_by,
            },
        }
    }

    /// `POST /notices/lookup`: the notice a link's token names.
    pub fn lookup_notice(&mut self, peer: &Peer, token: &str) -> Result<NoticeInfo, Problem> {
        self.public_call(peer)?;
        let record = self.record_by_token(token)?.clone();
        Ok(self.notice_wire(&record))
    }
}
