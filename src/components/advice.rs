//! The seed's advice, made actionable: copy the recovery value into the contact value with
//! one click. The backend does the copy, so the browser never holds the full value.

use leptos::prelude::*;

use crate::api::types::Account;
use crate::api::{ApiError, Kind};
use crate::components::fields::ErrorText;
use crate::components::icons::{self, Icon};
use crate::context::{use_account, use_app};
use crate::i18n::Key;

#[component]
pub fn SameAsRecoveryAdvice(account: Account) -> impl IntoView {
    let app = use_app();
    let store = use_account();
    let mobile = account.mobile_differs().then(|| account.recovery_mobile.clone()).flatten();
    let email = account.email_differs().then(|| account.recovery_email.clone()).flatten();
    if mobile.is_none() && email.is_none() {
        return ().into_any();
    }
    let api = app.api.clone();
    let copy = Action::new_local(move |kind: &Kind| {
        let api = api.clone();
        let kind = *kind;
        async move { api.copy_contact_from_recovery(kind).await.map(|account| (kind, account)) }
    });
    // A successful copy refetches the account, which re-renders this banner away; the
    // status message lives in the page-level announcer so it survives that.
    let effect_app = app.clone();
    Effect::new(move |_| {
        if let Some(Ok((kind, account))) = copy.value().get() {
            let key = match kind {
                Kind::Mobile => Key::CopiedMobile,
                Kind::Email => Key::CopiedEmail,
            };
            crate::components::announcer::announce(key);
            effect_app.emit("contact-changed", &[("kind", kind.name().into()), ("verified", true.into())]);
            store.set(account);
        } else if let Some(Err(error)) = copy.value().get() {
            store.handle(&error);
        }
    });
    let error = move || match copy.value().get() {
        Some(Err(e)) if e != ApiError::Unauthenticated => Some(e),
        _ => None,
    };
    let button_app = app.clone();
    let button = move |kind: Kind, masked: String| {
        let app = button_app.clone();
        let (key, differs) = match kind {
            Kind::Mobile => (Key::UseRecoveryMobileAsContact, Key::AdviceMobileDiffers),
            Kind::Email => (Key::UseRecoveryEmailAsContact, Key::AdviceEmailDiffers),
        };
        let text = app.locale.format(key, &[("value", &masked)]);
        view! {
            <li>
                <span>{app.t(differs)}</span>
                <button
                    type="button"
                    class="ac-button ac-button-secondary"
                    disabled=move || copy.pending().get()
                    on:click=move |_| {
                        copy.dispatch(kind);
                    }
                >
                    {text}
                </button>
            </li>
        }
    };
    let locale = app.locale;
    view! {
        <aside class="ac-advice" aria-labelledby="ac-advice-title">
            <Icon path=icons::INFO/>
            <div>
                <h2 id="ac-advice-title" class="ac-advice-title">{app.t(Key::AdviceTitle)}</h2>
                <p>{app.t(Key::AdviceBody)}</p>
                <ul class="ac-advice-actions">
                    {mobile.map(|m| button(Kind::Mobile, m.masked))}
                    {email.map(|m| button(Kind::Email, m.masked))}
                </ul>
                <ErrorText error=Signal::derive(move || error().map(|e: ApiError| e.message(locale)))/>
            </div>
        </aside>
    }
    .into_any()
}
