//! The code step shared by every flow: send a code, show the server's clocks, take the
//! code, verify it. The code on its way is remembered above the dialog, so closing and
//! reopening for the same target resumes here with the countdown still running.

use std::future::Future;

use leptos::prelude::*;

use crate::api::types::Challenge;
use crate::api::ApiError;
use crate::components::fields::{code_error_key, CodeField, ErrorText};
use crate::context::{use_account, use_app, use_verification, AccountStore, Verification};
use crate::flows::clock::{format_clock, parse_rfc3339_ms, seconds_left};
use crate::flows::code::{on_verify_error, CodeFailure, SentCode};
use crate::i18n::Key;
use crate::task::Tasks;
use crate::validate::{normalize_code, CODE_LENGTH};

type Pending<T> = std::pin::Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// Sends and verifies the code of one target (`key`), one request at a time.
#[derive(Clone, Copy)]
pub struct CodeController {
    pub key: RwSignal<String>,
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub code: RwSignal<String>,
    /// A code that is not 6 digits, caught before sending.
    pub format_error: RwSignal<Option<Key>>,
    verification: Verification,
    store: AccountStore,
    tasks: StoredValue<Tasks>,
}

impl CodeController {
    pub fn new(key: String) -> Self {
        Self {
            key: RwSignal::new(key),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            format_error: RwSignal::new(None),
            verification: use_verification(),
            store: use_account(),
            tasks: StoredValue::new(Tasks::new()),
        }
    }

    pub fn sent(&self) -> Option<SentCode> {
        self.verification.sent(&self.key.get())
    }

    /// Digits in the code on its way (the challenge says), or the contract's default.
    fn code_length(&self) -> usize {
        self.sent().map_or(CODE_LENGTH, |s| s.challenge.code_length as usize)
    }

    fn spawn(&self, work: impl Future<Output = ()> + 'static) {
        self.tasks.with_value(|tasks| tasks.spawn(work));
    }

    /// Starts `request` unless one is already in flight; returns whether it started.
    fn start(&self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.error.set(None);
        true
    }

    fn fail(&self, error: ApiError) {
        if self.store.handle(&error) {
            return;
        }
        if let Some(retry_after_s) = error.retry_after() {
            self.verification.block(&self.key.get_untracked(), retry_after_s);
        }
        self.error.set(Some(error));
    }

    pub fn send<Fut>(self, request: impl FnOnce() -> Fut + 'static)
    where
        Fut: Future<Output = Result<Challenge, ApiError>> + 'static,
    {
        // Boxed so the work below exists once in the build, not once per caller.
        self.send_pending(Box::pin(async move { request().await }));
    }

    fn send_pending(self, pending: Pending<Challenge>) {
        if !self.start() {
            return;
        }
        self.spawn(async move {
            match pending.await {
                Ok(challenge) => {
                    self.verification.remember(&self.key.get_untracked(), SentCode::new(challenge));
                    self.code.set(String::new());
                }
                Err(error) => self.fail(error),
            }
            self.busy.set(false);
        });
    }

    /// Verifies `code` against the remembered challenge; `on_ok` gets what the backend
    /// answered. Client-side format errors never reach the server.
    pub fn verify<T, Fut>(self, code: String, request: impl FnOnce(String, String) -> Fut + 'static, on_ok: impl FnOnce(T) + 'static)
    where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let request: Box<dyn FnOnce(String, String) -> Pending<T>> = Box::new(move |id, code| Box::pin(request(id, code)));
        self.verify_boxed(code, request, Box::new(on_ok));
    }

    fn verify_boxed<T: 'static>(
        self,
        code: String,
        request: Box<dyn FnOnce(String, String) -> Pending<T>>,
        on_ok: Box<dyn FnOnce(T)>,
    ) {
        let key = self.key.get_untracked();
        let Some(sent) = self.verification.sent_untracked(&key) else { return };
        let code = match normalize_code(&code, sent.challenge.code_length as usize) {
            Ok(code) => code,
            Err(error) => {
                self.error.set(None);
                self.format_error.set(Some(code_error_key(error)));
                return;
            }
        };
        self.format_error.set(None);
        if !self.start() {
            return;
        }
        self.spawn(async move {
            match request(sent.challenge.challenge_id.clone(), code).await {
                Ok(value) => {
                    self.verification.forget(&key);
                    self.busy.set(false);
                    on_ok(value);
                    return;
                }
                Err(error) => {
                    self.verification.remember(&key, sent.after_error(&error));
                    if on_verify_error(&error) == CodeFailure::TryAgain {
                        self.code.set(String::new());
                    }
                    self.fail(error);
                }
            }
            self.busy.set(false);
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
    /// The submit button's text: Verify, or OK where verifying commits a change.
    #[prop(default = Key::Verify)]
    submit_label: Key,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let verification = use_verification();
    let wait = move || verification.resend_wait(&controller.key.get());
    let expires_in = move || {
        let sent = controller.sent()?;
        let at = parse_rfc3339_ms(&sent.challenge.expires_at)?;
        Some(seconds_left(at, verification.now.get()))
    };
    let dead = move || controller.sent().is_some_and(|s| s.dead) || expires_in() == Some(0);
    // A wait the server asked for counts down in the message with the same clock as the
    // button, and the message goes once the wait is over.
    let error_text = Signal::derive(move || {
        let length = controller.code_length().to_string();
        controller.format_error.get().map(|k| locale.format(k, &[("n", &length)])).or_else(|| {
            let error = controller.error.get()?;
            match error.retry_after() {
                Some(_) => Some(wait()).filter(|&s| s > 0).map(|s| error.message_waiting(locale, s)),
                None => Some(error.message(locale)),
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
        let masked = sent.challenge.masked_target.clone();
        Some(view! {
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
        }.into_any())
    };
    view! {
        <div class="ac-code-step">
            {move || controller.sent().is_none().then(|| view! {
                <p class="ac-dialog-text">{locale.format(Key::VerifyContactIntro, &[("target", &target.get())])}</p>
            }.into_any())}
            {sent_view}
            {move || controller.sent().is_some().then(|| view! {
                <CodeField
                    value=controller.code
                    error=error_text
                    on_complete=verify
                    disabled=Signal::derive(move || controller.busy.get() || dead())
                    length=controller.code_length()
                />
            }.into_any())}
            {move || controller.sent().is_none().then(|| view! { <ErrorText error=error_text/> }.into_any())}
            <div class="ac-dialog-actions">
                <button
                    type="button"
                    class=move || if controller.sent().is_some() { "ac-button ac-button-secondary" } else { "ac-button ac-button-primary" }
                    disabled=move || { controller.busy.get() || (wait() > 0) }
                    on:click=move |_| send.run(())
                >
                    {move || send_label(controller.sent().is_none())}
                </button>
                {move || controller.sent().is_some().then(|| view! {
                    <button
                        type="submit"
                        class="ac-button ac-button-primary"
                        disabled=move || controller.busy.get() || dead()
                    >
                        {app.t(submit_label)}
                    </button>
                }.into_any())}
            </div>
        </div>
    }
}
