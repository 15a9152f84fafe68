//! Auth settings as each level of the collection gives them, and what an operation sends.

use crate::ir::Auth;
use crate::postman::{self, AuthType};

/// Auth as set on some level of the collection.
#[derive(Debug, Clone)]
pub(super) enum AuthSetting {
    None,
    Bearer,
    Basic,
    ApiKey { name: String, in_query: bool },
    Unsupported(String),
}

impl AuthSetting {
    /// `None` when the level inherits from its parent.
    pub fn from(auth: Option<&postman::Auth>) -> Option<AuthSetting> {
        let auth = auth?;
        Some(match &auth.kind {
            AuthType::Inherit => return None,
            AuthType::NoAuth => AuthSetting::None,
            AuthType::Bearer | AuthType::OAuth2 => AuthSetting::Bearer,
            AuthType::Basic => AuthSetting::Basic,
            AuthType::ApiKey => AuthSetting::ApiKey {
                name: auth.param("key").unwrap_or("api_key").to_owned(),
                in_query: auth.param("in") == Some("query"),
            },
            AuthType::Other(other) => AuthSetting::Unsupported(other.clone()),
        })
    }

    /// What the operation sends; `Err(kind)` for an auth type the client cannot send.
    pub fn lower(self) -> Result<Auth, String> {
        Ok(match self {
            AuthSetting::None => Auth::None,
            AuthSetting::Bearer => Auth::Bearer,
            AuthSetting::Basic => Auth::Basic,
            AuthSetting::ApiKey { name, in_query } => Auth::ApiKey { name, in_query },
            AuthSetting::Unsupported(kind) => return Err(kind),
        })
    }
}
