//! A verification code's message, by email and by SMS.

use super::Lang;

/// A verification code by email: its subject and body.
pub fn code_email(lang: Lang, code: &str, minutes: u64) -> (String, String) {
    let (subject, body) = match lang {
        Lang::En => (
            "Your verification code",
            format!("Your verification code is {code}. It expires in {minutes} minutes.\n\nNever share it with anyone: we never ask for it by phone or in a link."),
        ),
        Lang::ZhCn => ("您的验证码", format!("您的验证码是 {code}，{minutes} 分钟内有效。\n\n请勿告诉他人：我们不会通过电话或链接索要验证码。")),
        Lang::ZhHant => ("您的驗證碼", format!("您的驗證碼是 {code}，{minutes} 分鐘內有效。\n\n請勿告訴他人：我們不會透過電話或連結索取驗證碼。")),
    };
    (subject.to_string(), body)
}

/// A verification code by SMS.
pub fn code_sms(lang: Lang, code: &str, minutes: u64) -> String {
    match lang {
        Lang::En => {
            format!("[Account Console] Your verification code is {code}, valid for {minutes} minutes. Never share it.")
        }
        Lang::ZhCn => format!("【控制台】您的验证码是{code}，{minutes}分钟内有效。请勿告诉他人。"),
        Lang::ZhHant => format!("【控制台】您的驗證碼是{code}，{minutes}分鐘內有效。請勿告訴他人。"),
    }
}
