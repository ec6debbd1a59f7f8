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
    let options: Vec<String> =
        html.split("<option ").skip(1).map(|option| option.split("</option>").next().unwrap().to_string()).collect();
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

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What `i18n/<tag>.json` holds: the fingerprint of the keys, and the texts in key order,
/// one to a line.
fn catalogue_json(locale: Locale) -> String {
    let texts: Vec<String> = Key::ALL.iter().map(|&key| json_string(locale.text(key))).collect();
    format!("{{\"keys\":{},\"text\":[\n{}\n]}}\n", Key::FINGERPRINT, texts.join(",\n"))
}

#[test]
fn the_catalogue_files_are_the_tables_here() {
    assert_eq!(Key::COUNT, Key::ALL.len());
    let english: Vec<&str> = Key::ALL.iter().map(|&key| Locale::En.text(key)).collect();
    assert!(english.iter().all(|text| !text.contains('\n')), "a text of one line each");
    let files = [
        ("src/i18n/en.txt", english.join("\n") + "\n"),
        ("i18n/zh-CN.json", catalogue_json(Locale::ZhCn)),
        ("i18n/zh-Hant.json", catalogue_json(Locale::ZhHant)),
    ];
    for (name, expected) in files {
        let path = format!("{}/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_CATALOGUES").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == expected,
            "{path} is not the catalogue of src/i18n: `UPDATE_CATALOGUES=1 make test-unit` writes it"
        );
    }
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
