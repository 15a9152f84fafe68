//! [`Error`]: everything that can go wrong, and the responses errors keep.

use std::fmt;

use serde::de::DeserializeOwned;

use super::{HeaderMap, StatusCode};

pub(super) fn lossy(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// `text` with the values of credential-looking JSON members (`access_token`, `refresh_token`,
/// `client_secret`, ...) replaced by `***`, for error bodies from token endpoints.
pub(super) fn without_secrets(text: &str) -> String {
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(text) else { return text.to_owned() };
    if let Some(map) = json.as_object_mut() {
        for (key, value) in map.iter_mut() {
            if key.contains("token") || key.contains("secret") || key.contains("password") {
                *value = serde_json::Value::String("***".to_owned());
            }
        }
    }
    json.to_string()
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
    /// A success status came with a body that does not decode.
    #[error("{0}")]
    Decode(Box<DecodeError>),
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
            Error::Decode(e) => Some(e.status),
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
    pub(super) fn new(status: StatusCode, headers: HeaderMap, text: String, description: &'static str) -> Self {
        let json: Option<serde_json::Value> = serde_json::from_str(&text).ok();
        let field = |names: &[&str]| names.iter().find_map(|n| json.as_ref()?.get(n).filter(|v| !v.is_null()).cloned());
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

/// A success response whose body does not decode as the operation's type: nothing is lost.
#[derive(Debug, thiserror::Error)]
#[error("cannot decode the {status} response body at `{path}`: {source}")]
pub struct DecodeError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body as text.
    pub body: String,
    /// Where in the body decoding failed, as a JSON path (`data.items[3].id`; `.` for the body
    /// itself).
    pub path: String,
    /// What did not match.
    #[source]
    pub source: serde_json::Error,
}

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
