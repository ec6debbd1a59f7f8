//! Component tests in headless Chromium: the app mounted the way a shell mounts it, and
//! pieces rendered on their own.
#![cfg(target_arch = "wasm32")]

use account_console::components::layout::VerifiedBadge;
use account_console::config::Config;
use account_console::context::{provide_app, AppContext};
use account_console::i18n::Locale;
use account_console::mount;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An element of the page for one test to mount into, removed from the page when the test
/// lets go of it: no test sees what another mounted.
struct Host(web_sys::HtmlElement);

impl Drop for Host {
    fn drop(&mut self) {
        self.0.remove();
    }
}

impl std::ops::Deref for Host {
    type Target = web_sys::HtmlElement;

    fn deref(&self) -> &web_sys::HtmlElement {
        &self.0
    }
}

fn host() -> Host {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    Host(element)
}

async fn next_tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `condition` holds, polling, for at most five seconds; `None` on time-out.
async fn wait_until(_what: &str, condition: impl Fn() -> bool) -> Option<()> {
    for _ in 0..250 {
        if condition() {
            return Some(());
        }
        next_tick(20).await;
    }
    None
}

fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

/// The catalogue of `locale` given, as a shell gives it to `mount` (`i18n/<tag>.json`).
fn give_catalogue(locale: Locale) {
    let json = match locale {
        Locale::En => return,
        Locale::ZhCn => include_str!("../i18n/zh-CN.json"),
        Locale::ZhHant => include_str!("../i18n/zh-Hant.json"),
    };
    assert!(account_console::i18n::catalogue::give(locale, &js_sys::JSON::parse(json).unwrap()));
}

fn context(locale: Locale, element: &web_sys::HtmlElement) -> AppContext {
    give_catalogue(locale);
    AppContext::new(Config::default(), locale, element.clone(), "ac-".into(), &[])
}

#[wasm_bindgen_test]
async fn badge_says_verified_or_unverified_in_the_app_language() {
    let element = host();
    let ctx = context(Locale::ZhCn, &element);
    let handle = leptos::mount::mount_to((*element).clone(), move || {
        provide_app(ctx);
        view! { <VerifiedBadge verified=false/> <VerifiedBadge verified=true/> }
    });
    next_tick(0).await;
    assert_eq!(text(&element), "未验证已验证");
    let icons = element.query_selector_all("svg[aria-hidden='true']").unwrap().length();
    assert_eq!(icons, 2, "badge icons are hidden from assistive technology");
    drop(handle);
    assert_eq!(text(&element), "", "unmounting removes the DOM");
}

