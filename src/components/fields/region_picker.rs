//! The calling-region picker of the phone field.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::phone_input::PhoneInput;
use super::region_names::regions_in_order;
use crate::components::icons::{self, Icon};
use crate::context::use_app;
use crate::i18n::Key;
use crate::regions::{region_by_iso, search, Region};

/// The calling-region picker: an ARIA 1.2 combobox with a listbox popup. Typing filters by
/// name, region code or `+code` and makes the best match active; arrows move the active
/// option, Enter, Tab, leaving the field or a click choose it, Escape closes the list.
/// The options are plain elements written when the list changes: 240 of them as views
/// would cost more code than the rest of the picker.
#[component]
pub(super) fn RegionPicker(input: PhoneInput) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let order = StoredValue::new(regions_in_order(locale));
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    // The entries the list shows, by their place in `order`.
    let shown = StoredValue::new(Vec::<usize>::new());
    let list = NodeRef::<html::Ul>::new();
    let id_prefix = StoredValue::new(app.id("region-"));
    // The region chosen before typing began, for Escape to go back to.
    let before_typing = StoredValue::new(None::<&'static Region>);
    let shown_region = move |i: usize| shown.with_value(|shown| order.with_value(|o| Some(o[*shown.get(i)?].region)));
    let id_of = move |region: &Region| format!("{}{}", id_prefix.read_value(), region.iso);
    let option_id = move |i: usize| shown_region(i).map(id_of);

    let show = move |indices: Vec<usize>, at: Option<usize>| {
        if let Some(list) = list.get_untracked() {
            list.set_text_content(None);
            let document = document();
            order.with_value(|order| {
                for entry in indices.iter().map(|i| &order[*i]) {
                    let (Ok(option), Ok(code)) = (document.create_element("li"), document.create_element("span"))
                    else {
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
            });
        }
        let any = !indices.is_empty();
        shown.set_value(indices);
        open.set(any);
        active.set(at.filter(|_| any));
    };
    let close = move || {
        open.set(false);
        active.set(None);
    };
    let show_all = move || {
        let chosen = input.region.get_untracked();
        let (all, at) = order.with_value(|o| ((0..o.len()).collect(), o.iter().position(|e| Some(e.region) == chosen)));
        show(all, Some(at.unwrap_or(0)));
    };
    let choose_active = move || {
        if let Some(region) = active.get_untracked().and_then(shown_region) {
            input.choose(region);
        }
        close();
    };
    let step = move |by: isize| {
        let count = shown.with_value(Vec::len) as isize;
        if count > 0 {
            let at = active.get_untracked().map_or(if by > 0 { 0 } else { count - 1 }, |i| i as isize + by);
            active.set(Some(at.clamp(0, count - 1) as usize));
        }
    };
    // The popup's state, written where a screen reader reads it: the field's
    // aria-expanded and aria-activedescendant, the options' aria-selected. The active
    // option is kept in sight.
    Effect::new(move |previous: Option<Option<usize>>| {
        let (is_open, now) = (open.get(), active.get());
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
        let is_open = open.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if !is_open => {
                ev.prevent_default();
                show_all();
            }
            "ArrowDown" if !ev.alt_key() => {
                ev.prevent_default();
                step(1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                step(-1);
            }
            "PageDown" | "PageUp" if is_open => {
                ev.prevent_default();
                step(if ev.key() == "PageDown" { 10 } else { -10 });
            }
            "Enter" if is_open => {
                ev.prevent_default();
                choose_active();
            }
            "Tab" if is_open => choose_active(),
            "Escape" if is_open => {
                // The list closes, not the dialog around it.
                ev.prevent_default();
                ev.stop_propagation();
                close();
                if let Some(region) = input.region.get_untracked().or(before_typing.get_value()) {
                    input.choose(region);
                }
            }
            _ => {}
        }
    };
    let on_input = move |text: String| {
        // Typing after the chosen region's name starts a new search.
        let text = match input.region.get_untracked() {
            Some(region) => {
                before_typing.set_value(Some(region));
                let label = input.region_text.get_untracked();
                text.strip_prefix(label.as_str()).filter(|rest| !rest.is_empty()).map_or(text.clone(), str::to_string)
            }
            None => text,
        };
        input.region.set(None);
        input.region_error.set(None);
        let found = order.with_value(|order| search(order, &text));
        // The best match is active, to be chosen on Enter, Tab or leaving the field; an
        // emptied field chooses nothing.
        let at = (!text.trim().is_empty()).then_some(0);
        input.region_text.set(text);
        show(found, at);
    };
    // Blur also fires while a closing dialog is removed, after its state is gone.
    let on_blur = move || {
        if open.try_get_untracked() == Some(true) {
            choose_active();
        }
        if input.region.try_get_untracked() == Some(None) && input.region_text.get_untracked().trim() != "" {
            input.region_error.set(Some(Key::NoRegionMatches));
        }
    };
    // A click on an option (the field keeps focus through it) chooses it.
    let on_pick = move |ev: web_sys::MouseEvent| {
        let option =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("li").ok()?);
        let iso = option.and_then(|o| o.get_attribute("data-iso"));
        if let Some(region) = iso.as_deref().and_then(region_by_iso) {
            input.choose(region);
            close();
        }
    };
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("region")>{app.t(Key::CountryRegion)}</label>
            <div class="ac-combobox">
                <input
                    id=app.id("region")
                    node_ref=input.region_field
                    class="ac-input"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=app.id("regions")
                    aria-expanded="false"
                    aria-invalid=move || input.region_error.get().is_some().to_string()
                    aria-describedby=format!("{} {}", app.id("region-hint"), app.id("region-error"))
                    prop:value=move || input.region_text.get()
                    on:input=move |ev| on_input(event_target_value(&ev))
                    on:keydown=on_keydown
                    on:blur=move |_| on_blur()
                    on:click=move |_| if open.get_untracked() { close() } else { show_all() }
                    on:focus=move |ev| {
                        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            el.select();
                        }
                    }
                />
                <ul
                    id=app.id("regions")
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
            <span class="ac-hint" id=app.id("region-hint")>{app.t(Key::CountryRegionHint)}</span>
            <span class="ac-field-error" id=app.id("region-error")>
                {move || {
                    input.region_error.get().map(|key| locale.format(key, &[("query", input.region_text.get().trim())]))
                }}
            </span>
        </div>
    }
}
