//! Type definitions: inferred structs and string enums.

use heck::ToLowerCamelCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, rust_type};
use crate::ir::{Api, Field, Type, TypeDef, TypeKind, Variant};

/// The definition of one named type. Derive macros live in their own namespace, which no
/// collection name enters, so they are not spelled out.
pub(super) fn definition(api: &Api, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(fields) => structure(api, def, fields),
        TypeKind::Enum(variants) => enumeration(def, variants),
    }
}

fn structure(api: &Api, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = ident(&def.ident);
    let docs = doc(&def.description);
    // One `rename_all` instead of a `rename` per field when the JSON keys are camelCase.
    let camel =
        fields.iter().all(|f| f.ident.to_lower_camel_case() == f.name) && fields.iter().any(|f| f.ident != f.name);
    let container = if camel { quote!(#[serde(default, rename_all = "camelCase")]) } else { quote!(#[serde(default)]) };
    let fields = fields.iter().map(|f| {
        let field = ident(&f.ident);
        let ty = rust_type(api, def.module, &f.ty);
        let wire = &f.name;
        let attr = (f.ident != f.name && !camel).then(|| quote!(#[serde(rename = #wire)]));
        // What was not received, or is not set, is not sent (an absent member stays absent).
        let absent = match f.ty {
            Type::Field(_) => Some(quote!(#[serde(skip_serializing_if = "crate::Field::is_absent")])),
            Type::Option(_) => Some(quote!(#[serde(skip_serializing_if = "::std::option::Option::is_none")])),
            _ => None,
        };
        quote! {
            #attr
            #absent
            pub #field: #ty
        }
    });
    // A response grows with the API: users read it and cannot rely on knowing every field.
    let non_exhaustive = def.extra.is_some().then(|| quote!(#[non_exhaustive]));
    let extra = def.extra.as_ref().map(|extra| {
        let extra = ident(extra);
        quote! {
            /// Members the collection's examples do not show, kept as received.
            #[serde(flatten)]
            pub #extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
        #container
        #non_exhaustive
        pub struct #name {
            #(#fields,)*
            #extra
        }
    }
}

fn enumeration(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.ident);
    let docs = doc(&def.description);
    let defs = variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let text = doc(&v.description.clone().unwrap_or_else(|| format!("`{}`", v.value)));
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
        #[non_exhaustive]
        pub enum #name {
            #(#defs,)*
            /// A value not listed in the collection.
            Other(::std::string::String),
        }

        crate::runtime::string_enum!(#name { #(#values),* });
    }
}
