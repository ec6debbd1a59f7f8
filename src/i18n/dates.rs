//! Dates and times as each language writes them.

use super::Locale;

/// A moment as the user's clock and calendar show it (their time zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

impl Locale {
    /// A date as this language writes it in a medium style ("Mar 5, 2024", "2024年3月5日"),
    /// with the time in a short style after it when `with_time`. Written here, not by
    /// `Intl`: a browser's first `Intl` date format loads its locale data on the main thread,
    /// tens of milliseconds in the middle of a page's first render.
    pub fn format_date(self, time: LocalTime, with_time: bool) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let LocalTime { year, month, day, .. } = time;
        let (date, between) = match self {
            Locale::En => (format!("{} {day}, {year}", MONTHS[usize::from(month.clamp(1, 12) - 1)]), ", "),
            Locale::ZhCn | Locale::ZhHant => (format!("{year}年{month}月{day}日"), " "),
        };
        match with_time {
            true => format!("{date}{between}{}", self.format_time(time)),
            false => date,
        }
    }

    /// The time of day in a short style ("3:04 PM", "15:04").
    fn format_time(self, time: LocalTime) -> String {
        let LocalTime { hour, minute, .. } = time;
        match self {
            Locale::En => {
                let (hour12, half) = match hour {
                    0 => (12, "AM"),
                    1..=11 => (hour, "AM"),
                    12 => (12, "PM"),
                    _ => (hour - 12, "PM"),
                };
                // A no-break space keeps "PM" with its time.
                format!("{hour12}:{minute:02}\u{a0}{half}")
            }
            Locale::ZhCn | Locale::ZhHant => format!("{hour:02}:{minute:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let at = |hour, minute| LocalTime { year: 2024, month: 3, day: 5, hour, minute };
        assert_eq!(Locale::En.format_date(at(15, 4), false), "Mar 5, 2024");
        assert_eq!(Locale::En.format_date(at(15, 4), true), "Mar 5, 2024, 3:04\u{a0}PM");
        assert_eq!(Locale::En.format_date(at(0, 5), true), "Mar 5, 2024, 12:05\u{a0}AM");
        assert_eq!(Locale::En.format_date(at(12, 0), true), "Mar 5, 2024, 12:00\u{a0}PM");
        assert_eq!(Locale::En.format_date(at(11, 59), true), "Mar 5, 2024, 11:59\u{a0}AM");
        let december = LocalTime { year: 2025, month: 12, day: 31, hour: 9, minute: 30 };
        assert_eq!(Locale::En.format_date(december, false), "Dec 31, 2025");
        assert_eq!(Locale::ZhCn.format_date(at(15, 4), false), "2024年3月5日");
        assert_eq!(Locale::ZhCn.format_date(at(9, 4), true), "2024年3月5日 09:04");
        assert_eq!(Locale::ZhHant.format_date(at(9, 4), true), "2024年3月5日 09:04");
        assert_eq!(Locale::En.format_time(at(14, 32)), "2:32\u{a0}PM");
        assert_eq!(Locale::ZhCn.format_time(at(14, 32)), "14:32");
    }
}
