//! The committed `zoom-generated` crate is exactly what the generator makes from the committed
//! collection: the check of `cargo xtask generate --check` ([`zoomgen::freshness`]), as a test.

use zoomgen_tests::{root, zoom_collection, zoom_collection_path, zoom_options};

#[test]
fn committed_crate_matches_fresh_generation() {
    let out = root().join("zoom-generated");
    let generated = zoomgen::freshness::generate_crate(&zoom_collection_path(), &out, "zoom-generated");
    let stale = zoomgen::freshness::stale_files(&out, &generated.unwrap_or_else(|e| panic!("{e}")).files);
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
