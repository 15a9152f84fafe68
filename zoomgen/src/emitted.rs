//! What every generated crate carries whatever the collection: the runtime's sources, the
//! dependencies and the crate root's re-exports. Codegen writes them; [`crate::names::symbols`]
//! reserves the names they take.

/// The runtime module, the same in every generated crate: `(file name, contents)`.
pub(crate) const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../templates/runtime/mod.rs")),
    ("auth.rs", include_str!("../templates/runtime/auth.rs")),
    ("call.rs", include_str!("../templates/runtime/call.rs")),
    ("client.rs", include_str!("../templates/runtime/client.rs")),
    ("error.rs", include_str!("../templates/runtime/error.rs")),
    ("field.rs", include_str!("../templates/runtime/field.rs")),
    ("macros.rs", include_str!("../templates/runtime/macros.rs")),
    ("oauth_grants.rs", include_str!("../templates/runtime/oauth_grants.rs")),
    ("pages.rs", include_str!("../templates/runtime/pages.rs")),
    ("response.rs", include_str!("../templates/runtime/response.rs")),
    ("send.rs", include_str!("../templates/runtime/send.rs")),
];

/// `src/runtime/dynamic.rs` of a crate whose collection uses Postman's dynamic variables, and
/// `src/runtime/dynamic/words.rs` of one that uses those made from word lists.
pub(crate) const DYNAMIC: &str = include_str!("../templates/runtime/dynamic.rs");
pub(crate) const DYNAMIC_WORDS: &str = include_str!("../templates/runtime/dynamic_fake.rs");
/// Either file when the collection needs no such values.
pub(crate) const DYNAMIC_NONE: &str = include_str!("../templates/runtime/dynamic_none.rs");

/// `src/runtime/sign.rs` of a crate whose collection uses signing auth schemes (codegen adds
/// the scheme modules), its stand-in otherwise, and each scheme's module
/// (`src/runtime/sign/NAME.rs`).
pub(crate) const SIGN: &str = include_str!("../templates/runtime/sign.rs");
pub(crate) const SIGN_NONE: &str = include_str!("../templates/runtime/sign_none.rs");
pub(crate) const SIGN_SCHEMES: &[(&str, &str)] = &[
    ("oauth1", include_str!("../templates/runtime/sign/oauth1.rs")),
    ("hawk", include_str!("../templates/runtime/sign/hawk.rs")),
    ("aws", include_str!("../templates/runtime/sign/aws.rs")),
    ("digest", include_str!("../templates/runtime/sign/digest.rs")),
    ("jwt", include_str!("../templates/runtime/sign/jwt.rs")),
    ("edgegrid", include_str!("../templates/runtime/sign/edgegrid.rs")),
    ("ntlm", include_str!("../templates/runtime/sign/ntlm.rs")),
];

/// `[dependencies]` of a crate whose collection uses signing schemes ([`SIGN`]; `getrandom` and
/// `sha2` every crate has), and those of the schemes that need more, by scheme file.
pub(crate) const SIGN_DEPENDENCIES: &[(&str, &str)] = &[("hmac", "\"0.13\"")];
pub(crate) const SCHEME_DEPENDENCIES: &[(&str, (&str, &str))] = &[
    ("oauth1", ("sha1", "\"0.11\"")),
    ("hawk", ("sha1", "\"0.11\"")),
    ("digest", ("md-5", "\"0.11\"")),
    ("ntlm", ("ntlmclient", "\"0.2\"")),
];

/// The optional dependency of a crate whose collection uses JWT auth: private-key algorithms
/// (the `jwt-keys` feature, on by default when the collection uses one).
pub(crate) const JWT_KEYS_DEPENDENCY: (&str, &str) = (
    "jsonwebtoken",
    "{ version = \"12\", default-features = false, features = [\"use_pem\", \"rust_crypto\"], optional = true }",
);

/// The credential types of the signing schemes; the crate root re-exports those it has.
pub(crate) const SCHEME_TYPES: &[&str] = &["AwsV4", "Digest", "EdgeGrid", "Hawk", "Jwt", "Ntlm", "OAuth1"];

/// The conformance harness every generated crate carries; it reads the collection itself.
pub(crate) const HARNESS: &str = include_str!("../templates/conformance_harness.rs");

/// `[dependencies]` of every generated crate, as written in its `Cargo.toml`.
pub(crate) const DEPENDENCIES: &[(&str, &str)] = &[
    ("base64", "\"0.23\""),
    ("form_urlencoded", "\"1\""),
    ("futures-util", "{ version = \"0.3\", default-features = false }"),
    ("getrandom", "\"0.4\""),
    ("http", "\"1\""),
    ("httpdate", "\"1\""),
    ("percent-encoding", "\"2\""),
    ("reqwest", "{ version = \"0.13\", default-features = false }"),
    ("serde", "{ version = \"1\", features = [\"derive\"] }"),
    ("serde_json", "{ version = \"1\", features = [\"preserve_order\"] }"),
    ("serde_path_to_error", "\"0.1\""),
    ("sha2", "{ version = \"0.11\", default-features = false }"),
    ("thiserror", "\"2\""),
    ("tokio", "{ version = \"1\", features = [\"sync\", \"time\"] }"),
    ("tracing", "{ version = \"0.1\", optional = true }"),
];

