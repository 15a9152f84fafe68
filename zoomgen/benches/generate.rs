//! Generation speed per stage and end to end, on the full Zoom collections in `../shared`
//! (read in place) and on a synthetic collection ten times larger built from them.
//!
//! Side by side with postman2openapi, which parses the same collection and writes one OpenAPI
//! JSON document: zoomgen's `generate` and postman2openapi's `from_str` on the same text, for
//! the two Zoom collections and two real-world ones in `../shared/corpus/realworld`:
//! `dynatrace-configuration` (the largest, 3.6 MiB, with the most generated lines) and
//! `p2o-fastly` (the slowest to generate, with the most url-encoded form fields).
//!
//! Run with `cargo bench -p zoomgen`. Also prints the peak heap memory of one run of each.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use divan::Bencher;
use zoomgen::{stages, Options};

/// Counts live heap bytes and remembers the peak.
struct PeakAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

const INPUTS: &[&str] = &["zoom-api", "zoom-api.v2", "zoom-api-x10"];

/// The collections compared with postman2openapi.
const SIDE_BY_SIDE: &[&str] = &["zoom-api", "zoom-api.v2", "dynatrace-configuration", "p2o-fastly"];

fn shared(path: &str) -> Option<String> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus").join(path);
    std::fs::read_to_string(file).ok()
}

fn corpus(name: &str) -> Option<String> {
    shared(&format!("zoom/{name}.postman_collection.json"))
}

/// A collection by name: a Zoom one, the synthetic one, or a real-world one.
fn collection(name: &str) -> Option<&'static str> {
    static REALWORLD: OnceLock<Vec<(&str, String)>> = OnceLock::new();
    let realworld = REALWORLD.get_or_init(|| {
        let read = |name: &str| {
            shared(&format!("realworld/{name}.json")).or_else(|| shared(&format!("realworld/{name}.postman.json")))
        };
        SIDE_BY_SIDE.iter().filter_map(|name| Some((*name, read(name)?))).collect()
    });
    input(name).or_else(|| realworld.iter().find(|(n, _)| *n == name).map(|(_, text)| text.as_str()))
}

/// The v1 Zoom collection with its folders repeated ten times (renamed, so names stay unique).
fn synthetic_x10(base: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(base).expect("corpus is JSON");
    let folders = doc["item"].as_array().cloned().unwrap_or_default();
    let mut items = Vec::new();
    for copy in 1..=10 {
        for folder in &folders {
            let mut folder = folder.clone();
            let name = folder["name"].as_str().unwrap_or("").to_owned();
            folder["name"] = serde_json::Value::String(format!("{name} {copy}"));
            items.push(folder);
        }
    }
    doc["item"] = serde_json::Value::Array(items);
    doc.to_string()
}

fn input(name: &str) -> Option<&'static str> {
    static CACHE: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        let mut out = Vec::new();
        if let (Some(a), Some(b)) = (corpus("zoom-api"), corpus("zoom-api.v2")) {
            out.push(("zoom-api-x10".to_owned(), synthetic_x10(&a)));
            out.push(("zoom-api".to_owned(), a));
            out.push(("zoom-api.v2".to_owned(), b));
        }
        out
    });
    cache.iter().find(|(n, _)| n == name).map(|(_, text)| text.as_str())
}

fn options() -> Options {
    Options::new("bench-client", "bench.json")
}

#[divan::bench(args = INPUTS)]
fn parse(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    bencher.bench(|| stages::parse(text, &options()).expect("parses"));
}

#[divan::bench(args = INPUTS)]
fn lower(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let parsed = stages::parse(text, &options()).expect("parses");
    bencher.bench(|| stages::lower(&parsed));
}

#[divan::bench(args = INPUTS)]
fn codegen(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let lowered = stages::lower(&stages::parse(text, &options()).expect("parses"));
    bencher.bench(|| stages::render(&lowered, &options()));
}

#[divan::bench(args = INPUTS)]
fn format(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    let lowered = stages::lower(&stages::parse(text, &options()).expect("parses"));
    bencher
        .with_inputs(|| stages::render(&lowered, &options()))
        .bench_values(|rendered| stages::format(rendered, &options()).expect("formats"));
}

#[divan::bench(args = INPUTS)]
fn end_to_end(bencher: Bencher, name: &str) {
    let Some(text) = input(name) else { return };
    bencher.bench(|| zoomgen::generate(text, &options()).expect("generates"));
}

fn openapi(text: &str) -> String {
    let options = postman2openapi::TranspileOptions { format: postman2openapi::TargetFormat::Json };
    postman2openapi::from_str(text, options).expect("postman2openapi converts")
}

/// zoomgen end to end, side by side with [`postman2openapi`] on the same text.
#[divan::bench(args = SIDE_BY_SIDE, sample_count = 20)]
fn zoomgen_generate(bencher: Bencher, name: &str) {
    let Some(text) = collection(name) else { return };
    bencher.bench(|| zoomgen::generate(text, &options()).expect("generates"));
}

/// postman2openapi's `from_str` with JSON output, side by side with [`zoomgen_generate`].
#[divan::bench(args = SIDE_BY_SIDE, sample_count = 20)]
fn postman2openapi(bencher: Bencher, name: &str) {
    let Some(text) = collection(name) else { return };
    bencher.bench(|| openapi(text));
}

/// Runs `f` once and returns its result with the peak heap it used, in MiB.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    (out, peak as f64 / (1024.0 * 1024.0))
}

fn main() {
    if input("zoom-api").is_none() {
        eprintln!("skipped: ../shared/corpus/zoom is not beside this checkout");
    }
    let names = INPUTS.iter().chain(SIDE_BY_SIDE.iter().filter(|n| !INPUTS.contains(n)));
    for name in names.filter(|n| collection(n).is_some()) {
        let text = collection(name).expect("loaded");
        let (generated, peak) = peak_heap(|| zoomgen::generate(text, &options()).expect("generates"));
        let lines: usize = generated.files.iter().map(|f| f.contents.lines().count()).sum();
        print!(
            "{name}: {} KiB input, {} operations, {lines} lines out, peak heap {peak:.1} MiB",
            text.len() / 1024,
            generated.stats.operations,
        );
        if SIDE_BY_SIDE.contains(name) {
            let (_, peak) = peak_heap(|| openapi(text));
            print!("; postman2openapi peak heap {peak:.1} MiB");
        }
        println!();
    }
    for name in SIDE_BY_SIDE.iter().filter(|n| collection(n).is_none()) {
        eprintln!("skipped {name}: ../shared/corpus is not beside this checkout");
    }
    divan::main();
}
