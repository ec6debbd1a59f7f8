//! Every notice and code message, word for word, in the three languages.

use chrono::TimeZone;

use super::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 10, 2, 0).unwrap()
}

fn changed() -> Notice {
    Notice {
        reference: "K7QF2M9D".into(),
        account: "1000****5678".into(),
        at: at(),
        what: What::Changed {
            field: AccountField::RecoveryEmail,
            old: "o***@example.com".into(),
            new: "n***@example.net".into(),
        },
        how: How::Code("+86 138****1234".into()),
        state: State::InEffect,
        change_id: None,
        field: None,
    }
}

const LINK: &str = "https://console.example.com/developer/notice#t=TOKEN";
const URL: &str = "https://console.example.com/developer/notice";

#[test]
fn a_change_by_email_in_english() {
    let (subject, body) = email(Lang::En, &changed(), AccountField::LoginEmail, Some(LINK));
    assert_eq!(subject, "Recovery email address changed on your account");
    assert_eq!(
        body,
        "Hello,\n\n\
         This address is the login email address of account 1000****5678.\n\n\
         What changed: The recovery email address changed from o***@example.com to n***@example.net.\n\n\
         When: 1 Dec 2026, 10:02 UTC\n\n\
         How it was authorised: with a code sent to +86 138****1234\n\n\
         Where it stands: It is in effect now.\n\n\
         If this was you, do nothing.\n\
         What you can do: open https://console.example.com/developer/notice#t=TOKEN\n\
         If it was not you, sign in at once, change your password and contact support, quoting reference K7QF2M9D.\n\n\
         We never ask for your password or a verification code by phone or in a link.\n\n\
         Reference: K7QF2M9D. To appeal, contact support and quote it."
    );
}

#[test]
fn a_change_by_email_in_chinese() {
    let (subject, body) = email(Lang::ZhCn, &changed(), AccountField::LoginEmail, Some(LINK));
    assert_eq!(subject, "您的账号密保邮箱已修改");
    assert_eq!(
        body,
        "您好：\n\n\
         此地址是账号 1000****5678 的登录邮箱。\n\n\
         变更内容：密保邮箱由 o***@example.com 改为 n***@example.net。\n\n\
         时间：2026年12月1日 10:02（UTC）\n\n\
         验证方式：发送到 +86 138****1234 的验证码\n\n\
         状态：已生效。\n\n\
         如果是您本人操作，无需处理。\n\
         您可以：打开 https://console.example.com/developer/notice#t=TOKEN 处理。\n\
         如果不是您本人操作，请立即登录并修改密码，然后联系客服，并提供编号 K7QF2M9D。\n\n\
         我们不会通过电话或链接索要您的密码或验证码。\n\n\
         编号：K7QF2M9D。如需申诉，请联系客服并提供此编号。"
    );
    let (subject, body) = email(Lang::ZhHant, &changed(), AccountField::LoginEmail, Some(LINK));
    assert_eq!(subject, "您的帳號密保郵箱已修改");
    assert_eq!(
        body,
        "您好：\n\n\
         此地址是帳號 1000****5678 的登入郵箱。\n\n\
         變更內容：密保郵箱由 o***@example.com 改為 n***@example.net。\n\n\
         時間：2026年12月1日 10:02（UTC）\n\n\
         驗證方式：傳送到 +86 138****1234 的驗證碼\n\n\
         狀態：已生效。\n\n\
         如果是您本人操作，無需處理。\n\
         您可以：開啟 https://console.example.com/developer/notice#t=TOKEN 處理。\n\
         如果不是您本人操作，請立即登入並修改密碼，然後聯絡客服，並提供編號 K7QF2M9D。\n\n\
         我們不會透過電話或連結索取您的密碼或驗證碼。\n\n\
         編號：K7QF2M9D。如需申訴，請聯絡客服並提供此編號。"
    );
}

#[test]
fn told_for_information_only_the_reader_gets_no_advice_to_act() {
    let copied = Notice {
        what: What::Changed {
            field: AccountField::ContactMobile,
            old: "+86 139****0001".into(),
            new: "+86 138****1234".into(),
        },
        how: How::Copy,
        ..changed()
    };
    let (_, body) = email(Lang::En, &copied, AccountField::ContactMobile, None);
    assert_eq!(
        body,
        "Hello,\n\n\
         This address is the contact mobile number of account 1000****5678.\n\n\
         What changed: The contact mobile number changed from +86 139****0001 to +86 138****1234.\n\n\
         When: 1 Dec 2026, 10:02 UTC\n\n\
         How it was authorised: with no code: copied from the account's verified recovery value\n\n\
         Where it stands: It is in effect now.\n\n\
         Reference: K7QF2M9D. To appeal, contact support and quote it."
    );
}

