//! The notice page (`{basePath}/notice`), a page of its own: no session, no framework, the
//! texts of its own in three languages. A person told of a change reads what happened and
//! says whether it was them; if not, chooses what to do (cancel, undo, secure), proves the
//! address the notice went to with a fresh code, and learns what happened and what to do
//! next. From an email, the link's token (`#t=`, taken out of the address bar at once) names
//! the notice; from an SMS, the person types the address and gets a code, then its open
//! notices. Each step's heading takes focus, so a screen reader says where the person is.

pub mod texts;

#[cfg(target_arch = "wasm32")]
mod page;

/// The language the page speaks: the first of the browser's it has (Traditional Chinese for
/// `zh-Hant`, Taiwan, Hong Kong and Macao), else the notice's, else English.
pub fn language<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Option<texts::Lang> {
    preferred.into_iter().find_map(|tag| {
        let lower = tag.trim().to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        match subtags.next()? {
            "en" => Some(texts::Lang::En),
            "zh" => {
                let rest: Vec<&str> = subtags.collect();
                let traditional = rest.contains(&"hant")
                    || (!rest.contains(&"hans") && rest.iter().any(|s| matches!(*s, "tw" | "hk" | "mo")));
                Some(if traditional { texts::Lang::ZhHant } else { texts::Lang::ZhCn })
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::texts::{text, Lang, T};
    use super::*;

    #[test]
    fn every_text_is_there_in_every_language_with_the_same_placeholders() {
        let placeholders = |s: &str| {
            let mut names: Vec<String> =
                s.split('{').skip(1).filter_map(|r| r.split_once('}').map(|(n, _)| n.to_string())).collect();
            names.sort();
            names
        };
        for &t in T::ALL {
            let en = text(Lang::En, t);
            assert!(!en.trim().is_empty(), "{t:?}");
            for lang in [Lang::ZhCn, Lang::ZhHant] {
                let zh = text(lang, t);
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{t:?} has no Chinese in {lang:?}");
                assert_eq!(placeholders(en), placeholders(zh), "{t:?} {lang:?}");
            }
        }
    }

    #[test]
    fn the_language_is_the_browsers_first_the_page_speaks() {
        assert_eq!(language(["fr-FR", "zh-TW", "en"]), Some(Lang::ZhHant));
        assert_eq!(language(["zh-Hans-HK"]), Some(Lang::ZhCn));
        assert_eq!(language(["en-GB"]), Some(Lang::En));
        assert_eq!(language(["ja"]), None);
    }
}
