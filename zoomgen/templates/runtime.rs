//! Machinery shared by every operation: client configuration, credentials, request building,
//! response decoding and errors. Nothing in this module is specific to one API.
//!
//! Public only so generated modules can use it; the crate root re-exports what users need.

use std::fmt;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;

pub use http::{HeaderMap, Method, StatusCode};

/// Characters encoded in a path segment: everything but RFC 3986 unreserved characters, so a
/// value can never add a segment, a query or a fragment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A secret string (token, password, API key). Its `Debug` output is `***`; read it with
/// [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T: Into<String>> From<T> for Secret {
    fn from(value: T) -> Self {
        Secret(value.into())
    }
}

/// Credentials for the client. Set several with [`ClientBuilder::auth`]; each operation uses
/// the kind its collection entry asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// `Authorization: Bearer <token>`: bearer tokens and OAuth 2.0 access tokens.
    Bearer(Secret),
    /// HTTP Basic auth, such as an OAuth client id and secret.
    Basic {
        /// User name or client id.
        username: String,
        /// Password or client secret.
        password: Secret,
    },
    /// An API key, sent where the collection says (header or query parameter).
    ApiKey(Secret),
}

impl Auth {
    /// A bearer token (an OAuth 2.0 access token).
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(Secret::new(token))
    }

    /// HTTP Basic credentials.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic { username: username.into(), password: Secret::new(password) }
    }

    /// An API key.
    pub fn api_key(key: impl Into<String>) -> Self {
        Auth::ApiKey(Secret::new(key))
    }
}

/// Which credential an operation sends.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    /// No credentials.
    None,
    /// [`Auth::Bearer`].
    Bearer,
    /// [`Auth::Basic`].
    Basic,
    /// [`Auth::ApiKey`] as a header with this name.
    ApiKeyHeader(&'static str),
    /// [`Auth::ApiKey`] as a query parameter with this name.
    ApiKeyQuery(&'static str),
}

/// The API client: cheap to clone, safe to share between tasks.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    servers: Vec<String>,
    bearer: Option<Secret>,
    basic: Option<(String, Secret)>,
    api_key: Option<Secret>,
    variables: Vec<(String, Secret)>,
}

impl Client {
    /// A builder with the collection's base URLs and no credentials.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            servers: crate::SERVERS.iter().map(|s| (*s).to_owned()).collect(),
            credentials: Vec::new(),
            variables: Vec::new(),
            http: None,
        }
    }

    fn assemble(&self, parts: &Call) -> Result<http::Request<Vec<u8>>, String> {
        if let Some(error) = &parts.error {
            return Err(error.clone());
        }
        let inner = &self.inner;
        let base = inner.servers.get(parts.server).map(String::as_str).unwrap_or_default();
        if base.is_empty() {
            return Err("no base URL is configured for this operation".to_owned());
        }
        let base = self.substitute(base, false)?;
        let path = self.substitute(&parts.path, true)?;
        let mut headers = HeaderMap::new();
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &parts.query {
            query.append_pair(name, value);
        }
        match parts.auth {
            AuthKind::None => {}
            AuthKind::Bearer => {
                let token = inner.bearer.as_ref().ok_or("this operation needs Auth::bearer credentials")?;
                headers.insert(http::header::AUTHORIZATION, secret_header("Bearer ", token.expose())?);
            }
            AuthKind::Basic => {
                use base64::Engine as _;
                let (user, password) = inner.basic.as_ref().ok_or("this operation needs Auth::basic credentials")?;
                let raw = format!("{user}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                headers.insert(http::header::AUTHORIZATION, secret_header("Basic ", &encoded)?);
            }
            AuthKind::ApiKeyHeader(name) => {
                let key = inner.api_key.as_ref().ok_or("this operation needs Auth::api_key credentials")?;
                headers.insert(header_name(name)?, secret_header("", key.expose())?);
            }
            AuthKind::ApiKeyQuery(name) => {
                let key = inner.api_key.as_ref().ok_or("this operation needs Auth::api_key credentials")?;
                query.append_pair(name, key.expose());
            }
        }
        for (name, value) in &parts.headers {
            let value = self.substitute(value, false)?;
            let value = http::HeaderValue::from_str(&value)
                .map_err(|_| format!("header `{name}` holds a character not allowed in headers (CR, LF or another control character)"))?;
            headers.append(header_name(name)?, value);
        }
        let mut uri = format!("{}{}", base.trim_end_matches('/'), path);
        let query = query.finish();
        if !query.is_empty() {
            uri.push('?');
            uri.push_str(&query);
        }
        let body = match parts.payload.encode() {
            Some((content_type, body)) => {
                let value = http::HeaderValue::from_str(&content_type)
                    .map_err(|_| format!("invalid content type `{content_type}`"))?;
                headers.insert(http::header::CONTENT_TYPE, value);
                body
            }
            None => Vec::new(),
        };
        let mut request = http::Request::builder()
            .method(parts.method.clone())
            .uri(uri)
            .body(body)
            .map_err(|e| format!("invalid request URL: {e}"))?;
        *request.headers_mut() = headers;
        Ok(request)
    }
}

