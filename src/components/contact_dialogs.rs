//! The contact dialogs: edit a contact value (with identity step-up when the backend asks
//! for it, then an automatic retry), and verify a contact value with a code; the Verify now
//! button and the openers of a page's contact rows.

use leptos::prelude::*;

use contract::{Account, AccountField, Lifecycle};

use crate::api::reconcile::Change;
use crate::api::ApiError;
use crate::components::announcer::use_announcer;
use crate::components::code_step::{CodeController, CodeForm};
use crate::components::dialog::{DialogEnd, Modal, Opener, Openers};
use crate::components::fields::{ErrorText, ValueField, ValueInput};
use crate::components::icons::{self, Icon};
use crate::components::identity::IdentityCheck;
use crate::context::{use_account, use_app, use_verification};
use crate::flows::code::{Accepted, SentCode};
use crate::flows::contact::{next, EditEffect, EditEvent, EditState, EditStep};
use crate::flows::FlowKey;
use crate::focus::DialogFocus;
use crate::host_event::HostEvent;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::words::Words;

type Edit = Machine<EditState, EditEvent, EditEffect>;

/// The dialog behind "Edit contact mobile number" / "Edit contact email address". It shows
/// the state of [`crate::flows::contact`] and carries out its effects.
#[component]
pub fn EditContactDialog(
    field: AccountField,
    account: Account,
    opener: Opener,
    on_close: Callback<()>,
    /// Saved: the dialog becomes the value's Verify dialog, in place (`?verify=`).
    on_saved: Callback<AccountField>,
) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let store = use_account();
    let announcer = use_announcer();
    let end = DialogEnd::new(on_close);
    DialogFocus::provide();
    let verification = use_verification();
    let words = field.words();
    let current = account.masked(field).map(str::to_string);
    let replaces = current.is_some();
    let title_key = words.title(replaces);
    let input = ValueInput::new(field.medium(), locale, current.as_deref(), app.phone_region());
    let submit = move |edit: Edit| edit.dispatch(EditEvent::Submit(input.validate()));

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
                    let answer = api.set_contact(field, &value, ticket.as_ref()).await;
                    api.reconcile(answer, Change::Requested(field), &before).await
                };
                edit.run(request, EditEvent::Answered);
            }
            EditEffect::HoldTicket(ticket) => verification.ticket.hold(ticket),
            EditEffect::Focus(_) => {} // moved by the runner
            EditEffect::Resubmit => submit(edit),
            EditEffect::AnnounceSaving => announcer.say(locale.text(Key::IdentityVerifiedSaving).to_string()),
            EditEffect::Saved(account) => {
                // The new value waits for its code; messages go on going to the current one, and
                // the shell hears of it once the code is entered.
                let pending = account.pending(field);
                let masked = pending.map(|p| p.masked.clone()).unwrap_or_default();
                let expires = pending.map(|p| app.format_date(&p.expires_at, false)).unwrap_or_default();
                let current = account.masked(field).unwrap_or_default();
                let args = [("value", masked.as_str()), ("current", current), ("expires", expires.as_str())];
                let said = locale.format(words.saved(replaces), &args);
                // The same dialog goes on to the code for the new value (one click away).
                verification.just_saved.set_value(Some((field, said)));
                announcer.clear();
                store.set(account);
                on_saved.run(field);
            }
            EditEffect::FieldError(error) => input.refuse(match error {
                ApiError::SameAsCurrent => words.same_as_current,
                error => error.key(),
            }),
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

    let on_verified = Callback::new(move |ticket| edit.dispatch(EditEvent::IdentityVerified(ticket)));
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
    let hint = current.map(|c| locale.format(Key::CurrentValue, &[("value", &c)])).unwrap_or_default();
    let enter_value = view! {
        <form
            class="ac-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                submit(edit);
            }
        >
            <ValueField input=input hint=hint/>
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
    field: AccountField,
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
    let just_saved = just_saved.filter(|(saved, _)| *saved == field).map(|(_, said)| said);
    let words = field.words().contact;
    // The value waiting for its code, if one does, else the current value.
    let waiting = account.pending(field).cloned();
    let masked = match &waiting {
        Some(pending) => pending.masked.clone(),
        None => account.masked(field).unwrap_or_default().to_string(),
    };
    let key = FlowKey::Verify(field, masked.clone());
    let gone = masked.clone();
    // The code sent when the value was asked for is on its way: the step starts at it.
    if let Some(challenge) = waiting.and_then(|p| p.challenge).filter(|_| verification.sent_untracked(&key).is_none()) {
        verification.set_sent(&key, Some(SentCode::Live(challenge)));
    }
    // Verified: the shell hears of it, the page shows it, and it is said with who was told.
    let accepted = Callback::new(move |accepted| match accepted {
        Accepted::Saved { account, .. } => {
            let masked = account.masked(field).unwrap_or_default().to_string();
            app.emit(HostEvent::Changed { field, masked, verified: true });
            let said = words.map(|w| locale.text(w.verified)).unwrap_or_default();
            let told = app.told(Key::NoticesSent, &account.notices).unwrap_or_default();
            end.saved(account, locale.sentences(said, &told), after);
        }
        // The value waited for is gone: the page shows the account as it is, and says why.
        Accepted::Withdrawn(account) => end.saved(account, locale.format(Key::PendingGone, &[("value", &gone)]), after),
        // A code to a contact value earns no ticket.
        Accepted::Identity(_) => {}
    });
    let controller = CodeController::new(key, accepted, None);
    end.reconcile_on_close(after, move || controller.try_busy());
    let send_api = app.api();
    let send = Callback::new(move |_| {
        let api = send_api.clone();
        controller.send(async move { api.start_contact_verification(field).await });
    });
    // Opened by Resend: a new code goes at once.
    if verification.resend.try_update_value(Option::take).flatten() == Some(field) {
        send.run(());
    }
    let verify_api = app.api();
    let verify = Callback::new(move |code: String| {
        let api = verify_api.clone();
        let before = account.clone();
        controller.verify(code, move |id, code| {
            Box::pin(async move {
                let answer = api.verify_contact(field, &id, &code).await;
                match api.reconcile(answer, Change::Verified(field), &before).await {
                    Ok(account) => Ok(Accepted::Saved { account, others_ended: None }),
                    // A dead code for a value that waited: it may no longer wait at all.
                    Err(ApiError::ChallengeNotFound) if before.pending(field).is_some() => {
                        let after = api.account(None).await.map_err(|_| ApiError::ChallengeNotFound)?;
                        let id = |account: &Account| account.pending(field).map(|p| p.change_id.clone());
                        match id(&after) == id(&before) {
                            true => Err(ApiError::ChallengeNotFound),
                            false => Ok(Accepted::Withdrawn(after)),
                        }
                    }
                    Err(error) => Err(error),
                }
            })
        });
    });
    let title = words.map(|w| locale.text(w.verify_title)).unwrap_or_default().to_string();
    view! {
        <Modal title=title on_close=on_close opener=opener>
            {just_saved.map(|said| view! { <p class="ac-dialog-text ac-dialog-saved" role="status">{said}</p> })}
            <CodeForm controller=controller target=masked send=send verify=verify/>
        </Modal>
    }
}

