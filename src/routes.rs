//! The app's pages, and the dialog open on them, as addresses: one type that links are made
//! from and that the current address is read back into. `?edit=` and `?verify=` are a
//! dialog's open state, so deep links (a notification email's "Verify now") and Back work.

use contract::{AccountField, Lifecycle};

use crate::config::under_base;
use crate::i18n::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// With this contact value being verified.
    AccountInformation(Option<AccountField>),
    /// With a dialog of a contact value open.
    UserDetails(Option<Dialog>),
    /// With this factor being changed.
    Security(Option<AccountField>),
}

/// A dialog of a row: changing the value (`?edit=`) or verifying it (`?verify=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Edit(AccountField),
    Verify(AccountField),
}

impl Dialog {
    /// The value being verified, if this is Verify now.
    pub fn verifying(dialog: Option<Dialog>) -> Option<AccountField> {
        match dialog {
            Some(Dialog::Verify(field)) => Some(field),
            Some(Dialog::Edit(_)) | None => None,
        }
    }

    /// The value being changed, if this is its Edit dialog.
    pub fn editing(dialog: Option<Dialog>) -> Option<AccountField> {
        match dialog {
            Some(Dialog::Edit(field)) => Some(field),
            Some(Dialog::Verify(_)) | None => None,
        }
    }
}

/// The field a `?edit=` or `?verify=` value names, when it is one of `lifecycle`'s.
fn field_of(value: Option<&str>, lifecycle: Lifecycle) -> Option<AccountField> {
    value.and_then(AccountField::from_query).filter(|field| field.lifecycle() == lifecycle)
}

impl Route {
    /// The pages, in the order of the tabs.
    pub const PAGES: [Route; 3] = [Route::AccountInformation(None), Route::UserDetails(None), Route::Security(None)];

    /// The page's path under the base path.
    pub fn path(self) -> &'static str {
        match self {
            Route::AccountInformation(_) => "",
            Route::UserDetails(_) => "/user-details",
            Route::Security(_) => "/security",
        }
    }

    /// The page where `field` is changed, with its dialog open.
    pub fn edit(field: AccountField) -> Route {
        match field.lifecycle() {
            Lifecycle::Contact => Route::UserDetails(Some(Dialog::Edit(field))),
            Lifecycle::Factor => Route::Security(Some(field)),
        }
    }

    /// Where to link or navigate, under the base path: the path, and `?edit=` or `?verify=`
    /// when a dialog is open.
    pub fn href(self) -> String {
        let dialog = match self {
            Route::AccountInformation(field) => field.map(|f| ("verify", f.query())),
            Route::UserDetails(Some(Dialog::Edit(field))) => Some(("edit", field.query())),
            Route::UserDetails(Some(Dialog::Verify(field))) => Some(("verify", field.query())),
            Route::UserDetails(None) => None,
            Route::Security(field) => field.map(|f| ("edit", f.query())),
        };
        match dialog {
            Some((name, value)) => format!("{}?{name}={value}", self.path()),
            None => self.path().to_string(),
        }
    }

    /// The route of `path` (under the base path) with the values of `?edit=` and `?verify=`.
    /// A value that names nothing on that page opens no dialog.
    pub fn parse(path: &str, edit: Option<&str>, verify: Option<&str>) -> Option<Route> {
        let verify = field_of(verify, Lifecycle::Contact);
        match path.trim_end_matches('/') {
            "" => Some(Route::AccountInformation(verify)),
            "/user-details" => Some(Route::UserDetails(
                field_of(edit, Lifecycle::Contact).map(Dialog::Edit).or(verify.map(Dialog::Verify)),
            )),
            "/security" => Some(Route::Security(field_of(edit, Lifecycle::Factor))),
            _ => None,
        }
    }

    /// The route of `path` (under the base path) and `search` (`?edit=mobile&project=42`).
    pub fn read(path: &str, search: &str) -> Option<Route> {
        Route::parse(path, query_value(search, "edit"), query_value(search, "verify"))
    }

    /// The address to write for this route under `base`, keeping what the shell has in the
    /// address shown now (`search` and `hash`, as `location` gives them): its own query
    /// parameters, in their order, and the hash. Only `edit` and `verify` are the app's.
    pub fn address(self, base: &str, search: &str, hash: &str) -> String {
        let href = self.href();
        let (path, ours) = href.split_once('?').unwrap_or((&href, ""));
        let mut query: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty() && !matches!(pair.split('=').next(), Some("edit" | "verify")))
            .collect();
        if !ours.is_empty() {
            query.push(ours);
        }
        let mut address = under_base(base, path);
        if !query.is_empty() {
            address.push('?');
            address.push_str(&query.join("&"));
        }
        address.push_str(hash);
        address
    }

    /// The dialog open on `page`, if this route is that page with one: Verify now on Account
    /// Information, a contact value's Edit or Verify on User Details, a factor's change on
    /// Security Settings.
    pub fn dialog_on(self, page: Route) -> Option<Dialog> {
        if self.page() != page.page() {
            return None;
        }
        match self {
            Route::AccountInformation(field) => field.map(Dialog::Verify),
            Route::UserDetails(dialog) => dialog,
            Route::Security(field) => field.map(Dialog::Edit),
        }
    }

    /// The same page with no dialog open.
    pub fn page(self) -> Route {
        match self {
            Route::AccountInformation(_) => Route::AccountInformation(None),
            Route::UserDetails(_) => Route::UserDetails(None),
            Route::Security(_) => Route::Security(None),
        }
    }

    /// The page's name for the shell (`account:page-changed`).
    pub fn name(self) -> &'static str {
        match self {
            Route::AccountInformation(_) => "account-information",
            Route::UserDetails(_) => "user-details",
            Route::Security(_) => "security",
        }
    }

    /// The page's name, in the tabs and its heading.
    pub fn title(self) -> Key {
        match self {
            Route::AccountInformation(_) => Key::AccountInformation,
            Route::UserDetails(_) => Key::UserDetails,
            Route::Security(_) => Key::SecuritySettings,
        }
    }
}

