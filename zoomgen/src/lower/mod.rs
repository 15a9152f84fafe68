//! Postman model → IR. Lowering decides every fact the generated crate states (names, types,
//! statuses, what is sent); codegen only prints the IR.
//!
//! - [`items`]: folder traversal and what requests inherit;
//! - [`vars`]: `{{variable}}` resolution and client variables; [`dynamic`]: Postman's dynamic
//!   variables;
//! - [`url`]: URL parsing; [`servers`]: base URLs;
//! - [`request`]: one operation, with [`params`], [`enums`], [`body`], [`responses`],
//!   [`pagination`] and [`auth`].

mod auth;
mod body;
mod dynamic;
mod enums;
mod items;
mod pagination;
mod params;
mod request;
mod responses;
mod servers;
mod url;
mod vars;

use std::collections::{BTreeMap, HashMap};

use crate::error::Warning;
use crate::infer::Namer;
use crate::ir::{Api, EnvironmentPreset, Module, Server, Type, TypeDef, TypeId, TypeKind};
use crate::manifest::Pins;
use crate::names::symbols::{reserved, Space};
use crate::names::{self, Scope};
use crate::postman;

/// Lowers a parsed collection, giving items the names `pins` keep for them. Warnings name the
/// item they concern.
///
/// A name kept for an item that is gone is released: lowering runs again without it, so that
/// a new item is not pushed to a numbered name by a name nothing uses.
pub(crate) fn lower(
    collection: &postman::Collection,
    renames: &BTreeMap<String, String>,
    environments: &[crate::Environment],
    pins: &Pins,
    warnings: &mut Vec<Warning>,
) -> Api {
    let before = warnings.len();
    let (api, orphans) = lower_once(collection, renames, environments, pins, warnings);
    if orphans.is_empty() {
        return api;
    }
    warnings.truncate(before);
    lower_once(collection, renames, environments, &pins.without(&orphans), warnings).0
}

/// One lowering, and the names held for items that never came.
fn lower_once(
    collection: &postman::Collection,
    renames: &BTreeMap<String, String>,
    environments: &[crate::Environment],
    pins: &Pins,
    warnings: &mut Vec<Warning>,
) -> (Api, Orphans) {
    let collection_vars = vars::Vars::default().with(&collection.variable);
    let envs = vars::Environments::new(&collection_vars, environments);
    let request_vars = collection_vars.without(&envs.given);
    let mut groups = items::groups(collection, &request_vars);
    items::assign_keys(&mut groups, request::route);
    let folders: Vec<_> = groups.iter().map(|g| (g.key.clone(), g.name.clone())).collect();
    let requests: Vec<_> = groups.iter().flat_map(|g| &g.requests).map(|r| (r.key.clone(), r.route.clone())).collect();
    let pins = &pins.rekeyed(&folders, &requests);
    let mut cx = Lowering::new(renames, &envs, pins, warnings);
    items::warn_all_scripts(collection, cx.warnings);
    let mut module_scope = Scope::with_reserved(&reserved(Space::Modules));
    for group in &groups {
        pins.module(&group.key).into_iter().for_each(|name| module_scope.pin_key(&group.key, name));
    }
    let mut feature_scope = Scope::with_reserved(&reserved(Space::Features));
    let mut modules = Vec::new();
    for (index, group) in groups.into_iter().enumerate() {
        let ident = match cx.rename(&group.name) {
            Some(ident) => module_scope.claim(&ident),
            None => module_scope.claim_for(&group.key, &module_name(&group)),
        };
        let type_ident = cx.type_names.claim(&names::pascal(&ident));
        let mut methods = Scope::with_reserved(&reserved(Space::Requests));
        for req in &group.requests {
            pins.method(&req.key).into_iter().for_each(|ident| methods.pin_key(&req.key, ident));
        }
        cx.module = index;
        let operations = group.requests.into_iter().map(|req| cx.operation(req, &mut methods)).collect();
        let feature = feature_scope.claim(&ident);
        let (key, name, description) = (group.key, group.name, group.description);
        modules.push(Module { key, name, ident, type_ident, feature, description, operations });
    }
    request::unify_path_params(&mut modules);
    mark_users(&modules, &mut cx.types);
    for key in renames.keys().filter(|k| !cx.renamed.contains(k)) {
        cx.warnings
            .push(Warning { item: key.clone(), message: "name override matches no folder or request".to_owned() });
    }
    cx.variables.apply(&envs, cx.warnings);
    let mut variants = Scope::default();
    let environments = environments
        .iter()
        .map(|e| EnvironmentPreset { name: e.name().to_owned(), ident: variants.claim(&names::pascal(e.name())) })
        .collect();
    let orphans =
        Orphans { modules: module_scope.orphans(), setters: cx.setters.orphans(), types: cx.type_names.orphans() };
    let api = Api {
        name: collection.info.name.clone().unwrap_or_else(|| "API".to_owned()),
        description: collection.info.description.as_ref().and_then(|d| d.text()).map(crate::docs::to_rustdoc),
        servers: cx.servers,
        modules,
        types: cx.types,
        variables: cx.variables.list,
        oauth: items::oauth_settings(collection),
        type_names: cx.type_names.claims().to_vec(),
        environments,
    };
    (api, orphans)
}

