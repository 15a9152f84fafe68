//! Credentials: secrets, static credentials, and OAuth 2.0 refresh-token flows.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// Credentials for the client. Set several with [`ClientBuilder::auth`](crate::ClientBuilder::auth); each operation uses
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

/// What [`OAuth::on_refresh`] calls.
type RefreshCallback = Arc<dyn Fn(&Tokens) + Send + Sync>;

/// OAuth 2.0 credentials: the client obtains access tokens itself, with a refresh token
/// ([`OAuth::new`], RFC 6749 §6), the client-credentials grant ([`OAuth::client_credentials`],
/// §4.4) or Zoom's Server-to-Server OAuth ([`OAuth::account_credentials`]); caches them; fetches
/// a new one shortly before it expires and once when the API answers 401; and tells you the new
/// refresh token when the server rotates it.
///
/// Concurrent requests share one token request. The token endpoint is the collection's OAuth 2.0
/// access-token URL unless set with [`OAuth::token_url`]; the client id and secret are sent as
/// HTTP Basic auth, and also serve the operations that use Basic auth (such as token revocation)
/// when no [`Auth::basic`] is given.
#[derive(Clone)]
pub struct OAuth {
    pub(super) client_id: String,
    pub(super) client_secret: Secret,
    pub(super) refresh_token: Secret,
    /// `grant_type` and the other form fields of a grant without refresh token.
    pub(super) grant: Option<(String, Vec<(String, Secret)>)>,
    pub(super) token_url: Option<String>,
    pub(super) on_refresh: Option<RefreshCallback>,
}

impl OAuth {
    /// Credentials from an OAuth app's client id and secret and a user's refresh token.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        OAuth {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
            refresh_token: Secret::new(refresh_token),
            grant: None,
            token_url: None,
            on_refresh: None,
        }
    }

    /// The client-credentials grant (`grant_type=client_credentials`): tokens for the app
    /// itself, from its client id and secret alone. Add fields with [`OAuth::form_field`]
    /// (`scope`, `audience`).
    pub fn client_credentials(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        let mut oauth = OAuth::new(client_id, client_secret, "");
        oauth.grant = Some(("client_credentials".to_owned(), Vec::new()));
        oauth
    }

    /// Zoom's Server-to-Server OAuth: `grant_type=account_credentials&account_id=..`, with the
    /// app's client id and secret as HTTP Basic auth; Zoom answers an access token and
    /// `expires_in`, no refresh token, so a new token is fetched the same way when it expires.
    pub fn account_credentials(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let mut oauth = OAuth::new(client_id, client_secret, "");
        oauth.grant =
            Some(("account_credentials".to_owned(), vec![("account_id".to_owned(), Secret::new(account_id))]));
        oauth
    }

    /// Sends one more form field to the token endpoint with a grant without refresh token
    /// (`scope`, `audience`, or what the API asks for). The value is kept as a secret.
    pub fn form_field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Some((_, fields)) = &mut self.grant {
            fields.push((name.into(), Secret::new(value)));
        }
        self
    }

    /// Calls `callback` after every refresh, with the new tokens: persist
    /// `tokens.refresh_token` when the server rotates it (Zoom does).
    pub fn on_refresh(mut self, callback: impl Fn(&Tokens) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Arc::new(callback));
        self
    }

    /// Uses this token endpoint instead of the collection's.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }
}

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &self.refresh_token)
            .field("grant_type", &self.grant.as_ref().map_or("refresh_token", |(g, _)| g.as_str()))
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

/// Tokens returned by a refresh.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Tokens {
    /// The new access token.
    pub access_token: Secret,
    /// The refresh token to use next time (the old one when the server did not rotate it;
    /// empty with a grant without refresh token).
    pub refresh_token: Secret,
    /// Seconds until the access token expires, when the server says.
    pub expires_in: Option<u64>,
    /// Granted scopes, when the server says.
    pub scope: Option<String>,
}

