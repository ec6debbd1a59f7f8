//! The contact dialogs: edit a contact value (with identity step-up when the backend asks
//! for it, then an automatic retry), and verify a contact value with a code; the Verify now
//! button and the openers of a page's contact rows.

use leptos::prelude::*;

use crate::api::reconcile::Change;
use crate::api::types::Account;
use crate::api::{ApiError, Kind};
use crate::components::announcer::use_announcer;
use crate::components::code_step::{CodeController, CodeForm};
use crate::components::dialog::{DialogEnd, Modal, Opener, Openers};
use crate::components::fields::{EmailField, EmailInput, ErrorText, PhoneField, PhoneInput};
use crate::components::icons::{self, Icon};
use crate::components::identity::IdentityCheck;
use crate::context::{use_account, use_app, use_verification};
use crate::flows::code::Done;
use crate::flows::contact::{next, EditEffect, EditEvent, EditState, EditStep};
use crate::flows::FlowKey;
use crate::focus::DialogFocus;
use crate::host_event::HostEvent;
use crate::i18n::Key;
use crate::machine::Machine;

type Edit = Machine<EditState, EditEvent, EditEffect>;

/// The dialog behind "Edit contact mobile number" / "Edit contact email address". It shows
/// the state of [`crate::flows::contact`] and carries out its effects.
#[component]
pub fn EditContactDialog(
    kind: Kind,
    account: Account,
    opener: Opener,
    on_close: Callback<()>,
    /// Saved: the dialog becomes the value's Verify dialog, in place (`?verify=`).
    on_saved: Callback<Kind>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let end = DialogEnd::new(on_close);
    DialogFocus::provide();
    let verification = use_verification();
    let current = account.contact(kind).cloned();
    let title_key = kind.contact_action(current.is_some());
    let first = current.is_none();
    let replaced = current.as_ref().map(|c| c.masked.as_str());
    let phone = PhoneInput::replacing(locale, replaced, app.phone_region());
    let email = EmailInput::new();
    let submit = move |edit: Edit| {
        let value = match kind {
            Kind::Mobile => phone.validate(),
            Kind::Email => email.validate(),
        };
        edit.dispatch(EditEvent::Submit(value));
    };

    // The dialog's machine: a save started after a verified code belongs to the dialog, not
    // to the identity step that was showing.
    let before = account.clone();
    let api = app.api();
    let edit: Edit = Machine::new(EditState::default(), next, move |edit, effect| {
        match effect {
            EditEffect::Save(value) => {
                let api = api.clone();
                let before = before.clone();
                let ticket = verification.ticket.current();
                let request = async move {
                    let answer = api.set_contact(kind, &value, ticket.as_ref()).await;
                    api.reconcile(answer, Change::Contact(kind), &before).await
                };
                edit.run(request, EditEvent::Answered);
            }
            EditEffect::Focus(_) => {} // moved by the runner
            EditEffect::Resubmit => submit(edit),
            EditEffect::AnnounceSaving => announcer.say(locale.text(Key::IdentityVerifiedSaving).to_string()),
            EditEffect::Saved(account) => {
                let masked = account.contact(kind).map(|c| c.masked.clone()).unwrap_or_default();
                let key = match (kind, first) {
                    (Kind::Mobile, false) => Key::ContactMobileChanged,
                    (Kind::Email, false) => Key::ContactEmailChanged,
                    (Kind::Mobile, true) => Key::ContactMobileBound,
                    (Kind::Email, true) => Key::ContactEmailBound,
                };
                app.emit(HostEvent::ContactChanged { kind, verified: false });
                // The same dialog goes on to the code for the new value (one click away).
                verification.just_saved.set_value(Some((kind, locale.format(key, &[("value", &masked)]))));
                announcer.clear();
                store.set(account);
                on_saved.run(kind);
            }
            EditEffect::FieldError(error) => {
                let why = match (error, kind) {
                    (ApiError::SameAsCurrent, Kind::Mobile) => Key::ErrSameContactMobile,
                    (ApiError::SameAsCurrent, Kind::Email) => Key::ErrSameContactEmail,
                    (error, _) => error.key(),
                };
                match kind {
                    Kind::Mobile => phone.refuse(why),
                    Kind::Email => email.refuse(why),
                }
            }
            EditEffect::DropTicket => verification.ticket.forget(),
            EditEffect::SessionExpired => store.expire(),
        }
    });
    end.reconcile_on_close(opener, move || edit.try_with_untracked(|s| s.status.busy()));
    let on_identity = move || edit.with(|s| s.step == EditStep::VerifyIdentity);
    let title = Signal::derive(move || {
        locale.text(if on_identity() { Key::VerifyIdentityTitle } else { title_key }).to_string()
    });
    let busy = move || edit.with(|s| s.status.busy());

    let on_verified = Callback::new(move |_| edit.dispatch(EditEvent::IdentityVerified));
    // Each step shows the errors met while it was current.
    let error_in = move |identity: bool| {
        Signal::derive(move || {
            edit.with(|s| {
                ((s.step == EditStep::VerifyIdentity) == identity)
                    .then(|| s.status.error().map(|e| e.message(locale)))
                    .flatten()
            })
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
    let enter_value = view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit(edit);
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
        <IdentityCheck
            methods=account.usable_identity_methods()
            account=account
            intro=Key::VerifyIdentityIntro
            error=error_in(true)
            on_verified=on_verified
        />
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
    DialogFocus::provide();
    // Opened right after the value was saved: that is said first.
    let verification = use_verification();
    let just_saved = verification.just_saved.try_update_value(Option::take).flatten();
    let just_saved = just_saved.filter(|(saved, _)| *saved == kind).map(|(_, said)| said);
    let (title_key, done_key) = kind.verify_words();
    let masked = account.contact(kind).map(|c| c.masked.clone()).unwrap_or_default();
    let controller = CodeController::new(FlowKey::Verify(kind, masked.clone()), None);
    end.reconcile_on_close(after, move || controller.try_busy());
    let send_api = app.api();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        controller.send(async move { api.start_contact_verification(kind).await });
    });
    let verify_api = app.api();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        let before = account.clone();
        controller.verify(code, move |id, code| {
            Box::pin(async move {
                let answer = api.verify_contact(kind, &id, &code).await;
                let account = api.reconcile(answer, Change::ContactVerified(kind), &before).await?;
                Ok(Box::new(move || {
                    app.emit(HostEvent::ContactChanged { kind, verified: true });
                    end.saved(account, locale.text(done_key).to_string(), after);
                }) as Done)
            })
        });
    });
    view! {
        <Modal title=locale.text(title_key).to_string() on_close=on_close opener=opener>
            {just_saved.map(|said| view! { <p class="ac-dialog-text ac-dialog-saved" role="status">{said}</p> })}
            <CodeForm controller=controller target=masked send=send verify=verify/>
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
    pub edit: Openers<Kind>,
    pub verify: Openers<Kind>,
}

