//! One module per folder: the folder's accessor, one builder per request, and its types.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc, ident, inner_doc, rust_type, types};
use crate::ir::{Api, Auth, Body, Module, Operation, Param, PathPart, Type};

/// Where an input goes in the request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Path,
    Query,
    Header,
    Form,
}

/// Every input of an operation with its place, in argument order.
fn inputs(op: &Operation) -> impl Iterator<Item = (Place, &Param)> {
    let form: &[Param] = match &op.body {
        Some(Body::Form(fields)) => fields,
        None => &[],
    };
    op.path_params
        .iter()
        .map(|p| (Place::Path, p))
        .chain(op.query.iter().map(|p| (Place::Query, p)))
        .chain(op.headers.iter().map(|p| (Place::Header, p)))
        .chain(form.iter().map(|p| (Place::Form, p)))
}

/// Inputs the caller must give as method arguments.
pub(super) fn required_inputs(op: &Operation) -> impl Iterator<Item = &Param> {
    inputs(op).map(|(_, p)| p).filter(|p| p.required && p.constant.is_none())
}

/// A Rust expression for an input's example value, for docs.
pub(super) fn example_literal(p: &Param) -> String {
    let example = p.example.clone().unwrap_or_default();
    match &p.ty {
        Type::Integer | Type::Boolean | Type::Number => example,
        Type::Named(name) => format!("{name}::from({example:?})"),
        _ => format!("{example:?}"),
    }
}

/// The module file for one folder.
pub(super) fn module_file(api: &Api, module: &Module) -> TokenStream {
    let module_doc = inner_doc(&module_docs(module));
    let accessor = ident(&module.ident);
    let group = ident(&module.type_ident);
    let accessor_doc = doc(&format!("Requests of the \"{}\" folder.", module.name));
    let group_doc = doc(&format!(
        "Requests of the \"{}\" folder. Obtain it with [`Client::{}`].",
        module.name, module.ident
    ));
    let methods = module.operations.iter().map(|op| method(api, op));
    let builders = module.operations.iter().map(|op| builder(module, op));
    let types = module.types.iter().map(types::definition);
    quote! {
        #module_doc

        use crate::runtime::{self, AuthKind, Method, Request};
        use crate::{Client, Error, Operation};

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

fn module_docs(module: &Module) -> String {
    match &module.description {
        Some(d) => format!("{}\n\n{d}", module.name),
        None => format!("Requests of the \"{}\" folder.", module.name),
    }
}

/// The method on the folder's accessor that starts a request.
fn method(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.ident);
    let builder = ident(&op.type_ident);
    let docs = doc(&operation_docs(api, op));
    let args = required_inputs(op).map(|p| {
        let arg = ident(&p.ident);
        let ty = arg_type(&p.ty);
        quote!(#arg: #ty)
    });
    let fields = inputs(op).filter(|(_, p)| p.constant.is_none()).map(|(_, p)| {
        let field = ident(&p.ident);
        if !p.required {
            quote!(#field: None)
        } else if matches!(p.ty, Type::String | Type::Secret) {
            quote!(#field: #field.into())
        } else {
            quote!(#field)
        }
    });
    let many = required_inputs(op).count() > 7;
    let allow = many.then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #allow
        pub fn #name(&self, #(#args),*) -> #builder {
            #builder { client: self.client.clone(), #(#fields),* }
        }
    }
}

/// The argument type of a required input: strings take anything `Into<String>`.
fn arg_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(impl Into<String>),
        Type::Secret => quote!(impl Into<crate::Secret>),
        other => rust_type(other),
    }
}

/// Method docs: name, description, what is sent, documented responses.
fn operation_docs(api: &Api, op: &Operation) -> String {
    let mut text = op.name.trim().to_owned();
    if text.is_empty() {
        text = op.ident.clone();
    }
    let text = crate::docs::summary(&text);
    let mut out = format!("{text}\n");
    if let Some(d) = &op.description {
        out.push('\n');
        out.push_str(d);
        out.push('\n');
    }
    let server = &api.servers[op.server];
    out.push_str(&format!("\nSends `{} {}{}`.\n", op.method, server.origin, path_template(op)));
    let mut seen = Vec::new();
    let documented: Vec<_> = op.responses.iter().filter(|r| !seen.contains(&r.code) && {
        seen.push(r.code);
        true
    }).collect();
    if !documented.is_empty() {
        out.push_str("\n# Responses\n\n");
        for r in documented {
            let what = if r.success { "success".to_owned() } else { "[`Error::Api`]".to_owned() };
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

/// The builder type of one request: fields, setters, `send`, and its `Operation` impl.
fn builder(module: &Module, op: &Operation) -> TokenStream {
    let name = ident(&op.type_ident);
    let struct_doc = doc(&format!(
        "Request builder for `{}` ([`{}::{}`]): set optional inputs, then call [`send`]({}::send).",
        op.name.trim(),
        module.type_ident,
        op.ident,
        op.type_ident
    ));
    let fields = inputs(op).filter(|(_, p)| p.constant.is_none()).map(|(_, p)| {
        let field = ident(&p.ident);
        let ty = rust_type(&p.ty);
        if p.required {
            quote!(#field: #ty)
        } else {
            quote!(#field: Option<#ty>)
        }
    });
    let setters = inputs(op).filter(|(_, p)| !p.required && p.constant.is_none()).map(|(_, p)| {
        let field = ident(&p.ident);
        let text = p.description.clone().unwrap_or_else(|| format!("Sets `{}`.", p.name));
        let text = doc(&text);
        let ty = arg_type(&p.ty);
        let value = if matches!(p.ty, Type::String | Type::Secret) { quote!(value.into()) } else { quote!(value) };
        quote! {
            #text
            pub fn #field(mut self, value: #ty) -> Self {
                self.#field = Some(#value);
                self
            }
        }
    });
    let output = rust_type(&output_type(op));
    let error_body = rust_type(&op.error_body);
    let request = request_expr(op);
    let decode = decode_arms(op);
    let body_arg = if decode.iter().any(|arm| arm.to_string().contains("body")) {
        quote!(body)
    } else {
        quote!(_)
    };
    let errors = error_table(op);
    let send_doc = doc(
        "Sends the request and decodes the response: a documented success status gives the typed\nvalue, a documented error status [`Error::Api`], anything else another [`Error`].",
    );
    quote! {
        #struct_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is called"]
        pub struct #name {
            client: Client,
            #(#fields,)*
        }

        impl #name {
            #(#setters)*

            #send_doc
            pub async fn send(self) -> Result<#output, Error<#error_body>> {
                runtime::send(&self.client, &self).await
            }
        }

        impl Operation for #name {
            type Output = #output;
            type ErrorBody = #error_body;
            const ERRORS: &'static [(u16, &'static str)] = &[#(#errors),*];

            fn request(&self) -> Request {
                #request
            }

            fn decode(status: u16, #body_arg: &[u8]) -> Option<serde_json::Result<Self::Output>> {
                match status {
                    #(#decode)*
                    _ => None,
                }
            }
        }
    }
}

