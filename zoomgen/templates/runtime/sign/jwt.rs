//! JWT bearer auth, as Postman's `jwt` auth type makes it: a token signed over the collection's
//! header and payload, with HMAC (HS256, HS384, HS512) or, with the `jwt-keys` feature, a
//! private key (RS, PS and ES algorithms, by the `jsonwebtoken` crate), sent as a header or query
//! parameter.

use std::fmt;

use super::{mac, Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// The secret or private key that signs the tokens. Algorithm, payload, header and placement
/// are the collection's; the payload can be replaced with [`Jwt::payload`].
#[derive(Clone)]
pub struct Jwt {
    secret: Secret,
    /// Whether `secret` is a private key in PEM (PKCS#8) rather than an HMAC secret.
    private_key: bool,
    payload: Option<String>,
}

impl Jwt {
    /// Signs with this HMAC secret (decoded from base64 first when the collection says it is
    /// base64): the HS algorithms.
    pub fn secret(secret: impl Into<String>) -> Self {
        Jwt { secret: Secret::new(secret), private_key: false, payload: None }
    }

    /// Signs with this private key, in PEM (PKCS#8): the RS, PS and ES algorithms, with the
    /// crate's `jwt-keys` feature.
    pub fn private_key(pem: impl Into<String>) -> Self {
        Jwt { secret: Secret::new(pem), private_key: true, payload: None }
    }

    /// Signs this JSON payload instead of the collection's.
    pub fn payload(mut self, payload: impl Into<String>) -> Self {
        self.payload = Some(payload.into());
        self
    }
}

impl fmt::Debug for Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwt")
            .field("secret", &self.secret)
            .field("private_key", &self.private_key)
            .field("payload", &self.payload)
            .finish()
    }
}

super::credentials!(Jwt);

impl Sign for Jwt {
    fn scheme(&self) -> Scheme {
        Scheme::Jwt
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        let token = self.token(settings)?;
        if settings.get("addTokenTo") == Some("queryParam") {
            let key = settings.get("queryParamKey").unwrap_or("token");
            let kept = request
                .uri()
                .query()
                .unwrap_or("")
                .split('&')
                .filter(|pair| !pair.is_empty() && pair.split('=').next().map(decode).as_deref() != Some(key));
            let mut query: Vec<String> = kept.map(str::to_owned).collect();
            query.push(format!("{}={token}", super::rfc3986(key)));
            return super::with_query(request, &query.join("&"));
        }
        let prefix = settings.raw("headerPrefix").unwrap_or("Bearer");
        let value = if prefix.is_empty() { token } else { format!("{prefix} {token}") };
        super::set_header(request, http::header::AUTHORIZATION, &value)
    }
}

impl Jwt {
    /// `header.payload.signature`, each part base64url without padding.
    fn token(&self, settings: &Settings) -> Result<String, String> {
        use base64::Engine as _;
        let url = &base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let algorithm = settings.get("algorithm").unwrap_or("HS256");
        let header = match settings.get("header").map(str::trim).filter(|h| !h.is_empty()) {
            Some(text) => parse(text, "header")?,
            None => serde_json::Value::Object(Default::default()),
        };
        let serde_json::Value::Object(mut header) = header else {
            return Err("the JWT header must be a JSON object".to_owned());
        };
        header.insert("alg".to_owned(), serde_json::Value::String(algorithm.to_owned()));
        let payload = self.payload.as_deref().or(settings.get("payload")).map(str::trim).unwrap_or("");
        let payload = if payload.is_empty() { serde_json::json!({}) } else { parse(payload, "payload")? };
        let message = format!("{}.{}", url.encode(header_json(&header)), url.encode(payload.to_string()));
        if !algorithm.starts_with("HS") {
            return Ok(format!("{message}.{}", self.sign_with_key(algorithm, &message)?));
        }
        if self.private_key {
            return Err(format!("JWT algorithm `{algorithm}` signs with a secret: give it with `Jwt::secret`"));
        }
        let secret = if settings.flag("isSecretBase64Encoded") {
            base64::engine::general_purpose::STANDARD
                .decode(self.secret.expose())
                .map_err(|_| "the JWT secret is not valid base64".to_owned())?
        } else {
            self.secret.expose().as_bytes().to_vec()
        };
        let signature = match algorithm {
            "HS256" => mac::<hmac::Hmac<sha2::Sha256>>(&secret, message.as_bytes()),
            "HS384" => mac::<hmac::Hmac<sha2::Sha384>>(&secret, message.as_bytes()),
            "HS512" => mac::<hmac::Hmac<sha2::Sha512>>(&secret, message.as_bytes()),
            other => return Err(format!("unsupported JWT algorithm `{other}`")),
        };
        Ok(format!("{message}.{}", url.encode(signature)))
    }
}

impl Jwt {
    /// The base64url signature of `message` with the private key (RS, PS, ES algorithms).
    #[cfg(feature = "jwt-keys")]
    fn sign_with_key(&self, algorithm: &str, message: &str) -> Result<String, String> {
        let parsed: jsonwebtoken::Algorithm =
            algorithm.parse().map_err(|_| format!("unsupported JWT algorithm `{algorithm}`"))?;
        if !self.private_key {
            return Err(format!(
                "JWT algorithm `{algorithm}` signs with a private key: give it with `Jwt::private_key`"
            ));
        }
        let pem = self.secret.expose().as_bytes();
        let key = if algorithm.starts_with("ES") {
            jsonwebtoken::EncodingKey::from_ec_pem(pem)
        } else {
            jsonwebtoken::EncodingKey::from_rsa_pem(pem)
        };
        let key = key.map_err(|_| format!("the JWT private key is no PEM key for `{algorithm}`"))?;
        jsonwebtoken::crypto::sign(message.as_bytes(), &key, parsed).map_err(|e| format!("cannot sign the JWT: {e}"))
    }

    #[cfg(not(feature = "jwt-keys"))]
    fn sign_with_key(&self, algorithm: &str, _message: &str) -> Result<String, String> {
        Err(format!("JWT algorithm `{algorithm}` needs the crate's `jwt-keys` feature (a private key)"))
    }
}

fn header_json(header: &serde_json::Map<String, serde_json::Value>) -> String {
    serde_json::Value::Object(header.clone()).to_string()
}

fn parse(text: &str, what: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("the JWT {what} is not JSON: {e}"))
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
