//! Scratch workspaces for the tests' nested cargo builds.
//!
//! The tests write generated crates as members of one scratch workspace under the outer
//! target directory. They build it with one cargo invocation per mode, in the outer target
//! directory itself. Cargo releases its build lock before it runs test binaries, and the
//! [`mirror`] member makes the scratch workspace resolve the outer workspace's features, so the
//! dependencies that `cargo test --workspace` already built (reqwest, rustls, tokio, wiremock)
//! are reused instead of being built again.
//!
//! Clippy runs as `RUSTC_WORKSPACE_WRAPPER` of the same build, so linting compiles nothing
//! twice. A canary member with a known lint proves that it ran.

mod mirror;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::Message;
use toml_edit::{value, Array, DocumentMut, Item, Table};

/// The member that carries the outer workspace's features.
const MIRROR: &str = "mirror";
/// The member whose one lint shows that clippy ran.
const CANARY: &str = "clippy-canary";
/// The lint the canary triggers.
const CANARY_LINT: &str = "clippy::ptr_arg";

/// One crate of a scratch workspace.
pub struct Member {
    /// Directory name inside the workspace (also the name diagnostics are grouped by).
    pub dir: String,
    /// Files as (path relative to the crate, contents).
    pub files: Vec<(String, String)>,
}

/// A scratch workspace whose builds share the outer workspace's target directory.
pub struct Scratch {
    dir: PathBuf,
    target: PathBuf,
    clippy: bool,
}

/// What a build reported, per member.
#[derive(Debug, Default)]
pub struct Build {
    /// Whether cargo succeeded.
    pub success: bool,
    /// Rendered diagnostics (warnings and errors), by member directory.
    pub diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    /// Cargo's own output.
    pub stderr: String,
}

/// One compiler or clippy message.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Whether it is an error (or worse) rather than a warning.
    pub error: bool,
    /// The lint or error code, such as `clippy::ptr_arg`.
    pub code: Option<String>,
    /// The message as the compiler prints it.
    pub rendered: String,
}

impl Scratch {
    /// Writes `members` as the workspace `name` beside the calling test's
    /// `env!("CARGO_TARGET_TMPDIR")`, with the mirror member, and with clippy and its canary when
    /// `clippy` is set. Unchanged files are left alone, so a second run rebuilds nothing.
    pub fn create(target_tmpdir: &str, name: &str, mut members: Vec<Member>, clippy: bool) -> Scratch {
        let tmp = Path::new(target_tmpdir);
        let target = tmp.parent().expect("CARGO_TARGET_TMPDIR is <target>/tmp").to_path_buf();
        let dir = tmp.join(name);
        let names: Vec<String> = members.iter().map(package_name).collect();
        members.push(mirror_member());
        if clippy {
            members.push(canary_member());
        }
        std::fs::create_dir_all(&dir).expect("scratch directory");
        remove_other_dirs(&dir, &members);
        for member in &members {
            sync(&dir.join(&member.dir), &member.files);
        }
        let dirs: Vec<&str> = members.iter().map(|m| m.dir.as_str()).collect();
        write_if_changed(&dir.join("Cargo.toml"), &workspace_manifest(&dirs, &names));
        // The outer lock file pins the versions the outer build used.
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
        Scratch { dir, target, clippy }
    }

    /// `cargo <args>` in the workspace, in the outer target directory, with the environment
    /// the outer cargo had: without the variables it sets for the test binary it runs. (A build
    /// script or crate that reads one, such as `CARGO_MANIFEST_DIR`, would otherwise see it
    /// change and be rebuilt, in turn, by each cargo.)
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(cargo());
        for (name, _) in std::env::vars_os() {
            if name.to_str().is_some_and(set_by_cargo_for_tests) {
                command.env_remove(name);
            }
        }
        command.args(args).current_dir(&self.dir).env("CARGO_TARGET_DIR", &self.target);
        if self.clippy {
            command.env("RUSTC_WORKSPACE_WRAPPER", clippy_driver());
        }
        command
    }

    /// Runs `cargo <args> --message-format json` and collects each member's diagnostics. With
    /// clippy, checks that the canary's lint was reported, and leaves the canary out.
    pub fn build(&self, args: &[&str]) -> Build {
        let output = self.command(args).arg("--message-format=json").output();
        let output = output.expect("cargo runs");
        let mut build = self.diagnostics(&output);
        if self.clippy {
            let canary = build.diagnostics.remove(CANARY).unwrap_or_default();
            let codes: Vec<_> = canary.iter().map(|d| d.code.as_deref()).collect();
            assert!(codes.contains(&Some(CANARY_LINT)), "clippy did not lint the canary: {codes:?}\n{}", build.stderr);
        }
        build
    }

    /// Runs `cargo <args>`; panics with its output when it fails. Returns what it printed.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command(args).output().expect("cargo runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "cargo {args:?} failed:\n{stdout}\n{stderr}");
        stdout
    }

    fn diagnostics(&self, output: &Output) -> Build {
        let mut build = Build {
            success: output.status.success(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            ..Build::default()
        };
        for message in Message::parse_stream(&output.stdout[..]).flatten() {
            if let Some((member, diagnostic)) = self.diagnostic(message) {
                build.diagnostics.entry(member).or_default().push(diagnostic);
            }
        }
        build
    }

    /// A warning or error, with the directory of the member it is about.
    fn diagnostic(&self, message: Message) -> Option<(String, Diagnostic)> {
        let Message::CompilerMessage(m) = message else { return None };
        let level = m.message.level;
        if !matches!(level, DiagnosticLevel::Warning | DiagnosticLevel::Error | DiagnosticLevel::Ice) {
            return None;
        }
        let member = m.target.src_path.strip_prefix(&self.dir).ok().and_then(|p| p.components().next());
        let diagnostic = Diagnostic {
            error: level != DiagnosticLevel::Warning,
            code: m.message.code.map(|c| c.code),
            rendered: m.message.rendered.unwrap_or(m.message.message),
        };
        Some((member.map(|c| c.as_str().to_owned()).unwrap_or_default(), diagnostic))
    }
}

