//! [`Call`]: what a request builder will send, before base URL and credentials are added.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::{AuthKind, Client, Error, Method};

/// Everything but RFC 3986 unreserved characters: encoded in a path segment, so a value can
/// never add a segment, a query or a fragment, and in a form field, as Postman encodes forms.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Characters Postman percent-encodes in a query parameter value: controls, non-ASCII, space,
/// `"`, `#`, `&`, `'`, `<` and `>` (the WHATWG query set and `&`). Everything else, `+`, `%`,
/// `[`, `]`, `/` and `:` among them, is sent as written.
const QUERY_VALUE: &AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'&').add(b'\'').add(b'<').add(b'>');

/// Characters Postman percent-encodes in a query parameter key: the value set and `=`.
const QUERY_KEY: &AsciiSet = &QUERY_VALUE.add(b'=');

/// A query string as Postman writes it: pairs joined by `&`, a key without value (`None`) alone.
pub(super) fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(key, QUERY_KEY));
        if let Some(value) = value {
            out.push('=');
            out.extend(utf8_percent_encode(value, QUERY_VALUE));
        }
    }
    out
}

/// A piece of a template the collection gives with `{{variables}}` in it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Text(&'static str),
    /// The value of the client variable with this name.
    Var(&'static str),
}

/// A request as a builder describes it, before the client adds base URL and credentials.
/// Setting an input again replaces its earlier value.
#[doc(hidden)]
#[derive(Clone)]
pub struct Call {
    pub(super) client: Client,
    pub(super) method: Method,
    pub(super) server: usize,
    pub(super) path: String,
    /// Query pairs; `None` is a key sent without value.
    pub(super) query: Vec<(&'static str, Option<String>)>,
    /// Query keys the collection writes with client variables, filled in: `(name, key)`.
    pub(super) keys: Vec<(&'static str, String)>,
    pub(super) headers: Vec<(&'static str, String)>,
    /// Query keys, and form fields or parts, in the collection's order: they are sent in it.
    pub(super) order: (&'static [&'static str], &'static [&'static str]),
    pub(super) payload: Payload,
    pub(super) auth: AuthKind,
    /// The first input that cannot be sent; reported instead of sending.
    pub(super) error: Option<String>,
}

/// Shows what is sent, with input names but no values (they may be secrets).
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |list: &[(&'static str, String)]| list.iter().map(|(n, _)| *n).collect::<Vec<_>>();
        let query: Vec<&str> = self.query.iter().map(|(n, _)| *n).collect();
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &query)
            .field("headers", &names(&self.headers))
            .finish_non_exhaustive()
    }
}

