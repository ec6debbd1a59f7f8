//! The outbox: every code and notice dev-api "sends", kept for `GET /__dev/outbox` (and
//! printed with `--print-messages`), and sending a code through it.

use contract::{AccountField, Challenge, IdentityMethod, Medium, Wire};
use serde::Serialize;

use super::codes::Purpose;
use super::{rfc3339, Store};
use crate::mask;
use crate::problem::Problem;

/// Messages kept for `GET /__dev/outbox`; older ones are dropped.
pub const MAX_OUTBOX: usize = 1_000;

#[derive(Clone, Debug, Serialize)]
pub struct OutboxMessage {
    pub to: String,
    pub channel: &'static str,
    pub purpose: &'static str,
    pub code: Option<String>,
    pub sent_at: String,
}

impl Store {
    pub fn outbox(&self, to: Option<&str>) -> Vec<OutboxMessage> {
        self.outbox.iter().filter(|m| to.is_none_or(|to| m.to == to)).cloned().collect()
    }

    pub(super) fn deliver(&mut self, to: &str, channel: &'static str, purpose: &'static str, code: Option<String>) {
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

    pub(super) fn send_code(
        &mut self,
        account_id: &str,
        purpose: Purpose,
        target: &str,
        medium: Medium,
    ) -> Result<Challenge, Problem> {
        let now = self.now();
        let owns = self.account(account_id)?.owns(target);
        let challenge = self.codes.send(now, account_id, purpose, target, owns)?.clone();
        self.deliver(target, medium.channel(), purpose.name(), Some(challenge.code.clone()));
        Ok(Challenge {
            challenge_id: challenge.id.as_str().into(),
            masked_target: mask::address(target),
            channel: medium.channel().to_string(),
            expires_at: rfc3339(challenge.expires_at),
            resend_at: rfc3339(challenge.resend_at),
            code_length: contract::validate::CODE_LENGTH as u32,
        })
    }

    pub(super) fn check_code(
        &mut self,
        account_id: &str,
        purpose: Purpose,
        challenge_id: &str,
        code: &str,
    ) -> Result<String, Problem> {
        let now = self.now();
        self.codes.check(now, account_id, purpose, challenge_id, code)
    }

    /// A notice to each recovery address of the account (a pause of identity by password, a
    /// change made after identity by password).
    pub(super) fn notify_recovery(&mut self, account_id: &str) {
        let Ok(account) = self.account(account_id) else { return };
        let recovery = IdentityMethod::ALL.iter().filter_map(|m| m.field());
        let targets: Vec<(String, &'static str)> = recovery
            .filter_map(|field: AccountField| Some((account.value(field)?.to_string(), field.medium().channel())))
            .collect();
        for (address, channel) in targets {
            self.deliver(&address, channel, "notify", None);
        }
    }
}