/// The token endpoint's JSON answer (RFC 6749 §5.1).
#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: Secret,
    #[serde(default)]
    refresh_token: Option<Secret>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    scope: Option<String>,
}

/// How long before expiry a cached access token is refreshed.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// OAuth state shared by clones of one client.
pub(super) struct TokenCache {
    pub(super) oauth: OAuth,
    state: tokio::sync::Mutex<TokenState>,
}

struct TokenState {
    access: Option<(Secret, Option<Instant>)>,
    refresh_token: Secret,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache").field("oauth", &self.oauth).finish_non_exhaustive()
    }
}

impl TokenCache {
    pub(super) fn new(oauth: OAuth) -> Self {
        let refresh_token = oauth.refresh_token.clone();
        TokenCache { oauth, state: tokio::sync::Mutex::new(TokenState { access: None, refresh_token }) }
    }

    /// A valid access token without waiting, if one is cached.
    pub(super) fn cached(&self) -> Option<Secret> {
        let state = self.state.try_lock().ok()?;
        match &state.access {
            Some((token, expires)) if expires.is_none_or(|e| Instant::now() + EXPIRY_MARGIN < e) => Some(token.clone()),
            _ => None,
        }
    }

    /// A valid access token, refreshing first when there is none, it is about to expire, or it
    /// is `rejected` (the API answered 401 to it). Callers waiting here share one refresh.
    pub(super) async fn token<E>(
        &self,
        http: &reqwest::Client,
        default_url: &str,
        rejected: Option<&Secret>,
    ) -> Result<Secret, crate::Error<E>> {
        let mut state = self.state.lock().await;
        if let Some((token, expires)) = &state.access {
            let fresh = expires.is_none_or(|e| Instant::now() + EXPIRY_MARGIN < e);
            if fresh && rejected != Some(token) {
                return Ok(token.clone());
            }
        }
        let url = self.oauth.token_url.as_deref().unwrap_or(default_url);
        if url.is_empty() {
            return Err(crate::Error::Config("no OAuth token URL: set it with `OAuth::token_url`".to_owned()));
        }
        let mut form = form_urlencoded::Serializer::new(String::new());
        match &self.oauth.grant {
            None => form
                .append_pair("grant_type", "refresh_token")
                .append_pair("refresh_token", state.refresh_token.expose()),
            Some((grant_type, fields)) => {
                form.append_pair("grant_type", grant_type);
                fields.iter().fold(&mut form, |form, (name, value)| form.append_pair(name, value.expose()))
            }
        };
        let body = form.finish();
        let response = http
            .post(url)
            .basic_auth(&self.oauth.client_id, Some(self.oauth.client_secret.expose()))
            .header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .map_err(|e| crate::Error::Transport(e.without_url()))?;
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.map_err(|e| crate::Error::Transport(e.without_url()))?;
        if !status.is_success() {
            let body = super::error::without_secrets(&text);
            return Err(crate::Error::UnexpectedStatus(Box::new(crate::UnexpectedResponse { status, headers, body })));
        }
        let parsed: TokenResponse = super::response::decode(text.as_bytes()).map_err(|(path, source)| {
            let body = super::error::without_secrets(&text);
            crate::Error::Decode(Box::new(super::DecodeError { status, headers, body, path, source }))
        })?;
        let expires = parsed.expires_in.map(|s| Instant::now() + Duration::from_secs(s));
        if let Some(rotated) = &parsed.refresh_token {
            state.refresh_token = rotated.clone();
        }
        state.access = Some((parsed.access_token.clone(), expires));
        if let Some(callback) = &self.oauth.on_refresh {
            callback(&Tokens {
                access_token: parsed.access_token.clone(),
                refresh_token: state.refresh_token.clone(),
                expires_in: parsed.expires_in,
                scope: parsed.scope,
            });
        }
        Ok(parsed.access_token)
    }
}
