//! Command-line configuration of dev-api.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Timing and limits of verification codes and identity tickets.
#[derive(Clone, Debug)]
pub struct Rules {
    pub code_ttl: Duration,
    pub resend_cooldown: Duration,
    pub ticket_ttl: Duration,
    pub max_attempts: u32,
    /// Codes per target per 24 h (an owner's identity codes are counted apart).
    pub daily_limit: usize,
    /// Codes per account per 24 h, whatever the targets.
    pub account_daily_limit: usize,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after its sign-in, however much it is used.
    pub session_lifetime: Duration,
    /// How long identity by password is refused after `max_attempts` wrong passwords.
    pub password_lockout: Duration,
    /// How long a new contact value waits for its code before it is dropped.
    pub pending_contact_ttl: Duration,
    /// Notices to one address of one account: the first goes at once; what follows within
    /// this window goes together in one message when it ends.
    pub notice_window: Duration,
    /// A factor's change authorised from another channel, or by the password, waits this long.
    pub cooling_off: Duration,
    /// ... and this long when it replaces the second recovery address within 7 days of the first.
    pub cooling_off_all: Duration,
    /// How long a changed factor's previous holder may undo the change from its notice.
    pub revert_window: Duration,
    /// How long security changes are held after somebody secured the account from a notice.
    pub hold: Duration,
    /// Public notice calls per client (address) per hour.
    pub notice_client_limit: usize,
    /// The notice page's address, as links and SMS give it: `{origin}{basePath}/notice`.
    pub notice_url: String,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            code_ttl: Duration::from_secs(600),
            resend_cooldown: Duration::from_secs(60),
            ticket_ttl: Duration::from_secs(600),
            max_attempts: 5,
            daily_limit: 10,
            account_daily_limit: 20,
            session_idle: Duration::from_secs(12 * 3600),
            session_lifetime: Duration::from_secs(24 * 3600),
            password_lockout: Duration::from_secs(15 * 60),
            pending_contact_ttl: Duration::from_secs(7 * 24 * 3600),
            notice_window: Duration::from_secs(15 * 60),
            cooling_off: Duration::from_secs(24 * 3600),
            cooling_off_all: Duration::from_secs(7 * 24 * 3600),
            revert_window: Duration::from_secs(7 * 24 * 3600),
            hold: Duration::from_secs(72 * 3600),
            notice_client_limit: 60,
            notice_url: "http://127.0.0.1:8081/developer/notice".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub dist: PathBuf,
    /// The demo console shell (`examples/`), served at `/__dev/shell` with the helpers.
    pub examples: PathBuf,
    pub base_path: String,
    pub api_base: String,
    pub rules: Rules,
    /// Print every message sent to stdout.
    pub print_messages: bool,
    /// The `/__dev` helpers (sign-in without a password, the outbox with every code).
    pub dev_helpers: bool,
    /// `Secure` cookies with the `__Host-` prefix, for serving behind HTTPS.
    pub secure_cookies: bool,
    /// The time the rules run on; tests move it.
    pub clock: crate::clock::Clock,
    /// Connections at once, and how long a client may take to send a request.
    pub limits: crate::serve::Limits,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8081,
            dist: PathBuf::from("dist"),
            examples: PathBuf::from("examples"),
            base_path: "/developer".into(),
            api_base: "/api/v1".into(),
            rules: Rules::default(),
            print_messages: true,
            dev_helpers: true,
            secure_cookies: false,
            clock: crate::clock::Clock::default(),
            limits: crate::serve::Limits::default(),
        }
    }
}

pub const USAGE: &str = "\
dev-api: reference backend of Account Console

