//! JSON text to typed data. In the browser the text goes through the browser's own
//! `JSON.parse` and serde-wasm-bindgen into serde's derives; natively (dev-api, tests) through
//! serde_json. Fields the app does not know are ignored, whatever they hold.

use serde::de::DeserializeOwned;

/// Why a text could not be read as the wanted type.
pub type JsonError = String;

#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|_| JsonError::from("not valid JSON"))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::from_str;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Known {
        id: String,
        count: u32,
    }

    #[test]
    fn ignores_what_it_does_not_know() {
        let known: Known =
            from_str(r#"{"id":"a","share":0.25,"big":1e300,"nested":{"x":[1,-2.5,null]},"count":3}"#).unwrap();
        assert_eq!(known, Known { id: "a".into(), count: 3 });
    }

    #[test]
    fn refuses_wrong_shapes_and_bad_text() {
        assert!(from_str::<Known>(r#"{"id":"a","count":1.5}"#).is_err());
        assert!(from_str::<Known>(r#"{"id":"a"}"#).is_err());
        assert!(from_str::<Known>(r#"{"id":"a","count":3"#).is_err());
    }
}
