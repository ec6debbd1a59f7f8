//! Cards, label/value rows and badges: the console's look.

use leptos::prelude::*;

use contract::{AccountField, ContactValue};

use crate::components::icons::{self, Icon};
use crate::context::use_app;
use crate::i18n::Key;
use crate::words::Words;

#[component]
pub fn PageHeader(title: Key, intro: Key) -> impl IntoView {
    let app = use_app();
    view! {
        <header class="ac-page-header">
            <h1 class="ac-page-title" tabindex="-1">{app.t(title)}</h1>
            <p class="ac-page-intro">{app.t(intro)}</p>
        </header>
    }
}

/// A titled section; the title labels the region for assistive technology.
#[component]
pub fn Card(
    title: Key,
    id: &'static str,
    #[prop(optional)] footer: Option<AnyView>,
    /// What the section's values are for, under its title.
    #[prop(optional)]
    note: Option<Key>,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let heading = app.id(&format!("{id}-title"));
    view! {
        <section class="ac-card" aria-labelledby=heading.clone()>
            <h2 class="ac-card-title" id=heading.clone()>{app.t(title)}</h2>
            {note.map(|n| view! { <p class="ac-card-note">{app.t(n)}</p> })}
            <dl class="ac-rows">{children()}</dl>
            {footer.map(|f| view! { <div class="ac-card-footer">{f}</div> })}
        </section>
    }
}

/// One label/value row; `help` explains what the value is for; `below` goes under the
/// value and the actions, across both.
#[component]
pub fn Row(
    label: Key,
    #[prop(optional)] help: Option<Key>,
    #[prop(optional)] actions: Option<AnyView>,
    #[prop(default = None)] below: Option<AnyView>,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="ac-row">
            <dt class="ac-row-label">
                {app.t(label)}
                {help.map(|h| view! { <span class="ac-row-help">{app.t(h)}</span> })}
            </dt>
            <dd class="ac-row-value">{children()}</dd>
            {actions.map(|a| view! { <dd class="ac-row-actions">{a}</dd> })}
            {below.map(|b| view! { <dd class="ac-row-below">{b}</dd> })}
        </div>
    }
}

#[component]
pub fn VerifiedBadge(verified: bool) -> impl IntoView {
    let app = use_app();
    let (class, key, path) = if verified {
        ("ac-badge ac-badge-ok", Key::Verified, icons::CHECK_CIRCLE)
    } else {
        ("ac-badge ac-badge-warn", Key::Unverified, icons::WARNING)
    };
    view! { <span class=class><Icon path=path/>{app.t(key)}</span> }
}

/// A masked value, or a muted "Not bound" (the row's action is then Bind).
#[component]
pub fn MaskedValue(value: Option<String>) -> impl IntoView {
    let app = use_app();
    match value {
        Some(v) => view! { <span class="ac-value" translate="no">{v}</span> }.into_any(),
        None => view! { <span class="ac-value ac-value-missing">{app.t(Key::NotBound)}</span> }.into_any(),
    }
}

/// An icon-only link or button with an accessible name (e.g. "Edit contact mobile number").
#[component]
pub fn EditLink(
    href: String,
    label: Key,
    /// For focus to come back to it after a flow that started beside it.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::A>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <a class="ac-icon-button" href=href aria-label=app.t(label) title=app.t(label) node_ref=node_ref>
            <Icon path=icons::EDIT/>
        </a>
    }
}

/// A text action that opens a flow (Bind) by deep link.
#[component]
pub fn ActionLink(
    href: String,
    text: Key,
    label: Key,
    /// For focus to come back to it after the flow it opened.
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::A>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <a class="ac-button ac-button-secondary" href=href aria-label=app.t(label) node_ref=node_ref>
            {app.t(text)}
        </a>
    }
}

/// A contact value's row, alike on every page: its label and help, the masked value with
/// its verified badge, what is `below` it (a new value waiting for its code), and the
/// page's action.
#[component]
pub fn ContactRow(
    field: AccountField,
    value: Option<ContactValue>,
    actions: AnyView,
    #[prop(default = None)] below: Option<AnyView>,
) -> impl IntoView {
    let words = field.words();
    let badge = value.as_ref().map(|v| view! { <VerifiedBadge verified=v.verified/> });
    view! {
        <Row label=words.label help=words.help actions=actions below=below>
            <MaskedValue value=value.map(|v| v.masked)/>
            {badge}
        </Row>
    }
}
