//! The public side of notices: codes to an address with no session (to find its notices, or
//! to act on one), the grant a code to an address earns, and the limits that keep these calls
//! from being an oracle or an SMS pump: per client, per address, per notice.

use std::collections::{HashMap, VecDeque};

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{Challenge, Medium, NoticeGrant, ProblemCode};

use super::{hash, link_invalid};
use crate::mask;
use crate::problem::Problem;
use crate::store::account::MediumRules;
use crate::store::codes::{
    chrono, random_code, random_token, same_secret, seconds_until, too_many_attempts, wrong_code,
};
use crate::store::notices::Lang;
use crate::store::{rfc3339, Store};

/// Where a public call comes from (the client's address): its budget's key.
#[derive(Clone, Debug)]
pub struct Peer(pub String);

/// How long a grant (a code to an address, entered) lets its holder act on that address's
/// notices.
pub const GRANT_TTL: ChronoDuration = ChronoDuration::minutes(10);

/// Codes to act on one notice per day.
pub const CODES_PER_NOTICE: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Purpose {
    /// To list the open notices of the address.
    Lookup,
    /// To act on this notice.
    Action(String),
}

#[derive(Clone, Debug)]
pub(super) struct PublicChallenge {
    pub target: String,
    /// None when the address has no open notices: no code went out, and none is right.
    code: Option<String>,
    pub purpose: Purpose,
    expires_at: DateTime<Utc>,
    attempts_left: u32,
}

#[derive(Clone, Debug)]
struct Grant {
    address: String,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Default)]
pub struct Public {
    /// Calls per client within the last hour.
    calls: HashMap<String, VecDeque<DateTime<Utc>>>,
    /// Codes per address or notice within the last day, and when the next may go.
    sends: HashMap<String, VecDeque<DateTime<Utc>>>,
    next_send: HashMap<String, DateTime<Utc>>,
    challenges: HashMap<String, PublicChallenge>,
    grants: HashMap<[u8; 32], Grant>,
}

impl Public {
    pub(super) fn sweep(&mut self, now: DateTime<Utc>) {
        let hour = now - ChronoDuration::hours(1);
        let day = now - ChronoDuration::hours(24);
        self.calls.retain(|_, c| {
            c.retain(|t| *t > hour);
            !c.is_empty()
        });
        self.sends.retain(|_, c| {
            c.retain(|t| *t > day);
            !c.is_empty()
        });
        self.next_send.retain(|_, t| *t > now);
        self.challenges.retain(|_, c| c.expires_at > now);
        self.grants.retain(|_, g| g.expires_at > now);
    }
}

/// The address typed on the notice page, in its canonical form.
fn canonical(address: &str) -> Result<String, Problem> {
    let medium = if address.contains('@') { Medium::Email } else { Medium::Phone };
    medium.normalize(address).map_err(|p| p.field("address"))
}

impl Store {
    /// Counts a public call of `peer`; past the hourly limit, 429 with `Retry-After`.
    pub(super) fn public_call(&mut self, peer: &Peer) -> Result<(), Problem> {
        let now = self.now();
        self.disputes.public.sweep(now);
        let limit = self.rules.notice_client_limit;
        let calls = self.disputes.public.calls.entry(peer.0.clone()).or_default();
        if calls.len() >= limit {
            let oldest = calls.front().copied().unwrap_or(now);
            return Err(Problem::rate_limited(
                ProblemCode::DailyLimitReached,
                "Too many requests from this client; wait before trying again.",
                seconds_until(oldest + ChronoDuration::hours(1), now),
            ));
        }
        calls.push_back(now);
        Ok(())
    }

    /// A code's budget under `key` (an address, or a notice): the cooldown, then `per_day`.
    fn public_send_allowed(&mut self, key: &str, per_day: usize) -> Result<DateTime<Utc>, Problem> {
        let now = self.now();
        if let Some(at) = self.disputes.public.next_send.get(key).filter(|at| **at > now) {
            return Err(Problem::rate_limited(
                ProblemCode::ResendTooSoon,
                "A code was sent a moment ago; wait before asking for another.",
                seconds_until(*at, now),
            ));
        }
        let sends = self.disputes.public.sends.entry(key.to_string()).or_default();
        if sends.len() >= per_day {
            let oldest = sends.front().copied().unwrap_or(now);
            return Err(Problem::rate_limited(
                ProblemCode::DailyLimitReached,
                "Too many codes were sent for this today.",
                seconds_until(oldest + ChronoDuration::hours(24), now),
            ));
        }
        sends.push_back(now);
        let resend_at = now + chrono(self.rules.resend_cooldown);
        self.disputes.public.next_send.insert(key.to_string(), resend_at);
        Ok(resend_at)
    }

