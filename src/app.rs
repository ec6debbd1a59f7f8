//! Providers, the in-app navigation and the route table (the only place routes are declared).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::announcer::{provide_announcer, Announcer};
use crate::components::status::NotFound;
use crate::context::{provide_account, provide_app, provide_verification, use_app, AppContext};
use crate::host_event::{HostEvent, NOT_FOUND};
use crate::i18n::Key;
use crate::pages::{AccountInformationPage, SecuritySettingsPage, UserDetailsPage};
use crate::router::use_router;
use crate::routes::Route;

/// `account_response`: the shell's promise of a `GET /account` response, if it started one;
/// `root_class`: the root's classes, with the theme's ([`crate::theme::Theme::root_class`]).
#[component]
pub fn App(context: AppContext, account_response: Option<js_sys::Promise>, root_class: &'static str) -> impl IntoView {
    let lang = context.locale.tag();
    provide_app(context);
    provide_account(account_response);
    provide_announcer();
    provide_verification();
    let router = use_router();
    // The page re-renders when the page changes, not when a dialog on it opens or closes.
    let page = Memo::new(move |_| router.current().map(Route::page));
    announce_pages(page);
    view! {
        <div class=root_class lang=lang node_ref=router.root on:click=move |ev| router.follow(&ev)>
            <PageNav/>
            // The shell owns the page's landmarks: the app is content inside its main.
            <div class="ac-main">
                {move || match page.get() {
                    Some(Route::AccountInformation(_)) => view! { <AccountInformationPage/> }.into_any(),
                    Some(Route::UserDetails(_)) => view! { <UserDetailsPage/> }.into_any(),
                    Some(Route::Security(_)) => view! { <SecuritySettingsPage/> }.into_any(),
                    None => view! { <NotFound/> }.into_any(),
                }}
            </div>
            <Announcer/>
        </div>
    }
}

/// Tells the shell which page shows (`account:page-changed {page, title}`, also for the first
/// one, so the shell can title it), and after an in-app page change moves focus to the new
/// page's heading: a screen reader then reads where the user landed, and Tab continues from
/// the top of the page, not from a link that is gone. A dialog opened with the page keeps
/// the focus it took.
fn announce_pages(page: Memo<Option<Route>>) {
    let app = use_app();
    Effect::new(move |before: Option<Option<Route>>| {
        let now = page.get();
        let (name, title) = match now {
            Some(route) => (route.name(), app.t(route.title())),
            None => (NOT_FOUND, app.t(Key::NotFoundTitle)),
        };
        app.emit(HostEvent::PageChanged { page: name, title: title.to_string() });
        if before.is_some_and(|before| before != now) {
            let host = app.host();
            crate::task::before_paint(move || {
                if host.query_selector("dialog[open]").ok().flatten().is_some() {
                    return;
                }
                let heading = host.query_selector(".ac-page-title").ok().flatten();
                if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = heading.focus();
                }
            });
        }
        now
    });
}

/// Tabs between the three pages; the current one is marked for assistive technology.
#[component]
fn PageNav() -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let links = Route::PAGES
        .into_iter()
        .map(|page| {
            let current = move || (router.current().map(Route::page) == Some(page)).then_some("page");
            view! { <a class="ac-tab" href=router.href(page) aria-current=current>{app.t(page.title())}</a> }
        })
        .collect_view();
    view! { <nav class="ac-tabs" aria-label=app.t(Key::NavLabel)>{links}</nav> }
}
