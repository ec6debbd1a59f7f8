//! Embedding configuration: parsed and validated once, when the app is mounted.

use serde::Deserialize;

use crate::i18n::Locale;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where the app's pages live, without a trailing slash (`/developer`).
    pub base_path: String,
    /// Where the backend lives (`/api/v1`), same origin.
    pub api_base: String,
    /// Locale chosen by the shell; `None` means the browser's.
    pub locale: Option<Locale>,
    /// Where "Sign in" goes; `{return}` is replaced by the page to come back to.
    pub login_url: String,
    pub csrf_cookie: String,
    pub csrf_header: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            base_path: "/developer".into(),
            api_base: "/api/v1".into(),
            locale: None,
            login_url: "/__dev/login?redirect={return}".into(),
            csrf_cookie: "csrf_token".into(),
            csrf_header: "X-CSRF-Token".into(),
        }
    }
}

/// What a shell passes to `mount`, as JSON; every field optional.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawConfig {
    base_path: Option<String>,
    api_base: Option<String>,
    locale: Option<String>,
    login_url: Option<String>,
    csrf_cookie: Option<String>,
    csrf_header: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    Json(String),
    /// A path must start with `/`.
    NotAPath(&'static str),
    UnknownLocale(String),
    Empty(&'static str),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Json(e) => write!(f, "account console config: {e}"),
            ConfigError::NotAPath(field) => write!(f, "account console config: {field} must start with /"),
            ConfigError::UnknownLocale(l) => write!(f, "account console config: unknown locale \"{l}\" (use en or zh-CN)"),
            ConfigError::Empty(field) => write!(f, "account console config: {field} must not be empty"),
        }
    }
}

fn path(value: Option<String>, default: String, field: &'static str) -> Result<String, ConfigError> {
    let Some(value) = value else { return Ok(default) };
    if !value.starts_with('/') {
        return Err(ConfigError::NotAPath(field));
    }
    Ok(value.trim_end_matches('/').to_string())
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
        let json = if json.trim().is_empty() || json.trim() == "null" || json.trim() == "undefined" { "{}" } else { json };
        let raw: RawConfig = crate::json::from_str(json).map_err(|e| ConfigError::Json(e.to_string()))?;
        let default = Config::default();
        let locale = match raw.locale {
            None => None,
            Some(tag) => Some(Locale::from_tag(&tag).ok_or(ConfigError::UnknownLocale(tag))?),
        };
        Ok(Config {
            base_path: path(raw.base_path, default.base_path, "basePath")?,
            api_base: path(raw.api_base, default.api_base, "apiBase")?,
            locale,
            login_url: non_empty(raw.login_url, default.login_url, "loginUrl")?,
            csrf_cookie: non_empty(raw.csrf_cookie, default.csrf_cookie, "csrfCookie")?,
            csrf_header: non_empty(raw.csrf_header, default.csrf_header, "csrfHeader")?,
        })
    }

    /// The sign-in address that brings the user back to `return_to`.
    pub fn login_href(&self, return_to: &str) -> String {
        self.login_url.replace("{return}", &percent_encode(return_to))
    }

    /// An address inside the app: `route("/security")` → `/developer/security`.
    pub fn route(&self, path: &str) -> String {
        let full = format!("{}{}", self.base_path, path);
        if full.is_empty() { "/".into() } else { full }
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
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
                "loginUrl":"/login?next={return}","csrfCookie":"xsrf","csrfHeader":"X-XSRF"}"#,
        )
        .unwrap();
        assert_eq!(config.base_path, "/console/account");
        assert_eq!(config.api_base, "/gw/account");
        assert_eq!(config.locale, Some(Locale::ZhCn));
        assert_eq!(config.csrf_cookie, "xsrf");
        assert_eq!(config.login_href("/console/account/security?edit=login-email"), "/login?next=/console/account/security%3Fedit%3Dlogin-email");
        assert_eq!(config.route("/security"), "/console/account/security");
    }

    #[test]
    fn rejects_bad_values_with_a_reason() {
        assert_eq!(Config::from_json(r#"{"basePath":"developer"}"#), Err(ConfigError::NotAPath("basePath")));
        assert_eq!(Config::from_json(r#"{"locale":"fr"}"#), Err(ConfigError::UnknownLocale("fr".into())));
        assert_eq!(Config::from_json(r#"{"csrfHeader":" "}"#), Err(ConfigError::Empty("csrfHeader")));
        assert!(matches!(Config::from_json(r#"{"basepath":"/x"}"#), Err(ConfigError::Json(_))));
    }

    #[test]
    fn root_base_path() {
        let config = Config::from_json(r#"{"basePath":"/"}"#).unwrap();
        assert_eq!(config.base_path, "");
        assert_eq!(config.route(""), "/");
        assert_eq!(config.route("/security"), "/security");
    }
}
