//! The Postman environments of a crate: `enum Environment`, `ClientBuilder::environment`, and
//! the tables the runtime reads (`VARIABLE_DEFAULTS`, `ENVIRONMENTS`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident};
use crate::ir::{Api, EnvValue};

/// `VARIABLE_DEFAULTS` and `ENVIRONMENTS`, in every crate (empty without environments).
pub(super) fn tables(api: &Api) -> TokenStream {
    let defaults = api.variables.iter().filter_map(|v| {
        let (name, value) = (&v.name, v.default.as_ref()?);
        Some(quote!((#name, #value)))
    });
    let presets = (0..api.environments.len()).map(|i| {
        let option = |value: &EnvValue| match value {
            EnvValue::Value(value) => quote!(::std::option::Option::Some(#value)),
            EnvValue::Secret | EnvValue::Unset => quote!(::std::option::Option::None),
        };
        let servers = api.servers.iter().enumerate().filter_map(|(index, s)| {
            let value = option(s.presets.get(i)?);
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            Some(quote!((#index, #value)))
        });
        let variables = api.variables.iter().filter_map(|v| {
            let value = option(v.presets.get(i)?);
            let name = &v.name;
            Some(quote!((#name, #value)))
        });
        quote!(runtime::Preset { servers: &[#(#servers),*], variables: &[#(#variables),*] })
    });
    quote! {
        /// Values of variables an environment gives, used unless set (the first environment's).
        pub(crate) const VARIABLE_DEFAULTS: &[(&str, &str)] = &[#(#defaults),*];

        /// The presets of `ClientBuilder::environment`, by environment.
        pub(crate) const ENVIRONMENTS: &[runtime::Preset] = &[#(#presets),*];
    }
}

/// `enum Environment` and `ClientBuilder::environment`, when there are environments.
pub(super) fn presets(api: &Api, lib_name: &str) -> TokenStream {
    let Some(first) = api.environments.first() else { return TokenStream::new() };
    let variants = api.environments.iter().enumerate().map(|(i, env)| {
        let variant = ident(&env.ident);
        let default = if i == 0 { " Its values are the client's defaults." } else { "" };
        let mut text = format!("The Postman environment `{}`.{default}", env.name);
        let lines = settings(api, i);
        if lines.is_empty() {
            text.push_str(" It sets nothing the requests use.");
        } else {
            text.push_str(" It sets:\n\n");
            text.push_str(&lines.join("\n"));
        }
        let text = doc(&text);
        quote!(#text #variant)
    });
    let enum_doc = doc(&format!(
        "The Postman environments this crate was generated with, as presets of [`ClientBuilder::environment`]. \
         `{}` (the first) supplies the defaults used when no environment is chosen. Values an environment \
         marks secret are never part of the crate: set them on the builder.",
        first.name
    ));
    let method_doc = doc(&format!(
        "Uses the base URLs and variable values of a Postman environment (see [`Environment`] for what \
         each one sets). A value the environment marks secret, or does not give, is not set: the default \
         is not used for it either, so set it yourself.\n\n\
         A value set explicitly (a base URL or variable setter, or [`variable`](ClientBuilder::variable)) \
         wins over the environment's, whether it is set before or after this call; a later `environment` \
         replaces an earlier one.\n\n\
         ```\nuse {lib_name}::{{Client, Environment}};\n\n\
         let builder = Client::builder().environment(Environment::{});\n```",
        first.ident
    ));
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Environment {
            #(#variants,)*
        }

        impl ClientBuilder {
            #method_doc
            pub fn environment(self, environment: Environment) -> Self {
                self.preset(environment as usize)
            }
        }
    }
}

/// What environment `index` sets, one markdown list item each.
fn settings(api: &Api, index: usize) -> Vec<String> {
    let servers = api.servers.iter().filter_map(|s| {
        let setter = &s.setter;
        let link = format!("[`{setter}`](ClientBuilder::{setter})");
        Some(match s.presets.get(index)? {
            EnvValue::Value(url) => format!("- {link}: {}", code(url)),
            EnvValue::Secret => format!("- {link}: secret, set it yourself"),
            EnvValue::Unset => format!("- {link}: no value, set it yourself"),
        })
    });
    let variables = api.variables.iter().filter_map(|v| {
        let (name, setter) = (&v.name, &v.setter);
        let link = format!("`{{{{{name}}}}}` ([`{setter}`](ClientBuilder::{setter}))");
        Some(match v.presets.get(index)? {
            EnvValue::Value(value) => format!("- {link}: {}", code(value)),
            EnvValue::Secret => format!("- {link}: secret, set it yourself"),
            EnvValue::Unset => format!("- {link}: no value, set it yourself"),
        })
    });
    servers.chain(variables).collect()
}

/// A value as inline code (an empty one named as such).
fn code(value: &str) -> String {
    match value {
        "" => "an empty value".to_owned(),
        v if v.contains('`') => format!("`` {} ``", v.replace('\n', " ")),
        v => format!("`{}`", v.replace('\n', " ")),
    }
}
