//! The committed `zoom-generated` crate is exactly what the generator makes from the committed
//! collection (what `cargo xtask generate --check` verifies, as a test).

use zoomgen_tests::{root, zoom_collection, zoom_options};

#[test]
fn committed_crate_matches_fresh_generation() {
    let generated = zoomgen::generate(&zoom_collection(), &zoom_options()).expect("the Zoom collection generates");
    let dir = root().join("zoom-generated");
    let mut stale = Vec::new();
    for file in &generated.files {
        match std::fs::read_to_string(dir.join(&file.path)) {
            Ok(text) if text == file.contents => {}
            Ok(_) => stale.push(format!("differs: {}", file.path)),
            Err(_) => stale.push(format!("missing: {}", file.path)),
        }
    }
    let mut dirs = vec![dir.join("src"), dir.join("tests")];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).expect("readable directory") {
            let path = entry.expect("readable dir entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.strip_prefix(&dir).expect("inside the crate").to_string_lossy().replace('\\', "/");
            if !generated.files.iter().any(|f| f.path == name) {
                stale.push(format!("not generated: {name}"));
            }
        }
    }
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
