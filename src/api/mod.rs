//! The only code that knows HTTP: one request function, typed errors, typed endpoints.

pub mod error;
pub mod reconcile;

#[cfg(target_arch = "wasm32")]
mod body;
#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
pub use client::Api;

pub use error::ApiError;

/// The value of cookie `name` in a `document.cookie` string. Served over HTTPS the cookie
/// carries the `__Host-` prefix; when that form exists only it is read, since a plain cookie
/// of the same name may have been planted by a sibling subdomain.
pub(crate) fn pick_cookie<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    let pairs = || cookies.split(';').filter_map(|pair| pair.trim().split_once('='));
    let host_only = pairs().find(|(k, _)| k.strip_prefix("__Host-") == Some(name));
    host_only.or_else(|| pairs().find(|(k, _)| *k == name)).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::pick_cookie;

    #[test]
    fn the_host_only_csrf_cookie_wins_over_a_planted_one() {
        assert_eq!(pick_cookie("a=1; csrf_token=plain", "csrf_token"), Some("plain"));
        assert_eq!(pick_cookie("csrf_token=planted; __Host-csrf_token=real", "csrf_token"), Some("real"));
        assert_eq!(pick_cookie("__Host-csrf_token=real; csrf_token=planted", "csrf_token"), Some("real"));
        assert_eq!(pick_cookie("xcsrf_token=1", "csrf_token"), None);
    }
}
