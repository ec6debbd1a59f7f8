//! Embedding configuration: parsed and validated once, when the app is mounted.

use crate::i18n::Locale;
use crate::theme::Theme;
use contract::json::{FromJson, Json, JsonError};
use contract::regions::{region_by_iso, Region};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where the app's pages live, without a trailing slash (`/developer`).
    pub base_path: String,
    /// `false` for a mount that keeps its page to itself (a second panel beside a routing
    /// one): it starts on Account Information and never reads or writes the address.
    pub routing: bool,
    /// Where the backend lives (`/api/v1`), same origin.
    pub api_base: String,
    /// Locale chosen by the shell; `None` means the browser's.
    pub locale: Option<Locale>,
    /// A locale the shell asked for that the app does not have (`ja`): the browser's is used
    /// instead, and `mount` says so once on the console.
    pub unknown_locale: Option<String>,
    /// Where "Sign in" goes; `{return}` is replaced by the page to come back to.
    pub login_url: String,
    pub csrf_cookie: String,
    pub csrf_header: String,
    /// The calling region phone fields start with; `None` means from the browser's
    /// language, else mainland China.
    pub default_region: Option<&'static Region>,
    /// How long a request may go unanswered before the app says so and lets the user retry.
    pub request_timeout_ms: u32,
    /// Where a user who can use none of the identity methods asks for help; no link without.
    pub appeal_url: Option<String>,
    pub theme: Theme,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            base_path: "/developer".into(),
            routing: true,
            api_base: "/api/v1".into(),
            locale: None,
            unknown_locale: None,
            login_url: "/__dev/login?redirect={return}".into(),
            csrf_cookie: "csrf_token".into(),
            csrf_header: "X-CSRF-Token".into(),
            default_region: None,
            request_timeout_ms: 15_000,
            appeal_url: None,
            theme: Theme::Auto,
        }
    }
}

/// What a shell passes to `mount`, as JSON; every field optional.
struct RawConfig {
    base_path: Option<String>,
    routing: Option<bool>,
    api_base: Option<String>,
    locale: Option<String>,
    login_url: Option<String>,
    csrf_cookie: Option<String>,
    csrf_header: Option<String>,
    default_region: Option<String>,
    request_timeout_ms: Option<u32>,
    appeal_url: Option<String>,
    theme: Option<String>,
}

/// Every field a shell may pass; `accountResponse` (a promise) and `messages` (catalogues)
/// are taken by `mount` itself.
const CONFIG_FIELDS: [&str; 13] = [
    "basePath",
    "routing",
    "apiBase",
    "locale",
    "loginUrl",
    "csrfCookie",
    "csrfHeader",
    "defaultRegion",
    "requestTimeoutMs",
    "appealUrl",
    "theme",
    "accountResponse",
    "messages",
];

