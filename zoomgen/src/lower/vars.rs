//! `{{variable}}` references: values per level, resolution, and templates for the variables
//! that have no value (client settings). This is the only place that reads `{{...}}` text.

use std::collections::{BTreeMap, BTreeSet};

use crate::environment::{EnvValue as Given, Environment};
use crate::error::Warning;
use crate::ir::{ClientVariable, EnvValue, Piece, Template, VarId};
use crate::names;
use crate::postman;

/// How many rounds of `{{var}}` substitution run before giving up (cycles end here too):
/// Postman's limit (`VARS_SUBREPLACE_LIMIT`), so that a cycle stops where Postman's does.
const MAX_VARIABLE_DEPTH: usize = 19;

/// A piece of text with `{{variable}}` references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk<'a> {
    /// Text outside references.
    Text(&'a str),
    /// A reference: the whole `{{ name }}` and the trimmed name.
    Var(&'a str, &'a str),
}

/// Splits `text` into plain text and `{{variable}}` references as Postman finds them
/// (`\{\{([^{}]*?)}}`): a name holds no brace, so in `{{a_{{b}}}}` only `{{b}}` is a reference
/// until it is resolved, and an unclosed `{{` is text.
fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut from = 0;
    while let Some(found) = rest[from..].find("{{") {
        let start = from + found;
        let name_len = rest[start + 2..].find(['{', '}']).unwrap_or(rest.len() - start - 2);
        let end = start + 2 + name_len;
        if !rest[end..].starts_with("}}") {
            from = start + 1;
            continue;
        }
        if start > 0 {
            out.push(Chunk::Text(&rest[..start]));
        }
        out.push(Chunk::Var(&rest[start..end + 2], rest[start + 2..end].trim()));
        rest = &rest[end + 2..];
        from = 0;
    }
    if !rest.is_empty() {
        out.push(Chunk::Text(rest));
    }
    out
}

/// Variable values visible at one level (collection → folder → request).
#[derive(Debug, Clone, Default)]
pub(super) struct Vars(BTreeMap<String, String>);

impl Vars {
    pub fn with(&self, vars: &[postman::Variable]) -> Vars {
        let mut map = self.0.clone();
        for v in vars.iter().filter(|v| !v.disabled) {
            if let (Some(k), Some(val)) = (v.name(), v.value.as_ref()) {
                map.insert(k.to_owned(), val.clone());
            }
        }
        Vars(map)
    }

    /// These values without the variables named in `names` (which stay `{{name}}`).
    pub fn without(&self, names: &BTreeSet<String>) -> Vars {
        Vars(self.0.iter().filter(|(k, _)| !names.contains(*k)).map(|(k, v)| (k.clone(), v.clone())).collect())
    }

    /// Substitutes every `{{var}}` with a known value; unknown ones stay as written.
    pub fn resolve(&self, s: &str) -> String {
        let mut out = s.to_owned();
        for _ in 0..MAX_VARIABLE_DEPTH {
            let mut changed = false;
            let next: String = chunks(&out)
                .into_iter()
                .map(|chunk| match chunk {
                    Chunk::Text(text) => text,
                    Chunk::Var(whole, name) => match self.0.get(name) {
                        Some(value) => {
                            changed = true;
                            value
                        }
                        None => whole,
                    },
                })
                .collect();
            out = next;
            if !changed {
                break;
            }
        }
        out
    }
}

/// What the Postman environments give. In Postman an environment's values take precedence
/// over the collection's; here a variable any environment gives is not resolved into the text
/// but stays a client variable (with a default), so that each environment's preset can set it.
#[derive(Debug, Default)]
pub(super) struct Environments<'a> {
    /// Every variable an environment gives, secret or not.
    pub given: BTreeSet<String>,
    /// Per environment: the collection's values overlaid by the environment's values that are
    /// not secret, without those it marks secret.
    scopes: Vec<(Vars, &'a Environment)>,
}