#[test]
fn a_change_by_sms_in_each_language() {
    assert_eq!(
        sms(Lang::En, &changed(), Some(URL)),
        "[Account Console] Account 1000****5678: recovery email address changed to n***@example.net on 12-01 10:02 UTC. \
         Not you? Within 7 days visit https://console.example.com/developer/notice and enter ref K7QF2M9D. We never ask for codes."
    );
    assert_eq!(
        sms(Lang::ZhCn, &changed(), Some(URL)),
        "【控制台】账号1000****5678的密保邮箱于12-01 10:02（UTC）改为n***@example.net。\
         非本人操作？7日内访问https://console.example.com/developer/notice 输入编号K7QF2M9D处理。我们不会索要验证码。"
    );
    assert_eq!(
        sms(Lang::ZhHant, &changed(), Some(URL)),
        "【控制台】帳號1000****5678的密保郵箱於12-01 10:02（UTC）改為n***@example.net。\
         非本人操作？7日內造訪https://console.example.com/developer/notice 輸入編號K7QF2M9D處理。我們不會索取驗證碼。"
    );
    let bound =
        Notice { what: What::Bound { field: AccountField::LoginEmail, new: "m***@example.dev".into() }, ..changed() };
    assert_eq!(
        sms(Lang::En, &bound, None),
        "[Account Console] Account 1000****5678: m***@example.dev added as login email address on 12-01 10:02 UTC. Ref K7QF2M9D."
    );
    assert_eq!(
        sms(Lang::ZhCn, &bound, None),
        "【控制台】账号1000****5678于12-01 10:02（UTC）绑定登录邮箱m***@example.dev。编号K7QF2M9D。"
    );
}

#[test]
fn a_pause_and_a_password_in_each_language() {
    let paused = Notice {
        what: What::PasswordPaused { until: at() + chrono::Duration::minutes(15) },
        how: How::WrongPasswords,
        ..changed()
    };
    let (subject, body) = email(Lang::En, &paused, AccountField::RecoveryMobile, Some(LINK));
    assert_eq!(subject, "Identity verification by password paused on your account");
    assert!(body.contains(
        "What changed: Verifying identity with the sign-in password is paused until 1 Dec 2026, 10:17 UTC, after too many wrong passwords."
    ));
    assert!(body.contains("Where it stands: Identity can still be verified with a code to a recovery address."));
    assert_eq!(
        sms(Lang::ZhHant, &paused, Some(URL)),
        "【控制台】帳號1000****5678於12-01 10:02（UTC）暫停使用登入密碼驗證身分。非本人操作？7日內造訪https://console.example.com/developer/notice 輸入編號K7QF2M9D處理。我們不會索取驗證碼。"
    );
    let by_password = Notice { how: How::Password, ..changed() };
    assert!(email(Lang::ZhCn, &by_password, AccountField::LoginEmail, Some(LINK)).1.contains("验证方式：登录密码"));
}

#[test]
fn sessions_signed_out_and_many_codes_in_each_language() {
    let ended = Notice { what: What::SessionsEnded { ended: 2 }, how: How::FreshSignIn, ..changed() };
    let (subject, body) = email(Lang::En, &ended, AccountField::RecoveryEmail, Some(LINK));
    assert_eq!(subject, "Sessions signed out on your account");
    assert!(body.contains("What changed: 2 other sessions of the account were signed out."), "{body}");
    assert!(body.contains("How it was authorised: by a session signed in moments before"), "{body}");
    assert!(body.contains("Where it stands: It is in effect now."), "{body}");
    let one = Notice { what: What::SessionsEnded { ended: 1 }, how: How::Code("+86 138****1234".into()), ..changed() };
    let (subject, body) = email(Lang::ZhCn, &one, AccountField::RecoveryEmail, Some(LINK));
    assert_eq!(subject, "您的账号已退出登录会话");
    assert!(body.contains("变更内容：账号的其他 1 个登录会话已退出。"), "{body}");
    assert_eq!(
        sms(Lang::ZhHant, &ended, Some(URL)),
        "【控制台】帳號1000****5678於12-01 10:02（UTC）登出其他2個工作階段。非本人操作？7日內造訪https://console.example.com/developer/notice 輸入編號K7QF2M9D處理。我們不會索取驗證碼。"
    );

    assert_eq!(
        sms(Lang::En, &one, None),
        "[Account Console] Account 1000****5678: another session signed out on 12-01 10:02 UTC. Ref K7QF2M9D."
    );

    let many = Notice { what: What::ManyCodes { count: 20 }, how: How::Requests, ..changed() };
    let (subject, body) = email(Lang::En, &many, AccountField::RecoveryMobile, Some(LINK));
    assert_eq!(subject, "Many verification codes asked for on your account");
    assert!(body.contains("What changed: 20 identity verification codes were asked for within a day."), "{body}");
    assert!(body.contains(
        "Where it stands: Nothing is locked: each session has a daily limit of its own, so you can still verify your identity."
    ));
    let (_, body) = email(Lang::ZhHant, &many, AccountField::RecoveryMobile, Some(LINK));
    assert!(body.contains("狀態：帳號未被鎖定：每個工作階段各有每日上限，您仍可驗證身分。"), "{body}");
    assert_eq!(
        sms(Lang::ZhCn, &many, Some(URL)),
        "【控制台】账号1000****5678截至12-01 10:02（UTC）已请求20次身份验证码。非本人操作？7日内访问https://console.example.com/developer/notice 输入编号K7QF2M9D处理。我们不会索要验证码。"
    );
}

