//! The page itself: plain elements written for each step, one state, requests by `fetch`.
//! Handlers never write the page while they run: a change of step is written on the next
//! turn, so that the handler's own element is not taken away under it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Element, HtmlElement};

use contract::{AccountField, Challenge, NoticeAction, NoticeGrant, NoticeInfo, NoticeOutcome, Wire};

use crate::texts::{text, Lang, T};

mod request;
mod steps;
mod words;

use request::Failure;

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
    /// The reference typed on the SMS path, if any: its notice opens first.
    reference: String,
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
                reference: String::new(),
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

    fn notice(&self, i: usize) -> Option<NoticeInfo> {
        self.state.borrow().notices.get(i).cloned()
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
            page.code_sent(sent);
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
                    let typed = page.state.borrow().reference.trim().to_ascii_uppercase();
                    // The notice whose reference was typed opens first; else the one there is,
                    // else the list.
                    let named = granted.notices.iter().position(|n| !typed.is_empty() && n.reference == typed);
                    {
                        let mut state = page.state.borrow_mut();
                        state.proof = Some(Proof::Grant(granted.grant));
                        state.notices = granted.notices;
                        state.challenge = None;
                    }
                    page.go(match (named, count) {
                        (Some(i), _) => Step::Summary(i),
                        (None, 1) => Step::Summary(0),
                        (None, _) => Step::Found,
                    });
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
            page.code_sent(sent);
        });
    }

    /// A code on its way (its field shows, focused), or why not.
    fn code_sent(self: &P, sent: Result<Challenge, Failure>) {
        self.done_waiting();
        match sent {
            Ok(sent) => {
                self.state.borrow_mut().challenge = Some(sent);
                self.render(false);
                self.focus("notice-code");
            }
            Err(failure) => self.fail(failure),
        }
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
