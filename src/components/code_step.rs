//! The code step shared by every flow: send a code, show the server's clocks, take the
//! code, verify it. The code on its way is remembered above the dialog, so closing and
//! reopening for the same target resumes here with the countdown still running.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::fields::{code_error_key, CodeField, ErrorText};
use crate::context::{use_account, use_app, use_verification, Verification};
use crate::flows::code::{next, Accepted, CodeEffect, CodeEvent, CodeState, Pending, Request, SentCode};
use crate::flows::FlowKey;
use crate::focus::DialogFocus;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::time::{format_clock, parse_rfc3339_ms, seconds_left};
use contract::validate::{Code, CODE_LENGTH};
use contract::{Challenge, ChallengeId};

/// Runs the code step of one target on the flows' runner (see [`crate::flows::code`]). The
/// code on its way is also kept in [`crate::context::Verification`], above the dialog, per
/// target.
#[derive(Clone, Copy)]
pub struct CodeController {
    key: RwSignal<FlowKey>,
    machine: Machine<CodeState, CodeEvent, CodeEffect>,
    pub code: RwSignal<String>,
    verification: Verification,
}

impl CodeController {
    /// The step for `key`. What an accepted code earned goes to `on_accepted`, the flow
    /// around the step; a step inside a flow that needs identity verified gets
    /// `on_identity_required`: the backend asked for it again.
    pub fn new(key: FlowKey, on_accepted: Callback<Accepted>, on_identity_required: Option<Callback<()>>) -> Self {
        let verification = use_verification();
        let store = use_account();
        // The dialog's focus, for the runner (a step shown on its own makes one).
        DialogFocus::use_context();
        let code = RwSignal::new(String::new());
        let initial = CodeState { sent: verification.sent_untracked(&key), ..CodeState::default() };
        let key = RwSignal::new(key);
        let machine = Machine::new(initial, next, move |machine, effect| match effect {
            CodeEffect::RequestCode(request) => {
                if let Some(request) = request.take() {
                    machine.run(request, |answer| match answer {
                        Ok(challenge) => CodeEvent::Sent(challenge),
                        Err(error) => CodeEvent::SendFailed(error),
                    });
                }
            }
            CodeEffect::CheckCode { challenge_id, code, check } => {
                if let Some(check) = check.take() {
                    machine.run(check(challenge_id, code), |answer| match answer {
                        Ok(accepted) => CodeEvent::Verified(accepted),
                        Err(error) => CodeEvent::VerifyFailed(error),
                    });
                }
            }
            CodeEffect::Keep(sent) => verification.set_sent(&key.get_untracked(), sent),
            CodeEffect::ClearInput => code.set(String::new()),
            CodeEffect::Wait(seconds) => verification.block(&key.get_untracked(), seconds),
            CodeEffect::SessionExpired => store.expire(),
            CodeEffect::IdentityRequired => on_identity_required.into_iter().for_each(|flow| flow.run(())),
            CodeEffect::Accepted(accepted) => on_accepted.run(accepted),
            CodeEffect::Focus(_) => {} // moved by the runner
        });
        Self { key, machine, code, verification }
    }

    /// The step is now for `key` (another method, another value typed): a code on its way
    /// there is resumed.
    pub fn retarget(self, key: FlowKey) {
        if self.key.get_untracked() == key {
            return;
        }
        let sent = self.verification.sent_untracked(&key);
        self.key.set(key);
        self.machine.dispatch(CodeEvent::Retargeted(sent));
    }

    pub fn key(&self) -> FlowKey {
        self.key.get()
    }

    pub fn sent(&self) -> Option<SentCode> {
        self.machine.with(|s| s.sent.clone())
    }

    /// A request is in flight.
    pub fn busy(&self) -> bool {
        self.machine.with(|s| s.status.busy())
    }

    /// Whether a request is in flight, untracked; `None` once the step is gone.
    pub fn try_busy(&self) -> Option<bool> {
        self.machine.try_with_untracked(|s| s.status.busy())
    }

    /// Digits in the code on its way (the challenge says), or the contract's default.
    fn code_length(&self) -> usize {
        self.machine.with(|s| s.sent.as_ref().map_or(CODE_LENGTH, |s| s.challenge().code_length as usize))
    }

    /// Asks for a code with `request`, unless a request is in flight.
    pub fn send(self, request: impl Future<Output = Result<Challenge, ApiError>> + 'static) {
        self.machine.dispatch(CodeEvent::Send(Request::new(Box::pin(request))));
    }

    /// Checks the typed `code` with `check(challenge_id, code)`, which answers with what the
    /// code earned. A code of the wrong shape never reaches the server.
    pub fn verify(self, code: String, check: impl FnOnce(ChallengeId, Code) -> Pending<Accepted> + 'static) {
        self.machine.dispatch(CodeEvent::Verify(code, Request::new(Box::new(check))));
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
    let ids = app.ids();
    let (check_id, hint_id) = (ids.of("sign-out-others"), ids.of("sign-out-others-hint"));
    let verification = use_verification();
    // The countdowns below tick while this step is shown.
    verification.time.watch();
    let wait = move || verification.resend_wait(&controller.key());
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
        let (format_error, error) = controller.machine.with(|s| (s.format_error, s.status.error().cloned()));
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
