//! What a notice and a code message say, in English, Simplified and Traditional Chinese:
//! the one place their words are written. A notice says why this address got it, what
//! changed (masked, never an address in full), when (with its zone), how it was authorised,
//! where the change stands, what to do if it was not you, that we never ask for a password
//! or a code, and how to appeal with its reference. An info-only notice leaves out what to
//! do and the warning. No notice holds a code or a password.

use chrono::{DateTime, Datelike, Timelike, Utc};
use contract::AccountField;

/// The languages dev-api writes notices and code messages in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
    ZhHant,
}

impl Lang {
    /// As in `Accept-Language` and the outbox's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// The most preferred language of an `Accept-Language` header that dev-api writes in;
    /// English when it names none. Chinese in Traditional script (`zh-Hant`, Taiwan, Hong
    /// Kong, Macao) is Traditional Chinese, other Chinese Simplified.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut ranges: Vec<(f32, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, range)| {
                let mut parts = range.split(';');
                let tag = parts.next()?.trim();
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0 && !tag.is_empty()).then_some((q, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, tag)| Lang::of_tag(tag)).unwrap_or_default()
    }

    fn of_tag(tag: &str) -> Option<Lang> {
        let lower = tag.to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        match subtags.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = subtags.collect();
                let traditional = rest.contains(&"hant")
                    || (!rest.contains(&"hans") && rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")));
                Some(if traditional { Lang::ZhHant } else { Lang::ZhCn })
            }
            _ => None,
        }
    }
}

/// What happened, as a notice tells it (every address masked).
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// `field` went from `old` to `new`.
    Changed { field: AccountField, old: String, new: String },
    /// `field` got its first value, `new`.
    Bound { field: AccountField, new: String },
    /// Identity by password is paused until then, after too many wrong passwords.
    PasswordPaused { until: DateTime<Utc> },
    /// This many other sessions of the account were signed out.
    SessionsEnded { ended: u64 },
    /// The account asked for this many identity codes within a day.
    ManyCodes { count: usize },
    /// `field` went back from `from` to `to`: a change undone from a notice.
    Undone { field: AccountField, from: String, to: String },
    /// Every session signed out, security changes held until then.
    Secured { until: DateTime<Utc> },
}

/// Where a change stands, as a notice says it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum State {
    InEffect,
    /// It waits, and takes effect then unless it is cancelled.
    TakesEffect(DateTime<Utc>),
    /// In effect; its previous holder may undo it until then.
    UndoableUntil(DateTime<Utc>),
}

/// How a change was authorised, as a notice tells it.
#[derive(Clone, Debug, PartialEq)]
pub enum How {
    /// With a code sent to this address (masked).
    Code(String),
    /// With the sign-in password.
    Password,
    /// With no code: the value was copied from the account's verified recovery value.
    Copy,
    /// Not authorised: wrong passwords.
    WrongPasswords,
    /// By a session signed in moments before.
    FreshSignIn,
    /// Not authorised: requests from signed-in sessions.
    Requests,
}

/// Everything a notice says, whoever reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub reference: String,
    /// The account's id, masked (`1000****5678`).
    pub account: String,
    pub at: DateTime<Utc>,
    pub what: What,
    pub how: How,
    pub state: State,
    /// The change it tells of, if it is of one.
    pub change_id: Option<String>,
    pub field: Option<AccountField>,
}

/// A field's name in running text, and as a title (its first letter upper-case in English).
fn field(lang: Lang, field: AccountField) -> &'static str {
    match (lang, field) {
        (Lang::En, AccountField::ContactMobile) => "contact mobile number",
        (Lang::En, AccountField::ContactEmail) => "contact email address",
        (Lang::En, AccountField::RecoveryMobile) => "recovery mobile number",
        (Lang::En, AccountField::RecoveryEmail) => "recovery email address",
        (Lang::En, AccountField::LoginEmail) => "login email address",
        (Lang::ZhCn, AccountField::ContactMobile) => "联系手机",
        (Lang::ZhCn, AccountField::ContactEmail) => "联系邮箱",
        (Lang::ZhCn, AccountField::RecoveryMobile) => "密保手机",
        (Lang::ZhCn, AccountField::RecoveryEmail) => "密保邮箱",
        (Lang::ZhCn, AccountField::LoginEmail) => "登录邮箱",
        (Lang::ZhHant, AccountField::ContactMobile) => "聯絡手機",
        (Lang::ZhHant, AccountField::ContactEmail) => "聯絡郵箱",
        (Lang::ZhHant, AccountField::RecoveryMobile) => "密保手機",
        (Lang::ZhHant, AccountField::RecoveryEmail) => "密保郵箱",
        (Lang::ZhHant, AccountField::LoginEmail) => "登入郵箱",
    }
}

