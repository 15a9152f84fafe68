//! `api-manifest.json`: the crate's API as data (see [`crate::manifest`]), in the spelling of
//! the emitted signatures.

use proc_macro2::TokenStream;

use super::operation::{arg_type, inputs};
use super::rust_type;
use crate::ir::{Api, Module, Operation, TypeDef, TypeKind};
use crate::manifest::{Claim, Input, Manifest, ModuleEntry, OperationEntry, TypeEntry};

/// The manifest of the crate `crate_name`, version `version`, generated from `api`.
pub(super) fn manifest(api: &Api, crate_name: &str, version: &str) -> Manifest {
    let operations = api.modules.iter().enumerate();
    let operations = operations.flat_map(|(i, m)| m.operations.iter().map(move |op| operation(api, i, m, op)));
    let claim = |base: String, name: &str| Claim { base, name: name.to_owned() };
    let servers = api.servers.iter().map(|s| claim(s.key.clone(), &s.setter));
    let variables = api.variables.iter().filter(|v| v.dynamic.is_none());
    let variables = variables.map(|v| claim(format!("{{{{{}}}}}", v.name), &v.setter));
    Manifest {
        generated: String::new(),
        package: crate_name.to_owned(),
        version: version.to_owned(),
        features: api.modules.iter().map(|m| m.feature.clone()).collect(),
        client: servers.chain(variables).collect(),
        modules: api.modules.iter().map(module).collect(),
        operations: operations.collect(),
        types: api.types.iter().map(|t| type_entry(api, t)).collect(),
        type_names: api.type_names.iter().map(|(base, name)| claim(base.clone(), name)).collect(),
    }
}

fn module(m: &Module) -> ModuleEntry {
    ModuleEntry { key: m.key.clone(), folder: m.name.clone(), module: m.ident.clone() }
}

fn operation(api: &Api, index: usize, m: &Module, op: &Operation) -> OperationEntry {
    let (mut arguments, mut setters) = (Vec::new(), Vec::new());
    for (place, p) in inputs(op).filter(|(_, p)| p.constant.is_none()) {
        let input = Input { name: p.ident.clone(), ty: spelled(arg_type(api, index, place, &p.ty)) };
        if p.required {
            arguments.push(input);
        } else {
            setters.push(input);
        }
    }
    OperationEntry {
        key: op.key.clone(),
        name: op.name.clone(),
        module: m.ident.clone(),
        method: op.ident.clone(),
        builder: format!("{}::{}", m.ident, op.type_ident),
        request: format!("{} {}", op.method.as_str(), super::operation::path_template(api, op)),
        arguments,
        setters,
        output: spelled(rust_type(api, index, &op.output.ty)),
    }
}

fn type_entry(api: &Api, def: &TypeDef) -> TypeEntry {
    let name = format!("{}::{}", api.modules[def.module].ident, def.ident);
    let field = |f: &crate::ir::Field| Input { name: f.ident.clone(), ty: spelled(rust_type(api, def.module, &f.ty)) };
    match &def.kind {
        // A request body is built by users; a response struct is `#[non_exhaustive]`.
        TypeKind::Struct(fields) => TypeEntry {
            name,
            exhaustive: def.extra.is_none(),
            fields: fields.iter().map(field).collect(),
            variants: Vec::new(),
        },
        TypeKind::Enum(variants) => TypeEntry {
            name,
            exhaustive: false,
            fields: Vec::new(),
            variants: variants.iter().map(|v| v.ident.clone()).collect(),
        },
    }
}

/// A type as a user reads it: `Vec<users::Item>`, without the paths that keep emitted code
/// safe from shadowing.
fn spelled(tokens: TokenStream) -> String {
    let printed = syn::parse2::<syn::Type>(tokens).map(|ty| {
        let file: syn::File = syn::parse_quote!(type T = #ty;);
        prettyplease::unparse(&file)
    });
    let printed = printed.unwrap_or_default();
    let mut out = printed.trim().trim_start_matches("type T = ").trim_end_matches(';').to_owned();
    for prefix in ["::std::string::", "::std::vec::", "::std::option::", "::std::convert::", "::std::fmt::", "crate::"]
    {
        out = out.replace(prefix, "");
    }
    out.replace("::serde_json::", "serde_json::")
}
