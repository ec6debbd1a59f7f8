use leptos::prelude::*;

use crate::api::types::{Account, ContactValue};
use crate::api::Kind;
use crate::components::advice::{NoRecoveryNotice, SameAsRecoveryAdvice};
use crate::components::contact_dialogs::{ContactOpeners, EditContactDialog, UnverifiedNotice, VerifyingDialog};
use crate::components::dialog::Opener;
use crate::components::icons::{Icon, EDIT};
use crate::components::layout::{Card, ContactRow, PageHeader};
use crate::components::status::WithAccount;
use crate::context::use_app;
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::{ContactDialog, Route};

#[component]
pub fn UserDetailsPage() -> impl IntoView {
    let openers = ContactOpeners::new(Opener::button);
    view! {
        <PageHeader title=Key::UserDetails intro=Key::UserDetailsIntro/>
        <WithAccount render=move |account| view! { <UserDetails account=account openers=openers/> }/>
    }
}

#[component]
fn UserDetails(account: Account, openers: ContactOpeners) -> impl IntoView {
    let app = use_app();
    let locale = app.locale;
    let router = use_router();
    let dialog = move || match router.current() {
        Some(Route::UserDetails(dialog)) => dialog,
        _ => None,
    };
    let editing = Memo::new(move |_| ContactDialog::editing(dialog()));
    let verifying = Memo::new(move |_| ContactDialog::verifying(dialog()));
    let open_edit = move |kind: Kind| router.go(Route::UserDetails(Some(ContactDialog::Edit(kind))), false);
    let open_verify =
        Callback::new(move |kind| router.go(Route::UserDetails(Some(ContactDialog::Verify(kind))), false));
    let close = Callback::new(move |_| router.go(Route::UserDetails(None), true));
    let verify_saved =
        Callback::new(move |kind| router.go(Route::UserDetails(Some(ContactDialog::Verify(kind))), true));

    let row = move |kind: Kind, value: Option<ContactValue>| {
        let bound = value.is_some();
        let action_label = kind.contact_action(bound);
        let actions = view! {
            <button
                type="button"
                node_ref=openers.edit.get(kind).button_ref()
                class=if bound { "ac-icon-button" } else { "ac-button ac-button-secondary" }
                aria-label=locale.text(action_label)
                title=bound.then(|| locale.text(action_label))
                on:click=move |_| open_edit(kind)
            >
                {if bound { view! { <Icon path=EDIT/> }.into_any() } else { locale.text(Key::Bind).into_any() }}
            </button>
        }
        .into_any();
        view! { <ContactRow kind=kind value=value actions=actions/> }
    };
    let edit_account = account.clone();
    let verify_account = account.clone();
    view! {
        <NoRecoveryNotice account=account.clone()/>
        <SameAsRecoveryAdvice account=account.clone()/>
        <UnverifiedNotice account=account.clone() openers=openers on_verify=open_verify/>
        <Card title=Key::ContactInformation id="contact">
            {row(Kind::Mobile, account.contact_mobile.clone())}
            {row(Kind::Email, account.contact_email.clone())}
        </Card>
        {move || editing.get().map(|kind| view! {
            <EditContactDialog kind=kind account=edit_account.clone() opener=openers.edit.get(kind) on_close=close on_saved=verify_saved/>
        })}
        <VerifyingDialog verifying=verifying account=verify_account openers=openers on_close=close/>
    }
}
