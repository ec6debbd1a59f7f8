//! The calling-region picker of the phone field.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::phone_input::PhoneInput;
use super::region_names::regions_in_order;
use crate::components::icons::{self, Icon};
use crate::context::use_app;
use crate::flows::combobox::{next, query, ListEffect, ListEvent, ListKey, ListState};
use crate::i18n::Key;
use crate::task::when_idle;
use contract::regions::{region_by_iso, search, Region};

/// The calling-region picker: an ARIA 1.2 combobox with a listbox popup. Typing filters by
/// name, region code or `+code` and makes the best match active; arrows move the active
/// option, Enter, Tab, leaving the field or a click choose it, Escape closes the list.
/// The options are plain elements written when the list changes: 240 of them as views
/// would cost more code than the rest of the picker.
#[component]
pub(super) fn RegionPicker(input: PhoneInput) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let ids = app.ids();
    let order = regions_in_order(locale);
    let list_state = RwSignal::new(ListState::new(order.len()));
    let list = NodeRef::<html::Ul>::new();
    let id_prefix = StoredValue::new(ids.of("region-"));
    let id_of = move |region: &Region| format!("{}{}", id_prefix.read_value(), region.iso);
    let region_at = move |entry: usize| order.get(entry).map(|e| e.region);
    let option_id = move |place: usize| list_state.with_untracked(|s| s.entry(place)).and_then(region_at).map(id_of);
    // The chosen region's place in the list of all.
    let chosen = move || {
        let region = input.region.get_untracked()?;
        order.iter().position(|e| e.region == region)
    };

    // The options, written as plain elements.
    let write_list = move || {
        let Some(list) = list.get_untracked() else { return };
        list.set_text_content(None);
        let document = document();
        let shown = list_state.with_untracked(|s| s.shown.clone());
        for entry in shown.iter().filter_map(|i| order.get(*i)) {
            let (Ok(option), Ok(code)) = (document.create_element("li"), document.create_element("span")) else {
                continue;
            };
            option.set_id(&id_of(entry.region));
            option.set_class_name("ac-option");
            let _ = option.set_attribute("data-iso", entry.region.iso);
            let _ = option.set_attribute("role", "option");
            let _ = option.set_attribute("aria-selected", "false");
            option.set_text_content(Some(&format!("{} ", entry.name)));
            code.set_class_name("ac-option-code");
            code.set_text_content(Some(&format!("+{}", entry.region.dial_code)));
            let _ = option.append_child(&code);
            let _ = list.append_child(&option);
        }
    };
    // Applies `event`; a key the list kept goes no further. Nothing happens once the field
    // is gone (blur also fires while a closing dialog is removed).
    let run = move |event: ListEvent, key: Option<&web_sys::KeyboardEvent>| {
        let Some(effects) = list_state.try_update(|state| {
            let (after, effects) = next(state, event);
            *state = after;
            effects
        }) else {
            return;
        };
        for effect in effects {
            match effect {
                ListEffect::List => write_list(),
                ListEffect::Choose(entry) => {
                    if let Some(region) = region_at(entry) {
                        input.choose(region);
                    }
                }
                ListEffect::Search(text) => {
                    input.unchoose();
                    input.region_error.set(None);
                    input.region_text.set(text);
                }
                ListEffect::KeepKey => {
                    if let Some(key) = key {
                        key.prevent_default();
                        key.stop_propagation();
                    }
                }
                ListEffect::NoMatch => input.region_error.set(Some(Key::NoRegionMatches)),
            }
        }
    };
    // The list of all is written while the browser is idle: the click that opens it then
    // only shows it. Nothing happens once the picker is gone.
    when_idle(move || run(ListEvent::Idle, None));
    // The popup's state, written where a screen reader reads it: the field's
    // aria-expanded and aria-activedescendant, the options' aria-selected. The active
    // option is kept in sight.
    Effect::new(move |previous: Option<Option<usize>>| {
        let (is_open, now) = list_state.with(|s| (s.open, s.active));
        let (Some(field), Some(list)) = (input.region_field.get(), list.get()) else { return now };
        list.set_hidden(!is_open);
        let _ = field.set_attribute("aria-expanded", if is_open { "true" } else { "false" });
        let option = |i: Option<usize>| {
            let id = option_id(i?)?;
            list.query_selector(&format!("[id=\"{id}\"]")).ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()
        };
        if let Some(before) = option(previous.flatten()) {
            let _ = before.set_attribute("aria-selected", "false");
        }
        match option(now) {
            Some(option) => {
                let _ = option.set_attribute("aria-selected", "true");
                let _ = field.set_attribute("aria-activedescendant", &option.id());
                let (top, bottom) = (option.offset_top(), option.offset_top() + option.offset_height());
                if top < list.scroll_top() {
                    list.set_scroll_top(top);
                } else if bottom > list.scroll_top() + list.client_height() {
                    list.set_scroll_top(bottom - list.client_height());
                }
            }
            None => {
                let _ = field.remove_attribute("aria-activedescendant");
            }
        }
        now
    });

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if let Some(key) = ListKey::parse(&ev.key(), ev.alt_key()) {
            run(ListEvent::Key { key, chosen: chosen() }, Some(&ev));
        }
    };
    let on_input = move |text: String| {
        let label = input.region.get_untracked().map(|_| input.region_text.get_untracked());
        let query = query(&text, label.as_deref());
        let found = search(order, &query);
        run(ListEvent::Typed { query, found, chosen: chosen() }, None);
    };
    let on_blur = move || {
        let Some(text) = input.region_text.try_get_untracked() else { return };
        run(ListEvent::Left { chosen: chosen(), text_empty: text.trim().is_empty() }, None);
    };
    // A click on an option (the field keeps focus through it) chooses it.
    let on_pick = move |ev: web_sys::MouseEvent| {
        let option =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("li").ok()?);
        let region = option.and_then(|o| o.get_attribute("data-iso")).as_deref().and_then(region_by_iso);
        let entry = region.and_then(|region| order.iter().position(|e| e.region == region));
        if let Some(entry) = entry {
            run(ListEvent::Picked(entry), None);
        }
    };
    view! {
        <div class="ac-field">
            <label class="ac-label" for=ids.of("region")>{app.t(Key::CountryRegion)}</label>
            <div class="ac-combobox">
                <input
                    id=ids.of("region")
                    node_ref=input.region_field
                    class="ac-input"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=ids.of("regions")
                    aria-expanded="false"
                    aria-invalid=move || input.region_error.get().is_some().to_string()
                    aria-describedby=format!("{} {}", ids.of("region-hint"), ids.of("region-error"))
                    prop:value=move || input.region_text.get()
                    on:input=move |ev| on_input(event_target_value(&ev))
                    on:keydown=on_keydown
                    on:blur=move |_| on_blur()
                    on:click=move |_| run(ListEvent::Clicked { chosen: chosen() }, None)
                    on:focus=move |ev| {
                        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            el.select();
                        }
                    }
                />
                <ul
                    id=ids.of("regions")
                    node_ref=list
                    class="ac-listbox"
                    role="listbox"
                    aria-label=app.t(Key::CountryRegion)
                    hidden
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=on_pick
                ></ul>
                <Icon path=icons::EXPAND/>
            </div>
            <span class="ac-hint" id=ids.of("region-hint")>{app.t(Key::CountryRegionHint)}</span>
            <span class="ac-field-error" id=ids.of("region-error")>
                {move || {
                    input.region_error.get().map(|key| locale.format(key, &[("query", input.region_text.get().trim())]))
                }}
            </span>
        </div>
    }
}