/// Names held for items that never came, per scope.
pub(crate) struct Orphans {
    pub modules: Vec<String>,
    pub setters: Vec<String>,
    pub types: Vec<String>,
}

impl Orphans {
    fn is_empty(&self) -> bool {
        self.modules.is_empty() && self.setters.is_empty() && self.types.is_empty()
    }
}

/// Sets each type's [`TypeDef::used_by`]: the modules whose requests reach it.
fn mark_users(modules: &[Module], types: &mut [TypeDef]) {
    for (index, module) in modules.iter().enumerate() {
        let mut stack: Vec<TypeId> =
            module.operations.iter().flat_map(|op| op.types()).filter_map(Type::named).collect();
        while let Some(id) = stack.pop() {
            let def = &mut types[id.0];
            if def.used_by.last() == Some(&index) {
                continue;
            }
            def.used_by.push(index);
            if let TypeKind::Struct(fields) = &def.kind {
                stack.extend(fields.iter().filter_map(|f| f.ty.named()));
            }
        }
    }
}

/// A module name from the folder's name; when that gives nothing readable (another script,
/// emoji), from the first words of its requests' paths (`users`).
fn module_name(group: &items::Group<'_>) -> String {
    if names::readable(&group.name) {
        return names::snake(&group.name);
    }
    let first_word = group.requests.iter().find_map(|req| request::path_words(req).into_iter().next());
    names::snake(first_word.as_deref().unwrap_or("requests"))
}

/// What lowering carries from one request to the next.
struct Lowering<'w> {
    warnings: &'w mut Vec<Warning>,
    /// What the Postman environments give.
    environments: &'w vars::Environments<'w>,
    servers: Vec<Server>,
    /// `ClientBuilder` setters: base URLs and client variables.
    setters: Scope,
    type_names: Scope,
    types: Vec<TypeDef>,
    /// Structs already defined, by shape and role, for sharing.
    shared: HashMap<(TypeKind, bool), TypeId>,
    /// Index of the module being lowered.
    module: usize,
    variables: vars::ClientVariables,
    /// Maintainers' name overrides: folder or `Folder / Request` → identifier.
    renames: &'w BTreeMap<String, String>,
    /// Override keys used so far.
    renamed: Vec<String>,
}

impl<'w> Lowering<'w> {
    fn new(
        renames: &'w BTreeMap<String, String>,
        environments: &'w vars::Environments<'w>,
        pins: &Pins,
        warnings: &'w mut Vec<Warning>,
    ) -> Self {
        let mut setters = Scope::with_reserved(&reserved(Space::ClientBuilder));
        for (key, name) in &pins.setters {
            setters.pin_key(key, name);
        }
        let mut type_names = Scope::with_reserved(&reserved(Space::Types)).logged();
        for (base, name) in &pins.type_names {
            type_names.pin(base, name);
        }
        Lowering {
            warnings,
            environments,
            servers: Vec::new(),
            setters,
            type_names,
            types: Vec::new(),
            shared: HashMap::new(),
            module: 0,
            variables: vars::ClientVariables::default(),
            renames,
            renamed: Vec::new(),
        }
    }

    fn warn(&mut self, item: &str, message: impl Into<String>) {
        self.warnings.push(Warning { item: item.to_owned(), message: message.into() });
    }

    /// The maintainer's override for the folder or request at `path`, if any.
    fn rename(&mut self, path: &str) -> Option<String> {
        let ident = self.renames.get(path)?.clone();
        self.renamed.push(path.to_owned());
        Some(ident)
    }

    /// Resolved text as a template; its `{{variables}}` become client settings.
    fn template(&mut self, text: &str) -> crate::ir::Template {
        self.variables.template(text, &mut self.setters)
    }

    fn namer(&mut self, input: bool, source: String) -> Namer<'_> {
        Namer {
            scope: &mut self.type_names,
            defs: &mut self.types,
            shared: &mut self.shared,
            module: self.module,
            input,
            source,
            placeholders: Vec::new(),
        }
    }

    /// Warns about converter placeholders (`<Error: ...>`) found at `fields` of an example:
    /// they are typed as any JSON.
    fn warn_placeholders(&mut self, item: &str, example: &str, fields: Vec<String>) {
        if fields.is_empty() {
            return;
        }
        let list = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
        self.warn(
            item,
            format!("the {example} holds a converter placeholder (`<Error: ...>`) at {list}: typed as any JSON"),
        );
    }

    /// The definition behind a named type.
    fn def(&self, ty: &Type) -> Option<&TypeDef> {
        match ty {
            Type::Named(id) => self.types.get(id.0),
            _ => None,
        }
    }
}
