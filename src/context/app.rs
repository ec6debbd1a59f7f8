//! What never changes while the app is mounted: configuration, the API, the language and
//! the host element the shell gave.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::api::Api;
use crate::config::Config;
use crate::i18n::{Key, Locale};

/// What every component may need and that never changes while the app is mounted.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    pub api: Api,
    pub locale: Locale,
    /// The element the shell mounted the app into; typed events are dispatched on it.
    pub host: SendWrapper<web_sys::HtmlElement>,
    /// Starts every element id of this mount (`ac-`, then `ac2-`, …), so that two mounts
    /// on one page never share one.
    pub id_prefix: String,
}

impl AppContext {
    /// The id of the element called `name` in this mount.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.id_prefix)
    }

    pub fn t(&self, key: Key) -> &'static str {
        self.locale.text(key)
    }

    /// Dispatches `account:<name>` on the host element (see [`emit`]).
    pub fn emit(&self, name: &str, detail: &[(&str, JsValue)]) {
        emit(&self.host, name, detail);
    }

    /// Formats an RFC 3339 time as a local date (and time) in the app's language.
    pub fn format_date(&self, iso: &str, with_time: bool) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
        };
        set("dateStyle", "medium");
        if with_time {
            set("timeStyle", "short");
        }
        date.to_locale_string(self.locale.tag(), &options).into()
    }
}

/// Dispatches `account:<name>` on `host`, bubbling, with `detail` as an object of the given
/// fields.
pub fn emit(host: &web_sys::HtmlElement, name: &str, detail: &[(&str, JsValue)]) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let object = js_sys::Object::new();
    for (key, value) in detail {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    init.set_detail(&object);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&format!("account:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
}

pub fn provide_app(context: AppContext) {
    provide_context(context);
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}