    /// A challenge for `purpose` to `target`; the code goes out only if `send` (in `lang`).
    fn public_challenge(
        &mut self,
        target: &str,
        purpose: Purpose,
        send: Option<Lang>,
        resend_at: DateTime<Utc>,
    ) -> Challenge {
        let now = self.now();
        let id = random_token(12);
        let code = send.map(|_| random_code());
        let medium = if target.contains('@') { Medium::Email } else { Medium::Phone };
        if let (Some(lang), Some(code)) = (send, code.as_ref()) {
            let purpose_name = match purpose {
                Purpose::Lookup => "notice_lookup",
                Purpose::Action(_) => "notice_action",
            };
            self.deliver_code(target, medium, purpose_name, code, lang);
        }
        let expires_at = now + chrono(self.rules.code_ttl);
        let challenge = PublicChallenge {
            target: target.to_string(),
            code,
            purpose,
            expires_at,
            attempts_left: self.rules.max_attempts,
        };
        self.disputes.public.challenges.insert(id.clone(), challenge);
        Challenge {
            challenge_id: id.as_str().into(),
            masked_target: mask::address(target),
            channel: medium.channel().to_string(),
            expires_at: rfc3339(expires_at),
            resend_at: rfc3339(resend_at),
            code_length: contract::validate::CODE_LENGTH as u32,
        }
    }

    /// `POST /notices/address-challenges`: always a challenge, whether or not the address has
    /// notices; a code goes out only if it has open ones.
    pub fn start_address_challenge(&mut self, peer: &Peer, address: &str) -> Result<Challenge, Problem> {
        self.public_call(peer)?;
        let address = canonical(address)?;
        let resend_at = self.public_send_allowed(&format!("address:{address}"), self.rules.daily_limit)?;
        let lang = self.open_records_to(&address).first().map(|r| r.lang);
        Ok(self.public_challenge(&address, Purpose::Lookup, lang, resend_at))
    }

    /// Checks a public code: the challenge's target, once the code is right.
    pub(super) fn check_public_code(
        &mut self,
        challenge_id: &str,
        purpose: &Purpose,
        code: &str,
    ) -> Result<String, Problem> {
        let now = self.now();
        let code = contract::validate::normalize_code(code, contract::validate::CODE_LENGTH).map_err(|_| {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::InvalidCodeFormat, "A code is 6 digits.")
                .field("code")
        })?;
        let not_found = || {
            Problem::new(
                StatusCode::NOT_FOUND,
                ProblemCode::ChallengeNotFound,
                "This code is no longer valid; ask for a new one.",
            )
        };
        let challenge = self.disputes.public.challenges.get_mut(challenge_id).filter(|c| c.purpose == *purpose);
        let challenge = challenge.ok_or_else(not_found)?;
        if challenge.expires_at <= now {
            return Err(Problem::new(
                StatusCode::GONE,
                ProblemCode::CodeExpired,
                "The code has expired; ask for a new one.",
            ));
        }
        if !challenge.code.as_deref().is_some_and(|c| same_secret(c, code.as_str())) {
            challenge.attempts_left = challenge.attempts_left.saturating_sub(1);
            if challenge.attempts_left == 0 {
                self.disputes.public.challenges.remove(challenge_id);
                return Err(too_many_attempts());
            }
            return Err(wrong_code(challenge.attempts_left));
        }
        let target = challenge.target.clone();
        self.disputes.public.challenges.remove(challenge_id);
        Ok(target)
    }

    /// `POST /notices/address-challenges/{id}/verify`: a grant for the address, and its open
    /// notices.
    pub fn verify_address_challenge(
        &mut self,
        peer: &Peer,
        challenge_id: &str,
        code: &str,
    ) -> Result<NoticeGrant, Problem> {
        self.public_call(peer)?;
        let address = self.check_public_code(challenge_id, &Purpose::Lookup, code)?;
        let now = self.now();
        let grant = random_token(24);
        let expires_at = now + GRANT_TTL;
        self.disputes.public.grants.insert(hash(&grant), Grant { address: address.clone(), expires_at });
        let notices = self.open_records_to(&address).into_iter().map(|r| self.notice_wire(r)).collect();
        Ok(NoticeGrant { grant, expires_at: rfc3339(expires_at), notices })
    }

    /// The address a live grant is for.
    pub(super) fn grant_address(&self, grant: &str) -> Option<String> {
        let now = self.now();
        self.disputes.public.grants.get(&hash(grant)).filter(|g| g.expires_at > now).map(|g| g.address.clone())
    }

    /// `POST /notices/{notice_id}/challenges`: a code to the notice's recipient, to act on it.
    pub fn start_notice_challenge(&mut self, peer: &Peer, notice_id: &str, token: &str) -> Result<Challenge, Problem> {
        self.public_call(peer)?;
        let record = self.record_by_token(token)?;
        if record.id != notice_id {
            return Err(link_invalid());
        }
        let (recipient, lang) = (record.recipient.clone(), record.lang);
        let resend_at = self.public_send_allowed(&format!("notice:{notice_id}"), CODES_PER_NOTICE)?;
        Ok(self.public_challenge(&recipient, Purpose::Action(notice_id.to_string()), Some(lang), resend_at))
    }
}
