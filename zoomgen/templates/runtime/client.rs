//! [`Client`] and its configuration.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::TokenCache;
use super::auth::{Settings, Signer};
use super::{Auth, AuthKind, Call, Error, HeaderMap, OAuth, Piece, Secret};

/// The API client: cheap to clone, safe to share between tasks.
#[derive(Clone, Debug)]
pub struct Client {
    pub(super) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(super) struct Inner {
    pub(super) http: reqwest::Client,
    /// Base URLs by server, or why one cannot be used (a variable that is not set).
    servers: Vec<Result<String, String>>,
    bearer: Option<Secret>,
    /// `Authorization: Bearer <bearer>`, made once (none for an empty or unsendable token).
    bearer_header: Option<http::HeaderValue>,
    basic: Option<(String, Secret)>,
    api_key: Option<Secret>,
    signers: Vec<Signer>,
    variables: Vec<(String, Secret)>,
    pub(super) oauth: Option<TokenCache>,
    pub(super) retry: Retry,
    #[cfg(feature = "blocking")]
    pub(super) runtime: std::sync::OnceLock<tokio::runtime::Runtime>,
}

/// When and how often a request is tried again after `429 Too Many Requests` or
/// `503 Service Unavailable`.
///
/// The server's `Retry-After` (seconds or an HTTP date) is honoured; without it the delay grows
/// exponentially with random jitter. Methods that are not idempotent (POST, PATCH) are not
/// retried unless [`Retry::non_idempotent`] allows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    pub(super) max_retries: u32,
    pub(super) base_delay: Duration,
    pub(super) max_delay: Duration,
    pub(super) non_idempotent: bool,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
            non_idempotent: false,
        }
    }
}

impl Retry {
    /// No retries at all.
    pub fn never() -> Self {
        Retry { max_retries: 0, ..Retry::default() }
    }

    /// Tries again at most `n` times.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The first backoff delay (doubled on each further try) when the server gives no
    /// `Retry-After`.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait between tries, `Retry-After` included.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Also retries POST and PATCH requests (only when repeating them is safe for the API).
    pub fn non_idempotent(mut self, allow: bool) -> Self {
        self.non_idempotent = allow;
        self
    }
}

impl Client {
    /// A `reqwest` builder with this crate's TLS, to start an HTTP client of your own for
    /// [`ClientBuilder::http_client`]: with `rustls-ring` and no process-wide rustls provider,
    /// a plain `reqwest::Client::builder()` has no TLS provider, and reqwest panics.
    pub fn http_builder() -> Result<reqwest::ClientBuilder, Error> {
        http_builder()
    }

