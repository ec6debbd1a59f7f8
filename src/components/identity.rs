//! The identity step every sensitive change goes through: a code by SMS or email to a
//! recovery address, or the sign-in password; "Can't receive the code?" switches between
//! them in place.

use leptos::prelude::*;

use contract::{Account, IdentityMethod, Ticket, Wire};

use crate::api::ApiError;
use crate::components::code_step::{CodeController, CodeForm};
use crate::components::fields::ErrorText;
use crate::context::{use_account, use_app, use_verification};
use crate::flows::code::Accepted;
use crate::flows::password::{self, PasswordEffect, PasswordEvent, PasswordState};
use crate::flows::{FlowKey, Focus};
use crate::focus::DialogFocus;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::words::method_words;

/// The identity step: choose a method, then a code to a recovery address or the sign-in
/// password. An account is never stuck: one with no recovery address verifies with its
/// password. `on_verified` gets the ticket earned; the flow around the step keeps it (in
/// memory only).
#[component]
pub fn IdentityCheck(
    account: Account,
    /// The methods that qualify for the change (the backend says which).
    methods: Vec<IdentityMethod>,
    /// What the step is for: before the change is saved, or before the new value is entered.
    intro: Key,
    /// An error of the flow around this step (e.g. the ticket expired), shown on top.
    #[prop(into)]
    error: Signal<Option<String>>,
    on_verified: Callback<Ticket>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let ids = app.ids();
    let focus = DialogFocus::use_context();
    // Preselected: the first method the backend lists (it lists SMS before email).
    let method = RwSignal::new(methods.first().copied().unwrap_or(IdentityMethod::Sms));
    let accepted = Callback::new(move |accepted| match accepted {
        Accepted::Identity(ticket) => on_verified.run(ticket),
        // A code of this step only ever earns a ticket.
        Accepted::Saved { .. } | Accepted::Withdrawn(_) => {}
    });
    let identity = CodeController::new(FlowKey::Identity(method.get_untracked()), accepted, None);
    // Another method: a code already on its way by it is resumed.
    let choose = move |chosen: IdentityMethod| {
        method.set(chosen);
        identity.retarget(FlowKey::Identity(chosen));
    };
    let send_api = app.api();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        let chosen = method.get_untracked();
        identity.send(async move { api.start_identity(chosen).await });
    });
    let verify_api = app.api();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        identity.verify(code, move |id, code| {
            Box::pin(async move { Ok(Accepted::Identity(api.verify_identity(&id, &code).await?)) })
        });
    });
    let masked = move |m: IdentityMethod| account.masked_target(m).unwrap_or_default().to_string();
    let target_of = masked.clone();
    let target = Signal::derive(move || target_of(method.get()));
    let method_choice = (methods.len() > 1).then(|| {
        let radios = methods
            .iter()
            .map(|&m| {
                let label = locale.format(method_words(m).0, &[("target", &masked(m))]);
                let id = ids.of(&format!("method-{}", m.wire()));
                view! {
                    <div class="ac-radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name=ids.of("method")
                            value=m.wire()
                            prop:checked=move || method.get() == m
                            on:change=move |_| choose(m)
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="ac-fieldset" disabled=move || identity.busy()>
                <legend class="ac-label">{locale.text(Key::ReceiveCodeBy)}</legend>
                {radios}
            </fieldset>
        }
    });
    let no_method = methods.is_empty();
    let code_offered = methods.iter().any(|&m| m != IdentityMethod::Password);
    // Under the code step: the other methods the account has, switched to in place, and
    // where to ask for help when none works (the shell's `appealUrl`).
    let appeal = app.config(|c| c.appeal_url.clone());
    let others = methods.clone();
    let other_masked = masked.clone();
    let other_ways = move || {
        let current = method.get();
        others
            .iter()
            .filter(|&&m| m != current)
            .map(|&m| {
                let text = locale.format(method_words(m).1, &[("target", &other_masked(m))]);
                view! {
                    <li>
                        <button
                            type="button"
                            class="ac-link-button"
                            on:click=move |_| {
                                choose(m);
                                focus.apply(Focus::Step);
                            }
                        >
                            {text}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let cant_receive = (methods.len() > 1 || appeal.is_some()).then(|| {
        view! {
            <details class="ac-help">
                <summary>
                    {move || {
                        locale.text(if method.get() == IdentityMethod::Password {
                            Key::CantUsePassword
                        } else {
                            Key::CantReceive
                        })
                    }}
                </summary>
                {(methods.len() > 1).then(|| view! {
                    <p>{locale.text(Key::TryAnotherWay)}</p>
                    <ul class="ac-help-list">{other_ways}</ul>
                })}
                {appeal.map(|href| view! {
                    <p><a class="ac-link" href=href rel="external">{locale.text(Key::AppealLink)}</a></p>
                })}
            </details>
        }
    });
    let by_code = view! { <CodeForm controller=identity target=target send=send verify=verify/> };
    let by_password = move || {
        (!no_method && method.get() == IdentityMethod::Password)
            .then(|| view! { <PasswordCheck on_verified=on_verified code_offered=code_offered/> })
    };
    view! {
        <div class="ac-form">
            <p class="ac-dialog-text">{locale.text(intro)}</p>
            <ErrorText error=error/>
            <ErrorText error=no_method.then(|| locale.text(Key::NoIdentityMethod).to_string())/>
            {method_choice}
            <div hidden=move || no_method || method.get() == IdentityMethod::Password>{by_code}</div>
            {by_password}
            {cant_receive}
        </div>
    }
}

/// Identity by the sign-in password (see [`crate::flows::password`]).
#[component]
fn PasswordCheck(
    on_verified: Callback<Ticket>,
    /// The lock message offers "or verify with a code" only when there is a code method.
    code_offered: bool,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let ids = app.ids();
    let verification = use_verification();
    let store = use_account();
    let focus = DialogFocus::use_context();
    let typed = RwSignal::new(String::new());
    let key = FlowKey::Identity(IdentityMethod::Password);
    // A pause after wrong passwords counts down while this is shown.
    verification.time.watch();
    let wait_key = key.clone();
    let wait = Signal::derive(move || verification.resend_wait(&wait_key));
    let api = app.api();
    let check = Machine::new(PasswordState::default(), password::next, move |check, effect| {
        match effect {
            PasswordEffect::Check(password) => {
                let api = api.clone();
                check.run(async move { api.verify_password(&password).await }, PasswordEvent::Answered);
            }
            PasswordEffect::Verified(ticket) => {
                typed.set(String::new());
                on_verified.run(ticket);
            }
            PasswordEffect::ClearInput => typed.set(String::new()),
            PasswordEffect::Focus(_) => {} // moved by the runner
            PasswordEffect::Wait(seconds) => {
                verification.block(&key, seconds);
                // Paused: the help under the form opens, so the other ways and the appeal
                // are in sight rather than behind a question.
                if let Some(help) = focus.query(".ac-help") {
                    let _ = help.set_attribute("open", "");
                }
            }
            PasswordEffect::SessionExpired => store.expire(),
        }
    });
    let busy = move || check.with(PasswordState::busy);
    let error_text = Signal::derive(move || {
        let error = match check.with(Clone::clone) {
            PasswordState::Missing => return Some(locale.text(Key::PasswordEmpty).to_string()),
            PasswordState::Failed(error) => error,
            PasswordState::Ready | PasswordState::Checking => return None,
        };
        let wait = wait.get();
        match error {
            // No code to offer instead: the wait is the only way on, with the appeal below.
            ApiError::PasswordLocked { .. } if !code_offered => (wait > 0)
                .then(|| locale.format(Key::ErrPasswordLockedNoCode, &[("m", &wait.div_ceil(60).to_string())])),
            error => error.message_now(locale, wait, |_| String::new()),
        }
    });
    view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                check.dispatch(PasswordEvent::Submit(typed.get_untracked()));
            }
        >
            <div class="ac-field">
                <label class="ac-label" for=ids.of("password")>{locale.text(Key::PasswordLabel)}</label>
                <input
                    id=ids.of("password")
                    class="ac-input"
                    type="password"
                    autocomplete="current-password"
                    aria-invalid=move || error_text.with(Option::is_some).to_string()
                    aria-describedby=ids.of("password-error")
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <span class="ac-field-error" id=ids.of("password-error") role="alert">{error_text}</span>
            </div>
            <div class="ac-dialog-actions">
                <button type="submit" class="ac-button ac-button-primary" disabled=move || { busy() || (wait.get() > 0) }>
                    {locale.text(Key::Verify)}
                </button>
            </div>
        </form>
    }
}
