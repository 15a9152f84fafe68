//! A readable account of the IR, one line per fact a user of the crate sees: what the
//! snapshot tests pin. It names what is decided, not how the IR stores it, so a new IR field
//! does not rewrite every snapshot.

use std::fmt::Write;

use crate::ir::{Api, Auth, Body, EnvValue, Operation, Param, PathPart, Piece, Template, Type, TypeKind};

/// What each environment's preset gives, when one gives anything.
fn presets(presets: &[EnvValue]) -> String {
    if presets.is_empty() {
        return String::new();
    }
    let each: Vec<String> = presets
        .iter()
        .map(|p| match p {
            EnvValue::Value(value) => format!("{value:?}"),
            EnvValue::Secret => "secret".to_owned(),
            EnvValue::Unset => "unset".to_owned(),
        })
        .collect();
    format!(" (environments: {})", each.join(", "))
}

/// The summary of a whole API.
pub(crate) fn summary(api: &Api) -> String {
    let mut out = format!("api {:?}\n", api.name);
    for env in &api.environments {
        let _ = writeln!(out, "environment {:?} `{}`", env.name, env.ident);
    }
    for (i, s) in api.servers.iter().enumerate() {
        let _ = writeln!(out, "server {i} `{}` = {:?}{}", s.setter, template(api, &s.default_url), presets(&s.presets));
        if !s.path.is_empty() {
            let _ = writeln!(out, "  path {:?}", s.path);
        }
    }
    for v in &api.variables {
        match (v.dynamic, &v.default) {
            (Some(kind), _) => writeln!(out, "variable {:?} dynamic ({kind:?})", v.name),
            (None, Some(default)) => {
                writeln!(out, "variable {:?} `{}` = {default:?}{}", v.name, v.setter, presets(&v.presets))
            }
            (None, None) => writeln!(out, "variable {:?} `{}`{}", v.name, v.setter, presets(&v.presets)),
        }
        .ok();
    }
    if let Some(url) = &api.oauth.token_url {
        let _ = writeln!(out, "oauth token url {url:?}");
    }
    if let Some(scope) = &api.oauth.scope {
        let _ = writeln!(out, "oauth scope {scope:?}");
    }
    if api.oauth.client_auth_in_body {
        let _ = writeln!(out, "oauth client credentials in the body");
    }
    for m in &api.modules {
        let _ = writeln!(out, "\nmodule `{}` (`{}`) from {:?}", m.ident, m.type_ident, m.name);
        for op in &m.operations {
            operation(api, op, &mut out);
        }
    }
    for t in &api.types {
        let module = &api.modules[t.module].ident;
        let _ = writeln!(out, "\ntype `{module}::{}`", t.ident);
        match &t.kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    let _ = writeln!(out, "  {:?} `{}`: {}", f.name, f.ident, ty(api, &f.ty));
                }
                if let Some(extra) = &t.extra {
                    let _ = writeln!(out, "  other members `{extra}`");
                }
            }
            TypeKind::Enum(variants) => {
                for v in variants {
                    let _ = writeln!(out, "  {:?} `{}`", v.value, v.ident);
                }
            }
        }
    }
    out
}

fn operation(api: &Api, op: &Operation, out: &mut String) {
    let path: String = op
        .path
        .iter()
        .map(|p| match p {
            PathPart::Literal(s) => s.clone(),
            PathPart::Param(i) => format!("{{{}}}", op.path_params[*i].name),
            PathPart::Variable(id) => format!("{{{{{}}}}}", api.variables[id.0].name),
        })
        .collect();
    let auth = match &op.auth {
        Auth::None => "none".to_owned(),
        Auth::Bearer { prefix, in_query: false } if prefix == "Bearer" => "bearer".to_owned(),
        Auth::Bearer { in_query: true, .. } => "bearer in query `access_token`".to_owned(),
        Auth::Bearer { prefix, .. } => format!("bearer with prefix {prefix:?}"),
        Auth::Basic => "basic".to_owned(),
        Auth::Signed { scheme, .. } => scheme.postman_name().to_owned(),
        Auth::ApiKey { name, in_query } => {
            format!("api key {name:?} in {}", if *in_query { "query" } else { "header" })
        }
    };
    let _ = writeln!(
        out,
        "  `{}` (`{}`) {} server {} {path} auth {auth}",
        op.ident,
        op.type_ident,
        op.method.as_str(),
        op.server
    );
    let mut inputs: Vec<(&str, &Param)> = Vec::new();
    inputs.extend(op.path_params.iter().map(|p| ("path", p)));
    inputs.extend(op.query.iter().map(|p| ("query", p)));
    inputs.extend(op.headers.iter().map(|p| ("header", p)));
    let content_type = match &op.body {
        Some(Body::Form(list)) => {
            inputs.extend(list.iter().map(|p| ("form", p)));
            None
        }
        Some(Body::Multipart(list)) => {
            inputs.extend(list.iter().map(|p| ("part", p)));
            None
        }
        Some(Body::Whole { param, content_type }) => {
            inputs.push(("body", param));
            Some(content_type)
        }
        None => None,
    };
    for (place, p) in inputs {
        let role = match &p.constant {
            Some(c) => format!("= {:?}", template(api, c)),
            None if p.required => "argument".to_owned(),
            None => "setter".to_owned(),
        };
        let _ = writeln!(out, "    {place} {:?} `{}`: {} {role}", p.name, p.ident, ty(api, &p.ty));
    }
    if let Some(ct) = content_type {
        let _ = writeln!(out, "    content type {ct:?}");
    }
    let statuses: Vec<String> =
        op.responses.iter().map(|r| format!("{}{}", r.code, if r.success { "" } else { "!" })).collect();
    let _ = writeln!(
        out,
        "    -> {} ({:?}), errors {}, statuses [{}]",
        ty(api, &op.output.ty),
        op.output.decode,
        ty(api, &op.error_body),
        statuses.join(" ")
    );
    for r in op.responses.iter().filter(|r| !r.headers.is_empty() || !r.body.is_empty()) {
        let headers: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
        let _ = writeln!(out, "    saved {}: headers {headers:?}, body {} bytes", r.code, r.body.len());
    }
    if let Some(p) = &op.pagination {
        let _ = writeln!(
            out,
            "    pages {:?} items {:?} optional {}",
            p.kind,
            p.items.as_ref().map(|(f, _)| f),
            p.optional
        );
    }
}

fn template(api: &Api, t: &Template) -> String {
    t.0.iter()
        .map(|p| match p {
            Piece::Text(s) => s.clone(),
            Piece::Var(id) => format!("{{{{{}}}}}", api.variables[id.0].name),
        })
        .collect()
}

fn ty(api: &Api, t: &Type) -> String {
    match t {
        Type::Named(id) => api.types[id.0].ident.clone(),
        Type::Array(inner) => format!("[{}]", ty(api, inner)),
        Type::Option(inner) => format!("{}?", ty(api, inner)),
        Type::Field(inner) => format!("Field<{}>", ty(api, inner)),
        other => format!("{other:?}"),
    }
}
