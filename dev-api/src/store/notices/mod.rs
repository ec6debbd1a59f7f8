//! Notices: who is told of a change (from the addresses the account had before it) and what
//! each may do about it, and telling them. The first notice to an address of an account goes
//! at once; what follows within `Rules::notice_window` is held and goes as one message when
//! the window ends, so that a burst of changes cannot flood an inbox or a phone.

pub mod words;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use contract::{AccountField, IdentityMethod, Lifecycle, Medium, NoticeAction, NoticeSent, Wire};

pub use words::{How, Lang, Notice, State, What};

use super::account::Account;
use super::codes::chrono;
use super::tickets::Authority;
use super::Store;
use crate::mask;

/// Windows of held notices at once; past this, the oldest are sent early rather than
/// memory growing without end.
pub const MAX_WINDOWS: usize = 10_000;

/// One address told of a change: why (the field it is of the account), and what it may do
/// from the notice (nothing: told only).
#[derive(Clone, Debug, PartialEq)]
pub struct Recipient {
    pub address: String,
    pub role: AccountField,
    pub actions: Vec<NoticeAction>,
}

/// What the account's change is, for deciding who is told.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Told {
    /// A new value of `field` took effect (`copied`: from the account's verified recovery
    /// value, with no code), or waits to (`cooling`); `lost`: the holder no longer has the
    /// address it replaces.
    Change { field: AccountField, copied: bool, cooling: bool, lost: bool },
    /// Not a change of a value: identity by password paused, sessions signed out, many
    /// codes asked for.
    Alert,
}

/// The addresses told of `told`, as the account stood before it, each once; `authority`:
/// how the change was authorised. Every recovery address and the login email are told; so
/// is the previous value of the field changed; and the verified contact values too when
/// the password authorised it, or for an alert (an account with no recovery address has
/// nobody else). The address whose code authorised the change cannot undo it.
pub fn audience(account: &Account, told: Told, authority: Option<&Authority>) -> Vec<Recipient> {
    use NoticeAction::{Cancel, Confirm, Secure, Undo};
    let mut recipients: Vec<Recipient> = Vec::new();
    let mut tell = |address: Option<&str>, role: AccountField, actions: &[NoticeAction]| {
        let Some(address) = address else { return };
        match recipients.iter_mut().find(|r| r.address == address) {
            Some(known) => {
                for action in actions {
                    if !known.actions.contains(action) {
                        known.actions.push(*action);
                    }
                }
            }
            None => recipients.push(Recipient { address: address.to_string(), role, actions: actions.to_vec() }),
        }
    };
    let by_password = matches!(authority, Some(Authority::Password));
    let (copied, changed, cooling, lost) = match told {
        Told::Change { field, copied, cooling, lost } => (copied, Some(field), cooling, lost),
        Told::Alert => (false, None, false, false),
    };
    // Told only, of a copy: nothing new can reach the account by it.
    let others: &[NoticeAction] = match (told, copied, cooling) {
        (Told::Alert, ..) => &[Secure],
        (Told::Change { .. }, true, _) => &[],
        (Told::Change { .. }, false, true) => &[Cancel, Secure, Confirm],
        (Told::Change { .. }, false, false) => &[Secure, Confirm],
    };
    if let Some(field) = changed {
        let previous: &[NoticeAction] = match (field.lifecycle(), cooling) {
            // Messages went there until now; it learns where they go instead.
            (Lifecycle::Contact, _) => &[],
            (Lifecycle::Factor, true) => &[Cancel, Confirm],
            (Lifecycle::Factor, false) => match field {
                AccountField::LoginEmail => &[Undo, Secure, Confirm],
                AccountField::RecoveryMobile
                | AccountField::RecoveryEmail
                | AccountField::ContactMobile
                | AccountField::ContactEmail => &[Undo, Confirm],
            },
        };
        tell(account.value(field), field, previous);
    }
    for recovery in IdentityMethod::ALL.iter().filter_map(|m| m.field()) {
        tell(account.value(recovery), recovery, others);
    }
    tell(account.value(AccountField::LoginEmail), AccountField::LoginEmail, others);
    if by_password || told == Told::Alert {
        for &contact in AccountField::of(Lifecycle::Contact) {
            let verified = account.contact(contact).filter(|c| c.verified).map(|c| c.value.as_str());
            tell(verified, contact, others);
        }
    }
    if let Some(Authority::Code(authoriser)) = authority {
        for recipient in recipients.iter_mut().filter(|r| r.address == *authoriser) {
            recipient.actions.retain(|a| *a != Undo && *a != Cancel);
        }
    }
    // Told, and powerless: the holder said the address is no longer theirs.
    if let (true, Some(old)) = (lost, changed.and_then(|f| account.value(f))) {
        for recipient in recipients.iter_mut().filter(|r| r.address == old) {
            recipient.actions.clear();
        }
    }
    for recipient in &mut recipients {
        recipient.actions.sort_by_key(|a| NoticeAction::ALL.iter().position(|b| b == a));
    }
    recipients
}

/// Notices held for one address of one account until `until`.
#[derive(Debug)]
struct Window {
    until: DateTime<Utc>,
    lang: Lang,
    role: AccountField,
    actions: Vec<NoticeAction>,
    held: Vec<Notice>,
    /// Where each notice held can be acted on (an email's link), if it can.
    links: Vec<Option<String>>,
}