impl Client {
    /// Replaces `{{name}}` with the client variable `name` (percent-encoded as one path segment
    /// when `segment`). A variable that is not set is an error: it is never sent as written.
    fn substitute(&self, text: &str, segment: bool) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else { break };
            let name = rest[start + 2..start + 2 + len].trim();
            let value = self.inner.variables.iter().find(|(n, _)| n == name).map(|(_, v)| v.expose());
            let value = value.ok_or_else(|| format!("the variable `{name}` is not set (see `ClientBuilder::variable`)"))?;
            out.push_str(&rest[..start]);
            if segment {
                out.extend(utf8_percent_encode(value, SEGMENT));
            } else {
                out.push_str(value);
            }
            rest = &rest[start + len + 4..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn header_name(name: &str) -> Result<http::HeaderName, String> {
    http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a valid header name"))
}

/// A header value holding a secret: refused when it contains CR/LF, marked sensitive.
fn secret_header(prefix: &str, secret: &str) -> Result<http::HeaderValue, String> {
    let mut value = http::HeaderValue::from_str(&format!("{prefix}{secret}"))
        .map_err(|_| "a credential holds a character not allowed in headers (CR, LF or another control character)".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}

/// Configures a [`Client`]. Obtain one with [`Client::builder`].
pub struct ClientBuilder {
    servers: Vec<String>,
    credentials: Vec<Auth>,
    variables: Vec<(String, Secret)>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("servers", &self.servers)
            .field("credentials", &self.credentials)
            .field("variables", &self.variables)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Adds credentials. Set one of each kind the API needs; a later one replaces an earlier one
    /// of the same kind.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.credentials.retain(|a| std::mem::discriminant(a) != std::mem::discriminant(&auth));
        self.credentials.push(auth);
        self
    }

    /// Sets the collection variable `name` (written `{{name}}` in the collection), for the
    /// variables the collection uses without giving a value. Values are kept like secrets.
    pub fn variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.variables.retain(|(n, _)| n != name);
        self.variables.push((name.to_owned(), Secret::new(value)));
        self
    }

    /// Uses this `reqwest` client (for proxies, timeouts, TLS settings, connection pools).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sets the base URL of server `index` (see the generated setters).
    pub(crate) fn server(mut self, index: usize, url: String) -> Self {
        self.servers[index] = url;
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        // Base URLs with `{{variables}}` are checked when they are filled in.
        for url in self.servers.iter().filter(|u| !u.is_empty() && !u.contains("{{")) {
            let uri: http::Uri = url.parse().map_err(|_| Error::Config(format!("invalid base URL `{url}`")))?;
            if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.query().is_some() {
                return Err(Error::Config(format!("base URL `{url}` must be http(s) without a query")));
            }
        }
        let mut inner = Inner {
            http: match self.http {
                Some(http) => http,
                None => reqwest::Client::builder()
                    .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
            },
            servers: self.servers,
            bearer: None,
            basic: None,
            api_key: None,
            variables: self.variables,
        };
        for auth in self.credentials {
            match auth {
                Auth::Bearer(token) => inner.bearer = Some(token),
                Auth::Basic { username, password } => inner.basic = Some((username, password)),
                Auth::ApiKey(key) => inner.api_key = Some(key),
            }
        }
        Ok(Client { inner: Arc::new(inner) })
    }
}

/// A request as a builder describes it, before the client adds base URL and credentials.
/// Setting an input again replaces its earlier value.
#[doc(hidden)]
#[derive(Clone)]
pub struct Call {
    client: Client,
    method: Method,
    server: usize,
    path: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    payload: Payload,
    auth: AuthKind,
    /// The first input that cannot be sent; reported instead of sending.
    error: Option<String>,
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

