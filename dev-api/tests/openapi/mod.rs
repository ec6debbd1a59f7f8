//! `api/openapi.yaml` read as a checker of dev-api's answers and as a source of requests.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use serde_json::{json, Map, Value};

pub struct Spec {
    doc: Value,
    validators: Mutex<HashMap<String, std::sync::Arc<jsonschema::Validator>>>,
}

/// The API's own paths (`servers: /api/v1`); the dev helpers are written with their full path.
pub const API_BASE: &str = "/api/v1";

pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/openapi.yaml");
        let text = std::fs::read_to_string(path).expect("api/openapi.yaml");
        let doc: Value = serde_yaml::from_str(&text).expect("api/openapi.yaml is YAML");
        Spec { doc, validators: Mutex::new(HashMap::new()) }
    })
}

/// One operation of the spec: where it lives and what it says.
pub struct Operation<'a> {
    pub method: String,
    /// As written in the spec (`/contact/{kind}`).
    pub template: String,
    pub op: &'a Value,
}

impl Spec {
    /// The problem codes the spec lists.
    pub fn problem_codes(&self) -> Vec<String> {
        let codes =
            self.doc.pointer("/components/schemas/Problem/properties/code/enum").expect("Problem.code lists its codes");
        codes.as_array().expect("a list").iter().filter_map(|c| c.as_str().map(String::from)).collect()
    }

