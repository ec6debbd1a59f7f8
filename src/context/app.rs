//! What never changes while the app is mounted: configuration, the API, the language and
//! the host element the shell gave.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::api::Api;
use crate::config::Config;
use crate::host_event::{Field, HostEvent};
use crate::i18n::{Key, LocalTime, Locale};
use crate::regions::Region;

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
    /// The browser's languages, most preferred first: with the config, they choose the
    /// calling region a new mobile number starts with.
    pub languages: Vec<String>,
}

impl AppContext {
    /// The id of the element called `name` in this mount.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.id_prefix)
    }

    /// The calling region a new mobile number starts with (see [`Config::phone_region`]).
    pub fn phone_region(&self) -> &'static Region {
        self.config.phone_region(&self.languages)
    }

    pub fn t(&self, key: Key) -> &'static str {
        self.locale.text(key)
    }

    /// Dispatches `event` on the host element (see [`emit`]).
    pub fn emit(&self, event: HostEvent) {
        emit(&self.host, &event);
    }

    /// The local date and time `seconds` from now, as the app writes times.
    pub fn time_after(&self, seconds: u64) -> String {
        let then = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + seconds as f64 * 1000.0));
        self.locale.format_date(local_time(&then), true)
    }

    /// Formats an RFC 3339 time as a date (and time) of the user's time zone, in the app's
    /// language; what is not a time is shown as it came.
    pub fn format_date(&self, iso: &str, with_time: bool) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        self.locale.format_date(local_time(&date), with_time)
    }
}

/// A date's fields in the user's time zone.
fn local_time(date: &js_sys::Date) -> LocalTime {
    LocalTime {
        year: date.get_full_year() as i32,
        month: date.get_month() as u8 + 1,
        day: date.get_date() as u8,
        hour: date.get_hours() as u8,
        minute: date.get_minutes() as u8,
    }
}

/// Dispatches `account:<name>` of `event` on `host`, bubbling, with its detail as an object.
pub fn emit(host: &web_sys::HtmlElement, event: &HostEvent) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let object = js_sys::Object::new();
    event.detail(|key, value| {
        let value = match value {
            Field::Text(text) => JsValue::from_str(text),
            Field::Flag(flag) => JsValue::from_bool(flag),
            Field::Null => JsValue::NULL,
        };
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    });
    init.set_detail(&object);
    let name = format!("account:{}", event.name());
    if let Ok(custom) = web_sys::CustomEvent::new_with_event_init_dict(&name, &init) {
        let _ = host.dispatch_event(&custom);
    }
}

pub fn provide_app(context: AppContext) {
    provide_context(context);
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}
