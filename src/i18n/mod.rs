//! Message catalogues and lookup. Every user-facing string is a [`Key`]; each catalogue is
//! an exhaustive `match`, so a key missing from either language does not compile.
//!
//! The tables are written out by a unit test, which fails while a file differs from its
//! table: English as `en.txt`, a text a line, which the wasm carries as one string (smaller
//! than a `match` of pointers); the Chinese catalogues as `i18n/<tag>.json`, not part of the
//! wasm but shipped beside the build and given to `mount` by the shell in the language it
//! shows ([`catalogue`]). Native code and its tests read the tables directly.

#[cfg(target_arch = "wasm32")]
pub mod catalogue;
mod dates;
#[cfg(not(target_arch = "wasm32"))]
mod en;
#[cfg(not(target_arch = "wasm32"))]
mod zh_cn;
#[cfg(not(target_arch = "wasm32"))]
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
            #[cfg(not(target_arch = "wasm32"))]
            Locale::En => en::text(key),
            #[cfg(not(target_arch = "wasm32"))]
            Locale::ZhCn => zh_cn::text(key),
            #[cfg(not(target_arch = "wasm32"))]
            Locale::ZhHant => zh_hant::text(key),
            // `mount` shows English where a catalogue was not given, so this finds one.
            #[cfg(target_arch = "wasm32")]
            other => catalogue::text(other, key),
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

    /// An action's accessible name with what it acts on: "Cancel change: Recovery email
    /// address", "取消变更：密保邮箱".
    pub fn action_on(self, action: Key, field: Key) -> String {
        let colon = match self {
            Locale::En => ": ",
            Locale::ZhCn | Locale::ZhHant => "：",
        };
        format!("{}{colon}{}", self.text(action), self.text(field))
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

/// FNV-1a of the names, each followed by a space.
const fn fingerprint(names: &[&str]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < names.len() {
        let bytes = names[i].as_bytes();
        let mut j = 0;
        while j <= bytes.len() {
            let byte = if j < bytes.len() { bytes[j] } else { b' ' };
            hash = (hash ^ byte as u32).wrapping_mul(0x0100_0193);
            j += 1;
        }
        i += 1;
    }
    hash
}

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// A user-facing message.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            #[cfg(test)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
            /// How many keys there are: the length of a catalogue's `text`.
            pub const COUNT: usize = [$(stringify!($key)),*].len();
            /// A catalogue's `keys`: of the keys' names in order, so that a catalogue written
            /// for another set of keys is told apart from this build's.
            pub const FINGERPRINT: u32 = fingerprint(&[$(stringify!($key)),*]);
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
    SavedCoolingOff, CancelChange, UndoableBy, ChangeCancelled,
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
mod tests;
