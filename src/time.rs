//! Server-driven clocks: every countdown is a deadline from the backend (`resend_at`,
//! `expires_at`, `Retry-After`) compared with the current time, never a timer of our own.

/// Parses an RFC 3339 UTC time (`2026-11-27T05:43:15.363Z`) into Unix milliseconds.
pub fn parse_rfc3339_ms(text: &str) -> Option<f64> {
    let text = text.trim();
    let (date, time) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: i64 = date_parts.next()?.parse().ok()?;
    let day: i64 = date_parts.next()?.parse().ok()?;
    let (time, offset_minutes) = if let Some(t) = time.strip_suffix('Z') {
        (t, 0)
    } else {
        let sign_at = time.rfind(['+', '-'])?;
        let (t, offset) = time.split_at(sign_at);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = offset[1..].split_once(':')?;
        (t, sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?))
    };
    let mut time_parts = time.split(':');
    let hour: i64 = time_parts.next()?.parse().ok()?;
    let minute: i64 = time_parts.next()?.parse().ok()?;
    // Integer parsing only: float parsing would add kilobytes to the build.
    let seconds_text = time_parts.next().unwrap_or("0");
    let (whole, fraction) = seconds_text.split_once('.').unwrap_or((seconds_text, ""));
    let whole: i64 = whole.parse().ok()?;
    let millis: i64 = format!("{fraction:0<3}").get(..3)?.parse().ok()?;
    let minutes = days_from_civil(year, month, day)? * 1440 + hour * 60 + minute - offset_minutes;
    Some(((minutes * 60 + whole) * 1000 + millis) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date, after Howard Hinnant's algorithm.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Parses an HTTP date (`Fri, 27 Nov 2026 05:43:15 GMT`, the `Date` and `Retry-After`
/// format) into Unix milliseconds.
pub fn parse_http_date_ms(text: &str) -> Option<f64> {
    let mut parts = text.split_whitespace().skip(1);
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month_name))? as i64
        + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut time = parts.next()?.split(':').map(|n| n.parse::<i64>().ok());
    let (hour, minute, second) = (time.next()??, time.next()??, time.next()??);
    if parts.next() != Some("GMT") {
        return None;
    }
    Some((((days_from_civil(year, month, day)? * 24 + hour) * 60 + minute) * 60 + second) as f64 * 1000.0)
}

/// Seconds to wait from a `Retry-After` header: delay-seconds, or an HTTP date compared
/// with the server's own clock (`server_now_ms`). Never negative.
pub fn retry_after_seconds(header: &str, server_now_ms: f64) -> Option<u64> {
    let header = header.trim();
    if let Ok(seconds) = header.parse::<u64>() {
        return Some(seconds);
    }
    parse_http_date_ms(header).map(|at| seconds_left(at, server_now_ms))
}

