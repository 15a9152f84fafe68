//! One module per folder: the folder's accessor, one builder per request, and its types.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::{doc, gate, ident, inner_doc, pieces, rust_type, types};
use crate::ir::{Api, Auth, Body, Decode, Method, Module, Operation, PageKind, Param, PathPart, Type, TypeKind};

/// Where an input goes in the request.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place<'a> {
    Path,
    Query,
    Header,
    Form,
    Part,
    /// The whole body, with its content type.
    Whole(Option<&'a str>),
}

/// Every input of an operation with its place, in argument order.
pub(super) fn inputs(op: &Operation) -> impl Iterator<Item = (Place<'_>, &Param)> {
    let body: Vec<(Place<'_>, &Param)> = match &op.body {
        Some(Body::Form(fields)) => fields.iter().map(|p| (Place::Form, p)).collect(),
        Some(Body::Multipart(parts)) => parts.iter().map(|p| (Place::Part, p)).collect(),
        Some(Body::Whole { param, content_type }) => vec![(Place::Whole(content_type.as_deref()), param)],
        None => Vec::new(),
    };
    op.path_params
        .iter()
        .map(|p| (Place::Path, p))
        .chain(op.query.iter().map(|p| (Place::Query, p)))
        .chain(op.headers.iter().map(|p| (Place::Header, p)))
        .chain(body)
}

/// Inputs the caller must give as method arguments.
pub(super) fn required_inputs(op: &Operation) -> impl Iterator<Item = &Param> {
    inputs(op).map(|(_, p)| p).filter(|p| p.constant.is_none() && p.required)
}

/// A Rust expression for an input's example value, for docs; enums are named through the
/// library `lib`.
pub(super) fn example_literal(api: &Api, lib: &str, p: &Param) -> String {
    let example = p.example.clone().unwrap_or_default();
    match &p.ty {
        Type::Integer | Type::Number if example.parse::<f64>().is_ok() => example,
        Type::Boolean if example == "true" || example == "false" => example,
        Type::Named(id) if matches!(api.types[id.0].kind, TypeKind::Enum(_)) => {
            let def = &api.types[id.0];
            format!("{lib}::{}::{}::from({example:?})", api.modules[def.module].ident, def.ident)
        }
        Type::String | Type::Secret | Type::Id => format!("{example:?}"),
        Type::Named(id) => {
            let def = &api.types[id.0];
            format!("{lib}::{}::{}::default()", api.modules[def.module].ident, def.ident)
        }
        Type::Json => "serde_json::Value::default()".to_owned(),
        Type::Array(_) => "Vec::new()".to_owned(),
        _ => "Default::default()".to_owned(),
    }
}

/// Whether an input at `place` is JSON: a typed body or part, also given as exact text
/// ([`Json`](crate::Json) in the generated crate).
pub(super) fn is_json(place: Place<'_>, ty: &Type) -> bool {
    matches!(place, Place::Part | Place::Whole(_)) && matches!(ty, Type::Named(_) | Type::Json | Type::Array(_))
}

/// The argument type of an input: strings and secrets take any `AsRef<str>`, ids that are
/// numbers in some requests and text in others take anything `Display`, JSON anything that
/// converts into `Json` (the typed value or its exact text).
pub(super) fn arg_type(api: &Api, module: usize, place: Place<'_>, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Secret => quote!(impl ::std::convert::AsRef<str>),
        Type::Id => quote!(impl ::std::fmt::Display),
        other if is_json(place, other) => {
            let ty = rust_type(api, module, other);
            quote!(impl ::std::convert::Into<crate::Json<#ty>>)
        }
        other => rust_type(api, module, other),
    }
}

