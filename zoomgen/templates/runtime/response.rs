//! Reading responses: the [`Operation`] tables and [`parse_response`].

use serde::de::DeserializeOwned;

use super::error::lossy;
use super::{ApiError, Call, DecodeError, Error, HeaderMap, StatusCode, UnexpectedResponse};

/// One request of the API: how to build it and how to read its responses.
///
/// Implemented by every generated request builder. With [`build_request`] and
/// [`parse_response`] an operation can be sent through any HTTP stack.
pub trait Operation {
    /// What a success status decodes to.
    type Output: DeserializeOwned;
    /// What the body of a documented error status decodes to.
    type ErrorBody: DeserializeOwned;
    /// Documented success statuses (for reference: any 2xx status is a success).
    const SUCCESS: &'static [u16];
    /// Documented error statuses and what the collection says about them.
    const ERRORS: &'static [(u16, &'static str)];
    /// How a success body is read.
    const BODY: BodyKind;
    /// The path with `{name}` placeholders, for tracing (never the values).
    const PATH: &'static str;

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

/// Turns an HTTP response into the operation's typed result: any 2xx status decodes as the
/// success type; a documented error status is [`Error::Api`], any other
/// [`Error::UnexpectedStatus`].
pub fn parse_response<O: Operation>(
    status: StatusCode,
    headers: HeaderMap,
    body: &[u8],
) -> Result<O::Output, Error<O::ErrorBody>> {
    parse::<O>(status, &headers, body)
}

/// [`parse_response`] with the headers borrowed: they are copied into an error only.
pub(super) fn parse<O: Operation>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<O::Output, Error<O::ErrorBody>> {
    let code = status.as_u16();
    // Any 2xx succeeded, documented or not (a `DELETE` documented as 204 may answer 200).
    if status.is_success() {
        let decoded = match O::BODY {
            BodyKind::Json if !body.iter().all(u8::is_ascii_whitespace) => decode(body),
            BodyKind::Json | BodyKind::Ignore => decode_value(serde_json::Value::Null),
            BodyKind::Text => decode_value(serde_json::Value::String(lossy(body))),
        };
        return decoded.map_err(|(path, source)| {
            Error::Decode(Box::new(DecodeError { status, headers: headers.clone(), body: lossy(body), path, source }))
        });
    }
    let (headers, text) = (headers.clone(), lossy(body));
    match O::ERRORS.iter().find(|(s, _)| *s == code) {
        Some((_, description)) => Err(Error::Api(Box::new(ApiError::new(status, headers, text, description)))),
        None => Err(Error::UnexpectedStatus(Box::new(UnexpectedResponse { status, headers, body: text }))),
    }
}

/// Decodes JSON `body` as `T`; an error names the JSON path of what did not decode (found by
/// decoding once more, tracking the path, so that a body that decodes pays nothing for it).
pub(super) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, serde_json::Error)> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(plain) => {
            let mut json = serde_json::Deserializer::from_slice(body);
            let tracked: Result<T, _> = serde_path_to_error::deserialize(&mut json);
            match tracked
                .map_err(|e| (e.path().to_string(), e.into_inner()))
                .and_then(|_| json.end().map_err(|e| (".".to_owned(), e)))
            {
                Err(error) => Err(error),
                Ok(()) => Err((".".to_owned(), plain)),
            }
        }
    }
}

/// Decodes `value` as `T`; an error names the JSON path of what did not decode.
fn decode_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, (String, serde_json::Error)> {
    serde_path_to_error::deserialize(value).map_err(|e| (e.path().to_string(), e.into_inner()))
}

/// A decoded value with the response it came from.
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    status: StatusCode,
    headers: HeaderMap,
}

impl<T> Response<T> {
    pub(super) fn new(value: T, status: StatusCode, headers: HeaderMap) -> Self {
        Response { value, status, headers }
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, taken out.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate-limit headers of the response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }
}

/// Rate-limit information from the usual response headers (`X-RateLimit-Limit`,
/// `X-RateLimit-Remaining`, `X-RateLimit-Reset`, the `RateLimit-*` draft, `Retry-After`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets, as the server wrote it.
    pub reset: Option<String>,
    /// `Retry-After`, as the server wrote it.
    pub retry_after: Option<String>,
}

impl RateLimit {
    /// Reads the rate-limit headers.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let text = |names: &[&str]| {
            names.iter().find_map(|n| headers.get(*n).and_then(|v| v.to_str().ok()).map(str::to_owned))
        };
        let number = |names: &[&str]| text(names).and_then(|v| v.trim().parse().ok());
        RateLimit {
            limit: number(&["x-ratelimit-limit", "ratelimit-limit"]),
            remaining: number(&["x-ratelimit-remaining", "ratelimit-remaining"]),
            reset: text(&["x-ratelimit-reset", "ratelimit-reset"]),
            retry_after: text(&["retry-after"]),
        }
    }
}