    /// Follows `$ref: '#/…'` until a value that is not a reference.
    pub fn resolve<'a>(&'a self, mut value: &'a Value) -> &'a Value {
        while let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            let pointer = reference.strip_prefix('#').expect("local references only");
            value = self.doc.pointer(pointer).unwrap_or_else(|| panic!("dangling {reference}"));
        }
        value
    }

    pub fn operations(&self) -> Vec<Operation<'_>> {
        let mut found = Vec::new();
        for (template, item) in self.doc["paths"].as_object().expect("paths") {
            for method in ["get", "post", "put", "delete", "patch"] {
                if let Some(op) = item.get(method) {
                    found.push(Operation { method: method.to_uppercase(), template: template.clone(), op });
                }
            }
        }
        found
    }

    /// The operation a request reaches: the template whose segments match, literal segments
    /// preferred over parameters.
    pub fn operation(&self, method: &str, path: &str) -> Option<Operation<'_>> {
        let relative = if path.starts_with("/__dev") { path } else { path.strip_prefix(API_BASE)? };
        let segments: Vec<&str> = relative.split('/').collect();
        self.operations()
            .into_iter()
            .filter(|o| o.method == method)
            .filter_map(|o| {
                let pattern: Vec<&str> = o.template.split('/').collect();
                let fits = pattern.len() == segments.len()
                    && pattern.iter().zip(&segments).all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s);
                let literal = pattern.iter().filter(|p| !p.starts_with('{')).count();
                fits.then_some((literal, o))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, o)| o)
    }

    /// A validator for `schema`, its references resolved against the whole document.
    fn validator(&self, schema: &Value) -> std::sync::Arc<jsonschema::Validator> {
        let key = schema.to_string();
        let mut cache = self.validators.lock().unwrap();
        cache
            .entry(key)
            .or_insert_with(|| {
                let mut root = Map::new();
                root.insert("allOf".into(), json!([schema]));
                root.insert("components".into(), self.doc["components"].clone());
                let validator = jsonschema::draft202012::options()
                    .should_validate_formats(true)
                    .build(&Value::Object(root))
                    .unwrap_or_else(|e| panic!("a schema of openapi.yaml does not compile: {e}"));
                std::sync::Arc::new(validator)
            })
            .clone()
    }

    pub fn is_valid(&self, schema: &Value, instance: &Value) -> Result<(), String> {
        let validator = self.validator(schema);
        let errors: Vec<String> =
            validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.join("; "))
        }
    }

    /// The answer is one the spec describes: a documented status of the operation, its media
    /// type, and a body its schema accepts. Outside the API and the dev helpers (the app's
    /// files) there is nothing to check. A path the spec does not have may only answer
    /// 404 `not_found`, and a method a path does not take 405 `method_not_allowed`, as its
    /// description says.
    pub fn check_answer(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: &str,
        body: &Value,
    ) -> Result<(), String> {
        if !(path.starts_with(API_BASE) || path.starts_with("/__dev")) {
            return Ok(());
        }
        let problem = self.resolve(&self.doc["components"]["schemas"]["Problem"]);
        let Some(operation) = self.operation(method, path) else {
            let expected = match self.operation_any_method(path) {
                true => (405, "method_not_allowed"),
                false => (404, "not_found"),
            };
            if (status, body["code"].as_str()) == (expected.0, Some(expected.1))
                && content_type == "application/problem+json"
            {
                return self.is_valid(problem, body);
            }
            return Err(format!("{method} {path}: not in openapi.yaml, answered {status} {body}"));
        };
        let responses = &operation.op["responses"];
        let Some(response) = responses.get(status.to_string()) else {
            return Err(format!(
                "{method} {} answered {status}, which openapi.yaml does not list: {body}",
                operation.template
            ));
        };
        let response = self.resolve(response);
        match response.get("content") {
            None if body.as_str().is_some_and(str::is_empty) || body.is_null() => Ok(()),
            None => {
                Err(format!("{method} {} {status}: a body where openapi.yaml has none: {body}", operation.template))
            }
            Some(content) => {
                let Some(media) = content.get(content_type) else {
                    return Err(format!("{method} {} {status}: {content_type} is not documented", operation.template));
                };
                let schema = self.resolve(&media["schema"]);
                self.is_valid(schema, body)
                    .map_err(|e| format!("{method} {} {status}: {e}\n{body}", operation.template))
            }
        }
    }

    fn operation_any_method(&self, path: &str) -> bool {
        ["GET", "POST", "PUT", "DELETE", "PATCH"].iter().any(|m| self.operation(m, path).is_some())
    }

    /// Parameters of an operation (resolved), path and header ones.
    pub fn parameters<'a>(&'a self, op: &'a Value) -> Vec<&'a Value> {
        op["parameters"].as_array().map(|ps| ps.iter().map(|p| self.resolve(p)).collect()).unwrap_or_default()
    }

    /// The JSON schema of the request body and whether the body is required.
    pub fn request_schema<'a>(&'a self, op: &'a Value) -> Option<(&'a Value, bool)> {
        let body = self.resolve(op.get("requestBody")?);
        let schema = self.resolve(&body["content"]["application/json"]["schema"]);
        Some((schema, body["required"].as_bool().unwrap_or(false)))
    }

    /// Values the schema allows: every generated value passes the schema's own validator.
    pub fn values(&self, schema: &Value) -> BoxedStrategy<Value> {
        let schema = self.resolve(schema);
        if let Some(value) = schema.get("const") {
            return Just(value.clone()).boxed();
        }
        if let Some(options) = schema["enum"].as_array() {
            return proptest::sample::select(options.clone()).boxed();
        }
        if let Some(branches) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
            let strategies: Vec<BoxedStrategy<Value>> = branches.iter().map(|b| self.values(b)).collect();
            return proptest::strategy::Union::new(strategies).boxed();
        }
        match schema["type"].as_str() {
            Some("boolean") => any::<bool>().prop_map(Value::from).boxed(),
            Some("integer") => any::<i32>().prop_map(Value::from).boxed(),
            Some("object") => self.objects(schema),
            Some("string") | None => self.strings(schema),
            Some(other) => panic!("no generator for type {other}"),
        }
    }

    fn strings(&self, schema: &Value) -> BoxedStrategy<Value> {
        // Before the pattern, which admits scripts and characters no mail domain has.
        if schema["format"] == "idn-email" {
            const UNICODE: &[&str] = &["josé", "用户", "müller"];
            const IDN: &[&str] = &["", "例子.中国", "bücher.example"];
            return (
                proptest::string::string_regex("[a-z0-9]{1,8}([._-][a-z0-9]{1,8})?").unwrap(),
                proptest::sample::select(UNICODE),
                proptest::string::string_regex("[a-z0-9]{1,12}\\.[a-z]{2,6}").unwrap(),
                proptest::sample::select(IDN),
                any::<bool>(),
            )
                .prop_map(|(local, unicode, domain, idn, mixed)| {
                    let local = if mixed { unicode.to_string() } else { local };
                    let domain = if idn.is_empty() { domain } else { idn.to_string() };
                    Value::from(format!("{local}@{domain}"))
                })
                .boxed();
        }
        if let Some(pattern) = schema["pattern"].as_str() {
            let bare = pattern.trim_start_matches('^').trim_end_matches('$');
            return proptest::string::string_regex(bare)
                .expect("a pattern proptest can generate")
                .prop_map(Value::from)
                .boxed();
        }
        let min = schema["minLength"].as_u64().unwrap_or(0) as usize;
        let examples: Vec<Value> = schema["examples"].as_array().cloned().unwrap_or_default();
        let any = proptest::string::string_regex(&format!(".{{{min},40}}")).unwrap().prop_map(Value::from);
        if examples.is_empty() {
            any.boxed()
        } else {
            prop_oneof![proptest::sample::select(examples), any].boxed()
        }
    }

    fn objects(&self, schema: &Value) -> BoxedStrategy<Value> {
        let required: Vec<String> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default();
        let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
        for (name, property) in schema["properties"].as_object().cloned().unwrap_or_default() {
            let value = self.values(&property);
            let name_for_value = name.clone();
            let present = value.prop_map(move |v| Some((name_for_value.clone(), v)));
            if required.contains(&name) {
                fields.push(present.boxed());
            } else {
                fields.push(prop_oneof![Just(None), present].boxed());
            }
        }
        fields.prop_map(|fields| Value::Object(fields.into_iter().flatten().collect())).boxed()
    }
}

/// The path of a URL, without scheme, host or query.
pub fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("/").to_string()
}
