//! Form fields: phone number with a searchable calling-code picker, email, verification
//! code. Each shows its error under the field, tied to it with `aria-describedby`.
//! Errors appear on blur and on submit, never while the first characters are typed;
//! once shown, they follow the input until it is fixed.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::icons::{self, Icon};
use crate::context::use_app;
use crate::i18n::{Key, Locale};
use crate::regions::{
    own_name, region_by_iso, region_for_e164_digits, region_of_masked, regions, search, Entry, Region,
};
use crate::validate::{normalize_code, normalize_email, parse_e164, phone_to_e164, CodeError, EmailError, PhoneError};

pub fn phone_error_key(error: PhoneError) -> Key {
    match error {
        PhoneError::Empty => Key::PhoneEmpty,
        PhoneError::BadCharacters => Key::PhoneBadCharacters,
        PhoneError::UnknownCountryCode => Key::PhoneUnknownCountryCode,
        PhoneError::WrongLength => Key::PhoneWrongLength,
        PhoneError::NotMobile => Key::PhoneNotMobile,
    }
}

pub fn email_error_key(error: EmailError) -> Key {
    match error {
        EmailError::Empty => Key::EmailEmpty,
        EmailError::MissingAt => Key::EmailMissingAt,
        EmailError::BadLocalPart => Key::EmailBadLocalPart,
        EmailError::BadDomain => Key::EmailBadDomain,
        EmailError::TooLong => Key::EmailTooLong,
        EmailError::HiddenCharacter => Key::EmailHiddenCharacter,
    }
}

pub fn code_error_key(error: CodeError) -> Key {
    match error {
        CodeError::Empty => Key::CodeEmpty,
        CodeError::NotDigits => Key::CodeNotDigits,
        CodeError::WrongLength => Key::CodeWrongLength,
    }
}

/// The state of a phone number being typed.
#[derive(Clone, Copy)]
pub struct PhoneInput {
    /// The chosen calling region; `None` while the picker's text names none.
    pub region: RwSignal<Option<&'static Region>>,
    /// What the picker shows: the chosen region, or what is typed to find one.
    pub region_text: RwSignal<String>,
    pub region_error: RwSignal<Option<Key>>,
    pub number: RwSignal<String>,
    pub error: RwSignal<Option<Key>>,
    /// The number's input element, to take focus back to.
    pub field: NodeRef<html::Input>,
    pub region_field: NodeRef<html::Input>,
    locale: Locale,
}

/// What `validate` sends: an international number as typed, else the number in the chosen
/// region, in E.164.
fn e164(number: &str, region: Option<&'static Region>) -> Result<String, PhoneError> {
    match region {
        Some(region) => phone_to_e164(region, number),
        None => parse_e164(number),
    }
}

impl PhoneInput {
    pub fn new(locale: Locale, region: &'static Region) -> Self {
        Self {
            region: RwSignal::new(Some(region)),
            region_text: RwSignal::new(RegionNames::new(locale).entry(region).label()),
            region_error: RwSignal::new(None),
            number: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            field: NodeRef::new(),
            region_field: NodeRef::new(),
            locale,
        }
    }

    /// A number that replaces `current` (masked, `+86 138****1234`) starts in its region.
    pub fn replacing(locale: Locale, current: Option<&str>, otherwise: &'static Region) -> Self {
        Self::new(locale, current.and_then(region_of_masked).unwrap_or(otherwise))
    }

    pub fn choose(&self, region: &'static Region) {
        self.region.set(Some(region));
        self.region_text.set(RegionNames::new(self.locale).entry(region).label());
        self.region_error.set(None);
    }

    /// The number in E.164, or the error to show.
    pub fn validate(&self) -> Result<String, Key> {
        let number = self.number.get_untracked();
        if number.trim_start().starts_with('+') {
            self.region_error.set(None);
        } else if self.region.get_untracked().is_none() {
            self.region_error.set(Some(Key::UnknownRegion));
            return Err(Key::UnknownRegion);
        }
        let result = e164(&number, self.region.get_untracked()).map_err(phone_error_key);
        self.error.set(result.as_ref().err().copied());
        result
    }

    /// Whether what is typed is a whole number of the chosen region (or an international
    /// one), tracked and without showing an error.
    pub fn is_complete(&self) -> bool {
        let (number, region) = (self.number.get(), self.region.get());
        (region.is_some() || number.trim_start().starts_with('+')) && e164(&number, region).is_ok()
    }

