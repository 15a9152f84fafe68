//! Type definitions: inferred structs and string enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, rust_type};
use heck::ToLowerCamelCase;

use crate::ir::{TypeDef, TypeKind};

/// The definition of one named type.
pub(super) fn definition(def: &TypeDef) -> TokenStream {
    let name = ident(&def.ident);
    let docs = doc(&def.description);
    match &def.kind {
        TypeKind::Struct(fields) => {
            // One `rename_all` instead of a `rename` per field when the JSON keys are camelCase.
            let camel = fields.iter().all(|f| f.ident.to_lower_camel_case() == f.name)
                && fields.iter().any(|f| f.ident != f.name);
            let container =
                if camel { quote!(#[serde(default, rename_all = "camelCase")]) } else { quote!(#[serde(default)]) };
            let fields = fields.iter().map(|f| {
                let field = ident(&f.ident);
                let ty = rust_type(&f.ty);
                let wire = &f.name;
                let rename = (f.ident != f.name && !camel).then(|| quote!(rename = #wire));
                let attr = rename.map(|r| quote!(#[serde(#r)]));
                quote! {
                    #attr
                    pub #field: #ty
                }
            });
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
                #container
                pub struct #name {
                    #(#fields,)*
                }
            }
        }
        TypeKind::Enum(variants) => {
            let defs = variants.iter().map(|v| {
                let variant = ident(&v.ident);
                let text = v.description.clone().unwrap_or_else(|| format!("`{}`", v.value));
                let text = doc(&text);
                quote!(#text #variant)
            });
            let values = variants.iter().map(|v| {
                let variant = ident(&v.ident);
                let value = &v.value;
                quote!(#variant = #value)
            });
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#defs,)*
                    /// A value not listed in the collection.
                    Other(String),
                }
                runtime::string_enum!(#name { #(#values),* });
            }
        }
    }
}
