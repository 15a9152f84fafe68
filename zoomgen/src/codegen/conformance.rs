//! The conformance suite of a generated crate (`tests/conformance/`): for every request, call the
//! generated method with the collection's example values and compare what is sent with what the
//! harness works out from the collection JSON; then check the typed result of every saved response.

use proc_macro2::TokenStream;
use quote::quote;

use super::operation::{inputs, is_json, Place};
use super::{gate, ident, rust_type, template_text};
use crate::ir::{Api, Decode, Operation, Origin, Param, Scheme, Type, TypeKind};
use crate::names::Scope;

/// The test client's credentials of `scheme`: the item's own values, else the harness's (which
/// the oracle gives Postman's runner too), with fixed timestamps and nonces.
fn signed_credentials(api: &Api, scheme: Scheme) -> TokenStream {
    let credentials = match scheme {
        Scheme::OAuth1 => quote! {
            api::OAuth1::new(h.credential("consumerKey"), h.credential("consumerSecret"))
                .token(h.auth_value("token"), h.auth_value("tokenSecret"))
                .timestamp(h.pinned("timestamp", harness::TIMESTAMP))
                .nonce(h.pinned("nonce", harness::NONCE))
        },
        Scheme::Hawk => quote! {
            api::Hawk::new(h.credential("authId"), h.credential("authKey"))
                .timestamp(h.pinned("timestamp", harness::TIMESTAMP))
                .nonce(h.pinned("nonce", harness::NONCE))
        },
        Scheme::AwsV4 => quote! {
            api::AwsV4::new(h.credential("accessKey"), h.credential("secretKey"))
                .session_token(h.auth_value("sessionToken"))
                .time(harness::UNIX_TIME)
        },
        Scheme::Digest => quote! {
            api::Digest::new(h.credential("username"), h.credential("password"))
                .client_nonce(h.pinned("clientNonce", harness::NONCE))
        },
        Scheme::Jwt if api.jwt_keys() => quote!(api::Jwt::private_key(h.credential("privateKey"))),
        Scheme::Jwt => quote!(api::Jwt::secret(h.credential("secret"))),
        Scheme::Ntlm => quote!(api::Ntlm::new(h.credential("username"), h.credential("password"))),
        Scheme::EdgeGrid => quote! {
            api::EdgeGrid::new(h.credential("clientToken"), h.credential("clientSecret"), h.credential("accessToken"))
                .timestamp(h.pinned("timestamp", harness::EDGEGRID_TIMESTAMP))
                .nonce(h.pinned("nonce", harness::NONCE))
        },
    };
    quote!(.auth(#credentials))
}

/// `tests/conformance/main.rs`. `collection` is the collection's path relative to the crate
/// directory (or absolute).
pub(super) fn main_rs(api: &Api, lib_name: &str, collection: &str) -> TokenStream {
    let lib = ident(lib_name);
    let path = if collection.starts_with('/') {
        quote!(#collection)
    } else {
        let rel = format!("/{collection}");
        quote!(concat!(env!("CARGO_MANIFEST_DIR"), #rel))
    };
    // A literal base URL without a default (`//host/...`, which Postman refuses) stays unset.
    let servers = api.servers.iter().filter(|s| !(s.origin == Origin::Literal && s.default_url.is_empty())).map(|s| {
        let setter = ident(&s.setter);
        match &s.origin {
            // A host an environment gives: the collection's own view of it, which the harness
            // resolves as Postman's runner does without an environment.
            _ if s.collection_url.is_some() => {
                let url = s.collection_url.as_deref().unwrap_or_default();
                quote!(.#setter(h.server(#url)))
            }
            // A host variable without a value: the test value of an undefined variable (what
            // the oracle gives Postman's runner), scheme-less like Postman's.
            Origin::Variable(var) if s.default_url.is_empty() => quote!(.#setter(h.server(&harness::variable(#var)))),
            _ => {
                let url = template_text(api, &s.default_url);
                quote!(.#setter(h.server(#url)))
            }
        }
    });
    let variables = api.variables.iter().map(|v| {
        let name = &v.name;
        if v.presets.is_empty() {
            quote!(.variable(#name, harness::variable(#name)))
        } else {
            // One an environment gives: its value in the collection alone, as the harness has it.
            let written = format!("{{{{{name}}}}}");
            quote!(.variable(#name, h.resolve(#written)))
        }
    });
    let signed = api.schemes().into_iter().map(|scheme| signed_credentials(api, scheme));
    let mut names = Scope::default();
    let tests: Vec<TokenStream> = api
        .modules
        .iter()
        .enumerate()
        .flat_map(|(index, m)| m.operations.iter().map(move |op| (index, m, op)))
        .map(|(index, m, op)| {
            let name = names.claim(&format!("{}_{}", m.ident.trim_end_matches('_'), op.ident.trim_matches('_')));
            let gate = gate(api, &[index]);
            let test = test(api, &name, &m.ident, op);
            quote!(#gate #test)
        })
        .collect();
    quote! {
        //! Generated from the collection: every request against a local mock server.
        // With some folders' features off, their tests and what only they use are left out.
        #![cfg_attr(not(feature = "all-folders"), allow(dead_code, unused_imports))]

        mod harness;

        use #lib as api;
        use harness::{Harness, Outcome};

        const COLLECTION: &str = #path;

        fn client(h: &Harness) -> api::Client {
            let (username, password) = h.basic();
            let builder = match h.http_client() {
                Some(http) => api::Client::builder().http_client(http),
                None => api::Client::builder(),
            };
            builder
                #(#servers)*
                #(#variables)*
                .auth(api::Auth::bearer(h.bearer()))
                .auth(api::Auth::basic(username, password))
                .auth(api::Auth::api_key(h.api_key()))
                #(#signed)*
                .build()
                .expect("the test client builds")
        }

        fn outcome<T, E>(result: Result<T, api::Error<E>>) -> Outcome {
            match result {
                Ok(_) => Outcome::Success,
                Err(api::Error::Api(e)) => Outcome::Api(e.status().as_u16()),
                Err(api::Error::Decode(_)) => Outcome::Decode,
                Err(e) => Outcome::Other(e.to_string()),
            }
        }

        #(#tests)*
    }
}

fn test(api: &Api, name: &str, module: &str, op: &Operation) -> TokenStream {
    let name = ident(name);
    let index = &op.item_index;
    let accessor = ident(module);
    let method = ident(&op.ident);
    let args = inputs(op).filter(|(_, p)| p.required && p.constant.is_none()).map(|(place, p)| {
        let value = example(place, p);
        input(api, place, &p.ty, quote!(#value.unwrap_or_default()))
    });
    let setters = inputs(op).filter(|(_, p)| !p.required && p.constant.is_none()).map(|(place, p)| {
        let setter = ident(&p.ident);
        let value = example(place, p);
        let converted = input(api, place, &p.ty, quote!(v));
        quote!(if let Some(v) = #value { c = c.#setter(#converted); })
    });
    let forward = forward_compatible(module, op);
    quote! {
        #[tokio::test]
        async fn #name() {
            let h = Harness::new(COLLECTION, &[#(#index),*]).await;
            let client = client(&h);
            let call = || {
                #[allow(unused_mut)]
                let mut c = client.#accessor().#method(#(#args),*);
                #(#setters)*
                c
            };
            h.check(|| async { outcome(call().send().await) }).await;
            #forward
        }
    }
}

/// The forward-compatibility property of an operation whose success decodes JSON: its saved
/// responses, and changed versions of them, decode through `parse_response` with nothing lost.
fn forward_compatible(module: &str, op: &Operation) -> Option<TokenStream> {
    if op.output.decode != Decode::Json || matches!(op.output.ty, Type::String | Type::Unit) {
        return None;
    }
    let (module, builder) = (ident(module), ident(&op.type_ident));
    Some(quote! {
        h.forward_compatible(|body| {
            let decoded = api::parse_response::<api::#module::#builder>(api::StatusCode::OK, api::HeaderMap::new(), body);
            decoded.map_err(|e| e.to_string()).and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string()))
        });
    })
}

/// The harness call giving an input's example value (`Option`).
fn example(place: Place<'_>, p: &Param) -> TokenStream {
    let key = &p.name;
    match place {
        Place::Path => quote!(h.path(#key)),
        Place::Query if matches!(p.ty, Type::Array(_)) => quote!(h.query_all(#key)),
        Place::Query if p.ty == Type::Flag => quote!(h.flag(#key)),
        Place::Query => quote!(h.query(#key)),
        Place::Header => quote!(h.header(#key)),
        Place::Form if matches!(p.ty, Type::Array(_)) => quote!(h.form_all(#key)),
        Place::Form => quote!(h.form(#key)),
        Place::Part if p.ty == Type::Bytes => quote!(h.file(#key)),
        Place::Part => quote!(h.form(#key)),
        Place::Whole(_) => quote!(h.body()),
    }
}

/// An example string expression as the input at `place` takes it: JSON as its exact text for
/// the oracle, else typed.
fn input(api: &Api, place: Place<'_>, ty: &Type, value: TokenStream) -> TokenStream {
    if is_json(place, ty) {
        let ty = api_type(api, ty);
        return quote!({
            let text = #value;
            if h.oracle() { api::Json::<#ty>::text(text) } else { api::Json::<#ty>::Value(h.json(&text)) }
        });
    }
    convert(api, ty, value, matches!(place, Place::Query | Place::Form))
}

/// The Rust spelling of a type in the test crate (named types through `api::`).
fn api_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::Named(id) => {
            let def = &api.types[id.0];
            let (module, name) = (ident(&api.modules[def.module].ident), ident(&def.ident));
            quote!(api::#module::#name)
        }
        Type::Array(inner) => {
            let inner = api_type(api, inner);
            quote!(::std::vec::Vec<#inner>)
        }
        Type::Option(inner) => {
            let inner = api_type(api, inner);
            quote!(::std::option::Option<#inner>)
        }
        Type::Field(inner) => {
            let inner = api_type(api, inner);
            quote!(api::Field<#inner>)
        }
        Type::Secret => quote!(api::Secret),
        other => rust_type(api, 0, other),
    }
}

/// Converts an example string expression (a list of them when `list`) into the input's Rust type.
fn convert(api: &Api, ty: &Type, value: TokenStream, list: bool) -> TokenStream {
    match ty {
        Type::String | Type::Secret | Type::Id | Type::Flag => value,
        Type::Integer | Type::Number | Type::Boolean => quote!(#value.parse().expect("the example parses")),
        Type::Bytes => quote!(#value.into_bytes()),
        Type::Named(id) => match &api.types[id.0] {
            def if matches!(def.kind, TypeKind::Enum(_)) => {
                let module = ident(&api.modules[def.module].ident);
                let ty = ident(&def.ident);
                quote!(api::#module::#ty::from(#value.as_str()))
            }
            _ => quote!(h.json(&#value)),
        },
        // A repeated query parameter: the harness gives each value.
        Type::Array(item) if list && matches!(**item, Type::String | Type::Secret | Type::Id) => value,
        Type::Array(item) if list => {
            let each = convert(api, item, quote!(v), false);
            quote!(#value.into_iter().map(|v| #each).collect::<Vec<_>>())
        }
        _ => quote!(h.json(&#value)),
    }
}
