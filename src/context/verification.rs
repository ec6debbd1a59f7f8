//! Verification state that outlives any one dialog: the server's time, codes on their way
//! (so a reopened dialog resumes with its countdown), what was typed, and the identity
//! ticket, in memory only.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::Api;
use crate::flows::code::SentCode;
use crate::flows::FlowKey;
use crate::time::{parse_rfc3339_ms, seconds_left};
use contract::{IdentityTicket, Ticket};

use super::use_app;

/// The server's time in Unix milliseconds. It ticks twice a second only while a component
/// that shows a countdown is mounted.
#[derive(Clone, Copy)]
pub struct ServerTime {
    now: RwSignal<f64>,
    watchers: StoredValue<u32>,
    ticking: StoredValue<Option<IntervalHandle>>,
    api: StoredValue<Api>,
}

impl ServerTime {
    /// Now, tracked: a countdown that reads it re-renders as it ticks. Read afresh, not the
    /// last tick's: a code that arrives between two ticks counts down from when it arrived.
    pub fn get(&self) -> f64 {
        self.now.track();
        self.fresh()
    }

    /// Now, read afresh from the clock.
    fn fresh(&self) -> f64 {
        self.api.with_value(Api::now_ms)
    }

    /// Keeps the time ticking for as long as the calling component is mounted.
    pub fn watch(&self) {
        let time = *self;
        time.now.set(time.fresh());
        time.watchers.update_value(|n| *n += 1);
        if time.ticking.with_value(Option::is_none) {
            let tick = move || {
                let _ = time.now.try_set(time.fresh());
            };
            time.ticking.set_value(set_interval_with_handle(tick, Duration::from_millis(500)).ok());
        }
        on_cleanup(move || {
            let last = time.watchers.try_update_value(|n| {
                *n = n.saturating_sub(1);
                *n == 0
            });
            if last == Some(true) {
                if let Some(Some(handle)) = time.ticking.try_update_value(Option::take) {
                    handle.clear();
                }
            }
        });
    }
}

/// The identity ticket, in memory only, until the server's time passes its expiry: a
/// ticket past it is not offered (the change would only meet "verify again").
#[derive(Clone, Copy)]
pub struct HeldTicket {
    ticket: RwSignal<Option<IdentityTicket>>,
    /// When it expires, by the server's clock (infinity when the backend did not say).
    expires: RwSignal<f64>,
    time: ServerTime,
}

impl HeldTicket {
    pub fn hold(&self, ticket: Ticket) {
        self.expires.set(parse_rfc3339_ms(&ticket.expires_at).unwrap_or(f64::INFINITY));
        self.ticket.set(Some(ticket.ticket));
    }

    /// The ticket, while it has not expired.
    pub fn current(&self) -> Option<IdentityTicket> {
        let now = self.time.fresh();
        self.ticket.get_untracked().filter(|_| now < self.expires.get_untracked())
    }

    /// Forgets the ticket (it was used up, or the backend no longer takes it).
    pub fn forget(&self) {
        self.ticket.set(None);
    }
}

#[derive(Clone, Copy)]
pub struct Verification {
    pub time: ServerTime,
    sent: RwSignal<Vec<(FlowKey, SentCode)>>,
    /// Earliest next send per target when the server said "too soon" without a challenge.
    blocked: RwSignal<Vec<(FlowKey, f64)>>,
    /// Values typed in dialogs that can be closed and resumed.
    drafts: StoredValue<Vec<(FlowKey, String)>>,
    pub ticket: HeldTicket,
    /// A contact value just saved, and what to say of it: the Verify dialog that follows in
    /// the same place says it on top (a page-level announcement is not heard past a modal).
    pub just_saved: StoredValue<Option<(contract::AccountField, String)>>,
    /// Verify now for this field is opened to send a new code at once (Resend, beside a
    /// value waiting for its code).
    pub resend: StoredValue<Option<contract::AccountField>>,
}

impl Verification {
    pub fn sent(&self, key: &FlowKey) -> Option<SentCode> {
        self.sent.with(|sent| find(sent, key).cloned())
    }

    pub fn sent_untracked(&self, key: &FlowKey) -> Option<SentCode> {
        self.sent.with_untracked(|sent| find(sent, key).cloned())
    }

    /// Remembers the code on its way to `key`, or forgets it (`None`).
    pub fn set_sent(&self, key: &FlowKey, code: Option<SentCode>) {
        if self.sent_untracked(key) == code {
            return;
        }
        self.sent.update(|sent| match code {
            Some(code) => put(sent, key, code),
            None => sent.retain(|(k, _)| k != key),
        });
    }

    /// Seconds until another code may be sent to `key`, from the server's `resend_at` or
    /// `Retry-After`.
    pub fn resend_wait(&self, key: &FlowKey) -> u64 {
        let now = self.time.get();
        let from_challenge = self
            .sent(key)
            .and_then(|s| parse_rfc3339_ms(&s.challenge().resend_at))
            .map_or(0, |at| seconds_left(at, now));
        let from_block = self.blocked.with(|b| find(b, key).copied()).map_or(0, |at| seconds_left(at, now));
        from_challenge.max(from_block)
    }

    pub fn draft(&self, key: &FlowKey) -> Option<String> {
        self.drafts.with_value(|drafts| find(drafts, key).cloned()).filter(|d| !d.is_empty())
    }

    pub fn set_draft(&self, key: &FlowKey, value: &str) {
        self.drafts.update_value(|drafts| put(drafts, key, value.to_string()));
    }

    /// Nothing may be sent to `key` for `seconds`.
    pub fn block(&self, key: &FlowKey, seconds: u64) {
        let until = self.time.fresh() + seconds as f64 * 1000.0;
        self.blocked.update(|b| put(b, key, until));
    }
}

// A handful of entries at most: a list is smaller in the build than a hash map.
fn find<'a, T>(entries: &'a [(FlowKey, T)], key: &FlowKey) -> Option<&'a T> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn put<T>(entries: &mut Vec<(FlowKey, T)>, key: &FlowKey, value: T) {
    entries.retain(|(k, _)| k != key);
    entries.push((key.clone(), value));
}

pub fn provide_verification() {
    // The server's clock: deadlines it sent are compared with its own time.
    let api = use_app().api();
    let time = ServerTime {
        now: RwSignal::new(api.now_ms()),
        watchers: StoredValue::new(0),
        ticking: StoredValue::new(None),
        api: StoredValue::new(api),
    };
    provide_context(Verification {
        time,
        sent: RwSignal::new(Vec::new()),
        blocked: RwSignal::new(Vec::new()),
        drafts: StoredValue::new(Vec::new()),
        ticket: HeldTicket { ticket: RwSignal::new(None), expires: RwSignal::new(0.0), time },
        just_saved: StoredValue::new(None),
        resend: StoredValue::new(None),
    });
}

pub fn use_verification() -> Verification {
    expect_context::<Verification>()
}