/// "Verify now" beside an unverified contact value: it opens the dialog above.
#[component]
pub fn VerifyNowButton(field: AccountField, opener: Opener, on_click: Callback<()>) -> impl IntoView {
    let locale = use_app().locale;
    let label = field.words().contact.map(|w| locale.text(w.verify_now));
    view! {
        <button
            type="button"
            node_ref=opener.button_ref()
            class="ac-button ac-button-primary ac-button-small"
            aria-label=label
            on:click=move |_| on_click.run(())
        >
            {locale.text(Key::VerifyNow)}
        </button>
    }
}

/// The controls a page's contact rows open dialogs from, per field: made by the page outside
/// what re-renders, so that focus finds them again after a change (see [`Opener`]).
#[derive(Clone, Copy)]
pub struct ContactOpeners {
    pub edit: Openers<AccountField>,
    pub verify: Openers<AccountField>,
}

impl ContactOpeners {
    /// `edit` makes the Edit control's opener: a button on User Details, a link elsewhere.
    pub fn new(edit: fn() -> Opener) -> Self {
        let contact = AccountField::of(Lifecycle::Contact);
        Self { edit: Openers::new(contact, edit), verify: Openers::new(contact, Opener::button) }
    }
}

/// The Verify now dialog of a page's contact rows, open while the address names a field
/// (`?verify=`) whose contact value is there and unverified. A link to one that is verified
/// already, or gone, shows the page and drops the parameter (`on_close`).
#[component]
pub fn VerifyingDialog(
    verifying: Memo<Option<AccountField>>,
    account: Account,
    openers: ContactOpeners,
    on_close: Callback<()>,
) -> impl IntoView {
    // Verify now is for a value waiting for its code, or a current value not verified.
    let unverified = {
        let account = account.clone();
        move |field: AccountField| {
            account.pending(field).is_some() || account.contact(field).is_some_and(|c| !c.verified)
        }
    };
    let check = unverified.clone();
    crate::task::effect(move || {
        if verifying.get().is_some_and(|field| !check(field)) {
            on_close.run(());
        }
    });
    move || {
        verifying.get().filter(|field| unverified(*field)).map(|field| {
            view! {
                <VerifyContactDialog
                    field=field
                    account=account.clone()
                    opener=openers.verify.get(field)
                    after=openers.edit.get(field)
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
pub fn UnverifiedNotice(account: Account, openers: ContactOpeners, on_verify: Callback<AccountField>) -> impl IntoView {
    let app = use_app();
    let mut items = Vec::new();
    for &field in AccountField::of(Lifecycle::Contact) {
        // A value waiting for its code says so under its own row.
        let unverified = account.contact(field).filter(|c| !c.verified && account.pending(field).is_none());
        let (Some(value), Some(words)) = (unverified, field.words().contact) else {
            continue;
        };
        let open = Callback::new(move |_| on_verify.run(field));
        items.push(view! {
            <li>
                <span>{app.locale.format(words.unverified, &[("value", &value.masked)])}</span>
                <VerifyNowButton field=field opener=openers.verify.get(field) on_click=open/>
            </li>
        });
    }
    if items.is_empty() {
        return ().into_any();
    }
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