    /// The HTTP request this call sends.
    pub fn build<E>(&self) -> Result<http::Request<Vec<u8>>, Error<E>> {
        self.client.assemble(self).map_err(Error::InvalidRequest)
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
enum Payload {
    None,
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, Option<&'static str>, Vec<u8>)>),
    Raw(&'static str, Vec<u8>),
}

impl Payload {
    /// Content type and bytes.
    fn encode(&self) -> Option<(String, Vec<u8>)> {
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
                    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
                    if let Some(file) = file {
                        body.extend_from_slice(format!("; filename=\"{file}\"\r\nContent-Type: application/octet-stream").as_bytes());
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

/// One request of the API: how to build it and how to read its responses.
///
/// Implemented by every generated request builder. With [`build_request`] and
/// [`parse_response`] an operation can be sent through any HTTP stack.
pub trait Operation {
    /// What a documented success status decodes to.
    type Output: DeserializeOwned;
    /// What the body of a documented error status decodes to.
    type ErrorBody: DeserializeOwned;
    /// Documented success statuses; empty means any 2xx status.
    const SUCCESS: &'static [u16];
    /// Documented error statuses and what the collection says about them.
    const ERRORS: &'static [(u16, &'static str)];
    /// How a success body is read.
    const BODY: BodyKind;

    /// The request, before base URL and credentials are added.
    #[doc(hidden)]
    fn call(&self) -> &Call;
}

/// How the body of a success response is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON; an empty body reads as `null` (so `()`, `Option` and `Value` outputs accept it).
    Json,
    /// Text, as a JSON string.
    Text,
    /// Ignored: the output is `()`.
    Ignore,
}

/// Builds the HTTP request `op` sends, without sending it.
pub fn build_request<O: Operation>(op: &O) -> Result<http::Request<Vec<u8>>, Error<O::ErrorBody>> {
    op.call().build()
}

/// Turns an HTTP response into the operation's typed result.
pub fn parse_response<O: Operation>(
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
) -> Result<O::Output, Error<O::ErrorBody>> {
    let code = status.as_u16();
    let success = if O::SUCCESS.is_empty() { status.is_success() } else { O::SUCCESS.contains(&code) };
    if success {
        let decoded = match O::BODY {
            BodyKind::Json if !body.iter().all(u8::is_ascii_whitespace) => serde_json::from_slice(body),
            BodyKind::Json | BodyKind::Ignore => serde_json::from_value(serde_json::Value::Null),
            BodyKind::Text => serde_json::from_value(serde_json::Value::String(lossy(body))),
        };
        return decoded.map_err(|source| Error::Decode { status, body: lossy(body), source });
    }
    let text = lossy(body);
    match O::ERRORS.iter().find(|(s, _)| *s == code) {
        Some((_, description)) => Err(Error::Api(Box::new(ApiError::new(status, headers, text, description)))),
        None => Err(Error::UnexpectedStatus(Box::new(UnexpectedResponse { status, headers, body: text }))),
    }
}

fn lossy(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// Sends `op` with its client and decodes the response.
pub(crate) async fn send<O: Operation>(op: &O) -> Result<O::Output, Error<O::ErrorBody>> {
    let call = op.call();
    let request = reqwest::Request::try_from(call.build()?).map_err(transport)?;
    let response = call.client.inner.http.execute(request).await.map_err(transport)?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(transport)?;
    parse_response::<O>(status, headers, &body)
}

/// Drops the URL from a transport error: it can hold an API key in its query.
fn transport<E>(error: reqwest::Error) -> Error<E> {
    Error::Transport(error.without_url())
}

/// Everything that can go wrong with a request. `E` is the typed body of documented errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The client configuration is invalid.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The request could not be built from the given inputs; nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The request could not be sent or the response not received.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// A documented success status came with a body that does not decode.
    #[error("cannot decode the {status} response body: {source}")]
    Decode {
        /// The response status.
        status: StatusCode,
        /// The body as received.
        body: String,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },
    /// The server answered with a documented error status.
    #[error("{0}")]
    Api(Box<ApiError<E>>),
    /// The server answered with a status the collection does not document.
    #[error("unexpected response status {}", .0.status)]
    UnexpectedStatus(Box<UnexpectedResponse>),
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Decode { status, .. } => Some(*status),
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(r) => Some(r.status),
            _ => None,
        }
    }
}

/// A response with a documented error status.
#[derive(Debug, Clone)]
pub struct ApiError<E = serde_json::Value> {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
    body: Option<E>,
    code: Option<i64>,
    message: Option<String>,
    description: &'static str,
}

impl<E: DeserializeOwned> ApiError<E> {
    fn new(status: StatusCode, headers: HeaderMap, text: String, description: &'static str) -> Self {
        let json: Option<serde_json::Value> = serde_json::from_str(&text).ok();
        let field = |names: &[&str]| {
            names.iter().find_map(|n| json.as_ref()?.get(n).filter(|v| !v.is_null()).cloned())
        };
        let code = field(&["code", "error_code"]).and_then(|c| match c {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.parse().ok(),
            _ => None,
        });
        let message = field(&["message", "error_description", "error", "msg"]).map(|m| match m {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        });
        let body = serde_json::from_str(&text).ok();
        ApiError { status, headers, text, body, code, message, description }
    }
}

impl<E> ApiError<E> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response body as text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The response body decoded as the documented error type, if it matched.
    pub fn body(&self) -> Option<&E> {
        self.body.as_ref()
    }

