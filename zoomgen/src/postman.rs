//! A lenient serde model of Postman collections, formats v2.0.0 and v2.1.0.
//!
//! The model accepts more than the official schema: real exports omit `raw`, write `null` where
//! the schema wants an object, use strings where it wants arrays, and mix both versions' auth
//! layouts. Fields this generator does not use are not modelled; unknown keys are ignored.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// A whole collection (the top-level object of the file).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Collection {
    #[serde(deserialize_with = "nullable")]
    pub info: Info,
    #[serde(deserialize_with = "list")]
    pub item: Vec<Item>,
    pub auth: Option<Auth>,
    #[serde(deserialize_with = "list")]
    pub variable: Vec<Variable>,
    #[serde(deserialize_with = "list")]
    pub event: Vec<Value>,
}

/// A collection as Postman's API returns it: `{"collection": {...}}`.
#[derive(Debug, Deserialize)]
pub(crate) struct Wrapped {
    pub collection: Collection,
}

/// `info`: name and description of the collection.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Info {
    #[serde(deserialize_with = "scalar")]
    pub name: Option<String>,
    pub description: Option<Description>,
}

/// A request or a folder (a folder is an item with `item`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Item {
    /// The item's identity in Postman (`id`, or `_postman_id` in older exports): what keeps
    /// its Rust names when it is renamed or moved.
    #[serde(deserialize_with = "scalar", alias = "_postman_id")]
    pub id: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub name: Option<String>,
    pub description: Option<Description>,
    #[serde(deserialize_with = "opt_list")]
    pub item: Option<Vec<Item>>,
    pub request: Option<RequestField>,
    #[serde(deserialize_with = "list")]
    pub response: Vec<Option<SavedResponse>>,
    pub auth: Option<Auth>,
    #[serde(deserialize_with = "list")]
    pub variable: Vec<Variable>,
    #[serde(deserialize_with = "list")]
    pub event: Vec<Value>,
    /// Runner settings (`disableBodyPruning`: send a body with GET).
    #[serde(rename = "protocolProfileBehavior")]
    pub protocol_profile_behavior: Option<Value>,
}

/// `request` is either a URL string (GET, nothing else) or an object.
#[derive(Debug)]
pub(crate) enum RequestField {
    Url(String),
    Request(Box<Request>),
}

impl<'de> Deserialize<'de> for RequestField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match d.deserialize_any(StrOrMap::<Request>(PhantomData))? {
            Either::Str(s) => RequestField::Url(s),
            Either::Map(r) => RequestField::Request(Box::new(r)),
        })
    }
}

/// A request object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Request {
    #[serde(deserialize_with = "scalar")]
    pub method: Option<String>,
    pub url: Option<UrlField>,
    pub header: HeaderList,
    pub body: Option<Body>,
    pub auth: Option<Auth>,
    pub description: Option<Description>,
}

/// `url` is a string (v2.0 style, or a bare `raw`) or an object.
#[derive(Debug)]
pub(crate) enum UrlField {
    Raw(String),
    Object(Box<Url>),
}

impl<'de> Deserialize<'de> for UrlField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match d.deserialize_any(StrOrMap::<Url>(PhantomData))? {
            Either::Str(s) => UrlField::Raw(s),
            Either::Map(u) => UrlField::Object(Box::new(u)),
        })
    }
}

enum Either<T> {
    Str(String),
    Map(T),
}

/// Reads a string, or an object as `T`; unlike an untagged enum, errors inside the object keep
/// their message and JSON path.
struct StrOrMap<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for StrOrMap<T> {
    type Value = Either<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an object")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Either::Str(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Either::Map)
    }
}

/// A structured URL. `raw` may be missing; `host` and `path` may be strings or arrays.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Url {
    #[serde(deserialize_with = "scalar")]
    pub raw: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub protocol: Option<String>,
    pub host: Option<StringOrList>,
    pub path: Option<PathField>,
    #[serde(deserialize_with = "scalar")]
    pub port: Option<String>,
    #[serde(deserialize_with = "list")]
    pub query: Vec<Param>,
    #[serde(deserialize_with = "list")]
    pub variable: Vec<Variable>,
}

/// A string, or a list of strings (`host` in both versions).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum StringOrList {
    One(String),
    Many(Vec<Option<String>>),
}

/// `path`: a string or a list of segments, each a string or `{type, value}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum PathField {
    One(String),
    Many(Vec<PathSegment>),
}

/// One path segment.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum PathSegment {
    Text(String),
    Object {
        #[serde(default, deserialize_with = "scalar")]
        value: Option<String>,
    },
    Other(Value),
}

