//! The Unicode the rules of what people type need: normalization, hidden characters, the
//! ASCII form of a domain, each character's script. The browser has all of it built in
//! (`normalize`, `\p{…}` classes, the URL parser), so the app ships no tables of its own;
//! natively (dev-api, the unit tests) ICU4X and `idna` take the same steps by the same
//! standards. The component tests check the browser against the native answers.

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::*;
#[cfg(target_arch = "wasm32")]
pub(crate) use browser_scripts::scripts_mask;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::*;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native_scripts::scripts_mask;

/// The scripts a label is checked for, each a bit of a mask (see [`scripts_mask`]). A letter
/// of a script not listed counts as `Other`: two unlisted scripts in one label pass, each of
/// them beside a listed one does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
// Named for their bits: the browser's pattern and ICU4X's list give them in this order.
#[allow(dead_code)]
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
    pub const fn bit(self) -> u32 {
        1 << self as u32
    }
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
/// The scripts of `text`'s letters, as a mask of [`Script::bit`]s (digits, punctuation and
/// marks, which any script uses, add none): one pattern, a group per listed script, in the
/// order of [`Script`], and the browser's Unicode data decides.
#[cfg(target_arch = "wasm32")]
mod browser_scripts {
    use super::Script;

    // Scripts by their ISO 15924 codes (`sc=Latn`): Common, Inherited, then each listed one.
    const PATTERN: &str = r"^(?:(\p{sc=Zyyy}|\p{sc=Zinh})|(\p{sc=Latn})|(\p{sc=Grek})|(\p{sc=Cyrl})|(\p{sc=Armn})|(\p{sc=Geor})|(\p{sc=Hebr})|(\p{sc=Arab})|(\p{sc=Deva})|(\p{sc=Thai})|(\p{sc=Cher})|(\p{sc=Hani})|(\p{sc=Hira})|(\p{sc=Kana})|(\p{sc=Hang})|(\p{sc=Bopo}))$";

    pub fn scripts_mask(text: &str) -> u32 {
        let regex = js_sys::RegExp::new(PATTERN, "u");
        let mut mask = 0;
        for c in text.chars() {
            let mut one = [0u8; 4];
            let found = match regex.exec(c.encode_utf8(&mut one)) {
                None => Script::Other as u32,
                Some(found) if !found.get(1).is_undefined() => continue,
                Some(found) => {
                    (2..=16).find(|&group| !found.get(group).is_undefined()).map_or(Script::Other as u32, |g| g - 2)
                }
            };
            mask |= 1 << found;
        }
        mask
    }
}

/// The same natively, by ICU4X's Script property.
#[cfg(not(target_arch = "wasm32"))]
mod native_scripts {
    use super::Script;
    use icu_properties::props::Script as Unicode;
    use icu_properties::CodePointMapData;

    /// In the order of [`Script`].
    const LISTED: [Unicode; 15] = [
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

    pub fn scripts_mask(text: &str) -> u32 {
        let map = CodePointMapData::<Unicode>::new();
        text.chars().fold(0, |mask, c| match map.get(c) {
            Unicode::Common | Unicode::Inherited => mask,
            script => mask | 1 << LISTED.iter().position(|s| *s == script).unwrap_or(Script::Other as usize),
        })
    }
}
