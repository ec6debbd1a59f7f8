//! The dialog behind a factor's Edit / Bind on Security Settings: verify identity, then
//! enter the new value, send a code to it, enter the code, OK. A code on its way is
//! remembered with the value it went to, so reopening the dialog resumes at the code step.

use leptos::prelude::*;

use contract::{Account, AccountField};

use crate::api::reconcile::Change;
use crate::api::ApiError;
use crate::components::announcer::use_announcer;
use crate::components::code_step::{CodeController, CodeStep};
use crate::components::dialog::{DialogEnd, Modal, Opener};
use crate::components::fields::{ValueField, ValueInput};
use crate::components::identity::IdentityCheck;
use crate::context::{use_app, use_verification};
use crate::flows::code::Accepted;
use crate::flows::security::{next, SecurityEffect, SecurityEvent, SecurityState, SecurityStep};
use crate::flows::FlowKey;
use crate::focus::DialogFocus;
use crate::host_event::HostEvent;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::words::Words;

/// Shows the state of [`crate::flows::security`] and carries out its effects; the code step
/// inside runs its own, and hands the dialog what its code earned, or the backend's asking
/// for identity again.
#[component]
pub fn SecurityDialog(field: AccountField, account: Account, opener: Opener, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let end = DialogEnd::new(on_close);
    DialogFocus::provide();
    let verification = use_verification();
    let words = field.words();
    let draft_key = FlowKey::Draft(field);
    let current = account.masked(field).map(str::to_string);
    let replaces = current.is_some();
    let old = current.clone().unwrap_or_default();
    let title_key = words.title(replaces);

    // What was typed survives closing the dialog, so a sent code can be resumed.
    let input = ValueInput::new(field.medium(), locale, current.as_deref(), app.phone_region());
    if let Some(draft) = verification.draft(&draft_key) {
        input.restore(&draft);
    }
    let opened = SecurityState::opened(verification.ticket.current().is_some());
    let flow = Machine::new(opened, next, move |_, effect| match effect {
        SecurityEffect::HoldTicket(ticket) => verification.ticket.hold(ticket),
        SecurityEffect::DropTicket => verification.ticket.forget(),
        SecurityEffect::ForgetDraft => verification.set_draft(&FlowKey::Draft(field), ""),
        SecurityEffect::Saved { account, others_ended } => {
            let value = account.masked(field).unwrap_or_default().to_string();
            let saved = match account.pending(field) {
                // Cooling off: the old value stays current until then, and may cancel it.
                Some(waiting) => locale.format(
                    Key::SavedCoolingOff,
                    &[
                        ("field", locale.text(words.label)),
                        ("value", &waiting.masked),
                        ("date", &app.format_date(&waiting.expires_at, true)),
                        ("old", &old),
                    ],
                ),
                None => {
                    // The shell hears of it, masked, as of contact changes.
                    app.emit(HostEvent::Changed { field, masked: value.clone(), verified: true });
                    locale.format(words.saved(replaces), &[("value", &value)])
                }
            };
            let told = app.told(Key::NoticesSent, &account.notices).unwrap_or_default();
            let mut message = locale.sentences(&saved, &told);
            if let Some(ended) = others_ended {
                let said = locale.text(if ended { Key::OtherSessionsEnded } else { Key::OtherSessionsNotEnded });
                message = locale.sentences(&message, said);
            }
            end.saved(account, message, opener);
        }
        SecurityEffect::Focus(_) => {} // moved by the runner
    });
    let dispatch = move |event| flow.dispatch(event);
    let identity_again = Callback::new(move |_| dispatch(SecurityEvent::IdentityRequired));
    let committed = Callback::new(move |accepted| match accepted {
        Accepted::Saved { account, others_ended } => dispatch(SecurityEvent::Committed { account, others_ended }),
        // The new value's code earns no ticket.
        Accepted::Identity(_) | Accepted::Withdrawn(_) => {}
    });
    let code = CodeController::new(FlowKey::Change(field, input.draft()), committed, Some(identity_again));
    // Every edit of the value is kept, and a code already sent to what is typed now resumes.
    input.on_edit(Callback::new(move |_| {
        let value = input.draft();
        verification.set_draft(&draft_key, &value);
        code.retarget(FlowKey::Change(field, value));
    }));
    let step = move || flow.with(|s| s.step);
    let title = Signal::derive(move || {
        let n = if step() == SecurityStep::VerifyIdentity { "1" } else { "2" };
        format!("{} · {}", locale.text(title_key), locale.format(Key::StepOf, &[("n", n)]))
    });
    end.reconcile_on_close(opener, move || code.try_busy());

    let send_api = app.api();
    let send = Callback::new(move |_| {
        let Ok(value) = input.validate() else { return };
        let Some(ticket) = verification.ticket.current() else {
            dispatch(SecurityEvent::NoTicket);
            return;
        };
        let api = send_api.clone();
        code.send(async move { api.start_change(field, &value, &ticket).await });
    });
    // After the change, every other session of the account is signed out unless the user
    // says otherwise: whoever else holds one must sign in again.
    let sign_out_others = RwSignal::new(true);
    let commit_api = app.api();
    let opened_with = account.clone();
    let announcer = use_announcer();
    let verify = Callback::new(move |typed_code: String| {
        let Some(ticket) = verification.ticket.current() else {
            dispatch(SecurityEvent::NoTicket);
            return;
        };
        let api = commit_api.clone();
        let before = opened_with.clone();
        let end_others = sign_out_others.get_untracked();
        code.verify(typed_code, move |id, typed_code| {
            // The commit and the sign-out after it are the app's: closing the dialog on the
            // way neither skips the sign-out nor leaves its result unsaid.
            let (answered, answer) = crate::task::handoff();
            app.spawn(async move {
                let committed = api.commit_change(field, &id, &typed_code, &ticket).await;
                let committed = api.reconcile(committed, Change::Value(field), &before).await;
                // The change is made whatever this answers; the message says what happened,
                // when something did (no other session, nothing to say).
                let others_ended = match (&committed, end_others) {
                    (Ok(_), true) => match api.end_sessions("").await {
                        Ok(ended) => (ended.ended > 0).then_some(true),
                        Err(_) => Some(false),
                    },
                    _ => None,
                };
                let saved = committed.map(|account| Accepted::Saved { account, others_ended });
                if answered.give(saved).is_err() {
                    // The dialog is gone: the app says what became of the other sessions.
                    if let Some(ended) = others_ended {
                        let said = if ended { Key::OtherSessionsEnded } else { Key::OtherSessionsNotEnded };
                        announcer.say(locale.text(said).to_string());
                    }
                }
            });
            Box::pin(async move { answer.await.unwrap_or(Err(ApiError::Network)) })
        });
    });

    let on_verified = Callback::new(move |ticket| dispatch(SecurityEvent::IdentityVerified(ticket)));
    let hint = current.as_ref().map(|c| locale.format(Key::CurrentValue, &[("value", c)])).unwrap_or_default();
    let target_text = Signal::derive(move || input.whole());
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
                    <ValueField input=input hint=hint/>
                    <CodeStep
                        controller=code
                        target=target_text
                        send=send
                        verify=verify
                        commits=true
                        same_as_current=words.same_as_current
                        sign_out_others=sign_out_others
                    />
                </form>
            </div>
        </Modal>
    }
}
