//! JSON text to typed data. In the browser the text goes through the browser's own
//! `JSON.parse`; natively (dev-api, tests) through serde_json. Each type the app reads says
//! which fields it takes ([`FromJson`]): fields it does not know are never looked at, and an
//! error names the field and what was expected, never the value found.

/// Why a text could not be read as the wanted type.
pub type JsonError = String;

/// A parsed JSON value.
pub struct Json(Inner);

#[cfg(target_arch = "wasm32")]
type Inner = wasm_bindgen::JsValue;
#[cfg(not(target_arch = "wasm32"))]
type Inner = serde_json::Value;

/// A type read from JSON.
pub trait FromJson: Sized {
    fn from_json(json: &Json) -> Result<Self, JsonError>;
}

pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    T::from_json(&Json::parse(text).ok_or_else(|| JsonError::from("not valid JSON"))?)
}

fn expected(what: &str) -> JsonError {
    format!("expected {what}")
}

// The errors are made out of line: each reader is generic, and its error path would be
// copied into every type it reads.
#[inline(never)]
fn missing(name: &str) -> JsonError {
    format!("missing field `{name}`")
}

#[inline(never)]
fn within(name: &str, error: JsonError) -> JsonError {
    format!("{name}: {error}")
}

/// `object`'s own property `name`, if it has one: never one it inherits, so that a script
/// that polluted `Object.prototype` adds nothing to a config or an answer.
#[cfg(target_arch = "wasm32")]
pub fn own_property(object: &wasm_bindgen::JsValue, name: &str) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    if !object.is_object() {
        return None;
    }
    let key = wasm_bindgen::JsValue::from_str(name);
    let descriptor =
        js_sys::Reflect::get_own_property_descriptor(object.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    // A data property's descriptor has its own `value`.
    if descriptor.is_undefined()
        || !js_sys::Object::has_own(descriptor.unchecked_ref::<js_sys::Object>(), &"value".into())
    {
        return None;
    }
    js_sys::Reflect::get(&descriptor, &"value".into()).ok()
}

#[cfg(target_arch = "wasm32")]
impl Json {
    fn parse(text: &str) -> Option<Json> {
        js_sys::JSON::parse(text).ok().map(Json)
    }

