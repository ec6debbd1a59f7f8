use leptos::html;
use leptos::prelude::*;

use contract::{Account, AccountEvent, AccountField, IdentityMethod, Lifecycle};

use crate::components::dialog::{prepare_dialog, Opener, Openers};
use crate::components::factor_changes::FactorChanges;
use crate::components::layout::{ActionLink, Card, EditLink, MaskedValue, PageHeader, Row};
use crate::components::plain::child;
use crate::components::security_dialog::SecurityDialog;
use crate::components::sessions::SessionsCard;
use crate::components::status::WithAccount;
use crate::context::{use_account, use_app, AppContext};
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::{Dialog, Route};
use crate::words::{event_words, Section, Words};

#[component]
pub fn SecuritySettingsPage() -> impl IntoView {
    // The links the dialogs open from, made outside what re-renders (see `Opener`).
    let openers = Openers::new(AccountField::of(Lifecycle::Factor), Opener::link);
    // Steps on changes not settled re-read the account: their state outlives the rows.
    let changes = FactorChanges::new(openers);
    view! {
        <PageHeader title=Key::SecuritySettings intro=Key::SecuritySettingsIntro/>
        <WithAccount render=move |account| view! {
            <SecuritySettings account=account.clone() openers=openers changes=changes.clone()/>
            <SessionsCard account=account/>
            <RecentChanges/>
        }/>
    }
}

#[component]
fn SecuritySettings(account: Account, openers: Openers<AccountField>, changes: FactorChanges) -> impl IntoView {
    let router = use_router();
    let editing =
        Memo::new(move |_| Dialog::editing(router.current().and_then(|r| r.dialog_on(Route::Security(None)))));
    let close = Callback::new(move |_| router.go(Route::Security(None), true));
    let dialog_account = account.clone();
    let security_dialog = move |field, opener| {
        view! { <SecurityDialog field=field account=dialog_account.clone() opener=opener on_close=close/> }.into_any()
    };
    // The first Edit or Bind opens its dialog without waiting.
    let ahead = security_dialog.clone();
    prepare_dialog(move || ahead(AccountField::RecoveryMobile, Opener::link()));
    let dialog = move || editing.get().map(|field| security_dialog(field, openers.get(field)));
    let rows = |section: Section| {
        let mut rows = Vec::new();
        for &field in section.fields() {
            let value = account.masked(field).map(str::to_string);
            rows.push(view! { <SecurityRow field=field value=value opener=openers.get(field)/> });
        }
        rows
    };
    let (recovery, login) = (rows(Section::Recovery), rows(Section::Login));
    // Under a row, its change not settled (cooling off, or one its previous holder may undo).
    let clicked = changes.clicked(account.clone());
    changes.write(account);
    view! {
        <div on:click=clicked>
            <Card title=Key::RecoveryInformation id="recovery">{recovery}</Card>
            {dialog}
            <Card title=Key::LoginMethods id="login">{login}</Card>
        </div>
    }
}

/// One factor's row: its masked value, and the Edit icon for a bound value (as on the other
/// pages) or Bind for an empty one, which opens the dialog.
#[component]
fn SecurityRow(field: AccountField, value: Option<String>, opener: Opener) -> impl IntoView {
    let router = use_router();
    let href = router.href(Route::edit(field));
    let words = field.words();
    let label = words.action(value.is_some());
    let node = opener.link_ref();
    let action = match value.is_some() {
        true => view! { <EditLink href=href label=label node_ref=node/> }.into_any(),
        false => view! { <ActionLink href=href text=Key::Bind label=label node_ref=node/> }.into_any(),
    };
    view! {
        <Row label=words.label help=words.help actions=action>
            <MaskedValue value=value/>
        </Row>
    }
}

/// The account's recent changes, newest first, written as plain elements (`plain.rs`).
#[component]
fn RecentChanges() -> impl IntoView {
    let app = use_app();
    let store = use_account();
    let api = app.api();
    let error = RwSignal::new(None::<String>);
    let list = NodeRef::<html::Div>::new();
    // Reloaded whenever the account changes.
    crate::task::effect(move || {
        store.track();
        let api = api.clone();
        // Owned by this run of the effect: a newer load drops the one still on its way.
        crate::task::Tasks::new().spawn(async move {
            let result = api.events().await;
            // A session that ended (signed out from elsewhere) is the whole app's to show.
            if result.as_ref().err().is_some_and(|e| store.handle(e)) {
                return;
            }
            let Some(list) = list.get_untracked() else { return };
            list.set_text_content(None);
            match result {
                Ok(events) => {
                    error.set(None);
                    write_events(app, &list, &events.events);
                }
                Err(e) => error.set(Some(e.message(app.locale))),
            }
        });
    });
    view! {
        <section class="ac-card" aria-labelledby=app.id("events-title")>
            <h2 class="ac-card-title" id=app.id("events-title")>{app.t(Key::RecentChanges)}</h2>
            {move || error.get().map(|e| view! { <p class="ac-error" role="alert">{e}</p> })}
            <div node_ref=list></div>
        </section>
    }
}

/// Writes the events into `list`: what changed, from what to what, how it was authorised and
/// who was told, when, and its reference; or that there are none.
fn write_events(app: AppContext, list: &web_sys::Element, events: &[AccountEvent]) -> Option<()> {
    let locale = app.locale;
    if events.is_empty() {
        child(list, "p", "ac-empty", app.t(Key::RecentChangesEmpty))?;
        return Some(());
    }
    let items = child(list, "ol", "ac-events", "")?;
    for event in events {
        let item = child(&items, "li", "ac-event", "")?;
        let (field, action) = event_words(event.field, event.action);
        let what = child(&item, "div", "ac-event-what", "")?;
        child(&what, "strong", "", app.t(field))?;
        // "Recovery mobile number changed", "密保手机已修改": no space between Chinese words.
        what.append_with_str_1(locale.gap()).ok()?;
        child(&what, "span", "", app.t(action))?;
        let change = match (&event.old_masked, &event.new_masked) {
            (Some(old), Some(new)) => format!("{old} → {new}"),
            (None, Some(new)) => new.clone(),
            (Some(old), None) => old.clone(),
            (None, None) => String::new(),
        };
        child(&item, "div", "ac-event-change", &change)?.set_attribute("translate", "no").ok()?;
        // How it was authorised; a method this version does not know is left unsaid.
        let authorised = event.authorised_by.as_ref().and_then(|by| match (by.method.known()?, &by.masked) {
            (IdentityMethod::Password, _) => Some(locale.text(Key::EventByPassword).to_string()),
            (IdentityMethod::Sms | IdentityMethod::Email, Some(target)) => {
                Some(locale.format(Key::EventByCode, &[("target", target)]))
            }
            (IdentityMethod::Sms | IdentityMethod::Email, None) => None,
        });
        for detail in [authorised, app.told(Key::EventNotified, &event.notices)].into_iter().flatten() {
            child(&item, "div", "ac-event-detail", &detail)?;
        }
        let meta = child(&item, "div", "ac-event-meta", "")?;
        child(&meta, "time", "ac-event-time", &app.format_date(&event.at, true))?
            .set_attribute("datetime", &event.at)
            .ok()?;
        if !event.reference.is_empty() {
            let reference = locale.format(Key::EventReference, &[("ref", &event.reference)]);
            child(&meta, "span", "ac-event-ref", &reference)?.set_attribute("translate", "no").ok()?;
        }
    }
    Some(())
}
