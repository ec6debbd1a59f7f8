//! Typed contexts shared by every page: configuration, the API, the language, the host
//! element, and the account as last read from the backend.

use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::api::types::Account;
use crate::api::{Api, ApiError};
use crate::config::Config;
use crate::flows::clock::{parse_rfc3339_ms, seconds_left};
use crate::flows::code::SentCode;
use crate::i18n::{Key, Locale};
use crate::task::Tasks;

/// What every component may need and that never changes while the app is mounted.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    pub api: Api,
    pub locale: Locale,
    /// The element the shell mounted the app into; typed events are dispatched on it.
    pub host: SendWrapper<web_sys::HtmlElement>,
}

impl AppContext {
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

/// The signed-in account: read once, then replaced by what each change returns.
/// Loaded with a plain task into a signal rather than a `LocalResource`: the resource
/// machinery (async derived values, transitions) costs kilobytes the app does not need.
#[derive(Clone, Copy)]
pub struct AccountStore {
    current: RwSignal<Option<Result<Account, ApiError>>>,
    /// Bumped by every load, so an older answer never overwrites a newer one.
    generation: StoredValue<u32>,
    api: StoredValue<Api>,
    /// Loads belong to the app, not to whatever button asked for them.
    tasks: StoredValue<Tasks>,
}

impl AccountStore {
    /// The account as last known; `None` while it is first loading.
    pub fn get(&self) -> Option<Result<Account, ApiError>> {
        self.current.get()
    }

    /// Subscribes the caller to every change of the account.
    pub fn track(&self) {
        self.current.track();
    }

    /// Loads the account again; the page shows "loading" meanwhile.
    pub fn refetch(&self) {
        self.load(None);
    }

    /// Loads the account, from the shell's response to the same request when it sent one.
    fn load(&self, preloaded: Option<js_sys::Promise>) {
        let store = *self;
        let generation = store.generation.get_value().wrapping_add(1);
        store.generation.set_value(generation);
        store.current.set(None);
        let api = store.api.get_value();
        store.tasks.with_value(|tasks| tasks.spawn(async move {
            let result = api.account(preloaded).await;
            if store.generation.get_value() == generation {
                store.current.set(Some(result));
            }
        }));
    }

    /// What a successful change returned is the new truth.
    pub fn set(&self, account: Account) {
        self.current.set(Some(Ok(account)));
    }

    /// A request met 401: the whole app shows the sign-in view.
    pub fn expire(&self) {
        self.current.set(Some(Err(ApiError::Unauthenticated)));
    }

    /// Routes a failed request: 401 expires the session (true); anything else is the
    /// caller's to show.
    pub fn handle(&self, error: &ApiError) -> bool {
        let expired = *error == ApiError::Unauthenticated;
        if expired {
            self.expire();
        }
        expired
    }
}

/// `preloaded`: the shell's `accountResponse`, used for the first load only.
pub fn provide_account(preloaded: Option<js_sys::Promise>) -> AccountStore {
    let app = use_app();
    let store = AccountStore {
        current: RwSignal::new(None),
        generation: StoredValue::new(0),
        api: StoredValue::new(app.api.clone()),
        tasks: StoredValue::new(Tasks::new()),
    };
    store.load(preloaded);
    let current = store.current;
    // Tell the shell once per expiry, not once per render.
    let announced = StoredValue::new(false);
    Effect::new(move |_| {
        let expired = matches!(current.get(), Some(Err(ApiError::Unauthenticated)));
        if expired && !announced.get_value() {
            announced.set_value(true);
            app.emit("session-expired", &[]);
        } else if !expired {
            announced.set_value(false);
        }
    });
    provide_context(store);
    store
}

pub fn use_account() -> AccountStore {
    expect_context::<AccountStore>()
}

/// Verification state that outlives any one dialog: the clock, codes on their way (so a
/// reopened dialog resumes with its countdown), and the identity ticket, in memory only.
#[derive(Clone, Copy)]
pub struct Verification {
    /// The server's time now, in Unix milliseconds; ticks twice a second while the app is
    /// mounted.
    pub now: RwSignal<f64>,
    sent: RwSignal<Vec<(String, SentCode)>>,
    /// Earliest next send per target when the server said "too soon" without a challenge.
    blocked: RwSignal<Vec<(String, f64)>>,
    /// Values typed in dialogs that can be closed and resumed.
    drafts: StoredValue<Vec<(String, String)>>,
    pub ticket: RwSignal<Option<String>>,
}

impl Verification {
    pub fn sent(&self, key: &str) -> Option<SentCode> {
        self.sent.with(|sent| find(sent, key).cloned())
    }

    pub fn sent_untracked(&self, key: &str) -> Option<SentCode> {
        self.sent.with_untracked(|sent| find(sent, key).cloned())
    }

    pub fn remember(&self, key: &str, code: SentCode) {
        self.sent.update(|sent| put(sent, key, code));
    }

    pub fn forget(&self, key: &str) {
        self.sent.update(|sent| sent.retain(|(k, _)| k != key));
    }

    /// Seconds until another code may be sent to `key`, from the server's `resend_at` or
    /// `Retry-After`.
    pub fn resend_wait(&self, key: &str) -> u64 {
        let now = self.now.get();
        let from_challenge = self
            .sent(key)
            .and_then(|s| parse_rfc3339_ms(&s.challenge.resend_at))
            .map_or(0, |at| seconds_left(at, now));
        let from_block = self.blocked.with(|b| find(b, key).copied()).map_or(0, |at| seconds_left(at, now));
        from_challenge.max(from_block)
    }

    pub fn draft(&self, key: &str) -> Option<String> {
        self.drafts.with_value(|drafts| find(drafts, key).cloned()).filter(|d| !d.is_empty())
    }

    pub fn set_draft(&self, key: &str, value: &str) {
        self.drafts.update_value(|drafts| put(drafts, key, value.to_string()));
    }

    pub fn block(&self, key: &str, seconds: u64) {
        let until = self.now.get_untracked() + seconds as f64 * 1000.0;
        self.blocked.update(|b| put(b, key, until));
    }
}

// A handful of entries at most: a list is smaller in the build than a hash map.
fn find<'a, T>(entries: &'a [(String, T)], key: &str) -> Option<&'a T> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn put<T>(entries: &mut Vec<(String, T)>, key: &str, value: T) {
    entries.retain(|(k, _)| k != key);
    entries.push((key.to_string(), value));
}

pub fn provide_verification() {
    // The server's clock: deadlines it sent are compared with its own time.
    let api = use_app().api;
    let now = RwSignal::new(api.now_ms());
    if let Ok(handle) = set_interval_with_handle(move || now.set(api.now_ms()), Duration::from_millis(500)) {
        on_cleanup(move || handle.clear());
    }
    provide_context(Verification {
        now,
        sent: RwSignal::new(Vec::new()),
        blocked: RwSignal::new(Vec::new()),
        drafts: StoredValue::new(Vec::new()),
        ticket: RwSignal::new(None),
    });
}

pub fn use_verification() -> Verification {
    expect_context::<Verification>()
}
