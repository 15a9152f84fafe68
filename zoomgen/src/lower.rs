//! Postman model → IR: folders to modules, variables, auth inheritance, URLs, params, names,
//! and types inferred from examples.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::docs;
use crate::error::Warning;
use crate::infer::{Namer, Shape};
use crate::ir::{
    Api, Auth, Body, ClientVariable, Module, Operation, PageKind, Pagination, Param, PathPart, Response, Server, Type,
    TypeDef, TypeKind, Variant,
};
use crate::names::{self, Piece, Scope};
use crate::postman;

/// How deep `{{var}}` references are followed before giving up (cycles end here too).
const MAX_VARIABLE_DEPTH: usize = 16;

/// Identifiers the generated crate root defines or its modules import; no type from the
/// collection may take them.
const RESERVED_TYPES: &[&str] = &[
    // The generated crate's own items and imports.
    "ApiError",
    "Auth",
    "AuthKind",
    "BodyKind",
    "Call",
    "Client",
    "ClientBuilder",
    "Error",
    "HeaderMap",
    "Method",
    "OAuth",
    "Operation",
    "Paginated",
    "RateLimit",
    "Response",
    "Retry",
    "Secret",
    "StatusCode",
    "Stream",
    "StreamExt",
    "Tokens",
    "TryStreamExt",
    "UnexpectedResponse",
    // The prelude: a type named like these would shadow it in its module.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Trait methods the generated types have and the generated code calls: no accessor, method or
/// setter may shadow them.
const TRAIT_METHODS: &[&str] =
    &["as_ref", "clone", "default", "eq", "fmt", "from", "hash", "into", "ne", "to_owned", "to_string"];

/// The runtime's own methods on `Client` (folder accessors live there too).
const CLIENT_METHODS: &[&str] = &["assemble", "builder", "substitute"];

/// The methods every request builder has (optional inputs become builder methods too).
const BUILDER_METHODS: &[&str] =
    &["build_request", "call", "items", "pages", "send", "send_blocking", "send_with_response"];

/// Module names that would clash with the crate's own files and paths.
const RESERVED_MODULES: &[&str] = &["build", "core", "crate", "lib", "main", "mod", "runtime", "std", "super", "tests"];

/// Names taken by the generated `ClientBuilder`.
const RESERVED_SETTERS: &[&str] = &["auth", "build", "new", "http_client"];

/// Lowers a parsed collection. Warnings name the item they concern.
pub(crate) fn lower(
    collection: &postman::Collection,
    renames: &BTreeMap<String, String>,
    warnings: &mut Vec<Warning>,
) -> Api {
    let mut cx = Lowering {
        warnings,
        servers: Vec::new(),
        setters: Scope::with_reserved(RESERVED_SETTERS),
        type_names: Scope::with_reserved(RESERVED_TYPES),
        types: Vec::new(),
        shared: HashMap::new(),
        module: 0,
        variables: Vec::new(),
        renames,
        renamed: Vec::new(),
    };
    let vars = Vars::default().with(&collection.variable);
    let auth = AuthSetting::from(collection.auth.as_ref()).unwrap_or(AuthSetting::None);

    // Top-level folders become modules; top-level requests gather in one module of their own.
    let mut module_scope = Scope::with_reserved(&[RESERVED_MODULES, TRAIT_METHODS, CLIENT_METHODS].concat());
    let mut groups: Vec<(String, Option<String>, Vec<Req<'_>>)> = Vec::new();
    let mut loose = Vec::new();
    for (i, item) in collection.item.iter().enumerate() {
        if let Some(children) = &item.item {
            let name = item.name.clone().unwrap_or_default();
            let vars = vars.with(&item.variable);
            let auth = AuthSetting::from(item.auth.as_ref()).unwrap_or(auth.clone());
            let mut reqs = Vec::new();
            collect(children, &[i], &name, &vars, &auth, &mut reqs);
            let desc = item.description.as_ref().and_then(|d| d.text()).map(docs::to_rustdoc);
            groups.push((name, desc, reqs));
        } else {
            collect(std::slice::from_ref(item), &[], "", &vars, &auth, &mut loose);
            if let Some(req) = loose.last_mut() {
                req.index = vec![i];
            }
        }
    }
    if !loose.is_empty() {
        let name = collection.info.name.clone().unwrap_or_else(|| "requests".to_owned());
        groups.insert(0, (name, None, loose));
    }

    warn_scripts(&collection.event, "", cx.warnings);
    warn_item_scripts(&collection.item, "", cx.warnings);

    // A folder without requests gives nothing (no empty module).
    groups.retain(|(_, _, reqs)| !reqs.is_empty());
    let mut modules = Vec::new();
    for (index, (name, description, reqs)) in groups.into_iter().enumerate() {
        let ident = module_scope.claim(&cx.rename(&name).unwrap_or_else(|| names::snake(&name)));
        let type_ident = cx.type_names.claim(&names::pascal(&name));
        let mut methods = Scope::with_reserved(&[TRAIT_METHODS, &["client"]].concat());
        cx.module = index;
        let operations: Vec<Operation> = reqs.into_iter().map(|req| cx.operation(req, &mut methods)).collect();
        modules.push(Module { name, ident, type_ident, description, operations });
    }
    unify_path_params(&mut modules);
    for key in renames.keys().filter(|k| !cx.renamed.contains(k)) {
        cx.warnings
            .push(Warning { item: key.clone(), message: "name override matches no folder or request".to_owned() });
    }

    Api {
        name: collection.info.name.clone().unwrap_or_else(|| "API".to_owned()),
        description: collection.info.description.as_ref().and_then(|d| d.text()).map(docs::to_rustdoc),
        servers: cx.servers,
        modules,
        types: cx.types,
        variables: cx.variables,
        oauth_token_url: oauth_token_url(collection),
    }
}

/// The `accessTokenUrl` of the first OAuth 2.0 auth setting in the collection, if any.
fn oauth_token_url(collection: &postman::Collection) -> Option<String> {
    fn in_items(items: &[postman::Item]) -> Option<String> {
        items.iter().find_map(|item| {
            let own = match &item.request {
                Some(postman::RequestField::Request(r)) => from(r.auth.as_ref()),
                _ => None,
            };
            own.or_else(|| from(item.auth.as_ref())).or_else(|| in_items(item.item.as_deref().unwrap_or_default()))
        })
    }
    fn from(auth: Option<&postman::Auth>) -> Option<String> {
        let auth = auth.filter(|a| a.kind == "oauth2")?;
        auth.param("accessTokenUrl").filter(|u| u.starts_with("http")).map(str::to_owned)
    }
    from(collection.auth.as_ref()).or_else(|| in_items(&collection.item))
}

/// A path variable whose examples are integers in one request and text in another (an id
/// faked as a number here and a name there) takes [`Type::Id`] everywhere: either works.
fn unify_path_params(modules: &mut [Module]) {
    let mut seen: BTreeMap<String, Type> = BTreeMap::new();
    let mut mixed = Vec::new();
    for p in modules.iter().flat_map(|m| &m.operations).flat_map(|op| &op.path_params) {
        match seen.get(&p.name) {
            Some(ty) if *ty != p.ty => mixed.push(p.name.clone()),
            Some(_) => {}
            None => {
                seen.insert(p.name.clone(), p.ty.clone());
            }
        }
    }
    for op in modules.iter_mut().flat_map(|m| &mut m.operations) {
        for p in op.path_params.iter_mut().filter(|p| mixed.contains(&p.name)) {
            p.ty = Type::Id;
        }
    }
}

/// Warns about scripts (`event`) on folders and requests: they are never run.
fn warn_item_scripts(items: &[postman::Item], prefix: &str, warnings: &mut Vec<Warning>) {
    for item in items {
        let name = item.name.as_deref().unwrap_or("");
        let path = if prefix.is_empty() { name.to_owned() } else { format!("{prefix} / {name}") };
        warn_scripts(&item.event, &path, warnings);
        if let Some(children) = &item.item {
            warn_item_scripts(children, &path, warnings);
        }
    }
}

/// Warns when `events` hold script code: the generated client does not run scripts, so whatever
/// they set (tokens, variables, headers) must be set on the client instead.
fn warn_scripts(events: &[Value], item: &str, warnings: &mut Vec<Warning>) {
    let has_code = |e: &Value| {
        let exec = &e["script"]["exec"];
        match exec {
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(lines) => lines.iter().any(|l| l.as_str().is_some_and(|l| !l.trim().is_empty())),
            _ => false,
        }
    };
    for event in events.iter().filter(|e| has_code(e)) {
        let listen = event["listen"].as_str().unwrap_or("event");
        warnings.push(Warning {
            item: item.to_owned(),
            message: format!("{listen} script is not run: set what it sets (tokens, variables) on the client"),
        });
    }
}

/// A request with the context inherited from its folders.
struct Req<'a> {
    item: &'a postman::Item,
    /// Positions in the nested `item` arrays.
    index: Vec<usize>,
    path: String,
    vars: Vars,
    auth: AuthSetting,
}

/// Flattens nested folders, resolving variables and auth on the way down.
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
        let vars = vars.with(&item.variable);
        let auth = AuthSetting::from(item.auth.as_ref()).unwrap_or(auth.clone());
        match &item.item {
            Some(children) => collect(children, &index, &path, &vars, &auth, out),
            None => out.push(Req { item, index, path, vars, auth }),
        }
    }
}

