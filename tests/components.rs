//! Component tests in headless Chromium: the app mounted the way a shell mounts it, and
//! pieces rendered on their own.
#![cfg(target_arch = "wasm32")]

use account_console::api::Api;
use account_console::components::layout::VerifiedBadge;
use account_console::config::Config;
use account_console::context::{provide_app, AppContext};
use account_console::i18n::Locale;
use account_console::mount;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

async fn next_tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
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

fn context(locale: Locale, element: &web_sys::HtmlElement) -> AppContext {
    let config = Config::default();
    AppContext {
        api: Api::new(&config),
        config,
        locale,
        host: send_wrapper::SendWrapper::new(element.clone()),
    }
}

#[wasm_bindgen_test]
async fn badge_says_verified_or_unverified_in_the_app_language() {
    let element = host();
    let ctx = context(Locale::ZhCn, &element);
    let handle = leptos::mount::mount_to(element.clone(), move || {
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
    let config = js_sys::JSON::parse(r#"{"locale":"en","basePath":"/","apiBase":"/no-backend-here"}"#).unwrap();
    let mut handle = mount(element.clone(), config).expect("a valid config mounts");
    wait_until("the load error", || text(&element).contains("Your account could not be loaded.")).await
        .unwrap_or_else(|| panic!("no load error; the page says {:?}", text(&element)));
    let retry = element.query_selector("button").unwrap().expect("a retry button");
    assert_eq!(retry.text_content().unwrap(), "Try again");
    assert!(element.query_selector("[role=alert]").unwrap().is_some(), "the error is announced");
    assert!(element.query_selector("nav[aria-label='Account pages']").unwrap().is_some());
    handle.unmount();
    assert!(element.query_selector(".ac-root").unwrap().is_none(), "unmount removes the app");
}

#[wasm_bindgen_test]
fn mount_rejects_a_bad_config_with_a_reason() {
    let element = host();
    let config = js_sys::JSON::parse(r#"{"basePath":"developer"}"#).unwrap();
    let error = mount(element.clone(), config).err().expect("a relative base path is refused");
    let message = js_sys::Error::from(error).message().as_string().unwrap();
    assert!(message.contains("basePath must start with /"), "{message}");
    assert_eq!(text(&element), "");
}
