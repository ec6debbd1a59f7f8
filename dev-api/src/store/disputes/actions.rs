//! Acting on a notice: confirm (it was me), cancel a change still waiting, undo one in effect
//! (the previous value back, then secure), and secure the account (every session signed out,
//! tickets, codes and waiting changes voided, security changes held).

use axum::http::StatusCode;
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use contract::{Actor, ChangeState, EventAction, NoticeAction, NoticeOutcome, ProblemCode, Wire};
use serde_json::json;

use super::public::{Peer, Purpose};
use super::{link_invalid, Record};
use crate::mask;
use crate::problem::Problem;
use crate::store::account::{masked_account, new_reference, Change, Edit, Hold};
use crate::store::codes::{chrono, seconds_until};
use crate::store::notices::{audience, How, Lang, Notice, State, Told, What};
use crate::store::{rfc3339, Store};

/// One `undo` or `cancel` of a field from a notice per this long.
pub const DISPUTE_EVERY: ChronoDuration = ChronoDuration::days(30);
/// One `secure` by an address per this long.
pub const SECURE_EVERY: ChronoDuration = ChronoDuration::days(7);

/// How the reader of a notice shows who they are: its link's token (with a fresh code to
/// act), or a grant from a code to the address.
pub struct Proof<'a> {
    pub token: Option<&'a str>,
    pub grant: Option<&'a str>,
    pub challenge_id: Option<&'a str>,
    pub code: Option<&'a str>,
}

fn dispute_limit(until: DateTime<Utc>, now: DateTime<Utc>) -> Problem {
    Problem::rate_limited(
        ProblemCode::DisputeLimitReached,
        "This was done from a notice lately; to go further, appeal with the reference.",
        seconds_until(until, now),
    )
}

impl Store {
    /// The record `proof` names, if it may be acted on.
    fn record_for(&self, notice_id: &str, proof: &Proof) -> Result<Record, Problem> {
        match (proof.token, proof.grant) {
            (Some(token), None) => {
                let record = self.record_by_token(token)?;
                if record.id != notice_id {
                    return Err(link_invalid());
                }
                Ok(record.clone())
            }
            (None, Some(grant)) => {
                let address = self.grant_address(grant).ok_or_else(link_invalid)?;
                let record = self.disputes.records.get(notice_id).filter(|r| r.recipient == address && self.live(r));
                record.cloned().ok_or_else(link_invalid)
            }
            _ => Err(Problem::invalid_request("Give either `token` or `grant`.").field("token")),
        }
    }

