//! The outbox: every code and notice dev-api "sends", as a person would read it, kept for
//! `GET /__dev/outbox` (and printed with `--print-messages`), and sending a code through it.

use contract::{AccountField, Challenge, Medium, NoticeAction, Wire};
use serde::Serialize;

use super::codes::Purpose;
use super::notices::{words, Lang};
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
    /// The code of a code message; none for a notice.
    pub code: Option<String>,
    pub sent_at: String,
    /// An email's subject; none for an SMS.
    pub subject: Option<String>,
    /// The whole text a person reads.
    pub body: String,
    pub lang: &'static str,
    /// The reference of the change a notice tells of (several, comma-separated, for a
    /// message that tells of several).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Where the notice's reader can act on it (an email to somebody who may act).
    pub link: Option<String>,
    /// What the reader may do from the notice.
    pub actions: Vec<&'static str>,
}

impl Store {
    pub fn outbox(&mut self, to: Option<&str>) -> Vec<OutboxMessage> {
        let now = self.now();
        self.flush_held(now);
        self.outbox.iter().filter(|m| to.is_none_or(|to| m.to == to)).cloned().collect()
    }

    pub(super) fn deliver(&mut self, message: OutboxMessage) {
        self.printer.print(match &message.code {
            Some(code) => format!("[{}] {} code {code} purpose={}", message.channel, message.to, message.purpose),
            None => format!("[{}] {} notice purpose={}", message.channel, message.to, message.purpose),
        });
        self.outbox.push_back(message);
        if self.outbox.len() > MAX_OUTBOX {
            self.outbox.pop_front();
        }
    }

    /// A notice, as `words` wrote it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn deliver_notice(
        &mut self,
        to: &str,
        medium: Medium,
        lang: Lang,
        reference: &str,
        subject: Option<String>,
        body: String,
        actions: &[NoticeAction],
        link: Option<String>,
    ) {
        let message = OutboxMessage {
            to: to.into(),
            channel: medium.channel(),
            purpose: "notify",
            code: None,
            sent_at: rfc3339(self.now()),
            subject,
            body,
            lang: lang.tag(),
            reference: Some(reference.to_string()),
            link,
            actions: actions.iter().map(|a| a.wire()).collect(),
        };
        self.deliver(message);
    }

    /// A code's message to `target`, in `lang`, as a person reads it.
    pub(super) fn deliver_code(&mut self, target: &str, medium: Medium, purpose: &'static str, code: &str, lang: Lang) {
        let minutes = self.rules.code_ttl.as_secs().div_ceil(60);
        let (subject, body) = match medium {
            Medium::Email => {
                let (subject, body) = words::code_email(lang, code, minutes);
                (Some(subject), body)
            }
            Medium::Phone => (None, words::code_sms(lang, code, minutes)),
        };
        self.deliver(OutboxMessage {
            to: target.into(),
            channel: medium.channel(),
            purpose,
            code: Some(code.to_string()),
            sent_at: rfc3339(self.now()),
            subject,
            body,
            lang: lang.tag(),
            reference: None,
            link: None,
            actions: Vec::new(),
        });
    }

    pub(super) fn send_code(
        &mut self,
        account_id: &str,
        session: Option<&str>,
        purpose: Purpose,
        target: &str,
        medium: Medium,
        lang: Lang,
    ) -> Result<Challenge, Problem> {
        let now = self.now();
        let owns = self.account(account_id)?.owns(target);
        let challenge = self.codes.send(now, account_id, session, purpose, target, owns)?.clone();
        self.deliver_code(target, medium, purpose.name(), &challenge.code, lang);
        Ok(Challenge {
            challenge_id: challenge.id.as_str().into(),
            masked_target: mask::address(target),
            channel: medium.channel().to_string(),
            expires_at: rfc3339(challenge.expires_at),
            resend_at: rfc3339(challenge.resend_at),
            code_length: contract::validate::CODE_LENGTH as u32,
        })
    }

    /// Dev helper: a subscribed message of the account, sent where such messages go now:
    /// the current value of the contact `field`.
    pub fn deliver_subscribed(&mut self, account_id: &str, field: AccountField) -> Result<OutboxMessage, Problem> {
        let to = self.account(account_id)?.value(field).map(str::to_string);
        let to = to.ok_or_else(|| Problem::not_found("The account has no contact value of this kind."))?;
        let medium = field.medium();
        let message = OutboxMessage {
            to: to.clone(),
            channel: medium.channel(),
            purpose: "subscribed",
            code: None,
            sent_at: rfc3339(self.now()),
            subject: matches!(medium, Medium::Email).then(|| "Your invoice is due".to_string()),
            body: "Your invoice of this month is due. (A subscribed message sent by dev-api.)".into(),
            lang: Lang::En.tag(),
            reference: None,
            link: None,
            actions: Vec::new(),
        };
        self.deliver(message.clone());
        Ok(message)
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
}
