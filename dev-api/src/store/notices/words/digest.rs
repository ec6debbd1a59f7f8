//! Notices held while an address was told of another, sent as one message.

use contract::AccountField;

use super::{field, how, lines, what, when, Lang, Notice};

/// Several notices to one address, held while it was told of another, in one message:
/// its subject (none for SMS) and body.
pub fn digest(lang: Lang, notices: &[Notice], role: AccountField, by_email: bool) -> (Option<String>, String) {
    let Some(first) = notices.first() else { return (None, String::new()) };
    let l = lines(lang);
    let refs: Vec<&str> = notices.iter().map(|n| n.reference.as_str()).collect();
    let refs = refs.join(if lang == Lang::En { ", " } else { "、" });
    if !by_email {
        let (account, count) = (&first.account, notices.len());
        let body = match lang {
            Lang::En => {
                let (changes, refs_are) = if count == 1 { ("change", "ref") } else { ("changes", "refs") };
                format!(
                    "[Account Console] Account {account}: {count} more {changes}, {refs_are} {refs}. Not you? Contact support. We never ask for codes."
                )
            }
            Lang::ZhCn => format!(
                "【控制台】账号{account}又有{count}项变更，编号{refs}。非本人操作？请联系客服。我们不会索要验证码。"
            ),
            Lang::ZhHant => format!(
                "【控制台】帳號{account}又有{count}項變更，編號{refs}。非本人操作？請聯絡客服。我們不會索取驗證碼。"
            ),
        };
        return (None, body);
    }
    let subject = match lang {
        Lang::En => "More changes on your account",
        Lang::ZhCn => "您的账号又有多项变更",
        Lang::ZhHant => "您的帳號又有多項變更",
    };
    let why = l.why.replace("{role}", field(lang, role)).replace("{account}", &first.account);
    let mut body = vec![l.greeting.to_string(), why];
    // Each change as a notice of its own says it: what, when, how, and its reference.
    for notice in notices {
        body.push(
            [
                format!("{}{}", l.what, what(lang, &notice.what)),
                format!("{}{}", l.when, when(lang, notice.at)),
                format!("{}{}", l.how, how(lang, &notice.how)),
                l.appeal.replace("{ref}", &notice.reference),
            ]
            .join("\n"),
        );
    }
    body.push(format!("{}\n{}", l.if_you, l.if_not_you.replace("{ref}", &refs)));
    body.push(l.never_ask.to_string());
    (Some(subject.to_string()), body.join("\n\n"))
}