    /// `POST /notices/{notice_id}/actions`.
    pub fn act_on_notice(
        &mut self,
        peer: &Peer,
        notice_id: &str,
        action: &str,
        proof: Proof,
    ) -> Result<NoticeOutcome, Problem> {
        self.public_call(peer)?;
        let action = NoticeAction::from_wire(action)
            .ok_or_else(|| Problem::invalid_request("`action` is confirm, cancel, undo or secure.").field("action"))?;
        let record = self.record_for(notice_id, &proof)?;
        let now = self.now();
        let allowed = self.actions_now(&record);
        if !allowed.contains(&action) {
            let offered = record.actions.iter().any(|a| matches!(a, NoticeAction::Cancel | NoticeAction::Undo));
            let account = self.account(&record.account_id)?;
            let superseded = matches!(action, NoticeAction::Cancel | NoticeAction::Undo)
                && offered
                && record.field.is_some_and(|f| {
                    let new = match &record.notice.what {
                        What::Changed { new, .. } | What::Bound { new, .. } => Some(new.clone()),
                        _ => None,
                    };
                    let waiting = account.pending(f).is_some_and(|p| Some(&p.change_id) == record.change_id.as_ref());
                    !waiting && account.value(f).map(mask::address) != new
                });
            if superseded {
                return Err(Problem::new(
                    StatusCode::CONFLICT,
                    ProblemCode::ChangeSuperseded,
                    "The setting no longer holds this change; nothing was done.",
                ));
            }
            let mut problem =
                Problem::new(StatusCode::FORBIDDEN, ProblemCode::ActionNotAllowed, "This notice does not allow that.");
            problem.extra = Box::new([("allowed", json!(allowed.iter().map(|a| a.wire()).collect::<Vec<_>>()))]);
            return Err(problem);
        }
        if action != NoticeAction::Confirm && proof.token.is_some() {
            let (Some(challenge_id), Some(code)) = (proof.challenge_id, proof.code) else {
                return Err(Problem::invalid_request("Enter the code sent to this address first.").field("code"));
            };
            self.check_public_code(challenge_id, &Purpose::Action(notice_id.to_string()), code)?;
        }
        let account = self.account(&record.account_id)?;
        match action {
            NoticeAction::Cancel | NoticeAction::Undo => {
                let field = record.field.expect("a change's notice has its field");
                if let Some((_, at)) =
                    account.disputes.iter().rev().find(|(f, at)| *f == field && *at + DISPUTE_EVERY > now)
                {
                    return Err(dispute_limit(*at + DISPUTE_EVERY, now));
                }
            }
            NoticeAction::Secure => {
                let last =
                    account.secures.iter().rev().find(|(a, at)| *a == record.recipient && *at + SECURE_EVERY > now);
                if let Some((_, at)) = last {
                    return Err(dispute_limit(*at + SECURE_EVERY, now));
                }
            }
            NoticeAction::Confirm => {}
        }
        if let Some(r) = self.disputes.records.get_mut(notice_id) {
            r.used = true;
        }
        let account_id = record.account_id.clone();
        let by = How::Code(mask::address(&record.recipient));
        let (result, ended, hold, next): (&str, usize, Option<DateTime<Utc>>, &[&str]) = match action {
            NoticeAction::Confirm => ("confirmed", 0, None, &[]),
            NoticeAction::Cancel => {
                let field = record.field.expect("a change's notice has its field");
                let change = Change {
                    reference: Some(record.reference.clone()),
                    ..from_notice(field, Edit::Drop, EventAction::Cancelled, ChangeState::Cancelled, record.lang)
                };
                self.write(&account_id, change)?;
                self.account_mut(&account_id)?.disputes.push((field, now));
                ("cancelled", 0, None, &["sign_in"])
            }
            NoticeAction::Undo => {
                let field = record.field.expect("a change's notice has its field");
                let recent = self.account(&account_id)?.recent(field).cloned();
                let previous = recent.and_then(|r| r.previous).ok_or_else(link_invalid)?;
                let edit = Edit::Set { value: previous, verified: true };
                let change = Change {
                    reference: Some(record.reference.clone()),
                    info_only: true,
                    authority: Some(crate::store::tickets::Authority::Code(record.recipient.clone())),
                    ..from_notice(field, edit, EventAction::Undone, ChangeState::Undone, record.lang)
                };
                self.write(&account_id, change)?;
                let account = self.account_mut(&account_id)?;
                account.forget_recent(field);
                account.disputes.push((field, now));
                let (ended, until) = self.secure(&account_id, &record.recipient, record.lang, by)?;
                ("undone", ended, Some(until), &["sign_in", "appeal"])
            }
            NoticeAction::Secure => {
                let (ended, until) = self.secure(&account_id, &record.recipient, record.lang, by)?;
                ("secured", ended, Some(until), &["sign_in", "appeal"])
            }
        };
        Ok(NoticeOutcome {
            result: result.to_string(),
            sessions_ended: ended as u64,
            hold_until: hold.map(rfc3339),
            next: next.iter().map(|n| n.to_string()).collect(),
        })
    }

    /// Secures the account for `by` (an address told of a change): every session ends, tickets,
    /// codes and waiting changes are voided, security changes are held, and every address is
    /// told. The sessions ended and the end of the hold.
    fn secure(&mut self, account_id: &str, by: &str, lang: Lang, how: How) -> Result<(usize, DateTime<Utc>), Problem> {
        let now = self.now();
        let until = now + chrono(self.rules.hold);
        let reference = new_reference();
        let waiting: Vec<_> =
            self.account(account_id)?.pending_changes().map(|(f, p)| (f, p.reference.clone())).collect();
        for (field, waiting_ref) in waiting {
            let change = Change {
                reference: Some(waiting_ref),
                ..from_notice(field, Edit::Drop, EventAction::Cancelled, ChangeState::Cancelled, lang)
            };
            self.write(account_id, change)?;
        }
        self.expiring.retain(|(_, account, ..)| account != account_id);
        {
            let account = self.account_mut(account_id)?;
            account.hold = Some(Hold { until, reference: reference.clone() });
            account.secures.push((by.to_string(), now));
        }
        self.tickets.expire_account(account_id);
        self.codes.forget_account(account_id);
        let sessions: Vec<String> =
            self.sessions.iter().filter(|(_, s)| s.account_id == account_id).map(|(id, _)| id.clone()).collect();
        for id in &sessions {
            self.end_session(id);
        }
        let account = self.account(account_id)?;
        let mut to = audience(account, Told::Alert, None);
        for recipient in &mut to {
            recipient.actions.clear();
        }
        let notice = Notice {
            reference: reference.clone(),
            account: masked_account(&account.id),
            at: now,
            what: What::Secured { until },
            how: how.clone(),
            state: State::InEffect,
            change_id: None,
            field: None,
        };
        let told = self.tell(account_id, lang, &notice, &to);
        let authorised = match how {
            How::Code(masked) => Some((masked, by.contains('@'))),
            _ => None,
        };
        self.record_account_event(account_id, &reference, EventAction::Secured, authorised, told)?;
        Ok((sessions.len(), until))
    }
}

/// A change made from a notice, in the language of the notice.
fn from_notice(
    field: contract::AccountField,
    edit: Edit,
    action: EventAction,
    state: ChangeState,
    lang: Lang,
) -> Change {
    Change { actor: Actor::Notice, ..crate::store::cooling::by_holder(lang, field, edit, action, state) }
}