/// A key/value pair: query parameter, header, or url-encoded / form-data body field.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Param {
    #[serde(deserialize_with = "scalar")]
    pub key: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub value: Option<String>,
    #[serde(deserialize_with = "flag")]
    pub disabled: bool,
    pub description: Option<Description>,
    /// form-data: `text` or `file`.
    #[serde(rename = "type", deserialize_with = "scalar")]
    pub kind: Option<String>,
    /// form-data file part: the file's path (a list of paths for several files).
    pub src: Option<Value>,
    /// form-data part: its own content type.
    #[serde(rename = "contentType", deserialize_with = "scalar")]
    pub content_type: Option<String>,
}

/// Headers: a list of params, or (in saved responses) one string of `Name: value` lines.
#[derive(Debug, Default)]
pub(crate) struct HeaderList(pub Vec<Param>);

impl<'de> Deserialize<'de> for HeaderList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            List(Vec<Option<Entry>>),
            Null(()),
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Entry {
            Text(String),
            Param(Param),
        }
        fn from_line(line: &str) -> Option<Param> {
            let (k, v) = line.split_once(':')?;
            Some(Param { key: Some(k.trim().to_owned()), value: Some(v.trim().to_owned()), ..Param::default() })
        }
        Ok(HeaderList(match Raw::deserialize(d)? {
            Raw::Text(text) => text.lines().filter_map(from_line).collect(),
            Raw::List(list) => list
                .into_iter()
                .flatten()
                .filter_map(|e| match e {
                    Entry::Text(line) => from_line(&line),
                    Entry::Param(p) => Some(p),
                })
                .collect(),
            Raw::Null(()) => Vec::new(),
        }))
    }
}

/// A variable (collection, folder, request or URL path variable).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Variable {
    #[serde(deserialize_with = "scalar")]
    pub key: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub id: Option<String>,
    /// Any JSON is allowed; objects and arrays are kept as JSON text.
    #[serde(deserialize_with = "any_value")]
    pub value: Option<String>,
    pub description: Option<Description>,
    #[serde(deserialize_with = "flag")]
    pub disabled: bool,
}

impl Variable {
    /// The variable's name: its `key`. An `id` alone names nothing: Postman's runner does not
    /// resolve such a variable.
    pub fn name(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The name of a URL path variable: its `key`, else its `id` (Postman's URLs take either).
    pub fn path_name(&self) -> Option<&str> {
        self.key.as_deref().or(self.id.as_deref())
    }
}

/// A request body. Unknown modes are treated as raw.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Body {
    #[serde(deserialize_with = "body_mode")]
    pub mode: Option<BodyMode>,
    #[serde(deserialize_with = "scalar")]
    pub raw: Option<String>,
    #[serde(deserialize_with = "list")]
    pub urlencoded: Vec<Param>,
    #[serde(deserialize_with = "list")]
    pub formdata: Vec<Param>,
    pub graphql: Option<Value>,
    /// File body: `{"src": path}`.
    pub file: Option<Value>,
    pub options: Option<Value>,
    #[serde(deserialize_with = "flag")]
    pub disabled: bool,
}

/// How a body is given (`body.mode`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyMode {
    Raw,
    UrlEncoded,
    FormData,
    File,
    GraphQl,
    /// A mode this generator does not know, as written.
    Other(String),
}

impl BodyMode {
    fn from_name(mode: &str) -> BodyMode {
        match mode {
            "raw" => BodyMode::Raw,
            "urlencoded" => BodyMode::UrlEncoded,
            "formdata" => BodyMode::FormData,
            "file" => BodyMode::File,
            "graphql" => BodyMode::GraphQl,
            other => BodyMode::Other(other.to_owned()),
        }
    }
}

/// The kind of auth (`auth.type`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AuthType {
    /// Inherit from the parent level: a missing or `null` type. (`"inherit"` is no auth type
    /// Postman knows: its runner sends no credentials for it, so it is [`AuthType::Other`].)
    Inherit,
    NoAuth,
    Bearer,
    Basic,
    ApiKey,
    OAuth2,
    /// Any other Postman auth type (digest, oauth1, hawk, awsv4, ...), as written.
    Other(String),
}

impl AuthType {
    fn from_name(kind: &str) -> AuthType {
        match kind {
            "noauth" => AuthType::NoAuth,
            "bearer" => AuthType::Bearer,
            "basic" => AuthType::Basic,
            "apikey" => AuthType::ApiKey,
            "oauth2" => AuthType::OAuth2,
            other => AuthType::Other(other.to_owned()),
        }
    }
}

/// Auth settings. v2.1 stores parameters as `[{key, value}]`, v2.0 as an object.
#[derive(Debug)]
pub(crate) struct Auth {
    pub kind: AuthType,
    pub params: Vec<(String, Option<String>)>,
}

