//! What never changes while the app is mounted: configuration, the API, the language and
//! the host element the shell gave.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::api::Api;
use crate::config::Config;
use crate::host_event::{Field, HostEvent};
use crate::i18n::{Key, LocalTime, Locale};
use contract::regions::Region;

/// What every component may need and that never changes while the app is mounted: a
/// `Copy` handle, so closures take it as they take a signal.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub locale: Locale,
    parts: StoredValue<Parts>,
}

struct Parts {
    config: Config,
    api: Api,
    /// The element the shell mounted the app into; typed events are dispatched on it.
    host: SendWrapper<web_sys::HtmlElement>,
    /// Starts every element id of this mount (`ac-`, then `ac2-`, …), so that two mounts
    /// on one page never share one.
    id_prefix: String,
    /// Component instances that asked for ids of their own so far (see [`AppContext::ids`]).
    instances: std::sync::atomic::AtomicU32,
    /// Work the app owns: it goes on when the dialog or page that started it goes away,
    /// and ends with the mount.
    tasks: SendWrapper<crate::task::Tasks>,
    /// The calling region a new mobile number starts with: the config's, else the
    /// browser languages' (see [`Config::phone_region`]).
    phone_region: &'static Region,
}

impl AppContext {
    /// Made under the mount's owner, which disposes of it on unmount.
    pub fn new(
        config: Config,
        locale: Locale,
        host: web_sys::HtmlElement,
        id_prefix: String,
        languages: &[String],
    ) -> Self {
        let parts = Parts {
            api: Api::new(&config, locale.tag()),
            phone_region: config.phone_region(languages),
            config,
            host: SendWrapper::new(host),
            id_prefix,
            instances: Default::default(),
            tasks: SendWrapper::new(crate::task::Tasks::new()),
        };
        Self { locale, parts: StoredValue::new(parts) }
    }

    /// Starts `work` on the app's behalf (see [`Parts::tasks`]).
    pub fn spawn(&self, work: impl std::future::Future<Output = ()> + 'static) {
        self.parts.with_value(|p| p.tasks.spawn(work));
    }

    /// The id of the element called `name` in this mount: for what a page has once (its
    /// cards' and notices' headings, the dialog's title).
    pub fn id(&self, name: &str) -> String {
        self.parts.with_value(|p| format!("{}{name}", p.id_prefix))
    }

    /// Ids for one component instance, which no other instance shares: two fields of the
    /// same kind in one dialog (the identity code and the new value's code) label and
    /// describe their own inputs.
    pub fn ids(&self) -> Ids {
        self.parts.with_value(|p| {
            let n = p.instances.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            Ids(format!("{}{n}-", p.id_prefix))
        })
    }

    /// The backend (a handle: clones share the server's clock).
    pub fn api(&self) -> Api {
        self.parts.with_value(|p| p.api.clone())
    }

    pub fn config<R>(&self, read: impl FnOnce(&Config) -> R) -> R {
        self.parts.with_value(|p| read(&p.config))
    }

    pub fn host(&self) -> web_sys::HtmlElement {
        self.parts.with_value(|p| (*p.host).clone())
    }

    pub fn phone_region(&self) -> &'static Region {
        self.parts.with_value(|p| p.phone_region)
    }

    pub fn t(&self, key: Key) -> &'static str {
        self.locale.text(key)
    }

    /// Dispatches `event` on the host element (see [`emit`]).
    pub fn emit(&self, event: HostEvent) {
        let _ = self.parts.try_with_value(|p| emit(&p.host, &event));
    }

    /// Who was told of a change, in the words of `key` ("A notice was sent to {to}." after a
    /// change, "Notice sent to {to}" in Recent changes); none when nobody was.
    pub fn told(&self, key: Key, notices: &[contract::NoticeSent]) -> Option<String> {
        let told: Vec<&str> = notices.iter().map(|n| n.masked.as_str()).collect();
        (!told.is_empty()).then(|| self.locale.format(key, &[("to", &self.locale.join(&told))]))
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

/// The element ids of one component instance (see [`AppContext::ids`]).
#[derive(Clone, Debug)]
pub struct Ids(String);

impl Ids {
    /// The id of this instance's element called `name`.
    pub fn of(&self, name: &str) -> String {
        format!("{}{name}", self.0)
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
