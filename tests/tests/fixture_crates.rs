//! Every fixture collection under `tests/fixtures/` (with the `<stem>.zoomgen.json` config beside
//! it, when there is one) becomes a crate that compiles without warnings under clippy (with its
//! `mock` module), passes its own generated conformance suite (requests derived from the
//! collection JSON, checked against a mock server) and its doctests, plus the hand-written tests
//! in `tests/fixture-tests/<fixture>.rs` when there are some (modules of the conformance suite's
//! binary, so that each crate has one test binary to link).
//!
//! The crates are members of one scratch workspace (`target/tmp/fixture-crates/`), built in the
//! outer target directory so that the dependencies are not built again (see `zoomgen-testkit`).

use std::path::Path;

use zoomgen_testkit::{Member, Scratch};
use zoomgen_tests::root;

/// The fixture collections, sorted.
fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = root().join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures exist")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        // `<stem>.zoomgen.json` is a fixture's config (names, environments), not a collection.
        .filter(|p| !p.to_string_lossy().ends_with(".zoomgen.json"))
        .collect();
    paths.sort();
    paths
}

/// The crate generated from the fixture at `path`, with its hand-written tests.
fn member(path: &Path) -> Member {
    let stem = path.file_stem().expect("file name").to_string_lossy().replace('_', "-");
    let text = std::fs::read_to_string(path).expect("readable");
    // With the config beside the fixture, as `cargo xtask generate` reads it (environments).
    let mut options =
        zoomgen::freshness::options(path, path, &format!("fixture-{stem}")).unwrap_or_else(|e| panic!("{e}"));
    options.conformance_collection = Some(path.display().to_string());
    let generated = zoomgen::generate(&text, &options).unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<_> = generated.files.into_iter().map(|f| (f.path, f.contents)).collect();
    // The hand-written tests (for what a fixture exists to show) and the README's examples are
    // modules of the conformance suite's test binary: one binary per crate to build and link.
    let mut modules = Vec::new();
    let extra = stem.replace('-', "_");
    let hand_written = root().join("tests/fixture-tests");
    if let Ok(contents) = std::fs::read_to_string(hand_written.join(format!("{extra}.rs"))) {
        if contents.lines().any(|l| l.trim() == "mod mock;") {
            // The mock-server helpers those tests share, a module beside theirs.
            let mock =
                std::fs::read_to_string(hand_written.join("mock/mod.rs")).expect("tests/fixture-tests/mock/mod.rs");
            files.push(("tests/conformance/mock.rs".to_owned(), mock));
            modules.push("mock".to_owned());
        }
        let contents = contents.replace("\nmod mock;\n", "\nuse crate::mock;\n");
        files.push((format!("tests/conformance/{extra}.rs"), contents));
        modules.push(extra.clone());
    }
    for (name, contents) in readme_examples(&extra) {
        files.push((format!("tests/conformance/{name}.rs"), contents));
        modules.push(name);
    }
    if !modules.is_empty() {
        let main = files.iter_mut().find(|(p, _)| p == "tests/conformance/main.rs").expect("a conformance suite");
        main.1.push_str(
            "\n// The fixture's hand-written tests and the README's examples (tests/tests/fixture_crates.rs).\n",
        );
        main.1.extend(modules.iter().map(|m| format!("mod {m};\n")));
    }
    Member { dir: stem, files }
}

/// The README's examples for the crate of fixture `fixture` (the Rust blocks after a line
/// `<!-- compiled in the fixture crate FIXTURE -->`), as (module name, test module) pairs that
/// build what they show.
fn readme_examples(fixture: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let marker = format!("<!-- compiled in the fixture crate {fixture} -->");
    let mut files = Vec::new();
    for (i, after) in readme.split(&marker).skip(1).enumerate() {
        let block = after.split_once("```rust").and_then(|(_, rest)| rest.split_once('\n')).map(|(_, rest)| rest);
        let code =
            block.and_then(|b| b.split_once("```")).map(|(code, _)| code).expect("a rust block after the marker");
        let lib = format!("fixture_{fixture}");
        let test = format!(
            "//! The README's example {i}, compiled and run against this crate.\n#![allow(unused_variables)]\n\nuse {lib}::*;\n\n\
             fn example() -> Result<(), Box<dyn std::error::Error>> {{\n{code}    Ok(())\n}}\n\n\
             #[test]\nfn readme_example_{i}_runs() {{\n    example().expect(\"the README's example runs\");\n}}\n"
        );
        files.push((format!("readme_{i}"), test));
    }
    files
}

/// `--test *`, and `--lib` too when a crate has unit tests (the generator writes none today,
/// and building every library a second time as a test harness would cost a third of the time).
fn test_targets(members: &[Member]) -> Vec<&'static str> {
    let unit_tests = members.iter().flat_map(|m| &m.files).any(|(p, c)| p.starts_with("src/") && c.contains("#[test]"));
    if unit_tests {
        vec!["--lib", "--test", "*"]
    } else {
        vec!["--test", "*"]
    }
}

fn print_results(stdout: &str) {
    for line in stdout.lines().filter(|l| l.starts_with("test result")) {
        println!("{line}");
    }
}

#[test]
fn fixture_crates_pass_clippy_their_conformance_suites_and_doctests() {
    // The README's signed-auth example is compiled here, with the types it names.
    assert!(!readme_examples("signed_auth").is_empty(), "README.md lost its signed-auth example marker");
    let members: Vec<Member> = fixtures().iter().map(|p| member(p)).collect();
    let targets = test_targets(&members);
    let dirs: Vec<String> = members.iter().map(|m| m.dir.clone()).collect();
    let scratch = Scratch::create(env!("CARGO_TARGET_TMPDIR"), "fixture-crates", members, true);

    // Every crate with its `mock` module, which the hand-written tests of some use.
    let mock = dirs.iter().map(|d| format!("fixture-{d}/mock")).collect::<Vec<_>>().join(",");
    let mut build_args = vec!["test", "--workspace", "--no-run", "--features", &mock];
    build_args.extend(&targets);
    let build = scratch.build(&build_args);
    let problems: Vec<String> = dirs.iter().flat_map(|d| build.problems(d, true)).map(str::to_owned).collect();
    assert!(problems.is_empty(), "clippy -D warnings fails on the fixture crates:\n{}", problems.join("\n"));
    assert!(build.success, "the fixture crates do not build:\n{}", build.stderr);

    let mut test_args = vec!["test", "--workspace", "--features", &mock];
    test_args.extend(&targets);
    print_results(&scratch.run(&test_args));
    print_results(&scratch.run(&["test", "--workspace", "--doc", "--features", &mock]));
}
