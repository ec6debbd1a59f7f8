//! Account Console: see and change the phone numbers and email addresses of a cloud
//! console account. `mount(element, config)` is the entry point for shells and for the
//! standalone page alike.

// Natively only the pure logic is built, for its tests; its users are on the wasm side,
// where the lint run treats unused code as an error.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

pub mod api;
pub mod config;
pub mod flows;
pub mod host_event;
pub mod i18n;
mod routes;
pub mod theme;
pub mod time;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
mod crash;
#[cfg(target_arch = "wasm32")]
mod focus;
#[cfg(target_arch = "wasm32")]
mod machine;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod router;
#[cfg(target_arch = "wasm32")]
mod task;

#[cfg(target_arch = "wasm32")]
pub use embed::{mount, MountHandle};

/// `ac-` for the first mount on a page, `ac2-`, `ac3-`, … for the next.
#[cfg(target_arch = "wasm32")]
fn next_id_prefix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static MOUNTS: AtomicU32 = AtomicU32::new(0);
    match MOUNTS.fetch_add(1, Ordering::Relaxed) {
        0 => "ac-".into(),
        n => format!("ac{}-", n + 1),
    }
}

#[cfg(target_arch = "wasm32")]
mod embed {
    use std::any::Any;
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::app::App;
    use leptos::prelude::Owner;

    use crate::config::Config;
    use crate::context::AppContext;
    use crate::crash::CrashGuard;
    use crate::i18n::Locale;
    use crate::router::Router;

    /// What `mount` returns; `unmount()` removes the app's DOM and stops its timers and
    /// listeners.
    #[wasm_bindgen]
    pub struct MountHandle {
        inner: Option<Mounted>,
    }

    /// A mounted app: its view (once drawn), the reactive root everything it runs hangs
    /// from, and the crash listener.
    struct Mounted {
        view: Rc<RefCell<View>>,
        root: Owner,
        router: Router,
        _crash: CrashGuard,
    }

    /// The app's view: not drawn yet, drawn, or gone (unmounted before it was drawn).
    enum View {
        Pending,
        Drawn(#[allow(dead_code)] Box<dyn Any>),
        Gone,
    }

    impl Drop for Mounted {
        fn drop(&mut self) {
            *self.view.borrow_mut() = View::Gone;
            // What the app left running (the router's window listeners, the clock, tasks on
            // their way) is stopped here, even where a closure still holds on to its owner.
            self.root.cleanup();
        }
    }

    #[wasm_bindgen]
    impl MountHandle {
        pub fn unmount(&mut self) {
            self.inner.take();
        }

        /// Shows the page at `path` under the base path (`/security`, or
        /// `/user-details?edit=mobile` with its dialog) without a reload, for a shell's own
        /// menu; `{ replace: true }` writes it in place of the current history entry. Throws
        /// for a path that is not one of the app's pages.
        pub fn navigate(&self, path: &str, options: JsValue) -> Result<(), JsValue> {
            let Some(mounted) = &self.inner else { return Ok(()) };
            let replace = contract::json::own_property(&options, "replace").is_some_and(|v| v.is_truthy());
            match mounted.router.navigate(path, replace) {
                true => Ok(()),
                false => Err(js_sys::Error::new(&format!("account console: no page at \"{path}\"")).into()),
            }
        }
    }

    /// Only `unmount()` removes the app: a handle the shell lets go of (garbage collected,
    /// or `free()`d) leaves it mounted.
    impl Drop for MountHandle {
        fn drop(&mut self) {
            if let Some(mounted) = self.inner.take() {
                std::mem::forget(mounted);
            }
        }
    }

    #[wasm_bindgen]
    extern "C" {
        type ComputedStyle;
        #[wasm_bindgen(js_name = getComputedStyle)]
        fn computed_style(element: &web_sys::Element) -> ComputedStyle;
        /// `undefined` in a browser without the property.
        #[wasm_bindgen(method, getter, js_name = colorScheme)]
        fn color_scheme(this: &ComputedStyle) -> Option<String>;
    }