    /// A builder with the collection's base URLs and no credentials.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            servers: vec![None; crate::SERVERS.len()],
            credentials: Vec::new(),
            variables: Vec::new(),
            preset: None,
            http: None,
            oauth: None,
            retry: Retry::default(),
            timeout: None,
            user_agent: None,
        }
    }

    /// Builds the HTTP request for `parts`: base URL, variables, credentials (`token` for
    /// bearer auth when given, else the static or cached one), headers and body.
    pub(super) fn assemble(&self, parts: &Call, token: Option<&Secret>) -> Result<Assembled, String> {
        if let Some(error) = &parts.error {
            return Err(error.clone());
        }
        let inner = &self.inner;
        let base = match inner.servers.get(parts.server) {
            Some(Ok(base)) => base.as_str(),
            Some(Err(error)) => return Err(error.clone()),
            None => "",
        };
        if base.is_empty() {
            return Err("no base URL is configured for this operation".to_owned());
        }
        let path = &parts.path;
        // Room for the headers reqwest adds (`user-agent`, `accept`) without growing.
        let mut headers = HeaderMap::with_capacity(parts.headers.len() + 4);
        let mut query: Vec<(&str, Option<&str>)> = parts.query.iter().map(|(n, v)| (*n, v.as_deref())).collect();
        query.sort_by_key(|(name, _)| parts.query_rank(name));
        for (name, _) in &mut query {
            *name = parts.query_key(name);
        }
        let cached = inner.oauth.as_ref().and_then(TokenCache::cached);
        let bearer = || {
            token
                .or(inner.bearer.as_ref())
                .or(cached.as_ref())
                .ok_or("this operation needs Auth::bearer credentials (or an OAuth access token, fetched by `send`)")
        };
        match parts.auth {
            AuthKind::None => {}
            AuthKind::Bearer if token.is_none() && inner.bearer_header.is_some() => {
                headers.extend(inner.bearer_header.clone().map(|value| (http::header::AUTHORIZATION, value)));
            }
            AuthKind::Bearer | AuthKind::BearerPrefix(_) => {
                let prefix = match parts.auth {
                    AuthKind::BearerPrefix("") => String::new(),
                    AuthKind::BearerPrefix(prefix) => format!("{prefix} "),
                    _ => "Bearer ".to_owned(),
                };
                // As Postman: an empty token sends no `Authorization`.
                let token = bearer()?;
                if !token.expose().is_empty() {
                    headers.insert(http::header::AUTHORIZATION, secret_header(&prefix, token.expose())?);
                }
            }
            AuthKind::BearerQuery => {
                let token = bearer()?;
                if !token.expose().is_empty() {
                    query.retain(|(name, _)| *name != "access_token");
                    query.push(("access_token", Some(token.expose())));
                }
            }
            AuthKind::Basic => {
                use base64::Engine as _;
                let oauth = inner.oauth.as_ref().map(|c| (&c.oauth.client_id, &c.oauth.client_secret));
                let (user, password) = inner
                    .basic
                    .as_ref()
                    .map(|(u, p)| (u, p))
                    .or(oauth)
                    .ok_or("this operation needs Auth::basic credentials")?;
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
                query.push((name, Some(key.expose())));
            }
            AuthKind::Signed(..) => {}
        }
        // A header the credentials set replaces the item's own of that name.
        let from_auth: Vec<http::HeaderName> =
            if parts.headers.is_empty() { Vec::new() } else { headers.keys().cloned().collect() };
        for (name, value) in &parts.headers {
            let name = header_name(name)?;
            if from_auth.contains(&name) {
                continue;
            }
            let value = http::HeaderValue::from_str(value).map_err(|_| {
                format!(
                    "header `{name}` holds a character not allowed in headers (CR, LF or another control character)"
                )
            })?;
            headers.append(name, value);
        }
        let query = super::call::query_string(query);
        let base = base.trim_end_matches('/');
        let mut url = String::with_capacity(base.len() + path.len() + 1 + query.len());
        url.push_str(base);
        url.push_str(path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        let body = match parts.payload.encode(|name| parts.body_rank(name)) {
            Some((content_type, body)) => {
                if let Some(content_type) = content_type {
                    let value = http::HeaderValue::from_str(&content_type)
                        .map_err(|_| format!("invalid content type `{content_type}`"))?;
                    headers.insert(http::header::CONTENT_TYPE, value);
                }
                body
            }
            None => Vec::new(),
        };
        let assembled = Assembled::Parts { method: parts.method.clone(), url, headers, body };
        match parts.auth {
            AuthKind::Signed(scheme, settings) => {
                let mut request = assembled.into_http()?;
                self.signer(scheme)?.0.sign(&mut request, &self.settings(settings)?)?;
                Ok(Assembled::Http(request))
            }
            _ => Ok(assembled),
        }
    }

    /// A signing scheme's settings, variables filled in.
    pub(super) fn settings(&self, settings: &[(&'static str, &'static [Piece])]) -> Result<Settings, String> {
        let filled = settings.iter().map(|(key, value)| Ok((*key, self.fill(value)?)));
        Ok(Settings(filled.collect::<Result<_, String>>()?))
    }

    /// The credentials given for `scheme`.
    pub(super) fn signer(&self, scheme: super::Scheme) -> Result<&Signer, String> {
        let found = self.inner.signers.iter().find(|s| s.0.scheme() == scheme);
        found
            .ok_or_else(|| format!("this operation needs {scheme:?} credentials: give them with `ClientBuilder::auth`"))
    }
}

impl Client {
    /// Fills in a template with the client's variables. One of Postman's dynamic variables
    /// (`$guid`, `$timestamp`, ...) that is not set gets a fresh value each time; any other
    /// variable that is not set is an error: it is never sent as written.
    pub(super) fn fill(&self, pieces: &[Piece]) -> Result<String, String> {
        fill(pieces, &self.inner.variables)
    }
}

fn fill(pieces: &[Piece], variables: &[(String, Secret)]) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Var(name) => {
                let set = variables.iter().find(|(n, _)| n == name).map(|(_, v)| v.expose().to_owned());
                let value = set.or_else(|| super::dynamic::value(name));
                let value =
                    value.ok_or_else(|| format!("the variable `{name}` is not set (see `ClientBuilder::variable`)"))?;
                out.push_str(&value);
            }
        }
    }
    Ok(out)
}

fn header_name(name: &str) -> Result<http::HeaderName, String> {
    http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a valid header name"))
}

