//! The crate-level files: `Cargo.toml` and `src/lib.rs` (client setup, modules, re-exports).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, inner_doc};
use crate::ir::{Api, Auth, Operation};

/// `Cargo.toml` of a crate that builds on its own or as a member of a workspace.
pub(super) fn cargo_toml(crate_name: &str) -> String {
    format!(
        r#"[package]
name = "{crate_name}"
version = "0.1.0"
edition = "2021"
publish = false

[features]
# `send_blocking()` on every request builder.
blocking = ["tokio/rt-multi-thread", "tokio/net"]
# One `tracing` span per request: method, path template, status, attempts, duration.
tracing = ["dep:tracing"]

[dependencies]
base64 = "0.22"
form_urlencoded = "1"
futures-util = {{ version = "0.3", default-features = false }}
http = "1"
httpdate = "1"
percent-encoding = "2"
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
thiserror = "2"
tokio = {{ version = "1", features = ["sync", "time"] }}
tracing = {{ version = "0.1", optional = true }}

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
wiremock = "0.6"
"#
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
    let token_url = api.oauth_token_url.clone().unwrap_or_default();
    let indices = (0..api.servers.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let server_urls = api.servers.iter().map(|s| s.default_url.as_str());
    let setters = api.servers.iter().zip(indices).map(|(s, i)| {
        let name = ident(&s.setter);
        let text = if s.default_url.is_empty() {
            format!("Base URL of the requests under `{}` (no default: set it before use).", s.origin)
        } else {
            format!("Base URL of the requests under `{}` (default `{}`).", s.origin, s.default_url)
        };
        let text = doc(&text);
        quote! {
            #text
            pub fn #name(self, url: impl Into<String>) -> Self {
                self.server(#i, url.into())
            }
        }
    });

    let variables = api.variables.iter().map(|v| {
        let setter = ident(&v.setter);
        let name = &v.name;
        let text =
            doc(&format!("Sets the collection variable `{{{{{name}}}}}`, which the collection uses without a value."));
        quote! {
            #text
            pub fn #setter(self, value: impl Into<String>) -> Self {
                self.variable(#name, value)
            }
        }
    });
    quote! {
        #crate_doc
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]

        #[doc(hidden)]
        pub mod runtime;

        pub use futures_util::{Stream, StreamExt, TryStreamExt};
        pub use runtime::{
            build_request, parse_response, ApiError, Auth, Client, ClientBuilder, Error, HeaderMap, Method,
            OAuth, Operation, Paginated, RateLimit, Response, Retry, Secret, StatusCode, Tokens,
            UnexpectedResponse,
        };

        #(#modules)*

        /// Default base URLs, indexed by server.
        pub(crate) const SERVERS: &[&str] = &[#(#server_urls),*];

        /// The collection's OAuth 2.0 access-token URL (empty when it gives none).
        pub(crate) const OAUTH_TOKEN_URL: &str = #token_url;

        impl ClientBuilder {
            #(#setters)*
            #(#variables)*
        }
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
            Auth::Bearer => "    .auth(Auth::bearer(std::env::var(\"ACCESS_TOKEN\")?))\n",
            Auth::Basic => "    .auth(Auth::basic(\"client-id\", std::env::var(\"CLIENT_SECRET\")?))\n",
            Auth::ApiKey { .. } => "    .auth(Auth::api_key(std::env::var(\"API_KEY\")?))\n",
        });
    }
    setup.push_str("    .build()?;\n");
    let call = match first {
        Some((module, op)) => format!(
            "let result = client.{}().{}({}).send().await;\nmatch result {{\n    Ok(value) => println!(\"{{value:?}}\"),\n    Err(Error::Api(e)) => eprintln!(\"the API said no: {{e}}\"),\n    Err(e) => return Err(e.into()),\n}}\n",
            module.ident,
            op.ident,
            example_args(op)
        ),
        None => String::new(),
    };
    format!(
        "## Usage\n\n```no_run\nuse {lib_name}::{{Auth, Client, Error}};\n\n# #[tokio::main]\n# async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{setup}{call}# Ok(())\n# }}\n```")
}

/// Example arguments for an operation's required inputs, from the collection's examples.
fn example_args(op: &Operation) -> String {
    super::operation::required_inputs(op).map(super::operation::example_literal).collect::<Vec<_>>().join(", ")
}
