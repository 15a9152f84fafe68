//! Errors and warnings, each naming where in the collection it arose.

use std::fmt;

use serde_json::Value;

/// A collection the generator cannot use.
///
/// Names the input file, the JSON path of the offending value (for example
/// `$.item[0].item[1].request.url`) and, when the value lies inside one, the collection item as
/// `Folder / Request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The input file as given in [`Options::source_name`](crate::Options::source_name).
    pub file: String,
    /// JSON path of the value that could not be used (`$` for the whole document).
    pub json_path: String,
    /// The folder / request path of the item holding the value, if any.
    pub item: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (at {}", self.file, self.message, self.json_path)?;
        if let Some(item) = &self.item {
            write!(f, ", item \"{item}\"")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for Error {}

/// Something the generator could only partly honour; generation still succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The folder / request path of the item concerned (empty for the collection itself).
    pub item: String,
    /// What was approximated or left out.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.item.is_empty() {
            write!(f, "warning: {}", self.message)
        } else {
            write!(f, "warning: {}: {}", self.item, self.message)
        }
    }
}

/// Builds an [`Error`] from a serde path (as `serde_path_to_error` reports it) into `doc`.
pub(crate) fn at_path(file: &str, doc: &Value, path: &str, message: String) -> Error {
    let segments = parse_path(path);
    let mut json_path = String::from("$");
    for seg in &segments {
        match seg {
            Seg::Key(k) => {
                json_path.push('.');
                json_path.push_str(k);
            }
            Seg::Index(i) => json_path.push_str(&format!("[{i}]")),
        }
    }
    Error { file: file.to_owned(), json_path, item: item_names(doc, &segments), message }
}

enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `item[0].request.url` (serde_path_to_error's format) into segments.
fn parse_path(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    if path == "." || path.is_empty() {
        return out;
    }
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(end) = rest.find(']') {
            if let Ok(i) = rest[1..end].parse() {
                out.push(Seg::Index(i));
            }
            rest = &rest[end + 1..];
        }
    }
    out
}

/// Walks `doc` along the path and joins the names of the `item` entries passed through.
fn item_names(doc: &Value, path: &[Seg<'_>]) -> Option<String> {
    let mut names = Vec::new();
    let mut cur = doc;
    let mut in_items = false;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => {
                in_items = *k == "item";
                cur.get(*k)?
            }
            Seg::Index(i) => {
                let next = cur.get(*i)?;
                if in_items {
                    names.push(next.get("name").and_then(Value::as_str).unwrap_or("(unnamed)"));
                }
                in_items = false;
                next
            }
        };
    }
    (!names.is_empty()).then(|| names.join(" / "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_file_path_and_item() {
        let doc = serde_json::json!({"item": [{"name": "Users", "item": [{"name": "Get"}, {"name": "Put", "request": {"url": 3}}]}]});
        let err = at_path("c.json", &doc, "item[0].item[1].request.url", "bad url".into());
        assert_eq!(err.json_path, "$.item[0].item[1].request.url");
        assert_eq!(err.item.as_deref(), Some("Users / Put"));
        assert_eq!(err.to_string(), "c.json: bad url (at $.item[0].item[1].request.url, item \"Users / Put\")");
    }
}
