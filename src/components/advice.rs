//! The seed's advice, made actionable: copy the recovery value into the contact value with
//! one click. The backend does the copy, so the browser never holds the full value.

use leptos::prelude::*;

use crate::api::reconcile::Change;
use crate::api::types::{Account, SecurityTarget};
use crate::api::{ApiError, Kind};
use crate::components::fields::ErrorText;
use crate::components::icons::{self, Icon};
use crate::components::layout::ActionLink;
use crate::context::{use_account, use_app};
use crate::flows::copy::{self, CopyEffect, CopyEvent, CopyState};
use crate::host_event::HostEvent;
use crate::i18n::Key;
use crate::machine::Machine;
use crate::router::use_router;
use crate::routes::Route;

#[component]
pub fn SameAsRecoveryAdvice(account: Account) -> impl IntoView {
    let app = use_app();
    let store = use_account();
    let mobile = account.mobile_differs().then(|| account.recovery_mobile.clone()).flatten();
    let email = account.email_differs().then(|| account.recovery_email.clone()).flatten();
    if mobile.is_none() && email.is_none() {
        return ().into_any();
    }
    let announcer = crate::components::announcer::use_announcer();
    let before = StoredValue::new(account.clone());
    // The new account re-renders this banner away; the status message lives in the
    // app-level announcer so it survives that.
    let copier = Machine::new(CopyState::default(), copy::next, move |copier, effect| match effect {
        CopyEffect::Request(kind) => {
            let (api, before) = (app.api(), before.get_value());
            let request = async move {
                let answer = api.copy_contact_from_recovery(kind).await;
                api.reconcile(answer, Change::ContactCopied(kind), &before).await
            };
            copier.run(request, CopyEvent::Answered);
        }
        CopyEffect::Copied(kind, account) => {
            announcer.say(app.t(if kind == Kind::Mobile { Key::CopiedMobile } else { Key::CopiedEmail }).to_string());
            app.emit(HostEvent::ContactChanged { kind, verified: true });
            store.set(account);
        }
        CopyEffect::SessionExpired => {
            store.handle(&ApiError::Unauthenticated);
        }
    });
    let busy = move || copier.with(|s| matches!(s, CopyState::Copying(_)));
    let copy = move |kind: Kind| copier.dispatch(CopyEvent::Copy(kind));
    let account_for_text = account.clone();
    let button = move |kind: Kind, masked: String| {
        let bound = account_for_text.contact(kind).is_some();
        let key = if kind == Kind::Mobile { Key::UseRecoveryMobileAsContact } else { Key::UseRecoveryEmailAsContact };
        // An empty contact row differs from the recovery address too; it says so plainly.
        let differs = match (kind, bound) {
            (Kind::Mobile, true) => Key::AdviceMobileDiffers,
            (Kind::Email, true) => Key::AdviceEmailDiffers,
            (Kind::Mobile, false) => Key::AdviceNoContactMobile,
            (Kind::Email, false) => Key::AdviceNoContactEmail,
        };
        let text = app.locale.format(key, &[("value", &masked)]);
        view! {
            <li>
                <span>{app.t(differs)}</span>
                <button
                    type="button"
                    class="ac-button ac-button-secondary"
                    disabled=busy
                    on:click=move |_| copy(kind)
                >
                    {text}
                </button>
            </li>
        }
    };
    let locale = app.locale;
    let mobile_button = mobile.map(|m| button.clone()(Kind::Mobile, m.masked));
    let email_button = email.map(|m| button(Kind::Email, m.masked));
    view! {
        <aside class="ac-advice" aria-labelledby=app.id("advice-title")>
            <Icon path=icons::INFO/>
            <div>
                <h2 id=app.id("advice-title") class="ac-advice-title">{app.t(Key::AdviceTitle)}</h2>
                <p>{app.t(Key::AdviceBody)}</p>
                <ul class="ac-advice-actions">
                    {mobile_button}
                    {email_button}
                </ul>
                <ErrorText error=Signal::derive(move || {
                    copier.with(|s| match s {
                        CopyState::Failed(e) => Some(e.message(locale)),
                        _ => None,
                    })
                })/>
            </div>
        </aside>
    }
    .into_any()
}

/// An account with no recovery address at all: where to bind one. Until then the sign-in
/// password verifies the user (PRODUCT §4.5: an account is never stuck).
#[component]
pub fn NoRecoveryNotice(account: Account) -> impl IntoView {
    let app = use_app();
    if account.recovery_mobile.is_some() || account.recovery_email.is_some() {
        return ().into_any();
    }
    let router = use_router();
    let link = move |target: SecurityTarget, key: Key| {
        let href = router.href(Route::Security(Some(target)));
        view! { <li><ActionLink href=href text=key label=key/></li> }
    };
    view! {
        <aside class="ac-advice" aria-labelledby=app.id("no-recovery-title")>
            <Icon path=icons::INFO/>
            <div>
                <h2 id=app.id("no-recovery-title") class="ac-advice-title">{app.t(Key::NoRecoveryTitle)}</h2>
                <p>{app.t(Key::NoRecoveryBody)}</p>
                <ul class="ac-advice-actions">
                    {link(SecurityTarget::RecoveryEmail, Key::BindRecoveryEmail)}
                    {link(SecurityTarget::RecoveryMobile, Key::BindRecoveryMobile)}
                </ul>
            </div>
        </aside>
    }
    .into_any()
}
