//! Security Settings' Sessions: the browsers and devices signed in to the account, each
//! signed out by name, or every other one at once. Where the backend asks for identity
//! first, a dialog verifies it and the sign-out then goes ahead by itself.

use leptos::html;
use leptos::prelude::*;

use contract::{Account, SessionInfo, Sessions};

use crate::api::ApiError;
use crate::components::announcer::use_announcer;
use crate::components::dialog::{Modal, Opener};
use crate::components::fields::region_name;
use crate::components::identity::IdentityCheck;
use crate::context::{use_account, use_app, use_verification};
use crate::focus::DialogFocus;
use crate::i18n::{Key, Locale};
use crate::task::Tasks;

/// What a click asked to sign out, and the button it came from (where focus goes back if
/// the identity dialog is closed instead).
#[derive(Clone)]
enum Target {
    One { session_id: String, device: String, opener: Opener },
    Others { opener: Opener },
}

impl Target {
    fn opener(&self) -> Opener {
        match self {
            Target::One { opener, .. } | Target::Others { opener } => *opener,
        }
    }
}

/// "Chrome on Windows", "Windows 上的 Chrome"; what is not known is said so.
fn device(locale: Locale, session: &SessionInfo) -> String {
    let browser = session.browser.as_deref().unwrap_or(locale.text(Key::UnknownBrowser));
    match &session.os {
        Some(os) => locale.format(Key::SessionOn, &[("browser", browser), ("os", os)]),
        None => browser.to_string(),
    }
}

#[component]
pub fn SessionsCard(account: Account) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let verification = use_verification();
    let tasks = Tasks::new();
    let sessions = RwSignal::new(None::<Result<Sessions, ApiError>>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The sign-out waiting for identity to be verified, while its dialog is open.
    let verifying = RwSignal::new(None::<Target>);
    let heading = NodeRef::<html::H2>::new();

    let load_api = app.api();
    let load_tasks = tasks.clone();
    let load = move || {
        let api = load_api.clone();
        load_tasks.spawn(async move {
            let answer = api.sessions().await;
            // A session that ended (signed out from elsewhere) is the whole app's to show.
            if !answer.as_ref().err().is_some_and(|e| store.handle(e)) {
                sessions.set(Some(answer));
            }
        });
    };
    let reload = load.clone();
    Effect::new(move |_| {
        store.track();
        reload();
    });

    let end_api = app.api();
    let end = Callback::new(move |target: Target| {
        busy.set(true);
        error.set(None);
        let api = end_api.clone();
        let load = load.clone();
        tasks.spawn(async move {
            let answer = match &target {
                Target::One { session_id, .. } => api.end_session(session_id).await,
                Target::Others { .. } => api.end_other_sessions().await,
            };
            busy.set(false);
            match answer {
                Ok(_) => {
                    verifying.set(None);
                    announcer.say(match &target {
                        Target::One { device, .. } => locale.format(Key::SessionSignedOut, &[("device", device)]),
                        Target::Others { .. } => locale.text(Key::OtherSessionsEnded).to_string(),
                    });
                    load();
                    // The row is gone: focus goes to the section it was in.
                    request_animation_frame(move || {
                        if let Some(heading) = heading.get_untracked() {
                            let _ = heading.focus();
                        }
                    });
                }
                Err(ApiError::IdentityRequired) => verifying.set(Some(target)),
                Err(e) if store.handle(&e) => {}
                Err(e) => {
                    verifying.set(None);
                    error.set(Some(e.message(locale)));
                    target.opener().focus_later();
                }
            }
        });
    });

    let list = move || match sessions.get() {
        None => None,
        Some(Err(e)) => Some(view! { <p class="ac-error" role="alert">{e.message(locale)}</p> }.into_any()),
        Some(Ok(list)) => {
            let others = list.sessions.iter().filter(|s| !s.current).count();
            let items = list.sessions.into_iter().map(|s| view! { <SessionItem session=s end=end busy=busy/> });
            let all_others = Opener::button();
            let footer = match others {
                0 => view! { <p class="ac-empty">{app.t(Key::NoOtherSessions)}</p> }.into_any(),
                _ => view! {
                    <div class="ac-card-footer">
                        <button
                            type="button"
                            class="ac-button ac-button-secondary"
                            node_ref=all_others.button_ref()
                            disabled=move || busy.get()
                            on:click=move |_| end.run(Target::Others { opener: all_others })
                        >
                            {app.t(Key::SignOutOthers)}
                        </button>
                    </div>
                }
                .into_any(),
            };
            Some(view! { <ul class="ac-sessions">{items.collect_view()}</ul> {footer} }.into_any())
        }
    };
    let dialog = move || {
        verifying.get().map(|target| {
            let opener = target.opener();
            let retry = target.clone();
            let on_verified = Callback::new(move |ticket| {
                // The ticket serves the next change too, as any step-up's does.
                verification.ticket.hold(ticket);
                end.run(retry.clone());
            });
            let close = Callback::new(move |_| verifying.set(None));
            view! { <SignOutStepUp account=account.clone() opener=opener on_verified=on_verified on_close=close/> }
        })
    };
    view! {
        <section class="ac-card" aria-labelledby=app.id("sessions-title")>
            <h2 class="ac-card-title" id=app.id("sessions-title") tabindex="-1" node_ref=heading>
                {app.t(Key::SessionsTitle)}
            </h2>
            <p class="ac-card-note">{app.t(Key::SessionsIntro)}</p>
            {move || error.get().map(|e| view! { <p class="ac-error" role="alert">{e}</p> })}
            {list}
            {dialog}
        </section>
    }
}

/// One session: its device, where and when it signed in, and Sign out (none for this one).
#[component]
fn SessionItem(session: SessionInfo, end: Callback<Target>, busy: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let name = device(locale, &session);
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
    let action = (!session.current).then(|| {
        let opener = Opener::button();
        let label = locale.format(Key::SignOutSession, &[("device", &name)]);
        let target = Target::One { session_id: session.session_id.clone(), device: name.clone(), opener };
        view! {
            <button
                type="button"
                class="ac-button ac-button-secondary ac-button-small"
                aria-label=label
                node_ref=opener.button_ref()
                disabled=move || busy.get()
                on:click=move |_| end.run(target.clone())
            >
                {app.t(Key::SignOut)}
            </button>
        }
    });
    view! {
        <li class="ac-session">
            <div class="ac-session-what">
                <strong>{name}</strong>
                {session.current.then(|| view! { <span class="ac-badge ac-badge-ok">{app.t(Key::ThisDevice)}</span> })}
            </div>
            <div class="ac-session-detail">{region}</div>
            <div class="ac-session-detail">{times}</div>
            {action.map(|a| view! { <div class="ac-session-action">{a}</div> })}
        </li>
    }
}

/// The identity step before a sign-out, in a dialog of its own.
#[component]
fn SignOutStepUp(
    account: Account,
    opener: Opener,
    on_verified: Callback<contract::Ticket>,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    DialogFocus::provide();
    let methods = account.usable_security_methods();
    view! {
        <Modal title=app.t(Key::VerifyIdentityTitle).to_string() on_close=on_close opener=opener>
            <IdentityCheck
                account=account
                methods=methods
                intro=Key::VerifyToSignOut
                error=Signal::derive(|| None::<String>)
                on_verified=on_verified
            />
        </Modal>
    }
}
