//! The API manifest: what a generated crate offers its users (operations with their arguments
//! and setters, types with their fields and variants, client settings, features), each with
//! the collection item it comes from.
//!
//! Codegen writes it as `api-manifest.json` in the crate; the next generation reads it back to
//! keep every name where it was ([`Pins`]) and to say what changed for downstream crates in
//! semver terms ([`diff`]).

mod diff;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub(crate) use diff::diff;
pub use diff::{Bump, Change, Changes, Kind};
pub use semver::Version;

/// The manifest's path in the generated crate.
pub const PATH: &str = "api-manifest.json";

/// What a generated crate offers, as data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    /// The first member, carrying the generated-file marker.
    #[serde(rename = "@generated", skip_serializing)]
    pub generated: String,
    /// The package name.
    pub package: String,
    /// The package version.
    pub version: String,
    /// The cargo features of the folders.
    pub features: Vec<String>,
    /// The `ClientBuilder` settings the collection adds, with what each sets: a base URL
    /// (`https://api.example.com -> api_example_com_url`) or a variable (`{{token}} -> token`).
    pub client: Vec<Claim>,
    /// One per top-level folder.
    pub modules: Vec<ModuleEntry>,
    /// One per request.
    pub operations: Vec<OperationEntry>,
    /// One per named type.
    pub types: Vec<TypeEntry>,
    /// Every name of the crate's type namespace with the name it was derived as, in the order
    /// they were given: pins for the next generation.
    pub type_names: Vec<Claim>,
}

/// A name and the name it was derived as: `Item` (the same), or `Item -> Item2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub struct Claim {
    /// What the name was derived as (or the item's key, for client settings).
    pub base: String,
    /// The name given.
    pub name: String,
}

impl From<Claim> for String {
    fn from(claim: Claim) -> String {
        if claim.base == claim.name {
            claim.name
        } else {
            format!("{} -> {}", claim.base, claim.name)
        }
    }
}

impl From<String> for Claim {
    fn from(text: String) -> Claim {
        let (base, name) = text.split_once(" -> ").unwrap_or((&text, &text));
        Claim { base: base.to_owned(), name: name.to_owned() }
    }
}

/// A folder and the module it became.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModuleEntry {
    /// The folder's item id, else its name.
    pub key: String,
    /// The folder name as written.
    pub folder: String,
    /// The module and accessor name.
    pub module: String,
}

/// A request and the method it became.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OperationEntry {
    /// The request's item id, else a key made of its method and path.
    pub key: String,
    /// Its method and path as written: what identifies it when its id changed (a collection
    /// converted again from an OpenAPI document gets new ids).
    pub route: String,
    /// The request name as written.
    pub name: String,
    /// The module of the method.
    pub module: String,
    /// The method on the module's accessor.
    pub method: String,
    /// The request builder type.
    pub builder: String,
    /// What is sent: `GET /users/{userId}`.
    pub request: String,
    /// Required inputs: the method's arguments, in order.
    pub arguments: Vec<Input>,
    /// Optional inputs: the builder's setters.
    pub setters: Vec<Input>,
    /// What a success decodes to.
    pub output: String,
}

/// One argument, setter or field, written `name: Type`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub struct Input {
    /// The argument, setter or field name.
    pub name: String,
    /// The Rust type it takes or holds.
    pub ty: String,
}

impl From<Input> for String {
    fn from(input: Input) -> String {
        format!("{}: {}", input.name, input.ty)
    }
}

impl From<String> for Input {
    fn from(text: String) -> Input {
        let (name, ty) = text.split_once(": ").unwrap_or((&text, ""));
        Input { name: name.to_owned(), ty: ty.to_owned() }
    }
}

/// A named type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TypeEntry {
    /// Its path in the crate: `users::GetUserResponse`.
    pub name: String,
    /// Whether users may rely on the type having no other fields or variants: a struct they
    /// build (a request body), not a `#[non_exhaustive]` one.
    pub exhaustive: bool,
    /// A struct's fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Input>,
    /// An enum's variants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
}

impl Manifest {
    /// The manifest as the file's text: JSON, with the generated-file marker in its first line.
    pub fn render(&self, marker_line: &str) -> String {
        let body = serde_json::to_string_pretty(self).unwrap_or_default();
        let rest = body.strip_prefix('{').unwrap_or(&body);
        format!("{{\"@generated\": {},{rest}\n", serde_json::Value::from(marker_line))
    }