impl FromJson for RawConfig {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        if let Some(unknown) = json.keys().into_iter().find(|key| !CONFIG_FIELDS.contains(&key.as_str())) {
            return Err(format!("unknown field `{unknown}`"));
        }
        Ok(RawConfig {
            base_path: json.maybe("basePath")?,
            routing: json.maybe("routing")?,
            api_base: json.maybe("apiBase")?,
            locale: json.maybe("locale")?,
            login_url: json.maybe("loginUrl")?,
            csrf_cookie: json.maybe("csrfCookie")?,
            csrf_header: json.maybe("csrfHeader")?,
            default_region: json.maybe("defaultRegion")?,
            request_timeout_ms: json.maybe("requestTimeoutMs")?,
            appeal_url: json.maybe("appealUrl")?,
            theme: json.maybe("theme")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Json(String),
    /// A path must start with `/`.
    NotAPath(&'static str),
    /// A path must stay on the page's origin (`//host` and `/\host` leave it).
    LeavesTheOrigin(&'static str),
    /// A link must be an http(s) address or a path on this origin.
    NotAWebAddress(&'static str),
    UnknownRegion(String),
    Empty(&'static str),
    /// `requestTimeoutMs` outside 1 s – 10 min.
    TimeoutOutOfRange,
    /// `csrfHeader` is not an HTTP header name.
    NotAHeaderName,
    UnknownTheme,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Json(e) => write!(f, "account console config: {e}"),
            ConfigError::NotAPath(field) => write!(f, "account console config: {field} must start with /"),
            ConfigError::LeavesTheOrigin(field) => {
                write!(f, "account console config: {field} must be a path on this origin (not //host or /\\host)")
            }
            ConfigError::NotAWebAddress(field) => {
                write!(f, "account console config: {field} must be an http(s) address or a path on this origin")
            }
            ConfigError::UnknownRegion(r) => {
                write!(f, "account console config: unknown defaultRegion \"{r}\" (use an ISO code such as CN)")
            }
            ConfigError::Empty(field) => write!(f, "account console config: {field} must not be empty"),
            ConfigError::TimeoutOutOfRange => {
                f.write_str("account console config: requestTimeoutMs must be from 1000 to 600000")
            }
            ConfigError::NotAHeaderName => {
                f.write_str("account console config: csrfHeader must be an HTTP header name")
            }
            ConfigError::UnknownTheme => {
                f.write_str("account console config: theme must be \"light\", \"dark\" or \"auto\"")
            }
        }
    }
}

fn path(value: Option<String>, default: String, field: &'static str) -> Result<String, ConfigError> {
    let Some(value) = value else { return Ok(default) };
    if !value.starts_with('/') {
        return Err(ConfigError::NotAPath(field));
    }
    if !stays_on_origin(&value) {
        return Err(ConfigError::LeavesTheOrigin(field));
    }
    Ok(value.trim_end_matches('/').to_string())
}

/// A path a browser resolves on the page's own origin: not `//host`, and no backslash or
/// control character (browsers read `\` as `/` and drop tabs and newlines).
/// The request deadlines a shell may set, in milliseconds: a browser timer takes at most
/// 2³¹ − 1, and anything past minutes is no deadline at all.
const REQUEST_TIMEOUT_MS: std::ops::RangeInclusive<u32> = 1_000..=600_000;

/// An HTTP token (RFC 9110 §5.6.2), which a header name must be: anything else makes every
/// write throw in `fetch`.
fn is_http_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn stays_on_origin(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.chars().any(|c| c == '\\' || c.is_control())
}

/// A link the app may put in an `href`: a path on this origin, or an http(s) address.
fn web_address(value: Option<String>, field: &'static str) -> Result<Option<String>, ConfigError> {
    let Some(value) = value else { return Ok(None) };
    if value.trim().is_empty() {
        return Err(ConfigError::Empty(field));
    }
    let lower = value.trim_start().to_ascii_lowercase();
    let absolute = ["http://", "https://"].iter().any(|scheme| lower.starts_with(scheme));
    if absolute && !value.chars().any(char::is_control) || stays_on_origin(&value) {
        Ok(Some(value))
    } else {
        Err(ConfigError::NotAWebAddress(field))
    }
}

fn non_empty(value: Option<String>, default: String, field: &'static str) -> Result<String, ConfigError> {
    match value {
        Some(v) if v.trim().is_empty() => Err(ConfigError::Empty(field)),
        Some(v) => Ok(v),
        None => Ok(default),
    }
}

impl Config {
    pub fn from_json(json: &str) -> Result<Config, ConfigError> {
        let json =
            if json.trim().is_empty() || json.trim() == "null" || json.trim() == "undefined" { "{}" } else { json };
        let raw: RawConfig = contract::json::from_str(json).map_err(|e| ConfigError::Json(e.to_string()))?;
        let default = Config::default();
        let locale = raw.locale.as_deref().and_then(Locale::from_tag);
        let unknown_locale = raw.locale.filter(|_| locale.is_none());
        let default_region = match raw.default_region {
            None => None,
            Some(iso) => Some(region_by_iso(&iso).ok_or(ConfigError::UnknownRegion(iso))?),
        };
        Ok(Config {
            base_path: path(raw.base_path, default.base_path, "basePath")?,
            routing: raw.routing.unwrap_or(true),
            api_base: path(raw.api_base, default.api_base, "apiBase")?,
            locale,
            unknown_locale,
            login_url: web_address(raw.login_url, "loginUrl")?.unwrap_or(default.login_url),
            csrf_cookie: non_empty(raw.csrf_cookie, default.csrf_cookie, "csrfCookie")?,
            csrf_header: match non_empty(raw.csrf_header, default.csrf_header, "csrfHeader")? {
                name if is_http_token(&name) => name,
                _ => return Err(ConfigError::NotAHeaderName),
            },
            default_region,
            request_timeout_ms: match raw.request_timeout_ms {
                Some(ms) if !REQUEST_TIMEOUT_MS.contains(&ms) => return Err(ConfigError::TimeoutOutOfRange),
                Some(ms) => ms,
                None => default.request_timeout_ms,
            },
            appeal_url: web_address(raw.appeal_url, "appealUrl")?,
            theme: match raw.theme {
                None => Theme::Auto,
                Some(name) => Theme::named(&name).ok_or(ConfigError::UnknownTheme)?,
            },
        })
    }

    /// The sign-in address that brings the user back to `return_to`.
    pub fn login_href(&self, return_to: &str) -> String {
        self.login_url.replace("{return}", &contract::percent_encode(return_to))
    }

    /// The region phone fields start with: the configured one, else the region of the
    /// first browser language that names a known one, else mainland China.
    pub fn phone_region(&self, browser_languages: &[String]) -> &'static Region {
        self.default_region
            .or_else(|| {
                browser_languages.iter().find_map(|tag| {
                    let region = tag.split(['-', '_']).skip(1).find(|part| part.len() == 2)?;
                    region_by_iso(region)
                })
            })
            .or_else(|| region_by_iso("CN"))
            .expect("mainland China is in the table")
    }
}

/// `path` (`/security`, or empty for the first page) under `base`: `/developer/security`.
pub fn under_base(base: &str, path: &str) -> String {
    let full = format!("{base}{path}");
    if full.is_empty() {
        "/".into()
    } else {
        full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_nothing_is_given() {
        assert_eq!(Config::from_json(""), Ok(Config::default()));
        assert_eq!(Config::from_json("{}"), Ok(Config::default()));
    }

    #[test]
    fn reads_every_field() {
        let config = Config::from_json(
            r#"{"basePath":"/console/account/","apiBase":"/gw/account","locale":"zh-CN",
                "loginUrl":"/login?next={return}","csrfCookie":"xsrf","csrfHeader":"X-XSRF",
                "accountResponse":{},"requestTimeoutMs":2500,"appealUrl":"/support/appeal"}"#,
        )
        .unwrap();
        assert_eq!(config.base_path, "/console/account");
        assert_eq!(config.api_base, "/gw/account");
        assert_eq!(config.locale, Some(Locale::ZhCn));
        assert_eq!(config.csrf_cookie, "xsrf");
        assert_eq!(config.request_timeout_ms, 2500);
        assert_eq!(config.appeal_url.as_deref(), Some("/support/appeal"));
        assert_eq!(
            config.login_href("/console/account/security?edit=login-email"),
            "/login?next=/console/account/security%3Fedit%3Dlogin-email"
        );
        assert_eq!(under_base(&config.base_path, "/security"), "/console/account/security");
        assert!(config.routing);
        assert!(!Config::from_json(r#"{"routing":false}"#).unwrap().routing);
    }

    #[test]
    fn theme_light_dark_or_auto() {
        assert_eq!(Config::from_json("{}").unwrap().theme, Theme::Auto);
        for (name, theme) in [("light", Theme::Light), ("dark", Theme::Dark), ("auto", Theme::Auto)] {
            assert_eq!(Config::from_json(&format!(r#"{{"theme":"{name}"}}"#)).unwrap().theme, theme);
        }
        let refused = Config::from_json(r#"{"theme":"Dark"}"#).unwrap_err();
        assert_eq!(refused, ConfigError::UnknownTheme);
        assert!(refused.to_string().contains("theme must be \"light\", \"dark\" or \"auto\""), "{refused}");
        assert!(Config::from_json(r#"{"theme":true}"#).is_err());
    }

    #[test]
    fn a_locale_the_app_does_not_have_falls_back_to_the_browsers() {
        let config = Config::from_json(r#"{"locale":"ja"}"#).unwrap();
        assert_eq!((config.locale, config.unknown_locale.as_deref()), (None, Some("ja")));
        let config = Config::from_json(r#"{"locale":"zh-TW"}"#).unwrap();
        assert_eq!((config.locale, config.unknown_locale), (Some(Locale::ZhHant), None));
    }

    #[test]
    fn rejects_bad_values_with_a_reason() {
        assert_eq!(Config::from_json(r#"{"basePath":"developer"}"#), Err(ConfigError::NotAPath("basePath")));
        for out_of_range in ["0", "999", "600001", "2147483648", "4294967295"] {
            let config = format!(r#"{{"requestTimeoutMs":{out_of_range}}}"#);
            assert_eq!(Config::from_json(&config), Err(ConfigError::TimeoutOutOfRange), "{out_of_range}");
        }
        for within in [1_000, 600_000] {
            let config = format!(r#"{{"requestTimeoutMs":{within}}}"#);
            assert_eq!(Config::from_json(&config).unwrap().request_timeout_ms, within);
        }
        for bad in ["X-CSRF Token", "X-CSRF-Token:", "X-Tökén", "X-CSRF\\nSet-Cookie"] {
            let config = format!(r#"{{"csrfHeader":"{bad}"}}"#);
            assert_eq!(Config::from_json(&config), Err(ConfigError::NotAHeaderName), "{bad}");
        }
        assert_eq!(Config::from_json(r#"{"csrfHeader":"X-XSRF-TOKEN"}"#).unwrap().csrf_header, "X-XSRF-TOKEN");
        assert!(Config::from_json(r#"{"requestTimeoutMs":"soon"}"#).is_err());
        assert_eq!(Config::from_json(r#"{"csrfHeader":" "}"#), Err(ConfigError::Empty("csrfHeader")));
        assert!(matches!(Config::from_json(r#"{"basepath":"/x"}"#), Err(ConfigError::Json(_))));
    }

    #[test]
    fn paths_stay_on_the_origin_and_links_are_web_addresses() {
        for (json, error) in [
            (r#"{"basePath":"//evil.example"}"#, ConfigError::LeavesTheOrigin("basePath")),
            (r#"{"apiBase":"/\\evil.example/api"}"#, ConfigError::LeavesTheOrigin("apiBase")),
            (r#"{"apiBase":"/\tapi"}"#, ConfigError::LeavesTheOrigin("apiBase")),
            (r#"{"appealUrl":"javascript:alert(1)"}"#, ConfigError::NotAWebAddress("appealUrl")),
            (r#"{"appealUrl":" JavaScript:alert(1)"}"#, ConfigError::NotAWebAddress("appealUrl")),
            (r#"{"loginUrl":"data:text/html,hi"}"#, ConfigError::NotAWebAddress("loginUrl")),
            (r#"{"loginUrl":"//evil.example/login"}"#, ConfigError::NotAWebAddress("loginUrl")),
            (r#"{"appealUrl":" "}"#, ConfigError::Empty("appealUrl")),
        ] {
            assert_eq!(Config::from_json(json), Err(error.clone()), "{json}");
            assert!(error.to_string().contains(match error {
                ConfigError::LeavesTheOrigin(f) | ConfigError::NotAWebAddress(f) | ConfigError::Empty(f) => f,
                _ => unreachable!(),
            }));
        }
        let fine = Config::from_json(
            r#"{"basePath":"/console/account","loginUrl":"https://login.example/?next={return}","appealUrl":"/support/verify"}"#,
        )
        .unwrap();
        assert_eq!(fine.appeal_url.as_deref(), Some("/support/verify"));
        assert_eq!(fine.login_url, "https://login.example/?next={return}");
    }

    #[test]
    fn phone_region_from_config_then_browser_then_mainland() {
        let configured = Config::from_json(r#"{"defaultRegion":"hk"}"#).unwrap();
        assert_eq!(configured.phone_region(&["en-US".into()]).iso, "HK");
        let browser = Config::default();
        assert_eq!(browser.phone_region(&["fr".into(), "en-GB".into()]).iso, "GB");
        assert_eq!(browser.phone_region(&["zh-Hans-SG".into()]).iso, "SG");
        assert_eq!(browser.phone_region(&["zh".into()]).iso, "CN");
        assert_eq!(browser.phone_region(&["en-ZZ".into()]).iso, "CN");
        assert_eq!(Config::from_json(r#"{"defaultRegion":"XX"}"#), Err(ConfigError::UnknownRegion("XX".into())));
    }

    #[test]
    fn root_base_path() {
        let config = Config::from_json(r#"{"basePath":"/"}"#).unwrap();
        assert_eq!(config.base_path, "");
        assert_eq!(under_base(&config.base_path, ""), "/");
        assert_eq!(under_base(&config.base_path, "/security"), "/security");
    }
}