/// Variable values visible at one level (collection → folder → request).
#[derive(Debug, Clone, Default)]
struct Vars(BTreeMap<String, String>);

impl Vars {
    fn with(&self, vars: &[postman::Variable]) -> Vars {
        let mut map = self.0.clone();
        for v in vars.iter().filter(|v| !v.disabled) {
            if let (Some(k), Some(val)) = (v.name(), v.value.as_ref()) {
                map.insert(k.to_owned(), val.clone());
            }
        }
        Vars(map)
    }

    /// Substitutes every `{{var}}` with a known value; unknown ones stay as written.
    fn resolve(&self, s: &str) -> String {
        let mut out = s.to_owned();
        for _ in 0..MAX_VARIABLE_DEPTH {
            let mut changed = false;
            let next: String = names::pieces(&out)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(text) => text,
                    Piece::Var(whole, name) => match self.0.get(name) {
                        Some(value) => {
                            changed = true;
                            value
                        }
                        None => whole,
                    },
                })
                .collect();
            out = next;
            if !changed {
                break;
            }
        }
        out
    }
}

/// The names of the `{{var}}` references left in `text`.
fn unresolved(text: &str) -> Vec<String> {
    names::pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Var(_, name) => Some(name.to_owned()),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The name of the variable when `s` is exactly one `{{var}}` reference.
fn variable_name(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix("{{")?.strip_suffix("}}")?;
    (!inner.contains("{{") && !inner.contains("}}")).then(|| inner.trim())
}

/// Auth as set on some level of the collection.
#[derive(Debug, Clone)]
enum AuthSetting {
    None,
    Bearer,
    Basic,
    ApiKey { name: String, in_query: bool },
    Unsupported(String),
}

impl AuthSetting {
    /// `None` when the level inherits from its parent.
    fn from(auth: Option<&postman::Auth>) -> Option<AuthSetting> {
        let auth = auth?;
        Some(match auth.kind.as_str() {
            "inherit" => return None,
            "noauth" => AuthSetting::None,
            "bearer" | "oauth2" => AuthSetting::Bearer,
            "basic" => AuthSetting::Basic,
            "apikey" => AuthSetting::ApiKey {
                name: auth.param("key").unwrap_or("api_key").to_owned(),
                in_query: auth.param("in") == Some("query"),
            },
            other => AuthSetting::Unsupported(other.to_owned()),
        })
    }
}

struct Lowering<'w> {
    warnings: &'w mut Vec<Warning>,
    servers: Vec<Server>,
    setters: Scope,
    type_names: Scope,
    types: Vec<TypeDef>,
    shared: HashMap<(TypeKind, bool), String>,
    /// Index of the module being lowered.
    module: usize,
    variables: Vec<ClientVariable>,
    /// Maintainers' name overrides: folder or `Folder / Request` → identifier.
    renames: &'w BTreeMap<String, String>,
    /// Override keys used so far.
    renamed: Vec<String>,
}

