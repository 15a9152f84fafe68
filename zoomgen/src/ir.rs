//! The intermediate representation: plain data, produced by `lower`, consumed by `codegen`.
//!
//! Every name here is already a valid, unique Rust identifier; every description is already
//! rustdoc-safe markdown. Codegen makes no decisions about the collection.

/// A whole API: one generated crate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Api {
    pub name: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    pub modules: Vec<Module>,
    /// Named types; each lives in the module of the operation that first needed it.
    pub types: Vec<TypeDef>,
    /// Collection variables without a value that requests use: client settings.
    pub variables: Vec<ClientVariable>,
    /// The OAuth 2.0 access-token URL the collection's auth settings give, if any.
    pub oauth_token_url: Option<String>,
}

/// A `{{variable}}` the collection uses but gives no value: the client asks for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClientVariable {
    /// The variable's name in the collection.
    pub name: String,
    /// Identifier of the `ClientBuilder` setter.
    pub setter: String,
}

/// A base URL operations are sent to; each becomes a client setting.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Server {
    /// Identifier of the `ClientBuilder` setter (`base_url`, `zoom_us_url`).
    pub setter: String,
    /// The default base URL, without a trailing slash; may hold `{{variables}}` (client
    /// settings), and is empty when the collection gives none.
    pub default_url: String,
    /// Where the URL came from (a `{{variable}}` or a literal host), for docs.
    pub origin: String,
}

/// A folder: one Rust module and one accessor on the client.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Module {
    /// The folder name as written in the collection.
    pub name: String,
    /// Module identifier and `Client` accessor (`users`).
    pub ident: String,
    /// Type name of the accessor (`Users`).
    pub type_ident: String,
    pub description: Option<String>,
    pub operations: Vec<Operation>,
}

/// One request of the collection.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// Positions of the item in the collection's nested `item` arrays.
    pub item_index: Vec<usize>,
    /// `Folder / Request`, as in the collection.
    pub item_path: String,
    /// The request name as written.
    pub name: String,
    /// Method identifier (`get_user_token`).
    pub ident: String,
    /// Builder type identifier (`GetUserToken`).
    pub type_ident: String,
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// Index into [`Api::servers`].
    pub server: usize,
    pub path: Vec<PathPart>,
    pub path_params: Vec<Param>,
    pub query: Vec<Param>,
    pub headers: Vec<Param>,
    pub body: Option<Body>,
    pub auth: Auth,
    pub responses: Vec<Response>,
    /// Type of the value a documented success status decodes to.
    pub output: Type,
    /// Type of the body of documented error statuses.
    pub error_body: Type,
    /// How to fetch the following pages, when the response points to them.
    pub pagination: Option<Pagination>,
}

/// How an operation's response points to its next page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pagination {
    pub kind: PageKind,
    /// The response field holding the page's elements, and their type.
    pub items: Option<(String, Type)>,
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
    /// A fixed segment, sent as written; `{{variables}}` in it are client settings.
    Literal(String),
    /// A segment filled from [`Operation::path_params`]`[i]`.
    Param(usize),
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
    pub constant: Option<String>,
    /// The example value from the collection.
    pub example: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// `application/x-www-form-urlencoded` fields.
    Form(Vec<Param>),
    /// `multipart/form-data` parts: text, JSON text (typed) and files ([`Type::Bytes`]).
    Multipart(Vec<Param>),
    /// The whole body as one argument: JSON (typed), text or bytes, sent with this content type.
    Whole { param: Param, content_type: String },
}

/// How an operation authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Auth {
    None,
    /// `Authorization: Bearer <token>` (bearer and OAuth 2.0 collections).
    Bearer,
    /// HTTP Basic with username and password.
    Basic,
    /// An API key sent as a header or query parameter with this name.
    ApiKey {
        name: String,
        in_query: bool,
    },
}

/// One saved example response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Response {
    pub code: u16,
    pub status: String,
    pub description: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
    pub success: bool,
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
    /// `serde_json::Value`: any JSON.
    Json,
    /// `Vec<u8>`: file contents.
    Bytes,
    /// An identifier that is an integer in some requests and text in others: any `Display`.
    Id,
    /// A type in [`Api::types`], by identifier (unique across the crate).
    Named(String),
    Array(Box<Type>),
    Option(Box<Type>),
}

impl Type {
    /// Adds the identifiers of the named types this type mentions to `out`.
    pub fn named(&self, out: &mut std::collections::BTreeSet<String>) {
        match self {
            Type::Named(name) => {
                out.insert(name.clone());
            }
            Type::Array(inner) | Type::Option(inner) => inner.named(out),
            _ => {}
        }
    }
}

impl TypeDef {
    /// Adds the identifiers of the named types this definition's fields mention to `out`.
    pub fn named(&self, out: &mut std::collections::BTreeSet<String>) {
        if let TypeKind::Struct(fields) = &self.kind {
            for f in fields {
                f.ty.named(out);
            }
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
    /// Sent in requests: every field is optional and unset fields are left out.
    pub input: bool,
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
