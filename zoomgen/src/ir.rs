//! The intermediate representation: plain data, produced by `lower`, consumed by `codegen`.
//!
//! Lowering decides everything; codegen prints. Every name here is already a valid, unique Rust
//! identifier in its scope, every description rustdoc-safe markdown, every template split into
//! text and variable handles (no `{{...}}` text crosses the IR), and every type a handle into
//! [`Api::types`].

/// A whole API: one generated crate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Api {
    pub name: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    pub modules: Vec<Module>,
    /// Named types, referenced by [`TypeId`]; each lives in the module of the operation that
    /// first needed it.
    pub types: Vec<TypeDef>,
    /// Collection variables without a value, or given by an environment, that requests use:
    /// client settings, referenced by [`VarId`].
    pub variables: Vec<ClientVariable>,
    /// What the collection's first OAuth 2.0 auth settings say about obtaining tokens.
    pub oauth: OAuthSettings,
    /// Every name of the type namespace as (the name it was derived as, the name given), in
    /// the order given: what the next generation pins.
    pub type_names: Vec<(String, String)>,
    /// The Postman environments given to the generator: the presets of `ClientBuilder`, in
    /// order (the first one supplies the defaults). Each variable's and server's
    /// [`EnvValue`]s are indexed like this list.
    pub environments: Vec<EnvironmentPreset>,
}

/// A Postman environment as a preset of the client: a variant of `enum Environment`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnvironmentPreset {
    /// The environment's name (`Staging`).
    pub name: String,
    /// The enum variant (`Staging`).
    pub ident: String,
}

/// What a preset gives a client variable or a base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnvValue {
    /// This value.
    Value(String),
    /// None: the environment marks the variable secret, so the user sets it.
    Secret,
    /// None: neither the environment nor the collection gives a value.
    Unset,
}

impl Api {
    /// The signing schemes the operations use, in a fixed order.
    pub fn schemes(&self) -> Vec<Scheme> {
        let used = |scheme: &Scheme| {
            let mut ops = self.modules.iter().flat_map(|m| &m.operations);
            ops.any(|op| matches!(&op.auth, Auth::Signed { scheme: s, .. } if s == scheme))
        };
        Scheme::ALL.into_iter().filter(used).collect()
    }

    /// Whether a JWT auth setting signs with a private key (an algorithm that is not HMAC's, or
    /// one a variable gives).
    pub fn jwt_keys(&self) -> bool {
        let ops = self.modules.iter().flat_map(|m| &m.operations);
        ops.filter_map(|op| match &op.auth {
            Auth::Signed { scheme: Scheme::Jwt, settings } => Some(settings),
            _ => None,
        })
        .any(|settings| match settings.iter().find(|(k, _)| k == "algorithm").map(|(_, v)| v.as_text()) {
            None => false,
            Some(None) => true,
            Some(Some(algorithm)) => !algorithm.starts_with("HS"),
        })
    }
}

/// The token endpoint and request of the collection's OAuth 2.0 auth settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct OAuthSettings {
    /// `accessTokenUrl`, when it is a URL.
    pub token_url: Option<String>,
    /// `scope`, sent with token requests unless the user gives one.
    pub scope: Option<String>,
    /// `client_authentication: body`: client id and secret as form fields, not Basic auth.
    pub client_auth_in_body: bool,
}

/// A handle to a named type: an index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TypeId(pub usize);

/// A handle to a client variable: an index into [`Api::variables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct VarId(pub usize);

/// Text with client variables in it: a base URL, a path segment or a header value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Template(pub Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    /// The value of a client variable, filled in by the client.
    Var(VarId),
}

impl Template {
    /// A template of plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Template(vec![Piece::Text(text.into())])
    }

    /// The text when the template holds no variable.
    pub fn as_text(&self) -> Option<String> {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                Piece::Var(_) => None,
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|p| matches!(p, Piece::Text(t) if t.is_empty()))
    }
}

/// A `{{variable}}` the collection uses but gives no value, or one an environment gives: the
/// client asks for it (or uses its default).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClientVariable {
    /// The variable's name in the collection.
    pub name: String,
    /// Identifier of the `ClientBuilder` setter; empty for a dynamic variable.
    pub setter: String,
    /// One of Postman's dynamic variables (`$guid`, `$randomFirstName`): the client makes a
    /// fresh value for every request unless one is set.
    pub dynamic: Option<Dynamic>,
    /// The value the client uses unless one is set: the first environment's (not secret), or
    /// the collection's when that environment does not give the variable. Only a variable an
    /// environment gives has one (the collection's other values are resolved at generation).
    pub default: Option<String>,
    /// Per environment ([`Api::environments`]), what its preset sets; empty when no
    /// environment gives the variable.
    pub presets: Vec<EnvValue>,
}

