//! The page itself: plain elements written for each step, one state, requests by `fetch`.
//! Handlers never write the page while they run: a change of step is written on the next
//! turn, so that the handler's own element is not taken away under it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

use contract::json::{from_str, FromJson, Json, JsonError};
use contract::{
    AccountField, Challenge, ChangeState, IdentityMethod, Known, NoticeAction, NoticeGrant, NoticeInfo, NoticeOutcome,
    Wire,
};

use crate::texts::{text, Lang, T};

/// Where the page is.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Loading,
    /// The link can no longer be used.
    Invalid,
    /// The SMS path: the address, then its code.
    Find,
    /// The address's open notices: which one.
    Found,
    /// Notice `i`: what happened; Yes, this was me / No, this wasn't me.
    Summary(usize),
    /// What to do about notice `i`.
    Choose(usize),
    /// A fresh code to notice `i`'s recipient, before `action`.
    Code(usize, NoticeAction),
    /// Done: what the backend said.
    Done(usize),
}

/// How the reader shows who they are: the link's token, or a grant a code to the address earned.
#[derive(Clone)]
enum Proof {
    Token(String),
    Grant(String),
}

struct State {
    step: Step,
    proof: Option<Proof>,
    notices: Vec<NoticeInfo>,
    challenge: Option<Challenge>,
    outcome: Option<NoticeOutcome>,
    chosen: Option<NoticeAction>,
    address: String,
    code: String,
    error: Option<String>,
    busy: bool,
}

struct Page {
    doc: Document,
    body: Element,
    lang: Lang,
    api_base: String,
    login_url: Option<String>,
    appeal_url: Option<String>,
    state: RefCell<State>,
    /// The handlers of what is written now; replaced with it.
    handlers: RefCell<Vec<Handler>>,
}

type P = Rc<Page>;

/// A handler of an element written for the step shown.
type Handler = Closure<dyn FnMut(web_sys::Event)>;

/// Why a request failed.
enum Failure {
    Problem { code: String, attempts_left: Option<u32>, retry_after_s: Option<u64> },
    Network,
    Server,
}

struct ProblemBody {
    code: Option<String>,
    attempts_left: Option<u32>,
    retry_after_s: Option<u64>,
}

impl FromJson for ProblemBody {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        Ok(ProblemBody {
            code: json.maybe("code")?,
            attempts_left: json.maybe("attempts_left")?,
            retry_after_s: json.maybe("retry_after_s")?,
        })
    }
}

thread_local! {
    /// The page, for as long as it shows (its handlers hold it weakly).
    static PAGE: RefCell<Option<P>> = const { RefCell::new(None) };
}

