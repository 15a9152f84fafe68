//! Type definitions: inferred structs and string enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, rust_type};
use crate::ir::{TypeDef, TypeKind};

/// The definition of one named type.
pub(super) fn definition(def: &TypeDef) -> TokenStream {
    let name = ident(&def.ident);
    let docs = doc(&def.description);
    match &def.kind {
        TypeKind::Struct(fields) => {
            let fields = fields.iter().map(|f| {
                let field = ident(&f.ident);
                let ty = rust_type(&f.ty);
                let wire = &f.name;
                let rename = (f.ident != f.name).then(|| quote!(#[serde(rename = #wire)]));
                quote! {
                    #rename
                    pub #field: #ty
                }
            });
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
                #[serde(default)]
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