/// What making a dynamic variable's value takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Dynamic {
    /// Randomness and the clock (`$guid`, `$timestamp`, `$randomInt`).
    Plain,
    /// Word lists too (`$randomFirstName`, `$randomLoremSentence`): the `fake` crate.
    Words,
}

/// A base URL operations are sent to; each becomes a client setting.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Server {
    /// The server's identity across regenerations: its default URL, after the host variable
    /// that gives it (`{{baseUrl}} https://api.zoom.us/v2`).
    pub key: String,
    /// Identifier of the `ClientBuilder` setter (`base_url`, `zoom_us_url`).
    pub setter: String,
    /// The default base URL, without a trailing slash; empty when the collection gives none.
    pub default_url: Template,
    /// Where the URL came from, for docs.
    pub origin: Origin,
    /// The path of the default URL (`/v2`), without a trailing slash; empty when it has none or
    /// holds client variables. The mock serves the server's operations under it.
    pub path: String,
    /// Per environment ([`Api::environments`]), the base URL its preset sets; empty when no
    /// environment gives the host variable.
    pub presets: Vec<EnvValue>,
    /// For a host variable an environment gives: the URL as the collection writes it
    /// (`{{baseUrl}}`, `https://{{host}}`), which the conformance suite resolves as the
    /// collection alone does.
    pub collection_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The host is the collection variable with this name.
    Variable(String),
    /// The host is written out.
    Literal,
}

/// A folder: one Rust module and one accessor on the client.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Module {
    /// The folder's identity across regenerations: its item id, else its name.
    pub key: String,
    /// The folder name as written in the collection.
    pub name: String,
    /// Module identifier and `Client` accessor (`users`).
    pub ident: String,
    /// Type name of the accessor (`Users`).
    pub type_ident: String,
    /// The cargo feature that compiles the folder's requests (`users`).
    pub feature: String,
    pub description: Option<String>,
    pub operations: Vec<Operation>,
}

/// One request of the collection.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// The request's identity across regenerations: its item id, else its method and path.
    pub key: String,
    /// Its method and path as written (`GET /users/:id`): its identity when its key changed.
    pub route: String,
    /// Positions of the item in the collection's nested `item` arrays.
    pub item_index: Vec<usize>,
    /// The request name as written.
    pub name: String,
    /// Method identifier (`get_user_token`).
    pub ident: String,
    /// Builder type identifier (`GetUserToken`).
    pub type_ident: String,
    pub description: Option<String>,
    pub method: Method,
    /// Index into [`Api::servers`].
    pub server: usize,
    /// The path after the base URL, from its first `/`.
    pub path: Vec<PathPart>,
    pub path_params: Vec<Param>,
    pub query: Vec<Param>,
    pub headers: Vec<Param>,
    pub body: Option<Body>,
    pub auth: Auth,
    /// The documented statuses, one per status code, in the collection's order.
    pub responses: Vec<Response>,
    /// What a documented success status decodes to.
    pub output: Output,
    /// Type of the body of documented error statuses.
    pub error_body: Type,
    /// How to fetch the following pages, when the response points to them.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The types of every input and output: parameters, body, success and error bodies.
    pub fn types(&self) -> impl Iterator<Item = &Type> {
        let body: &[Param] = match &self.body {
            Some(Body::Form(params) | Body::Multipart(params)) => params,
            Some(Body::Whole { param, .. }) => std::slice::from_ref(param),
            None => &[],
        };
        let params = self.path_params.iter().chain(&self.query).chain(&self.headers).chain(body);
        params.map(|p| &p.ty).chain([&self.output.ty, &self.error_body])
    }
}

/// An HTTP method (a valid token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
    Options,
    Trace,
    Connect,
    /// Any other valid method token, upper-case.
    Other(String),
}

impl Method {
    /// The method as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
            Method::Connect => "CONNECT",
            Method::Other(m) => m,
        }
    }
}