    /// The browser's languages, most preferred first.
    fn browser_languages() -> Vec<String> {
        let navigator = web_sys::window().map(|w| w.navigator());
        let mut tags = navigator
            .as_ref()
            .map(|n| n.languages().iter().filter_map(|v| v.as_string()).collect::<Vec<_>>())
            .unwrap_or_default();
        tags.extend(navigator.and_then(|n| n.language()));
        tags
    }

    /// The config's own fields on an object with no prototype: what `Object.prototype` was
    /// given by another script (a `toJSON`, a `loginUrl`) is not read as the shell's.
    fn own_fields(config: &JsValue) -> js_sys::Object {
        let own = js_sys::Object::create(JsValue::NULL.unchecked_ref());
        if let Some(object) = config.dyn_ref::<js_sys::Object>() {
            for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
                if key == "accountResponse" || key == "messages" {
                    continue;
                }
                if let Some(value) = contract::json::own_property(config, &key) {
                    let _ = js_sys::Reflect::set(&own, &JsValue::from_str(&key), &value);
                }
            }
        }
        own
    }

    /// Mounts the app into `element`. `config` is an object with any of the fields of
    /// [`Config`], and of two that `mount` takes itself: `messages`, the catalogue of the
    /// language shown where it is not English (`i18n/<tag>.json`, by its tag), and
    /// `accountResponse`: a promise of the response to `GET {apiBase}/account` that the
    /// shell started early, which the first load then uses instead of asking again.
    ///
    /// An invalid config throws here; the app itself is drawn in the next task, so that
    /// starting it and drawing it are not one long task that input has to wait behind.
    #[wasm_bindgen]
    pub fn mount(element: web_sys::HtmlElement, config: JsValue) -> Result<MountHandle, JsValue> {
        let config_js = config;
        let account_response = contract::json::own_property(&config_js, "accountResponse")
            .and_then(|value| value.dyn_into::<js_sys::Promise>().ok());
        let json = if config_js.is_undefined() || config_js.is_null() {
            String::new()
        } else {
            js_sys::JSON::stringify(&own_fields(&config_js))?.as_string().unwrap_or_default()
        };
        let config = Config::from_json(&json).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
        let languages = browser_languages();
        let browser_locale = languages.iter().find_map(|tag| Locale::from_tag(tag)).unwrap_or_default();
        if let Some(tag) = &config.unknown_locale {
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "account console config: no locale \"{tag}\" ({} are); showing {}",
                Locale::list(),
                browser_locale.tag()
            )));
        }
        let messages = contract::json::own_property(&config_js, "messages");
        let locale = crate::i18n::catalogue::ready(config.locale.unwrap_or(browser_locale), messages.as_ref());
        let root_class = config.theme.root_class(computed_style(&element).color_scheme().as_deref());
        let crash = CrashGuard::new(element.clone(), locale, root_class);
        let root = Owner::new();
        let router = root.with(|| Router::new(&config.base_path, config.routing));
        let context =
            root.with(|| AppContext::new(config, locale, element.clone(), crate::next_id_prefix(), &languages));
        let view = Rc::new(RefCell::new(View::Pending));
        let draw = {
            let (root, view) = (root.clone(), view.clone());
            move || {
                if !matches!(*view.borrow(), View::Pending) {
                    return;
                }
                let drawn = root.with(|| {
                    leptos::mount::mount_to(
                        element,
                        move || leptos::view! { <App context=context account_response root_class/> },
                    )
                });
                *view.borrow_mut() = View::Drawn(Box::new(drawn));
            }
        };
        let window = web_sys::window().ok_or_else(|| JsValue::from(js_sys::Error::new("no window")))?;
        let draw = Closure::once_into_js(draw);
        window.set_timeout_with_callback(draw.unchecked_ref())?;
        Ok(MountHandle { inner: Some(Mounted { view, root, router, _crash: crash }) })
    }
}
