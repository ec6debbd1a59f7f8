//! Region names from the browser's CLDR data, and every region in the order of the
//! language's alphabet: made once per language, ahead of the first phone field.
//!
//! Opening the browser's region names (`Intl.DisplayNames`) takes tens of milliseconds on a
//! slow phone the first time, and naming and sorting 240 regions more: done on the click
//! that opens a dialog, the dialog would answer late. [`prepare`] does it while the browser
//! is idle, a piece at a time; whatever is not ready yet is made when it is first needed.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Locale;
use contract::regions::{regions, Entry, Region};

#[wasm_bindgen]
extern "C" {
    /// `Intl.DisplayNames`, undefined where the browser has none.
    #[wasm_bindgen(thread_local_v2, js_namespace = Intl, js_name = DisplayNames)]
    static DISPLAY_NAMES: JsValue;
}

thread_local! {
    /// Each language's regions in order, by `Locale as usize`, once made.
    static ORDERED: [Cell<Option<&'static [Entry]>>; Locale::ALL.len()] = const { [const { Cell::new(None) }; Locale::ALL.len()] };
}

/// The browser's region names in `locale`. The first made on a page opens the browser's
/// CLDR data (tens of milliseconds on a slow phone); the others cost next to nothing.
fn display_names(locale: Locale) -> js_sys::Intl::DisplayNames {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
    js_sys::Intl::DisplayNames::new(&js_sys::Array::of1(&locale.tag().into()), &options)
}

/// The name of `region` in `locale`: the product's own where it gives one, else CLDR's
/// (`names`, in `locale`).
fn name(locale: Locale, names: &js_sys::Intl::DisplayNames, iso: &str) -> String {
    let name = locale
        .own_region_name(iso)
        .map(String::from)
        .or_else(|| names.of(iso).map(String::from))
        .unwrap_or_else(|| iso.to_string());
    // "Saint Lucia" is found by what people type.
    match name.strip_prefix("St. ") {
        Some(rest) => format!("Saint {rest}"),
        None => name,
    }
}

/// What the picker shows for `region`: `China mainland +86`.
pub(super) fn label(locale: Locale, region: &'static Region) -> String {
    format!("{} +{}", name(locale, &display_names(locale), region.iso), region.dial_code)
}

/// The name of the region whose ISO 3166-1 code is `iso`, in `locale`.
pub fn region_name(locale: Locale, iso: &str) -> String {
    name(locale, &display_names(locale), iso)
}

/// Every region, named, in the order of the current language's alphabet (pinyin for
/// Chinese), as the browser collates it; made once per language, kept for the page's life.
pub(super) fn regions_in_order(locale: Locale) -> &'static [Entry] {
    let made = ORDERED.with(|o| o[locale as usize].get());
    made.unwrap_or_else(|| {
        let other = locale.search_also();
        let names = (display_names(locale), display_names(other));
        let entry = |region: &'static Region| Entry {
            region,
            name: name(locale, &names.0, region.iso),
            other_name: name(other, &names.1, region.iso),
        };
        let mut entries: Vec<Entry> = regions().iter().map(entry).collect();
        let sorted: js_sys::Array = entries.iter().map(|e| JsValue::from(&e.name)).collect();
        let collator = js_sys::Intl::Collator::new(&js_sys::Array::of1(&locale.tag().into()), &js_sys::Object::new());
        let sort =
            js_sys::Reflect::get(&sorted, &"sort".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(sort) = sort {
            let _ = sort.call1(&sorted, &collator.compare());
        }
        let mut ordered = Vec::with_capacity(entries.len());
        for name in sorted.iter().filter_map(|n| n.as_string()) {
            if let Some(at) = entries.iter().position(|e| e.name == name) {
                ordered.push(entries.swap_remove(at));
            }
        }
        ordered.append(&mut entries);
        let ordered: &'static [Entry] = Vec::leak(ordered);
        ORDERED.with(|o| o[locale as usize].set(Some(ordered)));
        ordered
    })
}

/// Makes `locale`'s region names and order while the browser is idle (the CLDR data, then
/// the names in order: one piece per idle period), then runs `then` in an idle period of its
/// own. Nothing at all where the browser has no region names: a phone field then fails where
/// it opens (the crash panel), not while a page is being read.
pub fn prepare(locale: Locale, then: Box<dyn FnOnce()>) {
    if DISPLAY_NAMES.with(JsValue::is_function) {
        prepare_piece(locale, 0, then);
    }
}

fn prepare_piece(locale: Locale, piece: u8, then: Box<dyn FnOnce()>) {
    crate::task::when_idle(move || {
        match piece {
            0 => drop(display_names(locale)),
            1 => _ = regions_in_order(locale),
            _ => return then(),
        }
        prepare_piece(locale, piece + 1, then);
    });
}
