//! zoomgen: Postman collection → typed Rust API client crate.
//!
//! The pipeline runs one way: JSON bytes → a lenient serde model of the collection
//! (`postman`) → plain-data IR (`ir`, built by `lower` and `infer`) → Rust tokens
//! (`codegen`) → files formatted with `prettyplease`.
//!
//! ```
//! let collection = r#"{"info": {"name": "Demo"}, "item": [
//!     {"name": "Ping", "request": {"method": "GET", "url": "https://example.com/ping"}}]}"#;
//! let out = zoomgen::generate(collection, &zoomgen::Options::new("demo-client", "demo.json")).unwrap();
//! assert_eq!(out.stats.operations, 1);
//! assert!(out.files.iter().any(|f| f.path == "src/lib.rs"));
//! ```

mod codegen;
mod docs;
mod emitted;
mod environment;
mod error;
pub mod freshness;
mod infer;
mod ir;
mod lower;
pub mod manifest;
mod names;
mod package;
mod postman;
#[cfg(test)]
mod postman_tests;
mod summary;

use serde::Deserialize;
use serde_json::Value;

pub use codegen::MARKER;
pub use environment::Environment;
pub use error::{Error, Warning};
pub use package::Package;

/// What to generate and how to name it.
#[derive(Debug, Clone)]
pub struct Options {
    /// Package name of the generated crate (`zoom-generated`).
    pub crate_name: String,
    /// Name of the input, shown in errors and in the header of generated files.
    pub source_name: String,
    /// Path of the collection relative to the generated crate's directory (or absolute). When
    /// set, the crate gets a conformance suite (`tests/conformance/`) that reads it.
    pub conformance_collection: Option<String>,
    /// Maintainers' name overrides: a folder name (`Users`) or a request path
    /// (`Users / Get a user token`) → the snake_case module or method name to use.
    pub names: std::collections::BTreeMap<String, String>,
    /// Package metadata of the generated `Cargo.toml` (version, description, license, ...).
    pub package: Package,
    /// The API manifest of the crate being regenerated: its names are kept, and
    /// [`Generated::changes`] compares against it.
    pub previous: Option<manifest::Manifest>,
    /// Whether requests and folders take the method and module names the collection (and the
    /// name overrides) give them now, instead of keeping those of [`Options::previous`].
    pub rename: bool,
    /// The text of `CHANGELOG.md` after its first line (default: a title and nothing more).
    pub changelog: Option<String>,
    /// Postman environments ([`Environment::parse`]). The first one's values that are not
    /// secret are generation defaults, with precedence over the collection's own values; each
    /// one becomes a preset of the generated client (`ClientBuilder::environment`).
    pub environments: Vec<Environment>,
}

impl Options {
    /// Options for a crate named `crate_name` generated from the file `source_name`.
    pub fn new(crate_name: impl Into<String>, source_name: impl Into<String>) -> Self {
        Options {
            crate_name: crate_name.into(),
            source_name: source_name.into(),
            conformance_collection: None,
            names: Default::default(),
            package: Package::default(),
            previous: None,
            rename: false,
            changelog: None,
            environments: Vec::new(),
        }
    }
}

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, with `/` separators (`src/users.rs`).
    pub path: String,
    /// Full contents; the first line carries [`MARKER`].
    pub contents: String,
}

/// Counts describing a generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Requests turned into methods.
    pub operations: usize,
    /// Named types (structs and enums) defined.
    pub types: usize,
    /// Modules (one per top-level folder).
    pub modules: usize,
}

/// The result of a successful generation.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Every file of the crate, in a fixed order.
    pub files: Vec<GeneratedFile>,
    /// What could only partly be honoured, per item.
    pub warnings: Vec<Warning>,
    /// Counts for the summary line.
    pub stats: Stats,
    /// What changed for users of the crate since [`Options::previous`] (none without it).
    pub changes: manifest::Changes,
}

