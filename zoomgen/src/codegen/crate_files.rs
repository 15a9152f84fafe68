//! The crate-level files: `Cargo.toml`, `README.md` and `src/lib.rs` (client setup, modules,
//! re-exports).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, gate, ident, inner_doc, module_users, pieces, template_text};
use crate::emitted::{
    CLIENT_FEATURES, DEPENDENCIES, DEV_DEPENDENCIES, DYNAMIC_DEPENDENCIES, JWT_KEYS_DEPENDENCY, MOCK_DEPENDENCY,
    MOCK_FEATURE, RUNTIME_REEXPORTS, RUST_VERSION, SCHEME_DEPENDENCIES, SIGN_DEPENDENCIES, STREAM_REEXPORTS,
    TLS_DEPENDENCIES, TLS_FEATURES, WORDS_DEPENDENCIES,
};
use crate::ir::{Api, Auth, Dynamic, Operation, Origin, Scheme};
use crate::Package;

/// `Cargo.toml` of a crate that builds on its own or as a member of a workspace.
pub(super) fn cargo_toml(api: &Api, crate_name: &str, package: &Package) -> String {
    let (dependencies, features) = (dependencies(api), features(api));
    let list = |deps: &[(&str, &str)]| deps.iter().map(|(name, spec)| format!("{name} = {spec}\n")).collect::<String>();
    let features: String = features.iter().map(|(doc, line)| format!("# {doc}\n{line}\n")).collect();
    format!(
        "{}\n[package.metadata.docs.rs]\nall-features = true\n\n[features]\n{features}\n[dependencies]\n{}\n[dev-dependencies]\n{}",
        package_table(api, crate_name, package),
        list(&dependencies),
        list(DEV_DEPENDENCIES)
    )
}

/// The `[package]` table: the name, the edition and the metadata of `package`.
fn package_table(api: &Api, crate_name: &str, package: &Package) -> String {
    let string = |s: &str| serde_json::Value::from(s).to_string();
    let list = |items: &[String]| format!("[{}]", items.iter().map(|s| string(s)).collect::<Vec<_>>().join(", "));
    let mut table = format!(
        "[package]\nname = \"{crate_name}\"\nversion = {}\nedition = \"2024\"\nrust-version = \"{RUST_VERSION}\"\ndescription = {}\nreadme = \"README.md\"\n",
        string(version(package)),
        string(&description(api, package)),
    );
    let optional = [
        ("license", &package.license),
        ("repository", &package.repository),
        ("homepage", &package.homepage),
        ("documentation", &package.documentation),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            table.push_str(&format!("{key} = {}\n", string(value)));
        }
    }
    let lists = [("authors", &package.authors), ("keywords", &package.keywords), ("categories", &package.categories)];
    for (key, values) in lists {
        if !values.is_empty() {
            table.push_str(&format!("{key} = {}\n", list(values)));
        }
    }
    if !package.publish {
        table.push_str("publish = false\n");
    }
    table
}

/// The package version: the maintainer's, else `0.1.0`.
pub(super) fn version(package: &Package) -> &str {
    package.version.as_deref().unwrap_or("0.1.0")
}

/// The package description: the maintainer's, else [`default_description`].
fn description(api: &Api, package: &Package) -> String {
    package.description.clone().unwrap_or_else(|| default_description(api))
}

/// The package description when the maintainer gives none: the collection description's first
/// sentence as plain text, or a line naming the API.
fn default_description(api: &Api) -> String {
    let first = api.description.as_deref().and_then(|d| d.split("\n\n").map(plain_text).find(|p| !p.is_empty()));
    let Some(paragraph) = first else {
        return format!("Typed Rust client for {}, generated from its Postman collection.", the_api(&api.name));
    };
    let sentence = paragraph.find(". ").map_or(paragraph.as_str(), |end| &paragraph[..=end]);
    if sentence.chars().count() <= 200 {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(200).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':']))
}

/// "the Zoom API" for the collections "Zoom" and "Zoom API".
fn the_api(name: &str) -> String {
    let name = name.trim();
    if name.to_ascii_lowercase().ends_with("api") {
        format!("the {name}")
    } else {
        format!("the {name} API")
    }
}

