//! The last line of defence. If the wasm module traps (a bug), or an error thrown by the
//! app's own code goes uncaught (an API the browser lacks), nothing it rendered can be
//! trusted to respond any more: the host then shows a short message with a Reload link, made
//! of plain DOM, and the shell hears `account:crashed`. Errors of the shell's own scripts
//! are left alone.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::emit;
use crate::host_event::HostEvent;
use crate::i18n::{Key, Locale};

/// Listens for traps while the app is mounted; dropped by `unmount`.
pub struct CrashGuard {
    host: web_sys::HtmlElement,
    listener: Closure<dyn FnMut(JsValue)>,
}

const EVENTS: [&str; 2] = ["error", "unhandledrejection"];

impl CrashGuard {
    /// `root_class`: the app root's classes (its theme), which the message takes too.
    pub fn new(host: web_sys::HtmlElement, locale: Locale, root_class: &'static str) -> CrashGuard {
        install_debug_panic_hook();
        let target = host.clone();
        let glue = own_script();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            // An uncaught trap reaches the page as an `error` event (from a listener or a
            // timer) or an unhandled rejection (from a promise callback).
            let error = ["error", "reason"].iter().find_map(|field| {
                js_sys::Reflect::get(&event, &JsValue::from_str(field)).ok().filter(|v| !v.is_undefined())
            });
            let Some(error) = error.filter(|e| is_own(e, glue.as_deref())) else { return };
            if target.query_selector(":scope > .ac-crash").ok().flatten().is_some() {
                return;
            }
            show(&target, locale, root_class);
            let message = error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
            emit(&target, &HostEvent::Crashed { message });
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

/// The address of the app's JavaScript module, read off the stack of an error made by it.
fn own_script() -> Option<String> {
    script_of(frames(&js_sys::Error::new("").into())?.first()?)
}

/// The frames of `error`'s stack, innermost first, without Chromium's leading message line.
fn frames(error: &JsValue) -> Option<Vec<String>> {
    let stack = js_sys::Reflect::get(error, &JsValue::from_str("stack")).ok()?.as_string()?;
    let chromium = stack.lines().any(|line| line.trim_start().starts_with("at "));
    Some(
        stack
            .lines()
            .filter(|line| !chromium || line.trim_start().starts_with("at "))
            .filter(|line| line.contains("://") || line.contains("wasm-function"))
            .map(str::to_string)
            .collect(),
    )
}

/// The script address in one line of a stack trace (Chromium `at f (URL:1:2)`, Firefox and
/// Safari `f@URL:1:2`), without its line and column.
fn script_of(frame: &str) -> Option<String> {
    let scheme_end = frame.find("://")?;
    let start = frame[..scheme_end].rfind(|c: char| !c.is_ascii_alphanumeric()).map_or(0, |i| i + 1);
    let rest = &frame[start..];
    let end = rest.find(".js").map(|i| i + 3).or_else(|| rest.find(".wasm").map(|i| i + 5))?;
    Some(rest[..end].to_string())
}

/// Whether `error` came from the app: a wasm trap, or an error whose innermost frame is the
/// app's wasm or its module's glue.
fn is_own(error: &JsValue, glue: Option<&str>) -> bool {
    if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
        return true;
    }
    let Some(top) = frames(error).and_then(|frames| frames.into_iter().next()) else { return false };
    top.contains("wasm-function") || glue.is_some_and(|glue| top.contains(glue))
}

/// Hides what the app rendered and shows the message in its place.
fn show(host: &web_sys::HtmlElement, locale: Locale, root_class: &str) -> Option<()> {
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
    panel.set_class_name(&format!("{root_class} ac-crash"));
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
