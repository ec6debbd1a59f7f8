//! Security Settings' Sessions: the browsers and devices signed in to the account, each
//! signed out by name, or every other one at once. Where the backend asks for identity
//! first, a dialog verifies it and the sign-out then goes ahead by itself.
//!
//! The list is written as plain elements (`plain.rs`), with one click handler for all its
//! buttons.

use leptos::html;
use leptos::prelude::*;
use leptos::tachys::html::node_ref::NodeRefContainer;
use wasm_bindgen::JsCast;

use contract::{Account, SessionInfo, Sessions};

use crate::api::ApiError;
use crate::components::announcer::use_announcer;
use crate::components::dialog::{Modal, Opener};
use crate::components::fields::region_name;
use crate::components::identity::IdentityCheck;
use crate::components::plain::child;
use crate::context::{use_account, use_app, use_verification, AppContext};
use crate::focus::DialogFocus;
use crate::i18n::Key;
use crate::task::Tasks;

/// A button's `data-session`: the session it signs out, or empty for every other one.
const SESSION: &str = "data-session";

/// "Chrome on Windows", "Windows 上的 Chrome"; what is not known is said so.
fn device(app: AppContext, session: &SessionInfo) -> String {
    let locale = app.locale;
    let browser = session.browser.as_deref().unwrap_or(locale.text(Key::UnknownBrowser));
    match &session.os {
        Some(os) => locale.format(Key::SessionOn, &[("browser", browser), ("os", os)]),
        None => browser.to_string(),
    }
}

/// A button in `parent` that signs out `session` (empty: every other one).
fn sign_out_button(parent: &web_sys::Element, class: &str, text: &str, session: &str) -> Option<web_sys::Element> {
    let button = child(parent, "button", class, text)?;
    button.set_attribute("type", "button").ok()?;
    button.set_attribute(SESSION, session).ok()?;
    Some(button)
}

/// Writes the list into `body`: each session with its device, where and when it signed
/// in, "This device" or its Sign out; then Sign out of all other sessions, or that there
/// are none.
fn write_list(app: AppContext, body: &web_sys::Element, list: &Sessions) -> Option<()> {
    let locale = app.locale;
    body.set_text_content(None);
    let items = child(body, "ul", "ac-sessions", "")?;
    for session in &list.sessions {
        let name = device(app, session);
        let item = child(&items, "li", "ac-session", "")?;
        let what = child(&item, "div", "ac-session-what", "")?;
        child(&what, "strong", "", &name)?;
        if session.current {
            child(&what, "span", "ac-badge ac-badge-ok", locale.text(Key::ThisDevice))?;
        }
        let region = match &session.region {
            Some(iso) => region_name(locale, iso),
            None => locale.text(Key::UnknownLocation).to_string(),
        };
        let times = locale.format(
            Key::SessionTimes,
            &[
                ("signed_in", &app.format_date(&session.signed_in_at, true)),
                ("active", &app.format_date(&session.last_active_at, true)),
            ],
        );
        for detail in [region, times] {
            child(&item, "div", "ac-session-detail", &detail)?;
        }
        if !session.current {
            let action = child(&item, "div", "ac-session-action", "")?;
            let class = "ac-button ac-button-secondary ac-button-small";
            let button = sign_out_button(&action, class, locale.text(Key::SignOut), &session.session_id)?;
            button.set_attribute("aria-label", &locale.format(Key::SignOutSession, &[("device", &name)])).ok()?;
            button.set_attribute("data-device", &name).ok()?;
        }
    }
    match list.sessions.iter().any(|s| !s.current) {
        true => {
            let footer = child(body, "div", "ac-card-footer", "")?;
            sign_out_button(&footer, "ac-button ac-button-secondary", locale.text(Key::SignOutOthers), "")?;
        }
        false => _ = child(body, "p", "ac-empty", locale.text(Key::NoOtherSessions))?,
    }
    Some(())
}

/// The sign-out buttons in `body`.
fn buttons(body: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(found) = body.query_selector_all("button") else { return Vec::new() };
    (0..found.length()).filter_map(|i| found.item(i)?.dyn_into().ok()).collect()
}

/// The sign-out button of `session` in `body` (empty: every other one), if it is there.
fn button_of(body: &web_sys::Element, session: &str) -> Option<web_sys::HtmlElement> {
    buttons(body).into_iter().find(|b| b.get_attribute(SESSION).as_deref() == Some(session))
}