/// A key/value input as written in the collection (query parameter or body field).
#[derive(Debug, Default)]
struct Entry {
    key: String,
    value: Option<String>,
    description: Option<String>,
    disabled: bool,
    /// A form-data file part.
    file: bool,
}

/// The parts of a URL, from either a `raw` string or a URL object.
#[derive(Debug, Default)]
struct UrlParts {
    protocol: Option<String>,
    host: String,
    port: Option<String>,
    path: Vec<String>,
    query: Vec<Entry>,
}

impl Lowering<'_> {
    fn warn(&mut self, item: &str, message: impl Into<String>) {
        self.warnings.push(Warning { item: item.to_owned(), message: message.into() });
    }

    fn operation(&mut self, req: Req<'_>, methods: &mut Scope) -> Operation {
        let item = req.item;
        let request = match &item.request {
            Some(postman::RequestField::Request(r)) => Some(r.as_ref()),
            _ => None,
        };
        let url_string;
        let url = match &item.request {
            Some(postman::RequestField::Url(s)) => {
                url_string = postman::UrlField::Raw(s.clone());
                Some(&url_string)
            }
            _ => request.and_then(|r| r.url.as_ref()),
        };
        let parts = url.map(url_parts).unwrap_or_default();
        let name = item.name.clone().unwrap_or_default();
        // A duplicate name takes words from its own path before a number, so that it does not
        // depend on its position among the duplicates.
        let ident = match self.rename(&req.path) {
            Some(ident) => methods.claim(&ident),
            None => {
                let mut candidates = vec![names::method(&name)];
                let literal: Vec<&str> = parts
                    .path
                    .iter()
                    .filter(|s| !s.starts_with(':') && !s.contains("{{"))
                    .map(String::as_str)
                    .collect();
                if let Some(last) = literal.last() {
                    candidates.push(names::method(&format!("{name} {last}")));
                }
                if literal.len() > 1 {
                    candidates.push(names::method(&format!("{name} {}", literal.join(" "))));
                }
                methods.claim_first(&candidates)
            }
        };
        let type_ident = self.type_names.claim(&names::pascal(&ident));
        let mut method = request
            .and_then(|r| r.method.as_deref())
            .map(|m| m.trim().to_ascii_uppercase())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "GET".to_owned());
        if !method.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)) {
            self.warn(&req.path, format!("`{method}` is not a valid HTTP method; GET is used"));
            method = "GET".to_owned();
        }
        let description = request
            .and_then(|r| r.description.as_ref())
            .or(item.description.as_ref())
            .and_then(|d| d.text())
            .map(docs::to_rustdoc)
            .filter(|d| !d.is_empty());

        let server = self.server(&parts, &req.vars);
        let mut params = Scope::with_reserved(&[TRAIT_METHODS, BUILDER_METHODS].concat());

        // Path: `:name` segments are parameters described by `url.variable`.
        let url_vars: &[postman::Variable] = match url {
            Some(postman::UrlField::Object(u)) => &u.variable,
            _ => &[],
        };
        let mut path = Vec::new();
        let mut path_params = Vec::new();
        for seg in &parts.path {
            let var = seg.strip_prefix(':').filter(|v| !v.is_empty());
            match var {
                Some(var) => {
                    let def = url_vars.iter().find(|v| v.name() == Some(var));
                    let example = def.and_then(|d| d.value.clone()).map(|v| req.vars.resolve(&v));
                    let description = def.and_then(|d| d.description.as_ref()).and_then(|d| d.text());
                    let ty = scalar_type(example.as_deref());
                    path.push(PathPart::Param(path_params.len()));
                    path_params.push(Param {
                        name: var.to_owned(),
                        ident: params.claim(&names::snake(var)),
                        description: description.map(docs::to_rustdoc),
                        ty,
                        required: true,
                        constant: None,
                        example,
                    });
                }
                None => {
                    let seg = req.vars.resolve(seg);
                    self.client_variables(&seg);
                    path.push(PathPart::Literal(seg));
                }
            }
        }

        // A key given more than once (enabled) is one list-valued parameter; disabled repeats of
        // a key already present add nothing.
        let mut query: Vec<Param> = Vec::new();
        for q in parts.query.iter().filter(|q| !q.key.is_empty()) {
            let enabled = |k: &str| parts.query.iter().filter(|o| o.key == k && !o.disabled).count();
            if let Some(existing) = query.iter_mut().find(|p| p.name == q.key) {
                if !q.disabled && enabled(&q.key) > 1 && !matches!(existing.ty, Type::Array(_)) {
                    existing.ty = Type::Array(Box::new(existing.ty.clone()));
                }
                continue;
            }
            if q.disabled && enabled(&q.key) > 0 {
                continue;
            }
            let value = q.value.as_deref().map(|v| req.vars.resolve(v));
            query.push(self.param(&type_ident, &q.key, value, q.description.as_deref(), q.disabled, &mut params));
        }

        let listed: Vec<(&str, &postman::Param)> = request
            .map(|r| r.header.0.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                let key = h.key.as_deref()?.trim();
                let skip = key.is_empty()
                    || key.eq_ignore_ascii_case("content-type")
                    || key.eq_ignore_ascii_case("authorization");
                (!skip).then_some((key, h))
            })
            .collect();
        let mut headers: Vec<Param> = Vec::new();
        for (key, h) in &listed {
            let same = |(k, o): &&(&str, &postman::Param)| k.eq_ignore_ascii_case(key) && !o.disabled;
            if headers.iter().any(|p| p.name.eq_ignore_ascii_case(key))
                || (h.disabled && listed.iter().any(|o| same(&o)))
            {
                continue;
            }
            // A header given several times is sent once with the values joined (RFC 9110 §5.3).
            let values: Vec<String> = listed
                .iter()
                .filter(same)
                .filter_map(|(_, o)| o.value.as_deref())
                .map(|v| req.vars.resolve(v))
                .collect();
            let value = if values.len() > 1 {
                Some(values.join(", "))
            } else {
                h.value.as_deref().map(|v| req.vars.resolve(v))
            };
            let desc = h.description.as_ref().and_then(|d| d.text());
            let mut p = self.param(&type_ident, key, value.clone(), desc, h.disabled, &mut params);
            // An enabled header is part of the request as designed; `{{variables}}` without a
            // value in it become client settings.
            if !h.disabled && !p.required {
                if let Some(v) = value {
                    self.client_variables(&v);
                    p.constant = Some(v);
                }
            }
            headers.push(p);
        }

        let content_type = request.and_then(|r| {
            r.header.0.iter().find(|h| {
                !h.disabled && h.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
            })
        });
        let content_type = content_type.and_then(|h| h.value.as_deref()).map(|v| req.vars.resolve(v));
        let body = request
            .and_then(|r| r.body.as_ref())
            .filter(|b| !b.disabled)
            .and_then(|b| self.body(b, &req, &type_ident, content_type, &mut params));

        // The request's own auth, when set, wins over what its folders pass down.
        let own_auth = request.and_then(|r| AuthSetting::from(r.auth.as_ref()));
        let auth = match own_auth.unwrap_or(req.auth) {
            AuthSetting::None => Auth::None,
            AuthSetting::Bearer => Auth::Bearer,
            AuthSetting::Basic => Auth::Basic,
            AuthSetting::ApiKey { name, in_query } => Auth::ApiKey { name, in_query },
            AuthSetting::Unsupported(kind) => {
                self.warn(&req.path, format!("`{kind}` auth is not supported; requests are sent without auth"));
                Auth::None
            }
        };

        let responses: Vec<Response> = item
            .response
            .iter()
            .flatten()
            .filter_map(|r| {
                let Some(code) = r.code else {
                    self.warn(&req.path, "a saved response without a status code is ignored");
                    return None;
                };
                Some(Response {
                    code,
                    status: r.status.clone().unwrap_or_default(),
                    description: r.name.as_deref().map(docs::to_rustdoc).filter(|d| !d.is_empty()),
                    content_type: r.content_type().map(str::to_owned),
                    body: r.body.clone().unwrap_or_default(),
                    success: (200..300).contains(&code),
                })
            })
            .collect();

        let source = format!("the example responses of \"{}\"", req.path);
        let mut namer = self.namer(false, source);
        let output = body_type(&mut namer, responses.iter().filter(|r| r.success), &format!("{type_ident}Response"));

        let error_body =
            match body_type(&mut namer, responses.iter().filter(|r| !r.success), &format!("{type_ident}ErrorBody")) {
                Type::Unit | Type::String => Type::Json,
                ty => ty,
            };
        match output {
            Type::String => self.warn(&req.path, "the success examples are not JSON: the response is returned as text"),
            Type::Json if responses.iter().any(|r| r.success && !r.body.trim().is_empty()) => {
                self.warn(&req.path, "the success examples mix JSON and other text: the response is untyped JSON")
            }
            _ => {}
        }

        let pagination = self.pagination(&query, &output);
        Operation {
            item_index: req.index,
            item_path: req.path,
            name,
            ident,
            type_ident,
            description,
            method,
            server,
            path,
            path_params,
            query,
            headers,
            body,
            auth,
            responses,
            output,
            pagination,
            error_body,
        }
    }

    /// A query parameter, header or form field.
    #[allow(clippy::too_many_arguments)]
    fn param(
        &mut self,
        owner: &str,
        key: &str,
        value: Option<String>,
        description: Option<&str>,
        disabled: bool,
        scope: &mut Scope,
    ) -> Param {
        let required = !disabled && description.is_some_and(|d| d.trim_start().starts_with("(Required)"));
        let example = value.filter(|v| !v.contains("{{"));
        let allowed = description.map(enum_values).unwrap_or_default();
        let ident = scope.claim(&names::snake(key));
        let mut constant = None;
        let ty = match allowed.as_slice() {
            [only] if required && example.as_deref().is_none_or(|e| e == only.0) => {
                constant = Some(only.0.clone());
                Type::String
            }
            values if values.len() >= 2 && example.as_deref().is_none_or(|e| values.iter().any(|v| v.0 == e)) => {
                let ident = self.type_names.claim(&format!("{owner}{}", names::pascal(key)));
                let mut variant_scope = Scope::with_reserved(&["Other"]);
                let variants = values
                    .iter()
                    .map(|(value, doc)| Variant {
                        value: value.clone(),
                        ident: variant_scope.claim(&names::pascal(value)),
                        description: doc.clone(),
                    })
                    .collect();
                self.types.push(TypeDef {
                    ident: ident.clone(),
                    module: self.module,
                    description: format!("Allowed values of `{key}`."),
                    kind: TypeKind::Enum(variants),
                    input: true,
                });
                Type::Named(ident)
            }
            _ if names::is_secret(key) => Type::Secret,
            _ => scalar_type(example.as_deref()),
        };
        Param {
            name: key.to_owned(),
            ident,
            description: description.map(docs::to_rustdoc).filter(|d| !d.is_empty()),
            ty,
            required,
            constant,
            example,
        }
    }

    /// The request body: form fields, multipart parts, or one whole-body argument.
    fn body(
        &mut self,
        b: &postman::Body,
        req: &Req<'_>,
        owner: &str,
        content_type: Option<String>,
        params: &mut Scope,
    ) -> Option<Body> {
        let fields = |list: &[postman::Param]| -> Vec<Entry> {
            list.iter()
                .filter_map(|p| {
                    Some(Entry {
                        key: p.key.as_deref().filter(|k| !k.is_empty())?.to_owned(),
                        value: p.value.as_deref().map(|v| req.vars.resolve(v)),
                        description: p.description.as_ref().and_then(|d| d.text()).map(str::to_owned),
                        disabled: p.disabled,
                        file: p.kind.as_deref() == Some("file"),
                    })
                })
                .collect()
        };
        let whole = |ty: Type, example: Option<String>, content_type: String, params: &mut Scope| {
            let param = Param {
                name: "body".to_owned(),
                ident: params.claim("body"),
                description: Some("The request body.".to_owned()),
                ty,
                required: true,
                constant: None,
                example,
            };
            Some(Body::Whole { param, content_type })
        };
        match b.mode.as_deref() {
            None => None,
            Some("urlencoded") => {
                let list = fields(&b.urlencoded);
                let list = list
                    .into_iter()
                    .map(|f| self.param(owner, &f.key, f.value, f.description.as_deref(), f.disabled, params))
                    .collect();
                Some(Body::Form(list))
            }
            Some("formdata") => {
                let mut parts = Vec::new();
                for Entry { key, value, description, disabled, file } in fields(&b.formdata) {
                    let mut p = self.param(owner, &key, value.clone(), description.as_deref(), disabled, params);
                    if file {
                        p.ty = Type::Bytes;
                        p.example = None;
                    } else if let Some(json) = value.as_deref().and_then(|v| serde_json::from_str::<Value>(v).ok()) {
                        if json.is_object() || json.is_array() {
                            let source = format!("the example body of \"{}\"", req.path);
                            let hint = format!("{owner}{}", names::pascal(&key));
                            p.ty = self.namer(true, source).type_of(&Shape::of(&json), &hint);
                        }
                    }
                    parts.push(p);
                }
                Some(Body::Multipart(parts))
            }
            Some("file") => {
                self.warn(&req.path, "file body: the method takes the file's bytes");
                whole(Type::Bytes, None, content_type.unwrap_or_else(|| "application/octet-stream".to_owned()), params)
            }
            Some("graphql") => {
                self.warn(&req.path, "GraphQL body: sent as JSON `{query, variables}` given as a `serde_json::Value`");
                let example = b.graphql.as_ref().map(Value::to_string);
                whole(Type::Json, example, "application/json".to_owned(), params)
            }
            Some(mode) => {
                if mode != "raw" {
                    self.warn(&req.path, format!("unknown body mode `{mode}`: treated as raw"));
                }
                let raw = req.vars.resolve(b.raw.as_deref().unwrap_or_default());
                let language =
                    b.options.as_ref().and_then(|o| o.get("raw")?.get("language")?.as_str().map(str::to_owned));
                let json_declared =
                    language.as_deref() == Some("json") || content_type.as_deref().is_some_and(|c| c.contains("json"));
                match serde_json::from_str::<Value>(&raw) {
                    Ok(json) if json_declared || language.is_none() => {
                        let source = format!("the example body of \"{}\"", req.path);
                        let ty = self.namer(true, source).type_of(&Shape::of(&json), &format!("{owner}Body"));
                        whole(ty, Some(raw), content_type.unwrap_or_else(|| "application/json".to_owned()), params)
                    }
                    _ if raw.trim().is_empty() && content_type.is_none() => None,
                    _ => {
                        if json_declared {
                            self.warn(&req.path, "the example JSON body does not parse; the body is sent as text");
                        } else if !raw.trim().is_empty() {
                            let what = language.as_deref().unwrap_or("text");
                            self.warn(&req.path, format!("{what} body: the method takes it as text"));
                        }
                        let content_type = content_type.unwrap_or_else(|| {
                            match language.as_deref() {
                                Some("xml") => "application/xml",
                                Some("html") => "text/html",
                                Some("javascript") => "application/javascript",
                                Some("json") => "application/json",
                                _ => "text/plain",
                            }
                            .to_owned()
                        });
                        whole(Type::String, Some(raw), content_type, params)
                    }
                }
            }
        }
    }

    /// Pagination: a query parameter that the success response also carries (a next-page
    /// token, or a page number with a page count).
    fn pagination(&self, query: &[Param], output: &Type) -> Option<Pagination> {
        let Type::Named(name) = output else { return None };
        let fields = self.types.iter().find(|t| &t.ident == name).and_then(|t| match &t.kind {
            TypeKind::Struct(fields) => Some(fields),
            TypeKind::Enum(_) => None,
        })?;
        let field = |wire: &str, ok: fn(&Type) -> bool| {
            fields.iter().find(|f| f.name == wire && ok(&f.ty)).map(|f| f.ident.clone())
        };
        let text = |t: &Type| matches!(t, Type::String) || *t == Type::Option(Box::new(Type::String));
        let int = |t: &Type| matches!(t, Type::Integer) || *t == Type::Option(Box::new(Type::Integer));
        let param = |names: &[&str]| query.iter().find(|p| names.contains(&p.name.as_str()) && p.constant.is_none());
        let kind = if let Some(p) = param(&["next_page_token", "page_token", "pageToken", "nextPageToken", "cursor"]) {
            let wire = if p.name == "cursor" { "next_cursor" } else { "next_page_token" };
            let field = field(wire, text).or_else(|| field(&p.name, text))?;
            PageKind::Token { param: p.name.clone(), field }
        } else {
            let p = param(&["page_number", "page"])?;
            let number = field(&p.name, int)?;
            let count = field("page_count", int).or_else(|| field("total_pages", int))?;
            PageKind::Number { param: p.name.clone(), number, count }
        };
        let lists: Vec<_> = fields.iter().filter(|f| matches!(f.ty, Type::Array(_))).collect();
        let items = match lists.as_slice() {
            [only] => match &only.ty {
                Type::Array(item) => Some((only.ident.clone(), (**item).clone())),
                _ => None,
            },
            _ => None,
        };
        Some(Pagination { kind, items })
    }

    /// The maintainer's override for the folder or request at `path`, if any.
    fn rename(&mut self, path: &str) -> Option<String> {
        let ident = self.renames.get(path)?.clone();
        self.renamed.push(path.to_owned());
        Some(ident)
    }

    /// Registers the unresolved `{{variables}}` in `text` as client settings.
    fn client_variables(&mut self, text: &str) {
        for name in unresolved(text) {
            if !self.variables.iter().any(|v| v.name == name) {
                let setter = self.setters.claim(&names::snake(&name));
                self.variables.push(ClientVariable { name, setter });
            }
        }
    }

    fn namer(&mut self, input: bool, source: String) -> Namer<'_> {
        Namer {
            scope: &mut self.type_names,
            defs: &mut self.types,
            shared: &mut self.shared,
            module: self.module,
            input,
            source,
        }
    }

    /// The index of the server for a URL's origin, adding it on first sight.
    fn server(&mut self, parts: &UrlParts, vars: &Vars) -> usize {
        let (origin, default_url, setter) = match variable_name(&parts.host) {
            Some(var) => {
                let value = vars.resolve(&parts.host);
                // A host variable without a value is itself the base-URL setting.
                let url = if value.trim() == parts.host.trim() { String::new() } else { value };
                let words = names::words(var);
                let setter = if words.last().is_some_and(|w| w == "url") {
                    names::snake(var)
                } else {
                    names::snake(&format!("{var} url"))
                };
                (format!("{{{{{var}}}}}"), url, setter)
            }
            None => {
                let host = vars.resolve(&parts.host);
                let protocol = parts.protocol.as_deref().unwrap_or("https");
                let port = parts.port.as_deref().map(|p| format!(":{p}")).unwrap_or_default();
                let url = if host.contains("://") { host.clone() } else { format!("{protocol}://{host}{port}") };
                let setter = names::snake(&format!("{host} url"));
                (url.clone(), url, setter)
            }
        };
        self.client_variables(&default_url);
        // One server per origin and value: a folder that gives the host variable another value
        // gets a base URL of its own.
        let default_url = default_url.trim_end_matches('/').to_owned();
        if let Some(i) = self.servers.iter().position(|s| s.origin == origin && s.default_url == default_url) {
            return i;
        }
        let setter = self.setters.claim(&setter);
        self.servers.push(Server { setter, default_url, origin });
        self.servers.len() - 1
    }
}

