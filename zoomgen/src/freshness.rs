//! Whether a generated crate on disk is what the generator makes now: the one check behind
//! `cargo xtask generate --check` and the drift test, so that the two cannot disagree.
//!
//! [`generate_crate`] generates from a collection file the way `cargo xtask generate` does,
//! with the name overrides and package metadata of the `<stem>.zoomgen.json` file beside it,
//! and [`stale_files`]
//! lists what differs from the crate on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{Generated, GeneratedFile, Options, Package, MARKER};

/// Generates the crate `crate_name`, to be written to `out`, from the collection file
/// `collection`, keeping the names of the crate at `out`. An error is a message that names the
/// file.
pub fn generate_crate(collection: &Path, out: &Path, crate_name: &str) -> Result<Generated, String> {
    regenerate(collection, out, crate_name, &Flags::default()).map(|r| r.generated)
}

/// How a regeneration treats the crate it replaces.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// Requests and folders take the names the collection gives them now.
    pub rename: bool,
    /// The version steps as the API changes demand, with an entry in `CHANGELOG.md`.
    pub bump: bool,
    /// Postman environment files, after those the config file lists
    /// (`cargo xtask generate --environment FILE`).
    pub environments: Vec<PathBuf>,
}

/// A regenerated crate, and what to write besides it.
#[derive(Debug)]
pub struct Regenerated {
    pub generated: Generated,
    /// With [`Flags::bump`], when anything changed: the versions before and after.
    pub bumped: Option<(String, String)>,
    /// The config file with the new version, to write with the crate: (path, text).
    pub config: Option<(PathBuf, String)>,
}

/// [`generate_crate`] with `flags`.
pub fn regenerate(collection: &Path, out: &Path, crate_name: &str, flags: &Flags) -> Result<Regenerated, String> {
    let input =
        std::fs::read_to_string(collection).map_err(|e| format!("cannot read {}: {e}", collection.display()))?;
    let mut options = options(collection, out, crate_name)?;
    options.rename = flags.rename;
    for path in &flags.environments {
        options.environments.push(read_environment(path)?);
    }
    let generated = crate::generate(&input, &options).map_err(|e| e.to_string())?;
    if !flags.bump || stale_files(out, &generated.files).is_empty() {
        return Ok(Regenerated { generated, bumped: None, config: None });
    }
    let before = options.package.version.clone().unwrap_or_else(|| "0.1.0".to_owned());
    let version = semver::Version::parse(&before).map_err(|e| format!("version `{before}`: {e}"))?;
    let after = generated.changes.bump().apply(&version).to_string();
    let config = config_with_version(collection, &after)?;
    let changelog = options.changelog.take().unwrap_or_else(crate::changelog_title);
    options.changelog = Some(with_entry(&changelog, &after, &generated.changes));
    options.package.version = Some(after.clone());
    let generated = crate::generate(&input, &options).map_err(|e| e.to_string())?;
    Ok(Regenerated { generated, bumped: Some((before, after)), config: Some(config) })
}

/// Reads a Postman environment file. An error names the file (and the JSON path).
pub fn read_environment(path: &Path) -> Result<crate::Environment, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    crate::Environment::parse(&path.display().to_string(), &text).map_err(|e| e.to_string())
}

/// The options for that crate: the collection as source, its path from `out` for the
/// conformance suite, the name overrides and package metadata beside it, and the API manifest
/// and changelog of the crate at `out`.
pub fn options(collection: &Path, out: &Path, crate_name: &str) -> Result<Options, String> {
    let mut options = Options::new(crate_name, collection.display().to_string());
    options.conformance_collection = relative_path(out, collection);
    let config = config(collection)?;
    options.names = config.names;
    options.package = config.package;
    // Environment files are listed relative to the config file.
    let dir = overrides_path(collection).parent().map(Path::to_path_buf).unwrap_or_default();
    for path in &config.environments {
        options.environments.push(read_environment(&dir.join(path))?);
    }
    let manifest = out.join(crate::manifest::PATH);
    if is_generated(&manifest) {
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        let parsed = crate::manifest::Manifest::parse(&text).map_err(|e| format!("{}: {e}", manifest.display()))?;
        options.previous = Some(parsed);
    }
    let changelog = out.join("CHANGELOG.md");
    if is_generated(&changelog) {
        let text = std::fs::read_to_string(&changelog).unwrap_or_default();
        options.changelog = text.split_once('\n').map(|(_, rest)| rest.to_owned());
    }
    Ok(options)
}