fn title(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => {
            let mut chars = name.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        Lang::ZhCn | Lang::ZhHant => name.to_string(),
    }
}

/// An absolute time with its zone: `1 Dec 2026, 10:02 UTC`, `2026年12月1日 10:02（UTC）`.
fn when(lang: Lang, at: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, m, d, h, min) = (at.year(), at.month(), at.day(), at.hour(), at.minute());
    match lang {
        Lang::En => format!("{d} {} {y}, {h:02}:{min:02} UTC", MONTHS[(m - 1) as usize]),
        Lang::ZhCn | Lang::ZhHant => format!("{y}年{m}月{d}日 {h:02}:{min:02}（UTC）"),
    }
}

/// The short time an SMS has room for: `12-01 10:02 UTC`.
fn when_short(lang: Lang, at: DateTime<Utc>) -> String {
    let stamp = format!("{:02}-{:02} {:02}:{:02}", at.month(), at.day(), at.hour(), at.minute());
    match lang {
        Lang::En => format!("{stamp} UTC"),
        Lang::ZhCn | Lang::ZhHant => format!("{stamp}（UTC）"),
    }
}

/// What changed, as one sentence.
fn what(lang: Lang, what: &What) -> String {
    match (lang, what) {
        (Lang::En, What::Changed { field: f, old, new }) => {
            format!("The {} changed from {old} to {new}.", field(lang, *f))
        }
        (Lang::En, What::Bound { field: f, new }) => format!("{new} was added as the {}.", field(lang, *f)),
        (Lang::En, What::PasswordPaused { until }) => format!(
            "Verifying identity with the sign-in password is paused until {}, after too many wrong passwords.",
            when(lang, *until)
        ),
        (Lang::En, What::SessionsEnded { ended: 1 }) => "Another session of the account was signed out.".into(),
        (Lang::En, What::SessionsEnded { ended }) => format!("{ended} other sessions of the account were signed out."),
        (Lang::En, What::ManyCodes { count }) => {
            format!("{count} identity verification codes were asked for within a day.")
        }
        (Lang::En, What::Undone { field: f, from, to }) => {
            format!("The {} was changed back from {from} to {to}, from a notice.", field(lang, *f))
        }
        (Lang::En, What::Secured { until }) => format!(
            "The account was secured from a notice: every session was signed out, and security changes are paused until {}.",
            when(lang, *until)
        ),
        (Lang::ZhCn, What::Undone { field: f, from, to }) => {
            format!("已通过通知将{}由 {from} 改回 {to}。", field(lang, *f))
        }
        (Lang::ZhCn, What::Secured { until }) => {
            format!("已通过通知保护账号：所有登录会话均已退出，安全设置变更暂停至 {}。", when(lang, *until))
        }
        (Lang::ZhHant, What::Undone { field: f, from, to }) => {
            format!("已透過通知將{}由 {from} 改回 {to}。", field(lang, *f))
        }
        (Lang::ZhHant, What::Secured { until }) => {
            format!("已透過通知保護帳號：所有工作階段均已登出，安全設定變更暫停至 {}。", when(lang, *until))
        }
        (Lang::ZhCn, What::Changed { field: f, old, new }) => format!("{}由 {old} 改为 {new}。", field(lang, *f)),
        (Lang::ZhCn, What::SessionsEnded { ended }) => format!("账号的其他 {ended} 个登录会话已退出。"),
        (Lang::ZhCn, What::ManyCodes { count }) => format!("一天内已请求 {count} 次身份验证码。"),
        (Lang::ZhHant, What::SessionsEnded { ended }) => format!("帳號的其他 {ended} 個工作階段已登出。"),
        (Lang::ZhHant, What::ManyCodes { count }) => format!("一天內已請求 {count} 次身分驗證碼。"),
        (Lang::ZhCn, What::Bound { field: f, new }) => format!("已绑定{} {new}。", field(lang, *f)),
        (Lang::ZhCn, What::PasswordPaused { until }) => {
            format!("因多次输错密码，使用登录密码验证身份已暂停至 {}。", when(lang, *until))
        }
        (Lang::ZhHant, What::Changed { field: f, old, new }) => format!("{}由 {old} 改為 {new}。", field(lang, *f)),
        (Lang::ZhHant, What::Bound { field: f, new }) => format!("已綁定{} {new}。", field(lang, *f)),
        (Lang::ZhHant, What::PasswordPaused { until }) => {
            format!("因多次輸錯密碼，使用登入密碼驗證身分已暫停至 {}。", when(lang, *until))
        }
    }
}

