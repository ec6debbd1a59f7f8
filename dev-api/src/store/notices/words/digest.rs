//! Notices held while an address was told of another, sent as one message.

use contract::AccountField;

use super::{field, how, lines, what, when, Lang, Notice};

/// Several notices to one address, held while it was told of another, in one message:
/// its subject (none for SMS) and body.
/// `links`: where each notice can be acted on (an email's), if it can; `url`: the notice page,
/// where the rest can be, by their references.
pub fn digest(
    lang: Lang,
    notices: &[Notice],
    links: &[Option<String>],
    role: AccountField,
    by_email: bool,
    url: Option<&str>,
) -> (Option<String>, String) {
    let Some(first) = notices.first() else { return (None, String::new()) };
    let l = lines(lang);
    let refs: Vec<&str> = notices.iter().map(|n| n.reference.as_str()).collect();
    let refs = refs.join(if lang == Lang::En { ", " } else { "、" });
    if !by_email {
        let (account, count) = (&first.account, notices.len());
        let body = match (lang, url) {
            (Lang::En, url) => {
                let (changes, refs_are) = if count == 1 { ("change", "ref") } else { ("changes", "refs") };
                let act =
                    url.map_or("Contact support.".to_string(), |u| format!("Within 7 days visit {u} and enter a ref."));
                format!(
                    "[Account Console] Account {account}: {count} more {changes}, {refs_are} {refs}. Not you? {act} We never ask for codes."
                )
            }
            (Lang::ZhCn, url) => {
                let act = url.map_or("请联系客服。".to_string(), |u| format!("7日内访问{u} 输入编号处理。"));
                format!("【控制台】账号{account}又有{count}项变更，编号{refs}。非本人操作？{act}我们不会索要验证码。")
            }
            (Lang::ZhHant, url) => {
                let act = url.map_or("請聯絡客服。".to_string(), |u| format!("7日內造訪{u} 輸入編號處理。"));
                format!("【控制台】帳號{account}又有{count}項變更，編號{refs}。非本人操作？{act}我們不會索取驗證碼。")
            }
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
    for (i, notice) in notices.iter().enumerate() {
        let mut lines = vec![
            format!("{}{}", l.what, what(lang, &notice.what)),
            format!("{}{}", l.when, when(lang, notice.at)),
            format!("{}{}", l.how, how(lang, &notice.how)),
        ];
        if let Some(Some(link)) = links.get(i) {
            lines.push(l.act.replace("{link}", link));
        }
        lines.push(l.appeal.replace("{ref}", &notice.reference));
        body.push(lines.join("\n"));
    }
    let linked = links.iter().any(Option::is_some);
    match url.filter(|_| !linked) {
        Some(url) => body.push(format!(
            "{}\n{}\n{}",
            l.if_you,
            l.act_by_ref.replace("{url}", url),
            l.if_not_you.replace("{ref}", &refs)
        )),
        None => body.push(format!("{}\n{}", l.if_you, l.if_not_you.replace("{ref}", &refs))),
    }
    body.push(l.never_ask.to_string());
    (Some(subject.to_string()), body.join("\n\n"))
}
