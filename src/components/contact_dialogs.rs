//! The contact dialogs: edit a contact value (with identity step-up when the backend asks
//! for it, then an automatic retry), and verify a contact value with a code.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::types::{Account, IdentityMethod, Ticket};
use crate::api::Kind;
use crate::components::announcer::use_announcer;
use crate::components::code_step::{CodeController, CodeStep};
use crate::components::dialog::{DialogEnd, Modal, Opener};
use crate::components::fields::{focus_field, EmailField, EmailInput, ErrorText, PhoneField, PhoneInput};
use crate::context::{use_account, use_app, use_verification};
use crate::flows::contact::{default_method, next, EditEffect, EditEvent, EditState, EditStep};
use crate::flows::password::{self, PasswordEffect, PasswordEvent, PasswordState};
use crate::flows::reconcile::Change;
use crate::flows::FlowKey;
use crate::i18n::Key;
use crate::task::Tasks;

/// The identity step (PRODUCT §4.5): choose a method, then a code to a recovery address or
/// the sign-in password. The ticket is kept in memory only; `on_verified` runs once it is
/// held.
#[component]
pub fn IdentityCheck(
    account: Account,
    /// An error of the flow around this step (e.g. the ticket expired), shown on top.
    #[prop(into)]
    error: Signal<Option<String>>,
    on_verified: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let verification = use_verification();
    let methods = account.usable_identity_methods();
    let method = RwSignal::new(default_method(&methods).unwrap_or(IdentityMethod::Sms));
    let identity = CodeController::new(FlowKey::Identity(method.get_untracked()));
    // Resume a code already on its way for the chosen method.
    Effect::new(move |_| identity.key.set(FlowKey::Identity(method.get())));
    let send_api = app.api.clone();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        let chosen = method.get_untracked();
        identity.send(move || async move { api.start_identity(chosen).await });
    });
    let verify_api = app.api.clone();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        identity.verify(
            code,
            move |id, code| async move { api.verify_identity(&id, &code).await },
            move |ticket: Ticket| {
                verification.ticket.set(Some(ticket.ticket));
                on_verified.run(());
            },
        );
    });
    let masked = move |m: IdentityMethod| m.target(&account).unwrap_or_default().to_string();
    let target_of = masked.clone();
    let target = Signal::derive(move || target_of(method.get()));
    let method_choice = (methods.len() > 1).then(|| {
        let radios = methods
            .iter()
            .map(|&m| {
                let label = match m {
                    IdentityMethod::Sms => locale.format(Key::MethodSms, &[("target", &masked(m))]),
                    IdentityMethod::Email => locale.format(Key::MethodEmail, &[("target", &masked(m))]),
                    IdentityMethod::Password => locale.text(Key::MethodPassword).to_string(),
                };
                let id = app.id(&format!("method-{}", m.name()));
                view! {
                    <div class="ac-radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name=app.id("method")
                            value=m.name()
                            prop:checked=move || method.get() == m
                            on:change=move |_| method.set(m)
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
    // Under the code step: the other methods the account has, switched to in place, and
    // where to ask for help when none works (the shell's `appealUrl`).
    let appeal = app.config.appeal_url.clone();
    let others = methods.clone();
    let other_masked = masked.clone();
    let other_ways = move || {
        let current = method.get();
        others
            .iter()
            .filter(|&&m| m != current)
            .map(|&m| {
                let text = match m {
                    IdentityMethod::Sms => locale.format(Key::UseMethodSms, &[("target", &other_masked(m))]),
                    IdentityMethod::Email => locale.format(Key::UseMethodEmail, &[("target", &other_masked(m))]),
                    IdentityMethod::Password => locale.text(Key::UseMethodPassword).to_string(),
                };
                view! {
                    <li>
                        <button type="button" class="ac-link-button" on:click=move |_| method.set(m)>{text}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let cant_receive = (methods.len() > 1 || appeal.is_some()).then(|| {
        view! {
            <details class="ac-help">
                <summary>{locale.text(Key::CantReceive)}</summary>
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
    let by_code = view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                verify.run(identity.code.get_untracked());
            }
        >
            <CodeStep controller=identity target=target send=send verify=verify/>
        </form>
        {cant_receive}
    };
    let by_password = move || {
        (!no_method && method.get() == IdentityMethod::Password)
            .then(|| view! { <PasswordCheck on_verified=on_verified/> })
    };
    view! {
        <div class="ac-form">
            <p class="ac-dialog-text">{locale.text(Key::VerifyIdentityIntro)}</p>
            <ErrorText error=error/>
            <ErrorText error=no_method.then(|| locale.text(Key::NoIdentityMethod).to_string())/>
            {method_choice}
            <div hidden=move || no_method || method.get() == IdentityMethod::Password>{by_code}</div>
            {by_password}
        </div>
    }
}

/// Identity by the sign-in password (see [`crate::flows::password`]).
#[component]
fn PasswordCheck(on_verified: Callback<()>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let verification = use_verification();
    let store = use_account();
    let state = RwSignal::new(PasswordState::default());
    let typed = RwSignal::new(String::new());
    let field = NodeRef::<leptos::html::Input>::new();
    let tasks = Tasks::new();
    let key = FlowKey::Identity(IdentityMethod::Password);
    // A pause after wrong passwords counts down while this is shown.
    verification.time.watch();
    let wait_key = key.clone();
    let wait = Signal::derive(move || verification.resend_wait(&wait_key));
    let dispatch: StoredValue<Option<Callback<PasswordEvent>>> = StoredValue::new(None);
    let api = app.api.clone();
    dispatch.set_value(Some(Callback::new(move |event: PasswordEvent| {
        let (after, effects) = password::next(state.get_untracked(), event);
        state.set(after);
        for effect in effects {
            match effect {
                PasswordEffect::Check(password) => {
                    let api = api.clone();
                    tasks.run(async move { api.verify_password(&password).await }, move |answer| {
                        if let Some(dispatch) = dispatch.get_value() {
                            dispatch.run(PasswordEvent::Answered(answer));
                        }
                    });
                }
                PasswordEffect::Verified(ticket) => {
                    typed.set(String::new());
                    verification.ticket.set(Some(ticket.ticket));
                    on_verified.run(());
                }
                PasswordEffect::ClearInput => {
                    typed.set(String::new());
                    focus_field(field);
                }
                PasswordEffect::Wait(seconds) => verification.block(&key, seconds),
                PasswordEffect::SessionExpired => store.expire(),
            }
        }
    })));
    let busy = move || state.with(|s| s.busy);
    let error_text = Signal::derive(move || {
        let (missing, error) = state.with(|s| (s.missing, s.error.clone()));
        if missing {
            return Some(locale.text(Key::PasswordEmpty).to_string());
        }
        let error = error?;
        match error.retry_after() {
            Some(_) => Some(wait.get()).filter(|&s| s > 0).map(|s| error.message_waiting(locale, s)),
            None => Some(error.message(locale)),
        }
    });
    view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                if let Some(dispatch) = dispatch.get_value() {
                    dispatch.run(PasswordEvent::Submit(typed.get_untracked()));
                }
            }
        >
            <div class="ac-field">
                <label class="ac-label" for=app.id("password")>{locale.text(Key::PasswordLabel)}</label>
                <input
                    id=app.id("password")
                    node_ref=field
                    class="ac-input"
                    type="password"
                    autocomplete="current-password"
                    aria-invalid=move || error_text.with(Option::is_some).to_string()
                    aria-describedby=app.id("password-error")
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <span class="ac-field-error" id=app.id("password-error") role="alert">{error_text}</span>
            </div>
            <div class="ac-dialog-actions">
                <button type="submit" class="ac-button ac-button-primary" disabled=move || { busy() || (wait.get() > 0) }>
                    {locale.text(Key::Verify)}
                </button>
            </div>
        </form>
    }
}

/// The dialog behind "Edit contact mobile number" / "Edit contact email address". It shows
/// the state of [`crate::flows::contact`] and carries out its effects.
#[component]
pub fn EditContactDialog(kind: Kind, account: Account, opener: Opener, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let end = DialogEnd::new(on_close);
    let verification = use_verification();
    let state = RwSignal::new(EditState::default());
    let phone = PhoneInput::new(locale, app.config.phone_region(&[]));
    let email = EmailInput::new();
    let (title_key, current) = match kind {
        Kind::Mobile => (Key::EditContactMobile, account.contact_mobile.clone()),
        Kind::Email => (Key::EditContactEmail, account.contact_email.clone()),
    };
    let on_identity = move || state.with(|s| s.step == EditStep::VerifyIdentity);
    let title = Signal::derive(move || {
        locale.text(if on_identity() { Key::VerifyIdentityTitle } else { title_key }).to_string()
    });
    let busy = move || state.with(|s| s.busy);

    // Carried out in a task of the dialog: a save started after a verified code belongs to
    // the dialog, not to the identity step that was showing.
    let tasks = Tasks::new();
    let before = account.clone();
    let dispatch: StoredValue<Option<Callback<EditEvent>>> = StoredValue::new(None);
    let submit = move || {
        let value = match kind {
            Kind::Mobile => phone.validate(locale),
            Kind::Email => email.validate(),
        };
        if let Some(dispatch) = dispatch.get_value() {
            dispatch.run(EditEvent::Submit(value));
        }
    };
    let emit_app = app.clone();
    let api = app.api.clone();
    dispatch.set_value(Some(Callback::new(move |event: EditEvent| {
        let (after, effects) = next(&state.get_untracked(), event);
        state.set(after);
        for effect in effects {
            match effect {
                EditEffect::Save(value) => {
                    let api = api.clone();
                    let before = before.clone();
                    let ticket = verification.ticket.get_untracked();
                    let request = async move {
                        let answer = api.set_contact(kind, &value, ticket.as_deref()).await;
                        api.reconcile(answer, Change::Contact(kind), &before).await
                    };
                    tasks.run(request, move |answer| {
                        if let Some(dispatch) = dispatch.get_value() {
                            dispatch.run(EditEvent::Answered(answer));
                        }
                    });
                }
                EditEffect::FocusValue => focus_field(if kind == Kind::Mobile { phone.field } else { email.field }),
                EditEffect::Resubmit => submit(),
                EditEffect::AnnounceSaving => announcer.say(locale.text(Key::IdentityVerifiedSaving).to_string()),
                EditEffect::Saved(account) => {
                    let masked = account.contact(kind).map(|c| c.masked.clone()).unwrap_or_default();
                    let key = if kind == Kind::Mobile { Key::ContactMobileChanged } else { Key::ContactEmailChanged };
                    emit_app.emit("contact-changed", &[("kind", kind.name().into()), ("verified", JsValue::FALSE)]);
                    end.saved(account, locale.format(key, &[("value", &masked)]), opener);
                }
                EditEffect::FieldError(error) => {
                    let field_error = match kind {
                        Kind::Mobile => phone.error,
                        Kind::Email => email.error,
                    };
                    field_error.set(Some(error.key()));
                }
                EditEffect::DropTicket => verification.ticket.set(None),
                EditEffect::SessionExpired => store.expire(),
            }
        }
    })));

    let on_verified = Callback::new(move |_| {
        if let Some(dispatch) = dispatch.get_value() {
            dispatch.run(EditEvent::IdentityVerified);
        }
    });
    // Each step shows the errors met while it was current.
    let error_in = move |identity: bool| {
        Signal::derive(move || {
            state
                .with(|s| (s.step == EditStep::VerifyIdentity) == identity)
                .then(|| state.with(|s| s.error.as_ref().map(|e| e.message(locale))))
                .flatten()
        })
    };
    let current_line = current.map(|c| locale.format(Key::CurrentValue, &[("value", &c.masked)]));
    let value_field = match kind {
        Kind::Mobile => {
            view! { <PhoneField input=phone label=Key::NewMobileNumber hint=current_line.clone().unwrap_or_default()/> }
                .into_any()
        }
        Kind::Email => {
            view! { <EmailField input=email label=Key::NewEmailAddress hint=current_line.clone().unwrap_or_default()/> }
                .into_any()
        }
    };
    let submit_form = submit;
    let enter_value = view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit_form();
            }
        >
            {value_field}
            <ErrorText error=error_in(false)/>
            <div class="ac-dialog-actions">
                <button type="button" class="ac-button ac-button-secondary" on:click=move |_| end.cancel(opener)>
                    {locale.text(Key::Cancel)}
                </button>
                <button type="submit" class="ac-button ac-button-primary" disabled=busy>
                    {move || if busy() { locale.text(Key::Saving) } else { locale.text(Key::Ok) }}
                </button>
            </div>
        </form>
    };

    let identity_view = view! {
        <IdentityCheck account=account error=error_in(true) on_verified=on_verified/>
        <p class="ac-dialog-text" role="status">{move || busy().then(|| locale.text(Key::Saving))}</p>
    };

    view! {
        <Modal title=title on_close=on_close opener=opener>
            <div hidden=on_identity>
                {enter_value}
            </div>
            <div hidden=move || !on_identity()>
                {identity_view}
            </div>
        </Modal>
    }
}

/// The dialog behind "Verify now": a code to the contact value itself. Focus goes to the
/// row's Edit button afterwards (`after`): the Verify now button is gone.
#[component]
pub fn VerifyContactDialog(
    kind: Kind,
    account: Account,
    opener: Opener,
    after: Opener,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let end = DialogEnd::new(on_close);
    let (title_key, done_key, contact) = match kind {
        Kind::Mobile => (Key::VerifyContactMobile, Key::ContactMobileVerified, account.contact_mobile.clone()),
        Kind::Email => (Key::VerifyContactEmail, Key::ContactEmailVerified, account.contact_email.clone()),
    };
    let masked = contact.map(|c| c.masked).unwrap_or_default();
    let controller = CodeController::new(FlowKey::Verify(kind, masked.clone()));
    let send_api = app.api.clone();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        controller.send(move || async move { api.start_contact_verification(kind).await });
    });
    let verify_api = app.api.clone();
    let emit_app = app.clone();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        let emit_app = emit_app.clone();
        let before = account.clone();
        controller.verify(
            code,
            move |id, code| async move {
                let answer = api.verify_contact(kind, &id, &code).await;
                api.reconcile(answer, Change::ContactVerified(kind), &before).await
            },
            move |account: Account| {
                emit_app.emit("contact-changed", &[("kind", kind.name().into()), ("verified", JsValue::TRUE)]);
                end.saved(account, locale.text(done_key).to_string(), after);
            },
        );
    });
    view! {
        <Modal title=locale.text(title_key).to_string() on_close=on_close opener=opener>
            <form
                class="ac-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    verify.run(controller.code.get_untracked());
                }
            >
                <CodeStep controller=controller target=masked send=send verify=verify/>
            </form>
        </Modal>
    }
}