    /// What was typed, region included (`CN 138 0000 1234`): a draft to restore, and what a
    /// sent code belongs to.
    pub fn draft(&self) -> String {
        let number = self.number.get();
        match self.region_of(&number) {
            Some(region) => format!("{} {number}", region.iso),
            None => number,
        }
    }

    pub fn restore(&self, draft: &str) {
        match draft.split_once(' ').and_then(|(iso, number)| Some((region_by_iso(iso)?, number))) {
            Some((region, number)) => {
                self.choose(region);
                self.number.set(number.to_string());
            }
            None => self.number.set(draft.to_string()),
        }
    }

    /// The number as a person reads it: `+86 138 0000 1234`.
    pub fn display(&self) -> String {
        let number = self.number.get();
        match self.region_of(&number) {
            Some(region) => format!("+{}\u{a0}{}", region.dial_code, number.trim()),
            None => number,
        }
    }

    /// The chosen region, when `number` is typed in it (not empty, not international).
    fn region_of(&self, number: &str) -> Option<&'static Region> {
        self.region.get().filter(|_| !number.trim().is_empty() && !number.trim_start().starts_with('+'))
    }
}

/// Region names from the browser's CLDR data, except those the product gives itself.
struct RegionNames {
    locale: Locale,
    current: js_sys::Intl::DisplayNames,
    other: js_sys::Intl::DisplayNames,
}

impl RegionNames {
    fn new(locale: Locale) -> Self {
        let names = |locale: Locale| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
            js_sys::Intl::DisplayNames::new(&js_sys::Array::of1(&locale.tag().into()), &options)
        };
        let other = if locale == Locale::En { Locale::ZhCn } else { Locale::En };
        Self { locale, current: names(locale), other: names(other) }
    }

    fn entry(&self, region: &'static Region) -> Entry {
        let name = |locale: Locale, names: &js_sys::Intl::DisplayNames| -> String {
            let name =
                own_name(locale, region.iso).map(String::from).or_else(|| names.of(region.iso).map(String::from));
            let name = name.unwrap_or_else(|| region.iso.to_string());
            // "Saint Lucia" is found by what people type.
            match name.strip_prefix("St. ") {
                Some(rest) => format!("Saint {rest}"),
                None => name,
            }
        };
        let other = if self.locale == Locale::En { Locale::ZhCn } else { Locale::En };
        Entry { region, name: name(self.locale, &self.current), other_name: name(other, &self.other) }
    }
}