impl<'a> Environments<'a> {
    pub fn new(collection: &Vars, environments: &'a [Environment]) -> Self {
        let given = environments.iter().flat_map(|e| e.keys().map(str::to_owned)).collect();
        let scopes = environments
            .iter()
            .map(|env| {
                let mut map = collection.0.clone();
                for (key, value) in env.values() {
                    match value {
                        Given::Plain(value) => map.insert(key.clone(), value.clone()),
                        Given::Secret => map.remove(key),
                    };
                }
                (Vars(map), env)
            })
            .collect();
        Environments { given, scopes }
    }

    /// How many environments there are.
    pub fn len(&self) -> usize {
        self.scopes.len()
    }

    /// The values visible with environment `index`.
    pub fn scope(&self, index: usize) -> &Vars {
        &self.scopes[index].0
    }

    /// Whether environment `index` marks `name` secret.
    pub fn is_secret(&self, index: usize, name: &str) -> bool {
        self.scopes[index].1.is_secret(name)
    }

    /// The value of variable `name` with environment `index`, resolved. A value that still
    /// refers to variables without one is no value, with a warning.
    pub fn value(&self, index: usize, name: &str, warnings: &mut Vec<Warning>) -> EnvValue {
        let (vars, env) = &self.scopes[index];
        if env.is_secret(name) {
            return EnvValue::Secret;
        }
        let resolved = vars.resolve(&format!("{{{{{name}}}}}"));
        if !has_variables(&resolved) {
            return EnvValue::Value(resolved);
        }
        if vars.0.contains_key(name) {
            warnings.push(Warning {
                item: String::new(),
                message: format!(
                    "the value of `{{{{{name}}}}}` with the environment `{}` refers to variables without a value \
                     (or secret): it is not a default, set it on the client",
                    env.name()
                ),
            });
        }
        EnvValue::Unset
    }
}

/// Whether resolved text still holds a `{{variable}}` (one without a value).
pub(super) fn has_variables(text: &str) -> bool {
    chunks(text).iter().any(|c| matches!(c, Chunk::Var(..)))
}

/// Whether every `{{variable}}` in `text` is one of Postman's dynamic variables.
pub(super) fn only_dynamic(text: &str) -> bool {
    chunks(text).iter().all(|c| match c {
        Chunk::Var(_, name) => super::dynamic::kind(name).is_some(),
        Chunk::Text(_) => true,
    })
}

/// The name of the variable when `s` is exactly one `{{var}}` reference.
pub(super) fn variable_name(s: &str) -> Option<&str> {
    match chunks(s.trim()).as_slice() {
        [Chunk::Var(_, name)] => Some(name),
        _ => None,
    }
}

/// The client variables of a crate: one `ClientBuilder` setter each.
#[derive(Debug, Default)]
pub(super) struct ClientVariables {
    pub list: Vec<ClientVariable>,
}

impl ClientVariables {
    /// Resolved text as a template: the `{{variables}}` left in it become client settings.
    pub fn template(&mut self, text: &str, setters: &mut names::Scope) -> Template {
        let pieces = chunks(text).into_iter().map(|chunk| match chunk {
            Chunk::Text(text) => Piece::Text(text.to_owned()),
            Chunk::Var(_, name) => Piece::Var(self.id(name, setters)),
        });
        Template(pieces.collect())
    }

    fn id(&mut self, name: &str, setters: &mut names::Scope) -> VarId {
        if let Some(i) = self.list.iter().position(|v| v.name == name) {
            return VarId(i);
        }
        let dynamic = super::dynamic::kind(name);
        // A dynamic variable has no setter: the client makes its value (`ClientBuilder::variable`
        // still sets one).
        let setter = if dynamic.is_some() {
            String::new()
        } else {
            setters.claim_for(&format!("{{{{{name}}}}}"), &names::snake(name))
        };
        self.list.push(ClientVariable { name: name.to_owned(), setter, dynamic, default: None, presets: Vec::new() });
        VarId(self.list.len() - 1)
    }
}

