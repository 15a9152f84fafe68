//! Auth settings as each level of the collection gives them, and what an operation sends.

use crate::ir::{Auth, Scheme, Template};
use crate::postman::{self, AuthType};

/// Auth as set on some level of the collection.
#[derive(Debug, Clone)]
pub(super) enum AuthSetting {
    None,
    /// A bearer token: the header prefix and whether it goes in the query.
    Bearer(String, bool),
    Basic,
    ApiKey {
        name: String,
        in_query: bool,
    },
    /// A signing scheme with the collection's parameters of it, as written.
    Signed(Scheme, Vec<(String, String)>),
    Unsupported(String),
}

impl AuthSetting {
    /// `None` when the level inherits from its parent.
    pub fn from(auth: Option<&postman::Auth>) -> Option<AuthSetting> {
        let auth = auth?;
        Some(match &auth.kind {
            AuthType::Inherit => return None,
            AuthType::NoAuth => AuthSetting::None,
            AuthType::Bearer => AuthSetting::Bearer("Bearer".to_owned(), false),
            // Postman: `headerPrefix` trimmed (`Bearer` when absent), `addTokenTo` the header
            // unless `queryParams`.
            AuthType::OAuth2 => AuthSetting::Bearer(
                auth.param("headerPrefix").map_or("Bearer", str::trim).to_owned(),
                auth.param("addTokenTo") == Some("queryParams"),
            ),
            AuthType::Basic => AuthSetting::Basic,
            AuthType::ApiKey => AuthSetting::ApiKey {
                name: auth.param("key").unwrap_or("api_key").to_owned(),
                in_query: auth.param("in") == Some("query"),
            },
            AuthType::Other(other) => match Scheme::ALL.into_iter().find(|s| s.postman_name() == other) {
                Some(scheme) => AuthSetting::Signed(
                    scheme,
                    auth.params.iter().map(|(k, v)| (k.clone(), v.clone().unwrap_or_default())).collect(),
                ),
                None => AuthSetting::Unsupported(other.clone()),
            },
        })
    }

    /// What the operation sends; `Err(kind)` for an auth type the client cannot send. A
    /// signing scheme keeps the settings the collection gives (not its credentials), resolved and
    /// made templates by `template`.
    pub fn lower(self, mut template: impl FnMut(&str) -> Template) -> Result<Auth, String> {
        Ok(match self {
            AuthSetting::None => Auth::None,
            AuthSetting::Bearer(prefix, in_query) => Auth::Bearer { prefix, in_query },
            AuthSetting::Basic => Auth::Basic,
            AuthSetting::ApiKey { name, in_query } => Auth::ApiKey { name, in_query },
            AuthSetting::Signed(scheme, params) => {
                let mut settings: Vec<(String, Template)> = Vec::new();
                for key in scheme.settings() {
                    if let Some((_, value)) = params.iter().find(|(k, _)| k == key) {
                        settings.push(((*key).to_owned(), template(value)));
                    }
                }
                Auth::Signed { scheme, settings }
            }
            AuthSetting::Unsupported(kind) => return Err(kind),
        })
    }
}
