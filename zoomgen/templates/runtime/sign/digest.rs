//! HTTP Digest auth (RFC 7616), as Postman answers it: MD5, SHA-256 or SHA-512/256 (and their
//! `-sess` forms), `qop=auth` or `auth-int`. The first request goes without credentials unless
//! the collection gives realm and nonce; a `401` with a Digest challenge is answered once.

use std::fmt;
use std::sync::Mutex;

use super::{hex, random_string, set_header, Request, Settings, Sign, ALPHANUMERIC};
use crate::runtime::{Scheme, Secret};

/// Digest credentials: user name and password.
pub struct Digest {
    username: String,
    password: Secret,
    client_nonce: Option<String>,
    /// The server's last challenge and how many requests answered it.
    challenge: Mutex<Option<(Challenge, u32)>>,
}

/// What a `WWW-Authenticate: Digest ...` challenge says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Challenge {
    realm: String,
    nonce: String,
    qop: Option<String>,
    opaque: Option<String>,
    algorithm: Option<String>,
}

impl Digest {
    /// Credentials from a user name and password.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Digest {
            username: username.into(),
            password: Secret::new(password),
            client_nonce: None,
            challenge: Mutex::new(None),
        }
    }

    /// Sends this `cnonce` instead of a random one (for tests).
    pub fn client_nonce(mut self, nonce: impl Into<String>) -> Self {
        self.client_nonce = Some(nonce.into());
        self
    }
}

impl Clone for Digest {
    fn clone(&self) -> Self {
        let challenge = self.challenge.lock().map(|c| c.clone()).unwrap_or_default();
        Digest {
            username: self.username.clone(),
            password: self.password.clone(),
            client_nonce: self.client_nonce.clone(),
            challenge: Mutex::new(challenge),
        }
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Digest")
            .field("username", &self.username)
            .field("password", &self.password)
            .finish_non_exhaustive()
    }
}

super::credentials!(Digest);

impl Sign for Digest {
    fn scheme(&self) -> Scheme {
        Scheme::Digest
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        let mut state = self.challenge.lock().map_err(|_| "the Digest state is poisoned".to_owned())?;
        let preset = match (settings.get("realm"), settings.get("nonce")) {
            (Some(realm), Some(nonce)) => Some(Challenge {
                realm: realm.to_owned(),
                nonce: nonce.to_owned(),
                qop: settings.get("qop").map(str::to_owned),
                opaque: settings.get("opaque").map(str::to_owned),
                algorithm: None,
            }),
            _ => None,
        };
        let (challenge, count) = match state.as_mut() {
            Some((challenge, answered)) => {
                *answered += 1;
                (challenge.clone(), format!("{answered:08x}"))
            }
            None => match preset {
                Some(preset) => (preset, settings.get("nonceCount").unwrap_or("00000001").to_owned()),
                // No challenge yet: the server sends one.
                None => return Ok(()),
            },
        };
        drop(state);
        let algorithm = settings.get("algorithm").or(challenge.algorithm.as_deref()).unwrap_or("MD5").to_owned();
        let hash = |text: &str| -> Result<String, String> {
            use sha2::Digest as _;
            Ok(match algorithm.trim_end_matches("-sess") {
                "MD5" => hex(&md5::Md5::digest(text.as_bytes())),
                "SHA-256" => hex(&sha2::Sha256::digest(text.as_bytes())),
                "SHA-512-256" => hex(&sha2::Sha512_256::digest(text.as_bytes())),
                other => return Err(format!("unsupported Digest algorithm `{other}`")),
            })
        };
        let qop =
            challenge.qop.as_deref().map(|q| if q.split(',').any(|q| q.trim() == "auth") { "auth" } else { q.trim() });
        let client_nonce = self.client_nonce.clone().unwrap_or_else(|| random_string(8, ALPHANUMERIC));
        let uri = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".to_owned());
        let a1 = format!("{}:{}:{}", self.username, challenge.realm, self.password.expose());
        let a1 = if algorithm.ends_with("-sess") {
            format!("{}:{}:{client_nonce}", hash(&a1)?, challenge.nonce)
        } else {
            a1
        };
        let a2 = match qop {
            Some("auth-int") => {
                format!("{}:{uri}:{}", request.method(), hash(&String::from_utf8_lossy(request.body()))?)
            }
            _ => format!("{}:{uri}", request.method()),
        };
        let response = match qop {
            Some(qop @ ("auth" | "auth-int")) => {
                hash(&format!("{}:{}:{count}:{client_nonce}:{qop}:{}", hash(&a1)?, challenge.nonce, hash(&a2)?))?
            }
            _ => hash(&format!("{}:{}:{}", hash(&a1)?, challenge.nonce, hash(&a2)?))?,
        };
        let mut parts = vec![
            format!("username=\"{}\"", self.username),
            format!("realm=\"{}\"", challenge.realm),
            format!("nonce=\"{}\"", challenge.nonce),
            format!("uri=\"{uri}\""),
            format!("algorithm=\"{algorithm}\""),
        ];
        let with_qop = matches!(qop, Some("auth" | "auth-int"));
        if let Some(qop) = qop.filter(|_| with_qop) {
            parts.push(format!("qop={qop}"));
        }
        if with_qop || algorithm == "MD5-sess" {
            parts.push(format!("nc={count}"));
            parts.push(format!("cnonce=\"{client_nonce}\""));
        }
        parts.push(format!("response=\"{response}\""));
        if let Some(opaque) = &challenge.opaque {
            parts.push(format!("opaque=\"{opaque}\""));
        }
        set_header(request, http::header::AUTHORIZATION, &format!("Digest {}", parts.join(", ")))
    }

    fn challenge(&self, headers: &http::HeaderMap, settings: &Settings) -> bool {
        if settings.flag("disableRetryRequest") {
            return false;
        }
        let Some(challenge) = headers
            .get_all(http::header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.trim().strip_prefix("Digest ").map(parse))
        else {
            return false;
        };
        let Ok(mut state) = self.challenge.lock() else {
            return false;
        };
        // A challenge already answered is not answered again (the credentials are wrong).
        if state.as_ref().is_some_and(|(known, _)| *known == challenge) {
            return false;
        }
        *state = Some((challenge, 0));
        true
    }
}

/// The fields of a challenge: `realm="..", nonce="..", qop="auth", opaque="..", algorithm=..`.
fn parse(text: &str) -> Challenge {
    let mut challenge = Challenge::default();
    let mut rest = text;
    while let Some((name, after)) = rest.split_once('=') {
        let name = name.trim().trim_start_matches(',').trim().to_ascii_lowercase();
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').unwrap_or(quoted.len());
                (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
            }
            None => {
                let end = after.find(',').unwrap_or(after.len());
                (after[..end].trim(), &after[end..])
            }
        };
        let value = value.to_owned();
        match name.as_str() {
            "realm" => challenge.realm = value,
            "nonce" => challenge.nonce = value,
            "qop" => challenge.qop = Some(value),
            "opaque" => challenge.opaque = Some(value),
            "algorithm" => challenge.algorithm = Some(value),
            _ => {}
        }
        rest = next;
    }
    challenge
}
