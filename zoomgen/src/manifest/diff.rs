//! What a regeneration changed for downstream crates, under Rust's semver rules: removed or
//! renamed methods, types and fields, new required arguments, changed types and removed
//! variants break them; new operations, setters, types, response fields and enum variants do
//! not.

use std::collections::BTreeMap;
use std::fmt;

use super::{Input, Manifest, OperationEntry, TypeEntry};

/// One change, with whether it breaks downstream crates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Whether it breaks downstream crates.
    pub kind: Kind,
    /// What changed, for the maintainer.
    pub text: String,
}

/// How a change affects downstream crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Code that compiled may not compile any more.
    Breaking,
    /// Something was added.
    Compatible,
    /// Worth knowing, but the API is the same (a request renamed in the collection whose
    /// method kept its name).
    Note,
}

/// The changes between two manifests: breaking first, then compatible, then notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(pub Vec<Change>);

/// The version step the changes call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing users rely on changed.
    Patch,
    /// Something was added.
    Minor,
    /// Something users rely on changed.
    Major,
}

impl Changes {
    /// Whether any change breaks downstream crates.
    pub fn breaking(&self) -> bool {
        self.0.iter().any(|c| c.kind == Kind::Breaking)
    }

    /// Whether the API changed at all.
    pub fn api_changed(&self) -> bool {
        self.0.iter().any(|c| c.kind != Kind::Note)
    }

    /// Major for a breaking change, minor for additions, patch otherwise.
    pub fn bump(&self) -> Bump {
        if self.breaking() {
            Bump::Major
        } else if self.api_changed() {
            Bump::Minor
        } else {
            Bump::Patch
        }
    }

    /// The changes of one kind.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.0.iter().filter(move |c| c.kind == kind).map(|c| c.text.as_str())
    }
}

