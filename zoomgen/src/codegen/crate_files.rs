//! The crate-level files: `Cargo.toml` and `src/lib.rs` (client setup, modules, re-exports).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, inner_doc, pieces, template_text};
use crate::emitted::{
    DEPENDENCIES, DEV_DEPENDENCIES, DYNAMIC_DEPENDENCIES, JWT_KEYS_DEPENDENCY, RUNTIME_REEXPORTS, SCHEME_DEPENDENCIES,
    SIGN_DEPENDENCIES, STREAM_REEXPORTS, WORDS_DEPENDENCIES,
};
use crate::ir::{Api, Auth, Dynamic, Operation, Origin, Scheme};

/// `Cargo.toml` of a crate that builds on its own or as a member of a workspace.
pub(super) fn cargo_toml(api: &Api, crate_name: &str) -> String {
    let dynamic = api.variables.iter().filter_map(|v| v.dynamic).max();
    let mut dependencies: Vec<(&str, &str)> = DEPENDENCIES.to_vec();
    if dynamic.is_some() {
        dependencies.extend(DYNAMIC_DEPENDENCIES);
    }
    if dynamic == Some(Dynamic::Words) {
        dependencies.extend(WORDS_DEPENDENCIES);
    }
    let schemes = api.schemes();
    if !schemes.is_empty() {
        dependencies.extend(SIGN_DEPENDENCIES);
    }
    for scheme in &schemes {
        dependencies.extend(SCHEME_DEPENDENCIES.iter().filter(|(file, _)| *file == scheme.file()).map(|(_, dep)| *dep));
    }
    let mut features = String::new();
    if schemes.contains(&Scheme::Jwt) {
        dependencies.push(JWT_KEYS_DEPENDENCY);
        if api.jwt_keys() {
            features.push_str("default = [\"jwt-keys\"]\n");
        }
        features.push_str(
            "# JWT signed with a private key (RS, PS and ES algorithms).\njwt-keys = [\"dep:jsonwebtoken\"]\n",
        );
    }
    dependencies.sort();
    dependencies.dedup_by_key(|(name, _)| *name);
    let list = |deps: &[(&str, &str)]| deps.iter().map(|(name, spec)| format!("{name} = {spec}\n")).collect::<String>();
    format!(
        r#"[package]
name = "{crate_name}"
version = "0.1.0"
edition = "2021"
publish = false

[features]
{features}# `send_blocking()` on every request builder.
blocking = ["tokio/rt-multi-thread", "tokio/net"]
# One `tracing` span per request: method, path template, status, attempts, duration.
tracing = ["dep:tracing"]

[dependencies]
{}
[dev-dependencies]
{}"#,
        list(&dependencies),
        list(DEV_DEPENDENCIES)
    )
}

