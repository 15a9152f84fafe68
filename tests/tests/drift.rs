//! The committed `zoom-generated` crate is exactly what the generator makes from the committed
//! collection: the check of `cargo xtask generate --check` ([`zoomgen::freshness`]), as a test,
//! which honours the name-override file beside the collection.

use std::path::{Path, PathBuf};

use zoomgen::freshness::{generate_crate, stale_files};
use zoomgen_tests::{root, zoom_collection, zoom_collection_path, zoom_options};

#[test]
fn committed_crate_matches_fresh_generation() {
    let out = root().join("zoom-generated");
    let generated = generate_crate(&zoom_collection_path(), &out, "zoom-generated");
    let stale = stale_files(&out, &generated.unwrap_or_else(|e| panic!("{e}")).files);
    assert!(stale.is_empty(), "zoom-generated is stale; run `cargo xtask generate`:\n{}", stale.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    let a = zoomgen::generate(&zoom_collection(), &zoom_options()).expect("generates");
    let b = zoomgen::generate(&zoom_collection(), &zoom_options()).expect("generates");
    assert_eq!(a.files, b.files);
}

/// A large collection built from every fixture, repeated: two generations (each with its own
/// randomly seeded hash maps) give byte-identical crates.
#[test]
fn generation_is_deterministic_on_a_large_collection() {
    let mut folders = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".zoomgen.json"))
        .collect();
    names.sort();
    for copy in 0..20 {
        for path in &names {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
            let doc = if doc.get("collection").is_some() { doc["collection"].clone() } else { doc };
            folders.push(serde_json::json!({
                "name": format!("{} {copy}", path.file_stem().expect("stem").to_string_lossy()),
                "auth": doc["auth"],
                "variable": doc["variable"],
                "item": doc["item"],
            }));
        }
    }
    let big = serde_json::json!({"info": {"name": "Big"}, "item": folders}).to_string();
    let options = zoomgen::Options::new("big", "big.json");
    let a = zoomgen::generate(&big, &options).expect("generates");
    let b = zoomgen::generate(&big, &options).expect("generates");
    assert!(a.stats.operations > 100, "{:?}", a.stats);
    assert_eq!(a.files, b.files);
    assert_eq!(a.warnings, b.warnings);
}

// The check honours the `<stem>.zoomgen.json` name-override file beside the collection.

/// An empty directory of its own for the test `name`.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("drift").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

const COLLECTION: &str = r#"{"info": {"name": "Demo"}, "item": [{"name": "Things", "item": [
    {"name": "List things", "request": {"method": "GET", "url": "https://api.example.com/things"}}]}]}"#;

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, contents).expect("writable");
}

/// What the check reports for the crate at `out` against a fresh generation.
fn stale(collection: &Path, out: &Path) -> Vec<String> {
    let generated = generate_crate(collection, out, "demo-client").unwrap_or_else(|e| panic!("{e}"));
    stale_files(out, &generated.files)
}

#[test]
fn the_drift_check_honours_the_override_file() {
    let dir = scratch_dir("override");
    let collection = dir.join("demo.postman_collection.json");
    let overrides = dir.join("demo.zoomgen.json");
    let out = dir.join("demo-client");
    write(&collection, COLLECTION);
    write(&overrides, r#"{"names": {"Things": "stuff"}}"#);
    let generated = generate_crate(&collection, &out, "demo-client").unwrap_or_else(|e| panic!("{e}"));
    for file in &generated.files {
        write(&out.join(&file.path), &file.contents);
    }
    assert!(out.join("src/stuff.rs").is_file(), "the override names the module");
    assert_eq!(stale(&collection, &out), Vec::<String>::new(), "fresh with the override it was made with");

    write(&overrides, r#"{"names": {"Things": "items"}}"#);
    let report = stale(&collection, &out).join("\n");
    assert!(report.contains("missing: ") && report.contains("items.rs"), "{report}");
    assert!(report.contains("no longer generated: ") && report.contains("stuff.rs"), "{report}");

    // Without the override, the module keeps the name the crate has (names never move).
    std::fs::remove_file(&overrides).expect("removable");
    assert_eq!(stale(&collection, &out), Vec::<String>::new(), "the crate's manifest keeps `stuff`");
    std::fs::remove_file(out.join(zoomgen::manifest::PATH)).expect("removable");
    let report = stale(&collection, &out).join("\n");
    assert!(report.contains("things.rs") && report.contains("stuff.rs"), "{report}");
}

#[test]
fn a_broken_override_file_is_an_error_naming_it() {
    let dir = scratch_dir("broken-override");
    let collection = dir.join("demo.json");
    write(&collection, COLLECTION);
    write(&dir.join("demo.zoomgen.json"), r#"{"name": {}}"#);
    let err = generate_crate(&collection, &dir.join("out"), "demo-client").expect_err("unknown field");
    assert!(err.contains("demo.zoomgen.json"), "{err}");
}
