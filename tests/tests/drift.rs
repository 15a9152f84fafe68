//! The committed `zoom-generated` crate is exactly what the generator makes from the committed
//! collection (what `cargo xtask generate --check` verifies, as a test).

use std::path::Path;

use zoomgen_tests::{root, zoom_collection, zoom_collection_path, zoom_options};

/// The options `cargo xtask generate` uses for `collection`, name overrides included.
fn xtask_generate(collection: &Path, out: &Path, crate_name: &str) -> zoomgen::Generated {
    let options = xtask::options(collection, out, crate_name).expect("options load");
    let text = std::fs::read_to_string(collection).expect("readable collection");
    zoomgen::generate(&text, &options).expect("the collection generates")
}

#[test]
fn committed_crate_matches_fresh_generation() {
    let (collection, out) = (zoom_collection_path(), root().join("zoom-generated"));
    let generated = xtask_generate(&collection, &out, "zoom-generated");
    if let Err(stale) = xtask::check_files(&out, &generated.files) {
        panic!("zoom-generated is stale; run `cargo xtask generate`:\n{}", stale.join("\n"));
    }
}

/// The check reads `<stem>.zoomgen.json` as `cargo xtask generate` does: a crate generated
/// with an override is fresh, and stale once the override changes.
#[test]
fn the_check_honours_name_overrides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let collection = dir.path().join("api.postman_collection.json");
    std::fs::copy(zoom_collection_path(), &collection).expect("copy");
    let overrides = dir.path().join("api.zoomgen.json");
    std::fs::write(&overrides, r#"{"names": {"Users": "people"}}"#).expect("write");
    let out = dir.path().join("crate");
    let generated = xtask_generate(&collection, &out, "api");
    assert!(generated.files.iter().any(|f| f.path == "src/people.rs"));
    xtask::write_files(&out, &generated.files).expect("written");
    assert_eq!(xtask::check_files(&out, &xtask_generate(&collection, &out, "api").files), Ok(()));
    std::fs::write(&overrides, r#"{"names": {"Users": "members"}}"#).expect("write");
    let stale = xtask::check_files(&out, &xtask_generate(&collection, &out, "api").files).expect_err("stale");
    assert!(stale.iter().any(|line| line.contains("members.rs")), "{stale:?}");
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
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
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