impl Bump {
    /// `version` stepped by this bump, as cargo reads semver: before 1.0.0 a breaking change
    /// steps the minor number and an addition the patch number.
    pub fn apply(self, version: &semver::Version) -> semver::Version {
        let (major, minor, patch) = (version.major, version.minor, version.patch);
        let (major, minor, patch) = match (self, major) {
            (Bump::Major, 0) => (0, minor + 1, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
            (Bump::Major, _) => (major + 1, 0, 0),
            (Bump::Minor, _) => (major, minor + 1, 0),
        };
        semver::Version::new(major, minor, patch)
    }
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sections = [(Kind::Breaking, "Breaking"), (Kind::Compatible, "Compatible"), (Kind::Note, "Notes")];
        for (kind, title) in sections {
            let lines: Vec<&str> = self.of(kind).collect();
            if !lines.is_empty() {
                writeln!(f, "{title}:")?;
                for line in lines {
                    writeln!(f, "- {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// The changes from `old` to `new`.
pub(crate) fn diff(old: &Manifest, new: &Manifest) -> Changes {
    let old = &old.rekeyed(new);
    let mut out = Vec::new();
    let mut push = |kind: Kind, text: String| out.push(Change { kind, text });
    let features = |m: &Manifest| m.features.iter().map(|f| (f.clone(), ())).collect::<BTreeMap<_, _>>();
    added_removed(&features(old), &features(new), |name, added| {
        push(if added { Kind::Compatible } else { Kind::Breaking }, format!("feature `{name}` {}", verb(added)));
    });
    let client = |m: &Manifest| m.client.iter().map(|c| (c.name.clone(), ())).collect::<BTreeMap<_, _>>();
    added_removed(&client(old), &client(new), |name, added| {
        let kind = if added { Kind::Compatible } else { Kind::Breaking };
        push(kind, format!("client setting `ClientBuilder::{name}` {}", verb(added)));
    });
    let (old_modules, new_modules) = (by(&old.modules, |m| &m.key), by(&new.modules, |m| &m.key));
    for (key, was) in &old_modules {
        match new_modules.get(key) {
            Some(now) if now.module == was.module && now.folder != was.folder => push(
                Kind::Note,
                format!(
                    "folder {:?} is now named {:?} in the collection: module `{}` keeps its name (`--rename` renames it)",
                    was.folder, now.folder, now.module
                ),
            ),
            _ => {}
        }
    }
    let (old_ops, new_ops) = (by(&old.operations, |o| &o.key), by(&new.operations, |o| &o.key));
    added_removed(&old_ops, &new_ops, |key, added| {
        let op = if added { new_ops[key] } else { old_ops[key] };
        let kind = if added { Kind::Compatible } else { Kind::Breaking };
        push(kind, format!("method {} {} (request {:?})", call(op), verb(added), op.name));
    });
    for (key, old_op) in &old_ops {
        if let Some(new_op) = new_ops.get(key) {
            operation(old_op, new_op, &mut push);
        }
    }
    let (old_types, new_types) = (by(&old.types, |t| &t.name), by(&new.types, |t| &t.name));
    added_removed(&old_types, &new_types, |name, added| {
        push(if added { Kind::Compatible } else { Kind::Breaking }, format!("type `{name}` {}", verb(added)));
    });
    for (name, old_type) in &old_types {
        if let Some(new_type) = new_types.get(name) {
            type_entry(old_type, new_type, &mut push);
        }
    }
    out.sort();
    Changes(out)
}

/// `list` by `key`.
fn by<T>(list: &[T], key: impl Fn(&T) -> &String) -> BTreeMap<String, &T> {
    list.iter().map(|t| (key(t).clone(), t)).collect()
}

fn verb(added: bool) -> &'static str {
    if added {
        "added"
    } else {
        "removed"
    }
}

/// `client.users().get_user()`.
fn call(op: &OperationEntry) -> String {
    format!("`{}().{}()`", op.module, op.method)
}

/// Calls `f(key, added)` for each key in only one of the maps.
fn added_removed<V, W>(old: &BTreeMap<String, V>, new: &BTreeMap<String, W>, mut f: impl FnMut(&str, bool)) {
    old.keys().filter(|k| !new.contains_key(*k)).for_each(|k| f(k, false));
    new.keys().filter(|k| !old.contains_key(*k)).for_each(|k| f(k, true));
}

fn operation(old: &OperationEntry, new: &OperationEntry, push: &mut impl FnMut(Kind, String)) {
    let (was, now) = (call(old), call(new));
    if was != now {
        push(Kind::Breaking, format!("method {was} is now {now} (request {:?})", new.name));
    } else if old.name != new.name {
        push(
            Kind::Note,
            format!(
                "request {:?} is now named {:?} in the collection: method {now} keeps its name (`--rename` renames it)",
                old.name, new.name
            ),
        );
    }
    if old.builder != new.builder {
        push(Kind::Breaking, format!("request builder `{}` is now `{}`", old.builder, new.builder));
    }
    if old.arguments != new.arguments {
        let list = |a: &[Input]| a.iter().map(|i| format!("{}: {}", i.name, i.ty)).collect::<Vec<_>>().join(", ");
        let (before, after) = (list(&old.arguments), list(&new.arguments));
        push(Kind::Breaking, format!("arguments of {now} changed: ({before}) -> ({after})"));
    }
    let setters = |list: &[Input]| list.iter().map(|i| (i.name.clone(), i.ty.clone())).collect::<BTreeMap<_, _>>();
    let (old_setters, new_setters) = (setters(&old.setters), setters(&new.setters));
    added_removed(&old_setters, &new_setters, |name, added| {
        let kind = if added { Kind::Compatible } else { Kind::Breaking };
        push(kind, format!("setter `{name}` of {now} {}", verb(added)));
    });
    for (name, ty) in &old_setters {
        if let Some(new_ty) = new_setters.get(name).filter(|t| *t != ty) {
            push(Kind::Breaking, format!("setter `{name}` of {now} takes `{new_ty}`, not `{ty}`"));
        }
    }
    if old.output != new.output {
        push(Kind::Breaking, format!("{now} gives `{}`, not `{}`", new.output, old.output));
    }
}

fn type_entry(old: &TypeEntry, new: &TypeEntry, push: &mut impl FnMut(Kind, String)) {
    let name = &new.name;
    // What users may build or match exhaustively breaks when it grows.
    let growth = if old.exhaustive { Kind::Breaking } else { Kind::Compatible };
    let fields = |list: &[Input]| list.iter().map(|i| (i.name.clone(), i.ty.clone())).collect::<BTreeMap<_, _>>();
    let (old_fields, new_fields) = (fields(&old.fields), fields(&new.fields));
    added_removed(&old_fields, &new_fields, |field, added| {
        push(if added { growth } else { Kind::Breaking }, format!("field `{name}::{field}` {}", verb(added)));
    });
    for (field, ty) in &old_fields {
        if let Some(new_ty) = new_fields.get(field).filter(|t| *t != ty) {
            push(Kind::Breaking, format!("field `{name}::{field}` is `{new_ty}`, not `{ty}`"));
        }
    }
    let variants = |list: &[String]| list.iter().map(|v| (v.clone(), ())).collect::<BTreeMap<_, _>>();
    added_removed(&variants(&old.variants), &variants(&new.variants), |variant, added| {
        push(if added { growth } else { Kind::Breaking }, format!("variant `{name}::{variant}` {}", verb(added)));
    });
}
