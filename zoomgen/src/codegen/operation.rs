//! One module per folder: the folder's accessor, one builder per request, and its types.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::{doc, ident, inner_doc, rust_type, types};
use crate::ir::{Api, Auth, Body, Module, Operation, PageKind, Param, PathPart, Response, Type};
use crate::names::{self, Piece};

/// Where an input goes in the request.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place<'a> {
    Path,
    Query,
    Header,
    Form,
    Part,
    Whole(&'a str),
}

/// Every input of an operation with its place, in argument order.
pub(super) fn inputs(op: &Operation) -> impl Iterator<Item = (Place<'_>, &Param)> {
    let body: Vec<(Place<'_>, &Param)> = match &op.body {
        Some(Body::Form(fields)) => fields.iter().map(|p| (Place::Form, p)).collect(),
        Some(Body::Multipart(parts)) => parts.iter().map(|p| (Place::Part, p)).collect(),
        Some(Body::Whole { param, content_type }) => vec![(Place::Whole(content_type), param)],
        None => Vec::new(),
    };
    op.path_params
        .iter()
        .map(|p| (Place::Path, p))
        .chain(op.query.iter().map(|p| (Place::Query, p)))
        .chain(op.headers.iter().map(|p| (Place::Header, p)))
        .chain(body)
}

/// Inputs kept in the builder (all but constants).
fn fields(op: &Operation) -> impl Iterator<Item = &Param> {
    inputs(op).map(|(_, p)| p).filter(|p| p.constant.is_none())
}

/// Inputs the caller must give as method arguments.
pub(super) fn required_inputs(op: &Operation) -> impl Iterator<Item = &Param> {
    fields(op).filter(|p| p.required)
}

/// A Rust expression for an input's example value, for docs.
pub(super) fn example_literal(p: &Param) -> String {
    let example = p.example.clone().unwrap_or_default();
    match &p.ty {
        Type::Integer | Type::Number if example.parse::<f64>().is_ok() => example,
        Type::Boolean if example == "true" || example == "false" => example,
        Type::Named(name) if p.name != "body" => format!("{name}::from({example:?})"),
        Type::String | Type::Secret | Type::Id => format!("{example:?}"),
        _ => "Default::default()".to_owned(),
    }
}

/// The argument type of an input: strings and secrets take any `AsRef<str>`, ids that are
/// numbers in some requests and text in others take anything `Display`.
fn arg_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Secret => quote!(impl AsRef<str>),
        Type::Id => quote!(impl std::fmt::Display),
        other => rust_type(other),
    }
}

