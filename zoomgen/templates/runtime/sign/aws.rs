//! AWS Signature Version 4, as Postman signs with it (its `aws4` library): the canonical
//! request over method, path, query, headers and payload hash, in the `Authorization` header or
//! the query.

use std::fmt;

use super::{hex, mac, set_header, unix_time, utc, Request, Settings, Sign};
use crate::runtime::{Scheme, Secret};

/// AWS credentials: access key id, secret access key and, for temporary credentials, the session
/// token. Region and service are the collection's unless set here.
#[derive(Clone)]
pub struct AwsV4 {
    access_key: String,
    secret_key: Secret,
    session_token: Option<Secret>,
    region: Option<String>,
    service: Option<String>,
    time: Option<u64>,
}

impl AwsV4 {
    /// Long-term credentials.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        AwsV4 {
            access_key: access_key.into(),
            secret_key: Secret::new(secret_key),
            session_token: None,
            region: None,
            service: None,
            time: None,
        }
    }

    /// The session token of temporary credentials (`X-Amz-Security-Token`); none when empty.
    pub fn session_token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        self.session_token = (!token.is_empty()).then(|| Secret::new(token));
        self
    }

    /// Signs for this region instead of the collection's (default `us-east-1`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Signs for this service instead of the collection's (default `execute-api`).
    pub fn service(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Signs as at this Unix time instead of now (for tests).
    pub fn time(mut self, unix_seconds: u64) -> Self {
        self.time = Some(unix_seconds);
        self
    }
}

impl fmt::Debug for AwsV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsV4")
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key)
            .field("session_token", &self.session_token)
            .field("region", &self.region)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

super::credentials!(AwsV4);

/// Headers never signed.
const UNSIGNED: &[&str] =
    &["authorization", "connection", "x-amzn-trace-id", "user-agent", "expect", "presigned-expires", "range"];

impl Sign for AwsV4 {
    fn scheme(&self) -> Scheme {
        Scheme::AwsV4
    }

    fn sign(&self, request: &mut Request, settings: &Settings) -> Result<(), String> {
        use sha2::Digest as _;
        let region = self.region.as_deref().or(settings.get("region")).unwrap_or("us-east-1").to_owned();
        let service = self.service.as_deref().or(settings.get("service")).unwrap_or("execute-api").to_owned();
        let [y, mo, d, h, mi, s] = utc(self.time.unwrap_or_else(unix_time));
        let date = format!("{y:04}{mo:02}{d:02}");
        let datetime = format!("{date}T{h:02}{mi:02}{s:02}Z");
        let scope = format!("{date}/{region}/{service}/aws4_request");
        let in_query = settings.flag("addAuthDataToQuery");
        let authority = super::authority(request);
        let mut query = query_pairs(request.uri().query().unwrap_or(""));
        query.retain(|(k, _)| !k.starts_with("X-Amz-"));
        let headers = request.headers_mut();
        for name in ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"] {
            headers.remove(name);
        }
        let hex_hash = |data: &[u8]| hex(&sha2::Sha256::digest(data));
        let body_hash = hex_hash(request.body());
        let mut extra: Vec<(String, String)> = Vec::new();
        if in_query {
            if let Some(token) = &self.session_token {
                query.push(("X-Amz-Security-Token".to_owned(), token.expose().to_owned()));
            }
            query.push(("X-Amz-Date".to_owned(), datetime.clone()));
            query.push(("X-Amz-Algorithm".to_owned(), "AWS4-HMAC-SHA256".to_owned()));
            query.push(("X-Amz-Credential".to_owned(), format!("{}/{scope}", self.access_key)));
        } else {
            if !request.body().is_empty() {
                extra.push(("x-amz-content-sha256".to_owned(), body_hash.clone()));
            }
            extra.push(("x-amz-date".to_owned(), datetime.clone()));
            if let Some(token) = &self.session_token {
                extra.push(("x-amz-security-token".to_owned(), token.expose().to_owned()));
            }
        }
        let mut signed: Vec<(String, String)> = request
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .chain(extra.iter().cloned())
            .filter(|(name, _)| !UNSIGNED.contains(&name.as_str()) && name != "host")
            .collect();
        signed.push(("host".to_owned(), authority));
        signed.sort_by(|a, b| a.0.cmp(&b.0));
        let signed_names = signed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(";");
        if in_query {
            query.push(("X-Amz-SignedHeaders".to_owned(), signed_names.clone()));
        }
        let canonical_headers: String = signed
            .iter()
            .map(|(name, value)| format!("{name}:{}\n", value.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        let canonical = [
            request.method().as_str().to_owned(),
            canonical_path(request.uri().path()),
            canonical_query(&query),
            canonical_headers,
            signed_names.clone(),
            body_hash,
        ]
        .join("\n");
        let to_sign = format!("AWS4-HMAC-SHA256\n{datetime}\n{scope}\n{}", hex_hash(canonical.as_bytes()));
        type Mac = hmac::Hmac<sha2::Sha256>;
        let key = mac::<Mac>(format!("AWS4{}", self.secret_key.expose()).as_bytes(), date.as_bytes());
        let key = mac::<Mac>(&key, region.as_bytes());
        let key = mac::<Mac>(&key, service.as_bytes());
        let key = mac::<Mac>(&key, b"aws4_request");
        let signature = hex(&mac::<Mac>(&key, to_sign.as_bytes()));
        if in_query {
            query.push(("X-Amz-Signature".to_owned(), signature));
            let text = query.iter().map(|(k, v)| format!("{}={}", super::rfc3986(k), super::rfc3986(v)));
            return super::with_query(request, &text.collect::<Vec<_>>().join("&"));
        }
        for (name, value) in &extra {
            let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
            set_header(request, name, value)?;
        }
        let header = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
            self.access_key
        );
        set_header(request, http::header::AUTHORIZATION, &header)
    }
}

/// The query's pairs, decoded (`+` is a space).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// The path as signed: `.` and `..` resolved, repeated slashes merged, each segment (as sent)
/// percent-encoded once more.
fn canonical_path(path: &str) -> String {
    if path.is_empty() || path == "/" {
        return "/".to_owned();
    }
    let mut merged = path.to_owned();
    while merged.contains("//") {
        merged = merged.replace("//", "/");
    }
    let mut segments: Vec<String> = Vec::new();
    for piece in merged.split('/') {
        match piece {
            ".." => {
                segments.pop();
            }
            "." => {}
            piece => segments.push(super::rfc3986(piece)),
        }
    }
    let joined = segments.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// The query as signed: pairs sorted by encoded key (then value), empty keys left out.
fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> =
        pairs.iter().filter(|(k, _)| !k.is_empty()).map(|(k, v)| (super::rfc3986(k), super::rfc3986(v))).collect();
    encoded.sort();
    encoded.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}
