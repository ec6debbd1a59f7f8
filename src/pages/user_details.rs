use leptos::prelude::*;

use crate::api::types::{Account, ContactValue};
use crate::app::WithAccount;
use crate::components::advice::SameAsRecoveryAdvice;
use crate::components::layout::{Card, EditLink, MaskedValue, PageHeader, Row, VerifiedBadge};
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
    let config = use_app().config;
    let row = move |label, help, value: Option<ContactValue>, edit: &str, edit_label| {
        let badge = value.as_ref().map(|v| view! { <VerifiedBadge verified=v.verified/> });
        let href = config.route(&format!("/user-details?edit={edit}"));
        view! {
            <Row label=label help=help actions=view! { <EditLink href=href label=edit_label/> }.into_any()>
                <MaskedValue value=value.map(|v| v.masked) missing=Key::NotSet/>
                {badge}
            </Row>
        }
    };
    view! {
        <SameAsRecoveryAdvice account=account.clone()/>
        <Card title=Key::ContactInformation id="contact">
            {row(Key::ContactMobile, Key::ContactMobileHelp, account.contact_mobile.clone(), "mobile", Key::EditContactMobile)}
            {row(Key::ContactEmail, Key::ContactEmailHelp, account.contact_email.clone(), "email", Key::EditContactEmail)}
        </Card>
    }
}
