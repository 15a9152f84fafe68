//! insta snapshots of what the generator understood (IR) and what it wrote (code), for the Zoom
//! collection and for the small fixture collections under `tests/fixtures/`, one feature each.
//!
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

use zoomgen_tests::{root, zoom_collection, zoom_options};

/// The generated crate without the shared runtime (the same for every collection).
fn code(generated: &zoomgen::Generated) -> String {
    generated
        .files
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
        .collect()
}

fn fixture(name: &str) -> (String, zoomgen::Options) {
    let path = root().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (text, zoomgen::Options::new("fixture-client", format!("tests/fixtures/{name}.json")))
}

macro_rules! fixture_snapshots {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let (text, options) = fixture(stringify!($name));
            let ir = zoomgen::dump_ir(&text, &options).expect("fixture lowers");
            insta::assert_snapshot!(concat!(stringify!($name), "_ir"), ir);
            let generated = zoomgen::generate(&text, &options).expect("fixture generates");
            let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
            insta::assert_snapshot!(concat!(stringify!($name), "_code"), format!("{}\n{}", warnings.join("\n"), code(&generated)));
        }
    )*};
}

fixture_snapshots!(v20_auth_and_string_urls, apikey_inheritance_and_nesting, response_types, wrapped_collection,);

#[test]
fn zoom_ir() {
    let ir = zoomgen::dump_ir(&zoom_collection(), &zoom_options()).expect("the Zoom collection lowers");
    insta::assert_snapshot!("zoom_ir", ir);
}

/// The environments fixture with its two environments (what `environments.zoomgen.json` lists):
/// defaults and presets of the servers and variables.
#[test]
fn environments_ir() {
    let (text, mut options) = fixture("environments");
    for env in ["staging", "production"] {
        let path = root().join(format!("tests/fixtures/environments/{env}.postman_environment.json"));
        options.environments.push(zoomgen::freshness::read_environment(&path).unwrap_or_else(|e| panic!("{e}")));
    }
    insta::assert_snapshot!("environments_ir", zoomgen::dump_ir(&text, &options).expect("the fixture lowers"));
}
