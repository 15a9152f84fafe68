//! Machinery shared by every operation: client configuration, credentials, request building,
//! sending (retries, OAuth refresh), response decoding, pagination and errors. Nothing in this
//! module is specific to one API.
//!
//! Public only so generated modules can use it; the crate root re-exports what users need.

mod auth;
mod call;
mod client;
mod dynamic;
mod error;
mod field;
mod macros;
mod oauth_grants;
mod pages;
mod response;
mod send;
mod sign;

pub use auth::{Auth, AuthKind, OAuth, Scheme, Secret, Signer, Tokens};
pub use call::{Call, Json, Piece};
pub(crate) use client::Preset;
pub use client::{Client, ClientBuilder, Retry};
pub use error::{ApiError, DecodeError, Error, UnexpectedResponse};
pub use field::Field;
#[allow(unused_imports)]
pub(crate) use macros::{operation, paginate, string_enum};
pub use oauth_grants::{AuthorizationCode, AuthorizationRequest};
pub use pages::{items, number, pages, token, Paginated};
pub use response::{build_request, parse_response, BodyKind, Operation, RateLimit, Response};
#[cfg(feature = "blocking")]
pub use send::block_on;
pub use send::{send, send_with_response};
#[allow(unused_imports)] // the credential types of the signing schemes the crate has
pub use sign::types::*;

pub use http::{HeaderMap, Method, StatusCode};