/// How it was authorised.
fn how(lang: Lang, how: &How) -> String {
    match (lang, how) {
        (Lang::En, How::Code(masked)) => format!("with a code sent to {masked}"),
        (Lang::En, How::Password) => "with the sign-in password".into(),
        (Lang::En, How::Copy) => "with no code: copied from the account's verified recovery value".into(),
        (Lang::En, How::WrongPasswords) => "wrong passwords, entered again and again".into(),
        (Lang::En, How::FreshSignIn) => "by a session signed in moments before".into(),
        (Lang::En, How::Requests) => "requests from signed-in sessions; each session has a limit of its own".into(),
        (Lang::ZhCn, How::FreshSignIn) => "刚刚登录的会话".into(),
        (Lang::ZhCn, How::Requests) => "已登录会话的请求；每个会话各有上限".into(),
        (Lang::ZhHant, How::FreshSignIn) => "剛剛登入的工作階段".into(),
        (Lang::ZhHant, How::Requests) => "已登入工作階段的請求；每個工作階段各有上限".into(),
        (Lang::ZhCn, How::Code(masked)) => format!("发送到 {masked} 的验证码"),
        (Lang::ZhCn, How::Password) => "登录密码".into(),
        (Lang::ZhCn, How::Copy) => "无需验证码：复制自账号已验证的密保信息".into(),
        (Lang::ZhCn, How::WrongPasswords) => "多次输入错误的密码".into(),
        (Lang::ZhHant, How::Code(masked)) => format!("傳送到 {masked} 的驗證碼"),
        (Lang::ZhHant, How::Password) => "登入密碼".into(),
        (Lang::ZhHant, How::Copy) => "無需驗證碼：複製自帳號已驗證的密保資訊".into(),
        (Lang::ZhHant, How::WrongPasswords) => "多次輸入錯誤的密碼".into(),
    }
}

/// The fixed sentences of a notice, in one language.
struct Lines {
    greeting: &'static str,
    /// "This address is the {role} of account {account}."
    why: &'static str,
    what: &'static str,
    when: &'static str,
    how: &'static str,
    state: &'static str,
    in_effect: &'static str,
    /// "It takes effect on {when} unless it is cancelled."
    takes_effect: &'static str,
    /// "It is in effect; it can be undone until {when}."
    undoable: &'static str,
    /// "What you can do: open {link}"
    act: &'static str,
    /// "What you can do: visit {url} and enter the reference."
    act_by_ref: &'static str,
    paused: &'static str,
    limited: &'static str,
    if_you: &'static str,
    if_not_you: &'static str,
    never_ask: &'static str,
    appeal: &'static str,
}

