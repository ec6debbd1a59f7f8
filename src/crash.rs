//! The last line of defence. If the wasm module traps (a bug), nothing it rendered can be
//! trusted to respond any more: the host then shows a short message with a Reload link, made
//! of plain DOM, and the shell hears `account:crashed`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::emit;
use crate::i18n::{Key, Locale};

/// Listens for traps while the app is mounted; dropped by `unmount`.
pub struct CrashGuard {
    host: web_sys::HtmlElement,
    listener: Closure<dyn FnMut(JsValue)>,
}

const EVENTS: [&str; 2] = ["error", "unhandledrejection"];

impl CrashGuard {
    pub fn new(host: web_sys::HtmlElement, locale: Locale) -> CrashGuard {
        install_debug_panic_hook();
        let target = host.clone();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            // An uncaught trap reaches the page as an `error` event (from a listener or a
            // timer) or an unhandled rejection (from a promise callback).
            let error = ["error", "reason"].iter().find_map(|field| {
                js_sys::Reflect::get(&event, &JsValue::from_str(field)).ok().filter(|v| !v.is_undefined())
            });
            let Some(error) = error.filter(|e| e.is_instance_of::<js_sys::WebAssembly::RuntimeError>()) else { return };
            if target.query_selector(":scope > .ac-crash").ok().flatten().is_some() {
                return;
            }
            show(&target, locale);
            let message = error.dyn_ref::<js_sys::Error>().map(|e| JsValue::from(e.message())).unwrap_or(JsValue::NULL);
            emit(&target, "crashed", &[("message", message)]);
        });
        if let Some(window) = web_sys::window() {
            for name in EVENTS {
                let _ = window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
        }
        CrashGuard { host, listener }
    }
}

impl Drop for CrashGuard {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            for name in EVENTS {
                let _ = window.remove_event_listener_with_callback(name, self.listener.as_ref().unchecked_ref());
            }
        }
        if let Ok(Some(panel)) = self.host.query_selector(":scope > .ac-crash") {
            panel.remove();
        }
    }
}

/// Hides what the app rendered and shows the message in its place.
fn show(host: &web_sys::HtmlElement, locale: Locale) -> Option<()> {
    let document = host.owner_document()?;
    let mut child = host.first_element_child();
    while let Some(element) = child {
        let _ = element.set_attribute("hidden", "");
        child = element.next_element_sibling();
    }
    let element = |tag: &str, class: &str, text: Key| -> Option<web_sys::Element> {
        let element = document.create_element(tag).ok()?;
        element.set_class_name(class);
        element.set_text_content(Some(locale.text(text)));
        Some(element)
    };
    let panel = document.create_element("div").ok()?;
    panel.set_class_name("ac-root ac-crash");
    panel.set_attribute("role", "alert").ok()?;
    panel.set_attribute("lang", locale.tag()).ok()?;
    let title = element("h2", "ac-crash-title", Key::CrashedTitle)?;
    let body = element("p", "ac-crash-body", Key::CrashedBody)?;
    // A link to this very page: reloading needs no code of the app's.
    let reload = element("a", "ac-button ac-button-primary", Key::Reload)?;
    reload.set_attribute("href", &document.location()?.href().ok()?).ok()?;
    // Not a route of the app: the router leaves it to the browser, which reloads.
    reload.set_attribute("rel", "external").ok()?;
    for part in [&title, &body, &reload] {
        panel.append_child(part).ok()?;
    }
    host.append_child(&panel).ok()?;
    Some(())
}

/// In a debug build a panic prints its message before the module traps; the release build
/// carries no panic messages.
fn install_debug_panic_hook() {
    #[cfg(debug_assertions)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&JsValue::from_str(&info.to_string()))));
        });
    }
}