/// How an operation's response points to its next page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pagination {
    pub kind: PageKind,
    /// The response field holding the page's elements, and their type.
    pub items: Option<(String, Type)>,
    /// The output is an `Option` (some success status has no body): `None` is the last page.
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PageKind {
    /// A token (`next_page_token`) sent back as query parameter `param`; empty on the last page.
    Token { param: String, field: String },
    /// A page number (query parameter `param`) with the response's number and count fields.
    Number { param: String, number: String, count: String },
}

/// A piece of the URL path after the server's base URL.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PathPart {
    /// Fixed text, already percent-encoded where a path needs it (`/users/`).
    Literal(String),
    /// A segment filled from [`Operation::path_params`]`[i]`.
    Param(usize),
    /// Text filled from a client variable.
    Variable(VarId),
}

/// A request input: path variable, query parameter, header or form field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Param {
    /// The name on the wire.
    pub name: String,
    /// Field and setter identifier.
    pub ident: String,
    pub description: Option<String>,
    pub ty: Type,
    /// Required inputs are method arguments; others are builder setters.
    pub required: bool,
    /// A fixed value always sent; such a param is neither argument nor setter.
    pub constant: Option<Template>,
    /// Sent when the caller sets nothing: the collection's value, made of Postman's dynamic
    /// variables (`{{$timestamp}}`), filled in afresh for every request.
    pub default: Option<Template>,
    /// The example value from the collection.
    pub example: Option<String>,
    /// A query key with client variables in it (`{{var}}-id`), filled in by the client.
    pub key: Option<Template>,
    /// A multipart part's content type (its own, or for a file the one its name implies).
    pub content_type: Option<String>,
    /// A multipart file part's file name (the base name of the collection's path; empty
    /// without one).
    pub file_name: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// `application/x-www-form-urlencoded` fields.
    Form(Vec<Param>),
    /// `multipart/form-data` parts: text, JSON text (typed) and files ([`Type::Bytes`]).
    Multipart(Vec<Param>),
    /// The whole body as one argument: JSON (typed), text or bytes, sent with this content type
    /// (none for a file body without a `Content-Type` header, as Postman sends it).
    Whole { param: Box<Param>, content_type: Option<String> },
}

/// How an operation authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Auth {
    None,
    /// A bearer token (bearer and OAuth 2.0 collections): `Authorization: <prefix> <token>`
    /// (`Bearer` unless the collection's OAuth 2.0 settings say otherwise; no prefix when
    /// empty), or the `access_token` query parameter.
    Bearer {
        prefix: String,
        in_query: bool,
    },
    /// HTTP Basic with username and password.
    Basic,
    /// An API key sent as a header or query parameter with this name.
    ApiKey {
        name: String,
        in_query: bool,
    },
    /// A scheme that signs each request (or answers a challenge) with credentials the user
    /// gives; `settings` are the collection's parameters of it that are not credentials.
    Signed {
        scheme: Scheme,
        settings: Vec<(String, Template)>,
    },
}

/// Postman's signing and challenge auth types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Scheme {
    OAuth1,
    Hawk,
    AwsV4,
    Digest,
    Jwt,
    EdgeGrid,
    Ntlm,
}

