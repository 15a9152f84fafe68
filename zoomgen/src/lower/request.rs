//! One request → one operation: its name, method, path and the parts the other modules lower.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::items::Req;
use super::url::{url_parts, UrlParts};
use super::Lowering;
use crate::ir::{Method, Module, Operation, Param, PathPart, Piece, Type};
use crate::names::symbols::{reserved, Space};
use crate::names::{self, Scope};
use crate::postman;

/// Characters percent-encoded in fixed path text: Postman's set (the WHATWG path set: controls,
/// space, `"`, `#`, `<`, `>`, `?`, `` ` ``, `{`, `}`), and `/` and `\`, which would split the
/// segment. `%` is left alone so that encoded text stays as written; `[`, `]`, `^` and `|` are
/// sent as written, as Postman sends them.
const PATH_TEXT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\');

impl Lowering<'_> {
    pub(super) fn operation(&mut self, req: Req<'_>, methods: &mut Scope) -> Operation {
        let request = request_of(req.item);
        let (mut parts, url_vars) = url_of(req.item);
        // Postman resolves variables in query keys too.
        for q in &mut parts.query {
            q.key = req.vars.resolve(&q.key);
        }
        let name = req.item.name.clone().unwrap_or_default();
        let ident = self.method_ident(&req, &name, &parts, methods);
        let type_ident = self.type_names.claim(&names::pascal(&ident));
        let method = self.method(&req, request);
        let server = self.server(&parts, &req.vars);
        if parts.no_scheme {
            let setter = self.servers[server].setter.clone();
            self.warn(
                &req.path,
                format!("the URL has no scheme (`//host/...`): Postman's runner refuses it; set `{setter}` to send it"),
            );
        }
        let mut inputs = Scope::with_reserved(&reserved(Space::Setters));
        let (path, path_params) = self.path(&req, &parts, url_vars, &mut inputs);
        let query = self.query(&req, &parts, &type_ident, &mut inputs);
        let mut auth = self.auth(&req, request);
        let own_authorization = request.is_some_and(|r| {
            r.header.0.iter().any(|h| {
                !h.disabled && h.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("authorization"))
            })
        });
        if parts.credentials && auth == crate::ir::Auth::None && !own_authorization {
            // As Postman: `user:password@` in the URL is Basic auth when nothing else sets
            // `Authorization`; the credentials are the client's, never in its base URL.
            self.warn(&req.path, "credentials in the URL: sent as Basic auth, given with `Auth::basic`");
            auth = crate::ir::Auth::Basic;
        }
        let has_body = super::body::sends_body(req.item, request);
        let headers = self.headers(&req, request, (&auth, has_body), &type_ident, &mut inputs);
        let body = self.request_body(&req, request, &type_ident, &mut inputs);
        let (responses, output, error_body) = self.responses(&req, &type_ident);
        let pagination = self.pagination(&query, &output);
        Operation {
            key: req.key,
            route: req.route,
            item_index: req.index,
            name,
            ident,
            type_ident,
            description: description(req.item, request),
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
            error_body,
            pagination,
        }
    }

    /// The method name: the maintainer's override, else the request's name (a duplicate takes
    /// words from its own path before a number, so that it does not depend on its position),
    /// else, when the name gives nothing readable, the HTTP method and path words.
    fn method_ident(&mut self, req: &Req<'_>, name: &str, parts: &UrlParts, methods: &mut Scope) -> String {
        if let Some(ident) = self.rename(&req.path) {
            return methods.claim(&ident);
        }
        if let Some(ident) = methods.take_key(&req.key) {
            return ident;
        }
        let literal: Vec<&str> =
            parts.path.iter().filter(|s| !s.starts_with(':') && !s.contains("{{")).map(String::as_str).collect();
        let mut candidates = Vec::new();
        if names::readable(name) {
            candidates.push(names::method(name));
            if let Some(last) = literal.last() {
                candidates.push(names::method(&format!("{name} {last}")));
            }
            if literal.len() > 1 {
                candidates.push(names::method(&format!("{name} {}", literal.join(" "))));
            }
        }
        let verb = request_of(req.item).and_then(|r| r.method.as_deref()).unwrap_or("get").to_ascii_lowercase();
        candidates.push(names::method(&format!("{verb} {}", path_words(req).join(" "))));
        methods.claim_first(&candidates)
    }

    /// The HTTP method; an invalid one is GET, with a warning.
    fn method(&mut self, req: &Req<'_>, request: Option<&postman::Request>) -> Method {
        let written = request.and_then(|r| r.method.as_deref()).map(|m| m.trim().to_ascii_uppercase());
        let written = written.filter(|m| !m.is_empty()).unwrap_or_else(|| "GET".to_owned());
        if !written.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)) {
            self.warn(&req.path, format!("`{written}` is not a valid HTTP method; GET is used"));
            return Method::Get;
        }
        match written.as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "PATCH" => Method::Patch,
            "HEAD" => Method::Head,
            "OPTIONS" => Method::Options,
            "TRACE" => Method::Trace,
            "CONNECT" => Method::Connect,
            _ => Method::Other(written),
        }
    }

    /// The path: `:name` segments are parameters described by `url.variable`; other segments
    /// are fixed text and client variables.
    fn path(
        &mut self,
        req: &Req<'_>,
        parts: &UrlParts,
        url_vars: &[postman::Variable],
        inputs: &mut Scope,
    ) -> (Vec<PathPart>, Vec<Param>) {
        let mut path = Vec::new();
        let mut params = Vec::new();
        let push_text = |path: &mut Vec<PathPart>, text: &str| match path.last_mut() {
            Some(PathPart::Literal(last)) => last.push_str(text),
            _ => path.push(PathPart::Literal(text.to_owned())),
        };
        for seg in &parts.path {
            push_text(&mut path, "/");
            // `:name` (up to a `.`, as Postman reads it) is a path variable, whether or not the
            // URL lists it (a string URL lists none): the caller gives its value.
            let var = seg.strip_prefix(':').map(|v| v.split_once('.').map_or((v, ""), |(k, _)| (k, &v[k.len()..])));
            if let Some((var, suffix)) = var.filter(|(v, _)| !v.is_empty()) {
                path.push(PathPart::Param(params.len()));
                params.push(self.path_param(req, var, url_vars, inputs));
                if !suffix.is_empty() {
                    push_text(&mut path, &utf8_percent_encode(&req.vars.resolve(suffix), PATH_TEXT).to_string());
                }
                continue;
            }
            for piece in self.template(&req.vars.resolve(seg)).0 {
                match piece {
                    Piece::Text(text) => push_text(&mut path, &utf8_percent_encode(&text, PATH_TEXT).to_string()),
                    Piece::Var(id) => path.push(PathPart::Variable(id)),
                }
            }
        }
        (path, params)
    }

    fn path_param(&mut self, req: &Req<'_>, var: &str, url_vars: &[postman::Variable], inputs: &mut Scope) -> Param {
        let def = url_vars.iter().find(|v| v.path_name() == Some(var));
        let example = def.and_then(|d| d.value.clone()).map(|v| req.vars.resolve(&v));
        let description = def.and_then(|d| d.description.as_ref()).and_then(|d| d.text());
        Param {
            name: var.to_owned(),
            ident: inputs.claim(&names::snake(var)),
            description: description.map(crate::docs::to_rustdoc),
            ty: super::params::scalar_type(example.as_deref()),
            required: true,
            constant: None,
            default: None,
            example,
            key: None,
            content_type: None,
            file_name: None,
        }
    }

    /// What the request authenticates with: its own auth, else what its folders pass down.
    fn auth(&mut self, req: &Req<'_>, request: Option<&postman::Request>) -> crate::ir::Auth {
        let own = request.and_then(|r| super::auth::AuthSetting::from(r.auth.as_ref()));
        let setting = own.unwrap_or_else(|| req.auth.clone());
        let lowered = setting.lower(|value| {
            let value = req.vars.resolve(value);
            self.template(&value)
        });
        lowered.unwrap_or_else(|kind| {
            let message = if kind == "inherit" {
                "auth type `inherit` is no Postman auth type: Postman's runner sends no credentials for it, and \
                 neither does the client (leave `auth` out to inherit the folder's)"
                    .to_owned()
            } else {
                format!("`{kind}` auth is not supported; requests are sent without auth")
            };
            self.warn(&req.path, message);
            crate::ir::Auth::None
        })
    }
}