/// `Some(..)` of the argument or setter value `name`, in the form the `Call` method for `place`
/// takes.
fn value_ref(place: Place<'_>, ty: &Type, name: TokenStream) -> TokenStream {
    match ty {
        Type::String | Type::Secret => quote!(Some(#name.as_ref())),
        Type::Bytes => quote!(Some(#name.as_slice())),
        Type::Array(_) if place == Place::Query => quote!(Some(#name.as_slice())),
        _ => quote!(Some(&#name)),
    }
}

/// The `Call` method call that sends one input (path parameters excepted).
fn input_call(place: Place<'_>, p: &Param, value: TokenStream) -> Option<TokenStream> {
    let wire = &p.name;
    Some(match place {
        Place::Path => return None,
        Place::Query if matches!(p.ty, Type::Array(_)) => quote!(.query_all(#wire, #value)),
        Place::Query => quote!(.query(#wire, #value)),
        Place::Header => quote!(.header(#wire, #value)),
        Place::Form => quote!(.form(#wire, #value)),
        Place::Part => match &p.ty {
            Type::Bytes => quote!(.file(#wire, #value)),
            Type::Named(_) | Type::Json | Type::Array(_) => quote!(.part_json(#wire, #value)),
            _ => quote!(.part(#wire, #value)),
        },
        Place::Whole(content_type) => {
            let field = ident(&p.ident);
            match &p.ty {
                Type::String | Type::Secret => quote!(.raw(#field.as_ref(), #content_type)),
                Type::Bytes => quote!(.raw(#field, #content_type)),
                _ => quote!(.json(&#field, #content_type)),
            }
        }
    })
}

/// The module file for one folder.
pub(super) fn module_file(api: &Api, index: usize, module: &Module) -> TokenStream {
    let module_doc = inner_doc(&match &module.description {
        Some(d) => format!("{}\n\n{d}", module.name),
        None => format!("Requests of the \"{}\" folder.", module.name),
    });
    let accessor = ident(&module.ident);
    let group = ident(&module.type_ident);
    let accessor_doc = doc(&format!("Requests of the \"{}\" folder.", module.name));
    let group_doc =
        doc(&format!("Requests of the \"{}\" folder. Obtain it with [`Client::{}`].", module.name, module.ident));
    let methods = module.operations.iter().map(|op| method(api, op));
    let builders = module.operations.iter().map(|op| builder(module, op));
    let types = api.types.iter().filter(|t| t.module == index).map(types::definition);
    let imports = foreign_types(api, index, module).into_iter().map(|(m, t)| {
        let (m, t) = (ident(&m), ident(&t));
        quote!(use crate::#m::#t;)
    });
    quote! {
        #module_doc

        use crate::runtime::{self, AuthKind, Call, Method};
        use crate::Client;
        #(#imports)*

        impl Client {
            #accessor_doc
            pub fn #accessor(&self) -> #group {
                #group { client: self.clone() }
            }
        }

        #group_doc
        #[derive(Debug, Clone)]
        pub struct #group {
            client: Client,
        }

        impl #group {
            #(#methods)*
        }

        #(#builders)*

        #(#types)*
    }
}

/// `(module, type)` of every type defined in another module that this module's code names.
fn foreign_types(api: &Api, index: usize, module: &Module) -> BTreeSet<(String, String)> {
    let mut names = BTreeSet::new();
    for op in &module.operations {
        for p in fields(op) {
            p.ty.named(&mut names);
        }
        op.output.named(&mut names);
        op.error_body.named(&mut names);
        if let Some((_, item)) = op.pagination.as_ref().and_then(|p| p.items.as_ref()) {
            item.named(&mut names);
        }
    }
    for def in api.types.iter().filter(|t| t.module == index) {
        def.named(&mut names);
    }
    api.types
        .iter()
        .filter(|t| t.module != index && names.contains(&t.ident))
        .map(|t| (api.modules[t.module].ident.clone(), t.ident.clone()))
        .collect()
}

/// The method on the folder's accessor that starts a request: required inputs and constants
/// go into the call here; optional ones come from the builder's setters.
fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.ident);
    let builder = ident(&op.type_ident);
    let docs = doc(&operation_docs(api, op));
    let args = required_inputs(op).map(|p| {
        let arg = ident(&p.ident);
        let ty = arg_type(&p.ty);
        quote!(#arg: #ty)
    });
    let call = call_expr(op);
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
    let mut out =
        format!("{title}: `{} {}` (on [`{setter}`](crate::ClientBuilder::{setter}))\n", op.method, path_template(op));
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
    let documented = statuses(op);
    if !documented.is_empty() {
        out.push_str("\n# Responses\n\n");
        for r in documented {
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

/// The path with `{name}` placeholders, for docs.
fn path_template(op: &Operation) -> String {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(s) => format!("/{s}"),
            PathPart::Param(i) => format!("/{{{}}}", op.path_params[*i].name),
        })
        .collect()
}

/// The builder type of one request: its setters and its `Operation` impl.
fn builder(module: &Module, op: &Operation) -> TokenStream {
    let name = ident(&op.type_ident);
    let struct_doc =
        doc(&format!("Builder of [`{}::{}`]: set optional inputs, then `send()`.", module.type_ident, op.ident));
    let setters: Vec<TokenStream> = inputs(op)
        .filter(|(_, p)| !p.required && p.constant.is_none())
        .filter_map(|(place, p)| {
            let setter = ident(&p.ident);
            let text = doc(&p.description.clone().unwrap_or_else(|| format!("Sets `{}`.", p.name)));
            let ty = arg_type(&p.ty);
            let call = input_call(place, p, value_ref(place, &p.ty, quote!(value)))?;
            Some(quote! {
                #text
                pub fn #setter(self, value: #ty) -> Self {
                    Self(self.0 #call)
                }
            })
        })
        .collect();
    let setters = (!setters.is_empty()).then(|| quote!(impl #name { #(#setters)* }));
    let output = output_type(op);
    let body_kind = match output {
        Type::Unit => quote!(Ignore),
        Type::String => quote!(Text),
        _ => quote!(Json),
    };
    let output = rust_type(&output);
    let error_body = rust_type(&op.error_body);
    let success = statuses(op).into_iter().filter(|r| r.success).map(|r| Literal::u16_unsuffixed(r.code));
    let errors = error_table(op);
    let path = path_template(op);
    let paginate = op.pagination.as_ref().map(|p| {
        let (items, item) = match &p.items {
            Some((field, ty)) => (ident(field).into_token_stream(), rust_type(ty)),
            None => (quote!(none), quote!(())),
        };
        match &p.kind {
            PageKind::Token { param, field } => {
                let field = ident(field);
                quote!(runtime::paginate!(#name: token #param => #field; items #items: #item);)
            }
            PageKind::Number { param, number, count } => {
                let (number, count) = (ident(number), ident(count));
                quote!(runtime::paginate!(#name: number #param => #number / #count; items #items: #item);)
            }
        }
    });
    quote! {
        runtime::operation!(#struct_doc #name => #output, #error_body; #path; success [#(#success),*]; errors [#(#errors),*]; body #body_kind);

        #setters

        #paginate
    }
}

/// The operation's output: the success type, optional when some success status has no body.
fn output_type(op: &Operation) -> Type {
    let success = || op.responses.iter().filter(|r| r.success);
    let with_body = success().any(|r| !r.body.trim().is_empty());
    let without_body = success()
        .any(|r| r.body.trim().is_empty() && !success().any(|o| o.code == r.code && !o.body.trim().is_empty()));
    match &op.output {
        Type::Unit if success().next().is_none() => Type::Json,
        Type::Unit | Type::Json | Type::Option(_) => op.output.clone(),
        ty if with_body && without_body => Type::Option(Box::new(ty.clone())),
        ty => ty.clone(),
    }
}

/// The first saved response of each documented status, in the collection's order.
fn statuses(op: &Operation) -> Vec<&Response> {
    let mut seen = BTreeSet::new();
    op.responses.iter().filter(|r| seen.insert(r.code)).collect()
}

/// `(status, description)` of each documented error status.
fn error_table(op: &Operation) -> Vec<TokenStream> {
    statuses(op)
        .into_iter()
        .filter(|r| !r.success)
        .map(|r| {
            let code = Literal::u16_unsuffixed(r.code);
            let text = r.description.as_deref().map(plain_text).unwrap_or_default();
            quote!((#code, #text))
        })
        .collect()
}

/// The last paragraph of a description (the most specific), as plain text on one line of at
/// most 80 characters, for error messages.
fn plain_text(md: &str) -> String {
    let last = md.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).last().unwrap_or("");
    let text = one_line(&last.replace("**", "").replace('`', "").replace("\\[", "[").replace("\\]", "]"));
    if text.chars().count() <= 80 {
        return text;
    }
    let mut short: String = text.chars().take(79).collect();
    if let Some(space) = short.rfind(' ').filter(|i| *i > 30) {
        short.truncate(space);
    }
    short.push('…');
    short
}

/// The `Call` an accessor method starts: method, server, auth, path, required inputs and
/// constants.
fn call_expr(op: &Operation) -> TokenStream {
    let method = if is_standard_method(&op.method) {
        let m = ident(&op.method);
        quote!(Method::#m)
    } else {
        // `lower` only lets valid method tokens through.
        let m = Literal::byte_string(op.method.as_bytes());
        quote!(Method::from_bytes(#m).unwrap_or_default())
    };
    let server = Literal::usize_unsuffixed(op.server);
    let auth = match &op.auth {
        Auth::None => quote!(AuthKind::None),
        Auth::Bearer => quote!(AuthKind::Bearer),
        Auth::Basic => quote!(AuthKind::Basic),
        Auth::ApiKey { name, in_query: true } => quote!(AuthKind::ApiKeyQuery(#name)),
        Auth::ApiKey { name, in_query: false } => quote!(AuthKind::ApiKeyHeader(#name)),
    };
    let mut calls = Vec::new();
    let mut literal = String::new();
    for part in &op.path {
        literal.push('/');
        match part {
            PathPart::Literal(s) => literal.push_str(&encode_literal_segment(s)),
            PathPart::Param(i) => {
                let text = std::mem::take(&mut literal);
                calls.push(quote!(.path(#text)));
                let p = &op.path_params[*i];
                let (wire, arg) = (&p.name, ident(&p.ident));
                calls.push(match p.ty {
                    Type::String | Type::Secret => quote!(.param(#wire, #arg.as_ref())),
                    _ => quote!(.param(#wire, &#arg)),
                });
            }
        }
    }
    if !literal.is_empty() {
        calls.push(quote!(.path(#literal)));
    }
    for (place, p) in inputs(op) {
        let value = match &p.constant {
            Some(c) => quote!(Some(#c)),
            None if p.required => {
                if let Place::Whole(_) = place {
                    quote!()
                } else {
                    value_ref(place, &p.ty, ident(&p.ident).into_token_stream())
                }
            }
            None => continue,
        };
        calls.extend(input_call(place, p, value));
    }
    quote!(Call::new(&self.client, #method, #server, #auth) #(#calls)*)
}

fn is_standard_method(m: &str) -> bool {
    matches!(m, "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT")
}

/// A literal path segment with characters not allowed in a path percent-encoded; `{{name}}`
/// references are kept for the client to fill in.
fn encode_literal_segment(s: &str) -> String {
    names::pieces(s)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => encode_text(text),
            Piece::Var(whole, _) => whole.to_owned(),
        })
        .collect()
}

fn encode_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}