USAGE: dev-api [OPTIONS]

  --host HOST              address to listen on            [127.0.0.1]
  --port PORT              port to listen on               [8081]
  --dist DIR               built SPA to serve              [dist]
  --examples DIR           the demo shell, at /__dev/shell [examples]
  --base-path PATH         where the SPA lives             [/developer]
  --api-base PATH          where the API lives             [/api/v1]
  --code-ttl DURATION      how long a code is valid        [10m]
  --resend-cooldown DUR    wait between two codes          [60s]
  --ticket-ttl DURATION    how long an identity ticket is  [10m]
  --max-attempts N         wrong codes before one dies,
                           wrong passwords before a lockout [5]
  --password-lockout DUR   no identity by password after   [15m]
                           that many wrong ones
  --pending-contact-ttl DUR a new contact value waits for   [7d]
                           its code this long
  --notice-window DUR      later notices to one address    [15m]
                           wait and go together after
  --cooling-off DUR        a factor change from another    [24h]
                           channel or by password waits
  --cooling-off-all DUR    ... replacing both recovery     [7d]
                           addresses within 7 days
  --revert-window DUR      a change can be undone for      [7d]
  --hold DUR               security changes held after     [72h]
                           securing from a notice
  --notice-client-limit N  public notice calls per client  [60]
                           per hour
  --public-origin URL      origin in notice links          [http://HOST:PORT]
  --daily-limit N          codes per target per 24 h       [10]
  --account-daily-limit N  codes per account per 24 h      [20]
  --session-idle DURATION  an unused session ends after    [12h]
  --session-lifetime DUR   any session ends after          [24h]
  --no-dev-helpers         no /__dev routes (required to listen beyond loopback)
  --secure-cookies         Secure, __Host- cookies (when served over HTTPS)
  --quiet                  do not print sent messages

Durations: 500ms, 2s, 10m, 1h, 7d.";

/// Parses `500ms`, `2s`, `10m`, `1h`, `7d` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("not a duration: {text:?}"))?;
    let seconds = |factor: u64| n.checked_mul(factor).map(Duration::from_secs);
    let duration = match unit {
        "ms" => Some(Duration::from_millis(n)),
        "" | "s" => seconds(1),
        "m" => seconds(60),
        "h" => seconds(3600),
        "d" => seconds(24 * 3600),
        _ => return Err(format!("unknown unit in {text:?} (use ms, s, m, h or d)")),
    };
    duration.ok_or_else(|| format!("too long: {text:?}"))
}

/// Why the command line gives no configuration to serve with.
#[derive(Debug, PartialEq)]
pub enum ArgsError {
    /// `--help`: the usage is the answer.
    Help,
    /// A flag or a value that is not right, with what is wrong.
    Invalid(String),
}

impl std::fmt::Display for ArgsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArgsError::Help => f.write_str(USAGE),
            ArgsError::Invalid(message) => f.write_str(message),
        }
    }
}

impl Config {
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Self, ArgsError> {
        let mut config = Config::default();
        let mut origin: Option<String> = None;
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let switch = match flag.as_str() {
                "--quiet" => Some(&mut config.print_messages),
                "--no-dev-helpers" => Some(&mut config.dev_helpers),
                _ => None,
            };
            if let Some(setting) = switch {
                *setting = false;
                continue;
            }
            if flag == "--secure-cookies" {
                config.secure_cookies = true;
                continue;
            }
            if flag == "-h" || flag == "--help" {
                return Err(ArgsError::Help);
            }
            let invalid = |why: String| ArgsError::Invalid(format!("{flag}: {why}"));
            let value = args.next().ok_or_else(|| invalid("needs a value".into()))?;
            // Whole numbers in the type's range; `positive` refuses 0 as well.
            fn whole<T: std::str::FromStr + PartialEq + Default>(value: &str, positive: bool) -> Result<T, String> {
                match value.parse::<T>() {
                    Ok(n) if positive && n == T::default() => Err(format!("must be more than 0, not {value}")),
                    Ok(n) => Ok(n),
                    Err(_) => Err(format!("not a whole number in range: {value}")),
                }
            }
            let duration = |positive: bool| match parse_duration(&value) {
                Ok(d) if positive && d.is_zero() => Err(format!("must be longer than 0, not {value}")),
                other => other,
            };
            let set: Result<(), String> = (|| {
                match flag.as_str() {
                    "--host" => config.host = value.clone(),
                    "--port" => config.port = whole::<u16>(&value, false)?,
                    "--dist" => config.dist = PathBuf::from(&value),
                    "--examples" => config.examples = PathBuf::from(&value),
                    "--base-path" => config.base_path = value.trim_end_matches('/').to_string(),
                    "--api-base" => config.api_base = value.trim_end_matches('/').to_string(),
                    "--code-ttl" => config.rules.code_ttl = duration(true)?,
                    "--resend-cooldown" => config.rules.resend_cooldown = duration(false)?,
                    "--ticket-ttl" => config.rules.ticket_ttl = duration(true)?,
                    "--max-attempts" => config.rules.max_attempts = whole(&value, true)?,
                    "--daily-limit" => config.rules.daily_limit = whole(&value, true)?,
                    "--account-daily-limit" => config.rules.account_daily_limit = whole(&value, true)?,
                    "--session-idle" => config.rules.session_idle = duration(true)?,
                    "--session-lifetime" => config.rules.session_lifetime = duration(true)?,
                    "--password-lockout" => config.rules.password_lockout = duration(true)?,
                    "--pending-contact-ttl" => config.rules.pending_contact_ttl = duration(true)?,
                    "--notice-window" => config.rules.notice_window = duration(false)?,
                    "--cooling-off" => config.rules.cooling_off = duration(false)?,
                    "--cooling-off-all" => config.rules.cooling_off_all = duration(false)?,
                    "--revert-window" => config.rules.revert_window = duration(true)?,
                    "--hold" => config.rules.hold = duration(true)?,
                    "--notice-client-limit" => config.rules.notice_client_limit = whole(&value, true)?,
                    "--public-origin" => origin = Some(value.trim_end_matches('/').to_string()),
                    _ => return Err(format!("unknown option\n\n{USAGE}")),
                }
                Ok(())
            })();
            set.map_err(invalid)?;
        }
        let origin = origin.unwrap_or_else(|| format!("http://{}:{}", config.host, config.port));
        config.rules.notice_url = format!("{origin}{}/notice", config.base_path);
        Ok(config)
    }

    /// Whether this configuration may listen on its `--host`: the dev helpers hand out
    /// sessions and codes to anyone who can reach them, so only on a loopback address.
    pub fn check_exposure(&self) -> Result<(), String> {
        if !self.dev_helpers || is_loopback(&self.host) {
            return Ok(());
        }
        Err(format!(
            "dev-api: refusing to listen on {host}: the dev helpers (/__dev: sign-in without a password, \
             every code in the outbox) answer only on a loopback address.\n\
             Use --host 127.0.0.1, or add --no-dev-helpers to serve on {host} without them.",
            host = self.host
        ))
    }

    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-ac_session"
        } else {
            "ac_session"
        }
    }

    pub fn csrf_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-csrf_token"
        } else {
            "csrf_token"
        }
    }
}