    /// The API's error code (`code` in a JSON body), if any.
    pub fn code(&self) -> Option<i64> {
        self.code
    }

    /// The API's error message (`message` or similar in a JSON body), if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// What the collection documents for this status.
    pub fn description(&self) -> &'static str {
        self.description
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = self.code {
            write!(f, ", error code {code}")?;
        }
        match (&self.message, self.description) {
            (Some(message), _) => write!(f, ": {message}"),
            (None, "") => Ok(()),
            (None, description) => write!(f, ": {description}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

/// A response with a status the collection does not document: nothing is lost.
#[derive(Debug, Clone)]
pub struct UnexpectedResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body as text.
    pub body: String,
}

/// Implements `as_str`, `Display`, `From<&str>` and serde for a string enum whose last
/// variant is `Other(String)`, so a value the server adds later still decodes.
/// Implements [`Operation`] for a request builder (a newtype around [`Call`]) and adds its
/// `send` and `build_request` methods.
macro_rules! operation {
    ($name:ident => $output:ty, $error:ty; success [$($ok:literal),*]; errors [$(($code:literal, $doc:literal)),*]; body $body:ident) => {
        impl $name {
            /// Sends the request and decodes the response: a documented success status gives
            /// the typed value, a documented error status [`Error::Api`](crate::Error::Api),
            /// anything else another [`Error`](crate::Error).
            pub async fn send(self) -> Result<$output, crate::Error<$error>> {
                crate::runtime::send(&self).await
            }

            /// The HTTP request `send` would send, for use with another HTTP stack; decode the
            /// response with [`parse_response`](crate::parse_response).
            pub fn build_request(&self) -> Result<http::Request<Vec<u8>>, crate::Error<$error>> {
                self.0.build()
            }
        }

        impl From<crate::runtime::Call> for $name {
            fn from(call: crate::runtime::Call) -> Self {
                $name(call)
            }
        }

        impl crate::Operation for $name {
            type Output = $output;
            type ErrorBody = $error;
            const SUCCESS: &'static [u16] = &[$($ok),*];
            const ERRORS: &'static [(u16, &'static str)] = &[$(($code, $doc)),*];
            const BODY: crate::runtime::BodyKind = crate::runtime::BodyKind::$body;

            fn call(&self) -> &crate::runtime::Call {
                &self.0
            }
        }
    };
}
pub(crate) use operation;

#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),* }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;
