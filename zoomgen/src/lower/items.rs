//! Folder traversal: requests with what they inherit (variables, auth), scripts, and the
//! collection-wide OAuth settings.

use std::collections::BTreeMap;

use serde_json::Value;

use super::auth::AuthSetting;
use super::vars::Vars;
use crate::error::Warning;
use crate::postman;

/// A request with the context inherited from its folders.
pub(super) struct Req<'a> {
    pub item: &'a postman::Item,
    /// The request's identity across regenerations (see [`assign_keys`]).
    pub key: String,
    /// Its method and path as written (`GET /users/:id`): its identity when the key changed.
    pub route: String,
    /// Positions in the nested `item` arrays.
    pub index: Vec<usize>,
    /// `Folder / Request`, for warnings and name overrides.
    pub path: String,
    /// The collection's variables.
    pub vars: Vars,
    pub auth: AuthSetting,
}

/// A top-level folder (or the collection's loose requests) with its requests.
pub(super) struct Group<'a> {
    /// The folder's identity across regenerations: its id, else its name.
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub requests: Vec<Req<'a>>,
}

/// Groups the collection's requests by top-level folder; top-level requests gather in a group
/// of their own, first. Folders without requests give no group.
pub(super) fn groups<'a>(collection: &'a postman::Collection, vars: &Vars) -> Vec<Group<'a>> {
    let auth = AuthSetting::from(collection.auth.as_ref()).unwrap_or(AuthSetting::None);
    let mut groups = Vec::new();
    let mut loose = Vec::new();
    for (i, item) in collection.item.iter().enumerate() {
        match &item.item {
            Some(_) => {
                let mut requests = Vec::new();
                collect(std::slice::from_ref(item), &[], "", vars, &auth, &mut requests);
                for req in &mut requests {
                    req.index[0] = i;
                }
                let name = item.name.clone().unwrap_or_default();
                let description = item.description.as_ref().and_then(|d| d.text()).map(crate::docs::to_rustdoc);
                let key = item.id.clone().unwrap_or_else(|| name.clone());
                groups.push(Group { key, name, description, requests });
            }
            None => {
                let before = loose.len();
                collect(std::slice::from_ref(item), &[], "", vars, &auth, &mut loose);
                if loose.len() > before {
                    if let Some(req) = loose.last_mut() {
                        req.index = vec![i];
                    }
                }
            }
        }
    }
    if !loose.is_empty() {
        let name = collection.info.name.clone().unwrap_or_else(|| "requests".to_owned());
        groups.insert(0, Group { key: String::new(), name, description: None, requests: loose });
    }
    groups.retain(|g| !g.requests.is_empty());
    groups
}

/// Gives every request its `route` and a key unique in the collection: its item id, else its
/// route, with its name when several requests share that, and a number when the keys still
/// collide (a copied item keeps its id).
pub(super) fn assign_keys(groups: &mut [Group<'_>], route: impl Fn(&Req<'_>) -> String) {
    for req in groups.iter_mut().flat_map(|g| &mut g.requests) {
        req.route = route(req);
    }
    let reqs = || groups.iter().flat_map(|g| &g.requests);
    let fallbacks: Vec<String> =
        reqs().map(|r| if r.key.is_empty() { r.route.clone() } else { String::new() }).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for f in fallbacks.iter().filter(|f| !f.is_empty()) {
        *count.entry(f).or_default() += 1;
    }
    let keys: Vec<String> = reqs()
        .zip(&fallbacks)
        .map(|(r, f)| match (f.is_empty(), count.get(f.as_str())) {
            (true, _) => r.key.clone(),
            (false, Some(1)) => f.clone(),
            (false, _) => format!("{f} {}", r.item.name.as_deref().unwrap_or_default()),
        })
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let all = groups.iter_mut().flat_map(|g| &mut g.requests);
    for (req, key) in all.zip(keys) {
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        req.key = if *n == 1 { key } else { format!("{key} #{n}") };
    }
}

