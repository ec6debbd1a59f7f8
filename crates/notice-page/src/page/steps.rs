//! Each step of the notice page, written as plain elements: its heading (focused when the
//! step shows), what it says, and its actions.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use contract::{Known, NoticeAction, Wire};

use super::{Page, Proof, State, Step, P};
use crate::texts::T;

impl Page {
    /// Writes the step shown; with `focus`, its heading takes focus.
    pub(super) fn render(self: &P, focus: bool) {
        // The handlers of what was written go with it, once this turn is over.
        let old: Vec<_> = self.handlers.borrow_mut().drain(..).collect();
        spawn_local(async move { drop(old) });
        self.body.set_text_content(None);
        let step = self.state.borrow().step;
        let Some(card) = self.el(&self.body, "section", "ac-card", "") else { return };
        let heading = self.write(&card, step);
        if let (true, Some(heading)) = (focus, heading.and_then(|h| h.dyn_into::<HtmlElement>().ok())) {
            let _ = heading.focus();
        }
    }

    fn title(&self, card: &Element, t: T) -> Option<Element> {
        let heading = self.el(card, "h2", "ac-card-title", self.t(t))?;
        heading.set_attribute("tabindex", "-1").ok()?;
        Some(heading)
    }

    fn error_line(&self, card: &Element) -> Option<()> {
        let error = self.state.borrow().error.clone();
        let line = self.el(card, "p", "ac-error", error.as_deref().unwrap_or_default())?;
        line.set_attribute("role", "alert").ok()?;
        if error.is_none() {
            line.set_attribute("hidden", "").ok()?;
        }
        Some(())
    }

    fn actions(&self, card: &Element) -> Option<Element> {
        self.el(card, "div", "ac-dialog-actions ac-notice-actions", "")
    }

