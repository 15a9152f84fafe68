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
    for entry in std::fs::read_dir(dir.join("src")).expect("zoom-generated/src exists") {
        let name = format!("src/{}", entry.expect("readable dir entry").file_name().to_string_lossy());
        if !generated.files.iter().any(|f| f.path == name) {
            stale.push(format!("not generated: {name}"));
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
