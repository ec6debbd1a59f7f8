//! The contact dialogs: edit a contact value (with identity step-up when the backend asks
//! for it, then an automatic retry), and verify a contact value with a code.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::api::types::Account;
use crate::api::{ApiError, Kind};
use crate::components::announcer::use_announcer;
use crate::components::code_step::{CodeController, CodeStep};
use crate::components::dialog::{focus_id, DialogEnd, Modal};
use crate::components::fields::{EmailField, EmailInput, ErrorText, PhoneField, PhoneInput};
use crate::context::{use_account, use_app, use_verification};
use crate::flows::contact::{after_change, default_method, EditOutcome, EditStep};
use crate::flows::reconcile::Change;
use crate::i18n::Key;
use crate::task::Tasks;

pub fn edit_button_id(kind: Kind) -> String {
    format!("ac-edit-contact-{}", kind.name())
}

pub fn verify_button_id(kind: Kind) -> String {
    format!("ac-verify-contact-{}", kind.name())
}

fn identity_key(method: &str) -> String {
    format!("identity:{method}")
}

fn method_target(account: &Account, method: &str) -> String {
    let masked = if method == "sms" { &account.recovery_mobile } else { &account.recovery_email };
    masked.as_ref().map(|m| m.masked.clone()).unwrap_or_default()
}

/// The identity step (PRODUCT §4.5): choose a recovery address, get a code, enter it. The
/// ticket is kept in memory only; `on_verified` runs once it is held.
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
    let method = RwSignal::new(default_method(&methods).unwrap_or_default());
    let identity = CodeController::new(identity_key(&method.get_untracked()));
    // Resume a code already on its way for the chosen method.
    Effect::new(move |_| identity.key.set(identity_key(&method.get())));
    let send_api = app.api.clone();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        let chosen = method.get_untracked();
        identity.send(move || async move { api.start_identity(&chosen).await });
    });
    let verify_api = app.api.clone();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        identity.verify(
            code,
            move |id, code| async move { api.verify_identity(&id, &code).await },
            move |ticket: crate::api::types::Ticket| {
                verification.ticket.set(Some(ticket.ticket));
                on_verified.run(());
            },
        );
    });
    let target_account = account.clone();
    let target = Signal::derive(move || method_target(&target_account, &method.get()));
    let method_choice = (methods.len() > 1).then(|| {
        let radios = methods
            .iter()
            .map(|m| {
                let m = m.clone();
                let key = if m == "sms" { Key::MethodSms } else { Key::MethodEmail };
                let label = locale.format(key, &[("target", &method_target(&account, &m))]);
                let id = format!("ac-method-{m}");
                let checked = m.clone();
                view! {
                    <div class="ac-radio">
                        <input
                            type="radio"
                            id=id.clone()
                            name="ac-method"
                            value=m.clone()
                            prop:checked=move || method.get() == checked
                            on:change=move |_| method.set(m.clone())
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="ac-fieldset" disabled=move || identity.busy.get() || identity.sent().is_some()>
                <legend class="ac-label">{locale.text(Key::ReceiveCodeBy)}</legend>
                {radios}
            </fieldset>
        }
    });
    let no_method = methods.is_empty();
    view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                verify.run(identity.code.get_untracked());
            }
        >
            <p class="ac-dialog-text">{locale.text(Key::VerifyIdentityIntro)}</p>
            <ErrorText error=error/>
            <ErrorText error=no_method.then(|| locale.text(Key::NoIdentityMethod).to_string())/>
            {method_choice}
            {(!no_method).then(|| view! { <CodeStep controller=identity target=target send=send verify=verify/> })}
        </form>
    }
}

