//! Every fixture collection under `tests/fixtures/` becomes a crate that compiles, passes clippy
//! and passes its own generated conformance suite (requests derived from the collection JSON,
//! checked against a mock server), plus the hand-written tests in
//! `tests/fixture-tests/<fixture>.rs` when there are some. The crates are built together in
//! `target/fixture-crates/`.

use std::path::Path;
use std::process::Command;

use zoomgen_tests::root;

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root().join("target/fixture-crates/target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo {args:?} failed:\n{stdout}\n{stderr}");
    for line in stdout.lines().filter(|l| l.starts_with("test result")) {
        println!("{line}");
    }
}

#[test]
fn fixture_crates_compile_and_pass_their_conformance_suites() {
    let work = root().join("target/fixture-crates");
    let fixtures = root().join("tests/fixtures");
    let mut members = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures exist")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    for path in names {
        let stem = path.file_stem().expect("file name").to_string_lossy().replace('_', "-");
        let text = std::fs::read_to_string(&path).expect("readable");
        let mut options = zoomgen::Options::new(format!("fixture-{stem}"), path.display().to_string());
        options.conformance_collection = Some(path.display().to_string());
        let generated = zoomgen::generate(&text, &options).unwrap_or_else(|e| panic!("{e}"));
        let dir = work.join(&stem);
        let _ = std::fs::remove_dir_all(&dir);
        for file in &generated.files {
            let target = dir.join(&file.path);
            std::fs::create_dir_all(target.parent().expect("has a parent")).expect("mkdir");
            std::fs::write(&target, &file.contents).expect("write");
        }
        // Hand-written tests for what a fixture exists to show (pagination, ...).
        let extra = root().join("tests/fixture-tests").join(format!("{}.rs", stem.replace('-', "_")));
        if extra.is_file() {
            std::fs::copy(&extra, dir.join("tests").join(extra.file_name().expect("file name"))).expect("copy");
        }
        members.push(format!("\"{stem}\""));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(work.join("Cargo.toml"), manifest).expect("write workspace manifest");
    // The workspace's own lock file pins the same dependency versions, so builds are shared.
    let _ = std::fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock"));
    cargo(&work, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    cargo(&work, &["test", "--workspace", "--tests"]);
}
