use leptos::prelude::*;

use crate::api::types::{Account, ContactValue, Kind, SecurityTarget};
use crate::components::advice::{NoRecoveryNotice, SameAsRecoveryAdvice};
use crate::components::contact_dialogs::{ContactOpeners, UnverifiedNotice, VerifyingDialog};
use crate::components::dialog::Opener;
use crate::components::layout::{ActionLink, Card, ContactRow, EditLink, MaskedValue, PageHeader, Row};
use crate::components::status::WithAccount;
use crate::context::use_app;
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::{ContactDialog, Route};

#[component]
pub fn AccountInformationPage() -> impl IntoView {
    let openers = ContactOpeners::new(Opener::link);
    view! {
        <PageHeader title=Key::AccountInformation intro=Key::AccountInformationIntro/>
        <WithAccount render=move |account| view! { <AccountInformation account=account openers=openers/> }/>
    }
}

#[component]
fn AccountInformation(account: Account, openers: ContactOpeners) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let t = move |key| locale.text(key);
    let router = use_router();
    let security_href = router.href(Route::Security(None));
    let login_href = router.href(Route::Security(Some(SecurityTarget::LoginEmail)));
    // A type added to the backend later is shown as the backend names it, not mislabelled.
    let account_type = match account.account_type.as_str() {
        "enterprise" => t(Key::AccountTypeEnterprise).to_string(),
        "individual" => t(Key::AccountTypeIndividual).to_string(),
        other => other.to_string(),
    };
    let (identity_class, identity_key) = match account.identity_verification.as_str() {
        "verified" => ("ac-badge ac-badge-ok", Key::IdentityVerified),
        "pending" => ("ac-badge", Key::IdentityPending),
        _ => ("ac-badge ac-badge-warn", Key::IdentityUnverified),
    };
    let login_label = SecurityTarget::LoginEmail.action(account.login_email.is_some());
    let login_action = match account.login_email {
        Some(_) => view! { <EditLink href=login_href label=login_label/> }.into_any(),
        None => view! { <ActionLink href=login_href text=Key::Bind label=login_label/> }.into_any(),
    };
    // "Verify now" for an unverified contact value, in a dialog on this page (`?verify=`).
    let verifying = Memo::new(move |_| match router.current() {
        Some(Route::AccountInformation(kind)) => kind,
        _ => None,
    });
    let open_verify = Callback::new(move |kind| router.go(Route::AccountInformation(Some(kind)), false));
    let close_verify = Callback::new(move |_| router.go(Route::AccountInformation(None), true));
    let contact_row = move |kind: Kind, value: Option<ContactValue>| {
        let href = router.href(Route::UserDetails(Some(ContactDialog::Edit(kind))));
        let edit = openers.edit.get(kind).link_ref();
        let action_label = kind.contact_action(value.is_some());
        let action = match value {
            Some(_) => view! { <EditLink href=href label=action_label node_ref=edit/> }.into_any(),
            None => view! { <ActionLink href=href text=Key::Bind label=action_label node_ref=edit/> }.into_any(),
        };
        view! { <ContactRow kind=kind value=value actions=action/> }
    };
    let registered = app.format_date(&account.registered_at, false);
    let dialog_account = account.clone();
    let manage_recovery = view! {
        <a class="ac-link" href=security_href>{t(Key::ManageInSecuritySettings)}</a>
    };
    view! {
        <NoRecoveryNotice account=account.clone()/>
        <SameAsRecoveryAdvice account=account.clone()/>
        <UnverifiedNotice account=account.clone() openers=openers on_verify=open_verify/>
        <div class="ac-grid">
            <Card title=Key::BasicInformation id="basic">
                <Row label=Key::AccountId><span class="ac-value" translate="no">{account.account_id.clone()}</span></Row>
                <Row label=Key::DisplayName><span class="ac-value">{account.display_name.clone()}</span></Row>
                <Row label=Key::AccountType><span class="ac-value">{account_type}</span></Row>
                <Row label=Key::IdentityVerification><span class=identity_class>{t(identity_key)}</span></Row>
                <Row label=Key::RegisteredOn>
                    <time class="ac-value" datetime=account.registered_at.clone()>{registered}</time>
                </Row>
            </Card>
            <Card title=Key::LoginMethods id="login">
                <Row label=Key::LoginEmail help=Key::LoginEmailHelp actions=login_action>
                    <MaskedValue value=account.login_email.clone().map(|v| v.masked)/>
                </Row>
            </Card>
            <Card title=Key::ContactInformation id="contact" note=Key::UserDetailsIntro>
                {contact_row(Kind::Mobile, account.contact_mobile.clone())}
                {contact_row(Kind::Email, account.contact_email.clone())}
            </Card>
            <Card title=Key::RecoveryInformation id="recovery" footer=manage_recovery.into_any()>
                <Row label=Key::RecoveryMobile help=Key::RecoveryMobileHelp>
                    <MaskedValue value=account.recovery_mobile.clone().map(|v| v.masked)/>
                </Row>
                <Row label=Key::RecoveryEmail help=Key::RecoveryEmailHelp>
                    <MaskedValue value=account.recovery_email.clone().map(|v| v.masked)/>
                </Row>
            </Card>
        </div>
        <VerifyingDialog verifying=verifying account=dialog_account openers=openers on_close=close_verify/>
    }
}