/// The dialog behind "Edit contact mobile number" / "Edit contact email address".
#[component]
pub fn EditContactDialog(kind: Kind, account: Account, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let end = DialogEnd::new(on_close);
    let verification = use_verification();
    let step = RwSignal::new(EditStep::EnterValue);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let phone = PhoneInput::new(locale, app.config.phone_region(&[]));
    let email = EmailInput::new();
    let (title_key, current) = match kind {
        Kind::Mobile => (Key::EditContactMobile, account.contact_mobile.clone()),
        Kind::Email => (Key::EditContactEmail, account.contact_email.clone()),
    };
    let title = Signal::derive(move || {
        match step.get() {
            EditStep::EnterValue => locale.text(title_key),
            EditStep::VerifyIdentity(_) => locale.text(Key::VerifyIdentityTitle),
        }
        .to_string()
    });

    let emit_app = app.clone();
    let api = app.api.clone();
    // Sends the change with the ticket held in memory, if any; the flow decides what next.
    let tasks = Tasks::new();
    let before = account.clone();
    let submit = move || {
        let value = match kind {
            Kind::Mobile => phone.validate(locale),
            Kind::Email => email.validate(),
        };
        let Ok(value) = value else {
            step.set(EditStep::EnterValue);
            // After the current task: a tap on OK focuses the button once its click is handled.
            let field = if kind == Kind::Mobile { "ac-phone" } else { "ac-email" };
            set_timeout(move || focus_id(field), std::time::Duration::ZERO);
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let api = api.clone();
        let emit_app = emit_app.clone();
        let before = before.clone();
        tasks.spawn(async move {
            let ticket = verification.ticket.get_untracked();
            let answer = api.set_contact(kind, &value, ticket.as_deref()).await;
            let result = api.reconcile(answer, Change::Contact(kind), &before).await;
            busy.set(false);
            match after_change(&step.get_untracked(), result) {
                EditOutcome::Done(account) => {
                    let masked = match kind {
                        Kind::Mobile => account.contact_mobile.as_ref(),
                        Kind::Email => account.contact_email.as_ref(),
                    }
                    .map(|c| c.masked.clone())
                    .unwrap_or_default();
                    let key = if kind == Kind::Mobile { Key::ContactMobileChanged } else { Key::ContactEmailChanged };
                    emit_app.emit("contact-changed", &[("kind", kind.name().into()), ("verified", JsValue::FALSE)]);
                    end.saved(account, locale.format(key, &[("value", &masked)]), edit_button_id(kind));
                }
                EditOutcome::Show { step: next, error: shown } => {
                    if shown.as_ref().is_some_and(|e| store.handle(e)) {
                        return;
                    }
                    if matches!(next, EditStep::VerifyIdentity(_)) {
                        verification.ticket.set(None);
                    }
                    match (&shown, kind) {
                        (Some(ApiError::InvalidPhone), _) => phone.error.set(Some(Key::ErrInvalidPhone)),
                        (Some(ApiError::InvalidEmail), _) => email.error.set(Some(Key::ErrInvalidEmail)),
                        (Some(ApiError::SameAsCurrent), Kind::Mobile) => phone.error.set(Some(Key::ErrSameAsCurrent)),
                        (Some(ApiError::SameAsCurrent), Kind::Email) => email.error.set(Some(Key::ErrSameAsCurrent)),
                        _ => error.set(shown),
                    }
                    step.set(next);
                }
            }
        });
    };

    let submit_after_identity = submit.clone();
    let on_verified = Callback::new(move |_| {
        announcer.say(locale.text(Key::IdentityVerifiedSaving).to_string());
        submit_after_identity();
    });
    // Each step shows the errors met while it was current.
    let error_in = move |identity: bool| {
        Signal::derive(move || {
            let on_identity = matches!(step.get(), EditStep::VerifyIdentity(_));
            (on_identity == identity).then(|| error.get().map(|e| e.message(locale))).flatten()
        })
    };
    let current_line = current.map(|c| locale.format(Key::CurrentValue, &[("value", &c.masked)]));
    let value_field = match kind {
        Kind::Mobile => view! { <PhoneField input=phone label=Key::NewMobileNumber hint=current_line.clone().unwrap_or_default()/> }.into_any(),
        Kind::Email => view! { <EmailField input=email label=Key::NewEmailAddress hint=current_line.clone().unwrap_or_default()/> }.into_any(),
    };
    let submit_form = submit.clone();
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
                <button type="button" class="ac-button ac-button-secondary" on:click=move |_| end.cancel(edit_button_id(kind))>
                    {locale.text(Key::Cancel)}
                </button>
                <button type="submit" class="ac-button ac-button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { locale.text(Key::Saving) } else { locale.text(Key::Ok) }}
                </button>
            </div>
        </form>
    };

    let identity_view = view! {
        <IdentityCheck account=account error=error_in(true) on_verified=on_verified/>
        <p class="ac-dialog-text" role="status">{move || busy.get().then(|| locale.text(Key::Saving))}</p>
    };

    view! {
        <Modal title=title on_close=on_close return_focus=edit_button_id(kind)>
            <div hidden=move || !matches!(step.get(), EditStep::EnterValue)>
                {enter_value}
            </div>
            <div hidden=move || matches!(step.get(), EditStep::EnterValue)>
                {identity_view}
            </div>
        </Modal>
    }
}

/// The dialog behind "Verify now": a code to the contact value itself.
#[component]
pub fn VerifyContactDialog(kind: Kind, account: Account, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let end = DialogEnd::new(on_close);
    let (title_key, done_key, contact) = match kind {
        Kind::Mobile => (Key::VerifyContactMobile, Key::ContactMobileVerified, account.contact_mobile.clone()),
        Kind::Email => (Key::VerifyContactEmail, Key::ContactEmailVerified, account.contact_email.clone()),
    };
    let masked = contact.map(|c| c.masked).unwrap_or_default();
    let controller = CodeController::new(format!("verify:{}:{masked}", kind.name()));
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
                // The Verify now button is gone: focus goes to the row's Edit button.
                end.saved(account, locale.text(done_key).to_string(), edit_button_id(kind));
            },
        );
    });
    view! {
        <Modal title=locale.text(title_key).to_string() on_close=on_close return_focus=verify_button_id(kind)>
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
