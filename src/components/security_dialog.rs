//! The dialog behind Edit / Bind / Modify on Security Settings: verify identity, then enter
//! the new value, send a code to it, enter the code, OK. A code on its way is remembered
//! with the value it went to, so reopening the dialog resumes at the code step.

use leptos::prelude::*;

use crate::api::reconcile::Change;
use crate::api::types::{Account, SecurityTarget};
use crate::components::code_step::{CodeController, CodeStep};
use crate::components::dialog::{DialogEnd, Modal, Opener};
use crate::components::fields::{EmailField, EmailInput, PhoneField, PhoneInput};
use crate::components::identity::IdentityCheck;
use crate::context::{use_app, use_verification};
use crate::flows::code::Done;
use crate::flows::security::{next, SecurityEffect, SecurityEvent, SecurityState, SecurityStep};
use crate::flows::FlowKey;
use crate::focus::DialogFocus;
use crate::host_event::HostEvent;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::validate::normalize_email;

/// Shows the state of [`crate::flows::security`] and carries out its effects; the code step
/// inside runs its own, and hands the dialog the backend's asking for identity again.
#[component]
pub fn SecurityDialog(
    target: SecurityTarget,
    account: Account,
    opener: Opener,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let end = DialogEnd::new(on_close);
    DialogFocus::provide();
    let verification = use_verification();
    let draft_key = FlowKey::Draft(target);
    let current = account.masked(target);
    let title_key = target.title(current.is_some());

    // What was typed survives closing the dialog, so a sent code can be resumed.
    let phone = PhoneInput::replacing(locale, current.as_deref(), app.phone_region());
    let email = EmailInput::new();
    if let Some(draft) = verification.draft(&draft_key) {
        if target.is_mobile() {
            phone.restore(&draft);
        } else {
            email.restore(draft);
        }
    }
    let typed = move || if target.is_mobile() { phone.draft() } else { email.value() };
    let opened = SecurityState::opened(verification.ticket.current().is_some());
    let flow = Machine::new(opened, next, move |_, effect| match effect {
        SecurityEffect::DropTicket => verification.ticket.forget(),
        SecurityEffect::ForgetDraft => verification.set_draft(&FlowKey::Draft(target), ""),
        SecurityEffect::Focus(_) => {} // moved by the runner
    });
    let identity_again = Callback::new(move |_| flow.dispatch(SecurityEvent::IdentityRequired));
    let code = CodeController::new(FlowKey::Change(target, typed()), Some(identity_again));
    let dispatch = move |event| flow.dispatch(event);
    let step = move || flow.with(|s| s.step);
    let title = Signal::derive(move || {
        let n = if step() == SecurityStep::VerifyIdentity { "1" } else { "2" };
        format!("{} · {}", locale.text(title_key), locale.format(Key::StepOf, &[("n", n)]))
    });
    end.reconcile_on_close(opener, move || code.try_busy());
    Effect::new(move |_| {
        let value = typed();
        verification.set_draft(&draft_key, &value);
        code.retarget(FlowKey::Change(target, value));
    });

    let validate = move || if target.is_mobile() { phone.validate() } else { email.validate() };
    let send_api = app.api();
    let send = Callback::new(move |_| {
        let Ok(value) = validate() else { return };
        let Some(ticket) = verification.ticket.current() else {
            dispatch(SecurityEvent::NoTicket);
            return;
        };
        let api = send_api.clone();
        code.send(async move { api.start_change(target, &value, &ticket).await });
    });
    // After the change, every other session of the account is signed out unless the user
    // says otherwise: whoever else holds one must sign in again.
    let sign_out_others = RwSignal::new(true);
    let commit_api = app.api();
    let opened_with = account.clone();
    let verify = Callback::new(move |typed_code: String| {
        let Some(ticket) = verification.ticket.current() else {
            dispatch(SecurityEvent::NoTicket);
            return;
        };
        let api = commit_api.clone();
        let before = opened_with.clone();
        let end_others = sign_out_others.get_untracked();
        code.verify(typed_code, move |id, typed_code| {
            Box::pin(async move {
                let answer = api.commit_change(target, &id, &typed_code, &ticket).await;
                let account = api.reconcile(answer, Change::Security(target), &before).await?;
                // The change is made whatever this answers; the message says what happened,
                // when something did (no other session, nothing to say).
                let others = match end_others {
                    false => None,
                    true => match api.end_other_sessions().await {
                        Ok(ended) => (ended.ended > 0).then_some(true),
                        Err(_) => Some(false),
                    },
                };
                Ok(Box::new(move || {
                    let value = account.masked(target).unwrap_or_default();
                    let notified = account.notified.join(", ");
                    let key = target.saved(!notified.is_empty());
                    dispatch(SecurityEvent::Committed);
                    // The shell hears of it, masked, as of contact changes.
                    app.emit(HostEvent::saved(target, value.clone()));
                    let mut message = locale.format(key, &[("value", &value), ("notified", &notified)]);
                    if let Some(ended) = others {
                        let said =
                            locale.text(if ended { Key::OtherSessionsEnded } else { Key::OtherSessionsNotEnded });
                        message = locale.sentences(&message, said);
                    }
                    end.saved(account, message, opener);
                }) as Done)
            })
        });
    });

    let on_verified = Callback::new(move |_| {
        dispatch(SecurityEvent::IdentityVerified);
    });
    let hint = current.as_ref().map(|c| locale.format(Key::CurrentValue, &[("value", c)])).unwrap_or_default();
    let field = if target.is_mobile() {
        view! { <PhoneField input=phone label=Key::NewMobileNumber hint=hint/> }.into_any()
    } else {
        view! { <EmailField input=email label=Key::NewEmailAddress hint=hint/> }.into_any()
    };
    // Where the code will go, once the value is whole: never "to ." or "to +86 1".
    let target_text = Signal::derive(move || match target.is_mobile() {
        true if phone.is_complete() => phone.display(),
        false if normalize_email(&email.value()).is_ok() => email.value().trim().to_string(),
        _ => String::new(),
    });
    view! {
        <Modal title=title on_close=on_close opener=opener>
            <div hidden=move || step() != SecurityStep::VerifyIdentity>
                <IdentityCheck
                    methods=account.usable_security_methods()
                    account=account
                    intro=Key::VerifyIdentityFirst
                    error=Signal::derive(move || flow.with(|s| s.error.as_ref().map(|e| e.message(locale))))
                    on_verified=on_verified
                />
            </div>
            <div hidden=move || step() != SecurityStep::NewValue>
                <form
                    class="ac-form"
                    novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        verify.run(code.code.get_untracked());
                    }
                >
                    <p class="ac-dialog-text">{locale.text(Key::NewValueIntro)}</p>
                    {field}
                    <CodeStep
                        controller=code
                        target=target_text
                        send=send
                        verify=verify
                        commits=true
                        same_as_current=target.same_as_current()
                        sign_out_others=sign_out_others
                    />
                </form>
            </div>
        </Modal>
    }
}
