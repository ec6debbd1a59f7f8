//! Message catalogues and lookup. Every user-facing string is a [`Key`]; each catalogue is
//! an exhaustive `match`, so a key missing from either language does not compile.

mod en;
mod zh_cn;
mod zh_hant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
    ZhHant,
}

impl Locale {
    /// Reads a BCP 47 tag: Chinese in Traditional script (`zh-Hant`, or Taiwan, Hong Kong and
    /// Macao without a script) gives Traditional Chinese, other Chinese Simplified, English
    /// English; any other language none.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        match subtags.next() {
            Some("en") => Some(Locale::En),
            Some("zh") => {
                let rest: Vec<&str> = subtags.collect();
                let traditional = match (rest.contains(&"hant"), rest.contains(&"hans")) {
                    (true, _) => true,
                    (false, true) => false,
                    _ => rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")),
                };
                Some(if traditional { Locale::ZhHant } else { Locale::ZhCn })
            }
            _ => None,
        }
    }

    /// The tag for `lang` attributes and date formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
            Locale::ZhHant => "zh-Hant",
        }
    }

    pub fn text(self, key: Key) -> &'static str {
        match self {
            Locale::En => en::text(key),
            Locale::ZhCn => zh_cn::text(key),
            Locale::ZhHant => zh_hant::text(key),
        }
    }

    /// Two sentences as one message: a space between them in English, none in Chinese.
    pub fn sentences(self, first: &str, second: &str) -> String {
        format!("{first}{}{second}", self.gap())
    }

    /// What goes between parts of a text built from them ("Recovery mobile number" "changed"):
    /// a space in English, none in Chinese (密保手机已修改).
    pub fn gap(self) -> &'static str {
        match self {
            Locale::En => " ",
            Locale::ZhCn | Locale::ZhHant => "",
        }
    }

    /// A message with `{name}` placeholders filled in.
    pub fn format(self, key: Key, args: &[(&str, &str)]) -> String {
        let mut text = self.text(key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

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

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// A user-facing message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    // navigation and pages
    NavLabel, AccountInformation, UserDetails, SecuritySettings,
    AccountInformationIntro, UserDetailsIntro, SecuritySettingsIntro,
    // basic information
    BasicInformation, AccountId, DisplayName, AccountType, AccountTypeIndividual,
    AccountTypeEnterprise, IdentityVerification, IdentityVerified, IdentityUnverified,
    IdentityPending, RegisteredOn,
    // login methods
    LoginMethods, LoginEmail, LoginEmailHelp, NotBound, Bind, Edit,
    BindLoginEmail, EditLoginEmail,
    // contact
    ContactInformation, ContactMobile, ContactEmail, ContactMobileHelp, ContactEmailHelp,
    Verified, Unverified, EditContactMobile, EditContactEmail, BindContactMobile, BindContactEmail,
    // recovery
    RecoveryInformation, RecoveryMobile, RecoveryEmail, RecoveryMobileHelp, RecoveryEmailHelp,
    EditRecoveryMobile, EditRecoveryEmail, BindRecoveryMobile, BindRecoveryEmail, ManageInSecuritySettings,
    NoRecoveryTitle, NoRecoveryBody,
    // same-as-recovery advice
    AdviceTitle, AdviceBody, AdviceMobileDiffers, AdviceEmailDiffers, AdviceNoContactMobile, AdviceNoContactEmail,
    UseRecoveryMobileAsContact, UseRecoveryEmailAsContact, CopiedMobile, CopiedEmail, Dismiss,
    // states
    Loading, LoadFailed, Retry, SessionExpiredTitle, SessionExpiredBody, SignIn,
    NotFoundTitle, NotFoundBody, BackToAccountInformation,
    // recent changes
    RecentChanges, RecentChangesEmpty, EventChanged, EventBound, EventVerified, EventUpdated, EventOtherSetting,
    EventNotified,
    // signing out other sessions after a security change
    SignOutOthers, SignOutOthersHint, OtherSessionsEnded, OtherSessionsNotEnded,
    // backend errors
    ErrUnauthenticated, ErrCsrfFailed, ErrIdentityRequired, ErrInvalidPassword, ErrInvalidPasswordNoCount,
    ErrPasswordLocked, ErrInvalidCode, ErrInvalidCodeNoCount,
    ErrInvalidCodeFormat, ErrCodeExpired, ErrTooManyAttempts, ErrChallengeNotFound,
    ErrResendTooSoon, ErrDailyLimitReached, ErrRateLimited, ErrInvalidPhone, ErrInvalidEmail, ErrSameAsCurrent,
    ErrSameContactMobile, ErrSameContactEmail, ErrSameRecoveryMobile, ErrSameRecoveryEmail, ErrSameLoginEmail, ErrPasswordLockedNoCode,
    ErrAlreadyBound, ErrAlreadyVerified, ErrNoRecoveryValue, ErrMethodUnavailable, ErrNotFound,
    ErrInvalidRequest, ErrNetwork, ErrTimeout, ErrServer, ErrDecode, ErrUnexpected,
    // the last line of defence
    CrashedTitle, CrashedBody, Reload,
    // dialogs and verification
    Cancel, Ok, CloseDialog, NewMobileNumber, NewEmailAddress, CurrentValue, CountryRegion, CountryRegionHint, UnknownRegion, NoRegionMatches, VerifyIdentityTitle, VerifyIdentityIntro, VerifyIdentityFirst, ReceiveCodeBy, CantReceive, CantUsePassword, TryAnotherWay, UseMethodSms, UseMethodEmail, UseMethodPassword, AppealLink, MethodSms, MethodEmail, MethodPassword, PasswordLabel, PasswordEmpty, SendCode, ResendIn, ResendCode, CodeLabel, CodeHint, CodeHintAuto, CodeSentTo, CodeExpiresIn, CodeExpiredNow, Verify, Saving, IdentityVerifiedSaving, ContactMobileChanged, ContactEmailChanged, ContactMobileBound, ContactEmailBound, UnverifiedTitle, UnverifiedMobile, UnverifiedEmail, VerifyNow, VerifyNowMobile, VerifyNowEmail, VerifyContactMobile, VerifyContactEmail, VerifyContactIntro, ContactMobileVerified, ContactEmailVerified, NoIdentityMethod,
    StepOf, ChangeRecoveryMobile, ChangeRecoveryEmail, ChangeLoginEmail, NewValueIntro, RecoveryMobileChanged, RecoveryMobileBound, RecoveryEmailChanged, RecoveryEmailBound, LoginEmailChanged, LoginEmailBound,
    // client-side validation
    PhoneEmpty, PhoneBadCharacters, PhoneUnknownCountryCode, PhoneWrongLength, PhoneNotMobile,
    EmailEmpty, EmailMissingAt, EmailBadLocalPart, EmailBadDomain, EmailTooLong, EmailHiddenCharacter,
    CodeEmpty, CodeNotDigits, CodeWrongLength,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<String> {
        let mut names: Vec<String> =
            text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect();
        names.sort();
        names
    }

    #[test]
    fn every_key_has_text_in_every_language() {
        // Characters of Simplified Chinese whose Traditional form differs, as these texts use them.
        const SIMPLIFIED_ONLY: &str = "号设证录页码这个时为与选绑邮联网请无过后变认账验确关载错输络该务资讯击钟";
        for &key in Key::ALL {
            let en = Locale::En.text(key);
            assert!(!en.trim().is_empty(), "{key:?} is empty in English");
            for chinese in [Locale::ZhCn, Locale::ZhHant] {
                let zh = chinese.text(key);
                assert!(!zh.trim().is_empty(), "{key:?} is empty in {chinese:?}");
                assert_ne!(en, zh, "{key:?} is not translated into {chinese:?}");
                assert!(
                    zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{key:?} has no Chinese text: {zh}"
                );
            }
            let traditional = Locale::ZhHant.text(key);
            assert!(
                !traditional.chars().any(|c| SIMPLIFIED_ONLY.contains(c)),
                "{key:?} has Simplified characters: {traditional}"
            );
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        for &key in Key::ALL {
            for other in [Locale::ZhCn, Locale::ZhHant] {
                assert_eq!(
                    placeholders(Locale::En.text(key)),
                    placeholders(other.text(key)),
                    "{key:?} has different placeholders in {other:?}"
                );
            }
        }
    }

    #[test]
    fn formats_placeholders() {
        let text = Locale::En.format(Key::ErrInvalidCode, &[("n", "3")]);
        assert!(text.contains('3') && !text.contains("{n}"), "{text}");
    }

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

    #[test]
    fn locale_tags() {
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("zh_Hans"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::ZhCn.tag(), "zh-CN");
        for traditional in ["zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-Hant-CN", "zh_hant_hk", "ZH-tw"] {
            assert_eq!(Locale::from_tag(traditional), Some(Locale::ZhHant), "{traditional}");
        }
        for simplified in ["zh", "zh-Hans-HK", "zh-SG", "zh-Hans-TW", "cmn"] {
            let expected = if simplified == "cmn" { None } else { Some(Locale::ZhCn) };
            assert_eq!(Locale::from_tag(simplified), expected, "{simplified}");
        }
        assert_eq!(Locale::ZhHant.tag(), "zh-Hant");
    }
}
