//! The OAuth 2.0 authorization-code grant with PKCE (RFC 6749 §4.1, RFC 7636): the URL that
//! sends the user to the authorization server, and the exchange of the code it answers.

use std::fmt;

use super::{Error, OAuth, Secret};

/// The authorization-code grant with PKCE, made with [`OAuth::authorization_code`]. No client
/// is needed until the tokens are:
///
/// 1. [`AuthorizationCode::authorize_url`] gives an [`AuthorizationRequest`]: send the user to
///    its `url`, and keep its `state` and `verifier` (in the user's session, say).
/// 2. The authorization server sends the user back to the redirect URI with `code` and `state`
///    query parameters. Check that `state` is the one kept.
/// 3. [`AuthorizationCode::exchange`] gives the [`OAuth`] credentials for the client. Its first
///    token request exchanges the code (`grant_type=authorization_code&code=..&redirect_uri=..&code_verifier=..`);
///    later ones use the refresh token that came back. [`OAuth::on_refresh`] tells you the
///    tokens; [`OAuth::token_request`] is the exchange for another HTTP stack.
///
/// ```no_run
#[doc = concat!("use ", env!("CARGO_CRATE_NAME"), "::{Client, OAuth};")]
///
/// # fn redirect_to(_: &str) {}
/// # fn redirected_back() -> (String, String) { (String::new(), String::new()) }
/// # fn save(_: &str) {}
/// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let flow = OAuth::authorization_code("client-id", std::env::var("CLIENT_SECRET")?, "https://app.example/callback");
/// // https://zoom.us/oauth/authorize?response_type=code&client_id=client-id
/// //     &redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&scope=meeting%3Aread&state=..
/// //     &code_challenge=..&code_challenge_method=S256
/// let request = flow.authorize_url("https://zoom.us/oauth/authorize", Some("meeting:read"))?;
/// redirect_to(&request.url);
///
/// // The user comes back to https://app.example/callback?code=..&state=..
/// let (code, state) = redirected_back();
/// if state != request.state {
///     return Err("not the authorization this app asked for".into());
/// }
/// let oauth = flow
///     .exchange(code, request.verifier)
///     .token_url("https://zoom.us/oauth/token")
///     .on_refresh(|tokens| save(tokens.refresh_token.expose()));
/// let client = Client::builder().oauth(oauth).build()?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct AuthorizationCode {
    client_id: String,
    client_secret: Secret,
    redirect_uri: String,
}

impl OAuth {
    /// The authorization-code grant with PKCE (S256), for a user's tokens: see
    /// [`AuthorizationCode`]. A public client, without secret, gives an empty `client_secret`
    /// and calls [`OAuth::client_auth_in_body`] on the exchanged credentials, so that only its
    /// `client_id` is sent.
    pub fn authorization_code(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> AuthorizationCode {
        AuthorizationCode {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
            redirect_uri: redirect_uri.into(),
        }
    }
}

impl AuthorizationCode {
    /// Where to send the user: `auth_url` (the authorization endpoint) with `response_type=code`,
    /// `client_id`, `redirect_uri`, `scope` when given, and a fresh random `state` and PKCE code
    /// verifier, whose S256 challenge is sent (`code_challenge`, `code_challenge_method=S256`).
    /// The verifier is 43 characters from 32 random bytes of the operating system.
    ///
    /// Fails, sending nothing, when `auth_url` is empty or has a fragment, or the system has no
    /// random numbers.
    pub fn authorize_url(&self, auth_url: &str, scope: Option<&str>) -> Result<AuthorizationRequest, Error> {
        let state = random_text(16)?;
        let verifier = Secret::new(random_text(32)?);
        self.authorize_url_with(auth_url, scope, &state, verifier)
    }

    /// [`AuthorizationCode::authorize_url`] with the given `state` and code verifier: 43 to 128
    /// characters from `A-Z`, `a-z`, `0-9`, `-`, `.`, `_` and `~` (RFC 7636 §4.1).
    pub fn authorize_url_with(
        &self,
        auth_url: &str,
        scope: Option<&str>,
        state: &str,
        verifier: impl Into<Secret>,
    ) -> Result<AuthorizationRequest, Error> {
        let verifier = verifier.into();
        let unreserved = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
        let length = verifier.expose().len();
        if !(43..=128).contains(&length) || !verifier.expose().chars().all(unreserved) {
            let problem = "a PKCE code verifier is 43 to 128 characters from A-Z, a-z, 0-9, `-`, `.`, `_` and `~`";
            return Err(Error::InvalidRequest(problem.to_owned()));
        }
        if auth_url.is_empty() || auth_url.contains('#') {
            let problem = "the OAuth authorization URL is empty or has a fragment";
            return Err(Error::InvalidRequest(problem.to_owned()));
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri);
        if let Some(scope) = scope {
            query.append_pair("scope", scope);
        }
        query
            .append_pair("state", state)
            .append_pair("code_challenge", &code_challenge(verifier.expose()))
            .append_pair("code_challenge_method", "S256");
        // The endpoint's own query is kept (RFC 6749 §3.1).
        let separator = match auth_url.contains('?') {
            false => "?",
            true if auth_url.ends_with(['?', '&']) => "",
            true => "&",
        };
        let url = format!("{auth_url}{separator}{}", query.finish());
        Ok(AuthorizationRequest { url, state: state.to_owned(), verifier })
    }

    /// The credentials that exchange `code`, which the redirect brought back, for tokens, with
    /// the `verifier` of its [`AuthorizationRequest`], then refresh them with the refresh token
    /// received. Set the token endpoint, a callback and the like on the result.
    pub fn exchange(&self, code: impl Into<String>, verifier: impl Into<Secret>) -> OAuth {
        let fields = vec![
            ("code", Secret::new(code)),
            ("redirect_uri", Secret::new(self.redirect_uri.as_str())),
            ("code_verifier", verifier.into()),
        ];
        OAuth::with_grant(self.client_id.clone(), self.client_secret.clone(), "authorization_code", fields, true)
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationCode")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// An authorization request of [`AuthorizationCode::authorize_url`]: the URL to send the user
/// to, and what to keep until the user comes back. It serializes with the verifier in clear, to
/// keep in a session.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// The authorization URL with its query.
    pub url: String,
    /// The `state` sent: the redirect back must carry the same (it protects against CSRF).
    pub state: String,
    /// The PKCE code verifier, for [`AuthorizationCode::exchange`]; the URL carries only its
    /// challenge.
    pub verifier: Secret,
}

impl AuthorizationRequest {
    /// The PKCE code challenge in the URL: the SHA-256 hash of the verifier, in base64url
    /// without padding (RFC 7636 §4.2, method S256).
    pub fn code_challenge(&self) -> String {
        code_challenge(self.verifier.expose())
    }
}

/// `BASE64URL-ENCODE(SHA256(ASCII(verifier)))`.
fn code_challenge(verifier: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

/// `bytes` random bytes of the operating system in base64url without padding: characters of the
/// unreserved set only.
fn random_text(bytes: usize) -> Result<String, Error> {
    use base64::Engine as _;
    let mut buffer = vec![0; bytes];
    getrandom::fill(&mut buffer).map_err(|e| Error::InvalidRequest(format!("no random numbers for OAuth: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer))
}
