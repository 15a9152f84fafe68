//! Inputs that once broke the generator (found by fuzzing and property tests), kept as tests:
//! each must give a crate whose Rust files parse, or a clean error.

fn generates_parsable_code(collection: &str) {
    for conformance in [false, true] {
        let mut options = zoomgen::Options::new("regression", "regression.json");
        if conformance {
            options.conformance_collection = Some("collection.json".to_owned());
        }
        let generated = zoomgen::generate(collection, &options).expect("generates");
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            if let Err(e) = syn::parse_file(&file.contents) {
                panic!("{} does not parse: {e}\n{}", file.path, file.contents);
            }
        }
    }
}

/// A bare CR in a host ended up in a doc comment, where rustc refuses it (fuzzing).
#[test]
fn control_characters_never_reach_doc_comments() {
    generates_parsable_code(r#"{"item":[{"item":[{"request": {"url":{"host":"\r\ufffd"}}},{"":[{"": ""}]}]}]}"#);
}

/// Example bodies nested hundreds deep gave types nested as deep, whose parsing and formatting
/// can exhaust a thread's stack (property tests). Deep shapes now end in JSON values.
#[test]
fn deeply_nested_examples_stay_shallow() {
    let body = format!("{}1{}", "[".repeat(100), "]".repeat(100));
    let collection = serde_json::json!({"item": [{"name": "deep", "request": "https://e.com/a",
        "response": [{"code": 200, "body": body}]}]})
    .to_string();
    generates_parsable_code(&collection);
    let generated = zoomgen::generate(&collection, &zoomgen::Options::new("deep", "deep.json")).expect("generates");
    let module = generated
        .files
        .iter()
        .find(|f| f.path.starts_with("src/") && !f.path.starts_with("src/runtime/") && f.path != "src/lib.rs")
        .expect("module");
    let nesting = module.contents.lines().map(|l| l.matches("Vec").count()).max().unwrap_or(0);
    assert!((1..=13).contains(&nesting), "types nest {nesting} deep:\n{}", module.contents);
}

/// `--crate-name dyn` ended in "internal generator error": a keyword cannot name a library, and
/// the error says so.
#[test]
fn keyword_crate_names_are_refused_plainly() {
    let collection = r#"{"item": [{"name": "ping", "request": "https://e.com/ping"}]}"#;
    for name in ["dyn", "self", "type"] {
        let error = zoomgen::generate(collection, &zoomgen::Options::new(name, "c.json")).expect_err(name);
        assert!(error.message.contains("is a Rust keyword"), "{name}: {error}");
    }
    assert!(zoomgen::generate(collection, &zoomgen::Options::new("dyn-client", "c.json")).is_ok());
}
