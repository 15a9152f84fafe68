//! Base URLs: one per origin and value, each a `ClientBuilder` setter.

use super::url::UrlParts;
use super::vars::{has_variables, variable_name, Vars};
use super::Lowering;
use crate::ir::{EnvValue, Origin, Server, Template};
use crate::names;

impl Lowering<'_> {
    /// The index of the server for a URL's origin, adding it on first sight.
    pub(super) fn server(&mut self, parts: &UrlParts, vars: &Vars) -> usize {
        // As Postman: a URL without scheme is http, a port goes after the host.
        let port = parts.port.as_deref().map(|p| format!(":{p}")).unwrap_or_default();
        let with_scheme = |host: &str| match &parts.protocol {
            _ if host.contains("://") => host.to_owned(),
            Some(protocol) => format!("{protocol}://{host}{port}"),
            None => format!("http://{host}{port}"),
        };
        let mut presets = Vec::new();
        let mut collection_url = None;
        let (origin, url, setter) = match variable_name(&parts.host) {
            Some(var) => {
                let url_with = |vars: &Vars| {
                    let value = vars.resolve(&parts.host);
                    match &parts.protocol {
                        _ if value.trim() != parts.host.trim() => with_scheme(value.trim()),
                        // `https://{{host}}`: the scheme is the collection's, the host a client variable.
                        Some(_) => with_scheme(parts.host.trim()),
                        // A host variable without a value is itself the base-URL setting.
                        None => String::new(),
                    }
                };
                let envs = self.environments;
                let url = if envs.given.contains(var) {
                    // An environment gives the host: the first one's URL is the default, each
                    // one's its preset's.
                    presets = (0..envs.len())
                        .map(|i| match url_with(envs.scope(i)) {
                            _ if envs.is_secret(i, var) => EnvValue::Secret,
                            url if url.is_empty() || has_variables(&url) => EnvValue::Unset,
                            url => EnvValue::Value(url.trim_end_matches('/').to_owned()),
                        })
                        .collect();
                    collection_url = Some(match &parts.protocol {
                        Some(_) => with_scheme(parts.host.trim()),
                        None => parts.host.trim().to_owned(),
                    });
                    url_with(envs.scope(0))
                } else {
                    url_with(vars)
                };
                let words = names::words(var);
                let setter =
                    if words.last().is_some_and(|w| w == "url") { var.to_owned() } else { format!("{var} url") };
                (Origin::Variable(var.to_owned()), url, names::snake(&setter))
            }
            None => {
                let host = vars.resolve(&parts.host);
                // `//host` has no scheme: Postman's runner refuses it, so there is no default and
                // the client refuses it until the base URL is set.
                let url = if parts.no_scheme { String::new() } else { with_scheme(&host) };
                (Origin::Literal, url, names::snake(&format!("{host} url")))
            }
        };
        let default_url: Template = self.template(url.trim_end_matches('/'));
        // One server per origin and value: a folder that gives the host variable another value
        // gets a base URL of its own.
        if let Some(i) = self.servers.iter().position(|s| s.origin == origin && s.default_url == default_url) {
            return i;
        }
        let key = match &origin {
            Origin::Variable(var) => format!("{{{{{var}}}}} {}", url.trim_end_matches('/')).trim_end().to_owned(),
            Origin::Literal => url.trim_end_matches('/').to_owned(),
        };
        let setter = self.setters.claim_for(&key, &setter);
        let path = url_path(&url);
        self.servers.push(Server { key, setter, default_url, origin, path, presets, collection_url });
        self.servers.len() - 1
    }
}

/// The path of a base URL after its host, without a trailing slash; empty when it has none or
/// holds `{{variables}}` (whose values the mock does not know).
fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]).trim_end_matches('/');
    if path.contains("{{") {
        String::new()
    } else {
        path.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_path_of_a_base_url() {
        assert_eq!(super::url_path("https://api.zoom.us/v2/"), "/v2");
        assert_eq!(super::url_path("https://zoom.us"), "");
        assert_eq!(super::url_path("https://{{host}}/{{version}}"), "");
        assert_eq!(super::url_path(""), "");
    }
}