impl Scheme {
    /// Postman's name of the auth type.
    pub fn postman_name(self) -> &'static str {
        match self {
            Scheme::OAuth1 => "oauth1",
            Scheme::Hawk => "hawk",
            Scheme::AwsV4 => "awsv4",
            Scheme::Digest => "digest",
            Scheme::Jwt => "jwt",
            Scheme::EdgeGrid => "edgegrid",
            Scheme::Ntlm => "ntlm",
        }
    }

    /// The runtime's file of the scheme (`src/runtime/sign/NAME.rs`).
    pub fn file(self) -> &'static str {
        match self {
            Scheme::OAuth1 => "oauth1",
            Scheme::Hawk => "hawk",
            Scheme::AwsV4 => "aws",
            Scheme::Digest => "digest",
            Scheme::Jwt => "jwt",
            Scheme::EdgeGrid => "edgegrid",
            Scheme::Ntlm => "ntlm",
        }
    }

    /// The name of the runtime's credential type and `Scheme` variant.
    pub fn rust_name(self) -> &'static str {
        match self {
            Scheme::OAuth1 => "OAuth1",
            Scheme::Hawk => "Hawk",
            Scheme::AwsV4 => "AwsV4",
            Scheme::Digest => "Digest",
            Scheme::Jwt => "Jwt",
            Scheme::EdgeGrid => "EdgeGrid",
            Scheme::Ntlm => "Ntlm",
        }
    }

    /// Every scheme.
    pub const ALL: [Scheme; 7] =
        [Scheme::OAuth1, Scheme::Hawk, Scheme::AwsV4, Scheme::Digest, Scheme::Jwt, Scheme::EdgeGrid, Scheme::Ntlm];

    /// The collection's parameters that are settings of the scheme, not credentials (those the
    /// user gives) nor per-request values (timestamps and nonces, fresh on each request).
    pub fn settings(self) -> &'static [&'static str] {
        match self {
            Scheme::OAuth1 => &[
                "signatureMethod",
                "version",
                "realm",
                "callback",
                "verifier",
                "includeBodyHash",
                "addParamsToHeader",
                "addEmptyParamsToSign",
                "disableHeaderEncoding",
            ],
            Scheme::Hawk => &["algorithm", "user", "extraData", "app", "delegation", "includePayloadHash"],
            Scheme::AwsV4 => &["region", "service", "addAuthDataToQuery"],
            Scheme::Digest => &["realm", "nonce", "algorithm", "qop", "nonceCount", "opaque", "disableRetryRequest"],
            Scheme::Jwt => &[
                "algorithm",
                "isSecretBase64Encoded",
                "payload",
                "addTokenTo",
                "headerPrefix",
                "queryParamKey",
                "header",
            ],
            Scheme::EdgeGrid => &["baseURL", "headersToSign", "maxBodySize"],
            Scheme::Ntlm => &["domain", "workstation", "disableRetryRequest"],
        }
    }
}

/// A documented status: the first saved response with that code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Response {
    pub code: u16,
    /// The saved response's name, as rustdoc.
    pub description: Option<String>,
    /// The same on one line of plain text, for error messages (error statuses).
    pub summary: String,
    pub success: bool,
    /// The saved body as a server would send it (the converter's typed placeholders made
    /// values), for the mock; empty for 204 and 205.
    pub body: String,
    /// The saved headers, for the mock: valid ones, without those about the saved transfer
    /// (`Content-Length`, `Transfer-Encoding`, `Content-Encoding`) and `Location`.
    pub headers: Vec<(String, String)>,
}

/// What the success statuses of an operation decode to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Output {
    pub ty: Type,
    pub decode: Decode,
}

/// How a success body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decode {
    /// The body is ignored: `()`.
    Ignore,
    Text,
    Json,
}

/// A Rust type in the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Type {
    /// `()`: no body.
    Unit,
    String,
    /// A string holding a credential: `Secret`, whose `Debug` output is masked.
    Secret,
    Integer,
    Number,
    Boolean,
    /// A query key written without a value (`?archived`): a `bool`, the key sent alone when true.
    Flag,
    /// `serde_json::Value`: any JSON.
    Json,
    /// `Vec<u8>`: file contents.
    Bytes,
    /// An identifier that is an integer in some requests and text in others: any `Display`.
    Id,
    /// A type in [`Api::types`].
    Named(TypeId),
    Array(Box<Type>),
    Option(Box<Type>),
    /// A response member: absent, `null` or a value (`crate::Field<T>`).
    Field(Box<Type>),
    /// A response number seen as an integer, which may come as any number (`serde_json::Number`,
    /// lossless).
    AnyNumber,
}

impl Type {
    /// The named type this type is or holds, if any.
    pub fn named(&self) -> Option<TypeId> {
        match self {
            Type::Named(id) => Some(*id),
            Type::Array(inner) | Type::Option(inner) | Type::Field(inner) => inner.named(),
            _ => None,
        }
    }
}

/// A named type: an inferred struct or a string enum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeDef {
    pub ident: String,
    /// Index of the module the type is defined in.
    pub module: usize,
    pub description: String,
    pub kind: TypeKind,
    /// The field keeping members no example shows (response structs): its identifier.
    pub extra: Option<String>,
    /// The modules whose requests take or give the type, directly or through other types,
    /// ascending: the type is compiled when one of their features is on.
    pub used_by: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum with a catch-all `Other(String)` variant.
    Enum(Vec<Variant>),
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Field {
    /// The JSON key.
    pub name: String,
    pub ident: String,
    pub ty: Type,
}

/// An enum variant and the string it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Variant {
    pub value: String,
    pub ident: String,
    pub description: Option<String>,
}
