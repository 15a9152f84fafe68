//! `cargo xtask generate`: regenerate (or check) a client crate from a Postman collection.
//!
//! Exit codes: 0 success, 1 a collection it cannot use (or a stale crate with `--check`),
//! 2 bad usage.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use zoomgen::freshness;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Maintenance tasks of the zoomgen workspace")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a client crate from a Postman collection.
    Generate {
        /// The Postman collection (v2.0 or v2.1 JSON).
        #[arg(long, default_value = "collections/zoom.postman_collection.json")]
        collection: PathBuf,
        /// Directory of the generated crate.
        #[arg(long, default_value = "zoom-generated")]
        out: PathBuf,
        /// Package name of the generated crate.
        #[arg(long, default_value = "zoom-generated")]
        crate_name: String,
        /// Write nothing; fail listing the files that differ when the crate is stale.
        #[arg(long, conflicts_with = "bump")]
        check: bool,
        /// Step the crate's version as the API changes demand (major for a breaking change,
        /// minor for additions, patch otherwise), in `<stem>.zoomgen.json`, and add an entry
        /// to the crate's CHANGELOG.md.
        #[arg(long)]
        bump: bool,
        /// Give requests and folders the method and module names the collection and the name
        /// overrides give them now (by default they keep those of the previous generation,
        /// recorded in the crate's api-manifest.json).
        #[arg(long)]
        rename: bool,
        /// A Postman environment file (`*.postman_environment.json`), after those the config
        /// file lists: its values are generation defaults (the first's) and a client preset.
        #[arg(long = "environment", value_name = "FILE")]
        environments: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let Cli { command: Command::Generate { collection, out, crate_name, check, bump, rename, environments } } =
        Cli::parse();
    if let Err(message) = zoomgen::check_crate_name(&crate_name) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    // Default paths are relative to the workspace root, wherever cargo was started.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    let resolve = |p: PathBuf, default: &str| if p == Path::new(default) && !p.exists() { root.join(p) } else { p };
    let collection = resolve(collection, "collections/zoom.postman_collection.json");
    let out = resolve(out, "zoom-generated");

    let start = Instant::now();
    let flags = freshness::Flags { rename, bump, environments };
    let regenerated = match freshness::regenerate(&collection, &out, &crate_name, &flags) {
        Ok(r) => r,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    let generated = &regenerated.generated;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    print_changes(&generated.changes, regenerated.bumped.as_ref());
    let result = if check {
        check_files(&out, &generated.files)
    } else {
        write_files(&out, &generated.files).and_then(|()| write_config(regenerated.config.as_ref()))
    };
    let summary = |verb: &str| {
        let s = generated.stats;
        println!(
            "{verb} {} operations, {} types, {} modules -> {} in {} ms",
            s.operations,
            s.types,
            s.modules,
            out.display(),
            start.elapsed().as_millis()
        );
    };
    match result {
        Ok(()) => {
            if !generated.warnings.is_empty() {
                eprintln!("{} warning(s)", generated.warnings.len());
            }
            summary("generated");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            ExitCode::from(1)
        }
    }
}

/// Prints what changed for users of the crate, and the version step.
fn print_changes(changes: &zoomgen::manifest::Changes, bumped: Option<&(String, String)>) {
    if !changes.0.is_empty() {
        use zoomgen::manifest::Kind;
        let count = |kind| changes.of(kind).count();
        let (breaking, compatible, notes) = (count(Kind::Breaking), count(Kind::Compatible), count(Kind::Note));
        println!("API changes for users of the crate: {breaking} breaking, {compatible} compatible, {notes} notes");
        print!("{changes}");
    }
    if let Some((before, after)) = bumped {
        println!("version {before} -> {after} (CHANGELOG.md has the entry)");
    }
}

/// Writes the config file with the new version, when there is one.
fn write_config(config: Option<&(PathBuf, String)>) -> Result<(), Vec<String>> {
    let Some((path, text)) = config else { return Ok(()) };
    std::fs::write(path, text).map_err(|e| vec![format!("cannot write {}: {e}", path.display())])
}

/// Writes `files` under the new directory `dir`.
fn write_tree(dir: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    for f in files {
        let target = dir.join(&f.path);
        let parent = target.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent).map_err(|e| vec![format!("cannot create {}: {e}", parent.display())])?;
        std::fs::write(&target, &f.contents).map_err(|e| vec![format!("cannot write {}: {e}", target.display())])?;
    }
    Ok(())
}

/// Compares the crate on disk with `files` ([`freshness::stale_files`]); lists what differs.
fn check_files(out: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    let mut problems = freshness::stale_files(out, files);
    if problems.is_empty() {
        return Ok(());
    }
    problems.push(format!(
        "{} is out of date with its collection: run `cargo xtask generate` and commit the result",
        out.display()
    ));
    Err(problems)
}

/// Writes `files` under `out`. Refuses, before writing anything, to overwrite a file zoomgen did
/// not write; removes files it wrote earlier that are no longer generated. Each file is written
/// to a temporary name and renamed into place.
fn write_files(out: &Path, files: &[zoomgen::GeneratedFile]) -> Result<(), Vec<String>> {
    let foreign: Vec<String> = files
        .iter()
        .map(|f| out.join(&f.path))
        .filter(|p| p.exists() && !freshness::is_generated(p))
        .map(|p| format!("refusing to overwrite {}: it was not generated by zoomgen", p.display()))
        .collect();
    if !foreign.is_empty() {
        return Err(foreign);
    }
    let fail = |what: &str, p: &Path, e: std::io::Error| vec![format!("cannot {what} {}: {e}", p.display())];
    if !out.exists() {
        // A new crate is written whole into a temporary directory, then renamed into place.
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = out.with_file_name(format!(".{name}.zoomgen-tmp-{}", std::process::id()));
        let written = write_tree(&temp, files);
        let renamed = written.and_then(|()| std::fs::rename(&temp, out).map_err(|e| fail("create", out, e)));
        if renamed.is_err() {
            let _ = std::fs::remove_dir_all(&temp);
        }
        return renamed;
    }
    let stale: Vec<String> =
        freshness::generated_files(out).into_iter().filter(|p| !files.iter().any(|f| &f.path == p)).collect();
    let mut temps = Vec::new();
    for f in files {
        let target = out.join(&f.path);
        let dir = target.parent().unwrap_or(out);
        std::fs::create_dir_all(dir).map_err(|e| fail("create", dir, e))?;
        let temp = target.with_extension("zoomgen-tmp");
        std::fs::write(&temp, &f.contents).map_err(|e| fail("write", &temp, e))?;
        temps.push((temp, target));
    }
    for (temp, target) in temps {
        std::fs::rename(&temp, &target).map_err(|e| fail("replace", &target, e))?;
    }
    for p in stale {
        let path = out.join(&p);
        std::fs::remove_file(&path).map_err(|e| fail("remove", &path, e))?;
    }
    Ok(())
}
