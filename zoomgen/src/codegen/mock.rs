//! `src/mock.rs` of the `mock` feature: its docs, the route of every operation (its method, its
//! path as a regular expression and its saved examples, gated by its folder's feature) and the
//! client pointed at the mock server. The server itself is the template `src/mock/server.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{gate, inner_doc};
use crate::ir::{Api, Auth, Operation, PathPart, Scheme};

/// The module docs, with an example calling the first operation.
fn docs(api: &Api, lib_name: &str) -> TokenStream {
    let first = api.modules.iter().find_map(|m| m.operations.first().map(|op| (m, op)));
    let example = match first {
        Some((module, op)) => {
            let args = super::operation::required_inputs(op)
                .map(|p| super::operation::example_literal(api, lib_name, p))
                .collect::<Vec<_>>()
                .join(", ");
            let call = format!("{}().{}({args})", module.ident, op.ident);
            let name = format!("{}::{}", module.ident, op.ident);
            let error = match op.responses.iter().find(|r| !r.success) {
                Some(r) => format!(
                    "\n// A documented error status: `Error::Api`.\nlet api = {lib_name}::mock::builder().status(\"{name}\", {}).start().await;\n\
                     let result = api.{call}.send().await;\nassert!(matches!(result, Err({lib_name}::Error::Api(_))));\n",
                    r.code
                ),
                None => String::new(),
            };
            format!(
                "```no_run\n# #[cfg(not(feature = \"{feature}\"))] fn main() {{}}\n# #[cfg(feature = \"{feature}\")]\n# #[tokio::main]\n# async fn main() {{\n\
                 let api = {lib_name}::mock::start().await;\n\
                 // The saved example of the success status, decoded.\nlet value = api.{call}.send().await;\n\
                 assert!(value.is_ok());\nassert_eq!(api.received_requests().await.len(), 1);\n{error}# }}\n```",
                feature = module.feature,
            )
        }
        None => format!(
            "```no_run\n# #[tokio::main]\n# async fn main() {{\nlet api = {lib_name}::mock::start().await;\n# }}\n```"
        ),
    };
    let text = format!(
        "A local mock server for the tests of code that uses this crate (feature `mock`).\n\n\
         [`start`] starts a [`wiremock`] server that answers every request of the compiled folders with the \
         collection's saved example response of its success status, and gives back a [`Mock`]: the server, \
         and a [`Client`](crate::Client) whose base URLs point at it, with dummy credentials for the \
         operations that need some and no retries. The client's methods are the mock's (`Deref`). \
         [`builder`] chooses another status for an operation, named `module::method` (the folder's \
         accessor and the request's method; [`operations`] lists them), and other client settings \
         ([`MockBuilder::client`]).\n\n{example}\n\n\
         Each operation is recognised by its method and path, where a path parameter or a client variable \
         matches any one segment; a path without any wins over a template it also matches \
         (`/users/me` over `/users/{{id}}`). The answer is the saved example of the status: its status \
         code, its saved headers (but `Content-Length`, `Transfer-Encoding`, `Content-Encoding` and \
         `Location`) and its saved body. A status without a saved example is answered with an empty body, \
         and so is an operation without any (status 200: an empty body is `null` to a JSON output). \
         A request no operation matches is answered `404` by wiremock."
    );
    inner_doc(&text)
}

