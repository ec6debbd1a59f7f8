//! The request bodies of the contract, written as JSON by the browser.

use wasm_bindgen::JsValue;

/// Every request body of the contract: absent fields are left out.
#[derive(Default)]
pub(super) struct Body<'a> {
    pub method: Option<&'a str>,
    pub password: Option<&'a str>,
    pub code: Option<&'a str>,
    pub value: Option<&'a str>,
    pub challenge_id: Option<&'a str>,
    pub copy_from_recovery: Option<bool>,
}

impl Body<'_> {
    /// The body as JSON text, written by the browser.
    pub fn to_json(&self) -> String {
        let object = js_sys::Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), &value);
        };
        for (name, text) in [
            ("method", self.method),
            ("password", self.password),
            ("code", self.code),
            ("value", self.value),
            ("challenge_id", self.challenge_id),
        ] {
            if let Some(text) = text {
                set(name, JsValue::from_str(text));
            }
        }
        if let Some(copy) = self.copy_from_recovery {
            set("copy_from_recovery", JsValue::from_bool(copy));
        }
        js_sys::JSON::stringify(&object).map(String::from).unwrap_or_default()
    }
}
