//! What `cargo xtask generate` does, as a library: the drift test runs the same freshness
//! check as `--check` (one `check_files`, as rust-analyzer's `ensure_file_contents` serves both).

use std::path::Path;

/// Generation options for `collection` written to `out` as package `crate_name`: the
/// conformance suite reads the collection by its path relative to `out`, and the name
/// overrides come from `<stem>.zoomgen.json` beside the collection.
pub fn options(collection: &Path, out: &Path, crate_name: &str) -> Result<zoomgen::Options, String> {
    let mut options = zoomgen::Options::new(crate_name, collection.display().to_string());
    options.conformance_collection = relative_path(out, collection);
    options.names = name_overrides(collection)?;
    Ok(options)
}

/// Name overrides from `<stem>.zoomgen.json` beside the collection, when present:
/// `{"names": {"Folder": "module_name", "Folder / Request": "method_name"}}`.
fn name_overrides(collection: &Path) -> Result<std::collections::BTreeMap<String, String>, String> {
    let file = collection.file_name().and_then(|f| f.to_str()).unwrap_or_default();
    let stem = file.strip_suffix(".postman_collection.json").or(file.strip_suffix(".json")).unwrap_or(file);
    let config = collection.with_file_name(format!("{stem}.zoomgen.json"));
    let Ok(text) = std::fs::read_to_string(&config) else { return Ok(Default::default()) };
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Config {
        #[serde(default)]
        names: std::collections::BTreeMap<String, String>,
    }
    serde_json::from_str::<Config>(&text).map(|c| c.names).map_err(|e| format!("{}: {e}", config.display()))
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

/// Whether the file at `path` was written by zoomgen (its first line carries the marker).
fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .map(|text| text.lines().next().is_some_and(|l| l.contains(zoomgen::MARKER)))
        .unwrap_or(false)
}

/// Generated files under `dir` (recursively, skipping `target`), as paths relative to `dir`.
fn owned_files(dir: &Path) -> Vec<String> {
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
                if let Ok(rel) = path.strip_prefix(dir) {
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    out.sort();
    out
}

/// Writes `files` under the new directory `dir`.
fn write_tree(dir: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    for f in files {
        let target = dir.join(&f.path);
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(|e| vec![format!("cannot create {}: {e}", parent.display())])?;
        std::fs::write(&target, &f.contents).map_err(|e| vec![format!("cannot write {}: {e}", target.display())])?;
    }
    Ok(())
}

/// Compares the crate on disk with `files`; lists what differs.
pub fn check_files(out: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    for f in files {
        match std::fs::read_to_string(out.join(&f.path)) {
            Ok(text) if text == f.contents => {}
            Ok(_) => problems.push(format!("stale: {}", out.join(&f.path).display())),
            Err(_) => problems.push(format!("missing: {}", out.join(&f.path).display())),
        }
    }
    for extra in owned_files(out) {
        if !files.iter().any(|f| f.path == extra) {
            problems.push(format!("no longer generated: {}", out.join(&extra).display()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.push(format!(
            "{} is out of date with its collection: run `cargo xtask generate` and commit the result",
            out.display()
        ));
        Err(problems)
    }
}

/// Writes `files` under `out`. Refuses, before writing anything, to overwrite a file zoomgen did
/// not write; removes files it wrote earlier that are no longer generated. Each file is written
/// to a temporary name and renamed into place.
pub fn write_files(out: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    let foreign: Vec<String> = files
        .iter()
        .map(|f| out.join(&f.path))
        .filter(|p| p.exists() && !is_generated(p))
        .map(|p| format!("refusing to overwrite {}: it was not generated by zoomgen", p.display()))
        .collect();
    if !foreign.is_empty() {
        return Err(foreign);
    }
    let fail = |what: &str, p: &Path, e: std::io::Error| vec![format!("cannot {what} {}: {e}", p.display())];
    if !out.exists() {
        // A new crate is written whole into a temporary directory, then renamed into place.
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = out.with_file_name(format!(".{name}.zoomgen-tmp-{}", std::process::id()));
        let written = write_tree(&temp, files);
        let renamed = written.and_then(|()| std::fs::rename(&temp, out).map_err(|e| fail("create", out, e)));
        if renamed.is_err() {
            let _ = std::fs::remove_dir_all(&temp);
        }
        return renamed;
    }
    let stale: Vec<String> = owned_files(out).into_iter().filter(|p| !files.iter().any(|f| &f.path == p)).collect();
    let mut temps = Vec::new();
    for f in files {
        let target = out.join(&f.path);
        let dir = target.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).map_err(|e| fail("create", dir, e))?;
        let temp = target.with_extension("zoomgen-tmp");
        std::fs::write(&temp, &f.contents).map_err(|e| fail("write", &temp, e))?;
        temps.push((temp, target));
    }
    for (temp, target) in temps {
        std::fs::rename(&temp, &target).map_err(|e| fail("replace", &target, e))?;
    }
    for p in stale {
        let path = out.join(&p);
        std::fs::remove_file(&path).map_err(|e| fail("remove", &path, e))?;
    }
    Ok(())
}
