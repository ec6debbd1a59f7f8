//! The Unicode the rules of what people type need: normalization, hidden characters, the
//! ASCII form of a domain, each character's script. The browser has all of it built in
//! (`normalize`, `\p{…}` classes, the URL parser), so the app ships no tables of its own;
//! natively (dev-api, the unit tests) ICU4X and `idna` take the same steps by the same
//! standards. The component tests check the browser against the native answers.

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::*;
#[cfg(target_arch = "wasm32")]
pub(crate) use browser_scripts::scripts;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::*;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native_scripts::scripts;

/// The scripts a label is checked for. A letter of a script not listed counts as `Other`:
/// two unlisted scripts in one label pass, each of them beside a listed one does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Georgian,
    Hebrew,
    Arabic,
    Devanagari,
    Thai,
    Cherokee,
    Han,
    Hiragana,
    Katakana,
    Hangul,
    Bopomofo,
    Other,
}

impl Script {
    /// Every listed script, in the order the browser's pattern names them.
    pub(crate) const LISTED: [Script; 15] = [
        Script::Latin,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
        Script::Georgian,
        Script::Hebrew,
        Script::Arabic,
        Script::Devanagari,
        Script::Thai,
        Script::Cherokee,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
        Script::Hangul,
        Script::Bopomofo,
    ];
}

/// The steps of [`crate::validate::normalize_email`] in the browser: NFC and NFKC, hidden
/// characters by `\p{…}` classes, the URL parser's domain to ASCII (UTS #46 as the URL
/// Standard applies it).
#[cfg(target_arch = "wasm32")]
mod browser {
    pub fn nfc(text: &str) -> String {
        js_sys::JsString::from(text).normalize("NFC").into()
    }

    pub fn nfkc(text: &str) -> String {
        js_sys::JsString::from(text).normalize("NFKC").into()
    }

    pub fn has_hidden(text: &str) -> bool {
        js_sys::RegExp::new(r"[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Z}\p{Default_Ignorable_Code_Point}]", "u").test(text)
    }

    pub fn domain_to_ascii(domain: &str) -> Option<String> {
        Url::new(&format!("http://{domain}/")).ok().map(|url| url.hostname())
    }

    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The browser's URL parser, whose host is the domain in its ASCII form.
        #[wasm_bindgen(js_name = URL)]
        type Url;
        #[wasm_bindgen(constructor, catch, js_class = "URL")]
        fn new(url: &str) -> Result<Url, JsValue>;
        #[wasm_bindgen(method, getter)]
        fn hostname(this: &Url) -> String;
    }
}

/// The same steps natively, by ICU4X and `idna`.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
    use icu_properties::{CodePointMapData, CodePointSetData};

    pub fn nfc(text: &str) -> String {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text).into_owned()
    }

    pub fn nfkc(text: &str) -> String {
        icu_normalizer::ComposingNormalizerBorrowed::new_nfkc().normalize(text).into_owned()
    }

    pub fn has_hidden(text: &str) -> bool {
        let category = CodePointMapData::<GeneralCategory>::new();
        let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        text.chars().any(|c| {
            use GeneralCategory::*;
            ignorable.contains(c)
                || matches!(
                    category.get(c),
                    Control
                        | Format
                        | Unassigned
                        | PrivateUse
                        | Surrogate
                        | SpaceSeparator
                        | LineSeparator
                        | ParagraphSeparator
                )
        })
    }

    pub fn domain_to_ascii(domain: &str) -> Option<String> {
        idna::domain_to_ascii(domain).ok()
    }
}

/// Each character's script: none for what any script uses (digits, punctuation, marks).
#[cfg(target_arch = "wasm32")]
mod browser_scripts {
    use super::Script;

    pub fn scripts(text: &str) -> Vec<Option<Script>> {
        // One pattern, a group per listed script: the browser's Unicode data decides.
        let names = [
            "Latin",
            "Greek",
            "Cyrillic",
            "Armenian",
            "Georgian",
            "Hebrew",
            "Arabic",
            "Devanagari",
            "Thai",
            "Cherokee",
            "Han",
            "Hiragana",
            "Katakana",
            "Hangul",
            "Bopomofo",
        ];
        let groups: Vec<String> = names.iter().map(|n| format!(r"(\p{{Script={n}}})")).collect();
        let pattern = format!(r"^(?:(\p{{Script=Common}}|\p{{Script=Inherited}})|{})$", groups.join("|"));
        let regex = js_sys::RegExp::new(&pattern, "u");
        text.chars()
            .map(|c| match regex.exec(&c.to_string()) {
                None => Some(Script::Other),
                Some(found) if !found.get(1).is_undefined() => None,
                Some(found) => {
                    let listed = (0..Script::LISTED.len()).find(|&i| !found.get(i as u32 + 2).is_undefined());
                    Some(listed.map_or(Script::Other, |i| Script::LISTED[i]))
                }
            })
            .collect()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native_scripts {
    use super::Script;
    use icu_properties::props::Script as Unicode;
    use icu_properties::CodePointMapData;

    pub fn scripts(text: &str) -> Vec<Option<Script>> {
        let map = CodePointMapData::<Unicode>::new();
        let listed = [
            Unicode::Latin,
            Unicode::Greek,
            Unicode::Cyrillic,
            Unicode::Armenian,
            Unicode::Georgian,
            Unicode::Hebrew,
            Unicode::Arabic,
            Unicode::Devanagari,
            Unicode::Thai,
            Unicode::Cherokee,
            Unicode::Han,
            Unicode::Hiragana,
            Unicode::Katakana,
            Unicode::Hangul,
            Unicode::Bopomofo,
        ];
        text.chars()
            .map(|c| match map.get(c) {
                Unicode::Common | Unicode::Inherited => None,
                script => Some(listed.iter().position(|s| *s == script).map_or(Script::Other, |i| Script::LISTED[i])),
            })
            .collect()
    }
}
