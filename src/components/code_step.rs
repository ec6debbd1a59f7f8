//! The code step shared by every flow: send a code, show the server's clocks, take the
//! code, verify it. The code on its way is remembered above the dialog, so closing and
//! reopening for the same target resumes here with the countdown still running.

use std::future::Future;

use leptos::prelude::*;

use crate::api::types::Challenge;
use crate::api::ApiError;
use crate::components::dialog::DialogFocus;
use crate::components::fields::{code_error_key, CodeField, ErrorText};
use crate::context::{use_account, use_app, use_verification, AccountStore, Verification};
use crate::flows::code::{next, CodeEffect, CodeEvent, CodeState};
use crate::flows::FlowKey;
use crate::i18n::Key;
use crate::task::Tasks;
use crate::time::{format_clock, parse_rfc3339_ms, seconds_left};
use crate::validate::CODE_LENGTH;

type Pending<T> = std::pin::Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Runs the code step of one target (`key`): holds its state, feeds it events, carries out
/// its effects. The code on its way is kept in [`Verification`], above the dialog.
#[derive(Clone, Copy)]
pub struct CodeController {
    pub key: RwSignal<FlowKey>,
    /// The step's state but the code on its way (kept in [`Verification`]).
    state: RwSignal<CodeState>,
    pub code: RwSignal<String>,
    /// The flow around the step, if it has one: every failure goes to it first, and what it
    /// does not take it hands back with [`CodeController::take`].
    flow: StoredValue<Option<Callback<CodeEvent>>>,
    verification: Verification,
    store: AccountStore,
    focus: DialogFocus,
    tasks: StoredValue<Tasks>,
}

impl CodeController {
    pub fn new(key: FlowKey) -> Self {
        Self {
            key: RwSignal::new(key),
            state: RwSignal::new(CodeState::default()),
            code: RwSignal::new(String::new()),
            flow: StoredValue::new(None),
            verification: use_verification(),
            store: use_account(),
            focus: DialogFocus::use_context(),
            tasks: StoredValue::new(Tasks::new()),
        }
    }

    /// Sends the step's failures to the flow around it (see [`CodeController::take`]).
    pub fn with_flow(self, flow: Callback<CodeEvent>) -> Self {
        self.flow.set_value(Some(flow));
        self
    }

    /// An event the flow around the step hands it (a failure it left to the step).
    pub fn take(&self, event: CodeEvent) {
        let _ = self.dispatch(event);
    }

    /// An answer to a request of the step: a failure goes to the flow around it first.
    fn answered(&self, event: CodeEvent) {
        match self.flow.get_value() {
            Some(flow) if event.failure().is_some() => flow.run(event),
            _ => self.take(event),
        }
    }

    pub fn sent(&self) -> Option<crate::flows::code::SentCode> {
        self.verification.sent(&self.key.get())
    }

    /// A request is in flight.
    pub fn busy(&self) -> bool {
        self.state.with(|s| s.status.busy())
    }

    /// Whether a request is in flight, untracked; `None` once the step is gone.
    pub fn try_busy(&self) -> Option<bool> {
        self.state.try_with_untracked(|s| s.status.busy())
    }

    /// Digits in the code on its way (the challenge says), or the contract's default.
    fn code_length(&self) -> usize {
        self.sent().map_or(CODE_LENGTH, |s| s.challenge().code_length as usize)
    }

    /// Applies `event` to the step; returns the requests it asks for.
    fn dispatch(&self, event: CodeEvent) -> Vec<CodeEffect> {
        let key = self.key.get_untracked();
        let state = CodeState { sent: self.verification.sent_untracked(&key), ..self.state.get_untracked() };
        let (mut after, effects) = next(&state, event);
        self.verification.set_sent(&key, after.sent.take());
        self.state.set(after);
        let mut requests = Vec::new();
        for effect in effects {
            match effect {
                CodeEffect::ClearInput => self.code.set(String::new()),
                CodeEffect::Wait(seconds) => self.verification.block(&key, seconds),
                CodeEffect::Focus(focus) => self.focus.apply(focus),
                CodeEffect::SessionExpired => self.store.expire(),
                request => requests.push(request),
            }
        }
        requests
    }

