//! Helpers shared by the workspace's integration tests.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the workspace").to_path_buf()
}

/// The committed Zoom collection.
pub fn zoom_collection_path() -> PathBuf {
    root().join("collections/zoom.postman_collection.json")
}

/// The text of the committed Zoom collection.
pub fn zoom_collection() -> String {
    std::fs::read_to_string(zoom_collection_path()).expect("collections/zoom.postman_collection.json is readable")
}

/// `../shared` beside the checkout, when present (CI and developer machines have it).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = root().parent()?.join("shared");
    dir.is_dir().then_some(dir)
}

/// Generation options used for the committed crate, as `cargo xtask generate` makes them
/// (name overrides included).
pub fn zoom_options() -> zoomgen::Options {
    zoomgen::freshness::options(&zoom_collection_path(), &root().join("zoom-generated"), "zoom-generated")
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The README's examples compile (`cargo test --doc -p zoomgen-tests`).
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