/// `127.0.0.1`, `::1`, `localhost` and the rest of 127.0.0.0/8.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert!(parse_duration("2 weeks").is_err());
    }

    #[test]
    fn flags() {
        let args = ["--resend-cooldown", "2s", "--port", "9000", "--quiet"].map(String::from);
        let config = Config::from_args(args).unwrap();
        assert_eq!(config.rules.resend_cooldown, Duration::from_secs(2));
        assert_eq!(config.port, 9000);
        assert!(!config.print_messages);
        assert!(Config::from_args(["--nope".to_string(), "1".into()]).is_err());
    }

    #[test]
    fn values_out_of_range_are_refused_not_cut_to_fit() {
        let refused = |args: &[&str]| Config::from_args(args.iter().map(|a| a.to_string())).err();
        for args in [
            &["--port", "70000"][..],
            &["--port", "-1"],
            &["--max-attempts", "4294967297"],
            &["--max-attempts", "0"],
            &["--daily-limit", "0"],
            &["--code-ttl", "0"],
            &["--session-lifetime", "0s"],
            &["--ticket-ttl", "99999999999999999h"],
        ] {
            let message = refused(args).unwrap_or_else(|| panic!("{args:?} was taken")).to_string();
            assert!(message.contains(args[0]), "{args:?}: {message}");
        }
        assert!(refused(&["--resend-cooldown", "0"]).is_none(), "no wait between codes is a setting");
    }

    #[test]
    fn dev_helpers_only_on_loopback() {
        let on = |args: &[&str]| Config::from_args(args.iter().map(|a| a.to_string())).unwrap().check_exposure();
        assert!(on(&[]).is_ok());
        assert!(on(&["--host", "localhost"]).is_ok());
        assert!(on(&["--host", "::1"]).is_ok());
        assert!(on(&["--host", "127.0.0.2"]).is_ok());
        let refused = on(&["--host", "0.0.0.0"]).unwrap_err();
        assert!(refused.contains("--no-dev-helpers"), "{refused}");
        assert!(on(&["--host", "192.168.1.10"]).is_err());
        assert!(on(&["--host", "0.0.0.0", "--no-dev-helpers"]).is_ok());
    }
}
