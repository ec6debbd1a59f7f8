//! Whole-page states: loading, failed with retry, session expired, not found.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::ApiError;
use crate::components::icons::{self, Icon};
use crate::context::{use_account, use_app};
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::Route;
use contract::Account;

#[component]
pub fn Loading() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="ac-state ac-state-loading" role="status" aria-live="polite">
            <span class="ac-spinner" aria-hidden="true"></span>
            <p>{app.t(Key::Loading)}</p>
        </div>
    }
}

#[component]
pub fn LoadFailed(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="ac-state ac-state-error" role="alert">
            <Icon path=icons::WARNING/>
            <h2>{app.t(Key::LoadFailed)}</h2>
            <p>{error.message(app.locale)}</p>
            <button type="button" class="ac-button ac-button-primary" on:click=move |_| on_retry.run(())>
                {app.t(Key::Retry)}
            </button>
        </div>
    }
}

/// Shown on 401: a sign-in link that comes back to the current page.
#[component]
pub fn SessionExpired() -> impl IntoView {
    let app = use_app();
    let here = web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
        })
        .unwrap_or_else(|| use_router().href(Route::AccountInformation(None)));
    let href = app.config(|c| c.login_href(&here));
    view! {
        <div class="ac-state" role="alert">
            <Icon path=icons::LOCK/>
            <h2>{app.t(Key::SessionExpiredTitle)}</h2>
            <p>{app.t(Key::SessionExpiredBody)}</p>
            <a class="ac-button ac-button-primary" href=href rel="external">{app.t(Key::SignIn)}</a>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="ac-state">
            <Icon path=icons::INFO/>
            <h1 class="ac-page-title" tabindex="-1">{app.t(Key::NotFoundTitle)}</h1>
            <p>{app.t(Key::NotFoundBody)}</p>
            <a class="ac-button ac-button-primary" href=use_router().href(Route::AccountInformation(None))>{app.t(Key::BackToAccountInformation)}</a>
        </div>
    }
}

/// While security changes are held (the account was secured from a notice), on every page:
/// until when and why, what happened (Security Settings' Recent changes) and the appeal.
#[component]
fn HoldBanner(until: String) -> impl IntoView {
    let app = use_app();
    let router = use_router();
    let said = app.locale.format(Key::HoldBanner, &[("date", &app.format_date(&until, true))]);
    let appeal = app.config(|c| c.appeal_url.clone());
    let id = app.id("hold");
    // Every Edit and Bind on the page (the links that open a change's dialog by its address,
    // the buttons beside a row) is disabled, and described by this banner, once the page
    // below it is drawn.
    let (host, describing) = (app.host(), id.clone());
    crate::task::before_paint(move || {
        let Ok(found) = host.query_selector_all("a[href*='edit='], .ac-row-actions button") else { return };
        for action in (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok()) {
            let _ = action.remove_attribute("href");
            let link = action.tag_name() == "A";
            let (name, value) = if link { ("role", "link") } else { ("disabled", "") };
            for (name, value) in [(name, value), ("aria-disabled", "true"), ("aria-describedby", &describing)] {
                let _ = action.set_attribute(name, value);
            }
        }
    });
    view! {
        <div class="ac-advice ac-advice-warn" role="note">
            <Icon path=icons::LOCK/>
            <div>
                <p id=id>{said}</p>
                <p class="ac-hold-links">
                    <a href=router.href(Route::Security(None))>{app.t(Key::WhatHappened)}</a>
                    {appeal.map(|href| view! { <a href=href rel="external">{app.t(Key::AppealLink)}</a> })}
                </p>
            </div>
        </div>
    }
}

/// Renders `render(account)` once the account is loaded; loading, failure (with retry) and
/// an expired session otherwise.
#[component]
pub fn WithAccount<F, V>(render: F) -> impl IntoView
where
    F: Fn(Account) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    account_or_state(Box::new(move |account| render(account).into_any()))
}

/// [`WithAccount`]'s body, written once rather than once per page.
fn account_or_state(render: Box<dyn Fn(Account) -> AnyView + Send + Sync>) -> impl IntoView {
    let store = use_account();
    let retry = Callback::new(move |_| store.refetch());
    move || match store.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(account)) => match account.security_hold.as_ref().map(|hold| hold.until.clone()) {
            Some(until) => view! { <HoldBanner until=until/> {render(account)} }.into_any(),
            None => render(account),
        },
        Some(Err(ApiError::Unauthenticated)) => view! { <SessionExpired/> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error=error on_retry=retry/> }.into_any(),
    }
}
