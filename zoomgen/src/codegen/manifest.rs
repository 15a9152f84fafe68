//! `api-manifest.json`: the crate's API as data (see [`crate::manifest`]), in the spelling of
//! the emitted signatures.

use super::operation::{inputs, is_json, Place};
use crate::ir::{Api, Module, Operation, Type, TypeDef, TypeKind};
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
        let input = Input { name: p.ident.clone(), ty: spell_arg(api, index, place, &p.ty) };
        if p.required {
            arguments.push(input);
        } else {
            setters.push(input);
        }
    }
    OperationEntry {
        key: op.key.clone(),
        route: op.route.clone(),
        name: op.name.clone(),
        module: m.ident.clone(),
        method: op.ident.clone(),
        builder: format!("{}::{}", m.ident, op.type_ident),
        request: format!("{} {}", op.method.as_str(), super::operation::path_template(api, op)),
        arguments,
        setters,
        output: spell(api, index, &op.output.ty),
    }
}

fn type_entry(api: &Api, def: &TypeDef) -> TypeEntry {
    let name = format!("{}::{}", api.modules[def.module].ident, def.ident);
    let field = |f: &crate::ir::Field| Input { name: f.ident.clone(), ty: spell(api, def.module, &f.ty) };
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

/// An argument's type as a user reads it: [`arg_type`] without the paths that keep emitted
/// code safe from shadowing (checked against it in the tests).
fn spell_arg(api: &Api, module: usize, place: Place<'_>, ty: &Type) -> String {
    match ty {
        Type::String | Type::Secret => "impl AsRef<str>".to_owned(),
        Type::Id => "impl Display".to_owned(),
        other if is_json(place, other) => format!("impl Into<Json<{}>>", spell(api, module, other)),
        other => spell(api, module, other),
    }
}

/// A type as a user reads it (`Vec<users::Item>`): [`rust_type`] without the paths that keep
/// emitted code safe from shadowing.
fn spell(api: &Api, module: usize, ty: &Type) -> String {
    let inner = |wrapper: &str, inner: &Type| format!("{wrapper}<{}>", spell(api, module, inner));
    match ty {
        Type::Unit => "()".to_owned(),
        Type::String | Type::Id => "String".to_owned(),
        Type::Secret => "Secret".to_owned(),
        Type::Integer => "i64".to_owned(),
        Type::Number => "f64".to_owned(),
        Type::Boolean | Type::Flag => "bool".to_owned(),
        Type::Json => "serde_json::Value".to_owned(),
        Type::Bytes => "Vec<u8>".to_owned(),
        Type::AnyNumber => "serde_json::Number".to_owned(),
        Type::Named(id) => {
            let def = &api.types[id.0];
            match def.module == module {
                true => def.ident.clone(),
                false => format!("{}::{}", api.modules[def.module].ident, def.ident),
            }
        }
        Type::Array(of) => inner("Vec", of),
        Type::Option(of) => inner("Option", of),
        Type::Field(of) => inner("Field", of),
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;

    use super::super::operation::arg_type;
    use super::super::rust_type;
    use super::*;

    /// The emitted type, printed, without the paths that only keep it safe from shadowing.
    fn printed(tokens: TokenStream) -> String {
        let ty: syn::Type = syn::parse2(tokens).expect("a type");
        let file: syn::File = syn::parse_quote!(type T = #ty;);
        let text = prettyplease::unparse(&file);
        let mut out = text.trim().trim_start_matches("type T = ").trim_end_matches(';').to_owned();
        for prefix in ["::std::string::", "::std::vec::", "::std::option::", "::std::convert::", "::std::fmt::"] {
            out = out.replace(prefix, "");
        }
        out.replace("crate::", "").replace("::serde_json::", "serde_json::")
    }

    #[test]
    fn the_manifest_spells_the_types_the_crate_emits() {
        let collection = r#"{"info": {"name": "T"}, "item": [{"name": "A", "item": [
            {"name": "Put", "request": {"method": "PUT", "url": "https://e.com/a/:id?n=1&f=1.5&flag",
             "header": [{"key": "Content-Type", "value": "application/json"}],
             "body": {"mode": "raw", "raw": "{\"list\": [{\"x\": 1}], \"any\": null, \"token\": \"t\"}"}},
             "response": [{"code": 200, "body": "{\"id\": 1, \"items\": [{\"x\": true}], \"n\": 1.5}"}]}]},
            {"name": "B", "item": [{"name": "Get", "request": {"method": "GET", "url": "https://e.com/b/:id"}}]}]}"#;
        let options = crate::Options::new("t", "t.json");
        let parsed = crate::stages::parse(collection, &options).expect("parses");
        let api = crate::stages::lower(&parsed).api;
        let mut seen = 0;
        for (index, module) in api.modules.iter().enumerate() {
            for op in &module.operations {
                // `Place` is taken by value: one iterator for each spelling.
                for ((place, p), (same, _)) in inputs(op).zip(inputs(op)) {
                    assert_eq!(spell_arg(&api, index, place, &p.ty), printed(arg_type(&api, index, same, &p.ty)));
                    seen += 1;
                }
                assert_eq!(spell(&api, index, &op.output.ty), printed(rust_type(&api, index, &op.output.ty)));
            }
        }
        for def in &api.types {
            if let TypeKind::Struct(fields) = &def.kind {
                for f in fields {
                    assert_eq!(spell(&api, def.module, &f.ty), printed(rust_type(&api, def.module, &f.ty)));
                    seen += 1;
                }
            }
        }
        assert!(seen > 8, "{seen}");
    }
}
