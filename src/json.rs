//! A small JSON reader and writer for the app's own DTOs. It feeds serde's derives like
//! serde_json would, without number formatting and error-message machinery the app never
//! shows: in the browser build that is tens of kilobytes.
//!
//! Numbers are integers only (the contract has no fractions); a fraction is an error.

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// An integer, kept as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text could not be read as the wanted type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    Syntax,
    UnknownField(String),
    MissingField(&'static str),
    /// Valid JSON of the wrong shape.
    Shape,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Syntax => f.write_str("not valid JSON"),
            JsonError::UnknownField(name) => write!(f, "unknown field `{name}`"),
            JsonError::MissingField(name) => write!(f, "missing field `{name}`"),
            JsonError::Shape => f.write_str("unexpected JSON value"),
        }
    }
}

impl std::error::Error for JsonError {}

// Every error constructor is overridden so no message is ever formatted.
impl de::Error for JsonError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        JsonError::Shape
    }
    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        JsonError::Shape
    }
    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        JsonError::Shape
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        JsonError::Shape
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        JsonError::Shape
    }
    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        JsonError::UnknownField(field.to_string())
    }
    fn missing_field(field: &'static str) -> Self {
        JsonError::MissingField(field)
    }
    fn duplicate_field(_: &'static str) -> Self {
        JsonError::Shape
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn skip_space(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Result<(), JsonError> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(JsonError::Syntax)
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(JsonError::Syntax)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > 64 {
            return Err(JsonError::Syntax);
        }
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(JsonError::Syntax),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                self.skip_space();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.skip_space();
                    let key = self.string()?;
                    self.eat(b':')?;
                    fields.push((key, self.value(depth + 1)?));
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(fields));
                        }
                        _ => return Err(JsonError::Syntax),
                    }
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                self.at += 1;
                while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_digit() {
                    self.at += 1;
                }
                if matches!(self.bytes.get(self.at), Some(b'.' | b'e' | b'E')) {
                    return Err(JsonError::Shape);
                }
                Ok(Json::Number(self.text.get(start..self.at).ok_or(JsonError::Syntax)?.to_string()))
            }
            _ => Err(JsonError::Syntax),
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let hex = self.text.get(self.at..self.at + 4).ok_or(JsonError::Syntax)?;
        self.at += 4;
        u32::from_str_radix(hex, 16).map_err(|_| JsonError::Syntax)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return Err(JsonError::Syntax);
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self.at < self.bytes.len() && !matches!(self.bytes[self.at], b'"' | b'\\') {
                self.at += 1;
            }
            out.push_str(self.text.get(start..self.at).ok_or(JsonError::Syntax)?);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escape = *self.bytes.get(self.at + 1).ok_or(JsonError::Syntax)?;
                    self.at += 2;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&first) && self.bytes[self.at..].starts_with(b"\\u") {
                                self.at += 2;
                                let second = self.hex4()?;
                                0x10000 + ((first - 0xd800) << 10) + (second.wrapping_sub(0xdc00) & 0x3ff)
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(JsonError::Syntax),
                    }
                }
                _ => return Err(JsonError::Syntax),
            }
        }
    }
}

pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut parser = Parser { bytes: text.as_bytes(), text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at != parser.bytes.len() {
        return Err(JsonError::Syntax);
    }
    Ok(value)
}

/// Reads `text` as a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    T::deserialize(parse(text)?)
}

/// `text` as a JSON string literal.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON object of the given fields, each value already JSON.
pub fn object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{}", quote(k), v)).collect();
    format!("{{{}}}", body.join(","))
}

impl<'de> de::Deserializer<'de> for Json {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(b),
            Json::Number(n) => match n.parse::<u64>() {
                Ok(u) => visitor.visit_u64(u),
                Err(_) => visitor.visit_i64(n.parse().map_err(|_| JsonError::Shape)?),
            },
            Json::String(s) => visitor.visit_string(s),
            Json::Array(items) => visitor.visit_seq(de::value::SeqDeserializer::new(items.into_iter())),
            Json::Object(fields) => visitor.visit_map(de::value::MapDeserializer::new(fields.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self {
            Json::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> IntoDeserializer<'de, JsonError> for Json {
    type Deserializer = Json;

    fn into_deserializer(self) -> Json {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u32,
        left: Option<i32>,
        flags: Vec<bool>,
        #[serde(default)]
        missing: Option<String>,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#" { "name" : "a\"b\\c\u00e9\ud83d\ude00\n", "count": 42, "left": -3, "flags": [true, false] } "#;
        let sample: Sample = from_str(text).unwrap();
        assert_eq!(sample.name, "a\"b\\cé😀\n");
        assert_eq!(sample.count, 42);
        assert_eq!(sample.left, Some(-3));
        assert_eq!(sample.flags, vec![true, false]);
        assert_eq!(sample.missing, None);
        let reference: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(reference["name"], sample.name.as_str());
    }

    #[test]
    fn null_is_none_and_unicode_passes_through() {
        let sample: Sample = from_str(r#"{"name":"用户","count":0,"left":null,"flags":[]}"#).unwrap();
        assert_eq!(sample.name, "用户");
        assert_eq!(sample.left, None);
    }

    #[test]
    fn rejects_bad_text_and_wrong_shapes() {
        assert_eq!(parse("{"), Err(JsonError::Syntax));
        assert_eq!(parse("[1,]"), Err(JsonError::Syntax));
        assert_eq!(parse("{} x"), Err(JsonError::Syntax));
        assert_eq!(parse(r#""\x""#), Err(JsonError::Syntax));
        assert_eq!(parse("<html>"), Err(JsonError::Syntax));
        assert_eq!(from_str::<Sample>(r#"{"name":"a","count":1.5,"left":1,"flags":[]}"#), Err(JsonError::Shape));
        assert_eq!(from_str::<Sample>(r#"{"name":"a","count":"1","left":1,"flags":[]}"#), Err(JsonError::Shape));
        assert_eq!(from_str::<Sample>(r#"{"name":"a","left":1,"flags":[]}"#), Err(JsonError::MissingField("count")));
        assert_eq!(
            from_str::<Sample>(r#"{"name":"a","count":1,"left":1,"flags":[],"extra":1}"#),
            Err(JsonError::UnknownField("extra".into()))
        );
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(parse(&deep), Err(JsonError::Syntax));
    }

    #[test]
    fn writes_objects_that_parse_back() {
        let text = object(&[("value", quote("a\"b\n\u{1}")), ("copy", "true".into())]);
        assert_eq!(text, r#"{"value":"a\"b\n\u0001","copy":true}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["value"], "a\"b\n\u{1}");
    }
}