/// Flattens nested folders, resolving auth on the way down. Variables are the collection's
/// only: Postman's runner does not resolve folder and request variables.
fn collect<'a>(
    items: &'a [postman::Item],
    at: &[usize],
    prefix: &str,
    vars: &Vars,
    auth: &AuthSetting,
    out: &mut Vec<Req<'a>>,
) {
    for (i, item) in items.iter().enumerate() {
        let index = [at, &[i]].concat();
        let name = item.name.as_deref().unwrap_or("");
        let path = if prefix.is_empty() { name.to_owned() } else { format!("{prefix} / {name}") };
        let auth = AuthSetting::from(item.auth.as_ref()).unwrap_or(auth.clone());
        match (&item.item, &item.request) {
            (Some(children), _) => collect(children, &index, &path, vars, &auth, out),
            // Without a request there is nothing to send (Postman's runner sends nothing).
            (None, None) => {}
            (None, Some(_)) => {
                let key = item.id.clone().unwrap_or_default();
                out.push(Req { item, key, route: String::new(), index, path, vars: vars.clone(), auth });
            }
        }
    }
}

/// Warns about scripts on the collection, its folders and requests (they are never run), and
/// about items without a request.
pub(super) fn warn_all_scripts(collection: &postman::Collection, warnings: &mut Vec<Warning>) {
    warn_scripts(&collection.event, "", warnings);
    warn_item_scripts(&collection.item, "", warnings);
}

fn warn_item_scripts(items: &[postman::Item], prefix: &str, warnings: &mut Vec<Warning>) {
    for item in items {
        let name = item.name.as_deref().unwrap_or("");
        let path = if prefix.is_empty() { name.to_owned() } else { format!("{prefix} / {name}") };
        warn_scripts(&item.event, &path, warnings);
        match (&item.item, &item.request) {
            (Some(children), _) => warn_item_scripts(children, &path, warnings),
            (None, None) => warnings.push(Warning {
                item: path,
                message: "the item has no request: nothing to send, no method (as Postman's runner sends nothing)"
                    .to_owned(),
            }),
            (None, Some(_)) => {}
        }
    }
}

/// Warns when `events` hold script code: the generated client does not run scripts, so whatever
/// they set (tokens, variables, headers) must be set on the client instead.
fn warn_scripts(events: &[Value], item: &str, warnings: &mut Vec<Warning>) {
    let has_code = |e: &Value| match &e["script"]["exec"] {
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(lines) => lines.iter().any(|l| l.as_str().is_some_and(|l| !l.trim().is_empty())),
        _ => false,
    };
    for event in events.iter().filter(|e| has_code(e)) {
        let listen = event["listen"].as_str().unwrap_or("event");
        warnings.push(Warning {
            item: item.to_owned(),
            message: format!("{listen} script is not run: set what it sets (tokens, variables) on the client"),
        });
    }
}

/// What the first OAuth 2.0 auth setting in the collection says about obtaining tokens.
pub(super) fn oauth_settings(collection: &postman::Collection) -> crate::ir::OAuthSettings {
    fn in_items(items: &[postman::Item]) -> Option<&postman::Auth> {
        items.iter().find_map(|item| {
            let own = match &item.request {
                Some(postman::RequestField::Request(r)) => oauth2(r.auth.as_ref()),
                _ => None,
            };
            own.or_else(|| oauth2(item.auth.as_ref())).or_else(|| in_items(item.item.as_deref().unwrap_or_default()))
        })
    }
    fn oauth2(auth: Option<&postman::Auth>) -> Option<&postman::Auth> {
        auth.filter(|a| a.kind == postman::AuthType::OAuth2)
    }
    let Some(auth) = oauth2(collection.auth.as_ref()).or_else(|| in_items(&collection.item)) else {
        return crate::ir::OAuthSettings::default();
    };
    let text = |key: &str| auth.param(key).map(str::trim).filter(|v| !v.is_empty() && !v.contains("{{"));
    crate::ir::OAuthSettings {
        token_url: text("accessTokenUrl").filter(|u| u.starts_with("http")).map(str::to_owned),
        scope: text("scope").map(str::to_owned),
        client_auth_in_body: text("client_authentication") == Some("body"),
    }
}