/// Generates a client crate from the text of a Postman collection.
pub fn generate(input: &str, options: &Options) -> Result<Generated, Error> {
    let parsed = stages::parse(input, options)?;
    let lowered = stages::lower(&parsed);
    let stats = lowered.stats();
    let files = stages::render_and_format(&lowered, options)?;
    let changes = match &options.previous {
        Some(previous) => {
            manifest::diff(previous, &stages::with_crate(options, |k| codegen::manifest(&lowered.api, k)))
        }
        None => manifest::Changes::default(),
    };
    Ok(Generated { files, warnings: lowered.warnings, stats, changes })
}

/// What the generator understood of a collection, one line per decided fact (names, methods,
/// paths, inputs, types, statuses), for snapshot tests and debugging.
pub fn dump_ir(input: &str, options: &Options) -> Result<String, Error> {
    let lowered = stages::lower(&stages::parse(input, options)?);
    Ok(summary::summary(&lowered.api))
}

/// Checks that `name` can name the generated package and its library: letters, digits, `-`
/// and `_`, not starting with a digit, and not a Rust keyword (`dyn`, `self`) once `-` is `_`.
pub fn check_crate_name(name: &str) -> Result<(), String> {
    let lib = name.replace('-', "_");
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err(format!(
            "crate name `{name}` must be ASCII letters, digits, `-` or `_`, not starting with a digit"
        ));
    }
    if names::is_keyword(&lib) || lib == "_" {
        return Err(format!("crate name `{name}` is a Rust keyword, which cannot name a library"));
    }
    Ok(())
}

/// The pipeline's stages one by one, for benchmarks: [`generate`] runs them in order.
#[doc(hidden)]
pub mod stages {
    use super::*;

    /// A parsed collection with its name overrides, environments and the names to keep.
    pub struct Parsed(
        postman::Collection,
        std::collections::BTreeMap<String, String>,
        Vec<Environment>,
        manifest::Pins,
    );

    /// A lowered collection: the IR and the warnings met on the way.
    pub struct Lowered {
        pub(crate) api: ir::Api,
        pub(crate) warnings: Vec<Warning>,
    }

    impl Lowered {
        pub(crate) fn stats(&self) -> Stats {
            Stats {
                operations: self.api.modules.iter().map(|m| m.operations.len()).sum(),
                types: self.api.types.len(),
                modules: self.api.modules.len(),
            }
        }
    }

    /// Rendered token streams, not yet formatted.
    pub struct Rendered(Vec<(String, codegen::Content)>);

    /// JSON text → lenient Postman model.
    pub fn parse(input: &str, options: &Options) -> Result<Parsed, Error> {
        check_crate_name(&options.crate_name).map_err(|message| Error {
            file: options.source_name.clone(),
            json_path: "$".to_owned(),
            item: None,
            message,
        })?;
        for (key, name) in &options.names {
            if names::snake(name) != *name || name.is_empty() {
                return Err(Error {
                    file: options.source_name.clone(),
                    json_path: format!("$.names[{key:?}]"),
                    item: Some(key.clone()),
                    message: format!("name override `{name}` is not a snake_case Rust identifier"),
                });
            }
        }
        let pins = options.previous.as_ref().map(|m| m.pins(options.rename)).unwrap_or_default();
        let collection = parse_collection(input, options)?;
        Ok(Parsed(collection, options.names.clone(), options.environments.clone(), pins))
    }

    /// Postman model → IR.
    pub fn lower(parsed: &Parsed) -> Lowered {
        let mut warnings = Vec::new();
        let api = names::remembering(|| lower::lower(&parsed.0, &parsed.1, &parsed.2, &parsed.3, &mut warnings));
        Lowered { api, warnings }
    }

    /// IR → token streams.
    pub fn render(lowered: &Lowered, options: &Options) -> Rendered {
        Rendered(with_crate(options, |krate| codegen::render(&lowered.api, krate)))
    }