/// Replaces the entries named `name` with `value`, if set.
fn set(list: &mut Vec<(&'static str, String)>, name: &'static str, value: Option<String>) {
    list.retain(|(n, _)| *n != name);
    if let Some(value) = value {
        list.push((name, value));
    }
}

impl Call {
    /// Starts describing a request to server `server` of `client`.
    pub fn new(client: &Client, method: Method, server: usize, auth: AuthKind) -> Self {
        Call {
            client: client.clone(),
            method,
            server,
            path: String::with_capacity(64),
            query: Vec::new(),
            keys: Vec::new(),
            headers: Vec::new(),
            order: (&[], &[]),
            payload: Payload::None,
            auth,
            error: None,
        }
    }

    /// Sends query keys, and form fields or parts, in these orders (the collection's).
    pub fn order(mut self, query: &'static [&'static str], body: &'static [&'static str]) -> Self {
        self.order = (query, body);
        self
    }

    /// Appends fixed path text (already valid in a URL).
    pub fn path(mut self, text: &str) -> Self {
        self.path.push_str(text);
        self
    }

    /// Appends one path segment holding `value`, percent-encoded so it stays one segment.
    /// Empty, `.` and `..` values are refused: they would change which resource is addressed.
    pub fn param<T: fmt::Display + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let value = value.to_string();
        if value.is_empty() || value == "." || value == ".." {
            self.error.get_or_insert_with(|| format!("path parameter `{name}` must not be empty, `.` or `..`"));
        }
        self.path.extend(utf8_percent_encode(&value, SEGMENT));
        self
    }

    /// Appends the value of the client variable `name` as path text, percent-encoded so it
    /// stays one segment.
    pub fn path_var(mut self, name: &'static str) -> Self {
        match self.client.fill(&[Piece::Var(name)]) {
            Ok(value) => self.path.extend(utf8_percent_encode(&value, SEGMENT)),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Sets a header whose value the collection writes with client variables in it.
    pub fn header_template(self, name: &'static str, pieces: &[Piece]) -> Self {
        self.filled(pieces, |call, value| call.header(name, Some(value)))
    }

    /// Sets a query parameter to a template's text (the collection's value, with dynamic
    /// variables filled in afresh).
    pub fn query_template(self, name: &'static str, pieces: &[Piece]) -> Self {
        self.filled(pieces, |call, value| call.query(name, Some(value)))
    }

    /// Sets a form field to a template's text.
    pub fn form_template(self, name: &'static str, pieces: &[Piece]) -> Self {
        self.filled(pieces, |call, value| call.form(name, Some(value)))
    }

    /// Sets a multipart text part to a template's text.
    pub fn part_template(self, name: &'static str, content_type: Option<&'static str>, pieces: &[Piece]) -> Self {
        self.filled(pieces, |call, value| call.part(name, content_type, Some(value)))
    }

    /// Fills in `pieces` with the client's variables, then `set`s the text.
    fn filled(mut self, pieces: &[Piece], set: impl FnOnce(Self, &str) -> Self) -> Self {
        match self.client.fill(pieces) {
            Ok(value) => set(self, &value),
            Err(e) => {
                self.error.get_or_insert(e);
                self
            }
        }
    }

    /// Sets a query parameter.
    pub fn query<T: fmt::Display + ?Sized>(self, name: &'static str, value: Option<&T>) -> Self {
        self.put_query(name, value.map(|v| Some(v.to_string())))
    }

    /// Sets a query parameter given once per value (`tag=a&tag=b`).
    pub fn query_all<T: fmt::Display>(self, name: &'static str, values: Option<&[T]>) -> Self {
        self.put_query(name, values.unwrap_or_default().iter().map(|v| Some(v.to_string())))
    }

    /// Sets a query parameter whose key (`name` as the collection writes it) holds client
    /// variables: `key` filled in.
    pub fn query_keyed<T: fmt::Display + ?Sized>(
        mut self,
        name: &'static str,
        key: &[Piece],
        value: Option<&T>,
    ) -> Self {
        match self.client.fill(key) {
            Ok(key) => {
                set(&mut self.keys, name, Some(key));
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self.query(name, value)
    }

    /// The key query parameter `name` is sent with.
    pub(super) fn query_key<'a>(&'a self, name: &'a str) -> &'a str {
        self.keys.iter().find(|(n, _)| *n == name).map_or(name, |(_, key)| key.as_str())
    }

    /// Sends query key `name` without a value (`?archived`) when `on` is `Some(&true)`.
    pub fn query_flag(self, name: &'static str, on: Option<&bool>) -> Self {
        self.put_query(name, (on == Some(&true)).then_some(None))
    }

    /// Replaces the pairs of key `name` with `values` (`None`: the key alone). Pairs without a
    /// key (`?=value`, constants) are each their own.
    fn put_query(mut self, name: &'static str, values: impl IntoIterator<Item = Option<String>>) -> Self {
        if !name.is_empty() {
            self.query.retain(|(n, _)| *n != name);
        }
        self.query.extend(values.into_iter().map(|v| (name, v)));
        self
    }

    /// Sets a header.
    pub fn header<T: fmt::Display + ?Sized>(mut self, name: &'static str, value: Option<&T>) -> Self {
        set(&mut self.headers, name, value.map(ToString::to_string));
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body field.
    pub fn form<T: fmt::Display + ?Sized>(self, name: &'static str, value: Option<&T>) -> Self {
        self.put_form(name, value.map(ToString::to_string))
    }

    /// Sets an `application/x-www-form-urlencoded` body field given once per value.
    pub fn form_all<T: fmt::Display>(self, name: &'static str, values: Option<&[T]>) -> Self {
        self.put_form(name, values.unwrap_or_default().iter().map(ToString::to_string))
    }

    fn put_form(mut self, name: &'static str, values: impl IntoIterator<Item = String>) -> Self {
        if !matches!(self.payload, Payload::Form(_)) {
            self.payload = Payload::Form(Vec::new());
        }
        if let Payload::Form(fields) = &mut self.payload {
            fields.retain(|(n, _)| *n != name);
            fields.extend(values.into_iter().map(|v| (name, v)));
        }
        self
    }

    /// Sets a `multipart/form-data` text part, with its own content type if the collection
    /// gives one.
    pub fn part<T: fmt::Display + ?Sized>(
        self,
        name: &'static str,
        content_type: Option<&'static str>,
        value: Option<&T>,
    ) -> Self {
        let part = value.map(|v| Part { name, file: None, content_type, value: v.to_string().into_bytes() });
        self.set_part(name, part)
    }

    /// Sets a `multipart/form-data` text part holding `value` as JSON.
    pub fn part_json<T: serde::Serialize>(
        mut self,
        name: &'static str,
        content_type: Option<&'static str>,
        value: Option<&Json<T>>,
    ) -> Self {
        let json = value.map(Json::to_bytes).transpose().unwrap_or_else(|e| {
            self.error.get_or_insert_with(|| format!("part `{name}` cannot be encoded as JSON: {e}"));
            None
        });
        let part = json.map(|value| Part { name, file: None, content_type, value });
        self.set_part(name, part)
    }

    /// Sets a `multipart/form-data` file part with this file name and content type.
    pub fn file(
        self,
        name: &'static str,
        file: &'static str,
        content_type: Option<&'static str>,
        value: Option<&[u8]>,
    ) -> Self {
        let part = value.map(|v| Part { name, file: Some(file), content_type, value: v.to_vec() });
        self.set_part(name, part)
    }

    fn set_part(mut self, name: &'static str, part: Option<Part>) -> Self {
        if !matches!(self.payload, Payload::Multipart(_)) {
            self.payload = Payload::Multipart(Vec::new());
        }
        if let Payload::Multipart(parts) = &mut self.payload {
            parts.retain(|p| p.name != name);
            parts.extend(part);
        }
        self
    }

    /// Sets the whole body to `value` as JSON.
    pub fn json<T: serde::Serialize>(mut self, value: &Json<T>, content_type: Option<&'static str>) -> Self {
        match value.to_bytes() {
            Ok(body) => self.payload = Payload::Raw(content_type, body),
            Err(e) => {
                self.error.get_or_insert_with(|| format!("the body cannot be encoded as JSON: {e}"));
            }
        }
        self
    }

    /// Sets the whole body to these bytes (or text).
    pub fn raw(mut self, value: impl AsRef<[u8]>, content_type: Option<&'static str>) -> Self {
        self.payload = Payload::Raw(content_type, value.as_ref().to_vec());
        self
    }

    /// The HTTP request this call sends, with the credentials at hand (a static token, or an
    /// OAuth access token already cached).
    pub fn build<E>(&self) -> Result<http::Request<Vec<u8>>, Error<E>> {
        self.client.assemble(self, None).and_then(super::client::Assembled::into_http).map_err(Error::InvalidRequest)
    }

    /// Sets a query parameter to a value that is not a static input (a page token).
    pub fn set_query(self, name: &'static str, value: String) -> Self {
        self.put_query(name, [Some(value)])
    }

    /// Position of query key `name` in the collection's order (unknown names last).
    pub(super) fn query_rank(&self, name: &str) -> usize {
        rank(self.order.0, name)
    }

    /// Position of form field or part `name` in the collection's order (unknown names last).
    pub(super) fn body_rank(&self, name: &str) -> usize {
        rank(self.order.1, name)
    }
}

fn rank(order: &[&str], name: &str) -> usize {
    order.iter().position(|n| *n == name).unwrap_or(order.len())
}

/// A JSON input: a typed value, or the exact text to send (a body as the collection writes it,
/// with its own field order, spacing and number formatting, byte for byte).
///
/// Every JSON body or part argument takes `impl Into<Json<T>>`: pass the typed value, or
/// `Json::text(..)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<T> {
    /// Serialized in field order; unset optional fields are left out, a `Field::Null` is `null`.
    Value(T),
    /// Sent as written.
    Text(String),
}

impl<T> From<T> for Json<T> {
    fn from(value: T) -> Self {
        Json::Value(value)
    }
}

impl<T> Json<T> {
    /// JSON text sent as written (it is not checked).
    pub fn text(text: impl Into<String>) -> Self {
        Json::Text(text.into())
    }
}

impl<T: serde::Serialize> Json<T> {
    fn to_bytes(&self) -> serde_json::Result<Vec<u8>> {
        match self {
            Json::Value(value) => serde_json::to_vec(value),
            Json::Text(text) => Ok(text.clone().into_bytes()),
        }
    }
}

/// One part of a multipart body.
#[derive(Clone)]
pub(super) struct Part {
    name: &'static str,
    file: Option<&'static str>,
    content_type: Option<&'static str>,
    value: Vec<u8>,
}

/// The body of a [`Call`].
#[derive(Clone)]
pub(super) enum Payload {
    None,
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<Part>),
    Raw(Option<&'static str>, Vec<u8>),
}

impl Payload {
    /// Content type (if any) and bytes; fields and parts in the order `rank` gives (stable).
    pub(super) fn encode(&self, rank: impl Fn(&str) -> usize) -> Option<(Option<String>, Vec<u8>)> {
        match self {
            Payload::None => None,
            Payload::Form(fields) => {
                // As Postman: each value percent-encoded but for unreserved characters, a field
                // given more than once together at its first place.
                let mut fields: Vec<&(&'static str, String)> = fields.iter().collect();
                fields.sort_by_key(|(name, _)| rank(name));
                let pairs: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| {
                        format!("{}={}", utf8_percent_encode(name, SEGMENT), utf8_percent_encode(value, SEGMENT))
                    })
                    .collect();
                Some((Some("application/x-www-form-urlencoded".to_owned()), pairs.join("&").into_bytes()))
            }
            Payload::Raw(content_type, body) => Some((content_type.map(str::to_owned), body.clone())),
            Payload::Multipart(parts) => {
                let mut parts: Vec<&Part> = parts.iter().collect();
                parts.sort_by_key(|p| rank(p.name));
                let (content_type, body) = multipart(&parts);
                Some((Some(content_type), body))
            }
        }
    }
}

/// Content type and bytes of a multipart body.
fn multipart(parts: &[&Part]) -> (String, Vec<u8>) {
    let mut boundary = String::from("zoomgen-boundary-8f2c1e");
    while parts.iter().any(|p| p.value.windows(boundary.len()).any(|w| w == boundary.as_bytes())) {
        boundary.push('x');
    }
    let mut body = Vec::new();
    for part in parts {
        let mut head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"", part.name);
        if let Some(file) = part.file {
            head.push_str(&format!("; filename=\"{file}\""));
        }
        if let Some(content_type) = part.content_type {
            head.push_str(&format!("\r\nContent-Type: {content_type}"));
        }
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(&part.value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