impl Auth {
    /// The value of one auth parameter.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_deref())
    }
}

impl<'de> Deserialize<'de> for Auth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        let Value::Object(map) = value else {
            return Err(de::Error::custom("auth must be an object with a `type`"));
        };
        let name = match map.get("type") {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) => return Ok(Auth { kind: AuthType::Inherit, params: Vec::new() }),
            Some(other) => return Err(de::Error::custom(format!("auth type must be a string, found {other}"))),
        };
        let params = match map.get(&name) {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|p| {
                    let key = scalar_string(p.get("key")?)?;
                    Some((key, p.get("value").and_then(scalar_string)))
                })
                .collect(),
            Some(Value::Object(obj)) => obj.iter().map(|(k, v)| (k.clone(), scalar_string(v))).collect(),
            _ => Vec::new(),
        };
        Ok(Auth { kind: AuthType::from_name(&name), params })
    }
}

/// A description: a string, or `{content, type}` (markdown or HTML; both are converted alike).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Description {
    Text(String),
    Object {
        #[serde(default, deserialize_with = "scalar")]
        content: Option<String>,
    },
    Other(de::IgnoredAny),
}

impl Description {
    /// The text of the description, if any.
    pub fn text(&self) -> Option<&str> {
        match self {
            Description::Text(s) => Some(s),
            Description::Object { content, .. } => content.as_deref(),
            Description::Other(_) => None,
        }
    }
}

/// A saved example response.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SavedResponse {
    #[serde(deserialize_with = "scalar")]
    pub name: Option<String>,
    #[serde(deserialize_with = "scalar")]
    pub status: Option<String>,
    #[serde(deserialize_with = "code")]
    pub code: Option<u16>,
    pub header: HeaderList,
    #[serde(deserialize_with = "scalar")]
    pub body: Option<String>,
}

impl SavedResponse {
    /// The `Content-Type` header of the example, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header
            .0
            .iter()
            .find(|h| h.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("content-type")))
            .and_then(|h| h.value.as_deref())
    }
}

/// Renders a JSON scalar as the string Postman would use; `None` for null, arrays and objects.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string-like field that may also hold a number, a boolean or null.
fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Value::deserialize(d)?;
    match v {
        Value::Array(_) | Value::Object(_) => {
            Err(de::Error::custom(format!("expected a string, found {}", kind_of(&v))))
        }
        _ => Ok(scalar_string(&v)),
    }
}

/// Any JSON value as a string: scalars as Postman renders them, objects and arrays as JSON text.
fn any_value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(match v {
        Value::Array(_) | Value::Object(_) => Some(v.to_string()),
        _ => scalar_string(&v),
    })
}

/// `body.mode`: a string (or a scalar written as one).
fn body_mode<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BodyMode>, D::Error> {
    Ok(scalar(d)?.map(|m| BodyMode::from_name(&m)))
}

/// An object that may be written as `null`.
fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A boolean flag that may be written as `null`, a string or a number.
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => b,
        Value::String(s) => s == "true",
        Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        _ => false,
    })
}

/// An HTTP status code written as a number or a numeric string.
fn code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A list that may be `null` or missing; `null` elements are dropped.
fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(opt_list(d)?.unwrap_or_default())
}

/// Like [`list`], but keeps the difference between a missing field and an empty list.
fn opt_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<Option<T>>>::deserialize(d)?.map(|v| v.into_iter().flatten().collect()))
}

/// Names a JSON value's kind for error messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A Postman environment export (`*.postman_environment.json`): named variable values.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EnvironmentFile {
    #[serde(deserialize_with = "scalar")]
    pub name: Option<String>,
    #[serde(deserialize_with = "list")]
    pub values: Vec<EnvironmentValue>,
}

/// One value of an environment. `enabled` absent (or `null`) is `true`.
#[derive(Debug, Deserialize)]
#[serde(default)]
pub(crate) struct EnvironmentValue {
    #[serde(deserialize_with = "scalar")]
    pub key: Option<String>,
    #[serde(deserialize_with = "any_value")]
    pub value: Option<String>,
    /// `default`, `text` or `secret`.
    #[serde(rename = "type", deserialize_with = "scalar")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "enabled")]
    pub enabled: bool,
}

impl Default for EnvironmentValue {
    fn default() -> Self {
        EnvironmentValue { key: None, value: None, kind: None, enabled: true }
    }
}

/// An environment value's `enabled`: like [`flag`], but absent or `null` means enabled.
fn enabled<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => true,
        Value::Bool(b) => b,
        Value::String(s) => s != "false",
        Value::Number(n) => n.as_i64().is_none_or(|n| n != 0),
        _ => true,
    })
}
