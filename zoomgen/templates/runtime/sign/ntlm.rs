//! NTLM (NTLMv2) auth, as Postman runs it: the first request goes without credentials; a `401`
//! that offers NTLM is answered with a Negotiate message, the server's Challenge with an
//! Authenticate message. The messages are the `ntlmclient` crate's.

use std::fmt;
use std::sync::Mutex;

use super::{Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// NTLM credentials: user name (`DOMAIN\user` or `user`) and password. Domain and workstation
/// are the collection's unless set here.
pub struct Ntlm {
    username: String,
    password: Secret,
    domain: Option<String>,
    workstation: Option<String>,
    /// The `Authorization` the next request sends in the handshake, if any.
    next: Mutex<Option<String>>,
}

impl Ntlm {
    /// Credentials from a user name and password.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Ntlm {
            username: username.into(),
            password: Secret::new(password),
            domain: None,
            workstation: None,
            next: Mutex::new(None),
        }
    }

    /// Authenticates in this domain instead of the collection's (or the user name's).
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Names this workstation instead of the collection's.
    pub fn workstation(mut self, workstation: impl Into<String>) -> Self {
        self.workstation = Some(workstation.into());
        self
    }

    /// User name and domain: the given domain, the collection's, else the one in `DOMAIN\user`.
    fn identity(&self, settings: &Settings) -> (String, String) {
        let domain = self.domain.as_deref().or(settings.get("domain"));
        match (domain, self.username.split_once('\\')) {
            (Some(domain), _) => (self.username.clone(), domain.to_owned()),
            (None, Some((domain, user))) => (user.to_owned(), domain.to_owned()),
            (None, None) => (self.username.clone(), String::new()),
        }
    }
}

impl Clone for Ntlm {
    fn clone(&self) -> Self {
        Ntlm {
            username: self.username.clone(),
            password: self.password.clone(),
            domain: self.domain.clone(),
            workstation: self.workstation.clone(),
            next: Mutex::new(None),
        }
    }
}

impl fmt::Debug for Ntlm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ntlm")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("domain", &self.domain)
            .field("workstation", &self.workstation)
            .finish_non_exhaustive()
    }
}

super::credentials!(Ntlm);

/// What the client asks for: Unicode, NTLM, the target's name, NTLMv2 session security.
fn flags() -> ntlmclient::Flags {
    ntlmclient::Flags::NEGOTIATE_UNICODE
        | ntlmclient::Flags::REQUEST_TARGET
        | ntlmclient::Flags::NEGOTIATE_NTLM
        | ntlmclient::Flags::NEGOTIATE_ALWAYS_SIGN
        | ntlmclient::Flags::NEGOTIATE_NTLM2_KEY
}

impl Sign for Ntlm {
    fn scheme(&self) -> Scheme {
        Scheme::Ntlm
    }

    fn sign(&self, request: &mut Request, _settings: &Settings) -> Result<(), String> {
        let next = self.next.lock().map_err(|_| "the NTLM state is poisoned".to_owned())?.take();
        match next {
            Some(header) => super::set_header(request, http::header::AUTHORIZATION, &header),
            None => Ok(()),
        }
    }

    fn challenge(&self, headers: &http::HeaderMap, settings: &Settings) -> bool {
        let offers = headers.get_all(http::header::WWW_AUTHENTICATE).iter().filter_map(|v| v.to_str().ok());
        let offers: Vec<&str> =
            offers.map(str::trim).filter(|v| v.len() >= 4 && v[..4].eq_ignore_ascii_case("ntlm")).collect();
        let Some(offer) = offers.first() else {
            return false;
        };
        let (username, domain) = self.identity(settings);
        let workstation = self.workstation.as_deref().or(settings.get("workstation")).unwrap_or_default().to_owned();
        let message = match offer[4..].trim() {
            // The server offers NTLM: negotiate.
            "" => ntlmclient::Message::Negotiate(ntlmclient::NegotiateMessage {
                flags: flags(),
                supplied_domain: String::new(),
                supplied_workstation: String::new(),
                os_version: Default::default(),
            }),
            challenge => match authenticate(challenge, &username, &domain, self.password.expose(), &workstation) {
                Some(message) => message,
                None => return false,
            },
        };
        let Ok(bytes) = message.to_bytes() else {
            return false;
        };
        let header = format!("NTLM {}", super::base64(&bytes));
        match self.next.lock() {
            Ok(mut next) => *next = Some(header),
            Err(_) => return false,
        }
        true
    }
}

/// The Authenticate message answering the server's Challenge (`challenge` in base64).
fn authenticate(
    challenge: &str,
    username: &str,
    domain: &str,
    password: &str,
    workstation: &str,
) -> Option<ntlmclient::Message> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD.decode(challenge).ok()?;
    let ntlmclient::Message::Challenge(challenge) = ntlmclient::Message::try_from(bytes.as_slice()).ok()? else {
        return None;
    };
    let target: Vec<u8> = challenge.target_information.iter().flat_map(|entry| entry.to_bytes()).collect();
    let credentials = ntlmclient::Credentials {
        username: username.to_owned(),
        password: password.to_owned(),
        domain: domain.to_owned(),
    };
    let time = ntlmclient::get_ntlm_time();
    let response = ntlmclient::respond_challenge_ntlm_v2(challenge.challenge, &target, time, &credentials);
    Some(response.to_message(&credentials, workstation, flags()))
}
