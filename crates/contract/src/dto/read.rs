//! Each wire type read from JSON: the fields it takes, by name; a field the app shows
//! nothing of is read natively only.

use super::*;
use crate::json::{FromJson, Json, JsonError};

impl FromJson for Masked {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Masked { masked: json.take("masked")? })
    }
}

impl FromJson for ContactValue {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ContactValue {
            masked: json.take("masked")?,
            verified: json.take("verified")?,
            matches_recovery: json.take("matches_recovery")?,
        })
    }
}

impl FromJson for Account {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Account {
            account_id: json.take("account_id")?,
            display_name: json.take("display_name")?,
            account_type: json.take("account_type")?,
            identity_verification: json.take("identity_verification")?,
            registered_at: json.take("registered_at")?,
            login_email: json.maybe("login_email")?,
            contact_mobile: json.maybe("contact_mobile")?,
            contact_email: json.maybe("contact_email")?,
            recovery_mobile: json.maybe("recovery_mobile")?,
            recovery_email: json.maybe("recovery_email")?,
            identity_methods: json.known_list("identity_methods")?,
            security_methods: json.known_list("security_methods")?,
            pending: json.maybe::<ByField<PendingChange>>("pending")?.map_or_else(Vec::new, |p| p.0),
            recent: json.maybe::<ByField<RecentChange>>("recent")?.map_or_else(Vec::new, |p| p.0),
            security_hold: json.maybe("security_hold")?,
            #[cfg(not(target_arch = "wasm32"))]
            notified: json.list("notified")?,
            notices: json.list("notices")?,
        })
    }
}

/// An object keyed by field: the fields this version knows, each read if it is there.
struct ByField<T>(Vec<(AccountField, T)>);

impl<T: FromJson> FromJson for ByField<T> {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        let mut fields = Vec::new();
        for field in AccountField::ALL {
            if let Some(change) = json.maybe(crate::Wire::wire(field))? {
                fields.push((field, change));
            }
        }
        Ok(ByField(fields))
    }
}

impl FromJson for PendingChange {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(PendingChange {
            change_id: json.take("change_id")?,
            masked: json.take("masked")?,
            #[cfg(not(target_arch = "wasm32"))]
            requested_at: json.take("requested_at")?,
            expires_at: json.take("expires_at")?,
            challenge: json.maybe("challenge")?,
            #[cfg(not(target_arch = "wasm32"))]
            state: json.maybe::<String>("state")?.and_then(|s| <ChangeState as crate::Wire>::from_wire(&s)),
            #[cfg(not(target_arch = "wasm32"))]
            effective_at: json.maybe("effective_at")?,
            #[cfg(not(target_arch = "wasm32"))]
            reason: None,
        })
    }
}

impl FromJson for NoticeSent {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(NoticeSent {
            masked: json.take("masked")?,
            #[cfg(not(target_arch = "wasm32"))]
            channel: json.take("channel")?,
            #[cfg(not(target_arch = "wasm32"))]
            actions: json.known_list("actions")?,
        })
    }
}

impl FromJson for Authorisation {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Authorisation { method: json.known("method")?, masked: json.maybe("masked")? })
    }
}

impl FromJson for ChangeCancelled {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ChangeCancelled {
            #[cfg(not(target_arch = "wasm32"))]
            change_id: json.take("change_id")?,
            #[cfg(not(target_arch = "wasm32"))]
            state: json.known("state")?,
            account: json.take("account")?,
        })
    }
}

impl FromJson for SessionsEnded {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(SessionsEnded { ended: json.take("ended")? })
    }
}

impl FromJson for SessionInfo {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(SessionInfo {
            session_id: json.take("session_id")?,
            browser: json.maybe("browser")?,
            os: json.maybe("os")?,
            region: json.maybe("region")?,
            signed_in_at: json.take("signed_in_at")?,
            last_active_at: json.take("last_active_at")?,
            current: json.take("current")?,
        })
    }
}

impl FromJson for Sessions {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Sessions { sessions: json.list("sessions")? })
    }
}

impl FromJson for Challenge {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Challenge {
            challenge_id: ChallengeId(json.take("challenge_id")?),
            masked_target: json.take("masked_target")?,
            #[cfg(not(target_arch = "wasm32"))]
            channel: json.maybe("channel")?.unwrap_or_default(),
            expires_at: json.take("expires_at")?,
            resend_at: json.take("resend_at")?,
            code_length: json.maybe("code_length")?.unwrap_or(crate::validate::CODE_LENGTH as u32),
        })
    }
}