/// "Verify now" beside an unverified contact value: it opens the dialog above.
#[component]
pub fn VerifyNowButton(kind: Kind, opener: Opener, on_click: Callback<()>) -> impl IntoView {
    let locale = use_app().locale;
    let label = if kind == Kind::Mobile { Key::VerifyNowMobile } else { Key::VerifyNowEmail };
    view! {
        <button
            type="button"
            node_ref=opener.button_ref()
            class="ac-button ac-button-primary ac-button-small"
            aria-label=locale.text(label)
            on:click=move |_| on_click.run(())
        >
            {locale.text(Key::VerifyNow)}
        </button>
    }
}

/// The controls a page's contact rows open dialogs from, per kind: made by the page outside
/// what re-renders, so that focus finds them again after a change (see [`Opener`]).
#[derive(Clone, Copy)]
pub struct ContactOpeners {
    edit: [Opener; 2],
    verify: [Opener; 2],
}

impl ContactOpeners {
    /// `edit` makes the Edit control's opener: a button on User Details, a link elsewhere.
    pub fn new(edit: fn() -> Opener) -> Self {
        Self { edit: [edit(), edit()], verify: [Opener::button(), Opener::button()] }
    }

    pub fn edit(&self, kind: Kind) -> Opener {
        self.edit[kind as usize]
    }

    pub fn verify(&self, kind: Kind) -> Opener {
        self.verify[kind as usize]
    }
}
