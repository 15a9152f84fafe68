//! Hawk request signing, as Postman signs: a MAC over the request's method, resource, host and
//! port (and, when the collection asks, the payload), SHA-256 or SHA-1.

use std::fmt;

use super::{base64, mac, random_string, set_header, unix_time, Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// Hawk credentials: the key id and the key. Algorithm, `ext`, `app` and `dlg` are the
/// collection's.
///
/// Each request gets a fresh timestamp and nonce unless you fix them (for tests).
#[derive(Clone)]
pub struct Hawk {
    id: String,
    key: Secret,
    timestamp: Option<String>,
    nonce: Option<String>,
}

impl Hawk {
    /// Credentials from the key id and the key.
    pub fn new(id: impl Into<String>, key: impl Into<String>) -> Self {
        Hawk { id: id.into(), key: Secret::new(key), timestamp: None, nonce: None }
    }

    /// Sends this `ts` instead of the current time.
    pub fn timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    /// Sends this `nonce` instead of a random one.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }
}

impl fmt::Debug for Hawk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hawk").field("id", &self.id).field("key", &self.key).finish_non_exhaustive()
    }
}

super::credentials!(Hawk);

/// Postman's characters for a Hawk nonce.
const NONCE_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

impl Sign for Hawk {
    fn scheme(&self) -> Scheme {
        Scheme::Hawk
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        // As Postman: without an algorithm it knows (sha256, sha1), the header is empty.
        let algorithm = settings.get("algorithm").unwrap_or("");
        if algorithm != "sha256" && algorithm != "sha1" {
            return set_header(request, http::header::AUTHORIZATION, "");
        }
        let digest = |data: &[u8]| -> Vec<u8> {
            use sha2::Digest as _;
            match algorithm {
                "sha1" => sha1::Sha1::digest(data).to_vec(),
                _ => sha2::Sha256::digest(data).to_vec(),
            }
        };
        let ts = self.timestamp.clone().filter(|t| t.parse::<u64>().is_ok_and(|t| t > 0));
        let ts = ts.unwrap_or_else(|| unix_time().to_string());
        let nonce = self.nonce.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| random_string(6, NONCE_CHARS));
        let uri = request.uri();
        let resource = uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
        let host = uri.host().unwrap_or("").to_ascii_lowercase();
        let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("http") { 80 } else { 443 });
        // As Postman: the payload hash covers a body the request has, when asked for.
        let hash = if settings.flag("includePayloadHash") && !request.body().is_empty() {
            let mut payload = format!("hawk.1.payload\n{}\n", super::media_type(request)).into_bytes();
            payload.extend_from_slice(request.body());
            payload.push(b'\n');
            base64(&digest(&payload))
        } else {
            String::new()
        };
        let ext = settings.get("extraData").unwrap_or("");
        let (app, dlg) = (settings.get("app"), settings.get("delegation"));
        let mut normalized = format!(
            "hawk.1.header\n{ts}\n{nonce}\n{}\n{resource}\n{host}\n{port}\n{hash}\n",
            request.method().as_str().to_ascii_uppercase()
        );
        // Postman's escaping of `ext` here replaces the first `\` and newline only.
        normalized.push_str(&ext.replacen('\\', "\\\\", 1).replacen('\n', "\\n", 1));
        normalized.push('\n');
        if let Some(app) = app {
            normalized.push_str(&format!("{app}\n{}\n", dlg.unwrap_or("")));
        }
        let key = self.key.expose().as_bytes();
        let mac = match algorithm {
            "sha1" => mac::<hmac::Hmac<sha1::Sha1>>(key, normalized.as_bytes()),
            _ => mac::<hmac::Hmac<sha2::Sha256>>(key, normalized.as_bytes()),
        };
        let mut header = format!("Hawk id=\"{}\", ts=\"{ts}\", nonce=\"{nonce}", self.id);
        if !hash.is_empty() {
            header.push_str(&format!("\", hash=\"{hash}"));
        }
        if !ext.is_empty() {
            header.push_str(&format!("\", ext=\"{}", ext.replace('\\', "\\\\").replace('"', "\\\"")));
        }
        header.push_str(&format!("\", mac=\"{}\"", base64(&mac)));
        if let Some(app) = app {
            header.push_str(&format!(", app=\"{app}"));
            if let Some(dlg) = dlg {
                header.push_str(&format!("\", dlg=\"{dlg}"));
            }
            header.push('"');
        }
        set_header(request, http::header::AUTHORIZATION, &header)
    }
}
