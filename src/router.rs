//! The app's own router: the address is read into a [`Route`] and written from one, links
//! inside the app are followed without a reload, Back and Forward work. Three pages and a
//! query parameter need no more; [`Route::read`] is the only reader of addresses.
//!
//! The address bar is the shell's as well: its own query parameters, its hash and its
//! `history.state` are kept; a dialog the app opened by a push is closed by going Back;
//! a page change scrolls only when the app's top is above the viewport.

use std::collections::VecDeque;

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::config::under_base;
use crate::routes::Route;

#[derive(Clone, Copy)]
pub struct Router {
    /// What the app shows; `None` for an address that is not one of the app's.
    route: RwSignal<Option<Route>>,
    history: StoredValue<History>,
    /// The app's root element, scrolled into view on a page change when it is above.
    pub root: NodeRef<Div>,
}

/// What the router knows of the address bar.
struct History {
    /// Where the app's pages live, decoded (`/控制台/账号`, `/my account`).
    base: String,
    /// `false`: the mount keeps its page to itself and never reads or writes the address.
    routing: bool,
    /// The route the address shows (it lags behind `route` while a Back is on its way).
    shown: Option<Route>,
    /// The entry shown is a dialog the app pushed over its page: closing it goes Back.
    over_page: bool,
    /// A Back the app asked for whose `popstate` has not come yet; writes wait behind it.
    back_pending: bool,
    waiting: VecDeque<(Route, bool)>,
}

impl Router {
    /// A router under `base`; with `routing`, it starts from the address and follows Back
    /// and Forward for as long as the current owner lives.
    pub fn new(base: &str, routing: bool) -> Router {
        let base = decode(base);
        let shown = if routing { read_location(&base) } else { Some(Route::AccountInformation(None)) };
        let history = History { base, routing, shown, over_page: false, back_pending: false, waiting: VecDeque::new() };
        let router = Router { route: RwSignal::new(shown), history: StoredValue::new(history), root: NodeRef::new() };
        if routing {
            router.listen();
        }
        provide_context(router);
        router
    }

    /// The route shown, tracked.
    pub fn current(&self) -> Option<Route> {
        self.route.get()
    }

    /// The address of `route`, for a link.
    pub fn href(&self, route: Route) -> String {
        self.history.with_value(|h| under_base(&h.base, &route.href()))
    }

    /// Shows `route` and writes it in the address bar: a new history entry, or in place of
    /// the current one (`replace`, for closing a dialog; one the app pushed goes Back).
    pub fn go(&self, route: Route, replace: bool) {
        let before = self.route.get_untracked();
        if before == Some(route) {
            return;
        }
        self.route.set(Some(route));
        self.write(route, replace);
        if before.map(Route::page) != Some(route.page()) {
            self.scroll_to_top();
        }
    }

    /// Shows the page at `path` under the base path (`/security?edit=login-email`), for the
    /// shell's own menu. `false` if it is not one of the app's.
    pub fn navigate(&self, path: &str, replace: bool) -> bool {
        let (path, search) = path.split_once('?').unwrap_or((path, ""));
        let search = search.split('#').next().unwrap_or_default();
        let Some(route) = Route::read(path.split('#').next().unwrap_or_default(), search) else { return false };
        self.go(route, replace);
        true
    }

    /// Follows a click on a link to a page of the app without reloading; a link to the page
    /// shown replaces its entry. Anything a browser should do itself stays its own: modified
    /// or middle clicks, other targets, downloads, `rel="external"`, other origins,
    /// addresses that are not the app's.
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
        let route = self.history.with_value(|h| read(&h.base, &url.pathname(), &url.search()));
        if let Some(route) = route {
            ev.prevent_default();
            self.go(route, self.route.get_untracked().map(Route::page) == Some(route));
        }
    }

    /// Writes `route` in the address bar, or waits behind a Back on its way.
    fn write(&self, route: Route, replace: bool) {
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
        self.history.update_value(|h| {
            if !h.routing {
                return;
            }
            if h.back_pending {
                h.waiting.push_back((route, replace));
                return;
            }
            let opens = route != route.page();
            if replace && !opens && h.over_page && h.shown.map(Route::page) == Some(route) {
                h.over_page = false;
                h.back_pending = true;
                h.shown = Some(route);
                let _ = history.back();
                return;
            }
            h.over_page = match replace {
                true => h.over_page && opens,
                false => opens && h.shown == Some(route.page()),
            };
            h.shown = Some(route);
            let Some(location) = web_sys::window().map(|w| w.location()) else { return };
            let url =
                route.address(&h.base, &location.search().unwrap_or_default(), &location.hash().unwrap_or_default());
            // The shell's state goes with the entry: the app keeps nothing in it.
            let state = history.state().unwrap_or(JsValue::NULL);
            let _ = match replace {
                true => history.replace_state_with_url(&state, "", Some(&url)),
                false => history.push_state_with_url(&state, "", Some(&url)),
            };
        });
    }

    /// Back or Forward (or the app's own Back arriving): the address is read again, or, for
    /// the app's own Back, the writes that waited for it are made.
    fn on_history(&self) {
        let waiting = self.history.try_update_value(|h| {
            if std::mem::take(&mut h.back_pending) {
                Some(std::mem::take(&mut h.waiting))
            } else {
                h.over_page = false;
                h.shown = read_location(&h.base);
                None
            }
        });
        match waiting.flatten() {
            Some(waiting) => {
                for (route, replace) in waiting {
                    self.write(route, replace);
                }
            }
            None => {
                if let Some(shown) = self.history.try_with_value(|h| h.shown) {
                    self.route.set(shown);
                }
            }
        }
    }

    /// A page change under a shell's header: the app's top is brought into view only when
    /// it is above the viewport.
    fn scroll_to_top(&self) {
        if let Some(root) = self.root.get_untracked() {
            if root.get_bounding_client_rect().top() < 0.0 {
                root.scroll_into_view();
            }
        }
    }

    fn listen(&self) {
        let router = *self;
        let on_history = Closure::<dyn Fn()>::new(move || router.on_history());
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
    }
}

/// A percent-encoded path as text (`/my%20account` → `/my account`); as it came if it is
/// not valid encoding.
fn decode(path: &str) -> String {
    js_sys::decode_uri_component(path).map(String::from).unwrap_or_else(|_| path.to_string())
}

/// The route of an address (`pathname`, encoded as the browser gives it, and `search`)
/// under the decoded `base`.
fn read(base: &str, pathname: &str, search: &str) -> Option<Route> {
    let pathname = decode(pathname);
    let relative = pathname.strip_prefix(base)?;
    if !(relative.is_empty() || relative.starts_with('/')) {
        return None;
    }
    Route::read(relative, search)
}

/// The route of the page's address now.
fn read_location(base: &str) -> Option<Route> {
    let location = web_sys::window()?.location();
    read(base, &location.pathname().ok()?, &location.search().ok()?)
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}
