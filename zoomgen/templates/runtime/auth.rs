//! Credentials: secrets, static credentials, and OAuth 2.0 grants with a token cache.

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
    /// Credentials of a signing scheme: `Auth::from` one of the scheme types the crate has
    /// ([`Scheme`] lists them all).
    Signed(Signer),
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
    /// [`Auth::Bearer`]: `Authorization: Bearer <token>`.
    Bearer,
    /// [`Auth::Bearer`] with another prefix (none when empty): `Authorization: <prefix> <token>`.
    BearerPrefix(&'static str),
    /// [`Auth::Bearer`] as the `access_token` query parameter.
    BearerQuery,
    /// [`Auth::Basic`].
    Basic,
    /// [`Auth::ApiKey`] as a header with this name.
    ApiKeyHeader(&'static str),
    /// [`Auth::ApiKey`] as a query parameter with this name.
    ApiKeyQuery(&'static str),
    /// [`Auth::Signed`] of this scheme, with the collection's settings of it.
    Signed(Scheme, &'static [(&'static str, &'static [super::Piece])]),
}

/// Postman's signing auth types. A crate has the credential type of each one its collection
/// uses (`OAuth1`, `Hawk`, `AwsV4`, `Digest`, `Jwt`, `EdgeGrid`, `Ntlm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// OAuth 1.0a signatures.
    OAuth1,
    /// Hawk.
    Hawk,
    /// AWS Signature Version 4.
    AwsV4,
    /// HTTP Digest.
    Digest,
    /// JWT bearer tokens.
    Jwt,
    /// Akamai EdgeGrid.
    EdgeGrid,
    /// NTLM.
    Ntlm,
}

/// The collection's settings of an operation's scheme (not its credentials), variables filled in.
#[derive(Debug, Default)]
pub(crate) struct Settings(pub(crate) Vec<(&'static str, String)>);

#[allow(dead_code)] // read by the signing schemes a crate has
impl Settings {
    /// The setting `key`, when the collection gives it a value.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// The setting `key` as the collection gives it, empty or not.
    pub(crate) fn raw(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// Whether the boolean setting `key` is on.
    pub(crate) fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

/// What every scheme's credentials do.
pub(crate) trait Sign: fmt::Debug + Send + Sync {
    /// The scheme the credentials are for.
    fn scheme(&self) -> Scheme;

    /// Adds the credentials to `request` (a header, query parameters or form fields).
    fn sign(&self, request: &mut http::Request<Vec<u8>>, settings: &Settings) -> Result<(), String>;

    /// Takes in the challenge of a `401` answer (`WWW-Authenticate`); `true` when the request
    /// should be built and sent again to answer it.
    fn challenge(&self, _headers: &http::HeaderMap, _settings: &Settings) -> bool {
        false
    }
}

/// Credentials of a signing scheme: made with `Auth::from` from the crate's credential type of
/// the scheme (`OAuth1`, `Hawk`, ...), or given to
/// [`ClientBuilder::auth`](crate::ClientBuilder::auth) as they are.
#[derive(Clone)]
pub struct Signer(pub(crate) Arc<dyn Sign>);

impl Signer {
    #[allow(dead_code)] // a crate without signing schemes makes none
    pub(crate) fn new(sign: impl Sign + 'static) -> Self {
        Signer(Arc::new(sign))
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Two signers are equal when they are the same credentials (clones of one value).
impl PartialEq for Signer {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(Arc::as_ptr(&self.0) as *const (), Arc::as_ptr(&other.0) as *const ())
    }
}

impl Eq for Signer {}

impl From<Signer> for Auth {
    fn from(signer: Signer) -> Self {
        Auth::Signed(signer)
    }
}

/// What [`OAuth::on_refresh`] calls.
type RefreshCallback = Arc<dyn Fn(&Tokens) + Send + Sync>;

/// OAuth 2.0 credentials: the client obtains access tokens itself, with
///
/// - a refresh token ([`OAuth::new`], RFC 6749 §6);
/// - an authorization code with PKCE ([`OAuth::authorization_code`], §4.1 and RFC 7636), then
///   the refresh token it brings;
/// - the user's password ([`OAuth::password`], §4.3);
/// - the app's client credentials ([`OAuth::client_credentials`], §4.4);
/// - or Zoom's Server-to-Server OAuth ([`OAuth::account_credentials`]).
///
/// It caches them; fetches a new one shortly before it expires and once when the API answers
/// 401; and tells you the new refresh token when the server rotates it. Concurrent requests share
/// one token request.
///
/// The token endpoint is the collection's OAuth 2.0 access-token URL unless set with
/// [`OAuth::token_url`]. The client id and secret are sent as HTTP Basic auth, or as form fields
/// with [`OAuth::client_auth_in_body`]; they also serve the operations that use Basic auth (such
/// as token revocation) when no [`Auth::basic`] is given. [`OAuth::scope`] asks for scopes.
/// Without the built-in client, [`OAuth::token_request`] is the token request to send and
/// [`Tokens::from_response`] reads its answer.
///
/// ```no_run
#[doc = concat!("use ", env!("CARGO_CRATE_NAME"), "::{Client, OAuth};")]
///
/// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// // POST https://auth.example/token with the form body
/// // grant_type=password&username=ada&password=..&scope=read+write&client_id=app&client_secret=..
/// let oauth = OAuth::password("app", std::env::var("CLIENT_SECRET")?, "ada", std::env::var("PASSWORD")?)
///     .scope("read write")
///     .client_auth_in_body()
///     .token_url("https://auth.example/token");
/// let client = Client::builder().oauth(oauth).build()?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct OAuth {
    pub(super) client_id: String,
    pub(super) client_secret: Secret,
    pub(super) refresh_token: Secret,
    /// The grant, when it is not the refresh token.
    pub(super) grant: Option<Grant>,
    pub(super) scope: Option<String>,
    pub(super) client_auth_in_body: bool,
    pub(super) token_url: Option<String>,
    pub(super) on_refresh: Option<RefreshCallback>,
}

/// A grant other than the refresh token: its `grant_type` and form fields.
#[derive(Clone)]
pub(super) struct Grant {
    grant_type: &'static str,
    fields: Vec<(String, Secret)>,
    /// Good for one token request (an authorization code): later tokens come from the refresh
    /// token it brought.
    once: bool,
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
            scope: crate::OAUTH_SCOPE.map(str::to_owned),
            client_auth_in_body: crate::OAUTH_CLIENT_AUTH_IN_BODY,
            token_url: None,
            on_refresh: None,
        }
    }

    /// Credentials that obtain tokens with the grant `grant_type` and its form fields.
    pub(super) fn with_grant(
        client_id: String,
        client_secret: Secret,
        grant_type: &'static str,
        fields: Vec<(&str, Secret)>,
        once: bool,
    ) -> Self {
        let fields = fields.into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
        OAuth { client_secret, grant: Some(Grant { grant_type, fields, once }), ..OAuth::new(client_id, "", "") }
    }

    /// The client-credentials grant (`grant_type=client_credentials`): tokens for the app
    /// itself, from its client id and secret alone. Add fields with [`OAuth::scope`] and
    /// [`OAuth::form_field`] (`audience`).
    pub fn client_credentials(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        OAuth::with_grant(client_id.into(), Secret::new(client_secret), "client_credentials", Vec::new(), false)
    }

    /// The resource owner password grant (`grant_type=password&username=..&password=..`,
    /// RFC 6749 §4.3): tokens for a user, from the user's own name and password, which are sent
    /// again whenever a new access token is needed.
    pub fn password(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let fields = vec![("username", Secret::new(username)), ("password", Secret::new(password))];
        OAuth::with_grant(client_id.into(), Secret::new(client_secret), "password", fields, false)
    }

    /// Zoom's Server-to-Server OAuth: `grant_type=account_credentials&account_id=..`, with the
    /// app's client id and secret as HTTP Basic auth; Zoom answers an access token and
    /// `expires_in`, no refresh token, so a new token is fetched the same way when it expires.
    pub fn account_credentials(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        let fields = vec![("account_id", Secret::new(account_id))];
        OAuth::with_grant(client_id.into(), Secret::new(client_secret), "account_credentials", fields, false)
    }

    /// Asks for these scopes (space-separated, as the server names them) instead of the
    /// collection's OAuth 2.0 `scope`, if it gives one: `scope=..` in every token request, except the exchange of an authorization code, whose authorization request
    /// carried them ([`AuthorizationCode::authorize_url`](crate::AuthorizationCode::authorize_url)).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Sends the client id and secret as the `client_id` and `client_secret` form fields of the
    /// token request instead of HTTP Basic auth (Postman's "Send client credentials in body",
    /// which is the default when the collection's OAuth 2.0 settings choose it).
    /// An empty secret is left out, as a public client has none.
    pub fn client_auth_in_body(mut self) -> Self {
        self.client_auth_in_body = true;
        self
    }

    /// Sends one more form field to the token endpoint with a grant other than the refresh
    /// token (`audience`, or what the API asks for). The value is kept as a secret.
    pub fn form_field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Some(grant) = &mut self.grant {
            grant.fields.push((name.into(), Secret::new(value)));
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

    /// The first token request the client sends with these credentials, to send it through any
    /// HTTP stack: a form-encoded `POST` to the token endpoint, with the client credentials.
    /// Read the answer with [`Tokens::from_response`].
    pub fn token_request(&self) -> Result<http::Request<Vec<u8>>, crate::Error> {
        let url = self.token_url.as_deref().unwrap_or(crate::OAUTH_TOKEN_URL);
        self.build_token_request(url, self.grant.as_ref(), &self.refresh_token)
    }

    /// The token request to `url` with `grant`, or with `refresh_token` when there is none.
    fn build_token_request<E>(
        &self,
        url: &str,
        grant: Option<&Grant>,
        refresh_token: &Secret,
    ) -> Result<http::Request<Vec<u8>>, crate::Error<E>> {
        if url.is_empty() {
            return Err(crate::Error::Config("no OAuth token URL: set it with `OAuth::token_url`".to_owned()));
        }
        let mut form = form_urlencoded::Serializer::new(String::new());
        match grant {
            None => {
                form.append_pair("grant_type", "refresh_token").append_pair("refresh_token", refresh_token.expose());
            }
            Some(grant) => {
                form.append_pair("grant_type", grant.grant_type);
                for (name, value) in &grant.fields {
                    form.append_pair(name, value.expose());
                }
            }
        }
        // An authorization code's exchange repeats no scope: the authorization request had it.
        if let Some(scope) = self.scope.as_deref().filter(|_| !grant.is_some_and(|g| g.once)) {
            form.append_pair("scope", scope);
        }
        let mut request =
            http::Request::post(url).header(http::header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if self.client_auth_in_body {
            form.append_pair("client_id", &self.client_id);
            if !self.client_secret.expose().is_empty() {
                form.append_pair("client_secret", self.client_secret.expose());
            }
        } else {
            use base64::Engine as _;
            let raw = format!("{}:{}", self.client_id, self.client_secret.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
            let mut value = http::HeaderValue::try_from(format!("Basic {encoded}"))
                .map_err(|_| crate::Error::Config("the OAuth client id is not a valid header value".to_owned()))?;
            value.set_sensitive(true);
            request = request.header(http::header::AUTHORIZATION, value);
        }
        request
            .body(form.finish().into_bytes())
            .map_err(|e| crate::Error::Config(format!("invalid OAuth token URL: {e}")))
    }
}

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("refresh_token", &self.refresh_token)
            .field("grant_type", &self.grant.as_ref().map_or("refresh_token", |g| g.grant_type))
            .field("scope", &self.scope)
            .field("client_auth", &if self.client_auth_in_body { "body" } else { "basic" })
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

impl Tokens {
    /// Reads the token endpoint's answer to an [`OAuth::token_request`] (RFC 6749 §5): the
    /// tokens of a success status, else [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus)
    /// with the body, its tokens and secrets masked. `refresh_token` is empty when the answer
    /// has none.
    pub fn from_response(
        status: http::StatusCode,
        headers: http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, crate::Error> {
        let parsed = TokenResponse::read(status, headers, body)?;
        Ok(Tokens {
            access_token: parsed.access_token,
            refresh_token: parsed.refresh_token.unwrap_or_default(),
            expires_in: parsed.expires_in,
            scope: parsed.scope,
        })
    }
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

impl TokenResponse {
    /// The tokens of a success answer; any other status is an error.
    fn read<E>(status: http::StatusCode, headers: http::HeaderMap, body: &[u8]) -> Result<Self, crate::Error<E>> {
        let masked = || super::error::without_secrets(&String::from_utf8_lossy(body));
        if !status.is_success() {
            let body = masked();
            return Err(crate::Error::UnexpectedStatus(Box::new(crate::UnexpectedResponse { status, headers, body })));
        }
        super::response::decode(body).map_err(|(path, source)| {
            let body = masked();
            crate::Error::Decode(Box::new(super::DecodeError { status, headers, body, path, source }))
        })
    }
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
    /// The grant good for one request was used: tokens now come from the refresh token.
    spent: bool,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache").field("oauth", &self.oauth).finish_non_exhaustive()
    }
}

impl TokenCache {
    pub(super) fn new(oauth: OAuth) -> Self {
        let refresh_token = oauth.refresh_token.clone();
        let state = TokenState { access: None, refresh_token, spent: false };
        TokenCache { oauth, state: tokio::sync::Mutex::new(state) }
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
        let grant = self.oauth.grant.as_ref().filter(|g| !(g.once && state.spent));
        if grant.is_none() && state.spent && state.refresh_token.expose().is_empty() {
            return Err(crate::Error::Config(
                "the authorization code is used up and the server gave no refresh token: authorize again".to_owned(),
            ));
        }
        let url = self.oauth.token_url.as_deref().unwrap_or(default_url);
        let request = self.oauth.build_token_request(url, grant, &state.refresh_token)?;
        let transport = |e: reqwest::Error| crate::Error::Transport(e.without_url());
        let request = reqwest::Request::try_from(request).map_err(transport)?;
        let response = http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        let parsed = TokenResponse::read(status, headers, &body)?;
        let expires = parsed.expires_in.map(|s| Instant::now() + Duration::from_secs(s));
        if let Some(rotated) = &parsed.refresh_token {
            state.refresh_token = rotated.clone();
        }
        state.spent |= grant.is_some_and(|g| g.once);
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