/// A header value holding a secret: refused when it contains CR/LF, marked sensitive.
fn secret_header(prefix: &str, secret: &str) -> Result<http::HeaderValue, String> {
    let mut value = http::HeaderValue::from_str(&format!("{prefix}{secret}")).map_err(|_| {
        "a credential holds a character not allowed in headers (CR, LF or another control character)".to_owned()
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// A request ready to send: its parts, or an `http::Request` once a signature was computed
/// over it.
pub(super) enum Assembled {
    Parts { method: http::Method, url: String, headers: HeaderMap, body: Vec<u8> },
    Http(http::Request<Vec<u8>>),
}

impl Assembled {
    /// As an `http::Request`: what `build_request` gives and what signers sign.
    pub(super) fn into_http(self) -> Result<http::Request<Vec<u8>>, String> {
        match self {
            Assembled::Http(request) => Ok(request),
            Assembled::Parts { method, url, headers, body } => {
                let mut request = http::Request::builder()
                    .method(method)
                    .uri(url)
                    .body(body)
                    .map_err(|e| format!("invalid request URL: {e}"))?;
                *request.headers_mut() = headers;
                Ok(request)
            }
        }
    }

    /// As reqwest's request. A URL of the characters RFC 3986 allows goes to reqwest's URL
    /// parser directly; any other takes the way through `http::Uri` (which refuses some), so
    /// that both ways send the same.
    pub(super) fn into_reqwest(self) -> Result<reqwest::Request, Result<String, reqwest::Error>> {
        match self {
            Assembled::Parts { method, url, headers, body } if url.bytes().all(uri_byte) => {
                let parsed = reqwest::Url::parse(&url).map_err(|e| Ok(format!("invalid request URL: {e}")))?;
                let mut request = reqwest::Request::new(method, parsed);
                *request.headers_mut() = headers;
                *request.body_mut() = Some(body.into());
                Ok(request)
            }
            other => reqwest::Request::try_from(other.into_http().map_err(Ok)?).map_err(Err),
        }
    }
}

/// Unreserved, reserved and `%`: the characters of a URI (RFC 3986 §2).
fn uri_byte(b: u8) -> bool {
    const URI: [bool; 256] = {
        let mut table = [false; 256];
        let allowed = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%";
        let mut i = 0;
        while i < allowed.len() {
            table[allowed[i] as usize] = true;
            i += 1;
        }
        table
    };
    URI[b as usize]
}

/// The values a Postman environment gives, as a preset of [`ClientBuilder`]: base URLs by
/// server and variables (`None`: no value with this environment, so the default is not used
/// either and the user sets it).
#[derive(Debug)]
pub(crate) struct Preset {
    pub(crate) servers: &'static [(usize, Option<&'static str>)],
    pub(crate) variables: &'static [(&'static str, Option<&'static str>)],
}

/// Configures a [`Client`]. Obtain one with [`Client::builder`].
pub struct ClientBuilder {
    /// Base URLs set by the user, by server; the others are the preset's or the collection's.
    servers: Vec<Option<String>>,
    credentials: Vec<Auth>,
    /// Variables set by the user; the others are the preset's or their defaults.
    variables: Vec<(String, Secret)>,
    /// The environment chosen, by index into `crate::ENVIRONMENTS`.
    preset: Option<usize>,
    http: Option<reqwest::Client>,
    oauth: Option<OAuth>,
    retry: Retry,
    timeout: Option<Duration>,
    user_agent: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("servers", &self.servers)
            .field("credentials", &self.credentials)
            .field("variables", &self.variables)
            .field("preset", &self.preset)
            .field("oauth", &self.oauth)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Adds credentials. Set one of each kind the API needs; a later one replaces an earlier one
    /// of the same kind.
    pub fn auth(mut self, auth: impl Into<Auth>) -> Self {
        let auth = auth.into();
        let kind = |a: &Auth| match a {
            Auth::Signed(signer) => Err(signer.0.scheme()),
            other => Ok(std::mem::discriminant(other)),
        };
        self.credentials.retain(|a| kind(a) != kind(&auth));
        self.credentials.push(auth);
        self
    }

    /// Sets the collection variable `name` (written `{{name}}` in the collection), for the
    /// variables the collection uses without giving a value or that an environment gives.
    /// Values are kept like secrets. A value set here wins over the environment's.
    pub fn variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.variables.retain(|(n, _)| n != name);
        self.variables.push((name.to_owned(), Secret::new(value)));
        self
    }

    /// Uses OAuth 2.0 refresh-token credentials for the operations that send a bearer token.
    pub fn oauth(mut self, oauth: OAuth) -> Self {
        self.oauth = Some(oauth);
        self
    }

    /// Sets the retry policy for `429` and `503` answers ([`Retry::default`]: 3 tries).
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// A timeout for each request, from sending to the end of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Uses this `reqwest` client (for proxies, TLS settings, connection pools); `timeout` and
    /// `user_agent` then do not apply. Start it from [`Client::http_builder`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Sets the base URL of server `index` (see the generated setters).
    pub(crate) fn server(mut self, index: usize, url: String) -> Self {
        self.servers[index] = Some(url);
        self
    }

    /// Uses the base URLs and variables of environment `index` (see the generated
    /// `environment`); values set explicitly win, before or after.
    #[allow(dead_code)] // a crate without environments has no presets
    pub(crate) fn preset(mut self, index: usize) -> Self {
        self.preset = Some(index);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(mut self) -> Result<Client, Error> {
        // Variables: those set, then the preset's, then the defaults.
        let preset = self.preset.and_then(|i| crate::ENVIRONMENTS.get(i));
        let preset_variables = preset.map_or(&[][..], |p| p.variables);
        for (name, value) in preset_variables {
            if let (Some(value), false) = (value, self.variables.iter().any(|(n, _)| n == name)) {
                self.variables.push(((*name).to_owned(), Secret::new(*value)));
            }
        }
        for (name, value) in crate::VARIABLE_DEFAULTS {
            let set = self.variables.iter().any(|(n, _)| n == name);
            if !set && !preset_variables.iter().any(|(n, _)| n == name) {
                self.variables.push(((*name).to_owned(), Secret::new(*value)));
            }
        }
        let preset_server =
            |i: usize| preset.and_then(|p| p.servers.iter().find(|(s, _)| *s == i)).map(|(_, url)| url.unwrap_or(""));
        let servers: Vec<Result<String, String>> = crate::SERVERS
            .iter()
            .zip(&self.servers)
            .enumerate()
            .map(|(i, (default, set))| match (set, preset_server(i)) {
                (Some(set), _) => Ok(set.clone()),
                (None, Some(url)) => Ok(url.to_owned()),
                (None, None) => fill(default, &self.variables),
            })
            .collect();
        // A base URL missing a variable is reported by the requests that need it.
        for url in servers.iter().flatten().filter(|u| !u.is_empty()) {
            let uri: http::Uri = url.parse().map_err(|_| Error::Config(format!("invalid base URL `{url}`")))?;
            if !matches!(uri.scheme_str(), Some("http" | "https")) || uri.query().is_some() {
                return Err(Error::Config(format!("base URL `{url}` must be http(s) without a query")));
            }
        }
        let mut inner = Inner {
            http: match self.http {
                Some(http) => http,
                None => {
                    let agent = self
                        .user_agent
                        .unwrap_or_else(|| concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned());
                    let mut builder = http_builder()?.user_agent(agent);
                    if let Some(timeout) = self.timeout {
                        builder = builder.timeout(timeout);
                    }
                    builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?
                }
            },
            servers,
            bearer: None,
            bearer_header: None,
            basic: None,
            api_key: None,
            signers: Vec::new(),
            variables: self.variables,
            oauth: self.oauth.map(TokenCache::new),
            retry: self.retry,
            #[cfg(feature = "blocking")]
            runtime: std::sync::OnceLock::new(),
        };
        for auth in self.credentials {
            match auth {
                Auth::Bearer(token) => {
                    inner.bearer_header = Some(&token)
                        .filter(|t| !t.expose().is_empty())
                        .and_then(|t| secret_header("Bearer ", t.expose()).ok());
                    inner.bearer = Some(token);
                }
                Auth::Basic { username, password } => inner.basic = Some((username, password)),
                Auth::ApiKey(key) => inner.api_key = Some(key),
                Auth::Signed(signer) => inner.signers.push(signer),
            }
        }
        Ok(Client { inner: Arc::new(inner) })
    }
}

/// reqwest's builder with the crate's TLS. With `rustls-ring` (the default) and no process-wide
/// rustls provider installed, that is rustls with ring and the platform's certificate verifier.
fn http_builder() -> Result<reqwest::ClientBuilder, Error> {
    let builder = reqwest::Client::builder();
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        use rustls_platform_verifier::BuilderVerifierExt as _;
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|config| config.with_platform_verifier())
            .map_err(|e| Error::Config(format!("cannot set up TLS: {e}")))?
            .with_no_client_auth();
        return Ok(builder.tls_backend_preconfigured(tls));
    }
    Ok(builder)
}