/// The type the examples of some statuses decode to, merged across statuses.
fn body_type<'r>(namer: &mut Namer<'_>, responses: impl Iterator<Item = &'r Response>, hint: &str) -> Type {
    let mut shape: Option<Shape> = None;
    let mut text = false;
    for r in responses {
        let body = r.body.trim();
        if body.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(body) {
            Ok(v) => shape = Some(shape.take().unwrap_or_default().merge(Shape::of(&v))),
            // A broken JSON example (comments, trailing commas) says nothing about the type.
            Err(_) if r.content_type.as_deref().is_some_and(|c| c.contains("json")) => {}
            Err(_) => text = true,
        }
    }
    match (shape, text) {
        (Some(_), true) => Type::Json,
        (Some(shape), false) => namer.type_of(&shape, hint),
        (None, true) => Type::String,
        (None, false) => Type::Unit,
    }
}

/// The type an example value suggests for a scalar input.
fn scalar_type(example: Option<&str>) -> Type {
    match example {
        Some(v) if v.parse::<i64>().is_ok() => Type::Integer,
        Some("true" | "false") => Type::Boolean,
        _ => Type::String,
    }
}

/// Values a description lists as allowed, with their explanations.
///
/// Recognises one value per line written as `` `value` - explanation `` (a `<br>` or newline
/// between entries), and a single required value written as ``Must be `value` ``.
fn enum_values(description: &str) -> Vec<(String, Option<String>)> {
    let text = description.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n");
    let mut values = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '*', ' ']);
        let Some(rest) = line.strip_prefix('`') else { continue };
        let Some(end) = rest.find('`') else { continue };
        let value = &rest[..end];
        if value.is_empty() || value.contains(char::is_whitespace) {
            continue;
        }
        let doc = rest[end + 1..].trim().trim_start_matches(['-', ':', '–']).trim();
        values.push((value.to_owned(), (!doc.is_empty()).then(|| docs::to_rustdoc(doc))));
    }
    if values.len() >= 2 {
        return values;
    }
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = lower.find("must be `") {
        let rest = &text[pos + "must be `".len()..];
        if let Some(end) = rest.find('`') {
            return vec![(rest[..end].to_owned(), None)];
        }
    }
    Vec::new()
}

