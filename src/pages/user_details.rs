use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::types::{Account, ContactValue};
use crate::api::Kind;
use crate::app::WithAccount;
use crate::components::advice::SameAsRecoveryAdvice;
use crate::components::contact_dialogs::{edit_button_id, verify_button_id, EditContactDialog, VerifyContactDialog};
use crate::components::icons::{Icon, EDIT};
use crate::components::layout::{Card, MaskedValue, PageHeader, Row, VerifiedBadge};
use crate::context::use_app;
use crate::i18n::Key;

#[component]
pub fn UserDetailsPage() -> impl IntoView {
    view! {
        <PageHeader title=Key::UserDetails intro=Key::UserDetailsIntro/>
        <WithAccount render=|account| view! { <UserDetails account=account/> }/>
    }
}

#[component]
fn UserDetails(account: Account) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let query = use_query_map();
    let navigate = use_navigate();
    // `?edit=mobile|email` is the dialog's open state, so deep links and Back work.
    let editing = Memo::new(move |_| match query.read().get("edit").as_deref() {
        Some("mobile") => Some(Kind::Mobile),
        Some("email") => Some(Kind::Email),
        _ => None,
    });
    let verifying = RwSignal::new(None::<Kind>);
    // The router resolves these against its base path.
    let page = "/user-details".to_string();
    let open_edit = {
        let navigate = navigate.clone();
        let page = page.clone();
        move |kind: Kind| navigate(&format!("{page}?edit={}", kind.name()), NavigateOptions::default())
    };
    let close_edit = Callback::new(move |_| {
        navigate(&page, NavigateOptions { replace: true, scroll: false, ..NavigateOptions::default() });
    });

    let row = move |kind: Kind, value: Option<ContactValue>| {
        let (label, help, edit_label, verify_label) = match kind {
            Kind::Mobile => (Key::ContactMobile, Key::ContactMobileHelp, Key::EditContactMobile, Key::VerifyNowMobile),
            Kind::Email => (Key::ContactEmail, Key::ContactEmailHelp, Key::EditContactEmail, Key::VerifyNowEmail),
        };
        let unverified = value.as_ref().is_some_and(|v| !v.verified);
        let badge = value.as_ref().map(|v| view! { <VerifiedBadge verified=v.verified/> });
        let open_edit = open_edit.clone();
        let verify_now = unverified.then(|| view! {
            <button
                type="button"
                id=verify_button_id(kind)
                class="ac-button ac-button-primary ac-button-small"
                aria-label=locale.text(verify_label)
                on:click=move |_| verifying.set(Some(kind))
            >
                {locale.text(Key::VerifyNow)}
            </button>
        });
        let actions = view! {
            {verify_now}
            <button
                type="button"
                id=edit_button_id(kind)
                class="ac-icon-button"
                aria-label=locale.text(edit_label)
                title=locale.text(edit_label)
                on:click=move |_| open_edit(kind)
            >
                <Icon path=EDIT/>
            </button>
        }
        .into_any();
        view! {
            <Row label=label help=help actions=actions>
                <MaskedValue value=value.map(|v| v.masked) missing=Key::NotSet/>
                {badge}
            </Row>
        }
    };
    let edit_account = account.clone();
    let verify_account = account.clone();
    view! {
        <SameAsRecoveryAdvice account=account.clone()/>
        <Card title=Key::ContactInformation id="contact">
            {row(Kind::Mobile, account.contact_mobile.clone())}
            {row(Kind::Email, account.contact_email.clone())}
        </Card>
        {move || editing.get().map(|kind| view! {
            <EditContactDialog kind=kind account=edit_account.clone() on_close=close_edit/>
        })}
        {move || verifying.get().map(|kind| view! {
            <VerifyContactDialog kind=kind account=verify_account.clone() on_close=Callback::new(move |_| verifying.set(None))/>
        })}
    }
}