/// The request object of an item, when it is one (not a bare URL string).
pub(super) fn request_of(item: &postman::Item) -> Option<&postman::Request> {
    match &item.request {
        Some(postman::RequestField::Request(r)) => Some(r),
        _ => None,
    }
}

/// The URL of an item's request, whichever form it takes, with its path variables.
fn url_of(item: &postman::Item) -> (UrlParts, &[postman::Variable]) {
    match &item.request {
        Some(postman::RequestField::Url(s)) => (url_parts(&postman::UrlField::Raw(s.clone())), &[]),
        Some(postman::RequestField::Request(r)) => match &r.url {
            Some(url @ postman::UrlField::Object(u)) => (url_parts(url), &u.variable),
            Some(url) => (url_parts(url), &[]),
            None => (UrlParts::default(), &[]),
        },
        None => (UrlParts::default(), &[]),
    }
}

/// A request's method and path as written (`GET /users/:id`).
pub(super) fn route(req: &Req<'_>) -> String {
    let (parts, _) = url_of(req.item);
    let method = request_of(req.item).and_then(|r| r.method.as_deref()).unwrap_or("GET").trim().to_ascii_uppercase();
    format!("{method} /{}", parts.path.join("/"))
}

/// The words of a request's path: fixed segments and parameter names (`users id`).
pub(super) fn path_words(req: &Req<'_>) -> Vec<String> {
    let (parts, _) = url_of(req.item);
    let words = parts.path.iter().filter(|s| !s.contains("{{")).map(|s| s.trim_start_matches(':'));
    words.filter(|w| names::readable(w)).map(str::to_owned).collect()
}

fn description(item: &postman::Item, request: Option<&postman::Request>) -> Option<String> {
    let text = request.and_then(|r| r.description.as_ref()).or(item.description.as_ref()).and_then(|d| d.text());
    text.map(crate::docs::to_rustdoc).filter(|d| !d.is_empty())
}

/// A path variable whose examples are integers in one request and text in another (an id
/// faked as a number here and a name there) takes [`Type::Id`] everywhere: either works.
pub(super) fn unify_path_params(modules: &mut [Module]) {
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