/// The first value of the query parameter `name` in `search` (with or without its `?`).
fn query_value<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_edited_where_its_address_says() {
        for field in AccountField::ALL {
            let route = Route::edit(field);
            let href = route.href();
            let (path, query) = href.split_once('?').unwrap();
            assert_eq!(query, format!("edit={}", field.query()));
            assert_eq!(Route::parse(path, Some(field.query()), None), Some(route), "{href}");
        }
        assert_eq!(Route::parse("/security", Some("mobile"), None), Some(Route::Security(None)), "not a factor");
        assert_eq!(Route::parse("", None, Some("login-email")), Some(Route::AccountInformation(None)), "no Verify");
    }

    #[test]
    fn every_route_reads_back_from_its_address() {
        let all = [
            Route::AccountInformation(None),
            Route::AccountInformation(Some(AccountField::ContactMobile)),
            Route::UserDetails(None),
            Route::UserDetails(Some(Dialog::Edit(AccountField::ContactMobile))),
            Route::UserDetails(Some(Dialog::Edit(AccountField::ContactEmail))),
            Route::UserDetails(Some(Dialog::Verify(AccountField::ContactEmail))),
            Route::Security(None),
            Route::Security(Some(AccountField::RecoveryMobile)),
            Route::Security(Some(AccountField::RecoveryEmail)),
            Route::Security(Some(AccountField::LoginEmail)),
        ];
        for route in all {
            let href = route.href();
            let (path, query) = href.split_once('?').unwrap_or((href.as_str(), ""));
            let value = |name: &str| query.strip_prefix(name).and_then(|q| q.strip_prefix('='));
            assert_eq!(Route::parse(path, value("edit"), value("verify")), Some(route), "{href}");
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(Route::Security(Some(AccountField::LoginEmail)).href(), "/security?edit=login-email");
        assert_eq!(
            Route::UserDetails(Some(Dialog::Edit(AccountField::ContactMobile))).href(),
            "/user-details?edit=mobile"
        );
        assert_eq!(
            Route::UserDetails(Some(Dialog::Verify(AccountField::ContactMobile))).href(),
            "/user-details?verify=mobile"
        );
        assert_eq!(Route::AccountInformation(Some(AccountField::ContactEmail)).href(), "?verify=email");
        assert_eq!(Route::parse("/", None, None), Some(Route::AccountInformation(None)));
        assert_eq!(Route::parse("/security", None, Some("mobile")), Some(Route::Security(None)), "no Verify now there");
        assert_eq!(
            Route::parse("/user-details", Some("email"), Some("mobile")),
            Some(Route::UserDetails(Some(Dialog::Edit(AccountField::ContactEmail)))),
            "one dialog at a time: the edit"
        );
        assert_eq!(
            Route::parse("/security/", Some("recovery-email"), None),
            Some(Route::Security(Some(AccountField::RecoveryEmail)))
        );
        assert_eq!(
            Route::parse("/user-details", Some("login-email"), Some("fax")),
            Some(Route::UserDetails(None)),
            "not a dialog of that page"
        );
        assert_eq!(Route::parse("/nowhere", None, None), None);
        assert_eq!(
            Route::UserDetails(Some(Dialog::Verify(AccountField::ContactEmail))).page(),
            Route::UserDetails(None)
        );
    }

    #[test]
    fn the_shells_query_and_hash_are_kept() {
        let edit = Route::Security(Some(AccountField::LoginEmail));
        assert_eq!(
            edit.address("/console/account", "?project=42", "#top"),
            "/console/account/security?project=42&edit=login-email#top"
        );
        assert_eq!(
            Route::Security(None).address("/a", "?project=42&edit=login-email&tab=2", ""),
            "/a/security?project=42&tab=2",
            "the dialog's parameter goes, the shell's stay in order"
        );
        assert_eq!(Route::AccountInformation(None).address("", "", ""), "/");
        assert_eq!(
            Route::AccountInformation(Some(AccountField::ContactEmail)).address("", "?verify=mobile", ""),
            "/?verify=email"
        );
        assert_eq!(Route::UserDetails(None).address("/控制台", "?editor=1", "#x"), "/控制台/user-details?editor=1#x");
        assert_eq!(
            Route::read("/security", "?project=42&edit=recovery-email"),
            Some(Route::Security(Some(AccountField::RecoveryEmail)))
        );
        assert_eq!(
            Route::read("/user-details", "verify=email"),
            Some(Route::UserDetails(Some(Dialog::Verify(AccountField::ContactEmail))))
        );
        assert_eq!(Route::read("", "?editor=mobile"), Some(Route::AccountInformation(None)));
    }
}