    /// Asks for a code with `request`, unless a request is in flight.
    pub fn send<Fut>(self, request: impl FnOnce() -> Fut + 'static)
    where
        Fut: Future<Output = Result<Challenge, ApiError>> + 'static,
    {
        // Boxed so the work below exists once in the build, not once per caller.
        self.send_pending(Box::new(move || Box::pin(request())));
    }

    fn send_pending(self, request: Box<dyn FnOnce() -> Pending<Challenge>>) {
        if self.dispatch(CodeEvent::Send).is_empty() {
            return;
        }
        self.tasks.with_value(|tasks| {
            tasks.run(request(), move |answer| {
                self.answered(match answer {
                    Ok(challenge) => CodeEvent::Sent(challenge),
                    Err(error) => CodeEvent::SendFailed(error),
                });
            })
        });
    }

    /// Checks the typed `code` with `request(challenge_id, code)`; `on_ok` gets what the
    /// backend answered. A code of the wrong shape never reaches the server.
    pub fn verify<T, Fut>(
        self,
        code: String,
        request: impl FnOnce(String, String) -> Fut + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let request: Box<dyn FnOnce(String, String) -> Pending<T>> =
            Box::new(move |id, code| Box::pin(request(id, code)));
        self.verify_boxed(code, request, Box::new(on_ok));
    }

    fn verify_boxed<T: 'static>(
        self,
        code: String,
        request: Box<dyn FnOnce(String, String) -> Pending<T>>,
        on_ok: Box<dyn FnOnce(T)>,
    ) {
        let Some(CodeEffect::CheckCode { challenge_id, code }) = self.dispatch(CodeEvent::Verify(code)).pop() else {
            return;
        };
        self.tasks.with_value(|tasks| {
            tasks.run(request(challenge_id, code), move |answer| match answer {
                Ok(value) => {
                    self.dispatch(CodeEvent::Verified);
                    on_ok(value);
                }
                Err(error) => self.answered(CodeEvent::VerifyFailed(error)),
            })
        });
    }
}