    /// `f` of the crate-level settings of `options`.
    pub(crate) fn with_crate<T>(options: &Options, f: impl FnOnce(&codegen::Crate<'_>) -> T) -> T {
        let lib = options.crate_name.replace('-', "_");
        let changelog = options.changelog.clone().unwrap_or_else(changelog_title);
        f(&codegen::Crate {
            name: &options.crate_name,
            lib: &lib,
            collection_path: options.conformance_collection.as_deref(),
            package: &options.package,
            changelog: &changelog,
            source: file_name(&options.source_name),
        })
    }

    /// Token streams → formatted files, one after another.
    pub fn format(rendered: Rendered, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
        files(codegen::format_files(rendered.0, file_name(&options.source_name)), options)
    }

    /// IR → formatted files: [`render`] then [`format`], one file per task on every core (what
    /// [`generate`] runs). The files and their order are the same.
    pub fn render_and_format(lowered: &Lowered, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
        files(with_crate(options, |krate| codegen::generate(&lowered.api, krate)), options)
    }

    fn files(files: Result<Vec<(String, String)>, String>, options: &Options) -> Result<Vec<GeneratedFile>, Error> {
        let files = files.map_err(|message| Error {
            file: options.source_name.clone(),
            json_path: "$".to_owned(),
            item: None,
            message: format!("internal generator error: {message}"),
        })?;
        Ok(files.into_iter().map(|(path, contents)| GeneratedFile { path, contents }).collect())
    }
}

/// `CHANGELOG.md` of a crate that has none yet, after its first line.
pub(crate) fn changelog_title() -> String {
    "# Changelog\n\nWhat each version changed for users of the crate, under Rust's semver rules (written by\n`cargo xtask generate --bump`).\n".to_owned()
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn parse_collection(input: &str, options: &Options) -> Result<postman::Collection, Error> {
    let file = options.source_name.as_str();
    let fail = |json_path: &str, message: String| Error {
        file: file.to_owned(),
        json_path: json_path.to_owned(),
        item: None,
        message,
    };
    // Fast path: straight from text to the model. The JSON tree is only built to explain an error.
    let direct = |wrapped: bool| -> Option<postman::Collection> {
        let mut de = serde_json::Deserializer::from_str(input);
        let collection = if wrapped {
            postman::Wrapped::deserialize(&mut de).ok()?.collection
        } else {
            postman::Collection::deserialize(&mut de).ok()?
        };
        de.end().ok().map(|()| collection)
    };
    let is_object = input.trim_start().starts_with('{');
    let (collection, prefix) = match direct(false).filter(|_| is_object) {
        // Collections fetched from Postman's API are wrapped as {"collection": {...}}.
        Some(c) if c.item.is_empty() && c.info.name.is_none() && input.contains("\"collection\"") => {
            match direct(true) {
                Some(inner) => (inner, "collection."),
                None => (c, ""),
            }
        }
        Some(c) => (c, ""),
        None => explain(input, file)?,
    };
    if !has_request(&collection.item) {
        return Err(fail(&format!("$.{prefix}item"), "the collection has no requests".to_owned()));
    }
    Ok(collection)
}

/// Reads a collection the fast path could not: through a JSON tree, so that an error can name
/// its JSON path and the items on it.
fn explain(input: &str, file: &str) -> Result<(postman::Collection, &'static str), Error> {
    let fail = |message: String| Error { file: file.to_owned(), json_path: "$".to_owned(), item: None, message };
    let doc: Value = serde_json::from_str(input).map_err(|e| fail(format!("not valid JSON: {e}")))?;
    let (doc, prefix) = match &doc {
        Value::Object(map) if !map.contains_key("item") && map.get("collection").is_some_and(Value::is_object) => {
            (&map["collection"], true)
        }
        _ => (&doc, false),
    };
    if !doc.is_object() {
        return Err(fail(format!("a collection must be a JSON object, found {}", postman::kind_of(doc))));
    }
    match serde_path_to_error::deserialize::<_, postman::Collection>(doc) {
        Ok(collection) => Ok((collection, if prefix { "collection." } else { "" })),
        Err(e) => {
            let mut err = error::at_path(file, doc, &e.path().to_string(), e.inner().to_string());
            if prefix {
                err.json_path = err.json_path.replacen('$', "$.collection", 1);
            }
            Err(err)
        }
    }
}

fn has_request(items: &[postman::Item]) -> bool {
    items.iter().any(|i| i.item.as_deref().is_none_or(has_request))
}
