//! The Postman constructs a robust parser must accept (the last section of
//! `../shared/docs/anchors.md`), one small collection each under
//! `tests/fixtures/construct_*.json`.
//!
//! What the generated client does with each construct (the requests it sends, the inputs it
//! takes and their types, the values it decodes) is tested against a mock server by
//! `tests/fixture-tests/construct_*.rs`: `fixture_crates.rs` copies each of them into the crate of
//! its fixture, then lints and tests the crates with their conformance suites.
//!
//! This file holds what is about the generator itself, through its public API: the warnings it
//! gives per item, how many operations and modules it makes, what it leaves out of the crate,
//! the documentation it writes (insta snapshots of it whole), and the checks every generated
//! file must pass.

use zoomgen::{Generated, Options};
use zoomgen_tests::root;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The text of `tests/fixtures/<name>.json`.
fn collection(name: &str) -> String {
    let path = root().join("tests/fixtures").join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The options `fixture_crates.rs` generates fixture `name` with.
fn options(name: &str) -> Options {
    Options::new(format!("fixture-{}", name.replace('_', "-")), format!("tests/fixtures/{name}.json"))
}

/// Generates `tests/fixtures/<name>.json` and runs the checks every generated crate must pass.
fn fixture(name: &str) -> Generated {
    let text = collection(name);
    serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{name}.json is not valid JSON: {e}"));
    let generated =
        zoomgen::generate(&text, &options(name)).unwrap_or_else(|e| panic!("{name} does not generate: {e}"));
    assert_common(name, &generated);
    generated
}

/// The warnings as `item: message` lines, for failure messages.
fn all_warnings(generated: &Generated) -> Vec<String> {
    generated.warnings.iter().map(ToString::to_string).collect()
}

/// The warnings about `item` (a `Folder / Request` path).
fn warnings_for<'a>(generated: &'a Generated, item: &str) -> Vec<&'a str> {
    generated.warnings.iter().filter(|w| w.item == item).map(|w| w.message.as_str()).collect()
}

/// Whether a warning about `item` contains `text`.
fn warns(generated: &Generated, item: &str, text: &str) -> bool {
    warnings_for(generated, item).iter().any(|w| w.contains(text))
}

/// Generated Rust sources of the crate, without the shared runtime (the same for every crate).
fn sources(generated: &Generated) -> impl Iterator<Item = (&str, &str)> {
    generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/") && f.path.ends_with(".rs") && !f.path.starts_with("src/runtime"))
        .map(|f| (f.path.as_str(), f.contents.as_str()))
}

/// Whether any file of the crate, the runtime included, contains `text`.
fn mentions(generated: &Generated, text: &str) -> bool {
    generated.files.iter().any(|f| f.contents.contains(text))
}

/// The documentation the crate carries from the collection, as `cargo doc` shows it: the crate
/// docs (`//!` in `lib.rs`), then every doc comment of each module, each block followed by the
/// item it documents (`-> fn list_notes`), file by file.
fn docs(generated: &Generated) -> String {
    let mut out = String::new();
    for (path, text) in sources(generated) {
        let is_lib = path == "src/lib.rs";
        out.push_str(&format!("=== {path} ===\n"));
        let mut in_block = false;
        for line in text.lines().map(str::trim_start) {
            if line.starts_with("//!") || (!is_lib && line.starts_with("///")) {
                out.push_str(line);
                out.push('\n');
                in_block = true;
            } else if in_block && !line.starts_with("#[") {
                if let Some(item) = item_name(line) {
                    out.push_str(&format!("-> {item}\n"));
                }
                out.push('\n');
                in_block = false;
            }
        }
    }
    out
}

/// `fn name`, `struct Name`, ... for the first line of an item.
fn item_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    let kind = words.find(|w| ["fn", "struct", "enum", "trait", "type", "mod"].contains(w))?;
    let name: String = words.next()?.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    Some(format!("{kind} {name}"))
}

/// The crate docs alone (`//!` in `lib.rs`): the title, the collection's description and the
/// usage example.
fn crate_docs(generated: &Generated) -> String {
    let lib = generated.files.iter().find(|f| f.path == "src/lib.rs").expect("a lib.rs");
    lib.contents.lines().filter(|l| l.starts_with("//!")).map(|l| format!("{l}\n")).collect()
}

// ---------------------------------------------------------------------------------------------
// Checks every generated crate must pass
// ---------------------------------------------------------------------------------------------

/// The checks every construct fixture must pass. That the crates compile without warnings (no
/// shadowed imports, no unfilled `{{variables}}` left to send) is checked by `fixture_crates.rs`,
/// which builds, lints and tests them.
fn assert_common(name: &str, generated: &Generated) {
    assert_marked(name, generated);
    assert_rustdoc_safe(name, generated);
}