#[wasm_bindgen(start)]
pub fn start() {
    let Some(page) = Page::new() else { return };
    PAGE.with(|p| *p.borrow_mut() = Some(page.clone()));
    // Another notice's link opened on this page changes only the fragment: read it afresh.
    let reread = Closure::<dyn FnMut()>::new(|| {
        let location = web_sys::window().map(|w| w.location());
        if location.as_ref().and_then(|l| l.hash().ok()).is_some_and(|h| h.starts_with("#t=")) {
            let _ = location.map(|l| l.reload());
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("hashchange", reread.as_ref().unchecked_ref());
    }
    reread.forget();
    let token = take_token();
    page.state.borrow_mut().step = if token.is_some() { Step::Loading } else { Step::Find };
    page.render(false);
    if let Some(token) = token {
        page.state.borrow_mut().proof = Some(Proof::Token(token.clone()));
        let page = page.clone();
        spawn_local(async move {
            match page.call::<NoticeInfo>("/notices/lookup", &[("token", &token)]).await {
                Ok(notice) => {
                    page.state.borrow_mut().notices = vec![notice];
                    page.go(Step::Summary(0));
                }
                Err(failure) => {
                    page.go(Step::Invalid);
                    if !matches!(&failure, Failure::Problem { code, .. } if code == "notice_link_invalid") {
                        page.fail(failure);
                    }
                }
            }
        });
    }
}

/// The link's token, taken out of the address bar (and so out of history and any Referer)
/// at once.
fn take_token() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let token = location.hash().ok()?.strip_prefix("#t=").filter(|t| !t.is_empty())?.to_string();
    let path = location.pathname().ok()? + &location.search().ok()?;
    let _ = window.history().ok()?.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    Some(token)
}

fn field_name(field: AccountField) -> T {
    match field {
        AccountField::ContactMobile => T::ContactMobile,
        AccountField::ContactEmail => T::ContactEmail,
        AccountField::RecoveryMobile => T::RecoveryMobile,
        AccountField::RecoveryEmail => T::RecoveryEmail,
        AccountField::LoginEmail => T::LoginEmail,
    }
}

impl Page {
    fn new() -> Option<P> {
        let window = web_sys::window()?;
        let doc = window.document()?;
        let root = doc.get_element_by_id("notice")?;
        let browser: Vec<String> = window.navigator().languages().iter().filter_map(|l| l.as_string()).collect();
        let lang = crate::language(browser.iter().map(String::as_str)).unwrap_or(Lang::En);
        let attr = |name: &str| root.get_attribute(name).filter(|v| !v.is_empty());
        let page = Rc::new(Page {
            body: doc.create_element("div").ok()?,
            lang,
            api_base: attr("data-api-base").unwrap_or_else(|| "/api/v1".into()),
            login_url: attr("data-login-url"),
            appeal_url: attr("data-appeal-url"),
            doc,
            state: RefCell::new(State {
                step: Step::Loading,
                proof: None,
                notices: Vec::new(),
                challenge: None,
                outcome: None,
                chosen: None,
                address: String::new(),
                code: String::new(),
                error: None,
                busy: false,
            }),
            handlers: RefCell::new(Vec::new()),
        });
        root.set_text_content(None);
        let _ = root.set_attribute(
            "lang",
            match lang {
                Lang::En => "en",
                Lang::ZhCn => "zh-CN",
                Lang::ZhHant => "zh-Hant",
            },
        );
        page.doc.set_title(&format!("{} · {}", page.t(T::Title), page.t(T::Brand)));
        if let Ok(Some(brand)) = page.doc.query_selector(".shell-brand span") {
            brand.set_text_content(Some(page.t(T::Brand)));
        }
        let header = page.el(&root, "header", "ac-page-header", "")?;
        page.el(&header, "h1", "ac-page-title", page.t(T::Title))?;
        page.el(&header, "p", "ac-page-intro", page.t(T::Intro))?;
        root.append_child(&page.body).ok()?;
        page.el(&root, "p", "ac-hint ac-notice-never", page.t(T::NeverAsk))?;
        Some(page)
    }

    fn t(&self, t: T) -> &'static str {
        text(self.lang, t)
    }

    fn f(&self, t: T, values: &[(&str, &str)]) -> String {
        let mut s = self.t(t).to_string();
        for (name, value) in values {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    fn tag(&self) -> &'static str {
        match self.lang {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// A date and time as the reader's browser writes them in the page's language.
    fn date(&self, iso: &str) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        date.to_locale_string(self.tag(), &options).into()
    }

    fn el(&self, parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
        let element = self.doc.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        parent.append_child(&element).ok()?;
        Some(element)
    }

    /// Calls `handler` on `event` of `element`, for as long as what is written now shows.
    fn on(self: &P, element: &Element, event: &str, handler: impl Fn(&P, web_sys::Event) + 'static) {
        let page = Rc::downgrade(self);
        let closure = Handler::new(move |e: web_sys::Event| {
            if let Some(page) = page.upgrade() {
                handler(&page, e);
            }
        });
        let _ = element.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        self.handlers.borrow_mut().push(closure);
    }

    fn button(self: &P, parent: &Element, primary: bool, text: &str, run: impl Fn(&P) + 'static) -> Option<Element> {
        let class = if primary { "ac-button ac-button-primary" } else { "ac-button ac-button-secondary" };
        let button = self.el(parent, "button", class, text)?;
        button.set_attribute("type", "button").ok()?;
        if self.state.borrow().busy {
            button.set_attribute("disabled", "").ok()?;
        }
        self.on(&button, "click", move |page, _| run(page));
        Some(button)
    }

    /// Shows `step` on the next turn (never under a running handler), its heading focused.
    fn go(self: &P, step: Step) {
        let page = self.clone();
        spawn_local(async move {
            {
                let mut state = page.state.borrow_mut();
                state.step = step;
                state.error = None;
                state.code.clear();
            }
            page.render(true);
        });
    }

    /// Writes what went wrong under the step's actions.
    fn fail(self: &P, failure: Failure) {
        let message = match &failure {
            Failure::Problem { code, attempts_left, retry_after_s } => match code.as_str() {
                "notice_link_invalid" => return self.go(Step::Invalid),
                "invalid_code" => self.f(T::ErrCode, &[("n", &attempts_left.unwrap_or(0).to_string())]),
                "invalid_code_format" => self.t(T::ErrCodeFormat).into(),
                "code_expired" | "too_many_attempts" | "challenge_not_found" => self.t(T::ErrCodeDead).into(),
                "resend_too_soon" => self.f(T::ErrTooSoon, &[("s", &retry_after_s.unwrap_or(60).to_string())]),
                "daily_limit_reached" => self.t(T::ErrLimit).into(),
                "invalid_phone" | "invalid_email" => self.t(T::ErrAddress).into(),
                "action_not_allowed" => self.t(T::ErrNotAllowed).into(),
                "change_superseded" => self.t(T::ErrSuperseded).into(),
                "dispute_limit_reached" => self.t(T::ErrDisputeLimit).into(),
                _ => self.t(T::ErrServer).into(),
            },
            Failure::Network => self.t(T::ErrNetwork).into(),
            Failure::Server => self.t(T::ErrServer).into(),
        };
        {
            let mut state = self.state.borrow_mut();
            state.error = Some(message);
            state.busy = false;
        }
        let page = self.clone();
        spawn_local(async move { page.render(false) });
    }

    /// `POST {api}{path}` with a JSON body of `fields` (no session, no cookies).
    async fn call<R: FromJson>(&self, path: &str, fields: &[(&str, &str)]) -> Result<R, Failure> {
        let body = js_sys::Object::new();
        for (name, value) in fields {
            let _ = js_sys::Reflect::set(&body, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        let body = js_sys::JSON::stringify(&body).map(String::from).unwrap_or_default();
        let headers = web_sys::Headers::new().map_err(|_| Failure::Network)?;
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("Accept", "application/json, application/problem+json");
        let _ = headers.set("Accept-Language", self.tag());
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&body));
        let url = format!("{}{path}", self.api_base);
        let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(|_| Failure::Network)?;
        let window = web_sys::window().ok_or(Failure::Network)?;
        let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| Failure::Network)?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| Failure::Network)?;
        let text = JsFuture::from(response.text().map_err(|_| Failure::Network)?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or(Failure::Network)?;
        if response.ok() {
            return from_str(&text).map_err(|_| Failure::Server);
        }
        match from_str::<ProblemBody>(&text) {
            Ok(ProblemBody { code: Some(code), attempts_left, retry_after_s }) => {
                Err(Failure::Problem { code, attempts_left, retry_after_s })
            }
            _ => Err(Failure::Server),
        }
    }

    fn notice(&self, i: usize) -> Option<NoticeInfo> {
        self.state.borrow().notices.get(i).cloned()
    }

    /// "Recovery email address: u***@… → n***@…", or an alert.
    fn what(&self, notice: &NoticeInfo) -> String {
        let event = &notice.event;
        let Known::Is(field) = event.field else { return self.t(T::Alert).into() };
        let field = self.t(field_name(field));
        // "Login email address: …", "登录邮箱：…".
        let colon = if self.lang == Lang::En { ": " } else { "：" };
        match (&event.old_masked, &event.new_masked) {
            (Some(old), Some(new)) => format!("{field}{colon}{old} → {new}"),
            (None, Some(new)) => format!("{field}{colon}{new}"),
            _ => field.into(),
        }
    }

    fn how(&self, notice: &NoticeInfo) -> Option<String> {
        let by = notice.event.authorised_by.as_ref()?;
        match (by.method.known()?, &by.masked) {
            (IdentityMethod::Password, _) => Some(self.t(T::ByPassword).into()),
            (_, Some(target)) => Some(self.f(T::ByCode, &[("target", target)])),
            (_, None) => None,
        }
    }

    fn stands(&self, notice: &NoticeInfo) -> String {
        let event = &notice.event;
        match (event.state.known(), &event.effective_at, &event.revert_until) {
            (Some(ChangeState::CoolingOff), Some(at), _) => self.f(T::Cooling, &[("date", &self.date(at))]),
            (Some(ChangeState::Cancelled), ..) => self.t(T::CancelledState).into(),
            (Some(ChangeState::Undone), ..) => self.t(T::UndoneState).into(),
            (_, _, Some(until)) => self.f(T::Undoable, &[("date", &self.date(until))]),
            _ => self.t(T::InEffect).into(),
        }
    }

    /// The field's name and its value before, for what an action will do and did.
    fn field_and_old(&self, notice: &NoticeInfo) -> (&'static str, String) {
        let field = match notice.event.field {
            Known::Is(field) => self.t(field_name(field)),
            Known::Other => "",
        };
        (field, notice.event.old_masked.clone().unwrap_or_default())
    }

    fn action_words(&self, notice: &NoticeInfo, action: NoticeAction) -> (&'static str, String) {
        let (field, old) = self.field_and_old(notice);
        let fill = |t| self.f(t, &[("field", field), ("old", &old)]);
        match action {
            NoticeAction::Cancel => (self.t(T::CancelTitle), fill(T::CancelWhat)),
            NoticeAction::Undo => (self.t(T::UndoTitle), fill(T::UndoWhat)),
            NoticeAction::Secure | NoticeAction::Confirm => (self.t(T::SecureTitle), self.t(T::SecureWhat).into()),
        }
    }

    /// Writes the step shown; with `focus`, its heading takes focus.
    fn render(self: &P, focus: bool) {
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
        let (address, sent) = {
            let state = self.state.borrow();
            (state.address.clone(), state.challenge.clone())
        };
        self.input(&form, "notice-address", T::Address, Some(T::AddressHint), &address, |s, v| {
            s.address = v;
            s.challenge = None;
        })?;
        if let Some(sent) = &sent {
            let line = self.f(T::CodeSentTo, &[("target", &sent.masked_target)]);
            self.el(&form, "p", "ac-code-sent", &line)?.set_attribute("role", "status").ok()?;
            self.code_input(&form)?;
        }
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
        what.append_with_str_1(&format!(" {does}")).ok()?;
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
        if let Some(sent) = &sent {
            let line = self.f(T::CodeSentTo, &[("target", &sent.masked_target)]);
            self.el(&form, "p", "ac-code-sent", &line)?.set_attribute("role", "status").ok()?;
            self.code_input(&form)?;
        }
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

    fn busy(self: &P) {
        self.state.borrow_mut().busy = true;
        self.state.borrow_mut().error = None;
        self.render(false);
    }

    fn done_waiting(&self) {
        self.state.borrow_mut().busy = false;
    }

    /// The code typed, if it is six digits; else says so.
    fn typed_code(self: &P) -> Option<String> {
        let typed = self.state.borrow().code.clone();
        match contract::validate::normalize_code(&typed, contract::validate::CODE_LENGTH) {
            Ok(code) => Some(code.as_str().to_string()),
            Err(_) => {
                self.fail(Failure::Problem {
                    code: "invalid_code_format".into(),
                    attempts_left: None,
                    retry_after_s: None,
                });
                None
            }
        }
    }

    fn send_to_address(self: &P) {
        let address = self.state.borrow().address.trim().to_string();
        self.busy();
        let page = self.clone();
        spawn_local(async move {
            let sent = page.call::<Challenge>("/notices/address-challenges", &[("address", &address)]).await;
            page.done_waiting();
            match sent {
                Ok(sent) => {
                    page.state.borrow_mut().challenge = Some(sent);
                    page.render(false);
                    page.focus("notice-code");
                }
                Err(failure) => page.fail(failure),
            }
        });
    }

    fn verify_address(self: &P) {
        let Some(code) = self.typed_code() else { return };
        let Some(sent) = self.state.borrow().challenge.clone() else { return };
        self.busy();
        let page = self.clone();
        spawn_local(async move {
            let path = format!("/notices/address-challenges/{}/verify", sent.challenge_id.as_str());
            let granted = page.call::<NoticeGrant>(&path, &[("code", &code)]).await;
            page.done_waiting();
            match granted {
                Ok(granted) => {
                    let count = granted.notices.len();
                    {
                        let mut state = page.state.borrow_mut();
                        state.proof = Some(Proof::Grant(granted.grant));
                        state.notices = granted.notices;
                        state.challenge = None;
                    }
                    page.go(if count == 1 { Step::Summary(0) } else { Step::Found });
                }
                Err(failure) => page.fail(failure),
            }
        });
    }

    fn send_to_recipient(self: &P, i: usize) {
        let (Some(notice), Some(Proof::Token(token))) = (self.notice(i), self.state.borrow().proof.clone()) else {
            return;
        };
        self.busy();
        let page = self.clone();
        spawn_local(async move {
            let path = format!("/notices/{}/challenges", notice.notice_id);
            let sent = page.call::<Challenge>(&path, &[("token", &token)]).await;
            page.done_waiting();
            match sent {
                Ok(sent) => {
                    page.state.borrow_mut().challenge = Some(sent);
                    page.render(false);
                    page.focus("notice-code");
                }
                Err(failure) => page.fail(failure),
            }
        });
    }

    /// `action` on notice `i`: with the token and the code typed, or with the grant.
    fn act(self: &P, i: usize, action: NoticeAction) {
        let Some(notice) = self.notice(i) else { return };
        let (proof, challenge) = {
            let state = self.state.borrow();
            (state.proof.clone(), state.challenge.clone())
        };
        let needs_code = action != NoticeAction::Confirm && matches!(proof, Some(Proof::Token(_)));
        let code = match needs_code {
            true => match self.typed_code() {
                Some(code) => Some(code),
                None => return,
            },
            false => None,
        };
        self.busy();
        let page = self.clone();
        spawn_local(async move {
            let mut fields: Vec<(&str, String)> = vec![("action", action.wire().to_string())];
            match &proof {
                Some(Proof::Token(token)) => fields.push(("token", token.clone())),
                Some(Proof::Grant(grant)) => fields.push(("grant", grant.clone())),
                None => {}
            }
            if let (Some(code), Some(challenge)) = (code, challenge) {
                fields.push(("challenge_id", challenge.challenge_id.as_str().to_string()));
                fields.push(("code", code));
            }
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let path = format!("/notices/{}/actions", notice.notice_id);
            let done = page.call::<NoticeOutcome>(&path, &fields).await;
            page.done_waiting();
            match done {
                Ok(done) => {
                    page.state.borrow_mut().outcome = Some(done);
                    page.go(Step::Done(i));
                }
                Err(failure) => page.fail(failure),
            }
        });
    }

    /// Focus to the element `id`, once written.
    fn focus(&self, id: &str) {
        if let Some(element) = self.doc.get_element_by_id(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
        }
    }
}
