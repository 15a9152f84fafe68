//! Feeds arbitrary bytes to `zoomgen::generate`. The generator must never panic: it returns a
//! clean error naming the file, or a crate whose Rust files parse.
//!
//! Two modes per input: the bytes as (lossy) UTF-8 text, and, when the text is JSON, the
//! parsed value written back out, so that structurally valid collections reach the later stages.

#![no_main]

use std::collections::BTreeSet;
use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;

const SOURCE: &str = "fuzz.postman_collection.json";

fn check(text: &str) {
    let mut options = zoomgen::Options::new("fuzz-client", SOURCE);
    // Also render the conformance suite for half of the inputs.
    if text.len() % 2 == 0 {
        options.conformance_collection = Some("collection.json".to_owned());
    }
    match zoomgen::generate(text, &options) {
        Err(e) => {
            let shown = e.to_string();
            assert!(shown.contains(SOURCE), "the error does not name the file: {shown}");
            assert!(
                !e.message.contains("internal generator error"),
                "generated code does not parse: {shown}"
            );
        }
        Ok(generated) => {
            for file in &generated.files {
                let path = std::path::Path::new(&file.path);
                assert!(
                    path.components().all(|c| matches!(c, std::path::Component::Normal(_)))
                        && (file.path == "Cargo.toml" || file.path.starts_with("src/") || file.path.starts_with("tests/")),
                    "unsafe path {:?}",
                    file.path
                );
                if file.path.ends_with(".rs") {
                    if let Err(e) = parse(&file.contents) {
                        panic!("{} does not parse: {e}\n{}", file.path, file.contents);
                    }
                }
            }
        }
    }
}

/// Parses a generated Rust file. Files that parsed before (the runtime and the conformance
/// harness, the same for every input) are remembered by hash and not parsed again: they would
/// take most of each run.
fn parse(contents: &str) -> Result<(), syn::Error> {
    use std::hash::{Hash, Hasher};
    static SEEN: Mutex<BTreeSet<u64>> = Mutex::new(BTreeSet::new());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    contents.hash(&mut hasher);
    let key = hasher.finish();
    if SEEN.lock().unwrap_or_else(|e| e.into_inner()).contains(&key) {
        return Ok(());
    }
    syn::parse_file(contents)?;
    if contents.len() >= 4096 {
        SEEN.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    // Structured mode: valid JSON goes through again as the generator's canonical input.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let canonical = value.to_string();
        if canonical != text {
            check(&canonical);
        }
    }
});
