//! Signing auth schemes (Postman's OAuth 1.0, Hawk, AWS Signature v4, Digest, JWT, EdgeGrid)
//! the collection uses: the credentials the user gives, and what the schemes share. The client
//! signs each request as the last step of building it.

#![allow(dead_code)] // the helpers the schemes share; a crate's own schemes use some of them

pub(crate) use super::auth::{Settings, Sign, Signer};

/// `Auth::from` the credentials of a scheme (so `ClientBuilder::auth` takes them as they are).
macro_rules! credentials {
    ($scheme:ident) => {
        impl ::std::convert::From<$scheme> for crate::runtime::Auth {
            fn from(credentials: $scheme) -> Self {
                crate::runtime::Auth::Signed(super::Signer::new(credentials))
            }
        }
    };
}
pub(crate) use credentials;

/// A request as the client sends it.
pub(crate) type Request = http::Request<Vec<u8>>;

/// The MAC `M` (an `hmac::Hmac<D>`) of `data` with `key`.
pub(crate) fn mac<M: hmac::Mac + hmac::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length: this never fails.
    let Ok(mut mac) = <M as hmac::KeyInit>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `len` characters drawn at random (from the operating system's generator) from `alphabet`.
pub(crate) fn random_string(len: usize, alphabet: &[u8]) -> String {
    let bytes: [u8; 64] = random_bytes();
    bytes.iter().take(len).map(|b| alphabet[*b as usize % alphabet.len()] as char).collect()
}

/// Letters and digits.
pub(crate) const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Seconds since the Unix epoch.
pub(crate) fn unix_time() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Percent-encoding of everything but RFC 3986's unreserved characters (OAuth's encoding).
pub(crate) fn rfc3986(text: &str) -> String {
    const SET: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    percent_encoding::utf8_percent_encode(text, SET).to_string()
}

/// `name: value` as a header the scheme sets, replacing any other of that name.
pub(crate) fn set_header(request: &mut Request, name: http::HeaderName, value: &str) -> Result<(), String> {
    let value =
        http::HeaderValue::from_str(value).map_err(|_| format!("the `{name}` header cannot hold the credentials"))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

/// The media type of the request's body (without parameters), lowercase.
pub(crate) fn media_type(request: &Request) -> String {
    let value = request.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The request's URI with its query replaced by `query` (none when empty).
pub(crate) fn with_query(request: &mut Request, query: &str) -> Result<(), String> {
    let uri = request.uri();
    let mut text = format!("{}://{}{}", uri.scheme_str().unwrap_or("http"), authority(request), request.uri().path());
    if !query.is_empty() {
        text.push('?');
        text.push_str(query);
    }
    *request.uri_mut() = text.parse().map_err(|e| format!("invalid request URL after signing: {e}"))?;
    Ok(())
}

/// The request URI's authority (`host[:port]`).
pub(crate) fn authority(request: &Request) -> String {
    request.uri().authority().map(|a| a.as_str().to_owned()).unwrap_or_default()
}

/// Year, month, day, hour, minute and second (UTC) of a Unix time.
pub(crate) fn utc(secs: u64) -> [u64; 6] {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days to a civil date (Howard Hinnant's algorithm), for dates after 1970.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    [year, month, day, rest / 3600, rest % 3600 / 60, rest % 60]
}

/// Random bytes from the operating system (a time-derived fallback without one).
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        let seed = unix_time().to_le_bytes();
        bytes.iter_mut().enumerate().for_each(|(i, b)| *b = seed[i % 8] ^ (i as u8).wrapping_mul(151));
    }
    bytes
}