/// The code step's view. `send` asks for a code; `verify` checks the typed code (it is
/// also called once when a complete code is typed or pasted).
#[component]
pub fn CodeStep(
    controller: CodeController,
    /// Where the code goes, masked, before one was sent.
    #[prop(into)]
    target: Signal<String>,
    send: Callback<()>,
    verify: Callback<String>,
    /// Verifying the code commits a change: only OK (or Enter) submits it, and the button
    /// says OK. Otherwise a complete code is checked at once, and the button says Verify.
    #[prop(optional)]
    commits: bool,
    /// "Sign out of all other sessions", above the buttons once a code was sent, for a
    /// change that OK commits and that offers it.
    #[prop(optional)]
    sign_out_others: Option<RwSignal<bool>>,
    /// What `same_as_current` means here ("This is already your recovery mobile number").
    #[prop(optional)]
    same_as_current: Option<Key>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let (check_id, hint_id) = (app.id("sign-out-others"), app.id("sign-out-others-hint"));
    let verification = use_verification();
    // The countdowns below tick while this step is shown.
    verification.time.watch();
    let wait = move || verification.resend_wait(&controller.key.get());
    let expires_in = move || {
        let sent = controller.sent()?;
        let at = parse_rfc3339_ms(&sent.challenge().expires_at)?;
        Some(seconds_left(at, verification.time.get()))
    };
    let dead = move || controller.sent().is_some_and(|s| s.is_dead()) || expires_in() == Some(0);
    // A wait the server asked for counts down in the message with the same clock as the
    // button, and the message goes once the wait is over.
    let error_text = Signal::derive(move || {
        let length = controller.code_length().to_string();
        let (format_error, error) = controller.state.with(|s| (s.format_error, s.status.error().cloned()));
        format_error.map(|e| locale.format(code_error_key(e), &[("n", &length)])).or_else(|| {
            match (error?, same_as_current) {
                (ApiError::SameAsCurrent, Some(key)) => Some(locale.text(key).into()),
                (error, _) => error.message_now(locale, wait(), |s| app.time_after(s)),
            }
        })
    });
    let send_label = move |first: bool| {
        let seconds = wait();
        // Long waits (the daily limit) are explained by the error; a ticking day helps nobody.
        if seconds > 0 && seconds <= 600 {
            locale.format(Key::ResendIn, &[("s", &seconds.to_string())])
        } else if first {
            locale.text(Key::SendCode).to_string()
        } else {
            locale.text(Key::ResendCode).to_string()
        }
    };
    let sent_view = move || {
        let sent = controller.sent()?;
        let masked = sent.challenge().masked_target.clone();
        Some(
            view! {
                <p class="ac-code-sent" role="status">
                    {locale.format(Key::CodeSentTo, &[("target", &masked)])}
                </p>
                <p class="ac-code-expiry">
                    {move || match expires_in() {
                        Some(0) => locale.text(Key::CodeExpiredNow).to_string(),
                        Some(s) => locale.format(Key::CodeExpiresIn, &[("t", &format_clock(s))]),
                        None => String::new(),
                    }}
                </p>
            }
            .into_any(),
        )
    };
    view! {
        <div class="ac-code-step">
            {move || (controller.sent().is_none() && !target.with(String::is_empty)).then(|| view! {
                <p class="ac-dialog-text">{locale.format(Key::VerifyContactIntro, &[("target", &target.get())])}</p>
            }.into_any())}
            {sent_view}
            {move || controller.sent().is_some().then(|| view! {
                <CodeField
                    value=controller.code
                    error=error_text
                    on_complete=(!commits).then_some(verify)
                    disabled=Signal::derive(move || controller.busy() || dead())
                    length=controller.code_length()
                />
            }.into_any())}
            {move || controller.sent().is_none().then(|| view! { <ErrorText error=error_text/> }.into_any())}
            {move || controller.sent().is_some().then_some(sign_out_others).flatten().map(|checked| view! {
                <div class="ac-check">
                    <input
                        type="checkbox"
                        id=check_id.clone()
                        aria-describedby=hint_id.clone()
                        prop:checked=move || checked.get()
                        on:change=move |ev| checked.set(event_target_checked(&ev))
                    />
                    <div>
                        <label for=check_id.clone()>{locale.text(Key::SignOutOthers)}</label>
                        <p class="ac-hint" id=hint_id.clone()>{locale.text(Key::SignOutOthersHint)}</p>
                    </div>
                </div>
            })}
            <div class="ac-dialog-actions">
                <button
                    type="button"
                    class=move || if controller.sent().is_some() { "ac-button ac-button-secondary" } else { "ac-button ac-button-primary" }
                    disabled=move || { controller.busy() || (wait() > 0) }
                    on:click=move |_| send.run(())
                >
                    {move || send_label(controller.sent().is_none())}
                </button>
                {move || controller.sent().is_some().then(|| view! {
                    <button
                        type="submit"
                        class="ac-button ac-button-primary"
                        disabled=move || controller.busy() || dead()
                    >
                        {app.t(if commits { Key::Ok } else { Key::Verify })}
                    </button>
                }.into_any())}
            </div>
        </div>
    }
}

/// The code step as a form of its own: submitting it (Enter, or the submit button) verifies
/// the typed code.
#[component]
pub fn CodeForm(
    controller: CodeController,
    #[prop(into)] target: Signal<String>,
    send: Callback<()>,
    verify: Callback<String>,
) -> impl IntoView {
    view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                verify.run(controller.code.get_untracked());
            }
        >
            <CodeStep controller=controller target=target send=send verify=verify/>
        </form>
    }
}
