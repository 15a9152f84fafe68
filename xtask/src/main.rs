//! `cargo xtask generate`: regenerate (or check) a client crate from a Postman collection.
//!
//! Exit codes: 0 success, 1 a collection it cannot use (or a stale crate with `--check`),
//! 2 bad usage.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

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
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let Cli { command: Command::Generate { collection, out, crate_name, check } } = Cli::parse();
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
    let input = match std::fs::read_to_string(&collection) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", collection.display());
            return ExitCode::from(1);
        }
    };
    let options = match xtask::options(&collection, &out, &crate_name) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    let generated = match zoomgen::generate(&input, &options) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    let result =
        if check { xtask::check_files(&out, &generated.files) } else { xtask::write_files(&out, &generated.files) };
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