/// The oldest Rust that builds every generated crate (`sha2` 0.11 and `jsonwebtoken` 12 need it).
pub(crate) const RUST_VERSION: &str = "1.88";

/// The optional dependencies of the default TLS: rustls with the ring provider.
pub(crate) const TLS_DEPENDENCIES: &[(&str, &str)] = &[
    (
        "rustls",
        "{ version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"], optional = true }",
    ),
    ("rustls-platform-verifier", "{ version = \"0.7\", optional = true }"),
];

/// The TLS features, as `(comment, line)` of `[features]`; one of them is needed for `https`.
pub(crate) const TLS_FEATURES: &[(&str, &str)] = &[
    (
        "TLS by rustls with the ring provider and the platform's certificate verifier (the default).",
        "rustls-ring = [\"reqwest/rustls-no-provider\", \"dep:rustls\", \"dep:rustls-platform-verifier\"]",
    ),
    (
        "TLS by rustls with reqwest's own provider (aws-lc-rs), as reqwest's defaults have it.",
        "rustls = [\"reqwest/rustls\"]",
    ),
    ("TLS by the platform's library (OpenSSL on Linux).", "native-tls = [\"reqwest/native-tls\"]"),
];

/// The client's optional features, as `(comment, line)` of `[features]`.
pub(crate) const CLIENT_FEATURES: &[(&str, &str)] = &[
    ("`send_blocking()` on every request builder.", "blocking = [\"tokio/rt-multi-thread\", \"tokio/net\"]"),
    (
        "One `tracing` span per request: method, path template, status, attempts, duration.",
        "tracing = [\"dep:tracing\"]",
    ),
];

/// The mock feature, as `(comment, line)` of `[features]`: `src/mock.rs` ([`MOCK`]).
pub(crate) const MOCK_FEATURE: (&str, &str) = (
    "`mock::start()`: a local mock server answering with the collection's saved responses, and a client pointed at it, for tests.",
    "mock = [\"dep:wiremock\"]",
);

/// The optional dependency of the `mock` feature.
pub(crate) const MOCK_DEPENDENCY: (&str, &str) = ("wiremock", "{ version = \"0.6\", optional = true }");

/// `src/mock/server.rs`: the mock server of the `mock` feature; codegen writes `src/mock.rs`,
/// the routes it serves and the client it builds.
pub(crate) const MOCK_SERVER: &str = include_str!("../templates/mock_server.rs");

/// The features every crate may have besides its folders' ([`TLS_FEATURES`],
/// [`CLIENT_FEATURES`], [`MOCK_FEATURE`], `default` and `jwt-keys`).
pub(crate) const FIXED_FEATURES: &[&str] =
    &["default", "rustls-ring", "rustls", "native-tls", "blocking", "tracing", "mock", "jwt-keys", "all-folders"];

/// `[dependencies]` of a crate whose collection uses dynamic variables ([`DYNAMIC`]).
pub(crate) const DYNAMIC_DEPENDENCIES: &[(&str, &str)] =
    &[("fastrand", "\"2\""), ("humantime", "\"2\""), ("uuid", "{ version = \"1\", features = [\"v4\"] }")];

/// `[dependencies]` of a crate whose collection uses dynamic variables made from word lists.
pub(crate) const WORDS_DEPENDENCIES: &[(&str, &str)] = &[("fake", "{ version = \"5.1\", default-features = false }")];

/// `[dev-dependencies]` of every generated crate (its conformance suite).
pub(crate) const DEV_DEPENDENCIES: &[(&str, &str)] = &[
    ("proptest", "{ version = \"1\", default-features = false, features = [\"std\"] }"),
    ("tokio", "{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }"),
    ("wiremock", "\"0.6\""),
];

/// What the crate root re-exports from `futures_util`.
pub(crate) const STREAM_REEXPORTS: &[&str] = &["Stream", "StreamExt", "TryStreamExt"];

/// What the crate root re-exports from the runtime.
pub(crate) const RUNTIME_REEXPORTS: &[&str] = &[
    "build_request",
    "parse_response",
    "ApiError",
    "Auth",
    "AuthorizationCode",
    "AuthorizationRequest",
    "Client",
    "ClientBuilder",
    "DecodeError",
    "Error",
    "Field",
    "HeaderMap",
    "Json",
    "Method",
    "OAuth",
    "Operation",
    "Paginated",
    "RateLimit",
    "Response",
    "Retry",
    "Scheme",
    "Secret",
    "Signer",
    "StatusCode",
    "Tokens",
    "UnexpectedResponse",
];

/// Items the crate root defines besides modules and re-exports.
pub(crate) const ROOT_ITEMS: &[&str] = &[
    "runtime",
    "mock",
    "SERVERS",
    "OAUTH_TOKEN_URL",
    "OAUTH_SCOPE",
    "OAUTH_CLIENT_AUTH_IN_BODY",
    "VARIABLE_DEFAULTS",
    "ENVIRONMENTS",
    "Environment",
];