fn lines(lang: Lang) -> Lines {
    match lang {
        Lang::En => Lines {
            greeting: "Hello,",
            why: "This address is the {role} of account {account}.",
            what: "What changed: ",
            when: "When: ",
            how: "How it was authorised: ",
            state: "Where it stands: ",
            in_effect: "It is in effect now.",
            takes_effect: "It takes effect on {when} unless it is cancelled. Until then nothing changes.",
            undoable: "It is in effect now, and can be undone until {when}.",
            act: "What you can do: open {link}",
            act_by_ref: "What you can do: visit {url} and enter the reference.",
            paused: "Identity can still be verified with a code to a recovery address.",
            limited:
                "Nothing is locked: each session has a daily limit of its own, so you can still verify your identity.",
            if_you: "If this was you, do nothing.",
            if_not_you:
                "If it was not you, sign in at once, change your password and contact support, quoting reference {ref}.",
            never_ask: "We never ask for your password or a verification code by phone or in a link.",
            appeal: "Reference: {ref}. To appeal, contact support and quote it.",
        },
        Lang::ZhCn => Lines {
            greeting: "您好：",
            why: "此地址是账号 {account} 的{role}。",
            what: "变更内容：",
            when: "时间：",
            how: "验证方式：",
            state: "状态：",
            in_effect: "已生效。",
            takes_effect: "将于 {when} 生效，除非被取消。在此之前不会有任何变化。",
            undoable: "已生效，可在 {when} 前撤销。",
            act: "您可以：打开 {link} 处理。",
            act_by_ref: "您可以：访问 {url} 并输入编号处理。",
            paused: "仍可使用发送到密保手机或密保邮箱的验证码验证身份。",
            limited: "账号未被锁定：每个会话各有每日上限，您仍可验证身份。",
            if_you: "如果是您本人操作，无需处理。",
            if_not_you: "如果不是您本人操作，请立即登录并修改密码，然后联系客服，并提供编号 {ref}。",
            never_ask: "我们不会通过电话或链接索要您的密码或验证码。",
            appeal: "编号：{ref}。如需申诉，请联系客服并提供此编号。",
        },
        Lang::ZhHant => Lines {
            greeting: "您好：",
            why: "此地址是帳號 {account} 的{role}。",
            what: "變更內容：",
            when: "時間：",
            how: "驗證方式：",
            state: "狀態：",
            in_effect: "已生效。",
            takes_effect: "將於 {when} 生效，除非被取消。在此之前不會有任何變化。",
            undoable: "已生效，可在 {when} 前撤銷。",
            act: "您可以：開啟 {link} 處理。",
            act_by_ref: "您可以：造訪 {url} 並輸入編號處理。",
            paused: "仍可使用傳送到密保手機或密保郵箱的驗證碼驗證身分。",
            limited: "帳號未被鎖定：每個工作階段各有每日上限，您仍可驗證身分。",
            if_you: "如果是您本人操作，無需處理。",
            if_not_you: "如果不是您本人操作，請立即登入並修改密碼，然後聯絡客服，並提供編號 {ref}。",
            never_ask: "我們不會透過電話或連結索取您的密碼或驗證碼。",
            appeal: "編號：{ref}。如需申訴，請聯絡客服並提供此編號。",
        },
    }
}

