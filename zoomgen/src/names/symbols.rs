//! The names a generated crate takes before any collection name is placed, per scope.
//!
//! They are read from what the crate carries ([`crate::emitted`]: the runtime's sources, its
//! dependencies and re-exports), so a method added to the runtime is reserved without anyone
//! keeping a list in step.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proc_macro2::{TokenStream, TokenTree};

use crate::emitted;

/// A scope in which the generator places collection names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Space {
    /// Crate-root items: folder modules, which are also `Client` accessors.
    Modules,
    /// Type names (unique across the crate): builders, folder accessors, inferred types.
    Types,
    /// `ClientBuilder` setters: base URLs and client variables.
    ClientBuilder,
    /// Methods of a folder's accessor type: one per request.
    Requests,
    /// Methods of a request builder: optional inputs.
    Setters,
    /// Cargo features: one per folder, beside the crate's own.
    Features,
}

/// Methods of the traits generated types derive, implement or call through.
const TRAIT_METHODS: &[&str] = &[
    "as_ref",
    "clone",
    "clone_from",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "hash",
    "into",
    "ne",
    "serialize",
    "to_owned",
    "to_string",
];

/// Names of the prelude that a type of the same name would shadow in its module.
const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Crate-root names with a meaning of their own: path keywords, the standard crates, and file
/// stems a module file would clash with (`src/lib.rs`, `src/main.rs`, `build.rs`).
const ROOT_WORDS: &[&str] = &["alloc", "build", "core", "crate", "lib", "main", "mod", "self", "std", "super", "tests"];

/// The names taken in `space`.
pub(crate) fn reserved(space: Space) -> Vec<String> {
    let fixed: &[&[&str]] = match space {
        Space::Modules => &[
            ROOT_WORDS,
            emitted::ROOT_ITEMS,
            emitted::RUNTIME_REEXPORTS,
            emitted::STREAM_REEXPORTS,
            emitted::SCHEME_TYPES,
            TRAIT_METHODS,
        ],
        // `Environment`: the presets' enum at the crate root.
        Space::Types => &[
            PRELUDE_TYPES,
            emitted::RUNTIME_REEXPORTS,
            emitted::STREAM_REEXPORTS,
            emitted::SCHEME_TYPES,
            &["Environment"],
        ],
        // `client` is the accessor type's own field.
        Space::Requests => &[TRAIT_METHODS, &["client"]],
        // `environment`: the generated preset method (the runtime's own methods are read below).
        Space::ClientBuilder => &[TRAIT_METHODS, &["environment"]],
        Space::Setters => &[TRAIT_METHODS],
        Space::Features => &[emitted::FIXED_FEATURES],
    };
    let read: Vec<String> = match space {
        // Dependencies are not reserved: emitted code names them as `::serde`, `::futures_util`.
        Space::Modules => runtime().methods_of("Client").collect(),
        Space::ClientBuilder => runtime().methods_of("ClientBuilder").collect(),
        Space::Setters => runtime().macro_methods.clone(),
        Space::Types | Space::Requests | Space::Features => Vec::new(),
    };
    let all: BTreeSet<String> =
        fixed.iter().flat_map(|list| list.iter().map(|n| (*n).to_owned())).chain(read).collect();
    all.into_iter().collect()
}

/// Method names found in the runtime's sources.
struct Runtime {
    /// `(type, method)` for every method of an `impl` block, trait impls included.
    methods: Vec<(String, String)>,
    /// Methods the runtime's macros define on request builders.
    macro_methods: Vec<String>,
}

impl Runtime {
    fn methods_of<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = String> + 'a {
        self.methods.iter().filter(move |(t, _)| t == ty).map(|(_, m)| m.clone())
    }
}

/// The runtime's method names, read once.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        let mut methods = Vec::new();
        let mut macro_methods = Vec::new();
        for (name, source) in emitted::RUNTIME {
            let file = syn::parse_file(source).unwrap_or_else(|e| panic!("templates/runtime/{name} parses: {e}"));
            for item in &file.items {
                match item {
                    syn::Item::Impl(block) => methods.extend(impl_methods(block)),
                    syn::Item::Macro(m) => macro_methods.extend(fn_names(m.mac.tokens.clone())),
                    _ => {}
                }
            }
        }
        Runtime { methods, macro_methods }
    })
}

/// `(self type, method)` of the methods of one `impl` block.
fn impl_methods(block: &syn::ItemImpl) -> Vec<(String, String)> {
    let syn::Type::Path(ty) = &*block.self_ty else { return Vec::new() };
    let Some(last) = ty.path.segments.last() else { return Vec::new() };
    let ty = last.ident.to_string();
    let fns = block.items.iter().filter_map(|item| match item {
        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
        _ => None,
    });
    fns.map(|f| (ty.clone(), f)).collect()
}

/// Every identifier following `fn` in a token stream (a `macro_rules!` body).
fn fn_names(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let mut after_fn = false;
    for tree in tokens {
        match &tree {
            TokenTree::Group(group) => out.extend(fn_names(group.stream())),
            TokenTree::Ident(ident) if after_fn => out.push(ident.to_string()),
            _ => {}
        }
        after_fn = matches!(&tree, TokenTree::Ident(i) if i == "fn");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_come_from_the_runtime_and_the_crate_root() {
        let builder = reserved(Space::ClientBuilder);
        for name in ["user_agent", "timeout", "retry", "oauth", "variable", "auth", "build", "environment", "preset"] {
            assert!(builder.iter().any(|n| n == name), "{name}: {builder:?}");
        }
        let setters = reserved(Space::Setters);
        for name in ["send", "send_with_response", "build_request", "pages", "items"] {
            assert!(setters.iter().any(|n| n == name), "{name}: {setters:?}");
        }
        let modules = reserved(Space::Modules);
        for name in ["runtime", "mock", "builder", "lib", "main", "Client", "parse_response"] {
            assert!(modules.iter().any(|n| n == name), "{name}: {modules:?}");
        }
        let features = reserved(Space::Features);
        assert!(features.iter().any(|n| n == "mock"), "{features:?}");
    }
}
