use leptos::prelude::*;

use contract::{Account, AccountField};

use crate::components::advice::{NoRecoveryNotice, SameAsRecoveryAdvice};
use crate::components::contact_dialogs::{ContactOpeners, UnverifiedNotice, VerifyingDialog};
use crate::components::dialog::Opener;
use crate::components::layout::{ActionLink, Card, ContactRow, EditLink, MaskedValue, PageHeader, Row};
use crate::components::pending::PendingActions;
use crate::components::status::WithAccount;
use crate::context::use_app;
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::{Dialog, Route};
use crate::words::{Section, Words};

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
    // A factor's row: its value, and a link to change it on Security Settings.
    let factor_row = |field: AccountField, account: &Account| {
        let words = field.words();
        let value = account.masked(field).map(str::to_string);
        let href = router.href(Route::edit(field));
        let label = words.action(value.is_some());
        let action = match value {
            Some(_) => view! { <EditLink href=href label=label/> }.into_any(),
            None => view! { <ActionLink href=href text=Key::Bind label=label/> }.into_any(),
        };
        view! {
            <Row label=words.label help=words.help actions=action>
                <MaskedValue value=value/>
            </Row>
        }
    };
    // A recovery value's row: shown here, changed on Security Settings (the card's link).
    let recovery_row = |field: AccountField, account: &Account| {
        let words = field.words();
        let value = account.masked(field).map(str::to_string);
        view! {
            <Row label=words.label help=words.help>
                <MaskedValue value=value/>
            </Row>
        }
    };

    // "Verify now" for an unverified contact value, in a dialog on this page (`?verify=`).
    let verifying = Memo::new(move |_| {
        Dialog::verifying(router.current().and_then(|r| r.dialog_on(Route::AccountInformation(None))))
    });
    let open_verify = Callback::new(move |field| router.go(Route::AccountInformation(Some(field)), false));
    let close_verify = Callback::new(move |_| router.go(Route::AccountInformation(None), true));
    let pending = PendingActions::new(&account, openers, open_verify);
    let contact_row = move |field: AccountField, account: &Account| {
        let value = account.contact(field).cloned();
        let below = pending.line(field, account);
        let href = router.href(Route::edit(field));
        let edit = openers.edit.get(field).link_ref();
        let action_label = field.words().action(value.is_some());
        let action = match value {
            Some(_) => view! { <EditLink href=href label=action_label node_ref=edit/> }.into_any(),
            None => view! { <ActionLink href=href text=Key::Bind label=action_label node_ref=edit/> }.into_any(),
        };
        view! { <ContactRow field=field value=value actions=action below=below/> }
    };
    let (mut login_rows, mut contact_rows, mut recovery_rows) = (Vec::new(), Vec::new(), Vec::new());
    for field in AccountField::ALL {
        match field.section() {
            Section::Login => login_rows.push(factor_row(field, &account)),
            Section::Contact => contact_rows.push(contact_row(field, &account)),
            Section::Recovery => recovery_rows.push(recovery_row(field, &account)),
        }
    }
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
            <Card title=Key::LoginMethods id="login">{login_rows}</Card>
            <Card title=Key::ContactInformation id="contact" note=Key::UserDetailsIntro>{contact_rows}</Card>
            <Card title=Key::RecoveryInformation id="recovery" footer=manage_recovery.into_any()>{recovery_rows}</Card>
        </div>
        <VerifyingDialog verifying=verifying account=dialog_account openers=openers on_close=close_verify/>
    }
}