#[test]
fn several_changes_in_one_message() {
    let second = Notice { reference: "M3PXW7RA".into(), how: How::Password, ..changed() };
    let (subject, body) =
        digest(Lang::En, &[changed(), second.clone()], &[], AccountField::RecoveryEmail, true, Some(URL));
    assert_eq!(subject.as_deref(), Some("More changes on your account"));
    assert_eq!(
        body,
        "Hello,\n\n\
         This address is the recovery email address of account 1000****5678.\n\n\
         What changed: The recovery email address changed from o***@example.com to n***@example.net.\n\
         When: 1 Dec 2026, 10:02 UTC\n\
         How it was authorised: with a code sent to +86 138****1234\n\
         Reference: K7QF2M9D. To appeal, contact support and quote it.\n\n\
         What changed: The recovery email address changed from o***@example.com to n***@example.net.\n\
         When: 1 Dec 2026, 10:02 UTC\n\
         How it was authorised: with the sign-in password\n\
         Reference: M3PXW7RA. To appeal, contact support and quote it.\n\n\
         If this was you, do nothing.\n\
         What you can do: visit https://console.example.com/developer/notice and enter the reference.\n\
         If it was not you, sign in at once, change your password and contact support, quoting reference K7QF2M9D, M3PXW7RA.\n\n\
         We never ask for your password or a verification code by phone or in a link."
    );
    let (subject, body) =
        digest(Lang::ZhCn, &[changed(), second.clone()], &[], AccountField::LoginEmail, true, Some(URL));
    assert_eq!(subject.as_deref(), Some("您的账号又有多项变更"));
    assert_eq!(
        body,
        "您好：\n\n\
         此地址是账号 1000****5678 的登录邮箱。\n\n\
         变更内容：密保邮箱由 o***@example.com 改为 n***@example.net。\n\
         时间：2026年12月1日 10:02（UTC）\n\
         验证方式：发送到 +86 138****1234 的验证码\n\
         编号：K7QF2M9D。如需申诉，请联系客服并提供此编号。\n\n\
         变更内容：密保邮箱由 o***@example.com 改为 n***@example.net。\n\
         时间：2026年12月1日 10:02（UTC）\n\
         验证方式：登录密码\n\
         编号：M3PXW7RA。如需申诉，请联系客服并提供此编号。\n\n\
         如果是您本人操作，无需处理。\n\
         您可以：访问 https://console.example.com/developer/notice 并输入编号处理。\n\
         如果不是您本人操作，请立即登录并修改密码，然后联系客服，并提供编号 K7QF2M9D、M3PXW7RA。\n\n\
         我们不会通过电话或链接索要您的密码或验证码。"
    );
    let (subject, body) =
        digest(Lang::ZhHant, &[changed(), second.clone()], &[], AccountField::LoginEmail, true, Some(URL));
    assert_eq!(subject.as_deref(), Some("您的帳號又有多項變更"));
    assert_eq!(
        body,
        "您好：\n\n\
         此地址是帳號 1000****5678 的登入郵箱。\n\n\
         變更內容：密保郵箱由 o***@example.com 改為 n***@example.net。\n\
         時間：2026年12月1日 10:02（UTC）\n\
         驗證方式：傳送到 +86 138****1234 的驗證碼\n\
         編號：K7QF2M9D。如需申訴，請聯絡客服並提供此編號。\n\n\
         變更內容：密保郵箱由 o***@example.com 改為 n***@example.net。\n\
         時間：2026年12月1日 10:02（UTC）\n\
         驗證方式：登入密碼\n\
         編號：M3PXW7RA。如需申訴，請聯絡客服並提供此編號。\n\n\
         如果是您本人操作，無需處理。\n\
         您可以：造訪 https://console.example.com/developer/notice 並輸入編號處理。\n\
         如果不是您本人操作，請立即登入並修改密碼，然後聯絡客服，並提供編號 K7QF2M9D、M3PXW7RA。\n\n\
         我們不會透過電話或連結索取您的密碼或驗證碼。"
    );
    assert_eq!(
        digest(Lang::ZhCn, &[changed(), second.clone()], &[], AccountField::RecoveryMobile, false, Some(URL)),
        (None, "【控制台】账号1000****5678又有2项变更，编号K7QF2M9D、M3PXW7RA。非本人操作？7日内访问https://console.example.com/developer/notice 输入编号处理。我们不会索要验证码。".to_string())
    );
    assert_eq!(
        digest(Lang::En, &[second], &[], AccountField::RecoveryMobile, false, None).1,
        "[Account Console] Account 1000****5678: 1 more change, ref M3PXW7RA. Not you? Contact support. We never ask for codes."
    );
}