#[wasm_bindgen_test]
async fn mount_shows_loading_then_a_retryable_error_without_a_backend() {
    let element = host();
    // The shell's request for the account answers when the test says: until then the app
    // is loading.
    let mut answer = None;
    let pending = js_sys::Promise::new(&mut |resolve, _| answer = Some(resolve));
    let config = js_sys::JSON::parse(r#"{"locale":"en","basePath":"/","apiBase":"/no-backend-here"}"#).unwrap();
    js_sys::Reflect::set(&config, &"accountResponse".into(), &pending).unwrap();
    let mut handle = mount((*element).clone(), config).expect("a valid config mounts");
    let loading = || {
        let said = element.query_selector_all("[role=status]").unwrap();
        (0..said.length()).any(|i| said.item(i).and_then(|s| s.text_content()).is_some_and(|t| t.contains("Loading")))
    };
    wait_until("loading", loading).await.unwrap_or_else(|| panic!("not loading; the page says {:?}", text(&element)));
    assert!(element.query_selector("[role=alert]").unwrap().is_none(), "no error while loading");
    let init = web_sys::ResponseInit::new();
    init.set_status(503);
    let body = r#"{"type":"about:blank","title":"Unavailable","status":503,"code":"internal_error"}"#;
    let unavailable = web_sys::Response::new_with_opt_str_and_init(Some(body), &init).unwrap();
    answer.expect("the promise's resolver").call1(&JsValue::NULL, &unavailable).unwrap();
    wait_until("the load error", || text(&element).contains("Your account could not be loaded."))
        .await
        .unwrap_or_else(|| panic!("no load error; the page says {:?}", text(&element)));
    let retry = element.query_selector("button").unwrap().expect("a retry button");
    assert_eq!(retry.text_content().unwrap(), "Try again");
    assert!(element.query_selector("[role=alert]").unwrap().is_some(), "the error is announced");
    assert!(element.query_selector("nav[aria-label='Account pages']").unwrap().is_some());
    handle.unmount();
    assert!(element.query_selector(".ac-root").unwrap().is_none(), "unmount removes the app");
}

/// The browser's Unicode (NFC, general categories, the URL parser's IDNA) gives every address
/// the canonical form dev-api's crates give it natively.
#[wasm_bindgen_test]
fn the_browser_writes_an_email_in_the_canonical_form_dev_api_does() {
    use contract::validate::{normalize_email, EMAIL_CANONICAL_FORMS};
    for (input, expected) in EMAIL_CANONICAL_FORMS {
        assert_eq!(normalize_email(input).as_deref().map_err(|e| *e), *expected, "{input:?}");
    }
}

/// What the app reads from the API goes through the browser's `JSON.parse` and each type's
/// own reading: fields of any type it does not know are ignored, integers of any size JSON
/// holds exactly stay exact, and a wrong shape is an error that names the field and what
/// was expected.
#[wasm_bindgen_test]
fn the_browser_reads_answers_tolerantly_and_refuses_wrong_shapes() {
    use contract::json::from_str;
    use contract::{Account, AccountEvent, Challenge, IdentityMethod, Known};
    let account: Account = from_str(
        r#"{"account_id":"100041000001","display_name":"Developer 1","account_type":"individual",
        "identity_verification":"verified","registered_at":"2025-10-23T05:00:00Z","login_email":null,
        "contact_mobile":{"masked":"+86 139****0001","verified":true,"matches_recovery":false,"since":1.5e300},
        "recovery_mobile":{"masked":"+86 138****0001","extra":[1,{"a":null},"x"]},"recovery_email":null,
        "identity_methods":["passkey","sms"],"tier":{"name":"gold","level":3},"beta":true,"ratio":0.25}"#,
    )
    .unwrap();
    assert_eq!(account.display_name, "Developer 1");
    assert!(account.contact_email.is_none(), "a field left out is none");
    assert_eq!(account.contact_mobile.as_ref().map(|c| c.verified), Some(true));
    assert_eq!(account.identity_methods, vec![Known::Other, Known::Is(IdentityMethod::Sms)]);
    assert!(account.notices.is_empty(), "a defaulted list");

    let event: AccountEvent = from_str(
        r#"{"id":9007199254740991,"at":"2026-01-01T00:00:00Z","field":"contact_email","action":"verified",
        "old_masked":null,"new_masked":"a***@example.com"}"#,
    )
    .unwrap();
    assert_eq!(event.id, 9_007_199_254_740_991);
    let challenge: Challenge = from_str(
        r#"{"challenge_id":"c1","masked_target":"+86 138****0001","expires_at":"2026-01-01T00:05:00Z",
        "resend_at":"2026-01-01T00:01:00Z"}"#,
    )
    .unwrap();
    assert_eq!(challenge.code_length, 6, "the default when the backend does not say");

    let wrong = from_str::<Challenge>(r#"{"challenge_id":7,"masked_target":"x","expires_at":"x","resend_at":"x"}"#);
    assert_eq!(wrong.err().as_deref(), Some("challenge_id: expected a string"));
    let missing = from_str::<Challenge>(r#"{"masked_target":"x","expires_at":"x","resend_at":"x"}"#);
    assert_eq!(missing.err().as_deref(), Some("missing field `challenge_id`"));
    let fraction = from_str::<AccountEvent>(r#"{"id":1.5,"at":"x","field":"x","action":"x"}"#);
    assert!(fraction.is_err(), "an id is an integer");
    assert_eq!(from_str::<Challenge>("{").err().as_deref(), Some("not valid JSON"));
}

#[wasm_bindgen_test]
fn mount_rejects_a_bad_config_with_a_reason() {
    let element = host();
    let config = js_sys::JSON::parse(r#"{"basePath":"developer"}"#).unwrap();
    let error = mount((*element).clone(), config).err().expect("a relative base path is refused");
    let message = js_sys::Error::from(error).message().as_string().unwrap();
    assert!(message.contains("basePath must start with /"), "{message}");
    assert_eq!(text(&element), "");
    for (config, reason) in [
        (r#"{"basepath":"/x"}"#, "unknown field `basepath`"),
        (r#"{"requestTimeoutMs":"soon"}"#, "requestTimeoutMs: expected a whole number"),
        (r#"{"locale":["en"]}"#, "locale: expected a string"),
        (r#"{"routing":"no"}"#, "routing: expected true or false"),
    ] {
        let error = mount((*element).clone(), js_sys::JSON::parse(config).unwrap()).err().expect(config);
        let message = js_sys::Error::from(error).message().as_string().unwrap();
        assert!(message.contains(reason), "{config}: {message}");
    }
}

mod pieces {
    use super::*;
    use account_console::components::code_step::{CodeController, CodeStep};
    use account_console::components::dialog::{Modal, Opener};
    use account_console::components::fields::{CodeField, ValueField, ValueInput};
    use account_console::context::{provide_account, provide_verification, use_verification};
    use account_console::flows::code::SentCode;
    use account_console::flows::FlowKey;
    use contract::regions::region_by_iso;
    use contract::{Challenge, IdentityMethod, Medium};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    /// The input the label `name` names in `within`, as a screen reader finds it.
    fn labelled(within: &web_sys::Element, name: &str) -> web_sys::HtmlInputElement {
        let labels = within.query_selector_all("label").unwrap();
        let label = (0..labels.length())
            .filter_map(|i| labels.item(i))
            .find(|l| l.text_content().as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no label {name:?}"));
        let id = label.unchecked_ref::<web_sys::Element>().get_attribute("for").expect("a label for an input");
        document().get_element_by_id(&id).expect("the labelled input").unchecked_into()
    }

    fn type_into(field: &web_sys::HtmlInputElement, value: &str) {
        field.set_value(value);
        field.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }

    /// The text of the elements `field` is described by (`aria-describedby`).
    fn description(field: &web_sys::HtmlInputElement) -> String {
        let ids = field.get_attribute("aria-describedby").unwrap_or_default();
        ids.split_whitespace()
            .map(|id| document().get_element_by_id(id).and_then(|e| e.text_content()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Mounts `f` with the contexts every piece expects.
    fn mount_piece<V: IntoView + 'static>(locale: Locale, f: impl FnOnce() -> V + 'static) -> (Host, impl Drop) {
        let element = host();
        let ctx = context(locale, &element);
        let handle = leptos::mount::mount_to((*element).clone(), move || {
            provide_app(ctx);
            provide_account(None);
            provide_verification();
            f()
        });
        (element, handle)
    }

    #[wasm_bindgen_test]
    async fn a_modal_opens_modally_takes_focus_and_returns_it_on_escape() {
        let closed = RwSignal::new(false);
        let opener = Opener::button();
        let (_element, handle) = mount_piece(Locale::En, move || {
            view! {
                <button id="the-opener" node_ref=opener.button_ref()>"Edit"</button>
                {move || (!closed.get()).then(|| view! {
                    <Modal title="Edit".to_string() on_close=Callback::new(move |_| closed.set(true)) opener=opener>
                        <input id="first-field"/>
                    </Modal>
                })}
            }
        });
        wait_until("the dialog to open", || document().query_selector("dialog[open]").unwrap().is_some())
            .await
            .expect("open");
        let dialog: web_sys::HtmlDialogElement = document().query_selector("dialog").unwrap().unwrap().unchecked_into();
        assert!(dialog.matches(":modal").unwrap(), "shown with showModal()");
        wait_until("focus in the first field", || {
            document().active_element().map(|e| e.id()) == Some("first-field".into())
        })
        .await
        .expect("focus moves into the dialog");
        // Esc makes the browser fire `cancel` on a modal dialog.
        dialog.dispatch_event(&web_sys::Event::new("cancel").unwrap()).unwrap();
        wait_until("the dialog to close", || closed.get_untracked()).await.expect("Esc closes");
        wait_until("focus back on the opener", || {
            document().active_element().map(|e| e.id()) == Some("the-opener".into())
        })
        .await
        .expect("focus returns to the opener");
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn a_code_field_strips_spaces_and_submits_a_complete_code_once() {
        let submitted = Arc::new(AtomicUsize::new(0));
        let count = submitted.clone();
        let value = RwSignal::new(String::new());
        let (element, handle) = mount_piece(Locale::En, move || {
            view! {
                <CodeField
                    value=value
                    error=Signal::derive(|| None)
                    on_complete=Callback::new(move |code: String| {
                        assert_eq!(code, "482913");
                        count.fetch_add(1, Ordering::SeqCst);
                    })
                    disabled=Signal::derive(|| false)
                    length=6
                />
            }
        });
        next_tick(0).await;
        let field = labelled(&element, "Verification code");
        assert_eq!(field.get_attribute("autocomplete").as_deref(), Some("one-time-code"));
        assert_eq!(field.get_attribute("inputmode").as_deref(), Some("numeric"));
        type_into(&field, "482");
        assert_eq!(submitted.load(Ordering::SeqCst), 0, "an incomplete code is not submitted");
        type_into(&field, "482 913");
        next_tick(0).await;
        assert_eq!(value.get_untracked(), "482913");
        assert_eq!(submitted.load(Ordering::SeqCst), 1);
        type_into(&field, "482-913");
        assert_eq!(submitted.load(Ordering::SeqCst), 1, "the same code is submitted once");
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn a_code_field_that_commits_waits_for_ok() {
        let value = RwSignal::new(String::new());
        let (element, handle) = mount_piece(Locale::En, move || {
            view! { <CodeField value=value error=Signal::derive(|| None) disabled=Signal::derive(|| false) length=6/> }
        });
        next_tick(0).await;
        let field = labelled(&element, "Verification code");
        type_into(&field, "482913");
        next_tick(0).await;
        assert_eq!(value.get_untracked(), "482913", "the code stays in the field");
        assert_eq!(description(&field).trim(), "6 digits, then select OK");
        drop(handle);
    }

    /// Two code fields of one dialog (identity, then the new value's code) each label and
    /// describe their own input: no id is shared.
    #[wasm_bindgen_test]
    async fn two_fields_of_one_kind_never_share_an_id() {
        let (first, second) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
        let (element, handle) = mount_piece(Locale::En, move || {
            let field = |value: RwSignal<String>, error: &'static str| {
                view! {
                    <div class="piece">
                        <CodeField value=value error=Signal::derive(move || Some(error.to_string())) disabled=Signal::derive(|| false) length=6/>
                    </div>
                }
            };
            view! { {field(first, "first error")} {field(second, "second error")} }
        });
        next_tick(0).await;
        let pieces = element.query_selector_all(".piece").unwrap();
        let piece = |i: u32| pieces.item(i).unwrap().unchecked_into::<web_sys::Element>();
        let (one, two) = (labelled(&piece(0), "Verification code"), labelled(&piece(1), "Verification code"));
        assert_ne!(one.id(), two.id());
        assert!(piece(0).contains(Some(&one)) && piece(1).contains(Some(&two)), "each label names its own input");
        assert!(description(&one).contains("first error") && !description(&one).contains("second error"));
        assert!(description(&two).contains("second error") && !description(&two).contains("first error"));
        let ids = element.query_selector_all("[id]").unwrap();
        let mut seen: Vec<String> =
            (0..ids.length()).map(|i| ids.item(i).unwrap().unchecked_into::<web_sys::Element>().id()).collect();
        let all = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), all, "every id once");
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn pasting_an_international_number_switches_the_region() {
        let phone = ValueInput::new(Medium::Phone, Locale::En, None, region_by_iso("CN").unwrap());
        let edits = Arc::new(AtomicUsize::new(0));
        let count = edits.clone();
        phone.on_edit(Callback::new(move |_| {
            count.fetch_add(1, Ordering::SeqCst);
        }));
        let (element, handle) = mount_piece(Locale::En, move || view! { <ValueField input=phone/> });
        next_tick(0).await;
        let (region, number) =
            (labelled(&element, "Country/region calling code"), labelled(&element, "New mobile number"));
        assert_eq!(region.value(), "China mainland +86");
        type_into(&number, "+44 7700 900123");
        next_tick(0).await;
        assert_eq!(region.value(), "United Kingdom +44");
        assert_eq!(number.value(), "7700 900123");
        assert_eq!(phone.validate(), Ok("+447700900123".into()));
        assert_eq!(phone.draft(), "GB 7700 900123", "what a code sent to it belongs to");
        assert!(edits.load(Ordering::SeqCst) >= 1, "the dialog hears of each edit");
        type_into(&region, "HK");
        region.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
        next_tick(0).await;
        assert_eq!(region.value(), "Hong Kong (China) +852", "leaving the field chooses the best match");
        assert_eq!(phone.draft(), "HK 7700 900123");
        type_into(&number, "123");
        assert!(phone.validate().is_err());
        next_tick(0).await;
        assert_eq!(number.get_attribute("aria-invalid").as_deref(), Some("true"));
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn the_resend_countdown_comes_from_the_server_and_survives_a_remount() {
        let resend_at = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + 42_000.0)).to_iso_string();
        let expires_at = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + 552_000.0)).to_iso_string();
        let challenge = Challenge {
            challenge_id: "c1".into(),
            masked_target: "+86 138****0001".into(),
            expires_at: expires_at.into(),
            resend_at: resend_at.into(),
            code_length: 6,
        };
        let shown = RwSignal::new(true);
        let (element, handle) = mount_piece(Locale::En, move || {
            let key = FlowKey::Identity(IdentityMethod::Sms);
            use_verification().set_sent(&key, Some(SentCode::Live(challenge)));
            move || {
                shown.get().then(|| {
                    let controller = CodeController::new(key.clone(), Callback::new(|_| ()), None);
                    view! {
                        <CodeStep
                            controller=controller
                            target="+86 138****0001".to_string()
                            send=Callback::new(|_| ())
                            verify=Callback::new(|_: String| ())
                        />
                    }
                })
            }
        });
        next_tick(0).await;
        let text = element.text_content().unwrap();
        assert!(text.contains("A verification code was sent to +86 138****0001."), "{text}");
        assert!(text.contains("Resend in 42 s"), "{text}");
        assert!(text.contains("Code expires in 9:12"), "{text}");
        shown.set(false);
        next_tick(0).await;
        assert!(!element.text_content().unwrap().contains("Resend in"));
        shown.set(true);
        next_tick(0).await;
        let text = element.text_content().unwrap();
        assert!(text.contains("Resend in 4"), "the countdown resumes: {text}");
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn a_code_that_arrives_between_two_ticks_counts_down_from_now() {
        let controller = StoredValue::new_local(None::<CodeController>);
        let (element, handle) = mount_piece(Locale::En, move || {
            let step = CodeController::new(FlowKey::Identity(IdentityMethod::Sms), Callback::new(|_| ()), None);
            controller.set_value(Some(step));
            view! {
                <CodeStep
                    controller=step
                    target="+86 138****0001".to_string()
                    send=Callback::new(|_| ())
                    verify=Callback::new(|_: String| ())
                />
            }
        });
        // Some time after the step was shown (and its clock last read), the server sends a
        // code with a 60 s wait and a 10 min life.
        next_tick(20).await;
        let at = |ms: f64| js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + ms)).to_iso_string().into();
        let challenge = Challenge {
            challenge_id: "c1".into(),
            masked_target: "+86 138****0001".into(),
            expires_at: at(600_000.0),
            resend_at: at(60_000.0),
            code_length: 6,
        };
        controller.get_value().unwrap().send(async move { Ok(challenge) });
        next_tick(0).await;
        let text = element.text_content().unwrap();
        assert!(text.contains("Resend in 60 s"), "never a second more than the server said: {text}");
        assert!(text.contains("Code expires in 10:00"), "{text}");
        drop(handle);
    }

    #[wasm_bindgen_test]
    async fn an_email_field_explains_what_is_wrong_on_blur_in_the_app_language() {
        let email = ValueInput::new(Medium::Email, Locale::ZhCn, None, region_by_iso("CN").unwrap());
        let (element, handle) = mount_piece(Locale::ZhCn, move || view! { <ValueField input=email/> });
        next_tick(0).await;
        let field = labelled(&element, "新邮箱地址");
        type_into(&field, "a");
        next_tick(0).await;
        assert_eq!(
            field.get_attribute("aria-invalid").as_deref(),
            Some("false"),
            "no error while typing the first character"
        );
        type_into(&field, "name@example");
        field.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
        next_tick(0).await;
        assert!(description(&field).contains("@ 后面的部分不是有效域名"), "{}", element.text_content().unwrap());
        assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
        type_into(&field, "name@example.com");
        next_tick(0).await;
        assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("false"), "the error follows the fix");
        assert_eq!(email.validate(), Ok("name@example.com".into()));
        drop(handle);
    }
}