#[component]
pub fn SessionsCard(account: Account) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let verification = use_verification();
    let tasks = Tasks::new();
    let error = RwSignal::new(None::<String>);
    // The sign-out (a session, or empty: every other one) waiting for identity to be
    // verified, while its dialog is open.
    let verifying = RwSignal::new(None::<String>);
    let heading = NodeRef::<html::H2>::new();
    let body = NodeRef::<html::Div>::new();
    // The identity dialog's opener, made outside what re-renders (see `Opener`).
    let opener = Opener::button();
    // While a sign-out is on its way, no button of the list takes another.
    let busy = move |busy: bool| {
        for button in body.get_untracked().map(|body| buttons(&body)).unwrap_or_default() {
            let _ = if busy { button.set_attribute("disabled", "") } else { button.remove_attribute("disabled") };
        }
    };

    // Signs out `target` (a session, or empty: every other one), if any, then reads the
    // list again; `None` only reads it. One task for both.
    let run = Callback::new(move |target: Option<String>| {
        busy(target.is_some());
        error.set(None);
        let api = app.api();
        tasks.spawn(async move {
            if let Some(target) = target {
                let ended = api.end_sessions(&target).await;
                busy(false);
                let button = body.get_untracked().and_then(|body| button_of(&body, &target));
                match ended {
                    Ok(_) => {
                        verifying.set(None);
                        announcer.say(match button.and_then(|b| b.get_attribute("data-device")) {
                            Some(device) => locale.format(Key::SessionSignedOut, &[("device", &device)]),
                            None => locale.text(Key::OtherSessionsEnded).to_string(),
                        });
                        // The row is gone: focus goes to the section it was in.
                        crate::task::before_paint(move || {
                            if let Some(heading) = heading.get_untracked() {
                                let _ = heading.focus();
                            }
                        });
                    }
                    Err(ApiError::IdentityRequired) => return verifying.set(Some(target)),
                    // A session that ended (signed out from elsewhere) is the whole app's to show.
                    Err(e) if store.handle(&e) => return,
                    Err(e) => {
                        verifying.set(None);
                        error.set(Some(e.message(locale)));
                        if let Some(button) = button {
                            let _ = button.focus();
                        }
                        return;
                    }
                }
            }
            match api.sessions().await {
                Ok(list) => {
                    if let Some(body) = body.get_untracked() {
                        write_list(app, &body, &list);
                    }
                }
                Err(e) if store.handle(&e) => {}
                Err(e) => error.set(Some(e.message(locale))),
            }
        });
    });
    // Read when the section is made: a change of the account makes the page anew.
    run.run(None);
    let clicked = move |event: web_sys::MouseEvent| {
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let button = target.and_then(|t| t.closest(&format!("button[{SESSION}]")).ok().flatten());
        if let Some(session) = button.and_then(|b| b.get_attribute(SESSION)) {
            run.run(Some(session));
        }
    };

    // The identity step before a sign-out, in a dialog of its own.
    let dialog = move || {
        verifying.get().map(|target| {
            DialogFocus::provide();
            let retry = target.clone();
            let on_verified = Callback::new(move |ticket| {
                // The ticket serves the next change too, as any step-up's does.
                verification.ticket.hold(ticket);
                run.run(Some(retry.clone()));
            });
            // Closed instead, focus goes back to the button it was opened from, as from any
            // dialog: the plain button is its opener.
            if let Some(button) = body.get_untracked().and_then(|body| button_of(&body, &target)) {
                opener.button_ref().load(&button);
            }
            let close = Callback::new(move |_| verifying.set(None));
            let (account, methods) = (account.clone(), account.usable_security_methods());
            view! {
                <Modal title=app.t(Key::VerifyIdentityTitle).to_string() on_close=close opener=opener>
                    <IdentityCheck
                        account=account
                        methods=methods
                        intro=Key::VerifyToSignOut
                        error=Signal::derive(|| None::<String>)
                        on_verified=on_verified
                    />
                </Modal>
            }
        })
    };
    view! {
        <section class="ac-card" aria-labelledby=app.id("sessions-title")>
            <h2 class="ac-card-title" id=app.id("sessions-title") tabindex="-1" node_ref=heading>
                {app.t(Key::SessionsTitle)}
            </h2>
            <p class="ac-card-note">{app.t(Key::SessionsIntro)}</p>
            {move || error.get().map(|e| view! { <p class="ac-error" role="alert">{e}</p> })}
            <div node_ref=body on:click=clicked></div>
            {dialog}
        </section>
    }
}