    /// Reads a manifest written by [`Manifest::render`]; an error names the JSON path.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| format!("at $.{}: {}", e.path(), e.inner()))
    }

    /// The same manifest, with the keys of its items that `now` has under other keys (matched
    /// by [`rematch`]) changed to those.
    pub(crate) fn rekeyed(&self, now: &Manifest) -> Manifest {
        let folders = |m: &Manifest| m.modules.iter().map(|e| (e.key.clone(), e.folder.clone())).collect::<Vec<_>>();
        let routes = |m: &Manifest| m.operations.iter().map(|e| (e.key.clone(), e.route.clone())).collect::<Vec<_>>();
        let mut out = self.clone();
        let modules = rematch(&folders(self), &folders(now));
        for entry in &mut out.modules {
            entry.key = modules.get(&entry.key).cloned().unwrap_or(std::mem::take(&mut entry.key));
        }
        let operations = rematch(&routes(self), &routes(now));
        for entry in &mut out.operations {
            entry.key = operations.get(&entry.key).cloned().unwrap_or(std::mem::take(&mut entry.key));
        }
        out
    }

    /// What the next generation keeps from this one.
    pub(crate) fn pins(&self, rename: bool) -> Pins {
        Pins {
            modules: self.modules.iter().map(|m| (m.key.clone(), (m.folder.clone(), m.module.clone()))).collect(),
            methods: self.operations.iter().map(|o| (o.key.clone(), o.method.clone())).collect(),
            routes: self.operations.iter().map(|o| (o.key.clone(), o.route.clone())).collect(),
            setters: self.client.iter().map(|c| (c.base.clone(), c.name.clone())).collect(),
            type_names: self.type_names.iter().map(|c| (c.base.clone(), c.name.clone())).collect(),
            rename,
        }
    }
}

/// Pairs each item of `old` whose key `new` lacks with the item of `new` whose key `old` lacks
/// and that has the same second identity (a request's route, a folder's name), when exactly
/// one of each has it: old key → new key. Items are (key, second identity).
pub(crate) fn rematch(old: &[(String, String)], new: &[(String, String)]) -> BTreeMap<String, String> {
    let lost = |from: &[(String, String)], to: &[(String, String)]| {
        let keys: std::collections::BTreeSet<&String> = to.iter().map(|(k, _)| k).collect();
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (key, second) in from.iter().filter(|(k, _)| !keys.contains(k)) {
            by.entry(second.clone()).or_default().push(key.clone());
        }
        by
    };
    let (gone, came) = (lost(old, new), lost(new, old));
    let unique = |keys: &Vec<String>| (keys.len() == 1).then(|| keys[0].clone());
    gone.iter().filter_map(|(second, old_keys)| Some((unique(old_keys)?, unique(came.get(second)?)?))).collect()
}

/// The names a previous generation gave, by item: lowering gives them again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pins {
    /// Folder key → (folder name, module name).
    pub modules: BTreeMap<String, (String, String)>,
    /// Request key → method name.
    pub methods: BTreeMap<String, String>,
    /// Request key → route.
    pub routes: BTreeMap<String, String>,
    /// `ClientBuilder` setting key (a base URL or a `{{variable}}`) → setter name.
    pub setters: BTreeMap<String, String>,
    /// The type namespace's (base, name) claims, in order.
    pub type_names: Vec<(String, String)>,
    /// Whether methods and modules take the names the collection gives them now.
    pub rename: bool,
}

impl Pins {
    /// The same pins, with the keys of items that changed keys (a folder's id, a request's id)
    /// taken from `folders` and `requests`, the (key, name) and (key, route) of the items now.
    pub fn rekeyed(&self, folders: &[(String, String)], requests: &[(String, String)]) -> Pins {
        let old_folders: Vec<_> = self.modules.iter().map(|(k, (folder, _))| (k.clone(), folder.clone())).collect();
        let old_routes: Vec<_> = self.routes.iter().map(|(k, r)| (k.clone(), r.clone())).collect();
        let mut pins = self.clone();
        for (old, new) in rematch(&old_folders, folders) {
            if let Some(value) = pins.modules.remove(&old) {
                pins.modules.insert(new, value);
            }
        }
        for (old, new) in rematch(&old_routes, requests) {
            if let Some(value) = pins.methods.remove(&old) {
                pins.methods.insert(new, value);
            }
        }
        pins
    }

    /// The same pins without those of the names `orphans` holds.
    pub fn without(&self, orphans: &crate::lower::Orphans) -> Pins {
        let modules = self.modules.iter().filter(|(_, (_, m))| !orphans.modules.contains(m));
        let setters = self.setters.iter().filter(|(_, s)| !orphans.setters.contains(s));
        let types = self.type_names.iter().filter(|(_, name)| !orphans.types.contains(name));
        Pins {
            modules: modules.map(|(k, v)| (k.clone(), v.clone())).collect(),
            methods: self.methods.clone(),
            routes: self.routes.clone(),
            setters: setters.map(|(k, v)| (k.clone(), v.clone())).collect(),
            type_names: types.cloned().collect(),
            rename: self.rename,
        }
    }

    /// The module the folder `key` keeps, unless names follow the collection as it is now.
    pub fn module(&self, key: &str) -> Option<&str> {
        self.modules.get(key).filter(|_| !self.rename).map(|(_, module)| module.as_str())
    }

    /// The method the request `key` keeps, unless names follow the collection as it is now.
    pub fn method(&self, key: &str) -> Option<&str> {
        self.methods.get(key).filter(|_| !self.rename).map(String::as_str)
    }
}