#[test]
fn a_change_cooling_off_and_one_undone_in_each_language() {
    let due = at() + chrono::Duration::hours(24);
    let cooling = Notice { state: State::TakesEffect(due), ..changed() };
    let (_, body) = email(Lang::En, &cooling, AccountField::RecoveryEmail, Some(LINK));
    assert!(
        body.contains(
            "Where it stands: It takes effect on 2 Dec 2026, 10:02 UTC unless it is cancelled. Until then nothing changes."
        ),
        "{body}"
    );
    assert_eq!(
        sms(Lang::ZhCn, &cooling, Some(URL)),
        "【控制台】账号1000****5678的密保邮箱将于12-02 10:02（UTC）改为n***@example.net，可取消。\
         非本人操作？7日内访问https://console.example.com/developer/notice 输入编号K7QF2M9D处理。我们不会索要验证码。"
    );
    let (_, body) = email(Lang::ZhHant, &cooling, AccountField::RecoveryEmail, Some(LINK));
    assert!(
        body.contains("狀態：將於 2026年12月2日 10:02（UTC） 生效，除非被取消。在此之前不會有任何變化。"),
        "{body}"
    );
    let undoable = Notice { state: State::UndoableUntil(at() + chrono::Duration::days(7)), ..changed() };
    let (_, body) = email(Lang::ZhCn, &undoable, AccountField::RecoveryEmail, Some(LINK));
    assert!(body.contains("状态：已生效，可在 2026年12月8日 10:02（UTC） 前撤销。"), "{body}");
    let undone = Notice {
        what: What::Undone {
            field: AccountField::RecoveryEmail,
            from: "n***@example.net".into(),
            to: "o***@example.com".into(),
        },
        ..changed()
    };
    let (subject, body) = email(Lang::En, &undone, AccountField::RecoveryEmail, None);
    assert_eq!(subject, "Recovery email address change undone on your account");
    assert!(body.contains(
        "What changed: The recovery email address was changed back from n***@example.net to o***@example.com, from a notice."
    ));
    let secured = Notice { what: What::Secured { until: at() + chrono::Duration::hours(72) }, ..changed() };
    assert_eq!(
        sms(Lang::ZhHant, &secured, None),
        "【控制台】帳號1000****5678於12-01 10:02（UTC）已保護，所有工作階段已登出。編號K7QF2M9D。"
    );
    let (subject, body) = email(Lang::En, &secured, AccountField::LoginEmail, None);
    assert_eq!(subject, "Your account was secured");
    assert!(body.contains(
        "The account was secured from a notice: every session was signed out, and security changes are paused until 4 Dec 2026, 10:02 UTC."
    ));
}

#[test]
fn codes_in_each_language() {
    assert_eq!(
        code_email(Lang::En, "482913", 10),
        (
            "Your verification code".to_string(),
            "Your verification code is 482913. It expires in 10 minutes.\n\nNever share it with anyone: we never ask for it by phone or in a link."
                .to_string()
        )
    );
    assert_eq!(code_sms(Lang::ZhCn, "482913", 10), "【控制台】您的验证码是482913，10分钟内有效。请勿告诉他人。");
    assert_eq!(code_sms(Lang::ZhHant, "482913", 10), "【控制台】您的驗證碼是482913，10分鐘內有效。請勿告訴他人。");
    assert_eq!(code_email(Lang::ZhHant, "482913", 10).0, "您的驗證碼");
}

#[test]
fn the_language_of_a_request() {
    for (header, lang) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", Lang::ZhCn),
        ("zh-TW", Lang::ZhHant),
        ("zh-Hant-HK", Lang::ZhHant),
        ("zh-Hans-HK", Lang::ZhCn),
        ("fr-FR,en;q=0.5", Lang::En),
        ("fr, zh-HK;q=0.9", Lang::ZhHant),
        ("en;q=0.1, zh-CN", Lang::ZhCn),
        ("", Lang::En),
        ("ja", Lang::En),
    ] {
        assert_eq!(Lang::from_accept_language(header), lang, "{header}");
    }
}
