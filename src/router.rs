//! The app's own router: the address is read into a [`Route`] and written from one, links
//! inside the app are followed without a reload, Back and Forward work. Three pages and a
//! query parameter need no more; [`Route::parse`] is the only parser of addresses.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::under_base;
use crate::routes::Route;

#[derive(Clone, Copy)]
pub struct Router {
    /// What the address shows; `None` for an address that is not one of the app's.
    route: RwSignal<Option<Route>>,
    base: StoredValue<String>,
}

impl Router {
    /// The route shown, tracked.
    pub fn current(&self) -> Option<Route> {
        self.route.get()
    }

    /// Shows `route` and writes it in the address bar: a new history entry, or in place of
    /// the current one (`replace`, for closing a dialog).
    pub fn go(&self, route: Route, replace: bool) {
        let url = self.base.with_value(|base| under_base(base, &route.href()));
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            };
        }
        let other_page = self.route.get_untracked().map(Route::page) != Some(route.page());
        self.route.set(Some(route));
        if other_page {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }

    /// Follows a click on a link to a page of the app without reloading. Anything a browser
    /// should do itself stays its own: modified or middle clicks, other targets, downloads,
    /// `rel="external"`, other origins, addresses that are not the app's.
    pub fn follow(&self, ev: &web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !link.target().is_empty() || link.has_attribute("download") || link.rel().split(' ').any(|r| r == "external")
        {
            return;
        }
        let Some(here) = web_sys::window().and_then(|w| w.location().origin().ok()) else { return };
        let Ok(url) = web_sys::Url::new(&link.href()) else { return };
        if url.origin() != here {
            return;
        }
        let route = self.base.with_value(|base| read(base, &url.pathname(), &url.search()));
        if let Some(route) = route {
            ev.prevent_default();
            self.go(route, false);
        }
    }
}

/// The route of an address (`pathname` and `search`) under `base`.
fn read(base: &str, pathname: &str, search: &str) -> Option<Route> {
    let relative = pathname.strip_prefix(base)?;
    if !(relative.is_empty() || relative.starts_with('/')) {
        return None;
    }
    let query = web_sys::UrlSearchParams::new_with_str(search).ok();
    let value = |name: &str| query.as_ref().and_then(|q| q.get(name));
    Route::parse(relative, value("edit").as_deref(), value("verify").as_deref())
}

/// The route of the page's address now.
fn read_location(base: &str) -> Option<Route> {
    let location = web_sys::window()?.location();
    read(base, &location.pathname().ok()?, &location.search().ok()?)
}

/// Provides the router for the app under `base`. Back and Forward are followed for as long
/// as the app is mounted; unmounting stops listening.
pub fn provide_router(base: String) -> Router {
    let router = Router { route: RwSignal::new(read_location(&base)), base: StoredValue::new(base) };
    let on_history = Closure::<dyn Fn()>::new(move || {
        let _ = router.route.try_set(router.base.try_with_value(|base| read_location(base)).flatten());
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("popstate", on_history.as_ref().unchecked_ref());
    }
    let on_history = SendWrapper::new(on_history);
    on_cleanup(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("popstate", on_history.as_ref().unchecked_ref());
        }
        drop(on_history);
    });
    provide_context(router);
    router
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}