/// The open windows, by account and address.
#[derive(Debug, Default)]
pub struct Windows {
    open: HashMap<(String, String), Window>,
    /// The earliest end of an open window with notices held.
    next_due: Option<DateTime<Utc>>,
}

impl Windows {
    pub fn count(&self) -> usize {
        self.open.len()
    }

    /// An account that no longer exists: nothing more is sent for it.
    pub fn forget_account(&mut self, account_id: &str) {
        self.open.retain(|(account, _), _| account != account_id);
    }
}

/// How an address is reached.
fn medium_of(address: &str) -> Medium {
    if address.contains('@') {
        Medium::Email
    } else {
        Medium::Phone
    }
}

impl Store {
    /// Tells each recipient of `notice`, in `lang`: at once, or with the next message when
    /// the address was told of something within the window. What each is told, masked.
    pub(super) fn tell(&mut self, account_id: &str, lang: Lang, notice: &Notice, to: &[Recipient]) -> Vec<NoticeSent> {
        let now = self.now();
        let window = chrono(self.rules.notice_window);
        let mut told = Vec::new();
        for recipient in to {
            let medium = medium_of(&recipient.address);
            told.push(NoticeSent {
                masked: mask::address(&recipient.address),
                channel: medium.channel().to_string(),
                actions: recipient.actions.iter().copied().map(contract::Known::Is).collect(),
            });
            // Whoever may act gets a notice of their own to act from.
            let token = match recipient.actions.is_empty() {
                true => None,
                false => Some(self.open_notice(account_id, lang, notice, recipient)),
            };
            let key = (account_id.to_string(), recipient.address.clone());
            // An SMS carries no link of its own (templates allow fixed URLs only).
            let link = token.filter(|_| medium == Medium::Email).map(|t| format!("{}#t={t}", self.rules.notice_url));
            if let Some(open) = self.windows.open.get_mut(&key).filter(|w| w.until > now) {
                open.held.push(notice.clone());
                open.links.push(link);
                for action in &recipient.actions {
                    if !open.actions.contains(action) {
                        open.actions.push(*action);
                    }
                }
                self.windows.next_due = Some(self.windows.next_due.map_or(open.until, |due| due.min(open.until)));
                continue;
            }
            if self.windows.open.len() >= MAX_WINDOWS {
                self.make_room_for_a_window(now);
            }
            let info_only = recipient.actions.is_empty();
            let (subject, body) = match medium {
                Medium::Email => {
                    let (subject, body) = words::email(lang, notice, recipient.role, link.as_deref());
                    (Some(subject), body)
                }
                Medium::Phone => {
                    (None, words::sms(lang, notice, (!info_only).then_some(self.rules.notice_url.as_str())))
                }
            };
            self.deliver_notice(
                &recipient.address,
                medium,
                lang,
                &notice.reference,
                subject,
                body,
                &recipient.actions,
                link,
            );
            let opened = Window {
                until: now + window,
                lang,
                role: recipient.role,
                actions: Vec::new(),
                held: Vec::new(),
                links: Vec::new(),
            };
            self.windows.open.insert(key, opened);
        }
        told
    }

    /// Sends, as one message per address, what was held in windows that ended by `now`.
    pub(super) fn flush_held(&mut self, now: DateTime<Utc>) {
        if self.windows.next_due.is_none_or(|due| due > now) {
            return;
        }
        self.send_held(|window| window.until <= now);
    }

    /// Closes windows that ended with nothing held (the sweep).
    pub(super) fn close_windows(&mut self, now: DateTime<Utc>) {
        self.windows.open.retain(|_, w| w.until > now || !w.held.is_empty());
    }

    /// Room for another window: what ended goes, then what is held is sent early.
    fn make_room_for_a_window(&mut self, now: DateTime<Utc>) {
        self.flush_held(now);
        self.close_windows(now);
        if self.windows.open.len() >= MAX_WINDOWS {
            self.send_held(|_| true);
        }
    }

    /// Sends what the windows `due` says held, one message per address, and closes them.
    fn send_held(&mut self, due: impl Fn(&Window) -> bool) {
        let due: Vec<(String, String)> =
            self.windows.open.iter().filter(|(_, w)| due(w)).map(|(key, _)| key.clone()).collect();
        for key in due {
            let Some(window) = self.windows.open.remove(&key) else { continue };
            if window.held.is_empty() {
                continue;
            }
            let medium = medium_of(&key.1);
            let url = (!window.actions.is_empty()).then_some(self.rules.notice_url.as_str());
            let by_email = medium == Medium::Email;
            let (subject, body) = words::digest(window.lang, &window.held, &window.links, window.role, by_email, url);
            let references: Vec<&str> = window.held.iter().map(|n| n.reference.as_str()).collect();
            let reference = references.join(",");
            let link = window.links.iter().rev().find_map(Clone::clone);
            self.deliver_notice(&key.1, medium, window.lang, &reference, subject, body, &window.actions, link);
        }
        self.windows.next_due = self.windows.open.values().filter(|w| !w.held.is_empty()).map(|w| w.until).min();
    }
}