/// Markdown as one line of plain text: links as their text, no emphasis or code marks.
fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut rest = markdown;
    while let Some(start) = rest.find('[') {
        let after = &rest[start + 1..];
        match after.find("](").and_then(|mid| after[mid..].find(')').map(|end| (mid, mid + end))) {
            Some((mid, end)) => {
                text.push_str(&rest[..start]);
                text.push_str(&after[..mid]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    text.push_str(rest);
    let text: String = text.chars().filter(|c| !matches!(c, '`' | '*' | '#' | '<' | '>')).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The dependencies of the crate: the runtime's, and those of what the collection uses.
fn dependencies(api: &Api) -> Vec<(&'static str, &'static str)> {
    let dynamic = api.variables.iter().filter_map(|v| v.dynamic).max();
    let mut dependencies: Vec<(&str, &str)> = DEPENDENCIES.to_vec();
    dependencies.extend(TLS_DEPENDENCIES);
    dependencies.push(MOCK_DEPENDENCY);
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
    if schemes.contains(&Scheme::Jwt) {
        dependencies.push(JWT_KEYS_DEPENDENCY);
    }
    dependencies.sort();
    dependencies.dedup_by_key(|(name, _)| *name);
    dependencies
}

/// The features of the crate as `(comment, line)`: `default` first, then TLS, JWT keys, the
/// client's options, and one per folder.
fn features(api: &Api) -> Vec<(String, String)> {
    let mut defaults = vec!["\"rustls-ring\""];
    let owned = |(doc, line): &(&str, &str)| ((*doc).to_owned(), (*line).to_owned());
    let mut features: Vec<(String, String)> = TLS_FEATURES.iter().map(owned).collect();
    if api.schemes().contains(&Scheme::Jwt) {
        if api.jwt_keys() {
            defaults.push("\"jwt-keys\"");
        }
        features.push((
            "JWT signed with a private key (RS, PS and ES algorithms).".into(),
            "jwt-keys = [\"dep:jsonwebtoken\"]".into(),
        ));
    }
    features.extend(CLIENT_FEATURES.iter().map(owned));
    features.push(owned(&MOCK_FEATURE));
    let folders: Vec<String> = api.modules.iter().map(|m| format!("\"{}\"", m.feature)).collect();
    defaults.push("\"all-folders\"");
    features.push(("The requests of every folder.".into(), format!("all-folders = [{}]", folders.join(", "))));
    for m in &api.modules {
        let doc =
            format!("The requests of the folder \"{}\" ({}).", m.name.replace(['\n', '\r'], " "), m.operations.len());
        features.push((doc, format!("{} = []", m.feature)));
    }
    features.insert(0, ("What `cargo build` enables.".into(), format!("default = [{}]", defaults.join(", "))));
    features
}

/// `README.md`: what the crate is, how to add it, an example, its features and its groups of
/// requests.
pub(super) fn readme(api: &Api, crate_name: &str, lib_name: &str, package: &Package) -> String {
    let description = description(api, package);
    let operations: usize = api.modules.iter().map(|m| m.operations.len()).sum();
    let version = version(package);
    let mut example = String::new();
    let mut in_main = false;
    for line in usage(api, lib_name).lines() {
        match line.strip_prefix("# ") {
            Some("}") => example.push('}'),
            Some(shown) if in_main => example.push_str(&format!("    {shown}")),
            Some(shown) => {
                in_main = shown.starts_with("async fn");
                example.push_str(shown);
            }
            None if in_main && !line.is_empty() => example.push_str(&format!("    {line}")),
            None => example.push_str(line),
        }
        example.push('\n');
    }
    let features = features(api);
    let defaults = features.first().map(|(_, line)| line.clone()).unwrap_or_default();
    let mut table = String::from("| feature | default | what it gives |\n|---|---|---|\n");
    for (doc, line) in features.iter().skip(1) {
        let name = line.split(" =").next().unwrap_or_default();
        if api.modules.iter().any(|m| m.feature == name) {
            continue;
        }
        let on = if defaults.contains(&format!("\"{name}\"")) { "yes" } else { "" };
        table.push_str(&format!("| `{name}` | {on} | {doc} |\n"));
    }
    let groups: String = api
        .modules
        .iter()
        .map(|m| format!("- `client.{}()`: {} requests, feature `{}`\n", m.ident, m.operations.len(), m.feature))
        .collect();
    format!(
        "# {crate_name}\n\n{description}\n\nA typed Rust client for {}, generated by zoomgen from its Postman collection: \
         {operations} requests in {} groups. Every method carries the collection's documentation; \
         see the crate docs.\n\n## Install\n\n```toml\n[dependencies]\n{crate_name} = \"{version}\"\n```\n\n\
         ## Usage\n\n```rust,no_run\n{example}```\n\n## Features\n\n{table}\nOne TLS feature is needed for `https`. \
         `rustls-ring` builds no C library beyond ring's; choose `rustls` to share reqwest's default provider.\n\n\
         ## Requests\n\nEach folder of the collection is a group of requests with a feature of its own. \
         `all-folders` (a default) has them all; to compile only some, for example:\n\n```toml\n\
         {crate_name} = {{ version = \"{version}\", default-features = false, features = [\"rustls-ring\", \"{}\"] }}\n```\n\n{groups}",
        the_api(&api.name),
        api.modules.len(),
        api.modules.first().map_or("", |m| m.feature.as_str())
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
    // The example calls the first folder's first request: it compiles without that folder.
    let example = match api.modules.iter().find(|m| !m.operations.is_empty()) {
        Some(m) => {
            let feature = &m.feature;
            usage(api, lib_name).replacen(
                "# #[tokio::main]",
                &format!("# #[cfg(not(feature = \"{feature}\"))] fn main() {{}}\n# #[cfg(feature = \"{feature}\")]\n# #[tokio::main]"),
                1,
            )
        }
        None => usage(api, lib_name),
    };
    crate_doc.push_str(&format!("## Usage\n\n```no_run\n{example}```"));
    let crate_doc = inner_doc(&crate_doc);

    let modules = api.modules.iter().enumerate().map(|(index, m)| {
        let name = ident(&m.ident);
        let gate = gate(api, &module_users(api, index));
        quote!(#gate pub mod #name;)
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
        let from_environment =
            if s.presets.is_empty() { "" } else { ", from a Postman environment: see [`Environment`]" };
        let text = if s.default_url.is_empty() {
            format!("Base URL of the requests under `{origin}` (no default{from_environment}: set it before use).")
        } else {
            format!("Base URL of the requests under `{origin}` (default `{url}`{from_environment}).")
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
        let text = match (&v.default, v.presets.is_empty()) {
            (_, true) => format!("Sets the collection variable `{{{{{name}}}}}`, which the collection uses without a value."),
            (Some(value), false) => format!(
                "Sets the variable `{{{{{name}}}}}`, which a Postman environment gives (default `{value}`; see [`Environment`])."
            ),
            (None, false) => format!(
                "Sets the variable `{{{{{name}}}}}`, which a Postman environment gives without a value it may use (secret, or none): no default, set it before use (see [`Environment`])."
            ),
        };
        let text = doc(&text);
        quote! {
            #text
            pub fn #setter(self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.variable(#name, value)
            }
        }
    });
    let tables = super::environments::tables(api);
    let presets = super::environments::presets(api, lib_name);
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

        #[cfg(feature = "mock")]
        pub mod mock;

        /// Default base URLs, indexed by server.
        pub(crate) const SERVERS: &[&[runtime::Piece]] = &[#(#server_urls),*];

        /// The collection's OAuth 2.0 access-token URL (empty when it gives none).
        pub(crate) const OAUTH_TOKEN_URL: &str = #token_url;

        /// The collection's OAuth 2.0 scope, sent when the `OAuth` credentials give none.
        pub(crate) const OAUTH_SCOPE: ::std::option::Option<&str> = #scope;

        /// Whether the collection sends the OAuth 2.0 client credentials in the token request's
        /// body rather than as HTTP Basic auth.
        pub(crate) const OAUTH_CLIENT_AUTH_IN_BODY: bool = #in_body;

        #tables

        impl ClientBuilder {
            #(#setters)*
            #(#variables)*
        }

        #presets
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

/// A compiled example for the crate docs: set up a client and call the first operation. Lines
/// that start with `# ` are hidden in rustdoc.
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
        "use {lib_name}::{{Auth, Client, Error}};\n\n# #[tokio::main]\n# async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{setup}{call}# Ok(())\n# }}\n"
    )
}

/// Example arguments for an operation's required inputs, from the collection's examples.
fn example_args(api: &Api, lib: &str, op: &Operation) -> String {
    let args = super::operation::required_inputs(op).map(|p| super::operation::example_literal(api, lib, p));
    args.collect::<Vec<_>>().join(", ")
}