/// Every generated file carries the ownership marker on its first line.
fn assert_marked(name: &str, generated: &Generated) {
    for f in &generated.files {
        let first = f.contents.lines().next().unwrap_or("");
        assert!(first.contains(zoomgen::MARKER), "{name}: {} lacks the marker: {first}", f.path);
    }
}

/// A markdown line with each inline code span replaced by a single backtick.
fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let ticks = rest[start..].bytes().take_while(|b| *b == b'`').count();
        let fence = &rest[start..start + ticks];
        match rest[start + ticks..].find(fence) {
            Some(end) => {
                out.push('`');
                rest = &rest[start + ticks + end + ticks..];
            }
            None => {
                rest = &rest[start + ticks..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Doc comments hold markdown rustdoc renders without warnings: no raw HTML tags, no bare
/// URLs, no `[text]` that is not a link, and every fenced block is marked `text` (or is the
/// crate's `no_run` usage example), so no description becomes a doctest. (`cargo doc` with
/// warnings as errors runs on the Zoom crates in `.ci/run`, not on the fixture crates.)
fn assert_rustdoc_safe(name: &str, generated: &Generated) {
    for (path, text) in sources(generated) {
        let mut in_fence = false;
        for line in text.lines() {
            let t = line.trim_start();
            let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else { continue };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            let context = || format!("{name}: {path}: doc line {line:?}");
            if let Some(info) = doc.trim_start().strip_prefix("```") {
                if !in_fence {
                    assert!(
                        info == "text" || info == "no_run",
                        "{}: a fenced block that rustdoc would compile",
                        context()
                    );
                }
                in_fence = !in_fence;
                continue;
            }
            if in_fence {
                continue;
            }
            assert!(!doc.starts_with("    "), "{}: an indented code block (a doctest)", context());
            let plain = without_code_spans(doc);
            // Autolinks `<https://..>` and inline links `[text](url)` are fine; other `<` are tags.
            let mut rest = plain.as_str();
            while let Some(lt) = rest.find('<') {
                let after = &rest[lt + 1..];
                assert!(
                    after.starts_with("http://") || after.starts_with("https://"),
                    "{}: raw `<` (an HTML tag?)",
                    context()
                );
                rest = after;
            }
            for scheme in ["http://", "https://"] {
                for (at, _) in plain.match_indices(scheme) {
                    let before = plain[..at].chars().last();
                    assert!(matches!(before, Some('<' | '(')), "{}: a bare URL", context());
                }
            }
            let bytes = plain.as_bytes();
            for (at, _) in plain.match_indices('[') {
                if at > 0 && bytes[at - 1] == b'\\' {
                    continue;
                }
                let close = plain[at..].find(']').map(|c| at + c);
                let is_link = close.is_some_and(|c| plain[c + 1..].starts_with('('));
                let is_intra_doc = plain[at..].starts_with("[`");
                assert!(is_link || is_intra_doc, "{}: `[` that is neither escaped nor a link", context());
            }
        }
        assert!(!in_fence, "{name}: {path}: unterminated fenced block");
    }
}

#[test]
fn every_construct_fixture_generates_and_passes_the_common_checks() {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures exist")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|stem| stem.starts_with("construct_"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        fixture(&name);
        let behaviour = root().join("tests/fixture-tests").join(format!("{name}.rs"));
        let docs_only = name == "construct_descriptions";
        assert!(docs_only || behaviour.is_file(), "{name} has no behaviour tests in {}", behaviour.display());
    }
}

/// The common checks are not vacuous: each rejects what it is for.
#[test]
fn common_checks_reject_what_they_are_for() {
    let rejects = |module: &str| {
        let file = |path: &str, body: &str| zoomgen::GeneratedFile {
            path: path.to_owned(),
            contents: format!("// {}\n{body}", zoomgen::MARKER),
        };
        let generated = Generated {
            files: vec![file("src/lib.rs", "//! A crate.\n"), file("src/m.rs", module)],
            warnings: Vec::new(),
            stats: zoomgen::Stats { operations: 0, types: 0, modules: 1 },
            changes: Default::default(),
        };
        std::panic::catch_unwind(|| assert_common("fake", &generated)).is_err()
    };
    assert!(!rejects("/// See <https://a.test> and [`Call`], `<b>`, [a](https://b.test).\nfn f() {}\n"));
    assert!(rejects("/// See https://a.test\n"));
    assert!(rejects("/// Send <b>this</b>\n"));
    assert!(rejects("/// An [id] here\n"));
    assert!(rejects("/// ```json\n/// {}\n/// ```\n"));
    assert!(rejects("///     indented\n"));
    assert!(rejects("/// ```text\n/// never closed\n"));
    let unmarked = Generated {
        files: vec![zoomgen::GeneratedFile { path: "src/lib.rs".to_owned(), contents: "//! A crate.\n".to_owned() }],
        warnings: Vec::new(),
        stats: zoomgen::Stats { operations: 0, types: 0, modules: 0 },
        changes: Default::default(),
    };
    assert!(std::panic::catch_unwind(|| assert_common("fake", &unmarked)).is_err());
}

// ---------------------------------------------------------------------------------------------
// 1. info.schema v2.0.0 with auth params as an object map vs v2.1 `[{key, value, type}]` lists
// ---------------------------------------------------------------------------------------------

#[test]
fn v20_auth_params_as_an_object_map() {
    let f = fixture("construct_v20_auth_map");
    assert!(f.warnings.is_empty(), "{:?}", all_warnings(&f));
    // The usage example sets up each kind of credential the API needs.
    insta::assert_snapshot!("construct_v20_auth_map_crate_docs", crate_docs(&f));
}

#[test]
fn v21_auth_params_as_key_value_lists() {
    let f = fixture("construct_v21_auth_list");
    assert!(f.warnings.is_empty(), "{:?}", all_warnings(&f));
    insta::assert_snapshot!("construct_v21_auth_list_crate_docs", crate_docs(&f));
}

// ---------------------------------------------------------------------------------------------
// 2. Items nested 4 deep; folder = item with `item`; names and ids missing or repeated
// ---------------------------------------------------------------------------------------------

#[test]
fn nested_folders_flatten_into_their_top_level_module() {
    let f = fixture("construct_nesting");
    // Every request gets a method, the unnamed one included.
    assert_eq!(f.stats.operations, 7);
    // Top-level folders (named or not) and the loose top-level request: three modules.
    assert_eq!(f.stats.modules, 3);
    assert!(f.warnings.is_empty(), "{:?}", all_warnings(&f));
}

#[test]
fn warnings_name_a_request_by_its_full_folder_path() {
    let mut collection: serde_json::Value = serde_json::from_str(&collection("construct_nesting")).expect("JSON");
    let list_roles = &mut collection["item"][0]["item"][0]["item"][0]["item"][0]["item"][0];
    assert_eq!(list_roles["name"], "List roles");
    list_roles["event"] = serde_json::json!([{"listen": "test", "script": {"exec": ["pm.test('ok', () => {});"]}}]);
    let generated = zoomgen::generate(&collection.to_string(), &options("construct_nesting")).expect("generates");
    let items: Vec<&str> = generated.warnings.iter().map(|w| w.item.as_str()).collect();
    assert_eq!(items, ["Org / Teams / Members / Roles / List roles"]);
}

// ---------------------------------------------------------------------------------------------
// 3. `request` as a URL string; `method` missing or lowercase; `response` with nulls
// 4. URL as string or object, `raw` missing, `host`/`path` string or array, `{type, value}`, port
// ---------------------------------------------------------------------------------------------

#[test]
fn request_and_url_forms_are_read_without_warnings_but_a_url_without_scheme() {
    let f = fixture("construct_request_forms");
    assert!(f.warnings.is_empty(), "{:?}", all_warnings(&f));
    let f = fixture("construct_urls");
    assert!(warnings_for(&f, "Things / List things").is_empty(), "{:?}", all_warnings(&f));
    assert_eq!(f.warnings.len(), 1, "{:?}", all_warnings(&f));
    assert!(warns(&f, "Elsewhere / Post anywhere", "no scheme"), "{:?}", all_warnings(&f));
}

// ---------------------------------------------------------------------------------------------
// 5. Path variables (`key` and legacy `id`) and `{{var}}` everywhere
// ---------------------------------------------------------------------------------------------

#[test]
fn variables_warn_only_about_a_body_that_cannot_be_typed() {
    let f = fixture("construct_variables");
    // An unquoted variable without a value leaves no JSON to type: the body is text.
    assert!(warns(&f, "Projects / Update project", "JSON"), "{:?}", all_warnings(&f));
    assert_eq!(f.warnings.len(), 1, "{:?}", all_warnings(&f));
}

#[test]
fn a_disabled_variable_defines_nothing() {
    let f = fixture("construct_variables");
    assert!(!mentions(&f, "unusedDisabled"));
}

// ---------------------------------------------------------------------------------------------
// 6. Query params and headers: disabled, repeated, missing keys, numbers and booleans
// ---------------------------------------------------------------------------------------------

#[test]
fn query_pairs_without_a_key_are_sent_as_written_and_headers_without_one_left_out() {
    let f = fixture("construct_params");
    // Postman sends `?=orphan&=empty-key`; a header needs a name.
    for value in ["orphan", "empty-key"] {
        assert!(mentions(&f, value), "{value} is not in the crate");
    }
    assert!(!mentions(&f, "no-key"), "no-key is in the crate");
    assert!(f.warnings.is_empty(), "{:?}", all_warnings(&f));
}

// ---------------------------------------------------------------------------------------------
// 7. Bodies: raw json/xml/text, urlencoded, formdata (text, JSON text, file), file, graphql,
//    disabled, unknown mode
// ---------------------------------------------------------------------------------------------

#[test]
fn bodies_that_cannot_be_typed_warn_per_request() {
    let f = fixture("construct_bodies");
    assert!(warnings_for(&f, "Uploads / Create note").is_empty(), "{:?}", all_warnings(&f));
    assert!(warns(&f, "Uploads / Create note xml", "xml"), "{:?}", all_warnings(&f));
    assert!(!warnings_for(&f, "Uploads / Upload binary").is_empty(), "{:?}", all_warnings(&f));
    assert!(warns(&f, "Uploads / Query graph", "GraphQL"), "{:?}", all_warnings(&f));
    // An unknown mode is read as raw text, with a warning naming the mode.
    assert!(warns(&f, "Uploads / Stream note", "`stream`"), "{:?}", all_warnings(&f));
}

// ---------------------------------------------------------------------------------------------
// 8. Auth at collection, folder and request level; inheritance; every auth type
// ---------------------------------------------------------------------------------------------

#[test]
fn inherited_auth_gives_no_warnings_and_unsupported_auth_types_warn_per_request() {
    let f = fixture("construct_auth");
    let signed = [
        "Who am I",
        "Admin / Null auth",
        "Public / Public token check",
        "Exotic / Digest one",
        "Exotic / OAuth1 call",
        "Exotic / Hawk call",
        "Exotic / AWS call",
        "Exotic / JWT call",
        "Exotic / EdgeGrid call",
        "Exotic / NTLM call",
    ];
    for item in signed {
        assert!(warnings_for(&f, item).is_empty(), "{item}: {:?}", all_warnings(&f));
    }
    let unsupported = [("Admin / Inherit auth", "inherit"), ("Public / Deeper / Public status", "inherit")];
    for (item, kind) in unsupported {
        assert!(warns(&f, item, &format!("`{kind}`")), "{item}: {:?}", all_warnings(&f));
    }
    assert_eq!(f.warnings.len(), unsupported.len(), "{:?}", all_warnings(&f));
}

// ---------------------------------------------------------------------------------------------
// 9. Descriptions: string or `{content, type}`, markdown or HTML
// ---------------------------------------------------------------------------------------------

/// HTML becomes markdown, markdown is made rustdoc-safe (brackets escaped, bare URLs made
/// autolinks, fences marked `text`, no indented code blocks, `<` and `>` escaped), for the
/// collection, folders, requests, item-level (v2.0) descriptions, path variables, query
/// parameters and saved response names; `{type}` without `content` gives no description.
#[test]
fn descriptions_become_rustdoc_safe_markdown() {
    let f = fixture("construct_descriptions");
    insta::assert_snapshot!("construct_descriptions_docs", docs(&f));
}

// ---------------------------------------------------------------------------------------------
// 10. Saved responses: `code` missing, `header` as a string, invalid JSON, several per status
// ---------------------------------------------------------------------------------------------

#[test]
fn saved_responses_that_cannot_be_used_warn() {
    let f = fixture("construct_responses");
    assert!(warns(&f, "Users / Get user", "status code"), "{:?}", all_warnings(&f));
    assert!(!warnings_for(&f, "Users / Export users").is_empty(), "{:?}", all_warnings(&f));
}

// ---------------------------------------------------------------------------------------------
// 11. Scripts (`event`): warned about, never run
// ---------------------------------------------------------------------------------------------

#[test]
fn scripts_are_warned_about_at_every_level() {
    let f = fixture("construct_scripts");
    let mut found: Vec<(String, String)> = f
        .warnings
        .iter()
        .map(|w| (w.item.clone(), w.message.split_whitespace().next().unwrap_or("").to_owned()))
        .collect();
    found.sort();
    // Collection (empty item), folder and request; empty scripts are not worth a warning.
    let expected = [("", "prerequest"), ("Session", "prerequest"), ("Session / Get session", "test")];
    assert_eq!(found, expected.map(|(i, m)| (i.to_owned(), m.to_owned())), "{:?}", all_warnings(&f));
    assert!(f.warnings.iter().all(|w| w.message.contains("not run")), "{:?}", all_warnings(&f));
}

#[test]
fn scripts_are_never_copied_into_the_crate() {
    let f = fixture("construct_scripts");
    for script in ["pm.environment", "pm.collectionVariables", "pm.test", "pm.response"] {
        assert!(!mentions(&f, script), "the crate contains script code {script}");
    }
}
