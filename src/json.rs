//! JSON text to typed data. In the browser the text goes through the browser's own
//! `JSON.parse`, and serde's derives read the parsed value through [`js::Value`]; natively
//! (dev-api, tests) through serde_json. Fields the app does not know are ignored, whatever
//! they hold.

use serde::de::DeserializeOwned;

/// Why a text could not be read as the wanted type.
pub type JsonError = String;

#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|_| JsonError::from("not valid JSON"))?;
    T::deserialize(js::Value(value)).map_err(|e| e.0)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// A serde deserializer over what `JSON.parse` returns. Its errors name the field or the
/// expected type but never format the value found, which keeps float formatting (and the
/// rest of serde's `Unexpected` text) out of the download.
#[cfg(target_arch = "wasm32")]
mod js {
    use std::fmt::Display;

    use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};
    use wasm_bindgen::{JsCast, JsValue};

    pub struct Value(pub JsValue);

    #[derive(Debug)]
    pub struct Error(pub String);

    impl Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    impl de::Error for Error {
        fn custom<T: Display>(_: T) -> Self {
            Error("the data does not have the expected shape".into())
        }
        fn invalid_type(_: Unexpected, expected: &dyn Expected) -> Self {
            Error(format!("expected {expected}"))
        }
        fn invalid_value(_: Unexpected, expected: &dyn Expected) -> Self {
            Error(format!("expected {expected}"))
        }
        fn invalid_length(_: usize, expected: &dyn Expected) -> Self {
            Error(format!("expected {expected}"))
        }
        fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Self {
            Error(format!("unknown variant `{variant}`"))
        }
        fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
            Error(format!("unknown field `{field}`"))
        }
        fn missing_field(field: &'static str) -> Self {
            Error(format!("missing field `{field}`"))
        }
        fn duplicate_field(field: &'static str) -> Self {
            Error(format!("duplicate field `{field}`"))
        }
    }

    /// Integers up to 2^53 (all that JSON numbers hold exactly) are given as integers, so
    /// that integer fields take them; anything else is a float.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    impl<'de> de::Deserializer<'de> for Value {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = self.0;
            if value.is_null() || value.is_undefined() {
                visitor.visit_unit()
            } else if let Some(b) = value.as_bool() {
                visitor.visit_bool(b)
            } else if let Some(n) = value.as_f64() {
                match n.fract() == 0.0 && n.abs() <= EXACT {
                    true if n >= 0.0 => visitor.visit_u64(n as u64),
                    true => visitor.visit_i64(n as i64),
                    false => visitor.visit_f64(n),
                }
            } else if let Some(s) = value.as_string() {
                visitor.visit_string(s)
            } else if js_sys::Array::is_array(&value) {
                let items = value.unchecked_into::<js_sys::Array>();
                visitor.visit_seq(Seq { items: items.into_iter() })
            } else {
                let entries = js_sys::Object::entries(value.unchecked_ref());
                visitor.visit_map(Map { entries: entries.into_iter(), value: None })
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.0.is_null() || self.0.is_undefined() {
                true => visitor.visit_none(),
                false => visitor.visit_some(self),
            }
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_newtype_struct(self)
        }

        /// Unit variants, written as strings.
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            match self.0.as_string() {
                Some(name) => visitor.visit_enum(name.into_deserializer()),
                None => Err(de::Error::invalid_type(Unexpected::Other("non-string"), &"a string")),
            }
        }

        /// What the app does not read is not looked into.
        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_unit()
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct seq tuple tuple_struct map struct identifier
        }
    }

    struct Seq {
        items: js_sys::ArrayIntoIter,
    }

    impl<'de> SeqAccess<'de> for Seq {
        type Error = Error;

        fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
            self.items.next().map(|item| seed.deserialize(Value(item))).transpose()
        }
    }

    struct Map {
        entries: js_sys::ArrayIntoIter,
        value: Option<JsValue>,
    }

    impl<'de> MapAccess<'de> for Map {
        type Error = Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
            let Some(entry) = self.entries.next() else { return Ok(None) };
            let entry = entry.unchecked_into::<js_sys::Array>();
            self.value = Some(entry.get(1));
            let key = entry.get(0).as_string().unwrap_or_default();
            seed.deserialize(key.into_deserializer()).map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
            seed.deserialize(Value(self.value.take().unwrap_or(JsValue::UNDEFINED)))
        }
    }
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