impl Build {
    /// The rendered errors of `member`, and its warnings too when `warnings` is set.
    pub fn problems(&self, member: &str, warnings: bool) -> Vec<&str> {
        let list = self.diagnostics.get(member).map(Vec::as_slice).unwrap_or_default();
        list.iter().filter(|d| d.error || warnings).map(|d| d.rendered.as_str()).collect()
    }
}

/// The outer workspace's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("testkit lives in the workspace").to_path_buf()
}

/// Whether cargo sets the variable `name` when it runs a test binary.
fn set_by_cargo_for_tests(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "CARGO_MANIFEST_DIR",
        "CARGO_MANIFEST_PATH",
        "CARGO_CRATE_NAME",
        "CARGO_BIN_NAME",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
        "CARGO_RUSTC_CURRENT_DIR",
        "OUT_DIR",
    ];
    name.starts_with("CARGO_PKG_") || NAMES.contains(&name)
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `clippy-driver` beside the running cargo (the same toolchain), else from `PATH`.
fn clippy_driver() -> PathBuf {
    let beside = Path::new(&cargo()).with_file_name(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX));
    if beside.is_file() {
        beside
    } else {
        PathBuf::from("clippy-driver")
    }
}

/// The package name in a member's `Cargo.toml`.
fn package_name(member: &Member) -> String {
    let manifest = member.files.iter().find(|(path, _)| path == "Cargo.toml").expect("a member has a Cargo.toml");
    let doc: DocumentMut = manifest.1.parse().expect("the member's Cargo.toml parses");
    doc["package"]["name"].as_str().expect("a package name").to_owned()
}

/// The workspace manifest: the members, the outer workspace's profiles, and no debug info or
/// incremental state for the generated crates (nothing steps through them; both cost time).
fn workspace_manifest(dirs: &[&str], packages: &[String]) -> String {
    let outer = std::fs::read_to_string(root().join("Cargo.toml")).expect("outer Cargo.toml");
    let outer: DocumentMut = outer.parse().expect("outer Cargo.toml parses");
    let mut doc = DocumentMut::new();
    let mut workspace = Table::new();
    workspace["resolver"] = value("2");
    workspace["members"] = value(dirs.iter().copied().collect::<Array>());
    doc["workspace"] = Item::Table(workspace);
    let mut profile = outer.get("profile").cloned().unwrap_or_else(toml_edit::table);
    let dev = implicit(&mut profile, "dev");
    let overrides = implicit(dev, "package");
    for package in packages {
        let mut table = Table::new();
        table["debug"] = value(false);
        table["incremental"] = value(false);
        overrides[package.as_str()] = Item::Table(table);
    }
    doc["profile"] = profile;
    doc.to_string()
}

/// The table `key` of `item`, created as an implicit table (no header of its own) if missing.
fn implicit<'a>(item: &'a mut Item, key: &str) -> &'a mut Item {
    let table = item.as_table_mut().expect("a table");
    table.entry(key).or_insert_with(|| {
        let mut new = Table::new();
        new.set_implicit(true);
        Item::Table(new)
    })
}

fn mirror_member() -> Member {
    let files = vec![
        ("Cargo.toml".to_owned(), mirror::manifest(&root())),
        ("src/lib.rs".to_owned(), "//! Carries the outer workspace's features.\n".to_owned()),
        // An integration test, so that `--test '*'` builds the library and its dependencies.
        ("tests/mirror.rs".to_owned(), "//! Makes `--test '*'` build the mirror library.\n".to_owned()),
    ];
    Member { dir: MIRROR.to_owned(), files }
}

fn canary_member() -> Member {
    let manifest =
        format!("[package]\nname = \"{CANARY}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n");
    let lib = "//! One `clippy::ptr_arg` warning.\n\npub fn len(v: &Vec<u8>) -> usize {\n    v.len()\n}\n";
    let files = vec![
        ("Cargo.toml".to_owned(), manifest),
        ("src/lib.rs".to_owned(), lib.to_owned()),
        ("tests/canary.rs".to_owned(), "//! Makes `--test '*'` build (and lint) the canary.\n".to_owned()),
    ];
    Member { dir: CANARY.to_owned(), files }
}

/// Removes directories of `dir` that belong to no member (crates from an earlier run).
fn remove_other_dirs(dir: &Path, members: &[Member]) {
    for entry in std::fs::read_dir(dir).expect("readable scratch directory").flatten() {
        let name = entry.file_name();
        if entry.path().is_dir() && !members.iter().any(|m| name == m.dir.as_str()) {
            std::fs::remove_dir_all(entry.path()).expect("remove an old member");
        }
    }
}

/// Makes `dir` hold exactly `files`: writes what changed, removes what is not listed.
fn sync(dir: &Path, files: &[(String, String)]) {
    for path in files_under(dir) {
        let relative = path.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
        if !files.iter().any(|(p, _)| *p == relative) {
            std::fs::remove_file(&path).expect("remove a stale file");
        }
    }
    for (path, contents) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().expect("has a parent")).expect("mkdir");
        write_if_changed(&target, contents);
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("write");
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}
