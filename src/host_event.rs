//! The events the app dispatches on its host element, as `public/account-console.d.ts`
//! declares them for shells: one type, whose names and fields a test compares with the
//! declaration.

use contract::AccountField;

/// One event for the shell; dispatched as `account:<name>` with [`HostEvent::detail`].
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// A request met 401; the app shows a sign-in link.
    SessionExpired,
    /// A value of the account was saved (a contact value: not verified yet), verified, or
    /// copied from recovery; the new value, masked.
    Changed { field: AccountField, masked: String, verified: bool },
    /// The module hit a bug and stopped; the error's message when it had one.
    Crashed { message: Option<String> },
    /// The page shown changed: its name (as in the d.ts) and its heading.
    PageChanged { page: &'static str, title: String },
}

/// The page named in `page-changed` for an address the app has no page for.
pub const NOT_FOUND: &str = "not-found";

/// A value of an event's `detail`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    Text(&'a str),
    Flag(bool),
    Null,
}

impl HostEvent {
    /// The event's name, after `account:`.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::SessionExpired => "session-expired",
            HostEvent::Changed { field, .. } => match field {
                AccountField::ContactMobile | AccountField::ContactEmail => "contact-changed",
                AccountField::RecoveryMobile | AccountField::RecoveryEmail => "recovery-changed",
                AccountField::LoginEmail => "login-email-changed",
            },
            HostEvent::Crashed { .. } => "crashed",
            HostEvent::PageChanged { .. } => "page-changed",
        }
    }

    /// Hands each field of `detail` to `field`, named as the shell reads it.
    pub fn detail(&self, mut field: impl FnMut(&'static str, Field<'_>)) {
        match self {
            HostEvent::SessionExpired => {}
            HostEvent::Changed { field: changed, masked, verified } => {
                let kind = Field::Text(changed.medium().kind());
                match changed {
                    AccountField::ContactMobile | AccountField::ContactEmail => {
                        field("kind", kind);
                        field("verified", Field::Flag(*verified));
                    }
                    AccountField::RecoveryMobile | AccountField::RecoveryEmail => {
                        field("kind", kind);
                        field("masked", Field::Text(masked));
                    }
                    AccountField::LoginEmail => field("masked", Field::Text(masked)),
                }
            }
            HostEvent::Crashed { message } => field("message", message.as_deref().map_or(Field::Null, Field::Text)),
            HostEvent::PageChanged { page, title } => {
                field("page", Field::Text(page));
                field("title", Field::Text(title));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::Route;

    /// The detail's fields as text: `"mobile"`, `true`, `null`.
    fn detail(event: &HostEvent) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        event.detail(|name, value| {
            let value = match value {
                Field::Text(text) => format!("{text:?}"),
                Field::Flag(flag) => flag.to_string(),
                Field::Null => "null".to_string(),
            };
            fields.push((name, value));
        });
        fields
    }

    fn changed(field: AccountField, masked: &str) -> HostEvent {
        HostEvent::Changed { field, masked: masked.into(), verified: true }
    }

    /// One of each event.
    fn every_event() -> Vec<HostEvent> {
        vec![
            HostEvent::SessionExpired,
            changed(AccountField::ContactMobile, "+86 138****0001"),
            changed(AccountField::RecoveryEmail, "a***@example.com"),
            changed(AccountField::LoginEmail, "a***@example.com"),
            HostEvent::Crashed { message: None },
            HostEvent::PageChanged { page: "security", title: "Security Settings".into() },
        ]
    }

    /// The declaration's `AccountConsoleEventDetail`: each event's name and its fields.
    fn declared() -> Vec<(String, Vec<String>)> {
        let dts = include_str!("../public/account-console.d.ts");
        let start = dts.find("interface AccountConsoleEventDetail {").expect("the detail interface");
        let body = &dts[start..dts[start..].find("\n}").map(|end| start + end).unwrap()];
        body.lines()
            .filter_map(|line| {
                let rest = line.trim().strip_prefix("'account:")?;
                let (name, shape) = rest.split_once("':")?;
                let fields = match shape.trim().strip_prefix('{') {
                    Some(inner) => inner
                        .trim_end_matches(&['}', ';', ' '][..])
                        .split(';')
                        .filter_map(|field| Some(field.split_once(':')?.0.trim().to_string()))
                        .collect(),
                    None => vec![],
                };
                Some((name.to_string(), fields))
            })
            .collect()
    }

    #[test]
    fn the_events_are_the_ones_the_declaration_gives_shells() {
        let declared = declared();
        assert_eq!(declared.len(), 6, "{declared:?}");
        let ours: Vec<(String, Vec<String>)> = every_event()
            .iter()
            .map(|e| (e.name().to_string(), detail(e).into_iter().map(|(k, _)| k.to_string()).collect()))
            .collect();
        assert_eq!(ours, declared);
    }

    #[test]
    fn the_pages_named_are_the_routes_and_not_found() {
        let dts = include_str!("../public/account-console.d.ts");
        let line = dts.lines().find(|l| l.trim().starts_with("'account:page-changed'")).unwrap();
        let union = line.split("page:").nth(1).unwrap().split(';').next().unwrap();
        let declared: Vec<&str> = union.split('|').map(|name| name.trim().trim_matches('\'')).collect();
        let mut ours: Vec<&str> = [Route::AccountInformation(None), Route::UserDetails(None), Route::Security(None)]
            .map(Route::name)
            .to_vec();
        ours.push(NOT_FOUND);
        assert_eq!(declared, ours);
    }

    #[test]
    fn a_saved_field_tells_the_shell_which_and_what() {
        assert_eq!(
            detail(&changed(AccountField::RecoveryMobile, "+86 138****0001")),
            vec![("kind", r#""mobile""#.to_string()), ("masked", r#""+86 138****0001""#.to_string())]
        );
        assert_eq!(
            detail(&changed(AccountField::ContactEmail, "a***@example.com")),
            vec![("kind", r#""email""#.to_string()), ("verified", "true".to_string())]
        );
        assert_eq!(detail(&HostEvent::Crashed { message: None }), vec![("message", "null".to_string())]);
        assert_eq!(changed(AccountField::LoginEmail, "b***@x.cn").name(), "login-email-changed");
    }

    #[test]
    fn every_field_s_change_is_an_event_the_declaration_gives_shells() {
        let declared: Vec<String> = declared().into_iter().map(|(name, _)| name).collect();
        for field in AccountField::ALL {
            let name = changed(field, "x").name();
            assert!(declared.iter().any(|d| d == name), "{field:?}: account:{name} is not declared");
        }
    }
}