    /// The field `name`; `None` when it is absent or null, or when this is not an object.
    fn field(&self, name: &str) -> Option<Json> {
        let value = own_property(&self.0, name)?;
        (!value.is_null() && !value.is_undefined()).then_some(Json(value))
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn items(&self) -> Option<Vec<Json>> {
        use wasm_bindgen::JsCast;
        self.0.dyn_ref::<js_sys::Array>().map(|items| items.iter().map(Json).collect())
    }

    /// The names of an object's fields (none for anything else).
    pub fn keys(&self) -> Vec<String> {
        use wasm_bindgen::JsCast;
        match self.0.is_object() {
            true => js_sys::Object::keys(self.0.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|key| key.as_string())
                .collect(),
            false => Vec::new(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Json {
    fn parse(text: &str) -> Option<Json> {
        serde_json::from_str(text).ok().map(Json)
    }

    /// The field `name`; `None` when it is absent or null, or when this is not an object.
    fn field(&self, name: &str) -> Option<Json> {
        self.0.get(name).filter(|value| !value.is_null()).cloned().map(Json)
    }

    fn string(&self) -> Option<String> {
        self.0.as_str().map(str::to_string)
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn items(&self) -> Option<Vec<Json>> {
        self.0.as_array().map(|items| items.iter().cloned().map(Json).collect())
    }

    /// The names of an object's fields (none for anything else).
    pub fn keys(&self) -> Vec<String> {
        self.0.as_object().map(|object| object.keys().cloned().collect()).unwrap_or_default()
    }
}

impl Json {
    /// A field that must be there (not null).
    pub fn take<T: FromJson>(&self, name: &str) -> Result<T, JsonError> {
        self.maybe(name)?.ok_or_else(|| missing(name))
    }

    /// A field that may be absent or null.
    pub fn maybe<T: FromJson>(&self, name: &str) -> Result<Option<T>, JsonError> {
        match self.field(name) {
            Some(value) => T::from_json(&value).map(Some).map_err(|e| within(name, e)),
            None => Ok(None),
        }
    }

    /// A field that names a value of `T` on the wire: one this version does not know is
    /// `Known::Other`.
    pub fn known<T: crate::Wire>(&self, name: &str) -> Result<crate::Known<T>, JsonError> {
        Ok(crate::Known::decode(&self.take::<String>(name)?))
    }

    /// A list of wire names of `T`; absent or null is an empty one.
    pub fn known_list<T: crate::Wire>(&self, name: &str) -> Result<Vec<crate::Known<T>>, JsonError> {
        Ok(self.list::<String>(name)?.iter().map(|text| crate::Known::decode(text)).collect())
    }

    /// A list; absent or null is an empty one.
    pub fn list<T: FromJson>(&self, name: &str) -> Result<Vec<T>, JsonError> {
        let Some(value) = self.field(name) else { return Ok(Vec::new()) };
        let items = value.items().ok_or_else(|| within(name, expected("a list")))?;
        let mut list = Vec::with_capacity(items.len());
        for item in &items {
            list.push(T::from_json(item).map_err(|e| within(name, e))?);
        }
        Ok(list)
    }
}

impl FromJson for String {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        json.string().ok_or_else(|| expected("a string"))
    }
}

impl FromJson for bool {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        json.boolean().ok_or_else(|| expected("true or false"))
    }
}

/// A whole number from 0 to 2⁵³ − 1, the integers a JSON number holds exactly.
impl FromJson for u64 {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        json.number()
            .filter(|n| n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(n))
            .map(|n| n as u64)
            .ok_or_else(|| expected("a whole number"))
    }
}

impl FromJson for u32 {
    fn from_json(json: &Json) -> Result<Self, JsonError> {
        u32::try_from(u64::from_json(json)?).map_err(|_| expected("a whole number below 2^32"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Known {
        id: String,
        count: u32,
        tags: Vec<String>,
    }

    impl FromJson for Known {
        fn from_json(json: &Json) -> Result<Self, JsonError> {
            Ok(Known { id: json.take("id")?, count: json.take("count")?, tags: json.list("tags")? })
        }
    }

    #[test]
    fn ignores_what_it_does_not_know() {
        let known: Known =
            from_str(r#"{"id":"a","share":0.25,"big":1e300,"nested":{"x":[1,-2.5,null]},"count":3}"#).unwrap();
        assert_eq!(known, Known { id: "a".into(), count: 3, tags: Vec::new() });
        let tagged: Known = from_str(r#"{"id":"a","count":0,"tags":["x","y"]}"#).unwrap();
        assert_eq!(tagged.tags, ["x", "y"]);
    }

    #[test]
    fn refuses_wrong_shapes_and_bad_text_naming_the_field() {
        assert_eq!(
            from_str::<Known>(r#"{"id":"a","count":1.5}"#).err().as_deref(),
            Some("count: expected a whole number")
        );
        assert_eq!(
            from_str::<Known>(r#"{"id":"a","count":-1}"#).err().as_deref(),
            Some("count: expected a whole number")
        );
        assert_eq!(from_str::<Known>(r#"{"id":"a"}"#).err().as_deref(), Some("missing field `count`"));
        assert_eq!(from_str::<Known>(r#"{"id":null,"count":1}"#).err().as_deref(), Some("missing field `id`"));
        assert_eq!(from_str::<Known>(r#"{"id":7,"count":1}"#).err().as_deref(), Some("id: expected a string"));
        assert_eq!(
            from_str::<Known>(r#"{"id":"a","count":1,"tags":"x"}"#).err().as_deref(),
            Some("tags: expected a list")
        );
        assert_eq!(
            from_str::<Known>(r#"{"id":"a","count":1,"tags":[1]}"#).err().as_deref(),
            Some("tags: expected a string")
        );
        assert_eq!(from_str::<Known>(r#"{"id":"a","count":3"#).err().as_deref(), Some("not valid JSON"));
        assert_eq!(
            from_str::<Known>(r#"{"id":"a","count":4294967296}"#).err().as_deref(),
            Some("count: expected a whole number below 2^32")
        );
    }
}