/// Splits a URL (object or raw string) into protocol, host, port, path and query.
fn url_parts(url: &postman::UrlField) -> UrlParts {
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
                parts.path = match path {
                    postman::PathField::One(s) => split_path(s),
                    postman::PathField::Many(list) => list
                        .iter()
                        .map(|seg| match seg {
                            postman::PathSegment::Text(s) => s.clone(),
                            postman::PathSegment::Object { value } => value.clone().unwrap_or_default(),
                            postman::PathSegment::Other(v) => v.to_string(),
                        })
                        .collect(),
                };
            }
            if !u.query.is_empty() || u.host.is_some() {
                parts.query = u
                    .query
                    .iter()
                    .map(|q| {
                        let desc = q.description.as_ref().and_then(|d| d.text()).map(str::to_owned);
                        Entry {
                            key: q.key.clone().unwrap_or_default(),
                            value: q.value.clone(),
                            description: desc,
                            disabled: q.disabled,
                            file: false,
                        }
                    })
                    .collect();
            }
            parts
        }
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
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], &before_query[i..]),
        None => (before_query, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p.to_owned())),
        _ => (authority, None),
    };
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Entry { key: k.to_owned(), value: Some(v.to_owned()), ..Entry::default() }
        })
        .collect();
    UrlParts { protocol, host: host.to_owned(), port, path: split_path(path), query }
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
    }

    #[test]
    fn variables_resolve_through_levels_and_stop_on_cycles() {
        let vars = Vars(BTreeMap::from([
            ("a".to_owned(), "{{b}}/x".to_owned()),
            ("b".to_owned(), "https://h".to_owned()),
            ("loop".to_owned(), "{{loop}}".to_owned()),
        ]));
        assert_eq!(vars.resolve("{{a}}/y"), "https://h/x/y");
        assert_eq!(vars.resolve("{{missing}}"), "{{missing}}");
        assert_eq!(vars.resolve("{{loop}}"), "{{loop}}");
    }

    #[test]
    fn enum_values_come_from_listed_lines() {
        let v = enum_values("Types:<br>`token` - For the SDK.<br>`zak` - For start URLs.");
        assert_eq!(v.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(), ["token", "zak"]);
        assert_eq!(v[0].1.as_deref(), Some("For the SDK."));
        assert!(enum_values("Use with `type` when `zak`; e.g. `3600`.").is_empty());
        assert_eq!(enum_values("(Required) Must be `refresh_token`.")[0].0, "refresh_token");
    }
}
