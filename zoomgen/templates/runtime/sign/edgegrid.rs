//! Akamai EdgeGrid request signing (`EG1-HMAC-SHA256`), as Postman signs.

use std::fmt;

use super::{base64, mac, random_bytes, set_header, unix_time, utc, Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// EdgeGrid credentials: client token, client secret and access token (from an Akamai API
/// client's `.edgerc`). The base URL, the headers to sign and the body size limit are the
/// collection's.
///
/// Each request gets a fresh timestamp and nonce unless you fix them (for tests).
#[derive(Clone)]
pub struct EdgeGrid {
    client_token: String,
    client_secret: Secret,
    access_token: Secret,
    timestamp: Option<String>,
    nonce: Option<String>,
}

impl EdgeGrid {
    /// Credentials of an API client.
    pub fn new(
        client_token: impl Into<String>,
        client_secret: impl Into<String>,
        access_token: impl Into<String>,
    ) -> Self {
        EdgeGrid {
            client_token: client_token.into(),
            client_secret: Secret::new(client_secret),
            access_token: Secret::new(access_token),
            timestamp: None,
            nonce: None,
        }
    }

    /// Sends this timestamp (`20240101T00:00:00+0000`) instead of the current time.
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    /// Sends this nonce instead of a random UUID.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }
}

impl fmt::Debug for EdgeGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EdgeGrid")
            .field("client_token", &self.client_token)
            .field("client_secret", &self.client_secret)
            .field("access_token", &self.access_token)
            .finish_non_exhaustive()
    }
}

super::credentials!(EdgeGrid);

impl Sign for EdgeGrid {
    fn scheme(&self) -> Scheme {
        Scheme::EdgeGrid
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        let timestamp = self.timestamp.clone().filter(|t| !t.is_empty()).unwrap_or_else(now);
        let nonce = self.nonce.clone().filter(|n| !n.is_empty()).unwrap_or_else(uuid);
        let auth = format!(
            "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={timestamp};nonce={nonce};",
            self.client_token,
            self.access_token.expose()
        );
        let uri = request.uri();
        let host = match settings.get("baseURL") {
            Some(base) => {
                base.split_once("://").map_or(base, |(_, rest)| rest).split(['/', '?', '#']).next().unwrap_or("")
            }
            None => uri.authority().map_or("", |a| a.as_str()),
        }
        .to_owned();
        let path = uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
        let scheme = uri.scheme_str().unwrap_or("http").to_owned();
        let headers = canonical_headers(request, settings.get("headersToSign").unwrap_or(""));
        let max_body: usize =
            settings.get("maxBodySize").and_then(|m| m.parse().ok()).filter(|m| *m > 0).unwrap_or(131_072);
        let multipart = super::media_type(request).starts_with("multipart/");
        let body_hash = if request.method() == http::Method::POST && !request.body().is_empty() && !multipart {
            use sha2::Digest as _;
            let body = &request.body()[..request.body().len().min(max_body)];
            base64(&sha2::Sha256::digest(body))
        } else {
            String::new()
        };
        let data = [request.method().as_str(), &scheme, &host, &path, &headers, &body_hash, &auth].join("\t");
        let key =
            base64(&mac::<hmac::Hmac<sha2::Sha256>>(self.client_secret.expose().as_bytes(), timestamp.as_bytes()));
        let signature = base64(&mac::<hmac::Hmac<sha2::Sha256>>(key.as_bytes(), data.as_bytes()));
        set_header(request, http::header::AUTHORIZATION, &format!("{auth}signature={signature}"))
    }
}

/// `name:value` of each header to sign the request has, tab-separated, whitespace collapsed.
fn canonical_headers(request: &Request, names: &str) -> String {
    let lines = names.split(',').filter_map(|name| {
        let name = name.trim().to_ascii_lowercase();
        let value = request.headers().get(name.as_str())?.to_str().ok()?;
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then(|| format!("{name}:{value}"))
    });
    lines.collect::<Vec<_>>().join("\t")
}

/// The current time as EdgeGrid writes it: `20240101T00:00:00+0000`.
fn now() -> String {
    let [y, mo, d, h, mi, s] = utc(unix_time());
    format!("{y:04}{mo:02}{d:02}T{h:02}:{mi:02}:{s:02}+0000")
}

/// A random (version 4) UUID.
fn uuid() -> String {
    let mut bytes: [u8; 16] = random_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = super::hex(&bytes);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