/// `changelog` with an entry for `version` listing `changes`, before the older entries.
fn with_entry(changelog: &str, version: &str, changes: &crate::manifest::Changes) -> String {
    let list = if changes.0.is_empty() {
        "No change to the API: documentation, examples or behaviour only.\n".to_owned()
    } else {
        changes.to_string()
    };
    let entry = format!("## {version}\n\n{list}");
    match changelog.find("\n## ") {
        Some(at) => format!("{}{entry}\n{}", &changelog[..at + 1], &changelog[at + 1..]),
        None => format!("{}\n\n{entry}", changelog.trim_end_matches('\n')),
    }
}

/// The config file of `collection` with `package.version` set to `version`: (path, text).
fn config_with_version(collection: &Path, version: &str) -> Result<(PathBuf, String), String> {
    let path = overrides_path(collection);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| "{}".to_owned());
    let mut doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let object = doc.as_object_mut().ok_or_else(|| format!("{}: not a JSON object", path.display()))?;
    let package = object.entry("package").or_insert_with(|| serde_json::json!({}));
    let package = package.as_object_mut().ok_or_else(|| format!("{}: at $.package: not an object", path.display()))?;
    package.insert("version".to_owned(), version.into());
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
    Ok((path, text))
}

/// The name-override file of a collection: `zoom.zoomgen.json` for
/// `zoom.postman_collection.json` (or `zoom.json`).
pub fn overrides_path(collection: &Path) -> PathBuf {
    let file = collection.file_name().and_then(|f| f.to_str()).unwrap_or_default();
    let stem = file.strip_suffix(".postman_collection.json").or(file.strip_suffix(".json")).unwrap_or(file);
    collection.with_file_name(format!("{stem}.zoomgen.json"))
}

/// The override file of a collection.
#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    package: Package,
    /// Postman environment files, relative to the config file; the first supplies defaults.
    #[serde(default)]
    environments: Vec<PathBuf>,
}

/// The override file, when there is one:
/// `{"names": {"Folder": "module_name", "Folder / Request": "method_name"},
///   "package": {"version": "1.0.0", "license": "MIT", "publish": true},
///   "environments": ["staging.postman_environment.json"]}`.
/// An error names the file and the JSON path.
fn config(collection: &Path) -> Result<Config, String> {
    let path = overrides_path(collection);
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Config::default()) };
    let de = &mut serde_json::Deserializer::from_str(&text);
    let config: Config = serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{}: at $.{}: {}", path.display(), e.path(), e.inner()))?;
    config.package.check().map_err(|(at, message)| format!("{}: at {at}: {message}", path.display()))?;
    Ok(config)
}

/// What differs between the crate at `out` and `files`, one line each: files that are stale or
/// missing, and generated files that are no longer generated. Empty when the crate is fresh.
pub fn stale_files(out: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut problems = Vec::new();
    for f in files {
        match std::fs::read_to_string(out.join(&f.path)) {
            Ok(text) if text == f.contents => {}
            Ok(_) => problems.push(format!("stale: {}", out.join(&f.path).display())),
            Err(_) => problems.push(format!("missing: {}", out.join(&f.path).display())),
        }
    }
    for extra in generated_files(out) {
        if !files.iter().any(|f| f.path == extra) {
            problems.push(format!("no longer generated: {}", out.join(&extra).display()));
        }
    }
    problems
}

/// Whether the file at `path` was written by zoomgen (its first line carries [`MARKER`]).
pub fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().next().is_some_and(|l| l.contains(MARKER)))
}

/// The files under `dir` written by zoomgen (skipping `target/`), relative to `dir`, with `/`
/// separators, sorted.
pub fn generated_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "target" {
                    stack.push(path);
                }
            } else if is_generated(&path) {
                if let Ok(relative) = path.strip_prefix(dir) {
                    out.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    out.sort();
    out
}

/// `target` relative to directory `from` (`../collections/x.json`), with `/` separators.
fn relative_path(from: &Path, target: &Path) -> Option<String> {
    let absolute = |p: &Path| std::path::absolute(p).ok();
    let (from, target) = (absolute(from)?, absolute(target)?);
    let from: Vec<_> = from.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(target[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}