/// `src/mock.rs`.
pub(super) fn mock_rs(api: &Api, lib_name: &str) -> TokenStream {
    let docs = docs(api, lib_name);
    let routes = api.modules.iter().enumerate().filter(|(_, m)| !m.operations.is_empty()).map(|(index, module)| {
        let gate = gate(api, &[index]);
        let routes = module.operations.iter().map(|op| route(api, &module.ident, op));
        quote!(#gate routes.extend(&[#(#routes),*]);)
    });
    let servers = api.servers.iter().enumerate().map(|(i, server)| {
        let i = Literal::usize_unsuffixed(i);
        let path = &server.path;
        if path.is_empty() {
            quote!(.server(#i, uri.to_owned()))
        } else {
            quote!(.server(#i, [uri, #path].concat()))
        }
    });
    let variables = api.variables.iter().filter(|v| v.dynamic.is_none()).map(|v| {
        let name = &v.name;
        quote!(.variable(#name, "mock"))
    });
    let credentials = credentials(api);
    let features: Vec<&str> =
        api.modules.iter().filter(|m| !m.operations.is_empty()).map(|m| m.feature.as_str()).collect();
    let some_folder = match features.as_slice() {
        [one] => quote!(feature = #one),
        _ => quote!(any(#(feature = #features),*)),
    };
    quote! {
        #docs

        // Without a folder's requests, no route is made.
        #[cfg_attr(not(#some_folder), allow(dead_code))]
        mod server;

        pub use server::{builder, operations, start, Mock, MockBuilder};

        /// The route of every operation of the compiled folders.
        fn routes() -> ::std::vec::Vec<&'static server::Route> {
            #[allow(unused_mut)]
            let mut routes = ::std::vec::Vec::new();
            #(#routes)*
            routes
        }

        /// A client builder whose base URLs are the mock server's `uri` (each with the path of
        /// its default URL), with dummy credentials and values of the client variables, and
        /// without retries.
        fn client(uri: &str) -> crate::ClientBuilder {
            crate::Client::builder()
                #(#servers)*
                #(#variables)*
                #credentials
                .retry(crate::Retry::never())
        }
    }
}

/// The route of one operation.
fn route(api: &Api, module: &str, op: &Operation) -> TokenStream {
    let name = format!("{module}::{}", op.ident);
    let method = op.method.as_str();
    let (path, variable_parts) = path_regex(api, op);
    let priority = Literal::u8_unsuffixed(u8::try_from(variable_parts.saturating_add(1)).unwrap_or(u8::MAX));
    let status = Literal::u16_unsuffixed(op.responses.iter().find(|r| r.success).map_or(200, |r| r.code));
    let answers = op.responses.iter().map(|r| {
        let code = Literal::u16_unsuffixed(r.code);
        let headers = r.headers.iter().map(|(k, v)| quote!((#k, #v)));
        let body = &r.body;
        quote!(server::Answer { status: #code, headers: &[#(#headers),*], body: #body })
    });
    quote! {
        server::Route {
            operation: #name,
            method: #method,
            path: #path,
            priority: #priority,
            status: #status,
            answers: &[#(#answers),*],
        }
    }
}

/// The anchored regular expression of the paths an operation is sent to, and how many parts of
/// it are variable: the server's path, then the literal parts as they are sent and one segment
/// for each path parameter and client variable.
fn path_regex(api: &Api, op: &Operation) -> (String, usize) {
    let mut regex = escape(&api.servers[op.server].path);
    let mut variable = 0;
    for part in &op.path {
        match part {
            PathPart::Literal(text) => regex.push_str(&escape(text)),
            PathPart::Param(_) | PathPart::Variable(_) => {
                regex.push_str("[^/]+");
                variable += 1;
            }
        }
    }
    // A request to the base URL itself is sent to `/`.
    if regex.is_empty() {
        regex.push('/');
    }
    (format!("^{regex}$"), variable)
}

/// `text` matching itself in a regular expression.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `.auth(...)` with dummy credentials of each kind the operations use.
fn credentials(api: &Api) -> TokenStream {
    let ops = || api.modules.iter().flat_map(|m| &m.operations);
    let uses = |kind: fn(&Auth) -> bool| ops().any(|op| kind(&op.auth));
    let mut out = TokenStream::new();
    if uses(|a| matches!(a, Auth::Bearer { .. })) {
        out.extend(quote!(.auth(crate::Auth::bearer("mock-token"))));
    }
    if uses(|a| matches!(a, Auth::Basic)) {
        out.extend(quote!(.auth(crate::Auth::basic("mock-user", "mock-password"))));
    }
    if uses(|a| matches!(a, Auth::ApiKey { .. })) {
        out.extend(quote!(.auth(crate::Auth::api_key("mock-api-key"))));
    }
    for scheme in api.schemes() {
        let credentials = match scheme {
            Scheme::OAuth1 => quote!(crate::OAuth1::new("mock-consumer-key", "mock-consumer-secret")),
            Scheme::Hawk => quote!(crate::Hawk::new("mock-id", "mock-key")),
            Scheme::AwsV4 => quote!(crate::AwsV4::new("mock-access-key", "mock-secret-key")),
            Scheme::Digest => quote!(crate::Digest::new("mock-user", "mock-password")),
            // A private key cannot be made up: the user gives one (`MockBuilder::client`).
            Scheme::Jwt if api.jwt_keys() => continue,
            Scheme::Jwt => quote!(crate::Jwt::secret("mock-secret")),
            Scheme::EdgeGrid => {
                quote!(crate::EdgeGrid::new("mock-client-token", "mock-client-secret", "mock-access-token"))
            }
            Scheme::Ntlm => quote!(crate::Ntlm::new("mock-user", "mock-password")),
        };
        out.extend(quote!(.auth(#credentials)));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn regex_characters_are_escaped() {
        assert_eq!(super::escape("/a.b/{c}-d"), "/a\\.b/\\{c\\}\\-d");
    }

    #[test]
    fn a_folder_named_mock_takes_neither_the_module_nor_the_feature() {
        let collection = serde_json::json!({"item": [{"name": "Mock", "item": [
            {"name": "Get", "request": "https://e.test/mock", "response": [{"code": 200, "body": "{}"}]}
        ]}]});
        let generated =
            crate::generate(&collection.to_string(), &crate::Options::new("named", "named.json")).expect("generates");
        let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths.iter().filter(|p| **p == "src/mock.rs").count(), 1, "{paths:?}");
        let manifest = &generated.files.iter().find(|f| f.path == "Cargo.toml").expect("Cargo.toml").contents;
        assert_eq!(manifest.lines().filter(|l| l.starts_with("mock =")).count(), 1, "{manifest}");
        let mock = &generated.files.iter().find(|f| f.path == "src/mock.rs").expect("src/mock.rs").contents;
        assert!(mock.contains("operation: \"mock_2::get\""), "{mock}");
        assert!(paths.contains(&"src/mock_2.rs"), "{paths:?}");
    }
}