    /// A labelled input whose value is kept in the state by `keep`.
    fn input(
        self: &P,
        parent: &Element,
        id: &str,
        label: T,
        hint: Option<T>,
        value: &str,
        keep: fn(&mut State, String),
    ) -> Option<Element> {
        let field = self.el(parent, "div", "ac-field", "")?;
        self.el(&field, "label", "ac-label", self.t(label))?.set_attribute("for", id).ok()?;
        let input = self.el(&field, "input", "ac-input", "")?;
        input.set_id(id);
        input.set_attribute("autocomplete", "off").ok()?;
        if let Some(hint) = hint {
            let hint_id = format!("{id}-hint");
            self.el(&field, "p", "ac-hint", self.t(hint))?.set_id(&hint_id);
            input.set_attribute("aria-describedby", &hint_id).ok()?;
        }
        input.unchecked_ref::<HtmlInputElement>().set_value(value);
        self.on(&input, "input", move |page, e| {
            let value = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value());
            keep(&mut page.state.borrow_mut(), value.unwrap_or_default());
        });
        Some(input)
    }

    /// Once a code is on its way: where it went, and its field.
    fn code_sent_line(self: &P, form: &Element, sent: Option<&contract::Challenge>) -> Option<()> {
        if let Some(sent) = sent {
            let line = self.f(T::CodeSentTo, &[("target", &sent.masked_target)]);
            self.el(form, "p", "ac-code-sent", &line)?.set_attribute("role", "status").ok()?;
            self.code_input(form)?;
        }
        Some(())
    }

    fn code_input(self: &P, parent: &Element) -> Option<()> {
        let code = self.state.borrow().code.clone();
        let input = self.input(parent, "notice-code", T::CodeLabel, None, &code, |s, v| s.code = v)?;
        input.set_class_name("ac-input ac-input-code");
        input.set_attribute("inputmode", "numeric").ok()?;
        input.set_attribute("autocomplete", "one-time-code").ok()?;
        Some(())
    }

    /// A form whose submit (the button, or Enter in a field) runs `submit`.
    fn form(self: &P, card: &Element, submit: impl Fn(&P) + 'static) -> Option<Element> {
        let form = self.el(card, "form", "ac-form", "")?;
        form.set_attribute("novalidate", "").ok()?;
        self.on(&form, "submit", move |page, e| {
            e.prevent_default();
            let busy = page.state.borrow().busy;
            if !busy {
                submit(page);
            }
        });
        Some(form)
    }

    fn submit_button(&self, parent: &Element, text: T) -> Option<()> {
        let button = self.el(parent, "button", "ac-button ac-button-primary", self.t(text))?;
        button.set_attribute("type", "submit").ok()?;
        if self.state.borrow().busy {
            button.set_attribute("disabled", "").ok()?;
        }
        Some(())
    }

    fn write(self: &P, card: &Element, step: Step) -> Option<Element> {
        match step {
            Step::Loading => {
                let heading = self.title(card, T::Loading)?;
                card.set_attribute("role", "status").ok()?;
                Some(heading)
            }
            Step::Invalid => {
                let heading = self.title(card, T::LinkInvalid)?;
                self.el(card, "p", "ac-dialog-text", self.t(T::LinkInvalidBody))?;
                self.error_line(card)?;
                let actions = self.actions(card)?;
                self.button(&actions, true, self.t(T::FindByAddress), |page| page.go(Step::Find))?;
                self.appeal(card, None)?;
                Some(heading)
            }
            Step::Find => self.write_find(card),
            Step::Found => {
                let heading = self.title(card, T::FindTitle)?;
                let notices = self.state.borrow().notices.clone();
                if notices.is_empty() {
                    self.el(card, "p", "ac-empty", self.t(T::Nothing))?;
                }
                let list = self.el(card, "ol", "ac-events", "")?;
                for (i, notice) in notices.iter().enumerate() {
                    let item = self.el(&list, "li", "ac-event", "")?;
                    let what = self.el(&item, "div", "ac-event-what", "")?;
                    self.el(&what, "strong", "", &self.what(notice))?;
                    let when = format!(
                        "{} · {}",
                        self.date(&notice.event.at),
                        self.f(T::Reference, &[("ref", &notice.reference)])
                    );
                    self.el(&item, "div", "ac-event-detail", &when)?;
                    let meta = self.el(&item, "div", "ac-event-meta", "")?;
                    let open = self.button(&meta, false, self.t(T::Open), move |page| page.go(Step::Summary(i)))?;
                    open.set_attribute("aria-label", &format!("{}: {}", self.t(T::Open), notice.reference)).ok()?;
                }
                Some(heading)
            }
            Step::Summary(i) => self.write_summary(card, i),
            Step::Choose(i) => self.write_choose(card, i),
            Step::Code(i, action) => self.write_code(card, i, action),
            Step::Done(i) => self.write_done(card, i),
        }
    }

    fn write_find(self: &P, card: &Element) -> Option<Element> {
        let heading = self.title(card, T::FindTitle)?;
        self.el(card, "p", "ac-dialog-text", self.t(T::FindIntro))?;
        let form = self.form(card, |page| {
            let sent = page.state.borrow().challenge.is_some();
            if sent {
                page.verify_address()
            } else {
                page.send_to_address()
            }
        })?;
        let (address, reference, sent) = {
            let state = self.state.borrow();
            (state.address.clone(), state.reference.clone(), state.challenge.clone())
        };
        self.input(&form, "notice-address", T::Address, Some(T::AddressHint), &address, |s, v| {
            s.address = v;
            s.challenge = None;
        })?;
        self.input(&form, "notice-ref", T::RefLabel, None, &reference, |s, v| s.reference = v)?;
        self.code_sent_line(&form, sent.as_ref())?;
        self.error_line(&form)?;
        let actions = self.actions(&form)?;
        self.submit_button(&actions, if sent.is_some() { T::Verify } else { T::SendCode })?;
        Some(heading)
    }

    fn write_summary(self: &P, card: &Element, i: usize) -> Option<Element> {
        let notice = self.notice(i)?;
        let heading = self.title(card, T::What)?;
        let rows = self.el(card, "dl", "ac-rows", "")?;
        let lines = [
            (T::Account, Some(notice.account_masked.clone())),
            (T::What, Some(self.what(&notice))),
            (T::When, Some(self.date(&notice.event.at))),
            (T::How, self.how(&notice)),
            (T::State, Some(self.stands(&notice))),
        ];
        for (label, value) in lines {
            let Some(value) = value else { continue };
            let row = self.el(&rows, "div", "ac-row", "")?;
            self.el(&row, "dt", "ac-row-label", self.t(label))?;
            let cell = self.el(&row, "dd", "ac-row-value", "")?;
            self.el(&cell, "span", "ac-value", &value)?.set_attribute("translate", "no").ok()?;
        }
        self.el(card, "p", "ac-hint", &self.f(T::Reference, &[("ref", &notice.reference)]))?;
        self.error_line(card)?;
        let actions = self.actions(card)?;
        let has = |a: NoticeAction| notice.actions.contains(&Known::Is(a));
        if has(NoticeAction::Cancel) || has(NoticeAction::Undo) || has(NoticeAction::Secure) {
            self.button(&actions, false, self.t(T::NotMe), move |page| {
                page.state.borrow_mut().chosen = None;
                page.go(Step::Choose(i));
            })?;
        }
        if has(NoticeAction::Confirm) {
            self.button(&actions, true, self.t(T::WasMe), move |page| page.act(i, NoticeAction::Confirm))?;
        }
        Some(heading)
    }

    fn write_choose(self: &P, card: &Element, i: usize) -> Option<Element> {
        let notice = self.notice(i)?;
        let heading = self.title(card, T::ChooseTitle)?;
        let options: Vec<NoticeAction> = [NoticeAction::Cancel, NoticeAction::Undo, NoticeAction::Secure]
            .into_iter()
            .filter(|a| notice.actions.contains(&Known::Is(*a)))
            .collect();
        let chosen = {
            let mut state = self.state.borrow_mut();
            *state.chosen.get_or_insert(options.first().copied().unwrap_or(NoticeAction::Secure))
        };
        let group = self.el(card, "fieldset", "ac-fieldset", "")?;
        self.el(&group, "legend", "ac-visually-hidden", self.t(T::ChooseTitle))?;
        for action in options {
            let (title, does) = self.action_words(&notice, action);
            let id = format!("notice-{}", action.wire());
            let option = self.el(&group, "div", "ac-check", "")?;
            let radio = self.el(&option, "input", "", "")?;
            radio.set_attribute("type", "radio").ok()?;
            radio.set_attribute("name", "notice-action").ok()?;
            radio.set_id(&id);
            radio.set_attribute("aria-describedby", &format!("{id}-hint")).ok()?;
            radio.unchecked_ref::<HtmlInputElement>().set_checked(action == chosen);
            self.on(&radio, "change", move |page, _| page.state.borrow_mut().chosen = Some(action));
            let words = self.el(&option, "div", "", "")?;
            self.el(&words, "label", "", title)?.set_attribute("for", &id).ok()?;
            self.el(&words, "p", "ac-hint", &does)?.set_id(&format!("{id}-hint"));
        }
        self.error_line(card)?;
        let actions = self.actions(card)?;
        self.button(&actions, false, self.t(T::Back), move |page| page.go(Step::Summary(i)))?;
        self.button(&actions, true, self.t(T::Continue), move |page| {
            let (action, granted) = {
                let state = page.state.borrow();
                (state.chosen.unwrap_or(NoticeAction::Secure), matches!(state.proof, Some(Proof::Grant(_))))
            };
            if granted {
                page.act(i, action);
            } else {
                page.state.borrow_mut().challenge = None;
                page.go(Step::Code(i, action));
            }
        })?;
        Some(heading)
    }

    fn write_code(self: &P, card: &Element, i: usize, action: NoticeAction) -> Option<Element> {
        let notice = self.notice(i)?;
        let heading = self.title(card, T::CodeTitle)?;
        let (title, does) = self.action_words(&notice, action);
        let what = self.el(card, "p", "ac-dialog-text", "")?;
        self.el(&what, "strong", "", title)?;
        let colon = if self.lang == crate::texts::Lang::En { ": " } else { "：" };
        what.append_with_str_1(&format!("{colon}{does}")).ok()?;
        let form = self.form(card, move |page| {
            let sent = page.state.borrow().challenge.is_some();
            if sent {
                page.act(i, action)
            } else {
                page.send_to_recipient(i)
            }
        })?;
        let intro = self.f(T::CodeIntro, &[("target", &notice.recipient_masked)]);
        self.el(&form, "p", "ac-dialog-text", &intro)?;
        let sent = self.state.borrow().challenge.clone();
        self.code_sent_line(&form, sent.as_ref())?;
        self.error_line(&form)?;
        let actions = self.actions(&form)?;
        self.button(&actions, false, self.t(T::Back), move |page| page.go(Step::Choose(i)))?;
        self.submit_button(&actions, if sent.is_some() { T::Verify } else { T::SendCode })?;
        Some(heading)
    }

    fn write_done(self: &P, card: &Element, i: usize) -> Option<Element> {
        let notice = self.notice(i)?;
        let done = self.state.borrow().outcome.clone()?;
        let heading = self.title(card, T::DoneTitle)?;
        let (field, old) = self.field_and_old(&notice);
        let said = match done.result.as_str() {
            "cancelled" => self.f(T::DoneCancelled, &[("field", field), ("old", &old)]),
            "undone" => self.f(T::DoneUndone, &[("field", field), ("old", &old)]),
            "secured" => self.t(T::DoneSecured).into(),
            _ => self.t(T::DoneConfirmed).into(),
        };
        self.el(card, "p", "ac-dialog-saved", &said)?.set_attribute("role", "status").ok()?;
        if let Some(until) = &done.hold_until {
            let held = self.f(T::Held, &[("n", &done.sessions_ended.to_string()), ("date", &self.date(until))]);
            self.el(card, "p", "ac-dialog-text ac-notice-held", &held)?;
        }
        if !done.next.is_empty() {
            self.el(card, "h3", "ac-advice-title", self.t(T::NextTitle))?;
            if let (true, Some(login)) = (done.next.iter().any(|n| n == "sign_in"), &self.login_url) {
                let list = self.el(card, "p", "ac-notice-next", "")?;
                let link = self.el(&list, "a", "ac-button ac-button-primary", self.t(T::NextSignIn))?;
                link.set_attribute("href", login).ok()?;
            }
            self.appeal(card, Some(&notice.reference))?;
        }
        Some(heading)
    }

    /// How to appeal: with the reference, and the console's appeal page if it has one.
    fn appeal(&self, card: &Element, reference: Option<&str>) -> Option<()> {
        if let Some(reference) = reference {
            self.el(card, "p", "ac-dialog-text", &self.f(T::NextAppeal, &[("ref", reference)]))?;
        }
        if let Some(href) = &self.appeal_url {
            let line = self.el(card, "p", "", "")?;
            let link = self.el(&line, "a", "ac-link", self.t(T::AppealLink))?;
            link.set_attribute("href", href).ok()?;
            link.set_attribute("rel", "external").ok()?;
        }
        Some(())
    }
}