/// `src/lib.rs`: crate docs with a usage example, modules, base URL setters.
pub(super) fn lib_rs(api: &Api, lib_name: &str) -> TokenStream {
    let title = format!("# {}", api.name);
    let mut crate_doc = title;
    if let Some(d) = &api.description {
        crate_doc.push_str("\n\n");
        crate_doc.push_str(d);
    }
    crate_doc.push_str("\n\n");
    crate_doc.push_str(&usage(api, lib_name));
    let crate_doc = inner_doc(&crate_doc);

    let modules = api.modules.iter().map(|m| {
        let name = ident(&m.ident);
        quote!(pub mod #name;)
    });
    let token_url = api.oauth.token_url.clone().unwrap_or_default();
    let scope = match &api.oauth.scope {
        Some(scope) => quote!(::std::option::Option::Some(#scope)),
        None => quote!(::std::option::Option::None),
    };
    let in_body = api.oauth.client_auth_in_body;
    let server_urls = api.servers.iter().map(|s| pieces(api, &s.default_url));
    let setters = api.servers.iter().enumerate().map(|(i, s)| {
        let name = ident(&s.setter);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        let url = template_text(api, &s.default_url);
        let origin = match &s.origin {
            Origin::Variable(var) => format!("{{{{{var}}}}}"),
            Origin::Literal => url.clone(),
        };
        let text = if s.default_url.is_empty() {
            format!("Base URL of the requests under `{origin}` (no default: set it before use).")
        } else {
            format!("Base URL of the requests under `{origin}` (default `{url}`).")
        };
        let text = doc(&text);
        quote! {
            #text
            pub fn #name(self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.server(#i, url.into())
            }
        }
    });
    let variables = api.variables.iter().filter(|v| v.dynamic.is_none()).map(|v| {
        let setter = ident(&v.setter);
        let name = &v.name;
        let text =
            doc(&format!("Sets the collection variable `{{{{{name}}}}}`, which the collection uses without a value."));
        quote! {
            #text
            pub fn #setter(self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.variable(#name, value)
            }
        }
    });
    let streams = STREAM_REEXPORTS.iter().map(|n| ident(n));
    let schemes = api.schemes();
    let reexports = RUNTIME_REEXPORTS.iter().copied().chain(schemes.iter().map(|s| s.rust_name())).map(ident);
    quote! {
        #crate_doc
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]

        #[doc(hidden)]
        pub mod runtime;

        pub use ::futures_util::{#(#streams),*};
        pub use runtime::{#(#reexports),*};

        #(#modules)*

        /// Default base URLs, indexed by server.
        pub(crate) const SERVERS: &[&[runtime::Piece]] = &[#(#server_urls),*];

        /// The collection's OAuth 2.0 access-token URL (empty when it gives none).
        pub(crate) const OAUTH_TOKEN_URL: &str = #token_url;

        /// The collection's OAuth 2.0 scope, sent when the `OAuth` credentials give none.
        pub(crate) const OAUTH_SCOPE: ::std::option::Option<&str> = #scope;

        /// Whether the collection sends the OAuth 2.0 client credentials in the token request's
        /// body rather than as HTTP Basic auth.
        pub(crate) const OAUTH_CLIENT_AUTH_IN_BODY: bool = #in_body;

        impl ClientBuilder {
            #(#setters)*
            #(#variables)*
        }
    }
}

/// Credentials of `scheme` in the crate docs' example.
fn scheme_example(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::OAuth1 => {
            "OAuth1::new(\"consumer-key\", std::env::var(\"CONSUMER_SECRET\")?)\n        .token(\"token\", std::env::var(\"TOKEN_SECRET\")?)"
        }
        Scheme::Hawk => "Hawk::new(\"key-id\", std::env::var(\"HAWK_KEY\")?)",
        Scheme::AwsV4 => "AwsV4::new(\"access-key-id\", std::env::var(\"AWS_SECRET_ACCESS_KEY\")?)",
        Scheme::Digest => "Digest::new(\"user\", std::env::var(\"PASSWORD\")?)",
        Scheme::Jwt => "Jwt::secret(std::env::var(\"JWT_SECRET\")?)",
        Scheme::EdgeGrid => {
            "EdgeGrid::new(\"client-token\", std::env::var(\"CLIENT_SECRET\")?, std::env::var(\"ACCESS_TOKEN\")?)"
        }
        Scheme::Ntlm => "Ntlm::new(\"DOMAIN\\\\user\", std::env::var(\"PASSWORD\")?)",
    }
}

/// A compiled example for the crate docs: set up a client and call the first operation.
fn usage(api: &Api, lib_name: &str) -> String {
    let first = api.modules.iter().find_map(|m| m.operations.first().map(|op| (m, op)));
    let mut auths: Vec<&Auth> = Vec::new();
    for op in api.modules.iter().flat_map(|m| &m.operations) {
        if !auths.contains(&&op.auth) {
            auths.push(&op.auth);
        }
    }
    let mut setup = String::from("let client = Client::builder()\n");
    for auth in auths {
        setup.push_str(match auth {
            Auth::None => continue,
            Auth::Bearer { .. } => "    .auth(Auth::bearer(std::env::var(\"ACCESS_TOKEN\")?))\n",
            Auth::Basic => "    .auth(Auth::basic(\"client-id\", std::env::var(\"CLIENT_SECRET\")?))\n",
            Auth::ApiKey { .. } => "    .auth(Auth::api_key(std::env::var(\"API_KEY\")?))\n",
            Auth::Signed { .. } => continue,
        });
    }
    for scheme in api.schemes() {
        setup.push_str(&format!("    .auth({lib_name}::{})\n", scheme_example(scheme)));
    }
    setup.push_str("    .build()?;\n");
    let call = match first {
        Some((module, op)) => format!(
            "let result = client.{}().{}({}).send().await;\nmatch result {{\n    Ok(value) => println!(\"{{value:?}}\"),\n    Err(Error::Api(e)) => eprintln!(\"the API said no: {{e}}\"),\n    Err(e) => return Err(e.into()),\n}}\n",
            module.ident,
            op.ident,
            example_args(api, lib_name, op)
        ),
        None => String::new(),
    };
    format!(
        "## Usage\n\n```no_run\nuse {lib_name}::{{Auth, Client, Error}};\n\n# #[tokio::main]\n# async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{setup}{call}# Ok(())\n# }}\n```")
}

/// Example arguments for an operation's required inputs, from the collection's examples.
fn example_args(api: &Api, lib: &str, op: &Operation) -> String {
    let args = super::operation::required_inputs(op).map(|p| super::operation::example_literal(api, lib, p));
    args.collect::<Vec<_>>().join(", ")
}
