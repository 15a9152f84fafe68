//! OAuth 1.0a request signing (RFC 5849), as Postman signs: HMAC-SHA1, HMAC-SHA256,
//! HMAC-SHA512 or PLAINTEXT; in the `Authorization` header, the query or a form body.

use std::fmt;

use super::{base64, mac, random_string, rfc3986, set_header, unix_time, Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// OAuth 1.0a credentials: the consumer key and secret, and the token and its secret when the
/// request acts for a user. Signature method, placement and realm are the collection's.
///
/// Each request gets a fresh timestamp and nonce unless you fix them (for tests).
#[derive(Clone)]
pub struct OAuth1 {
    consumer_key: String,
    consumer_secret: Secret,
    token: String,
    token_secret: Secret,
    timestamp: Option<String>,
    nonce: Option<String>,
}

impl OAuth1 {
    /// Credentials of a consumer (an app).
    pub fn new(consumer_key: impl Into<String>, consumer_secret: impl Into<String>) -> Self {
        OAuth1 {
            consumer_key: consumer_key.into(),
            consumer_secret: Secret::new(consumer_secret),
            token: String::new(),
            token_secret: Secret::default(),
            timestamp: None,
            nonce: None,
        }
    }

    /// The access token and its secret.
    pub fn token(mut self, token: impl Into<String>, secret: impl Into<String>) -> Self {
        self.token = token.into();
        self.token_secret = Secret::new(secret);
        self
    }

    /// Sends this `oauth_timestamp` instead of the current time.
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    /// Sends this `oauth_nonce` instead of a random one.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }
}

impl fmt::Debug for OAuth1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth1")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &self.consumer_secret)
            .field("token", &self.token)
            .field("token_secret", &self.token_secret)
            .finish_non_exhaustive()
    }
}

super::credentials!(OAuth1);

/// A parameter: name and value (`None`: a query key without `=`).
type Pair = (String, Option<String>);

impl Sign for OAuth1 {
    fn scheme(&self) -> Scheme {
        Scheme::OAuth1
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        let method = settings.get("signatureMethod");
        let (algorithm, hash) = method.unwrap_or("HMAC-SHA1").split_once('-').unwrap_or(("PLAINTEXT", ""));
        let algorithm = algorithm.to_ascii_uppercase();
        if algorithm == "RSA" {
            return Err("RSA OAuth 1.0 signatures are not supported: use an HMAC signature method".to_owned());
        }
        let with_empty = settings.flag("addEmptyParamsToSign");
        let timestamp = self.timestamp.clone().unwrap_or_else(|| unix_time().to_string());
        let nonce = self.nonce.clone().unwrap_or_else(|| random_string(11, NONCE_CHARS));
        let form = super::media_type(request) == "application/x-www-form-urlencoded";
        let mut params: Vec<(&str, String)> = vec![
            ("oauth_consumer_key", self.consumer_key.clone()),
            ("oauth_token", self.token.clone()),
            ("oauth_signature_method", method.unwrap_or_default().to_owned()),
            ("oauth_timestamp", timestamp),
            ("oauth_nonce", nonce),
            ("oauth_version", settings.get("version").unwrap_or_default().to_owned()),
        ];
        let multipart = super::media_type(request).starts_with("multipart/");
        if settings.flag("includeBodyHash") && !hash.is_empty() && !form && !multipart {
            params.push(("oauth_body_hash", base64(&body_hash(hash, request.body())?)));
        }
        for (name, key) in [("oauth_callback", "callback"), ("oauth_verifier", "verifier")] {
            if let Some(value) = settings.get(key) {
                params.push((name, value.to_owned()));
            }
        }
        params.retain(|(_, value)| with_empty || !value.trim().is_empty());

        // The signature covers the query, the OAuth parameters and a form body's fields.
        let query: Vec<Pair> = decode_form(request.uri().query().unwrap_or(""));
        let mut signed: Vec<Pair> = query.clone();
        signed.extend(params.iter().map(|(k, v)| ((*k).to_owned(), Some(v.clone()))));
        if method.is_none() {
            signed.push(("oauth_signature_method".to_owned(), Some("HMAC-SHA1".to_owned())));
        }
        if form {
            signed.extend(decode_form(&String::from_utf8_lossy(request.body())));
        }
        let base = format!(
            "{}&{}&{}",
            rfc3986(request.method().as_str()),
            rfc3986(&base_url(request)),
            rfc3986(&normalize(&signed))
        );
        let key = format!("{}&{}", rfc3986(self.consumer_secret.expose()), rfc3986(self.token_secret.expose()));
        let signature = match (algorithm.as_str(), hash.to_ascii_uppercase().as_str()) {
            ("HMAC", "SHA1") => base64(&mac::<hmac::Hmac<sha1::Sha1>>(key.as_bytes(), base.as_bytes())),
            ("HMAC", "SHA256") => base64(&mac::<hmac::Hmac<sha2::Sha256>>(key.as_bytes(), base.as_bytes())),
            ("HMAC", "SHA512") => base64(&mac::<hmac::Hmac<sha2::Sha512>>(key.as_bytes(), base.as_bytes())),
            ("PLAINTEXT", _) => key,
            _ => return Err(format!("unsupported OAuth 1.0 signature method `{}`", method.unwrap_or_default())),
        };
        params.push(("oauth_signature", signature));

        // As Postman: the query is sent re-encoded as OAuth encodes it.
        if request.uri().query().is_some() {
            super::with_query(request, &encode_form(&query))?;
        }
        if settings.flag("addParamsToHeader") {
            let header = header(settings, &params);
            set_header(request, http::header::AUTHORIZATION, &header)
        } else if form && (request.method() == http::Method::POST || request.method() == http::Method::PUT) {
            let body = request.body_mut();
            for (name, value) in &params {
                if !body.is_empty() {
                    body.push(b'&');
                }
                body.extend_from_slice(format!("{}={}", rfc3986(name), rfc3986(value)).as_bytes());
            }
            Ok(())
        } else {
            let mut query = request.uri().query().unwrap_or("").to_owned();
            for (name, value) in &params {
                if !query.is_empty() {
                    query.push('&');
                }
                query.push_str(&format!("{}={}", rfc3986(name), rfc3986(value)));
            }
            super::with_query(request, &query)
        }
    }
}

