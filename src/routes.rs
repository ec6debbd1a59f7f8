//! The app's pages, and the dialog open on them, as addresses: one type that links are made
//! from and that the current address is read back into. `?edit=` is a dialog's open state,
//! so deep links and Back work.

use crate::api::types::Kind;
use crate::flows::security::SecurityTarget;
use crate::i18n::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    AccountInformation,
    /// With the contact value of this kind being edited.
    UserDetails(Option<Kind>),
    /// With this recovery value or the login email being changed.
    Security(Option<SecurityTarget>),
}

impl Route {
    /// The pages, in the order of the tabs.
    pub const PAGES: [Route; 3] = [Route::AccountInformation, Route::UserDetails(None), Route::Security(None)];

    /// The page's path under the base path.
    pub fn path(self) -> &'static str {
        match self {
            Route::AccountInformation => "",
            Route::UserDetails(_) => "/user-details",
            Route::Security(_) => "/security",
        }
    }

    /// Where to link or navigate, under the base path: the path, and `?edit=` when a dialog
    /// is open.
    pub fn href(self) -> String {
        let edit = match self {
            Route::AccountInformation => None,
            Route::UserDetails(kind) => kind.map(Kind::name),
            Route::Security(target) => target.map(SecurityTarget::name),
        };
        match edit {
            Some(edit) => format!("{}?edit={edit}", self.path()),
            None => self.path().to_string(),
        }
    }

    /// The route of `path` (under the base path) with the `?edit=` value `edit`. An `edit`
    /// that names nothing on that page opens no dialog.
    pub fn parse(path: &str, edit: Option<&str>) -> Option<Route> {
        match path.trim_end_matches('/') {
            "" => Some(Route::AccountInformation),
            "/user-details" => Some(Route::UserDetails(edit.and_then(Kind::parse))),
            "/security" => Some(Route::Security(edit.and_then(SecurityTarget::from_query))),
            _ => None,
        }
    }

    /// The same page with no dialog open.
    pub fn page(self) -> Route {
        match self {
            Route::AccountInformation => Route::AccountInformation,
            Route::UserDetails(_) => Route::UserDetails(None),
            Route::Security(_) => Route::Security(None),
        }
    }

    /// The page's name for the shell (`account:page-changed`).
    pub fn name(self) -> &'static str {
        match self {
            Route::AccountInformation => "account-information",
            Route::UserDetails(_) => "user-details",
            Route::Security(_) => "security",
        }
    }

    /// The page's name, in the tabs and its heading.
    pub fn title(self) -> Key {
        match self {
            Route::AccountInformation => Key::AccountInformation,
            Route::UserDetails(_) => Key::UserDetails,
            Route::Security(_) => Key::SecuritySettings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_address() {
        let all = [
            Route::AccountInformation,
            Route::UserDetails(None),
            Route::UserDetails(Some(Kind::Mobile)),
            Route::UserDetails(Some(Kind::Email)),
            Route::Security(None),
            Route::Security(Some(SecurityTarget::RecoveryMobile)),
            Route::Security(Some(SecurityTarget::RecoveryEmail)),
            Route::Security(Some(SecurityTarget::LoginEmail)),
        ];
        for route in all {
            let href = route.href();
            let (path, edit) = match href.split_once("?edit=") {
                Some((path, edit)) => (path, Some(edit)),
                None => (href.as_str(), None),
            };
            assert_eq!(Route::parse(path, edit), Some(route), "{href}");
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(Route::Security(Some(SecurityTarget::LoginEmail)).href(), "/security?edit=login-email");
        assert_eq!(Route::UserDetails(Some(Kind::Mobile)).href(), "/user-details?edit=mobile");
        assert_eq!(Route::parse("/", None), Some(Route::AccountInformation));
        assert_eq!(
            Route::parse("/security/", Some("recovery-email")),
            Some(Route::Security(Some(SecurityTarget::RecoveryEmail)))
        );
        assert_eq!(
            Route::parse("/user-details", Some("login-email")),
            Some(Route::UserDetails(None)),
            "not a dialog of that page"
        );
        assert_eq!(Route::parse("/nowhere", None), None);
        assert_eq!(Route::UserDetails(Some(Kind::Email)).page(), Route::UserDetails(None));
    }
}