/// The notice's subject.
fn subject(lang: Lang, what: &What) -> String {
    match (lang, what) {
        (Lang::En, What::Changed { field: f, .. }) => {
            format!("{} changed on your account", title(lang, field(lang, *f)))
        }
        (Lang::En, What::Bound { field: f, .. }) => format!("{} added to your account", title(lang, field(lang, *f))),
        (Lang::En, What::PasswordPaused { .. }) => "Identity verification by password paused on your account".into(),
        (Lang::En, What::SessionsEnded { .. }) => "Sessions signed out on your account".into(),
        (Lang::En, What::ManyCodes { .. }) => "Many verification codes asked for on your account".into(),
        (Lang::En, What::Undone { field: f, .. }) => {
            format!("{} change undone on your account", title(lang, field(lang, *f)))
        }
        (Lang::En, What::Secured { .. }) => "Your account was secured".into(),
        (Lang::ZhCn, What::Undone { field: f, .. }) => format!("您的账号{}变更已撤销", field(lang, *f)),
        (Lang::ZhCn, What::Secured { .. }) => "您的账号已被保护".into(),
        (Lang::ZhHant, What::Undone { field: f, .. }) => format!("您的帳號{}變更已撤銷", field(lang, *f)),
        (Lang::ZhHant, What::Secured { .. }) => "您的帳號已被保護".into(),
        (Lang::ZhCn, What::SessionsEnded { .. }) => "您的账号已退出登录会话".into(),
        (Lang::ZhCn, What::ManyCodes { .. }) => "您的账号请求了大量验证码".into(),
        (Lang::ZhHant, What::SessionsEnded { .. }) => "您的帳號已登出工作階段".into(),
        (Lang::ZhHant, What::ManyCodes { .. }) => "您的帳號請求了大量驗證碼".into(),
        (Lang::ZhCn, What::Changed { field: f, .. }) => format!("您的账号{}已修改", field(lang, *f)),
        (Lang::ZhCn, What::Bound { field: f, .. }) => format!("您的账号已绑定{}", field(lang, *f)),
        (Lang::ZhCn, What::PasswordPaused { .. }) => "您的账号已暂停使用登录密码验证身份".into(),
        (Lang::ZhHant, What::Changed { field: f, .. }) => format!("您的帳號{}已修改", field(lang, *f)),
        (Lang::ZhHant, What::Bound { field: f, .. }) => format!("您的帳號已綁定{}", field(lang, *f)),
        (Lang::ZhHant, What::PasswordPaused { .. }) => "您的帳號已暫停使用登入密碼驗證身分".into(),
    }
}

/// A notice by email to the address of `role`: its subject and body. `link`: where the
/// reader can act on it; with none, the reader is told, and can do nothing about it.
pub fn email(lang: Lang, notice: &Notice, role: AccountField, link: Option<&str>) -> (String, String) {
    let l = lines(lang);
    let fill = |text: &str| {
        text.replace("{role}", field(lang, role))
            .replace("{account}", &notice.account)
            .replace("{ref}", &notice.reference)
    };
    let state = match (&notice.what, notice.state) {
        (What::PasswordPaused { .. }, _) => l.paused.to_string(),
        (What::ManyCodes { .. }, _) => l.limited.to_string(),
        (_, State::TakesEffect(at)) => l.takes_effect.replace("{when}", &when(lang, at)),
        (_, State::UndoableUntil(at)) => l.undoable.replace("{when}", &when(lang, at)),
        (_, State::InEffect) => l.in_effect.to_string(),
    };
    let mut body = vec![
        l.greeting.to_string(),
        fill(l.why),
        format!("{}{}", l.what, what(lang, &notice.what)),
        format!("{}{}", l.when, when(lang, notice.at)),
        format!("{}{}", l.how, how(lang, &notice.how)),
        format!("{}{}", l.state, state),
    ];
    if let Some(link) = link {
        body.push(format!("{}\n{}\n{}", l.if_you, l.act.replace("{link}", link), fill(l.if_not_you)));
        body.push(l.never_ask.to_string());
    }
    body.push(fill(l.appeal));
    (subject(lang, &notice.what), body.join("\n\n"))
}