/// `Some(..)` of the argument or setter value `name`, in the form the `Call` method for `place`
/// takes.
fn value_ref(place: Place<'_>, ty: &Type, name: TokenStream) -> TokenStream {
    let value = match ty {
        Type::String | Type::Secret => quote!(#name.as_ref()),
        Type::Bytes => quote!(#name.as_slice()),
        Type::Array(_) if matches!(place, Place::Query | Place::Form) => quote!(#name.as_slice()),
        ty if is_json(place, ty) => quote!(&::std::convert::Into::into(#name)),
        _ => quote!(&#name),
    };
    quote!(::std::option::Option::Some(#value))
}

/// An optional `&'static str` literal.
fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

/// The `Call` method call that sends one input (path parameters excepted).
fn input_call(api: &Api, place: Place<'_>, p: &Param, value: TokenStream) -> Option<TokenStream> {
    let wire = &p.name;
    Some(match place {
        Place::Path => return None,
        Place::Query if matches!(p.ty, Type::Array(_)) => quote!(.query_all(#wire, #value)),
        Place::Query if p.ty == Type::Flag => quote!(.query_flag(#wire, #value)),
        Place::Query if p.key.is_some() => {
            let key = p.key.as_ref().map(|k| pieces(api, k));
            quote!(.query_keyed(#wire, #key, #value))
        }
        Place::Query => quote!(.query(#wire, #value)),
        Place::Header => quote!(.header(#wire, #value)),
        Place::Form if matches!(p.ty, Type::Array(_)) => quote!(.form_all(#wire, #value)),
        Place::Form => quote!(.form(#wire, #value)),
        Place::Part => {
            let content_type = opt_str(p.content_type.as_deref());
            match &p.ty {
                Type::Bytes => {
                    let file = p.file_name.as_deref().unwrap_or_default();
                    quote!(.file(#wire, #file, #content_type, #value))
                }
                ty if is_json(place, ty) => quote!(.part_json(#wire, #content_type, #value)),
                _ => quote!(.part(#wire, #content_type, #value)),
            }
        }
        Place::Whole(content_type) => {
            let field = ident(&p.ident);
            let content_type = opt_str(content_type);
            match &p.ty {
                Type::String | Type::Secret => quote!(.raw(#field.as_ref(), #content_type)),
                Type::Bytes => quote!(.raw(#field, #content_type)),
                _ => quote!(.json(&::std::convert::Into::into(#field), #content_type)),
            }
        }
    })
}

/// The module file for one folder.
pub(super) fn module_file(api: &Api, index: usize, module: &Module) -> TokenStream {
    let module_doc = inner_doc(&match &module.description {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{d}", module.name),
        _ => format!("Requests of the \"{}\" folder.", module.name),
    });
    let accessor = ident(&module.ident);
    let group = ident(&module.type_ident);
    let accessor_doc = doc(&format!("Requests of the \"{}\" folder.", module.name));
    let group_doc = doc(&format!(
        "Requests of the \"{}\" folder. Obtain it with [`Client::{}`](crate::Client::{}).",
        module.name, module.ident, module.ident
    ));
    let methods = module.operations.iter().map(|op| method(api, index, op));
    let own = gate(api, &[index]);
    let builders = module.operations.iter().map(|op| builder(api, index, module, op, &own));
    let types = api.types.iter().filter(|t| t.module == index).map(|t| {
        let type_gate = gate(api, &t.used_by);
        let definition = types::definition(api, t);
        quote!(#type_gate #definition)
    });
    quote! {
        #module_doc

        #own
        impl crate::Client {
            #accessor_doc
            pub fn #accessor(&self) -> #group {
                #group { client: ::std::clone::Clone::clone(self) }
            }
        }

        #group_doc
        #own
        #[derive(Debug, Clone)]
        pub struct #group {
            client: crate::Client,
        }

        #own
        impl #group {
            #(#methods)*
        }

        #(#builders)*

        #(#types)*
    }
}

/// The method on the folder's accessor that starts a request: required inputs and constants
/// go into the call here; optional ones come from the builder's setters.
fn method(api: &Api, module: usize, op: &Operation) -> TokenStream {
    let name = ident(&op.ident);
    let builder = ident(&op.type_ident);
    let docs = doc(&operation_docs(api, op));
    let args = inputs(op).filter(|(_, p)| p.constant.is_none() && p.required).map(|(place, p)| {
        let arg = ident(&p.ident);
        let ty = arg_type(api, module, place, &p.ty);
        quote!(#arg: #ty)
    });
    let call = call_expr(api, op);
    let allow = (required_inputs(op).count() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #allow
        pub fn #name(&self, #(#args),*) -> #builder {
            #call.into()
        }
    }
}

/// Method docs: name, description, what is sent, documented responses.
fn operation_docs(api: &Api, op: &Operation) -> String {
    let title = crate::docs::summary(op.name.trim());
    let title = if title.is_empty() { op.ident.clone() } else { title };
    // The first line names the request and what it sends, relative to its base URL setter.
    let setter = &api.servers[op.server].setter;
    let (method, path) = (op.method.as_str(), path_template(api, op));
    let mut out = format!("{title}: `{method} {path}` (on [`{setter}`](crate::ClientBuilder::{setter}))\n");
    if let Some(d) = &op.description {
        out.push('\n');
        out.push_str(d);
        out.push('\n');
    }
    let described: Vec<_> = required_inputs(op).filter_map(|p| Some((p, p.description.as_deref()?))).collect();
    if !described.is_empty() {
        out.push_str("\n# Arguments\n\n");
        for (p, text) in described {
            out.push_str(&format!("- `{}`: {}\n", p.ident, one_line(text)));
        }
    }
    if !op.responses.is_empty() {
        out.push_str("\n# Responses\n\n");
        for r in &op.responses {
            let what = if r.success { "success" } else { "[`Error::Api`](crate::Error::Api)" };
            let desc = r.description.as_deref().map(one_line).unwrap_or_default();
            out.push_str(&format!("- `{}` ({what}): {desc}\n", r.code));
        }
    }
    out
}

/// Collapses markdown into one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The path with `{name}` placeholders for parameters and `{{name}}` for client variables.
pub(super) fn path_template(api: &Api, op: &Operation) -> String {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(s) => s.clone(),
            PathPart::Param(i) => format!("{{{}}}", op.path_params[*i].name),
            PathPart::Variable(id) => format!("{{{{{}}}}}", api.variables[id.0].name),
        })
        .collect()
}

/// The builder type of one request: its setters and its `Operation` impl.
/// The request builder of `op`, compiled under `gate`.
fn builder(api: &Api, index: usize, module: &Module, op: &Operation, gate: &TokenStream) -> TokenStream {
    let name = ident(&op.type_ident);
    let struct_doc =
        doc(&format!("Builder of [`{}::{}`]: set optional inputs, then `send()`.", module.type_ident, op.ident));
    let setters: Vec<TokenStream> = inputs(op)
        .filter(|(_, p)| !p.required && p.constant.is_none())
        .filter_map(|(place, p)| {
            let setter = ident(&p.ident);
            let text = doc(&p.description.clone().unwrap_or_else(|| format!("Sets `{}`.", p.name)));
            let ty = arg_type(api, index, place, &p.ty);
            let call = input_call(api, place, p, value_ref(place, &p.ty, quote!(value)))?;
            Some(quote! {
                #text
                pub fn #setter(self, value: #ty) -> Self {
                    Self(self.0 #call)
                }
            })
        })
        .collect();
    let setters = (!setters.is_empty()).then(|| quote!(#gate impl #name { #(#setters)* }));
    let body_kind = match op.output.decode {
        Decode::Ignore => quote!(Ignore),
        Decode::Text => quote!(Text),
        Decode::Json => quote!(Json),
    };
    let output = rust_type(api, index, &op.output.ty);
    let error_body = rust_type(api, index, &op.error_body);
    let success = op.responses.iter().filter(|r| r.success).map(|r| Literal::u16_unsuffixed(r.code));
    let errors = op.responses.iter().filter(|r| !r.success).map(|r| {
        let (code, text) = (Literal::u16_unsuffixed(r.code), &r.summary);
        quote!((#code, #text))
    });
    let path = path_template(api, op);
    let paginate = op.pagination.as_ref().map(|p| {
        let (items, item) = match &p.items {
            Some((field, ty)) => (ident(field).into_token_stream(), rust_type(api, index, ty)),
            None => (quote!(none), quote!(())),
        };
        let page = if p.optional { quote!(optional) } else { quote!(required) };
        match &p.kind {
            PageKind::Token { param, field } => {
                let field = ident(field);
                quote!(#gate crate::runtime::paginate!(#name: #page token #param => #field; items #items: #item);)
            }
            PageKind::Number { param, number, count } => {
                let (number, count) = (ident(number), ident(count));
                quote!(#gate crate::runtime::paginate!(#name: #page number #param => #number / #count; items #items: #item);)
            }
        }
    });
    quote! {
        #gate
        crate::runtime::operation!(#struct_doc #name => #output, #error_body; #path; success [#(#success),*]; errors [#(#errors),*]; body #body_kind);

        #setters

        #paginate
    }
}

/// The `Call` an accessor method starts: method, server, auth, path, required inputs and
/// constants.
fn call_expr(api: &Api, op: &Operation) -> TokenStream {
    let method = match &op.method {
        Method::Other(m) => {
            // `lower` only lets valid method tokens through.
            let m = Literal::byte_string(m.as_bytes());
            quote!(crate::Method::from_bytes(#m).unwrap_or_default())
        }
        standard => {
            let m = ident(standard.as_str());
            quote!(crate::Method::#m)
        }
    };
    let server = Literal::usize_unsuffixed(op.server);
    let auth = match &op.auth {
        Auth::None => quote!(crate::runtime::AuthKind::None),
        Auth::Bearer { prefix, in_query: false } if prefix == "Bearer" => quote!(crate::runtime::AuthKind::Bearer),
        Auth::Bearer { in_query: true, .. } => quote!(crate::runtime::AuthKind::BearerQuery),
        Auth::Bearer { prefix, .. } => quote!(crate::runtime::AuthKind::BearerPrefix(#prefix)),
        Auth::Basic => quote!(crate::runtime::AuthKind::Basic),
        Auth::ApiKey { name, in_query: true } => quote!(crate::runtime::AuthKind::ApiKeyQuery(#name)),
        Auth::ApiKey { name, in_query: false } => quote!(crate::runtime::AuthKind::ApiKeyHeader(#name)),
        Auth::Signed { scheme, settings } => {
            let scheme = ident(scheme.rust_name());
            let settings = settings.iter().map(|(key, value)| {
                let value = pieces(api, value);
                quote!((#key, #value))
            });
            quote!(crate::runtime::AuthKind::Signed(crate::runtime::Scheme::#scheme, &[#(#settings),*]))
        }
    };
    let mut calls: Vec<TokenStream> = op.path.iter().map(|part| path_call(api, op, part)).collect();
    for (place, p) in inputs(op) {
        let value = match &p.constant {
            Some(c) if place == Place::Header && c.as_text().is_none() => {
                let (wire, pieces) = (&p.name, pieces(api, c));
                calls.push(quote!(.header_template(#wire, #pieces)));
                continue;
            }
            Some(c) => {
                let text = c.as_text().unwrap_or_default();
                quote!(::std::option::Option::Some(#text))
            }
            None if p.required => match place {
                Place::Whole(_) => quote!(),
                _ => value_ref(place, &p.ty, ident(&p.ident).into_token_stream()),
            },
            None => {
                calls.extend(default_call(api, place, p));
                continue;
            }
        };
        calls.extend(input_call(api, place, p, value));
    }
    let order = order_call(op);
    quote!(crate::runtime::Call::new(&self.client, #method, #server, #auth) #order #(#calls)*)
}

/// The call sending an optional input's default (dynamic variables, filled in afresh), which
/// its setter replaces.
fn default_call(api: &Api, place: Place<'_>, p: &Param) -> Option<TokenStream> {
    let (wire, pieces) = (&p.name, pieces(api, p.default.as_ref()?));
    match place {
        Place::Query if p.key.is_none() && !matches!(p.ty, Type::Array(_) | Type::Flag) => {
            Some(quote!(.query_template(#wire, #pieces)))
        }
        Place::Form if !matches!(p.ty, Type::Array(_)) => Some(quote!(.form_template(#wire, #pieces))),
        Place::Part if p.ty != Type::Bytes => {
            let content_type = opt_str(p.content_type.as_deref());
            Some(quote!(.part_template(#wire, #content_type, #pieces)))
        }
        _ => None,
    }
}

/// `.order(..)`: query keys and form fields or parts in the collection's order, when more
/// than one could be reordered.
fn order_call(op: &Operation) -> Option<TokenStream> {
    let query: Vec<&str> = op.query.iter().map(|p| p.name.as_str()).collect();
    let body: Vec<&str> = match &op.body {
        Some(Body::Form(fields) | Body::Multipart(fields)) => fields.iter().map(|p| p.name.as_str()).collect(),
        _ => Vec::new(),
    };
    (query.len() > 1 || body.len() > 1).then(|| quote!(.order(&[#(#query),*], &[#(#body),*])))
}

/// The `Call` method call adding one piece of the path.
fn path_call(api: &Api, op: &Operation, part: &PathPart) -> TokenStream {
    match part {
        PathPart::Literal(text) => quote!(.path(#text)),
        PathPart::Param(i) => {
            let p = &op.path_params[*i];
            let (wire, arg) = (&p.name, ident(&p.ident));
            match p.ty {
                Type::String | Type::Secret => quote!(.param(#wire, #arg.as_ref())),
                _ => quote!(.param(#wire, &#arg)),
            }
        }
        PathPart::Variable(id) => {
            let name = &api.variables[id.0].name;
            quote!(.path_var(#name))
        }
    }
}
