//! [`Call`]: what a request builder will send, before base URL and credentials are added.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::{AuthKind, Client, Error, Method};

/// Characters encoded in a path segment: everything but RFC 3986 unreserved characters, so a
/// value can never add a segment, a query or a fragment.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A piece of a template the collection gives with `{{variables}}` in it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
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
    pub(super) query: Vec<(&'static str, String)>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) payload: Payload,
    pub(super) auth: AuthKind,
    /// The first input that cannot be sent; reported instead of sending.
    pub(super) error: Option<String>,
}

/// Shows what is sent, with input names but no values (they may be secrets).
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |list: &[(&'static str, String)]| list.iter().map(|(n, _)| *n).collect::<Vec<_>>();
        f.debug_struct("Call")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &names(&self.query))
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
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            payload: Payload::None,
            auth,
            error: None,
        }
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
    pub fn header_template(mut self, name: &'static str, pieces: &[Piece]) -> Self {
        match self.client.fill(pieces) {
            Ok(value) => set(&mut self.headers, name, Some(value)),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Sets a query parameter.
    pub fn query<T: fmt::Display + ?Sized>(mut self, name: &'static str, value: Option<&T>) -> Self {
        set(&mut self.query, name, value.map(ToString::to_string));
        self
    }

    /// Sets a query parameter given once per value (`tag=a&tag=b`).
    pub fn query_all<T: fmt::Display>(mut self, name: &'static str, values: Option<&[T]>) -> Self {
        self.query.retain(|(n, _)| *n != name);
        for value in values.unwrap_or_default() {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// Sets a header.
    pub fn header<T: fmt::Display + ?Sized>(mut self, name: &'static str, value: Option<&T>) -> Self {
        set(&mut self.headers, name, value.map(ToString::to_string));
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body field.
    pub fn form<T: fmt::Display + ?Sized>(mut self, name: &'static str, value: Option<&T>) -> Self {
        if !matches!(self.payload, Payload::Form(_)) {
            self.payload = Payload::Form(Vec::new());
        }
        if let Payload::Form(fields) = &mut self.payload {
            set(fields, name, value.map(ToString::to_string));
        }
        self
    }

    /// Sets a `multipart/form-data` text part.
    pub fn part<T: fmt::Display + ?Sized>(self, name: &'static str, value: Option<&T>) -> Self {
        self.set_part(name, None, value.map(|v| v.to_string().into_bytes()))
    }

    /// Sets a `multipart/form-data` text part holding `value` as JSON (`null` members left out).
    pub fn part_json<T: serde::Serialize>(mut self, name: &'static str, value: Option<&T>) -> Self {
        let json = value.map(to_json).transpose();
        let json = json.unwrap_or_else(|e| {
            self.error.get_or_insert_with(|| format!("part `{name}` cannot be encoded as JSON: {e}"));
            None
        });
        self.set_part(name, None, json)
    }

    /// Sets a `multipart/form-data` file part, named after the field.
    pub fn file(self, name: &'static str, value: Option<&[u8]>) -> Self {
        self.set_part(name, Some(name), value.map(<[u8]>::to_vec))
    }

    fn set_part(mut self, name: &'static str, file: Option<&'static str>, value: Option<Vec<u8>>) -> Self {
        if !matches!(self.payload, Payload::Multipart(_)) {
            self.payload = Payload::Multipart(Vec::new());
        }
        if let Payload::Multipart(parts) = &mut self.payload {
            parts.retain(|(n, _, _)| *n != name);
            if let Some(value) = value {
                parts.push((name, file, value));
            }
        }
        self
    }

    /// Sets the whole body to `value` as JSON (`null` members left out).
    pub fn json<T: serde::Serialize>(mut self, value: &T, content_type: &'static str) -> Self {
        match to_json(value) {
            Ok(body) => self.payload = Payload::Raw(content_type, body),
            Err(e) => {
                self.error.get_or_insert_with(|| format!("the body cannot be encoded as JSON: {e}"));
            }
        }
        self
    }

    /// Sets the whole body to these bytes (or text).
    pub fn raw(mut self, value: impl AsRef<[u8]>, content_type: &'static str) -> Self {
        self.payload = Payload::Raw(content_type, value.as_ref().to_vec());
        self
    }

    /// The HTTP request this call sends, with the credentials at hand (a static token, or an
    /// OAuth access token already cached).
    pub fn build<E>(&self) -> Result<http::Request<Vec<u8>>, Error<E>> {
        self.client.assemble(self, None).map_err(Error::InvalidRequest)
    }

    /// Sets a query parameter to a value that is not a static input (a page token).
    pub fn set_query(mut self, name: &'static str, value: String) -> Self {
        set(&mut self.query, name, Some(value));
        self
    }
}

/// `value` as JSON bytes, with `null` object members (unset optional fields) left out.
fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&without_nulls(serde_json::to_value(value)?))
}

/// `value` with `null` object members removed, at every depth.
fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect()
        }
        serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
        other => other,
    }
}

/// The body of a [`Call`].
#[derive(Clone)]
pub(super) enum Payload {
    None,
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, Option<&'static str>, Vec<u8>)>),
    Raw(&'static str, Vec<u8>),
}

impl Payload {
    /// Content type and bytes.
    pub(super) fn encode(&self) -> Option<(String, Vec<u8>)> {
        match self {
            Payload::None => None,
            Payload::Form(fields) => {
                let mut form = form_urlencoded::Serializer::new(String::new());
                for (name, value) in fields {
                    form.append_pair(name, value);
                }
                Some(("application/x-www-form-urlencoded".to_owned(), form.finish().into_bytes()))
            }
            Payload::Raw(content_type, body) => Some(((*content_type).to_owned(), body.clone())),
            Payload::Multipart(parts) => {
                let mut boundary = String::from("zoomgen-boundary-8f2c1e");
                while parts.iter().any(|(_, _, v)| v.windows(boundary.len()).any(|w| w == boundary.as_bytes())) {
                    boundary.push('x');
                }
                let mut body = Vec::new();
                for (name, file, value) in parts {
                    body.extend_from_slice(
                        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
                    );
                    if let Some(file) = file {
                        body.extend_from_slice(
                            format!("; filename=\"{file}\"\r\nContent-Type: application/octet-stream").as_bytes(),
                        );
                    }
                    body.extend_from_slice(b"\r\n\r\n");
                    body.extend_from_slice(value);
                    body.extend_from_slice(b"\r\n");
                }
                body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
                Some((format!("multipart/form-data; boundary={boundary}"), body))
            }
        }
    }
}