/// The server's clock, learnt from the `Date` of the answers the app waited for (not one a
/// shell received before the app could look): `now` plus the offset.
/// Countdowns compare the server's deadlines with this, so a browser clock that is minutes
/// off changes nothing the user sees.
#[derive(Clone, Debug, Default)]
pub struct ServerClock {
    offset_ms: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl ServerClock {
    /// Takes the offset from an answer's `Date` header, received at `local_now_ms`.
    pub fn observe(&self, date_header: &str, local_now_ms: f64) {
        if let Some(second) = parse_http_date_ms(date_header) {
            // The header names the whole second the answer left in: the middle of it is the
            // best guess, and the offset is kept within that precision (a clock that is
            // right is not corrected by the second the header leaves out).
            let offset = second + 500.0 - local_now_ms;
            let current = self.offset_ms.load(std::sync::atomic::Ordering::Relaxed) as f64;
            if (offset - current).abs() >= 1000.0 {
                self.offset_ms.store(offset as i64, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// The server's time now, in Unix milliseconds, from the local `local_now_ms`.
    pub fn now(&self, local_now_ms: f64) -> f64 {
        local_now_ms + self.offset_ms.load(std::sync::atomic::Ordering::Relaxed) as f64
    }
}

/// Whole seconds left until `deadline_ms`, rounded up; 0 once it has passed.
pub fn seconds_left(deadline_ms: f64, now_ms: f64) -> u64 {
    let left = (deadline_ms - now_ms) / 1000.0;
    if left <= 0.0 {
        0
    } else {
        left.ceil() as u64
    }
}

/// `552` → `9:12`.
pub fn format_clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_utc_and_offsets() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:01.500Z"), Some(1500.0));
        assert_eq!(parse_rfc3339_ms("2026-11-27T05:43:15.363Z"), Some(1_795_758_195_363.0));
        assert_eq!(parse_rfc3339_ms("2026-11-27T13:43:15.363+08:00"), Some(1_795_758_195_363.0));
        assert_eq!(parse_rfc3339_ms("2000-02-29T00:00:00Z"), Some(951_782_400_000.0));
        assert_eq!(parse_rfc3339_ms("yesterday"), None);
    }

    #[test]
    fn parses_http_dates() {
        assert_eq!(parse_http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date_ms("Fri, 27 Nov 2026 05:43:15 GMT"), Some(1_795_758_195_000.0));
        assert_eq!(parse_http_date_ms("Fri, 27 Nov 2026 05:43:15"), None);
        assert_eq!(parse_http_date_ms("Fri, 27 Foo 2026 05:43:15 GMT"), None);
        assert_eq!(parse_http_date_ms("soon"), None);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = parse_http_date_ms("Fri, 27 Nov 2026 05:43:15 GMT").unwrap();
        assert_eq!(retry_after_seconds("42", now), Some(42));
        assert_eq!(retry_after_seconds(" 0 ", now), Some(0));
        assert_eq!(retry_after_seconds("Fri, 27 Nov 2026 05:44:00 GMT", now), Some(45));
        assert_eq!(retry_after_seconds("Fri, 27 Nov 2026 05:40:00 GMT", now), Some(0), "a date in the past: no wait");
        assert_eq!(retry_after_seconds("-5", now), None);
        assert_eq!(retry_after_seconds("later", now), None);
    }

    #[test]
    fn the_server_clock_follows_the_date_header() {
        let clock = ServerClock::default();
        let server = parse_http_date_ms("Fri, 27 Nov 2026 05:43:15 GMT").unwrap();
        assert_eq!(clock.now(1000.0), 1000.0, "before any answer: the local clock");
        // A browser clock 11 minutes fast.
        let local = server + 11.0 * 60_000.0;
        clock.observe("Fri, 27 Nov 2026 05:43:15 GMT", local);
        let middle = server + 500.0;
        assert_eq!(clock.now(local), middle, "the middle of the header's second");
        assert_eq!(seconds_left(server + 600_000.0, clock.now(local + 1000.0)), 599);
        // Sub-second jitter of later answers does not move it.
        clock.observe("Fri, 27 Nov 2026 05:43:16 GMT", local + 1500.0);
        assert_eq!(clock.now(local), middle);
        clock.observe("not a date", local);
        assert_eq!(clock.now(local), middle);
    }

    #[test]
    fn a_browser_clock_in_time_stays_as_it_is() {
        // The header says 05:43:15 for anything up to 05:43:15.999; this answer left the
        // server at 05:43:15.950 and arrived 100 ms later, by a browser clock that is right.
        let clock = ServerClock::default();
        let header = "Fri, 27 Nov 2026 05:43:15 GMT";
        let local = parse_http_date_ms(header).unwrap() + 1050.0;
        clock.observe(header, local);
        assert_eq!(clock.now(local), local, "no correction for a clock that needs none");
        // A code sent then with a 60 s cooldown never shows more than 60 s.
        assert_eq!(seconds_left(local - 100.0 + 60_000.0, clock.now(local)), 60);
    }

    #[test]
    fn countdowns_round_up_and_stop_at_zero() {
        assert_eq!(seconds_left(60_000.0, 0.0), 60);
        assert_eq!(seconds_left(60_000.0, 100.0), 60);
        assert_eq!(seconds_left(60_000.0, 59_001.0), 1);
        assert_eq!(seconds_left(60_000.0, 60_000.0), 0);
        assert_eq!(seconds_left(60_000.0, 90_000.0), 0);
        assert_eq!(format_clock(552), "9:12");
        assert_eq!(format_clock(59), "0:59");
    }
}
