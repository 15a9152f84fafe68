//! String enums read from descriptions that list the allowed values.

use super::Lowering;
use crate::ir::{Type, TypeDef, TypeId, TypeKind, Variant};
use crate::names::{self, Scope};

/// Values a description lists as allowed, with their explanations.
///
/// Recognises one value per line written as `` `value` - explanation `` (a `<br>` or newline
/// between entries), and a single required value written as ``Must be `value` ``.
pub(super) fn enum_values(description: &str) -> Vec<(String, Option<String>)> {
    let text = description.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n");
    let listed = listed_values(&text);
    if listed.len() >= 2 {
        return listed;
    }
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = lower.find("must be `") {
        let rest = &text[pos + "must be `".len()..];
        if let Some(end) = rest.find('`') {
            return vec![(rest[..end].to_owned(), None)];
        }
    }
    Vec::new()
}

/// The `` `value` - explanation `` lines of a description.
fn listed_values(text: &str) -> Vec<(String, Option<String>)> {
    let mut values = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '*', ' ']);
        let Some(rest) = line.strip_prefix('`') else { continue };
        let Some(end) = rest.find('`') else { continue };
        let value = &rest[..end];
        if value.is_empty() || value.contains(char::is_whitespace) {
            continue;
        }
        let doc = rest[end + 1..].trim().trim_start_matches(['-', ':', '–']).trim();
        values.push((value.to_owned(), (!doc.is_empty()).then(|| crate::docs::to_rustdoc(doc))));
    }
    values
}

impl Lowering<'_> {
    /// Defines the enum of the allowed values of input `key` of operation `owner`.
    pub(super) fn enum_type(&mut self, owner: &str, key: &str, values: &[(String, Option<String>)]) -> Type {
        let ident = self.type_names.claim(&format!("{owner}{}", names::pascal(key)));
        let mut variant_scope = Scope::with_reserved(&["Other"]);
        let variants = values
            .iter()
            .map(|(value, doc)| Variant {
                value: value.clone(),
                ident: variant_scope.claim(&names::pascal(value)),
                description: doc.clone(),
            })
            .collect();
        self.types.push(TypeDef {
            ident,
            module: self.module,
            description: format!("Allowed values of `{key}`."),
            kind: TypeKind::Enum(variants),
            extra: None,
            used_by: Vec::new(),
        });
        Type::Named(TypeId(self.types.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_come_from_listed_lines() {
        let v = enum_values("Types:<br>`token` - For the SDK.<br>`zak` - For start URLs.");
        assert_eq!(v.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(), ["token", "zak"]);
        assert_eq!(v[0].1.as_deref(), Some("For the SDK."));
        assert!(enum_values("Use with `type` when `zak`; e.g. `3600`.").is_empty());
        assert_eq!(enum_values("(Required) Must be `refresh_token`.")[0].0, "refresh_token");
    }
}
