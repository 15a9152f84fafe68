//! URLs as a collection writes them (a `raw` string or an object) split into their parts.

use crate::postman;

/// A key/value input as written in the collection (query parameter or body field).
#[derive(Debug, Default)]
pub(super) struct Entry {
    pub key: String,
    pub value: Option<String>,
    pub description: Option<String>,
    pub disabled: bool,
    /// A form-data file part.
    pub file: bool,
    /// A form-data file part's path.
    pub src: Option<serde_json::Value>,
    /// A form-data part's own content type.
    pub content_type: Option<String>,
}

/// The parts of a URL, from either a `raw` string or a URL object.
#[derive(Debug, Default)]
pub(super) struct UrlParts {
    pub protocol: Option<String>,
    pub host: String,
    pub port: Option<String>,
    pub path: Vec<String>,
    pub query: Vec<Entry>,
    /// Written `//host/path`: a host but no scheme. Postman's runner refuses to send it.
    pub no_scheme: bool,
    /// Written with `user:password@` before the host.
    pub credentials: bool,
}

/// Splits a URL (object or raw string) into protocol, host, port, path and query.
pub(super) fn url_parts(url: &postman::UrlField) -> UrlParts {
    match url {
        postman::UrlField::Raw(raw) => parse_raw(raw),
        postman::UrlField::Object(u) => {
            let mut parts = match (&u.host, &u.raw) {
                (None, Some(raw)) => parse_raw(raw),
                _ => UrlParts::default(),
            };
            if let Some(host) = &u.host {
                parts.host = match host {
                    postman::StringOrList::One(s) => s.clone(),
                    postman::StringOrList::Many(list) => {
                        list.iter().flatten().map(String::as_str).collect::<Vec<_>>().join(".")
                    }
                };
            }
            if u.protocol.is_some() {
                parts.protocol = u.protocol.clone();
            }
            if u.port.is_some() {
                parts.port = u.port.clone();
            }
            if let Some(path) = &u.path {
                parts.path = object_path(path);
            }
            if !u.query.is_empty() || u.host.is_some() {
                parts.query = u.query.iter().map(query_entry).collect();
            }
            parts
        }
    }
}

fn object_path(path: &postman::PathField) -> Vec<String> {
    match path {
        postman::PathField::One(s) => split_path(s),
        postman::PathField::Many(list) => list
            .iter()
            .map(|seg| match seg {
                postman::PathSegment::Text(s) => s.clone(),
                postman::PathSegment::Object { value } => value.clone().unwrap_or_default(),
                postman::PathSegment::Other(v) => v.to_string(),
            })
            .collect(),
    }
}

fn query_entry(q: &postman::Param) -> Entry {
    Entry {
        key: q.key.clone().unwrap_or_default(),
        value: q.value.clone(),
        description: q.description.as_ref().and_then(|d| d.text()).map(str::to_owned),
        disabled: q.disabled,
        ..Entry::default()
    }
}

fn split_path(path: &str) -> Vec<String> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return Vec::new();
    }
    trimmed.split('/').map(str::to_owned).collect()
}

/// Parses a raw URL such as `{{baseUrl}}/users/:id?type=zak` or `https://zoom.us/oauth/token`.
fn parse_raw(raw: &str) -> UrlParts {
    let raw = raw.trim();
    let raw = raw.split_once('#').map_or(raw, |(u, _)| u);
    let (protocol, rest) = match raw.split_once("://") {
        Some((p, rest)) if !p.contains(['/', '{']) => (Some(p.to_owned()), rest),
        _ => (None, raw),
    };
    let no_scheme = protocol.is_none() && rest.starts_with("//");
    let rest = if no_scheme { &rest[2..] } else { rest };
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], &before_query[i..]),
        None => (before_query, ""),
    };
    let (credentials, authority) = match authority.rsplit_once('@') {
        Some((_, host)) => (true, host),
        None => (false, authority),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p.to_owned())),
        _ => (authority, None),
    };
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            // A key without `=` has no value: Postman sends it alone.
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) => (k, Some(v.to_owned())),
                None => (pair, None),
            };
            Entry { key: key.to_owned(), value, ..Entry::default() }
        })
        .collect();
    UrlParts { protocol, host: host.to_owned(), port, path: split_path(path), query, no_scheme, credentials }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_urls_split_into_parts() {
        let p = parse_raw("{{baseUrl}}/users/:userId/token?type=zak&ttl=5");
        assert_eq!(p.host, "{{baseUrl}}");
        assert_eq!(p.path, ["users", ":userId", "token"]);
        assert_eq!(p.query.len(), 2);
        assert_eq!(p.query[1].value.as_deref(), Some("5"));
        let p = parse_raw("http://localhost:8080/a/");
        assert_eq!(
            (p.protocol.as_deref(), p.host.as_str(), p.port.as_deref()),
            (Some("http"), "localhost", Some("8080"))
        );
        assert_eq!(p.path, ["a", ""]);
        let p = parse_raw("https://u{{x}}:{{p}}@{{h}}:2002/a?b=c#/frag");
        assert_eq!((p.credentials, p.host.as_str(), p.port.as_deref()), (true, "{{h}}", Some("2002")));
        assert_eq!(p.query[0].value.as_deref(), Some("c"));
        let p = parse_raw("//httpbin.org/post");
        assert_eq!((p.no_scheme, p.host.as_str(), p.path.as_slice()), (true, "httpbin.org", &["post".to_owned()][..]));
    }
}
