//! Postman environments (`*.postman_environment.json` exports): variable values that take
//! precedence over the collection's, and the presets of the generated client.
//!
//! Secret values are dropped when the file is read: only the fact that a variable is secret is
//! kept, so no secret can reach the generated code, its docs or an error.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{self, Error};
use crate::postman;

/// A Postman environment, read with [`Environment::parse`]: its name and the values of its
/// enabled variables (secret ones without their values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    name: String,
    values: BTreeMap<String, EnvValue>,
}

/// What an environment gives a variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnvValue {
    /// A value that may become a default.
    Plain(String),
    /// A value marked `secret`: never a default, its value is not kept.
    Secret,
}

impl Environment {
    /// Reads the text of an environment export; `source_name` names the file in errors (and
    /// the environment, by its stem, when the file gives no `name`). Lenient like the
    /// collection: missing fields are empty, `enabled` absent is true, disabled values are
    /// ignored. An error names the JSON path of what cannot be read.
    pub fn parse(source_name: &str, text: &str) -> Result<Environment, Error> {
        let fail =
            |message: String| Error { file: source_name.to_owned(), json_path: "$".to_owned(), item: None, message };
        let doc: Value = serde_json::from_str(text).map_err(|e| fail(format!("not valid JSON: {e}")))?;
        if !doc.is_object() {
            return Err(fail(format!("an environment must be a JSON object, found {}", postman::kind_of(&doc))));
        }
        let file: postman::EnvironmentFile = serde_path_to_error::deserialize(&doc)
            .map_err(|e| error::at_path(source_name, &doc, &e.path().to_string(), e.inner().to_string()))?;
        let stem = crate::file_name(source_name);
        let stem = stem.strip_suffix(".json").unwrap_or(stem);
        let stem = stem.strip_suffix(".postman_environment").unwrap_or(stem);
        let name = file.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| stem.to_owned());
        let mut values = BTreeMap::new();
        for v in file.values.into_iter().filter(|v| v.enabled) {
            let Some(key) = v.key.filter(|k| !k.is_empty()) else { continue };
            let value = match v.kind.as_deref() {
                Some("secret") => EnvValue::Secret,
                _ => EnvValue::Plain(v.value.unwrap_or_default()),
            };
            values.insert(key, value);
        }
        Ok(Environment { name, values })
    }

    /// The environment's name (`Staging`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The names of its variables, secret ones included.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// Whether the environment marks variable `key` secret.
    pub fn is_secret(&self, key: &str) -> bool {
        self.values.get(key) == Some(&EnvValue::Secret)
    }

    pub(crate) fn values(&self) -> &BTreeMap<String, EnvValue> {
        &self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environments_are_read_leniently_and_secrets_are_not_kept() {
        let text = r#"{"name": "Staging", "values": [
            {"key": "baseUrl", "value": "https://staging.example.test", "type": "default"},
            {"key": "apiKey", "value": "s3cr3t", "type": "secret", "enabled": true},
            {"key": "off", "value": "x", "enabled": false},
            {"key": "count", "value": 3},
            null,
            {"value": "no key"}
        ], "_postman_variable_scope": "environment"}"#;
        let env = Environment::parse("staging.postman_environment.json", text).expect("reads");
        assert_eq!(env.name(), "Staging");
        assert_eq!(env.keys().collect::<Vec<_>>(), ["apiKey", "baseUrl", "count"]);
        assert!(env.is_secret("apiKey"));
        assert_eq!(env.values()["count"], EnvValue::Plain("3".to_owned()));
        assert!(!format!("{env:?}").contains("s3cr3t"));
        let unnamed = Environment::parse("dir/qa.postman_environment.json", "{}").expect("reads");
        assert_eq!(unnamed.name(), "qa");
    }

    #[test]
    fn a_malformed_environment_names_the_file_and_the_json_path() {
        let e = Environment::parse("prod.json", r#"{"values": [{"key": "a"}, "b"]}"#).unwrap_err();
        assert_eq!((e.file.as_str(), e.json_path.as_str()), ("prod.json", "$.values[1]"));
        let e = Environment::parse("prod.json", r#"{"values": {"key": "a"}}"#).unwrap_err();
        assert_eq!(e.json_path, "$.values");
        let e = Environment::parse("prod.json", "[1]").unwrap_err();
        assert!(e.to_string().starts_with("prod.json: an environment must be a JSON object"), "{e}");
    }
}
