//! Providers, the in-app navigation and the route table (the only place routes are declared).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::types::Account;
use crate::api::ApiError;
use crate::components::announcer::{provide_announcer, Announcer};
use crate::components::status::{LoadFailed, Loading, NotFound, SessionExpired};
use crate::context::{provide_account, provide_app, provide_verification, use_account, use_app, AppContext};
use crate::i18n::Key;
use crate::pages::{AccountInformationPage, SecuritySettingsPage, UserDetailsPage};

/// `account_response`: the shell's promise of a `GET /account` response, if it started one.
#[component]
pub fn App(context: AppContext, account_response: Option<js_sys::Promise>) -> impl IntoView {
    let base = context.config.base_path.clone();
    let lang = context.locale.tag();
    provide_app(context);
    provide_account(account_response);
    provide_announcer();
    provide_verification();
    view! {
        <div class="ac-root" lang=lang>
            <Router base=base>
                <PageNav/>
                <main class="ac-main">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=AccountInformationPage/>
                        <Route path=path!("/user-details") view=UserDetailsPage/>
                        <Route path=path!("/security") view=SecuritySettingsPage/>
                    </Routes>
                </main>
            </Router>
            <Announcer/>
        </div>
    }
}

/// Tabs between the three pages; the current one is marked for assistive technology.
#[component]
fn PageNav() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let tabs = [
        ("", Key::AccountInformation),
        ("/user-details", Key::UserDetails),
        ("/security", Key::SecuritySettings),
    ];
    let links = tabs
        .into_iter()
        .map(|(path, key)| {
            let href = app.config.route(path);
            let target = href.clone();
            let current = move || {
                let here = location.pathname.get();
                (here.trim_end_matches('/') == target.trim_end_matches('/')).then_some("page")
            };
            view! { <a class="ac-tab" href=href aria-current=current>{app.t(key)}</a> }
        })
        .collect_view();
    view! { <nav class="ac-tabs" aria-label=app.t(Key::NavLabel)>{links}</nav> }
}

/// Renders `render(account)` once the account is loaded; loading, failure (with retry) and
/// an expired session otherwise.
#[component]
pub fn WithAccount<F, V>(render: F) -> impl IntoView
where
    F: Fn(Account) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let store = use_account();
    let retry = Callback::new(move |_| store.refetch());
    move || match store.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(account)) => render(account).into_any(),
        Some(Err(ApiError::Unauthenticated)) => view! { <SessionExpired/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error=error on_retry=retry/> }.into_any(),
    }
}
