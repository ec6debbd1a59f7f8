//! Identity tickets: earned by a verified identity code or the sign-in password, bound to
//! the session that earned it, ended with that session, and used up by the change that
//! commits a recovery value or the login email. A ticket remembers how it was earned: a
//! password ticket is weaker than one earned by a code to a recovery address.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::codes::random_token;

/// How a ticket was earned, and so how the change it allows is authorised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Authority {
    /// A code sent to this recovery address (the change's authoriser).
    Code(String),
    /// The sign-in password.
    Password,
}

#[derive(Clone, Debug)]
struct Ticket {
    session_id: String,
    account_id: String,
    expires_at: DateTime<Utc>,
    earned: Authority,
}

#[derive(Debug, Default)]
pub struct Tickets(HashMap<String, Ticket>);

impl Tickets {
    /// A new ticket for the session, in place of any it held: one live ticket per session.
    pub fn issue(
        &mut self,
        session_id: &str,
        account_id: &str,
        expires_at: DateTime<Utc>,
        earned: Authority,
    ) -> String {
        self.end_session(session_id);
        let token = random_token(24);
        let ticket = Ticket { session_id: session_id.into(), account_id: account_id.into(), expires_at, earned };
        self.0.insert(token.clone(), ticket);
        token
    }

    /// How the ticket was earned, if it is this session's and has not expired.
    pub fn valid(&self, now: DateTime<Utc>, session_id: &str, token: &str) -> Option<Authority> {
        self.0.get(token).filter(|t| t.session_id == session_id && t.expires_at > now).map(|t| t.earned.clone())
    }

    pub fn use_up(&mut self, token: &str) {
        self.0.remove(token);
    }

    pub fn end_session(&mut self, session_id: &str) {
        self.0.retain(|_, t| t.session_id != session_id);
    }

    /// Dev helper: every ticket of the account expires now.
    pub fn expire_account(&mut self, account_id: &str) {
        self.0.retain(|_, t| t.account_id != account_id);
    }

    pub fn sweep(&mut self, now: DateTime<Utc>) {
        self.0.retain(|_, t| t.expires_at > now);
    }

    pub fn count(&self) -> usize {
        self.0.len()
    }
}