impl ContactOpeners {
    /// `edit` makes the Edit control's opener: a button on User Details, a link elsewhere.
    pub fn new(edit: fn() -> Opener) -> Self {
        Self { edit: Openers::new(Kind::ALL, edit), verify: Openers::new(Kind::ALL, Opener::button) }
    }
}

/// The Verify now dialog of a page's contact rows, open while the address names a kind
/// (`?verify=`) whose contact value is there and unverified. A link to one that is verified
/// already, or gone, shows the page and drops the parameter (`on_close`).
#[component]
pub fn VerifyingDialog(
    verifying: Memo<Option<Kind>>,
    account: Account,
    openers: ContactOpeners,
    on_close: Callback<()>,
) -> impl IntoView {
    let unverified = {
        let account = account.clone();
        move |kind: Kind| account.contact(kind).is_some_and(|c| !c.verified)
    };
    let check = unverified.clone();
    Effect::new(move |_| {
        if verifying.get().is_some_and(|kind| !check(kind)) {
            on_close.run(());
        }
    });
    move || {
        verifying.get().filter(|kind| unverified(*kind)).map(|kind| {
            view! {
                <VerifyContactDialog
                    kind=kind
                    account=account.clone()
                    opener=openers.verify.get(kind)
                    after=openers.edit.get(kind)
                    on_close=on_close
                />
            }
        })
    }
}

/// While a contact value is unverified, a notice above the page's cards says what that
/// means (subscribed messages may not reach it) and offers Verify now; it goes when the
/// value is verified.
#[component]
pub fn UnverifiedNotice(account: Account, openers: ContactOpeners, on_verify: Callback<Kind>) -> impl IntoView {
    let app = use_app();
    let unverified: Vec<(Kind, String)> = Kind::ALL
        .into_iter()
        .filter_map(|kind| account.contact(kind).filter(|c| !c.verified).map(|c| (kind, c.masked.clone())))
        .collect();
    if unverified.is_empty() {
        return ().into_any();
    }
    let items = unverified
        .into_iter()
        .map(|(kind, masked)| {
            let key = if kind == Kind::Mobile { Key::UnverifiedMobile } else { Key::UnverifiedEmail };
            let open = Callback::new(move |_| on_verify.run(kind));
            view! {
                <li>
                    <span>{app.locale.format(key, &[("value", &masked)])}</span>
                    <VerifyNowButton kind=kind opener=openers.verify.get(kind) on_click=open/>
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="ac-advice ac-advice-warn" aria-labelledby=app.id("unverified-title")>
            <Icon path=icons::INFO/>
            <div>
                <h2 id=app.id("unverified-title") class="ac-advice-title">{app.t(Key::UnverifiedTitle)}</h2>
                <ul class="ac-advice-actions">{items}</ul>
            </div>
        </aside>
    }
    .into_any()
}