impl ClientVariables {
    /// Gives the variables an environment gives their defaults (the first environment's) and
    /// their presets.
    pub fn apply(&mut self, environments: &Environments<'_>, warnings: &mut Vec<Warning>) {
        for v in self.list.iter_mut().filter(|v| v.dynamic.is_none() && environments.given.contains(&v.name)) {
            v.presets = (0..environments.len()).map(|i| environments.value(i, &v.name, warnings)).collect();
            v.default = match v.presets.first() {
                Some(EnvValue::Value(value)) => Some(value.clone()),
                _ => None,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_resolve_through_levels_and_stop_on_cycles() {
        let vars = Vars(BTreeMap::from([
            ("a".to_owned(), "{{b}}/x".to_owned()),
            ("b".to_owned(), "https://h".to_owned()),
            ("loop".to_owned(), "{{loop}}".to_owned()),
        ]));
        assert_eq!(vars.resolve("{{a}}/y"), "https://h/x/y");
        assert_eq!(vars.resolve("{{missing}}"), "{{missing}}");
        assert_eq!(vars.resolve("{{loop}}"), "{{loop}}");
    }

    #[test]
    fn references_are_found_as_postman_finds_them() {
        let vars =
            Vars(BTreeMap::from([("var".to_owned(), "world".to_owned()), ("hello_world".to_owned(), "hi".to_owned())]));
        assert_eq!(vars.resolve("/get/{{hello_{{var}}}}"), "/get/hi");
        assert_eq!(vars.resolve("a{{{var}}}b"), "a{world}b");
        assert_eq!(vars.resolve("x{{[y{@`z\",\"k\": \"{{var}}\"}"), "x{{[y{@`z\",\"k\": \"world\"}");
        assert_eq!(chunks("{{a}"), [Chunk::Text("{{a}")]);
    }

    #[test]
    fn environment_values_win_over_the_collections_and_secrets_give_none() {
        let collection =
            Vars(BTreeMap::from([("host".to_owned(), "c.test".to_owned()), ("v".to_owned(), "v0".to_owned())]));
        let env = |text: &str| Environment::parse("e.json", text).expect("reads");
        let envs = [
            env(
                r#"{"name": "A", "values": [{"key": "host", "value": "a.test"}, {"key": "key", "type": "secret", "value": "s"}]}"#,
            ),
            env(
                r#"{"name": "B", "values": [{"key": "v", "value": "{{host}}/v2"}, {"key": "host", "type": "secret"}]}"#,
            ),
        ];
        let environments = Environments::new(&collection, &envs);
        assert_eq!(environments.given.iter().collect::<Vec<_>>(), ["host", "key", "v"]);
        let mut warnings = Vec::new();
        let value = |i, name: &str, w: &mut Vec<Warning>| environments.value(i, name, w);
        assert_eq!(value(0, "host", &mut warnings), EnvValue::Value("a.test".to_owned()));
        // Not given by A: the collection's value.
        assert_eq!(value(0, "v", &mut warnings), EnvValue::Value("v0".to_owned()));
        assert_eq!(value(0, "key", &mut warnings), EnvValue::Secret);
        assert_eq!(value(1, "key", &mut warnings), EnvValue::Unset);
        assert!(warnings.is_empty());
        // B's `v` refers to its secret `host`: no value, with a warning.
        assert_eq!(value(1, "v", &mut warnings), EnvValue::Unset);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(collection.without(&environments.given).resolve("{{host}}/{{v}}"), "{{host}}/{{v}}");
    }

    #[test]
    fn unresolved_variables_become_client_settings() {
        let mut vars = ClientVariables::default();
        let mut setters = names::Scope::default();
        let t = vars.template("t-{{ tenant }}/{{tenant}}", &mut setters);
        assert_eq!(
            t.0,
            [Piece::Text("t-".into()), Piece::Var(VarId(0)), Piece::Text("/".into()), Piece::Var(VarId(0))]
        );
        assert_eq!(vars.list[0].setter, "tenant");
        assert_eq!(variable_name(" {{baseUrl}} "), Some("baseUrl"));
        assert_eq!(variable_name("{{a}}/{{b}}"), None);
    }
}
