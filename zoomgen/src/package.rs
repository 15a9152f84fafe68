//! Package metadata of the generated crate: the `package` table of `<stem>.zoomgen.json`.

use serde::Deserialize;

/// What the generated `Cargo.toml` says about the package besides its name. Every field is
/// optional; the defaults make a crate that builds but is not published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Package {
    /// `version` (default `0.1.0`).
    pub version: Option<String>,
    /// `description` (default: the first sentence of the collection's description).
    pub description: Option<String>,
    /// `license`, an SPDX expression such as `MIT OR Apache-2.0`.
    pub license: Option<String>,
    /// `repository` URL.
    pub repository: Option<String>,
    /// `homepage` URL.
    pub homepage: Option<String>,
    /// `documentation` URL (default: docs.rs builds it when the crate is published).
    pub documentation: Option<String>,
    /// `authors`.
    #[serde(default)]
    pub authors: Vec<String>,
    /// `keywords`: at most five, as crates.io accepts them.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `categories`, crates.io category slugs.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Whether `cargo publish` may publish the crate (default `false`).
    #[serde(default)]
    pub publish: bool,
}

impl Package {
    /// What crates.io would refuse, as `(JSON path under the file, message)`.
    pub fn check(&self) -> Result<(), (String, String)> {
        if let Some(version) = &self.version {
            if !is_semver(version) {
                return Err(("$.package.version".into(), format!("`{version}` is not a semver version (1.2.3)")));
            }
        }
        if self.keywords.len() > 5 {
            return Err(("$.package.keywords".into(), "crates.io takes at most 5 keywords".into()));
        }
        for (i, keyword) in self.keywords.iter().enumerate() {
            let first = keyword.chars().next();
            let valid = keyword.len() <= 20
                && first.is_some_and(|c| c.is_ascii_alphanumeric())
                && keyword.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '+');
            if !valid {
                let message = format!("keyword `{keyword}`: up to 20 ASCII letters, digits, `-`, `_` or `+`");
                return Err((format!("$.package.keywords[{i}]"), message));
            }
        }
        Ok(())
    }
}

/// `MAJOR.MINOR.PATCH` with an optional `-pre` and `+build`.
fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_io_limits_are_checked() {
        let ok = Package { version: Some("1.2.3-beta.1".into()), keywords: vec!["zoom".into()], ..Package::default() };
        assert_eq!(ok.check(), Ok(()));
        let bad_version = Package { version: Some("1.2".into()), ..Package::default() };
        assert_eq!(bad_version.check().unwrap_err().0, "$.package.version");
        let bad_keyword = Package { keywords: vec!["api".into(), "video calls".into()], ..Package::default() };
        assert_eq!(bad_keyword.check().unwrap_err().0, "$.package.keywords[1]");
        let many = Package { keywords: (0..6).map(|i| format!("k{i}")).collect(), ..Package::default() };
        assert!(many.check().unwrap_err().1.contains("at most 5"));
    }
}
