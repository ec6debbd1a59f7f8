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
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from the civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let minutes = days * 1440 + hour * 60 + minute - offset_minutes;
    Some(((minutes * 60 + whole) * 1000 + millis) as f64)
}

/// Whole seconds left until `deadline_ms`, rounded up; 0 once it has passed.
pub fn seconds_left(deadline_ms: f64, now_ms: f64) -> u64 {
    let left = (deadline_ms - now_ms) / 1000.0;
    if left <= 0.0 { 0 } else { left.ceil() as u64 }
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
