//! The catalogues in the browser: English built in (`en.txt`); the Chinese ones not part of
//! the wasm, but given to `mount` as `messages: { 'zh-CN': <i18n/zh-CN.json> }` by the shell,
//! once per page and language.

use super::{Key, Locale};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The English texts, a line each in key order.
    static ENGLISH: Box<[&'static str]> = include_str!("en.txt").split('\n').collect();
    /// The texts of zh-CN and zh-Hant, once given: kept for the page's life, as every mount
    /// in that language reads them.
    static GIVEN: [Cell<Option<&'static [&'static str]>>; 2] = const { [Cell::new(None), Cell::new(None)] };
}

fn slot(locale: Locale) -> Option<usize> {
    match locale {
        Locale::En => None,
        Locale::ZhCn => Some(0),
        Locale::ZhHant => Some(1),
    }
}

fn texts(locale: Locale) -> Option<&'static [&'static str]> {
    GIVEN.with(|given| given[slot(locale)?].get())
}

/// `key` in `locale`, else in English (`mount` shows English where a catalogue was not given).
pub(super) fn text(locale: Locale, key: Key) -> &'static str {
    match texts(locale) {
        Some(texts) => texts[key as usize],
        None => ENGLISH.with(|english| english[key as usize]),
    }
}

/// The language a mount shows: `locale` where its texts are here or in `messages` (the
/// config's field), else English, with a console warning that says what to pass.
pub fn ready(locale: Locale, messages: Option<&JsValue>) -> Locale {
    if slot(locale).is_none() || texts(locale).is_some() {
        return locale;
    }
    let tag = locale.tag();
    let given = messages.and_then(|messages| contract::json::own_property(messages, tag));
    if given.is_some_and(|catalogue| give(locale, &catalogue)) {
        return locale;
    }
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "account console config: no messages[\"{tag}\"] of this build (its i18n/{tag}.json); showing en"
    )));
    Locale::En
}

/// Keeps `catalogue`'s texts for `locale` if it is one of this build's: its `keys` the
/// fingerprint of these keys, and a text for each.
pub fn give(locale: Locale, catalogue: &JsValue) -> bool {
    let field = |name| contract::json::own_property(catalogue, name).unwrap_or(JsValue::UNDEFINED);
    if field("keys").as_f64() != Some(f64::from(Key::FINGERPRINT)) {
        return false;
    }
    let Ok(list) = field("text").dyn_into::<js_sys::Array>() else { return false };
    let texts: Option<Vec<&'static str>> =
        list.iter().map(|text| text.as_string().map(|text| &*Box::leak(text.into_boxed_str()))).collect();
    match (texts, slot(locale)) {
        (Some(texts), Some(slot)) if texts.len() == Key::COUNT => {
            let texts: &'static [&'static str] = Box::leak(texts.into_boxed_slice());
            GIVEN.with(|given| given[slot].set(Some(texts)));
            true
        }
        _ => false,
    }
}