/// Documented success statuses, in order, each with whether its examples have a body.
fn success_codes(op: &Operation) -> Vec<(u16, bool)> {
    let mut codes: Vec<(u16, bool)> = Vec::new();
    for r in op.responses.iter().filter(|r| r.success) {
        let has_body = !r.body.trim().is_empty();
        match codes.iter_mut().find(|(c, _)| *c == r.code) {
            Some(slot) => slot.1 |= has_body,
            None => codes.push((r.code, has_body)),
        }
    }
    codes
}

/// The operation's output: the success type, optional when some success status has no body.
fn output_type(op: &Operation) -> Type {
    let codes = success_codes(op);
    let mixed = codes.iter().any(|(_, b)| *b) && codes.iter().any(|(_, b)| !*b);
    match &op.output {
        Type::Unit | Type::Json | Type::Option(_) => op.output.clone(),
        ty if mixed => Type::Option(Box::new(ty.clone())),
        ty => ty.clone(),
    }
}

/// `match` arms of `Operation::decode`.
fn decode_arms(op: &Operation) -> Vec<TokenStream> {
    let codes = success_codes(op);
    if codes.is_empty() {
        return vec![quote!(200..=299 => Some(runtime::json_or_null(body)),)];
    }
    let optional = matches!(output_type(op), Type::Option(_)) && !matches!(op.output, Type::Option(_));
    codes
        .iter()
        .map(|(code, has_body)| {
            let code = Literal::u16_unsuffixed(*code);
            let value = match (&op.output, has_body) {
                (Type::Unit, _) => quote!(Ok(())),
                (Type::Json, false) => quote!(runtime::json_or_null(body)),
                (_, false) if optional => quote!(Ok(None)),
                (Type::String, _) => quote!(runtime::text(body)),
                (_, _) if optional => quote!(runtime::json(body).map(Some)),
                _ => quote!(runtime::json(body)),
            };
            quote!(#code => Some(#value),)
        })
        .collect()
}

/// `(status, description)` of each documented error status.
fn error_table(op: &Operation) -> Vec<TokenStream> {
    let mut seen = Vec::new();
    op.responses
        .iter()
        .filter(|r| !r.success && !seen.contains(&r.code) && {
            seen.push(r.code);
            true
        })
        .map(|r| {
            let code = Literal::u16_unsuffixed(r.code);
            let text = r.description.as_deref().map(plain_text).unwrap_or_default();
            quote!((#code, #text))
        })
        .collect()
}

/// Markdown reduced to plain text on one line, for error messages.
fn plain_text(md: &str) -> String {
    one_line(&md.replace("**", "").replace('`', "").replace("\\[", "[").replace("\\]", "]"))
}

/// The body of `Operation::request`: method, server, path, query, headers, body.
fn request_expr(op: &Operation) -> TokenStream {
    let method = ident(&op.method);
    let method = if is_standard_method(&op.method) {
        quote!(Method::#method)
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
                let (wire, field) = (&p.name, ident(&p.ident));
                calls.push(quote!(.param(#wire, &self.#field)));
            }
        }
    }
    if !literal.is_empty() {
        calls.push(quote!(.path(#literal)));
    }
    for (place, p) in inputs(op) {
        let wire = &p.name;
        let value = match (&p.constant, p.required) {
            (Some(c), _) => quote!(Some(&#c)),
            (None, true) => {
                let field = ident(&p.ident);
                match p.ty {
                    Type::Secret => quote!(Some(self.#field.expose())),
                    _ => quote!(Some(&self.#field)),
                }
            }
            (None, false) => {
                let field = ident(&p.ident);
                match p.ty {
                    Type::Secret => quote!(self.#field.as_ref().map(crate::Secret::expose)),
                    _ => quote!(self.#field.as_ref()),
                }
            }
        };
        calls.push(match place {
            Place::Path => continue,
            Place::Query => quote!(.query(#wire, #value)),
            Place::Header => quote!(.header(#wire, #value)),
            Place::Form => quote!(.form(#wire, #value)),
        });
    }
    quote!(Request::new(#method, #server, #auth) #(#calls)*)
}

fn is_standard_method(m: &str) -> bool {
    matches!(m, "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT")
}

/// A literal path segment with characters not allowed in a path percent-encoded.
fn encode_literal_segment(s: &str) -> String {
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