/// Every region, named, in the order of the current language's alphabet (pinyin for
/// Chinese), as the browser collates it.
fn regions_in_order(locale: Locale) -> Vec<Entry> {
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

/// The calling-region picker: an ARIA 1.2 combobox with a listbox popup. Typing filters by
/// name, region code or `+code` and makes the best match active; arrows move the active
/// option, Enter, Tab, leaving the field or a click choose it, Escape closes the list.
/// The options are plain elements written when the list changes: 240 of them as views
/// would cost more code than the rest of the picker.
#[component]
fn RegionPicker(input: PhoneInput) -> impl IntoView {
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
        let iso = option.map(|o| o.id()).and_then(|id| id.strip_prefix(&id_prefix.get_value()).map(str::to_string));
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

#[component]
pub fn PhoneField(input: PhoneInput, label: Key, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let app = use_app();
    let revalidate = move || {
        if input.error.get_untracked().is_some() {
            let _ = input.validate();
        }
    };
    // A pasted international number picks its region and keeps the national part.
    let on_number = move |value: String| {
        let trimmed = value.trim_start();
        if let Some(rest) = trimmed.strip_prefix('+') {
            let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
            if let Some(region) = region_for_e164_digits(&digits).filter(|r| digits.len() > r.dial_code.len() + 3) {
                input.choose(region);
                let mut skip = region.dial_code.len();
                let national: String = rest
                    .chars()
                    .skip_while(|c| {
                        if skip == 0 {
                            return c.is_whitespace() || *c == '-';
                        }
                        if c.is_ascii_digit() {
                            skip -= 1;
                        }
                        true
                    })
                    .collect();
                input.number.set(national);
                revalidate();
                return;
            }
        }
        input.number.set(value);
        revalidate();
    };
    let error_text = move || input.error.get().map(|key| app.locale.text(key));
    view! {
        <RegionPicker input=input/>
        <div class="ac-field">
            <label class="ac-label" for=app.id("phone")>{app.t(label)}</label>
            <input
                id=app.id("phone")
                node_ref=input.field
                class="ac-input"
                type="tel"
                inputmode="tel"
                autocomplete="tel-national"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("phone-hint"), app.id("phone-error"))
                prop:value=move || input.number.get()
                on:input=move |ev| on_number(event_target_value(&ev))
                // Blur also fires while a closing dialog is removed, after its state is gone.
                on:blur=move |_| {
                    if input.number.try_get_untracked().is_some_and(|n| !n.trim().is_empty()) {
                        let _ = input.validate();
                    }
                }
            />
            <span class="ac-hint" id=app.id("phone-hint")>{hint}</span>
            <span class="ac-field-error" id=app.id("phone-error")>{error_text}</span>
        </div>
    }
}

#[derive(Clone, Copy)]
pub struct EmailInput {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<Key>>,
    /// The input element, to take focus back to.
    pub field: NodeRef<html::Input>,
}

impl Default for EmailInput {
    fn default() -> Self {
        Self::new()
    }
}

impl EmailInput {
    pub fn new() -> Self {
        Self { value: RwSignal::new(String::new()), error: RwSignal::new(None), field: NodeRef::new() }
    }

    pub fn validate(&self) -> Result<String, Key> {
        let result = normalize_email(&self.value.get_untracked()).map_err(email_error_key);
        self.error.set(result.as_ref().err().copied());
        result
    }
}

#[component]
pub fn EmailField(input: EmailInput, label: Key, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("email")>{app.t(label)}</label>
            <input
                id=app.id("email")
                node_ref=input.field
                class="ac-input"
                type="email"
                autocomplete="email"
                spellcheck="false"
                aria-invalid=move || input.error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("email-hint"), app.id("email-error"))
                prop:value=move || input.value.get()
                on:input=move |ev| {
                    input.value.set(event_target_value(&ev));
                    if input.error.get_untracked().is_some() {
                        let _ = input.validate();
                    }
                }
                on:blur=move |_| {
                    if input.value.try_get_untracked().is_some_and(|v| !v.trim().is_empty()) {
                        let _ = input.validate();
                    }
                }
            />
            <span class="ac-hint" id=app.id("email-hint")>{hint}</span>
            <span class="ac-field-error" id=app.id("email-error")>{move || input.error.get().map(|k| locale.text(k))}</span>
        </div>
    }
}

/// One real input for a one-time code: SMS autofill and paste work, spaces and dashes
/// are dropped. Where the code only proves something (`on_complete` given), a complete code
/// submits once; where submitting commits a change, only OK or Enter does (WCAG 3.2.2).
#[component]
pub fn CodeField(
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(into, default = None)] on_complete: Option<Callback<String>>,
    #[prop(into)] disabled: Signal<bool>,
    /// Digits in a complete code, from the challenge.
    length: usize,
) -> impl IntoView {
    let app = use_app();
    let hint = if on_complete.is_some() { Key::CodeHintAuto } else { Key::CodeHint };
    view! {
        <div class="ac-field">
            <label class="ac-label" for=app.id("code")>{app.t(Key::CodeLabel)}</label>
            <input
                id=app.id("code")
                class="ac-input ac-input-code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                maxlength="12"
                spellcheck="false"
                disabled=move || disabled.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=format!("{} {}", app.id("code-hint"), app.id("code-error"))
                prop:value=move || value.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
                    // A code submits when it becomes complete: typed, pasted, or typed again
                    // into a field the step emptied.
                    let before = normalize_code(&value.get_untracked(), length).ok();
                    value.set(digits.clone());
                    if let (Some(on_complete), Ok(code)) = (on_complete, normalize_code(&digits, length)) {
                        if before.as_ref() != Some(&code) {
                            on_complete.run(code);
                        }
                    }
                }
            />
            <span class="ac-hint" id=app.id("code-hint")>{app.locale.format(hint, &[("n", &length.to_string())])}</span>
            <span class="ac-field-error" id=app.id("code-error") role="alert">{move || error.get()}</span>
        </div>
    }
}

/// A form-level error, announced when it appears.
#[component]
pub fn ErrorText(#[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="ac-error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p> }
}