/// A notice by SMS: one short text with the reference, and where to act on it (`url`: the
/// notice page, the same for everyone); with none, it leaves out what to do.
pub fn sms(lang: Lang, notice: &Notice, url: Option<&str>) -> String {
    let at = when_short(lang, notice.at);
    let (account, reference) = (&notice.account, &notice.reference);
    let happened = match (lang, &notice.what, notice.state) {
        (Lang::En, What::Changed { field: f, new, .. }, State::TakesEffect(due)) => {
            format!("{} set to change to {new} on {}, unless cancelled.", field(lang, *f), when_short(lang, due))
        }
        (Lang::ZhCn, What::Changed { field: f, new, .. }, State::TakesEffect(due)) => {
            format!("的{}将于{}改为{new}，可取消。", field(lang, *f), when_short(lang, due))
        }
        (Lang::ZhHant, What::Changed { field: f, new, .. }, State::TakesEffect(due)) => {
            format!("的{}將於{}改為{new}，可取消。", field(lang, *f), when_short(lang, due))
        }
        (_, what, _) => sms_happened(lang, what, &at),
    };
    match (lang, url) {
        (Lang::En, Some(url)) => format!(
            "[Account Console] Account {account}: {happened} Not you? Within 7 days visit {url} and enter ref {reference}. We never ask for codes."
        ),
        (Lang::En, None) => format!("[Account Console] Account {account}: {happened} Ref {reference}."),
        (Lang::ZhCn, Some(url)) => {
            format!("【控制台】账号{account}{happened}非本人操作？7日内访问{url} 输入编号{reference}处理。我们不会索要验证码。")
        }
        (Lang::ZhCn, None) => format!("【控制台】账号{account}{happened}编号{reference}。"),
        (Lang::ZhHant, Some(url)) => {
            format!("【控制台】帳號{account}{happened}非本人操作？7日內造訪{url} 輸入編號{reference}處理。我們不會索取驗證碼。")
        }
        (Lang::ZhHant, None) => format!("【控制台】帳號{account}{happened}編號{reference}。"),
    }
}

/// What happened, as an SMS has room to say it.
fn sms_happened(lang: Lang, what: &What, at: &str) -> String {
    match (lang, what) {
        (Lang::En, What::Undone { field: f, to, .. }) => format!("{} changed back to {to} on {at}.", field(lang, *f)),
        (Lang::En, What::Secured { .. }) => format!("secured on {at}: every session signed out."),
        (Lang::ZhCn, What::Undone { field: f, to, .. }) => format!("的{}于{at}改回{to}。", field(lang, *f)),
        (Lang::ZhCn, What::Secured { .. }) => format!("于{at}已保护，所有会话已退出。"),
        (Lang::ZhHant, What::Undone { field: f, to, .. }) => format!("的{}於{at}改回{to}。", field(lang, *f)),
        (Lang::ZhHant, What::Secured { .. }) => format!("於{at}已保護，所有工作階段已登出。"),
        (Lang::En, What::Changed { field: f, new, .. }) => format!("{} changed to {new} on {at}.", field(lang, *f)),
        (Lang::En, What::Bound { field: f, new }) => format!("{new} added as {} on {at}.", field(lang, *f)),
        (Lang::En, What::PasswordPaused { .. }) => format!("identity verification by password paused on {at}."),
        (Lang::En, What::SessionsEnded { ended: 1 }) => format!("another session signed out on {at}."),
        (Lang::En, What::SessionsEnded { ended }) => format!("{ended} other sessions signed out on {at}."),
        (Lang::En, What::ManyCodes { count }) => format!("{count} identity codes asked for by {at}."),
        (Lang::ZhCn, What::SessionsEnded { ended }) => format!("于{at}退出其他{ended}个登录会话。"),
        (Lang::ZhCn, What::ManyCodes { count }) => format!("截至{at}已请求{count}次身份验证码。"),
        (Lang::ZhHant, What::SessionsEnded { ended }) => format!("於{at}登出其他{ended}個工作階段。"),
        (Lang::ZhHant, What::ManyCodes { count }) => format!("截至{at}已請求{count}次身分驗證碼。"),
        (Lang::ZhCn, What::Changed { field: f, new, .. }) => format!("的{}于{at}改为{new}。", field(lang, *f)),
        (Lang::ZhCn, What::Bound { field: f, new }) => format!("于{at}绑定{}{new}。", field(lang, *f)),
        (Lang::ZhCn, What::PasswordPaused { .. }) => format!("于{at}暂停使用登录密码验证身份。"),
        (Lang::ZhHant, What::Changed { field: f, new, .. }) => format!("的{}於{at}改為{new}。", field(lang, *f)),
        (Lang::ZhHant, What::Bound { field: f, new }) => format!("於{at}綁定{}{new}。", field(lang, *f)),
        (Lang::ZhHant, What::PasswordPaused { .. }) => format!("於{at}暫停使用登入密碼驗證身分。"),
    }
}

mod code;
mod digest;

pub use code::{code_email, code_sms};
pub use digest::digest;

#[cfg(test)]
mod tests;
