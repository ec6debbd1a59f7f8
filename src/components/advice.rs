//! The seed's advice, made actionable: copy the recovery value into the contact value with
//! one click. The backend does the copy, so the browser never holds the full value.

use leptos::prelude::*;

use contract::{Account, AccountField, Lifecycle};

use crate::components::fields::ErrorText;
use crate::components::icons::{self, Icon};
use crate::components::layout::ActionLink;
use crate::components::row_action::{Ask, RowAction};
use crate::context::use_app;
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::Route;
use crate::words::{Section, Words};

#[component]
pub fn SameAsRecoveryAdvice(account: Account) -> impl IntoView {
    let app = use_app();
    // Each contact value that is missing or differs from its recovery value, with that value.
    let differing: Vec<(AccountField, String)> = AccountField::of(Lifecycle::Contact)
        .iter()
        .filter_map(|&field| Some((field, account.recovery_to_copy(field)?.to_string())))
        .collect();
    if differing.is_empty() {
        return ().into_any();
    }
    let copier = RowAction::new(Ask::CopyRecovery, &account);
    let busy = move || copier.busy();
    let locale = app.locale;
    let mut buttons = Vec::new();
    for (field, masked) in differing {
        let Some(words) = field.words().contact else { continue };
        // An empty contact row differs from the recovery address too; it says so plainly.
        let differs = if account.masked(field).is_some() { words.differs } else { words.missing };
        let text = locale.format(words.use_recovery, &[("value", &masked)]);
        buttons.push(view! {
            <li>
                <span>{app.t(differs)}</span>
                <button
                    type="button"
                    class="ac-button ac-button-secondary"
                    disabled=busy
                    on:click=move |_| copier.start(field)
                >
                    {text}
                </button>
            </li>
        });
    }
    view! {
        <aside class="ac-advice" aria-labelledby=app.id("advice-title")>
            <Icon path=icons::INFO/>
            <div>
                <h2 id=app.id("advice-title") class="ac-advice-title">{app.t(Key::AdviceTitle)}</h2>
                <p>{app.t(Key::AdviceBody)}</p>
                <ul class="ac-advice-actions">{buttons}</ul>
                <ErrorText error=Signal::derive(move || copier.failure(None))/>
            </div>
        </aside>
    }
    .into_any()
}

/// An account with no recovery address at all: where to bind one. Until then the sign-in
/// password verifies the user: an account is never stuck.
#[component]
pub fn NoRecoveryNotice(account: Account) -> impl IntoView {
    let app = use_app();
    let recovery = Section::Recovery.fields();
    if recovery.iter().any(|&field| account.masked(field).is_some()) {
        return ().into_any();
    }
    let router = use_router();
    // The email first: an address anyone has, to bind before a number.
    let mut links = Vec::new();
    for &field in recovery.iter().rev() {
        let href = router.href(Route::edit(field));
        let key = field.words().bind;
        links.push(view! { <li><ActionLink href=href text=key label=key/></li> });
    }
    view! {
        <aside class="ac-advice" aria-labelledby=app.id("no-recovery-title")>
            <Icon path=icons::INFO/>
            <div>
                <h2 id=app.id("no-recovery-title") class="ac-advice-title">{app.t(Key::NoRecoveryTitle)}</h2>
                <p>{app.t(Key::NoRecoveryBody)}</p>
                <ul class="ac-advice-actions">{links}</ul>
            </div>
        </aside>
    }
    .into_any()
}
