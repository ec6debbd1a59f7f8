use leptos::prelude::*;

use contract::{Account, AccountField, ContactValue, Lifecycle};

use crate::components::advice::{NoRecoveryNotice, SameAsRecoveryAdvice};
use crate::components::contact_dialogs::{ContactOpeners, EditContactDialog, UnverifiedNotice, VerifyingDialog};
use crate::components::dialog::{prepare_dialog, Opener};
use crate::components::icons::{Icon, EDIT};
use crate::components::layout::{Card, ContactRow, PageHeader};
use crate::components::pending::PendingActions;
use crate::components::status::WithAccount;
use crate::context::use_app;
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::{Dialog, Route};
use crate::words::Words;

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
    let dialog = move || router.current().and_then(|r| r.dialog_on(Route::UserDetails(None)));
    let editing = Memo::new(move |_| Dialog::editing(dialog()));
    let verifying = Memo::new(move |_| Dialog::verifying(dialog()));
    let open_edit = move |field| router.go(Route::edit(field), false);
    let open_verify = Callback::new(move |field| router.go(Route::UserDetails(Some(Dialog::Verify(field))), false));
    let close = Callback::new(move |_| router.go(Route::UserDetails(None), true));
    let verify_saved = Callback::new(move |field| router.go(Route::UserDetails(Some(Dialog::Verify(field))), true));
    let pending = PendingActions::new(&account, openers, open_verify);

    let row = move |field: AccountField, value: Option<ContactValue>, below: Option<AnyView>| {
        let bound = value.is_some();
        let action_label = field.words().action(bound);
        let actions = view! {
            <button
                type="button"
                node_ref=openers.edit.get(field).button_ref()
                class=if bound { "ac-icon-button" } else { "ac-button ac-button-secondary" }
                aria-label=locale.text(action_label)
                title=bound.then(|| locale.text(action_label))
                on:click=move |_| open_edit(field)
            >
                {if bound { view! { <Icon path=EDIT/> }.into_any() } else { locale.text(Key::Bind).into_any() }}
            </button>
        }
        .into_any();
        view! { <ContactRow field=field value=value actions=actions below=below/> }
    };
    let mut rows = Vec::new();
    for &field in AccountField::of(Lifecycle::Contact) {
        rows.push(row(field, account.contact(field).cloned(), pending.line(field, &account)));
    }
    let edit_account = account.clone();
    let verify_account = account.clone();
    let edit_dialog = move |field, opener| {
        view! { <EditContactDialog field=field account=edit_account.clone() opener=opener on_close=close on_saved=verify_saved/> }
            .into_any()
    };
    // The first Edit opens its dialog without waiting.
    let ahead = edit_dialog.clone();
    prepare_dialog(move || ahead(AccountField::ContactMobile, Opener::button()));
    view! {
        <NoRecoveryNotice account=account.clone()/>
        <SameAsRecoveryAdvice account=account.clone()/>
        <UnverifiedNotice account=account.clone() openers=openers on_verify=open_verify/>
        <Card title=Key::ContactInformation id="contact">{rows}</Card>
        {move || editing.get().map(|field| edit_dialog(field, openers.edit.get(field)))}
        <VerifyingDialog verifying=verifying account=verify_account openers=openers on_close=close/>
    }
}