impl FromJson for Ticket {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Ticket { ticket: IdentityTicket(json.take("ticket")?), expires_at: json.take("expires_at")? })
    }
}

impl FromJson for AccountEvent {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(AccountEvent {
            id: json.take("id")?,
            reference: json.maybe("ref")?.unwrap_or_default(),
            at: json.take("at")?,
            field: json.known("field")?,
            #[cfg(not(target_arch = "wasm32"))]
            subject: crate::dto::EventSubject::read(json)?,
            action: json.known("action")?,
            #[cfg(not(target_arch = "wasm32"))]
            state: json.maybe::<String>("state")?.map_or(Known::Is(ChangeState::Committed), |s| Known::decode(&s)),
            #[cfg(not(target_arch = "wasm32"))]
            actor: json.maybe::<String>("actor")?.map_or(Known::Is(Actor::You), |s| Known::decode(&s)),
            old_masked: json.maybe("old_masked")?,
            new_masked: json.maybe("new_masked")?,
            authorised_by: json.maybe("authorised_by")?,
            notices: json.list("notices")?,
            #[cfg(not(target_arch = "wasm32"))]
            notified: json.list("notified")?,
        })
    }
}

impl FromJson for Events {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(Events { events: json.list("events")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::from_str;

    #[test]
    fn an_event_of_a_kind_this_version_does_not_know_is_other() {
        let json = r#"{"id":1,"at":"2025-01-01T00:00:00Z","field":"password","action":"removed",
            "old_masked":null,"new_masked":null,"notified":[]}"#;
        let event: AccountEvent = from_str(json).unwrap();
        assert_eq!((event.field, event.action), (Known::Other, Known::Other));
        let known: AccountEvent =
            from_str(&json.replace("password", "login_email").replace("removed", "bound")).unwrap();
        assert_eq!((known.field, known.action), (Known::Is(AccountField::LoginEmail), Known::Is(EventAction::Bound)));
    }

    #[test]
    fn reads_an_account() {
        let json = r#"{"account_id":"100041000001","display_name":"Developer 1","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":{"masked":"+86 139****0001","verified":true,"matches_recovery":false},
            "contact_email":null,"recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms"]}"#;
        let account: Account = from_str(json).unwrap();
        assert!(account.login_email.is_none());
        assert_eq!(account.recovery_to_copy(AccountField::ContactMobile), Some("+86 138****0001"));
        assert_eq!(account.recovery_to_copy(AccountField::ContactEmail), None, "no recovery email: nothing to advise");
        assert_eq!(account.recovery_to_copy(AccountField::RecoveryMobile), None, "a factor copies nothing");
        assert_eq!(account.masked(AccountField::ContactMobile), Some("+86 139****0001"));
        assert_eq!(account.contact(AccountField::RecoveryMobile), None);
        let later: Account = from_str(&json.replace(r#"["sms"]"#, r#"["passkey","sms"]"#)).unwrap();
        assert_eq!(later.usable_identity_methods(), vec![IdentityMethod::Sms]);
        assert_eq!(later.masked_target(IdentityMethod::Sms), Some("+86 138****0001"));
        assert_eq!(later.masked_target(IdentityMethod::Email), None);
    }

    #[test]
    fn a_factor_change_offers_only_the_methods_that_qualify() {
        let json = r#"{"account_id":"1","display_name":"d","account_type":"individual",
            "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z",
            "login_email":null,"contact_mobile":null,"contact_email":null,
            "recovery_mobile":{"masked":"+86 138****0001"},"recovery_email":null,
            "identity_methods":["sms","password"],"security_methods":["sms"]}"#;
        let account: Account = from_str(json).unwrap();
        assert_eq!(account.usable_identity_methods(), vec![IdentityMethod::Sms, IdentityMethod::Password]);
        assert_eq!(account.usable_security_methods(), vec![IdentityMethod::Sms], "no password for a recovery change");
        let older: Account = from_str(&json.replace(r#","security_methods":["sms"]"#, "")).unwrap();
        assert_eq!(older.usable_security_methods(), older.usable_identity_methods(), "a backend that does not say");
    }
}
