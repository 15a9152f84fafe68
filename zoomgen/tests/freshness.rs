//! The freshness check shared by `cargo xtask generate --check` and the drift test honours the
//! `<stem>.zoomgen.json` name-override file beside the collection.

use std::path::Path;

use zoomgen::freshness::{generate_crate, stale_files};

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
    let dir = tempfile::tempdir().expect("temp dir");
    let collection = dir.path().join("demo.postman_collection.json");
    let overrides = dir.path().join("demo.zoomgen.json");
    let out = dir.path().join("demo-client");
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

    std::fs::remove_file(&overrides).expect("removable");
    let report = stale(&collection, &out).join("\n");
    assert!(report.contains("things.rs") && report.contains("stuff.rs"), "{report}");
}

#[test]
fn a_broken_override_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let collection = dir.path().join("demo.json");
    write(&collection, COLLECTION);
    write(&dir.path().join("demo.zoomgen.json"), r#"{"name": {}}"#);
    let err = generate_crate(&collection, &dir.path().join("out"), "demo-client").expect_err("unknown field");
    assert!(err.contains("demo.zoomgen.json"), "{err}");
}