/// node-oauth1's nonce characters (its `T` for a second `Y` and missing `j` included).
const NONCE_CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz";

/// The hash of the body for `oauth_body_hash`.
fn body_hash(hash: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    use sha2::Digest as _;
    Ok(match hash.to_ascii_uppercase().as_str() {
        "SHA1" => sha1::Sha1::digest(body).to_vec(),
        "SHA256" => sha2::Sha256::digest(body).to_vec(),
        "SHA512" => sha2::Sha512::digest(body).to_vec(),
        other => return Err(format!("unsupported OAuth 1.0 body hash `{other}`")),
    })
}

/// The `Authorization` header: `OAuth realm="..",oauth_consumer_key="..",...`.
fn header(settings: &Settings, params: &[(&str, String)]) -> String {
    let raw = settings.flag("disableHeaderEncoding");
    let encode = |text: &str| if raw { text.to_owned() } else { rfc3986(text) };
    let mut parts = Vec::new();
    if let Some(realm) = settings.get("realm").filter(|r| !r.trim().is_empty()) {
        parts.push(format!("realm=\"{}\"", encode(realm)));
    }
    for (name, value) in params {
        let value = value.trim();
        if !value.is_empty() {
            parts.push(format!("{}=\"{}\"", encode(name), encode(value)));
        }
    }
    format!("OAuth {}", parts.join(","))
}

/// Scheme, host (port only when not the default) and path, lowercase but for the path.
fn base_url(request: &Request) -> String {
    let uri = request.uri();
    let scheme = uri.scheme_str().unwrap_or("http").to_ascii_lowercase();
    let host = uri.host().unwrap_or("").to_ascii_lowercase();
    let port = match uri.port_u16() {
        Some(80) if scheme == "http" => String::new(),
        Some(443) if scheme == "https" => String::new(),
        Some(port) => format!(":{port}"),
        None => String::new(),
    };
    let path = if uri.path().is_empty() { "/" } else { uri.path() };
    format!("{scheme}://{host}{port}{path}")
}

/// `application/x-www-form-urlencoded` pairs, decoded (`+` is a space).
fn decode_form(text: &str) -> Vec<Pair> {
    let decode = |s: &str| percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned();
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), Some(decode(value))),
            None => (decode(pair), None),
        })
        .collect()
}

/// Pairs encoded as OAuth encodes them; a value-less key stays without `=`.
fn encode_form(pairs: &[Pair]) -> String {
    let pairs = pairs.iter().map(|(name, value)| match value {
        Some(value) => format!("{}={}", rfc3986(name), rfc3986(value)),
        None => rfc3986(name),
    });
    pairs.collect::<Vec<_>>().join("&")
}

/// The normalized parameters of the signature base string (RFC 5849 §3.4.1.3.2).
fn normalize(pairs: &[Pair]) -> String {
    let mut encoded: Vec<(String, String)> = pairs
        .iter()
        .filter(|(name, _)| name != "oauth_signature")
        .map(|(name, value)| (rfc3986(name), rfc3986(value.as_deref().unwrap_or(""))))
        .collect();
    encoded.sort_by(|a, b| format!("{} {}", a.0, a.1).cmp(&format!("{} {}", b.0, b.1)));
    encoded.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("&")
}
