use leptos::prelude::*;

use crate::api::types::{Account, AccountEvent, SecurityTarget};
use crate::components::dialog::{Opener, Openers};
use crate::components::layout::{ActionLink, Card, EditLink, MaskedValue, PageHeader, Row};
use crate::components::security_dialog::SecurityDialog;
use crate::components::status::WithAccount;
use crate::context::{use_account, use_app};
use crate::i18n::Key;
use crate::router::use_router;
use crate::routes::Route;

#[component]
pub fn SecuritySettingsPage() -> impl IntoView {
    // The links the dialogs open from, made outside what re-renders (see `Opener`).
    let openers = Openers::new(SecurityTarget::ALL, Opener::link);
    view! {
        <PageHeader title=Key::SecuritySettings intro=Key::SecuritySettingsIntro/>
        <WithAccount render=move |account| view! { <SecuritySettings account=account openers=openers/> <RecentChanges/> }/>
    }
}

#[component]
fn SecuritySettings(account: Account, openers: Openers<SecurityTarget>) -> impl IntoView {
    let router = use_router();
    let editing = Memo::new(move |_| match router.current() {
        Some(Route::Security(target)) => target,
        _ => None,
    });
    let close = Callback::new(move |_| router.go(Route::Security(None), true));
    let dialog_account = account.clone();
    let dialog = move || {
        editing.get().map(|target| {
            let opener = openers.get(target);
            view! { <SecurityDialog target=target account=dialog_account.clone() opener=opener on_close=close/> }
        })
    };
    let [recovery_mobile, recovery_email, login_email] = SecurityTarget::ALL.map(|target| {
        let value = account.masked(target);
        view! { <SecurityRow target=target value=value opener=openers.get(target)/> }
    });
    view! {
        <Card title=Key::RecoveryInformation id="recovery">
            {recovery_mobile}
            {recovery_email}
        </Card>
        {dialog}
        <Card title=Key::LoginMethods id="login">
            {login_email}
        </Card>
    }
}

/// One target's row: its masked value, and the Edit icon for a bound value (as on the other
/// pages) or Bind for an empty one, which opens the dialog.
#[component]
fn SecurityRow(target: SecurityTarget, value: Option<String>, opener: Opener) -> impl IntoView {
    let router = use_router();
    let href = router.href(Route::Security(Some(target)));
    let label = target.action(value.is_some());
    let node = opener.link_ref();
    let action = match value.is_some() {
        true => view! { <EditLink href=href label=label node_ref=node/> }.into_any(),
        false => view! { <ActionLink href=href text=Key::Bind label=label node_ref=node/> }.into_any(),
    };
    let (name, help) = target.label();
    view! {
        <Row label=name help=help actions=action>
            <MaskedValue value=value/>
        </Row>
    }
}

/// The account's recent changes, newest first.
#[component]
fn RecentChanges() -> impl IntoView {
    let app = use_app();
    let store = use_account();
    let api = app.api();
    // Reloaded whenever the account changes; a plain task into a signal (see AccountStore).
    let events = RwSignal::new(None);
    Effect::new(move |_| {
        store.track();
        let api = api.clone();
        // Owned by this run of the effect: a newer load drops the one still on its way.
        crate::task::Tasks::new().spawn(async move {
            let result = api.events().await;
            // A session that ended (signed out from elsewhere, say) is the whole app's to show.
            if result.as_ref().err().is_some_and(|e| store.handle(e)) {
                return;
            }
            events.set(Some(result));
        });
    });
    let list = move || match events.get() {
        None => None,
        Some(Err(e)) => Some(view! { <p class="ac-error" role="alert">{e.message(app.locale)}</p> }.into_any()),
        Some(Ok(list)) if list.events.is_empty() => {
            Some(view! { <p class="ac-empty">{app.t(Key::RecentChangesEmpty)}</p> }.into_any())
        }
        Some(Ok(list)) => Some(
            view! {
                <ol class="ac-events">
                    {list.events.into_iter().map(|e| view! { <EventItem event=e/> }).collect_view()}
                </ol>
            }
            .into_any(),
        ),
    };
    view! {
        <section class="ac-card" aria-labelledby=app.id("events-title")>
            <h2 class="ac-card-title" id=app.id("events-title")>{app.t(Key::RecentChanges)}</h2>
            {list}
        </section>
    }
}

#[component]
fn EventItem(event: AccountEvent) -> impl IntoView {
    let app = use_app();
    let (field, action) = event.words();
    let change = match (&event.old_masked, &event.new_masked) {
        (Some(old), Some(new)) => format!("{old} → {new}"),
        (None, Some(new)) => new.clone(),
        (Some(old), None) => old.clone(),
        (None, None) => String::new(),
    };
    let notified = (!event.notified.is_empty())
        .then(|| app.locale.format(Key::EventNotified, &[("to", &event.notified.join(", "))]));
    view! {
        <li class="ac-event">
            <div class="ac-event-what">
                <strong>{app.t(field)}</strong>
                // "Recovery mobile number changed", "密保手机已修改": no space between Chinese words.
                {app.locale.gap()}
                <span>{app.t(action)}</span>
            </div>
            <div class="ac-event-change" translate="no">{change}</div>
            {notified.map(|n| view! { <div class="ac-event-notified">{n}</div> })}
            <time class="ac-event-time" datetime=event.at.clone()>{app.format_date(&event.at, true)}</time>
        </li>
    }
}
