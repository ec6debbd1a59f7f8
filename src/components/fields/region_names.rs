//! Region names from the browser's CLDR data, and every region in the order of the
//! language's alphabet.

use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Locale;
use contract::regions::{regions, Entry, Region};

/// Region names from the browser's CLDR data, except those the product gives itself.
pub(super) struct RegionNames {
    locale: Locale,
    current: js_sys::Intl::DisplayNames,
    other: js_sys::Intl::DisplayNames,
}

impl RegionNames {
    pub(super) fn new(locale: Locale) -> Self {
        let names = |locale: Locale| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
            js_sys::Intl::DisplayNames::new(&js_sys::Array::of1(&locale.tag().into()), &options)
        };
        Self { locale, current: names(locale), other: names(locale.search_also()) }
    }

    pub(super) fn entry(&self, region: &'static Region) -> Entry {
        let name = |locale: Locale, names: &js_sys::Intl::DisplayNames| -> String {
            let name =
                locale.own_region_name(region.iso).map(String::from).or_else(|| names.of(region.iso).map(String::from));
            let name = name.unwrap_or_else(|| region.iso.to_string());
            // "Saint Lucia" is found by what people type.
            match name.strip_prefix("St. ") {
                Some(rest) => format!("Saint {rest}"),
                None => name,
            }
        };
        let other = self.locale.search_also();
        Entry { region, name: name(self.locale, &self.current), other_name: name(other, &self.other) }
    }
}

/// Every region, named, in the order of the current language's alphabet (pinyin for
/// Chinese), as the browser collates it.
pub(super) fn regions_in_order(locale: Locale) -> Vec<Entry> {
    let names = RegionNames::new(locale);
    let mut entries: Vec<Entry> = regions().iter().map(|r| names.entry(r)).collect();
    let sorted: js_sys::Array = entries.iter().map(|e| JsValue::from(&e.name)).collect();
    let collator = js_sys::Intl::Collator::new(&js_sys::Array::of1(&locale.tag().into()), &js_sys::Object::new());
    let sort = js_sys::Reflect::get(&sorted, &"sort".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
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
    ordered
}
