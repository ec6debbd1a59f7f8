//! Message catalogues and lookup. Every user-facing string is a [`Key`]; each catalogue is
//! an exhaustive `match`, so a key missing from either language does not compile.

mod dates;
mod en;
mod zh_cn;
mod zh_hant;

pub use dates::LocalTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
    ZhHant,
}

impl Locale {
    /// Every language the app has: the one list, which the shell's declaration, the
    /// standalone page and the test tables are checked against.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhCn, Locale::ZhHant];

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

    /// Other tags a shell may pass for this language (the declaration lists them).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Locale::En => &[],
            Locale::ZhCn => &[],
            Locale::ZhHant => &["zh-TW", "zh-HK", "zh-MO"],
        }
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "简体中文",
            Locale::ZhHant => "繁體中文",
        }
    }

    /// The tags of every language, for a message: "en, zh-CN and zh-Hant".
    pub fn list() -> String {
        let mut list = String::new();
        for (i, locale) in Locale::ALL.iter().enumerate() {
            list.push_str(match i {
                0 => "",
                i if i + 1 == Locale::ALL.len() => " and ",
                _ => ", ",
            });
            list.push_str(locale.tag());
        }
        list
    }

    /// The other language whose region names the region picker also matches (people type
    /// names in English, or in Chinese).
    pub fn search_also(self) -> Locale {
        match self {
            Locale::En => Locale::ZhCn,
            Locale::ZhCn | Locale::ZhHant => Locale::En,
        }
    }

    pub fn text(self, key: Key) -> &'static str {
        match self {
            Locale::En => en::text(key),
            Locale::ZhCn => zh_cn::text(key),
            Locale::ZhHant => zh_hant::text(key),
        }
    }

    /// Two sentences as one message: a space between them in English, none in Chinese; one
    /// of them empty, the other alone.
    pub fn sentences(self, first: &str, second: &str) -> String {
        match (first.is_empty(), second.is_empty()) {
            (_, true) => first.to_string(),
            (true, false) => second.to_string(),
            (false, false) => format!("{first}{}{second}", self.gap()),
        }
    }

    /// Items of a list in running text: `a, b` in English, `a、b` in Chinese.
    pub fn join(self, items: &[&str]) -> String {
        items.join(match self {
            Locale::En => ", ",
            Locale::ZhCn | Locale::ZhHant => "、",
        })
    }

    /// What goes between parts of a text built from them ("Recovery mobile number" "changed"):
    /// a space in English, none in Chinese (密保手机已修改).
    pub fn gap(self) -> &'static str {
        match self {
            Locale::En => " ",
            Locale::ZhCn | Locale::ZhHant => "",
        }
    }

    /// The name the product gives a region where the browser's differs.
    pub fn own_region_name(self, iso: &str) -> Option<&'static str> {
        let [en, zh_cn, zh_hant] = match iso {
            "CN" => ["China mainland", "中国大陆", "中國大陸"],
            "HK" => ["Hong Kong (China)", "中国香港", "中國香港"],
            "MO" => ["Macao (China)", "中国澳门", "中國澳門"],
            "TW" => ["Taiwan (China)", "中国台湾", "中國台灣"],
            _ => return None,
        };
        Some(match self {
            Locale::En => en,
            Locale::ZhCn => zh_cn,
            Locale::ZhHant => zh_hant,
        })
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
    EventNotified, EventRequested, EventCancelled, EventExpired, EventReference, EventByCode, EventByPassword,
    EventCommitted, EventUndone, EventSecured, EventKept, EventAccount, HoldBanner, WhatHappened,
    ErrSecurityHold, ErrChangePending,
    NoticesSent,
    // the safety net: cooling-off, changes that can be undone, the hold, the notice page
    SavedCoolingOff,
    // a new contact value waiting for its code
    PendingLine, PendingLineFirst, PendingGone, Resend, ResendMobile, ResendEmail, CancelMobile, CancelEmail,
    CancelledMobile, CancelledEmail,
    // signing out other sessions after a security change
    SignOutOthers, SignOutOthersHint, OtherSessionsEnded, OtherSessionsNotEnded,
    // the account's sessions
    SessionsTitle, SessionsIntro, ThisDevice, SessionOn, UnknownBrowser, UnknownLocation, SessionTimes, SignOut,
    SignOutSession, SessionSignedOut, NoOtherSessions, VerifyToSignOut,
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
    EmailEmpty, EmailMissingAt, EmailBadLocalPart, EmailBadDomain, EmailTooLong, EmailHiddenCharacter, EmailLookAlike,
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

    /// Whether a language is written in Chinese characters.
    fn han(locale: Locale) -> bool {
        match locale {
            Locale::En => false,
            Locale::ZhCn | Locale::ZhHant => true,
        }
    }

    #[test]
    fn every_key_has_text_in_every_language() {
        // Characters of Simplified Chinese whose Traditional form differs, as these texts use them.
        const SIMPLIFIED_ONLY: &str = "号设证录页码这个时为与选绑邮联网请无过后变认账验确关载错输络该务资讯击钟";
        for &key in Key::ALL {
            let en = Locale::En.text(key);
            for locale in Locale::ALL {
                let text = locale.text(key);
                assert!(!text.trim().is_empty(), "{key:?} is empty in {locale:?}");
                if locale != Locale::En {
                    assert_ne!(en, text, "{key:?} is not translated into {locale:?}");
                }
                if han(locale) {
                    assert!(
                        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                        "{key:?} has no Chinese text: {text}"
                    );
                }
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
            for other in Locale::ALL {
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
    fn lists_in_each_language() {
        assert_eq!(Locale::En.join(&["a***@example.com", "+86 138****0001"]), "a***@example.com, +86 138****0001");
        assert_eq!(Locale::ZhCn.join(&["a***@example.com", "+86 138****0001"]), "a***@example.com、+86 138****0001");
        assert_eq!(Locale::ZhHant.join(&["x"]), "x");
    }

    #[test]
    fn the_product_names_four_regions_itself() {
        assert_eq!(Locale::ZhCn.own_region_name("HK"), Some("中国香港"));
        assert_eq!(Locale::ZhHant.own_region_name("HK"), Some("中國香港"));
        assert_eq!(Locale::En.own_region_name("CN"), Some("China mainland"));
        assert_eq!(Locale::En.own_region_name("GB"), None);
    }

    /// The quoted strings of `text` between `start` and the first `end` after it.
    fn quoted<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
        let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
        let to = from + text[from..].find(end).unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
        text[from..to].split('\'').skip(1).step_by(2).collect()
    }

    #[test]
    fn the_one_list_of_locales_is_the_one_shells_pages_and_tests_see() {
        let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
        let mut declared = tags.clone();
        declared.extend(Locale::ALL.iter().flat_map(|l| l.aliases().iter().copied()));
        let dts = include_str!("../../public/account-console.d.ts");
        assert_eq!(quoted(dts, "locale?:", ";"), declared, "public/account-console.d.ts: `locale`");
        for locale in Locale::ALL {
            for tag in std::iter::once(locale.tag()).chain(locale.aliases().iter().copied()) {
                assert_eq!(Locale::from_tag(tag), Some(locale), "{tag}");
            }
        }
        let html = include_str!("../../index.html");
        let options: Vec<String> = html
            .split("<option ")
            .skip(1)
            .map(|option| option.split("</option>").next().unwrap().to_string())
            .collect();
        let expected: Vec<String> =
            Locale::ALL.iter().map(|l| format!(r#"value="{0}" lang="{0}">{1}"#, l.tag(), l.name())).collect();
        assert_eq!(options, expected, "index.html: the language picker");
        let page = include_str!("../../public/standalone.js");
        let shell_text: Vec<&str> = page
            .split("const SHELL_TEXT = {")
            .nth(1)
            .unwrap()
            .split("\n};")
            .next()
            .unwrap()
            .lines()
            .filter_map(|line| line.trim().split(':').next().filter(|k| !k.is_empty()))
            .map(|key| key.trim_matches('\''))
            .collect();
        assert_eq!(shell_text, tags, "public/standalone.js: SHELL_TEXT");
        let tests = include_str!("../../tests/e2e/support/locales.mjs");
        let listed: Vec<&str> = tests.lines().filter_map(|l| l.split("tag: '").nth(1)?.split('\'').next()).collect();
        assert_eq!(listed, tags, "tests/e2e/support/locales.mjs");
        assert_eq!(Locale::list(), "en, zh-CN and zh-Hant");
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
