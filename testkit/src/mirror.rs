//! The mirror member: a crate that depends on every registry package the outer workspace
//! builds, with the features the outer workspace resolved for it.
//!
//! Cargo resolves features per workspace, and a dependency built with other features is a
//! different unit. With the mirror as a member, a scratch workspace resolves the same features
//! as the outer one for every package, so its builds find the outer build's units fresh.

use std::path::Path;
use std::process::Command;

use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

/// One package of `cargo tree`'s output.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Node {
    name: String,
    version: String,
    features: Vec<String>,
    /// From the registry (not a path or git package).
    registry: bool,
    proc_macro: bool,
}

/// A registry package built for the target or for the host, with its features.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    host: bool,
    name: String,
    version: String,
    features: Vec<String>,
}

/// The mirror's `Cargo.toml` for the workspace at `root`.
pub(crate) fn manifest(root: &Path) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--workspace", "--edges", "normal,build,dev", "--format", "{p}|{f}"])
        .current_dir(root)
        .output()
        .expect("cargo tree runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "cargo tree failed:\n{}", String::from_utf8_lossy(&output.stderr));
    render(&units(&stdout))
}

/// Parses one line's package text: `name v1.2.3 (proc-macro)|feature,feature (*)`.
fn node(text: &str) -> Option<Node> {
    let text = text.strip_suffix(" (*)").unwrap_or(text);
    let (package, features) = text.rsplit_once('|')?;
    let mut words = package.split_whitespace();
    let name = words.next()?.to_owned();
    let version = words.next()?.strip_prefix('v')?.to_owned();
    let rest: Vec<&str> = words.collect();
    Some(Node {
        name,
        version,
        features: features.split(',').filter(|f| !f.is_empty()).map(str::to_owned).collect(),
        registry: rest.iter().all(|w| *w == "(proc-macro)"),
        proc_macro: rest.contains(&"(proc-macro)"),
    })
}

/// The registry units in `cargo tree` output, each once. A package is built for the host when
/// it is a proc macro, a build dependency, or a dependency of either.
fn units(tree: &str) -> Vec<Unit> {
    // host[d]: the current node at depth d is built for the host; build[d]: the children of
    // that node listed from here on are build dependencies.
    let (mut host, mut build) = (Vec::<bool>::new(), Vec::<bool>::new());
    let mut units = Vec::new();
    for line in tree.lines() {
        let text = line.trim_start_matches(['│', '├', '└', '─', ' ']);
        let depth = (line.chars().count() - text.chars().count()) / 4;
        if text.starts_with('[') {
            if let Some(slot) = build.get_mut(depth) {
                *slot = text == "[build-dependencies]";
            }
            continue;
        }
        let Some(node) = node(text) else { continue };
        host.truncate(depth);
        build.truncate(depth);
        let parent = depth.checked_sub(1);
        let is_host = node.proc_macro || parent.is_some_and(|p| host[p] || build[p]);
        host.push(is_host);
        build.push(false);
        if depth > 0 && node.registry {
            units.push(Unit { host: is_host, name: node.name, version: node.version, features: node.features });
        }
    }
    units.sort();
    units.dedup();
    units
}

/// The manifest text: target units as dependencies, host units as build dependencies.
fn render(units: &[Unit]) -> String {
    let mut doc = DocumentMut::new();
    let mut package = Table::new();
    package["name"] = value("mirror");
    package["version"] = value("0.0.0");
    package["edition"] = value("2021");
    package["publish"] = value(false);
    doc["package"] = Item::Table(package);
    let mut lib = Table::new();
    lib["test"] = value(false);
    lib["doctest"] = value(false);
    doc["lib"] = Item::Table(lib);
    for (section, host) in [("dependencies", false), ("build-dependencies", true)] {
        let mut table = Table::new();
        for unit in units.iter().filter(|u| u.host == host) {
            table[&key(unit)] = value(dependency(unit));
        }
        doc[section] = Item::Table(table);
    }
    doc.to_string()
}

/// A dependency key unique per package version: `serde_json-1_0_154`.
fn key(unit: &Unit) -> String {
    let version: String = unit.version.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    format!("{}-{version}", unit.name)
}

/// `{ package = "..", version = "=..", default-features = false, features = [..] }`.
fn dependency(unit: &Unit) -> InlineTable {
    let version = unit.version.split('+').next().unwrap_or(&unit.version);
    let mut table = InlineTable::new();
    table.insert("package", unit.name.as_str().into());
    table.insert("version", format!("={version}").into());
    table.insert("default-features", false.into());
    table.insert("features", unit.features.iter().collect::<Array>().into());
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    const TREE: &str = "\
app v0.1.0 (/w/app)|
├── lib v0.1.0 (/w/lib)|
│   └── ring v0.17.14|alloc,default
│       ├── cfg-if v1.0.5|
│       [build-dependencies]
│       └── cc v1.2.0|
│           └── shlex v1.3.0|std
├── serde v1.0.0|derive,std
│   └── serde_derive v1.0.0 (proc-macro)|default
│       └── syn v2.0.1|full
└── tokio v1.0.0|rt (*)
[dev-dependencies]
└── cc v1.2.0|
";

    fn unit(host: bool, name: &str, version: &str, features: &[&str]) -> Unit {
        let features = features.iter().map(|f| (*f).to_owned()).collect();
        Unit { host, name: name.to_owned(), version: version.to_owned(), features }
    }

    #[test]
    fn build_dependencies_and_proc_macros_are_host_units() {
        let mut expected = vec![
            unit(false, "ring", "0.17.14", &["alloc", "default"]),
            unit(false, "cfg-if", "1.0.5", &[]),
            unit(true, "cc", "1.2.0", &[]),
            unit(true, "shlex", "1.3.0", &["std"]),
            unit(false, "serde", "1.0.0", &["derive", "std"]),
            unit(true, "serde_derive", "1.0.0", &["default"]),
            unit(true, "syn", "2.0.1", &["full"]),
            unit(false, "tokio", "1.0.0", &["rt"]),
            // A dev-dependency is built for the target, even when a build script also uses it.
            unit(false, "cc", "1.2.0", &[]),
        ];
        expected.sort();
        assert_eq!(units(TREE), expected);
    }

    #[test]
    fn the_manifest_pins_versions_and_features() {
        let text = render(&units(TREE));
        let doc: DocumentMut = text.parse().expect("valid TOML");
        let ring = &doc["dependencies"]["ring-0_17_14"];
        assert_eq!(ring["package"].as_str(), Some("ring"));
        assert_eq!(ring["version"].as_str(), Some("=0.17.14"));
        assert_eq!(ring["default-features"].as_bool(), Some(false));
        assert_eq!(ring["features"].to_string().trim(), r#"["alloc", "default"]"#);
        assert!(doc["build-dependencies"]["syn-2_0_1"].is_inline_table());
        assert!(doc["dependencies"].get("lib-0_1_0").is_none(), "path packages are left out");
    }
}
