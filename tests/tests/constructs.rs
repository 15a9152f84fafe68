//! The Postman constructs a robust parser must accept (the last section of
//! `../shared/docs/anchors.md`), one small collection each under
//! `tests/fixtures/construct_*.json`, and what a user of the generated client relies on for each.
//!
//! These tests read the generated source (and the IR dump). That the fixtures compile, pass
//! clippy and send the right requests against a mock server is checked by `fixture_crates.rs`,
//! which picks up every fixture on its own.
//!
//! Every module and `lib.rs` is formatted by prettyplease, which parses it with `syn` first, so a
//! generated `.rs` file that did not parse would already fail `generate`. (`syn` is not a
//! dependency of this crate, so the files are not parsed a second time here.)

use zoomgen::{Generated, Options};
use zoomgen_tests::root;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A generated fixture crate with its IR dump.
struct Fixture {
    name: &'static str,
    generated: Generated,
    ir: String,
}

/// Generates `tests/fixtures/<name>.json` and runs the checks every fixture must pass.
fn fixture(name: &'static str) -> Fixture {
    let path = root().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{name}.json is not valid JSON: {e}"));
    let options = Options::new(format!("fixture-{}", name.replace('_', "-")), format!("tests/fixtures/{name}.json"));
    let generated = zoomgen::generate(&text, &options).unwrap_or_else(|e| panic!("{name} does not generate: {e}"));
    let ir = zoomgen::dump_ir(&text, &options).unwrap_or_else(|e| panic!("{name} does not lower: {e}"));
    let fixture = Fixture { name, generated, ir };
    fixture.assert_common();
    fixture
}

/// `s` without any whitespace, so that assertions do not depend on how prettyplease wraps lines.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The item starting at `start` (`pub fn x(`, `impl X {`, `pub struct X {`) through its closing
/// brace. Braces inside string literals (`"{{var}}"`) are skipped.
fn item_at(text: &str, start: usize) -> &str {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return &text[start..=i];
                    }
                }
                b';' if depth == 0 => return &text[start..=i],
                _ => {}
            }
        }
        i += 1;
    }
    panic!("unterminated item at {start}: {}", &text[start..text.len().min(start + 200)]);
}

/// The doc comment lines (`///`) directly above position `at`, in order.
fn docs_above(text: &str, at: usize) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    for line in text[..line_start].lines().rev() {
        let t = line.trim_start();
        if let Some(doc) = t.strip_prefix("///") {
            lines.push(doc.strip_prefix(' ').unwrap_or(doc));
        } else if t.starts_with("#[") {
            continue;
        } else {
            break;
        }
    }
    lines.reverse();
    lines.join("\n")
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

impl Fixture {
    /// Generated Rust sources of the crate, without the shared runtime.
    fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.generated
            .files
            .iter()
            .filter(|f| f.path.starts_with("src/") && f.path.ends_with(".rs") && !f.path.starts_with("src/runtime"))
            .map(|f| (f.path.as_str(), f.contents.as_str()))
    }

    fn file(&self, path: &str) -> &str {
        self.generated
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("{}: no file {path}", self.name))
    }

    fn lib(&self) -> &str {
        self.file("src/lib.rs")
    }

    /// `(module file, position)` of the first occurrence of `pattern` in a module or `lib.rs`.
    fn find(&self, pattern: &str) -> Option<(&str, usize)> {
        self.sources().find_map(|(_, text)| text.find(pattern).map(|at| (text, at)))
    }

    /// `(module file, position)` of the accessor method `name` (`pub fn name(&self, ..`, however
    /// the signature is wrapped).
    fn find_method(&self, name: &str) -> Option<(&str, usize)> {
        let pattern = format!("pub fn {name}(");
        self.sources().find_map(|(_, text)| {
            text.match_indices(&pattern)
                .find(|(at, _)| text[at + pattern.len()..].trim_start().starts_with("&self"))
                .map(|(at, _)| (text, at))
        })
    }

    /// The module file defining the accessor method `name`.
    fn module_of(&self, method: &str) -> &str {
        self.find_method(method)
            .unwrap_or_else(|| panic!("{}: no method `{method}`:\n{}", self.name, self.all_code()))
            .0
    }

    /// The accessor method `name` (signature and body), whitespace removed.
    fn method(&self, name: &str) -> String {
        let (text, at) =
            self.find_method(name).unwrap_or_else(|| panic!("{}: no method `{name}`:\n{}", self.name, self.all_code()));
        squash(item_at(text, at))
    }

    /// The doc comment of the accessor method `name`.
    fn method_docs(&self, name: &str) -> String {
        let (text, at) = self.find_method(name).unwrap_or_else(|| panic!("{}: no method `{name}`", self.name));
        docs_above(text, at)
    }

    /// The setters of builder type `name` (`impl Name { .. }`), whitespace removed; empty when it
    /// has none.
    fn setters(&self, name: &str) -> String {
        match self.find(&format!("impl {name} {{")) {
            Some((text, at)) => squash(item_at(text, at)),
            None => String::new(),
        }
    }

    /// The `operation!` line of builder type `name`, whitespace removed.
    fn operation(&self, name: &str) -> String {
        // The macro call starts with the builder's doc attribute: `operation!(#[doc = ".."] Name => ..);`.
        let needle = format!("]{name}=>");
        for (_, text) in self.sources() {
            let flat = squash(text);
            if let Some(at) = flat.find(&needle) {
                let start = flat[..at].rfind("runtime::operation!(").unwrap_or(at);
                let end = flat[at..].find(");").map_or(flat.len(), |e| at + e + 2);
                let doc_end = flat[start..].find("\"]").map_or(start, |e| start + e + 2);
                return format!("runtime::operation!({}", &flat[doc_end..end]);
            }
        }
        panic!("{}: no operation line for `{name}`:\n{}", self.name, self.all_code());
    }

    /// The struct `name`, whitespace removed.
    fn struct_def(&self, name: &str) -> String {
        let pattern = format!("pub struct {name} {{");
        let (text, at) =
            self.find(&pattern).unwrap_or_else(|| panic!("{}: no struct `{name}`:\n{}", self.name, self.all_code()));
        squash(item_at(text, at))
    }

    /// The struct `name`, whitespace removed, if it is defined.
    fn struct_def_opt(&self, name: &str) -> Option<String> {
        let pattern = format!("pub struct {name} {{");
        self.find(&pattern).map(|(text, at)| squash(item_at(text, at)))
    }

    /// Every generated source but the runtime, for failure messages.
    fn all_code(&self) -> String {
        self.sources().map(|(p, t)| format!("=== {p} ===\n{t}")).collect()
    }

    /// The warnings as `item: message` lines.
    fn warnings(&self) -> Vec<String> {
        self.generated.warnings.iter().map(|w| format!("{}: {}", w.item, w.message)).collect()
    }

    /// The warnings about `item`.
    fn warnings_for(&self, item: &str) -> Vec<&str> {
        self.generated.warnings.iter().filter(|w| w.item == item).map(|w| w.message.as_str()).collect()
    }

    /// The `AuthKind::..` an accessor method sends with.
    fn auth_of(&self, method: &str) -> String {
        let body = self.method(method);
        let at =
            body.find("AuthKind::").unwrap_or_else(|| panic!("{}: `{method}` names no AuthKind: {body}", self.name));
        let rest = &body[at..];
        let mut depth = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => return rest[..i].to_owned(),
                ')' => depth -= 1,
                _ => {}
            }
        }
        rest.to_owned()
    }

    /// The default base URLs (`SERVERS` in `lib.rs`).
    fn servers(&self) -> Vec<String> {
        let lib = self.lib();
        let start = lib.find("SERVERS: &[&str] = &[").unwrap_or_else(|| panic!("{}: no SERVERS", self.name));
        let list = &lib[start..start + lib[start..].find("];").expect("end of SERVERS")];
        list.split('"').skip(1).step_by(2).map(str::to_owned).collect()
    }

    /// The URL an accessor method without path arguments sends to by default: its server's
    /// default base URL followed by its path.
    fn default_url_of(&self, method: &str) -> String {
        let call = self.method(method);
        let at = call.find("Call::new(&self.client,").unwrap_or_else(|| panic!("{call}"));
        let index: usize = call[at..]
            .split(',')
            .nth(2)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no server index in {call}"));
        let mut url = self.servers()[index].clone();
        for (at, _) in call.match_indices(".path(\"") {
            let text = &call[at + 7..];
            url.push_str(&text[..text.find('"').expect("closing quote")]);
        }
        url
    }

    /// The names of the collection variables the client asks for (`ClientBuilder` setters
    /// calling `self.variable("name", value)`).
    fn client_variables(&self) -> Vec<String> {
        let lib = squash(self.lib());
        let mut out = Vec::new();
        let mut rest = lib.as_str();
        while let Some(at) = rest.find("self.variable(\"") {
            let after = &rest[at + "self.variable(\"".len()..];
            let end = after.find('"').expect("closing quote");
            out.push(after[..end].to_owned());
            rest = &after[end..];
        }
        out
    }

    /// The checks every construct fixture must pass.
    fn assert_common(&self) {
        self.assert_marked();
        self.assert_no_unfilled_variables();
        self.assert_rustdoc_safe();
        self.assert_no_shadowed_imports();
    }

    /// Every generated file carries the ownership marker on its first line.
    fn assert_marked(&self) {
        for f in &self.generated.files {
            let first = f.contents.lines().next().unwrap_or("");
            assert!(first.contains(zoomgen::MARKER), "{}: {} lacks the marker: {first}", self.name, f.path);
        }
    }

    /// A `{{variable}}` left in code (not in a comment) is only ever a template the client fills
    /// from a `ClientBuilder` setting: it is never sent as written.
    fn assert_no_unfilled_variables(&self) {
        let filled = self.client_variables();
        for (path, text) in self.sources() {
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                let mut rest = line;
                while let Some(start) = rest.find("{{") {
                    let Some(len) = rest[start + 2..].find("}}") else { break };
                    let name = rest[start + 2..start + 2 + len].trim();
                    assert!(
                        filled.iter().any(|v| v == name),
                        "{}: {path} uses `{{{{{name}}}}}` without a client setting for it (settings: {filled:?}):\n{line}",
                        self.name
                    );
                    rest = &rest[start + len + 4..];
                }
            }
        }
    }

    /// Doc comments hold markdown rustdoc renders without warnings: no raw HTML tags, no bare
    /// URLs, no `[text]` that is not a link, and every fenced block is marked `text` (or is the
    /// crate's `no_run` usage example), so no description becomes a doctest.
    fn assert_rustdoc_safe(&self) {
        for (path, text) in self.sources() {
            let mut in_fence = false;
            for line in text.lines() {
                let t = line.trim_start();
                let Some(doc) = t.strip_prefix("///").or_else(|| t.strip_prefix("//!")) else { continue };
                let doc = doc.strip_prefix(' ').unwrap_or(doc);
                let context = || format!("{}: {path}: doc line {line:?}", self.name);
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
            assert!(!in_fence, "{}: {path}: unterminated fenced block", self.name);
        }
    }

    /// No type a module defines takes a name the module imports (`Call`, `Method`, `AuthKind`,
    /// `Client`), which would not compile.
    fn assert_no_shadowed_imports(&self) {
        for (path, text) in self.sources() {
            let mut imported = Vec::new();
            for line in text.lines().filter(|l| l.starts_with("use ")) {
                let list = line.trim_end_matches(';');
                let names = match list.find('{') {
                    Some(open) => list[open + 1..].trim_end_matches('}').to_owned(),
                    None => list.rsplit("::").next().unwrap_or("").to_owned(),
                };
                imported.extend(names.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty() && n != "self"));
            }
            for name in &imported {
                for kind in ["pub struct", "pub enum", "pub type", "pub trait"] {
                    for sep in ["(", " {", "<", ";"] {
                        let def = format!("{kind} {name}{sep}");
                        assert!(
                            !text.contains(&def),
                            "{}: {path} defines `{kind} {name}`, which the module also imports (`use ...{name}`): it does not compile",
                            self.name
                        );
                    }
                }
            }
        }
    }
}

#[track_caller]
fn assert_has(haystack: &str, needle: &str) {
    assert!(squash(haystack).contains(&squash(needle)), "expected to find\n  {needle}\nin\n  {haystack}");
}

#[track_caller]
fn assert_lacks(haystack: &str, needle: &str) {
    assert!(!squash(haystack).contains(&squash(needle)), "expected NOT to find\n  {needle}\nin\n  {haystack}");
}

/// The common checks are not vacuous: each rejects what it is for.
#[test]
fn common_checks_reject_what_they_are_for() {
    let fake = |module: &str| {
        Fixture {
        name: "fake",
        generated: Generated {
            files: vec![
                zoomgen::GeneratedFile {
                    path: "src/lib.rs".to_owned(),
                    contents: format!("// {}\nimpl ClientBuilder {{ pub fn a(self, value: impl Into<String>) -> Self {{ self.variable(\"known\", value) }} }}\n", zoomgen::MARKER),
                },
                zoomgen::GeneratedFile { path: "src/m.rs".to_owned(), contents: format!("// {}\n{module}", zoomgen::MARKER) },
            ],
            warnings: Vec::new(),
            stats: zoomgen::Stats { operations: 0, types: 0, modules: 1 },
        },
        ir: String::new(),
    }
    };
    let rejects = |module: &str| {
        let f = fake(module);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f.assert_common())).is_err()
    };
    assert!(!rejects("use crate::runtime::{self, Call};\n/// See <https://a.test> and [`Call`], `<b>`.\nfn f() { x(\"{{known}}\"); }\n"));
    assert!(rejects("fn f() { x(\"{{unknown}}\"); }\n"));
    assert!(rejects("/// See https://a.test\n"));
    assert!(rejects("/// Send <b>this</b>\n"));
    assert!(rejects("/// An [id] here\n"));
    assert!(rejects("/// ```json\n/// {}\n/// ```\n"));
    assert!(rejects("///     indented\n"));
    assert!(rejects("use crate::runtime::{self, AuthKind, Call, Method};\npub struct Call(runtime::Call);\n"));
}

// ---------------------------------------------------------------------------------------------
// 1. info.schema v2.0.0 with auth params as an object map vs v2.1 `[{key, value, type}]` lists
// ---------------------------------------------------------------------------------------------

const AUTH_METHODS: [(&str, &str); 4] = [
    ("get_account", "AuthKind::Basic"),
    ("list_keys", "AuthKind::ApiKeyHeader(\"X-Api-Key\")"),
    ("search_keys", "AuthKind::ApiKeyQuery(\"key\")"),
    ("rotate_key", "AuthKind::Bearer"),
];

fn assert_auth_layout(f: &Fixture) {
    for (method, auth) in AUTH_METHODS {
        assert_eq!(f.auth_of(method), auth, "{}: {method}", f.name);
    }
    assert!(f.generated.warnings.is_empty(), "{}: {:?}", f.name, f.warnings());
    assert_has(&f.setters("SearchKeys"), r#".query("prefix", Some(value.as_ref()))"#);
    // The usage example in the crate docs sets up each kind of credential the API needs.
    for setup in ["Auth::basic(", "Auth::api_key(", "Auth::bearer("] {
        assert!(f.lib().contains(setup), "{}: crate docs lack {setup}", f.name);
    }
}

#[test]
fn v20_auth_params_as_an_object_map() {
    let f = fixture("construct_v20_auth_map");
    assert_auth_layout(&f);
    // The key name and `in` come from the map, whatever the key order.
    assert!(f.ir.contains("in_query: true"), "{}", f.ir);
}

#[test]
fn v21_auth_params_as_key_value_lists() {
    let f = fixture("construct_v21_auth_list");
    assert_auth_layout(&f);
    assert!(f.ir.contains("in_query: true"), "{}", f.ir);
}

#[test]
fn v20_and_v21_auth_layouts_give_the_same_methods() {
    let v20 = fixture("construct_v20_auth_map");
    let v21 = fixture("construct_v21_auth_list");
    let calls = |f: &Fixture| AUTH_METHODS.map(|(m, _)| f.method(m));
    assert_eq!(calls(&v20), calls(&v21));
}

// ---------------------------------------------------------------------------------------------
// 2. Items nested 4 deep; folder = item with `item`; names and ids missing or repeated
// ---------------------------------------------------------------------------------------------

#[test]
fn nested_folders_flatten_into_their_top_level_module() {
    let f = fixture("construct_nesting");
    assert_eq!(f.generated.stats.operations, 7, "{}", f.ir);
    // Top-level folders (named or not) and the loose top-level request: three modules.
    assert_eq!(f.generated.stats.modules, 3, "{}", f.ir);
    let org = f.module_of("list_roles");
    for method in ["get_member", "get_member_profile", "get_settings"] {
        assert_eq!(f.module_of(method), org, "{method} belongs with list_roles in the Org module");
    }
    assert_has(&f.method("list_roles"), r#"pub fn list_roles(&self, team_id: i64)"#);
    assert_has(&f.method("list_roles"), r#".path("/teams/").param("teamId", &team_id).path("/members/roles")"#);
    // Warnings and docs name a request by its full folder path.
    assert!(f.ir.contains("item_path: \"Org / Teams / Members / Roles / List roles\""), "{}", f.ir);
    // The loose request at the top level still gets a method, in a module of its own.
    assert_has(&f.method("ping"), r#".path("/ping")"#);
    assert_ne!(f.module_of("ping"), org);
    assert!(f.generated.warnings.is_empty(), "{:?}", f.warnings());
}

#[test]
fn repeated_request_names_get_distinct_methods() {
    let f = fixture("construct_nesting");
    let first = f.method("get_member");
    let second = f.method("get_member_profile");
    assert_has(&first, r#".path("/members/").param("memberId", member_id.as_ref())"#);
    assert_lacks(&first, "/profile");
    assert_has(&second, r#".param("memberId", member_id.as_ref()).path("/profile")"#);
}

#[test]
fn unnamed_requests_and_folders_get_usable_methods() {
    let f = fixture("construct_nesting");
    // The unnamed DELETE request still gets a method (whatever it is called).
    let code = squash(&f.all_code());
    assert!(
        code.contains(r#"Call::new(&self.client,Method::DELETE,0,AuthKind::None).path("/org/cache")"#),
        "{}",
        f.all_code()
    );
    // The unnamed top-level folder still becomes a module with an accessor and its request.
    let health_module = f.module_of("health");
    assert_ne!(health_module, f.module_of("list_roles"));
    assert!(health_module.contains("impl Client {"), "{health_module}");
}

// ---------------------------------------------------------------------------------------------
// 3. `request` as a URL string; `method` missing or lowercase; `response` with nulls
// ---------------------------------------------------------------------------------------------

#[test]
fn request_forms_and_methods() {
    let f = fixture("construct_request_forms");
    assert_has(
        &f.method("get_status"),
        r#"Call::new(&self.client, Method::GET, 0, AuthKind::None).path("/api/status")"#,
    );
    // A string request keeps its query string as optional, typed inputs.
    let search = f.method("search_status");
    assert_has(&search, r#"Method::GET"#);
    assert_has(&search, r#".path("/api/status/search")"#);
    assert_has(&f.setters("SearchStatus"), r#"pub fn q(self, value: impl AsRef<str>)"#);
    assert_has(&f.setters("SearchStatus"), r#"pub fn limit(self, value: i64)"#);
    // `method` missing: GET.
    assert_has(&f.method("get_uptime"), "Method::GET");
    // `post`, `Patch`, `delete`: methods are case-insensitive.
    assert_has(&f.method("reset_status"), "Method::POST");
    assert_has(&f.method("patch_status"), "Method::PATCH");
    assert_has(&f.method("remove_status"), "Method::DELETE");
    assert!(f.generated.warnings.is_empty(), "{:?}", f.warnings());
}

#[test]
fn null_responses_are_skipped() {
    let f = fixture("construct_request_forms");
    assert_has(&f.operation("GetUptime"), "GetUptime => GetUptimeResponse, serde_json::Value;");
    assert_has(&f.operation("GetUptime"), "success[200]");
    let ty = f.struct_def("GetUptimeResponse");
    assert_has(&ty, "pub seconds: i64");
    assert_has(&ty, "pub healthy: bool");
    assert_has(&f.operation("PatchStatus"), "success[200]");
    // `[null]` and `null`: no documented status, any 2xx is success.
    assert_has(&f.operation("ResetStatus"), "success[]; errors[]");
    assert_has(&f.operation("RemoveStatus"), "success[]; errors[]");
}

// ---------------------------------------------------------------------------------------------
// 4. URL as string or object, `raw` missing, `host`/`path` string or array, `{type, value}`, port
// ---------------------------------------------------------------------------------------------

#[test]
fn every_url_form_reaches_the_same_base_url_and_its_own_path() {
    let f = fixture("construct_urls");
    // One base URL with its port, whichever form the URL takes.
    assert_has(f.lib(), r#"pub(crate) const SERVERS: &[&str] = &["https://urls.example.test:8443"];"#);
    assert_eq!(f.ir.matches("default_url:").count(), 1, "{}", f.ir);
    let cases = [
        ("list_things", r#".path("/v1/things")"#),
        ("list_widgets", r#".path("/v1/widgets")"#),
        ("get_gadget", r#".path("/v1/gadgets/").param("gadgetId", &gadget_id)"#),
        ("get_part", r#".path("/v1/parts/").param("partId", part_id.as_ref()).path("/revisions")"#),
        ("get_raw_only", r#".path("/v1/raw-only")"#),
        ("count_things", r#".path("/v1/things/count")"#),
    ];
    for (method, path) in cases {
        let call = f.method(method);
        assert_has(&call, "Method::GET, 0,");
        assert_has(&call, path);
    }
    assert_has(&f.method("get_gadget"), "pub fn get_gadget(&self, gadget_id: i64)");
    assert_has(&f.setters("ListThings"), r#"pub fn limit(self, value: i64)"#);
    assert_has(&f.setters("GetRawOnly"), r#"pub fn verbose(self, value: bool)"#);
    assert_has(&f.setters("CountThings"), r#".query("kind", Some(value.as_ref()))"#);
    assert!(f.generated.warnings.is_empty(), "{:?}", f.warnings());
}

// ---------------------------------------------------------------------------------------------
// 5. Path variables (`key` and legacy `id`) and `{{var}}` everywhere
// ---------------------------------------------------------------------------------------------

#[test]
fn variables_in_the_host_resolve_recursively_through_hyphenated_names() {
    let f = fixture("construct_variables");
    // The `Mirror` folder gives the host another value: a base URL of its own.
    assert_has(f.lib(), r#""https://vars.example.test/v1","#);
    assert_has(f.lib(), r#""https://vars.example.test/v2","#);
    assert_has(f.lib(), "pub fn base_url(self, url: impl Into<String>) -> Self");
    assert_has(f.lib(), "pub fn base_url_2(self, url: impl Into<String>) -> Self");
}

#[test]
fn variables_resolve_collection_then_folder_then_request() {
    let f = fixture("construct_variables");
    assert_has(&f.method("collection_scope"), r#".path("/scopes/collection")"#);
    assert_has(&f.method("folder_scope"), r#".path("/scopes/folder")"#);
    assert_has(&f.method("request_scope"), r#".path("/scopes/request")"#);
    // The disabled variable is not used, and defines nothing.
    assert!(!f.all_code().contains("unusedDisabled"));
}

#[test]
fn variables_resolve_per_request_in_the_host_too() {
    let f = fixture("construct_variables");
    assert_eq!(f.default_url_of("collection_scope"), "https://vars.example.test/v1/scopes/collection");
    assert_eq!(f.default_url_of("folder_scope"), "https://vars.example.test/v1/scopes/folder");
}

#[test]
fn folder_level_variables_change_the_base_url_of_their_requests() {
    let f = fixture("construct_variables");
    assert_eq!(f.default_url_of("get_mirror_status"), "https://vars.example.test/v2/status");
    assert_eq!(f.default_url_of("collection_scope"), "https://vars.example.test/v1/scopes/collection");
}

#[test]
fn path_variables_by_key_and_legacy_id() {
    let f = fixture("construct_variables");
    let call = f.method("get_project");
    assert_has(&call, "pub fn get_project(&self, project_id: impl AsRef<str>, item_id: i64)");
    assert_has(
        &call,
        r#".path("/projects/").param("projectId", project_id.as_ref()).path("/items/").param("itemId", &item_id)"#,
    );
    // Example values come through `{{var}}`s resolved at folder level (one named by legacy `id`).
    assert!(f.ir.contains("\"proj-internal\""), "{}", f.ir);
}

#[test]
fn variables_in_query_and_headers() {
    let f = fixture("construct_variables");
    let call = f.method("get_project");
    assert_has(&call, r#".header("X-Kind", Some("internal"))"#);
    assert_has(&call, r#".header("X-Tenant", Some("{{tenant-id}}"))"#);
    let setters = f.setters("GetProject");
    // `{{defaultLimit}}` is 25: the input is an integer.
    assert_has(&setters, r#"pub fn limit(self, value: i64) -> Self { Self(self.0.query("limit", Some(&value))) }"#);
    assert_has(&setters, r#".query("scope", Some(value.as_ref()))"#);
    assert_has(&setters, r#".query("session", Some(value.as_ref()))"#);
}

#[test]
fn variables_without_a_value_become_client_settings() {
    let f = fixture("construct_variables");
    let vars = f.client_variables();
    for name in ["tenant-id", "sessionId"] {
        assert!(vars.contains(&name.to_owned()), "{name} not among {vars:?}");
    }
    // Hyphenated names get snake_case setters.
    assert_has(
        f.lib(),
        r#"pub fn tenant_id(self, value: impl Into<String>) -> Self { self.variable("tenant-id", value) }"#,
    );
    assert_has(
        f.lib(),
        r#"pub fn session_id(self, value: impl Into<String>) -> Self { self.variable("sessionId", value) }"#,
    );
    // In a path the client fills it in (percent-encoded), never sends it as written.
    assert_has(&f.method("get_session"), r#".path("/sessions/{{sessionId}}")"#);
    // Variables with values are never client settings.
    for name in ["baseUrl", "api-host", "scope", "defaultLimit", "projectKind", "defaultProject"] {
        assert!(!vars.contains(&name.to_owned()), "{name} has a value but is among {vars:?}");
    }
}

#[test]
fn variables_inside_raw_json_bodies() {
    let f = fixture("construct_variables");
    assert_has(&f.method("create_project"), "pub fn create_project(&self, body: CreateProjectBody)");
    assert_has(&f.method("create_project"), r#".json(&body, "application/json")"#);
    let body = f.struct_def("CreateProjectBody");
    // Quoted variables are strings; the unquoted `{{defaultLimit}}` (25) is a number.
    assert_has(&body, "pub name: Option<String>");
    assert_has(&body, "pub kind: Option<String>");
    assert_has(&body, "pub limit: Option<i64>");
    assert_has(&body, "pub tenant: Option<String>");
    // An unquoted variable without a value leaves no JSON to type: the body is text, with a warning.
    assert_has(&f.method("update_project"), r#".raw(body.as_ref(), "application/json")"#);
    let warnings = f.warnings_for("Projects / Update project");
    assert!(warnings.iter().any(|w| w.contains("JSON")), "{:?}", f.warnings());
}

#[test]
fn cyclic_variables_end_and_are_never_sent_as_written() {
    let f = fixture("construct_variables");
    let call = f.method("echo_loop");
    // The cycle is cut; what is left is a client setting (checked for every fixture).
    let vars = f.client_variables();
    assert!(
        call.contains(r#".header("X-Loop",Some("{{ping}}"))"#) && vars.contains(&"ping".to_owned())
            || call.contains(r#".header("X-Loop",Some("{{pong}}"))"#) && vars.contains(&"pong".to_owned()),
        "{call}\n{vars:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Query params and headers: disabled, repeated, missing keys, numbers and booleans
// ---------------------------------------------------------------------------------------------

#[test]
fn query_params_disabled_repeated_missing_and_typed() {
    let f = fixture("construct_params");
    let setters = f.setters("SearchIssues");
    // Enabled twice: one list-valued input, sent once per value.
    assert_has(
        &setters,
        r#"pub fn tag(self, value: Vec<String>) -> Self { Self(self.0.query_all("tag", Some(value.as_slice()))) }"#,
    );
    // Enabled once and disabled once: one plain input.
    assert_has(
        &setters,
        r#"pub fn status(self, value: impl AsRef<str>) -> Self { Self(self.0.query("status", Some(value.as_ref()))) }"#,
    );
    // JSON number and boolean values type their inputs.
    assert_has(&setters, r#"pub fn page(self, value: i64)"#);
    assert_has(&setters, r#"pub fn archived(self, value: bool)"#);
    // A key without a value is still an input.
    assert_has(&setters, r#"pub fn cursor(self, value: impl AsRef<str>)"#);
    // A disabled parameter is available but not sent unless set.
    assert_has(&setters, r#".query("verbose", Some(&value))"#);
    let call = f.method("search_issues");
    assert_lacks(&call, ".query(");
    // Entries without a key are left out.
    assert_lacks(&f.all_code(), r#".query("""#);
    assert_lacks(&f.all_code(), "orphan");
    assert_lacks(&f.all_code(), "empty-key");
    assert!(f.generated.warnings.is_empty(), "{:?}", f.warnings());
}

#[test]
fn headers_disabled_missing_and_typed() {
    let f = fixture("construct_params");
    let call = f.method("get_issue");
    // A numeric path example types the argument.
    assert_has(&call, "pub fn get_issue(&self, issue_id: i64)");
    // Enabled headers are sent as the collection gives them, numbers and booleans as text.
    assert_has(&call, r#".header("Accept", Some("application/json"))"#);
    assert_has(&call, r#".header("X-Retry-Count", Some("3"))"#);
    assert_has(&call, r#".header("X-Debug", Some("true"))"#);
    // A disabled header is not sent unless set.
    assert_lacks(&call, "X-Legacy");
    assert_has(
        &f.setters("GetIssue"),
        r#"pub fn x_legacy(self, value: impl AsRef<str>) -> Self { Self(self.0.header("X-Legacy", Some(value.as_ref()))) }"#,
    );
    // Headers without a key are left out.
    assert_lacks(&f.all_code(), r#".header("""#);
    assert_lacks(&f.all_code(), "no-key");
}

#[test]
fn repeated_header_keys_send_every_value() {
    let f = fixture("construct_params");
    let call = f.method("get_issue");
    // `Call::header` replaces an earlier value of the same name, so both values must go out as one
    // combined field value (RFC 9110, section 5.3), in the collection's order.
    assert_has(&call, r#".header("X-Feature", Some("search, beta"))"#);
    assert_eq!(call.matches(r#".header("X-Feature","#).count(), 1, "{call}");
}

// ---------------------------------------------------------------------------------------------
// 7. Bodies: raw json/xml/text, urlencoded, formdata (text, JSON text, file), file, graphql,
//    disabled, unknown mode
// ---------------------------------------------------------------------------------------------

#[test]
fn raw_bodies_by_language() {
    let f = fixture("construct_bodies");
    assert_has(&f.method("create_note"), r#"pub fn create_note(&self, body: CreateNoteBody)"#);
    assert_has(&f.method("create_note"), r#".json(&body, "application/json")"#);
    let body = f.struct_def("CreateNoteBody");
    for field in [
        "pub title: Option<String>",
        "pub pinned: Option<bool>",
        "pub tags: Option<Vec<String>>",
        "pub priority: Option<i64>",
    ] {
        assert_has(&body, field);
    }
    assert_has(&f.method("create_note_xml"), r#"pub fn create_note_xml(&self, body: impl AsRef<str>)"#);
    assert_has(&f.method("create_note_xml"), r#".raw(body.as_ref(), "application/xml")"#);
    assert_has(&f.method("create_note_text"), r#".raw(body.as_ref(), "text/plain")"#);
    assert!(f.warnings_for("Uploads / Create note xml").iter().any(|w| w.contains("xml")), "{:?}", f.warnings());
    assert!(f.warnings_for("Uploads / Create note").is_empty(), "{:?}", f.warnings());
}

#[test]
fn urlencoded_bodies() {
    let f = fixture("construct_bodies");
    let setters = f.setters("LogIn");
    assert_has(
        &setters,
        r#"pub fn username(self, value: impl AsRef<str>) -> Self { Self(self.0.form("username", Some(value.as_ref()))) }"#,
    );
    assert_has(&setters, r#"pub fn remember(self, value: bool)"#);
    assert_has(&setters, r#"pub fn attempts(self, value: i64)"#);
    // The disabled field is not sent unless set.
    assert_has(&setters, r#".form("otp", Some(&value))"#);
    assert_lacks(&f.method("log_in"), ".form(");
}

#[test]
fn formdata_bodies_with_text_json_text_and_file_parts() {
    let f = fixture("construct_bodies");
    let setters = f.setters("UploadAttachment");
    assert_has(
        &setters,
        r#"pub fn caption(self, value: impl AsRef<str>) -> Self { Self(self.0.part("caption", Some(value.as_ref()))) }"#,
    );
    // A text part holding JSON is typed and sent as JSON.
    assert_has(
        &setters,
        r#"pub fn metadata(self, value: UploadAttachmentMetadata) -> Self { Self(self.0.part_json("metadata", Some(&value))) }"#,
    );
    let metadata = f.struct_def("UploadAttachmentMetadata");
    assert_has(&metadata, "pub album: Option<String>");
    assert_has(&metadata, "pub people: Option<Vec<String>>");
    assert_has(&metadata, "pub public: Option<bool>");
    // A file part takes bytes.
    assert_has(
        &setters,
        r#"pub fn file(self, value: Vec<u8>) -> Self { Self(self.0.file("file", Some(value.as_slice()))) }"#,
    );
    assert_has(&setters, r#".part("draft", Some(value.as_ref()))"#);
    assert_lacks(&f.method("upload_attachment"), ".part(");
}

#[test]
fn file_graphql_disabled_and_unknown_mode_bodies() {
    let f = fixture("construct_bodies");
    // File mode: the method takes the bytes, sent with the request's content type.
    assert_has(&f.method("upload_binary"), r#"pub fn upload_binary(&self, body: Vec<u8>)"#);
    assert_has(&f.method("upload_binary"), r#".raw(body, "application/pdf")"#);
    assert!(!f.warnings_for("Uploads / Upload binary").is_empty(), "{:?}", f.warnings());
    // GraphQL: a JSON body, with a warning.
    assert_has(&f.method("query_graph"), r#"pub fn query_graph(&self, body: serde_json::Value)"#);
    assert_has(&f.method("query_graph"), r#".json(&body, "application/json")"#);
    assert!(f.warnings_for("Uploads / Query graph").iter().any(|w| w.contains("GraphQL")), "{:?}", f.warnings());
    // A disabled body is not sent at all.
    assert_has(&f.method("touch_note"), r#"pub fn touch_note(&self) -> TouchNote"#);
    assert_lacks(&f.method("touch_note"), ".json(");
    assert_lacks(&f.method("touch_note"), ".raw(");
    assert!(f.struct_def_opt("TouchNoteBody").is_none());
    // An unknown mode is read as raw, with a warning naming the mode.
    assert_has(&f.method("stream_note"), r#".raw(body.as_ref(), "text/plain")"#);
    assert!(f.warnings_for("Uploads / Stream note").iter().any(|w| w.contains("`stream`")), "{:?}", f.warnings());
}

// ---------------------------------------------------------------------------------------------
// 8. Auth at collection, folder and request level; inheritance; every auth type
// ---------------------------------------------------------------------------------------------

#[test]
fn auth_inherits_through_missing_null_and_inherit_and_stops_at_noauth() {
    let f = fixture("construct_auth");
    let cases = [
        ("who_am_i", "AuthKind::Bearer"),    // collection
        ("missing_auth", "AuthKind::Basic"), // folder, request has no `auth`
        ("null_auth", "AuthKind::Basic"),    // `auth: null`
        ("inherit_auth", "AuthKind::Basic"), // `type: inherit`
        ("no_auth", "AuthKind::None"),       // `noauth` on the request
        ("key_in_query", "AuthKind::ApiKeyQuery(\"api_token\")"),
        ("key_in_header", "AuthKind::ApiKeyHeader(\"X-Admin-Key\")"),
        ("public_status", "AuthKind::None"), // `noauth` folder, `inherit` sub-folder
        ("public_token_check", "AuthKind::Bearer"), // oauth2: its access token as a bearer token
    ];
    for (method, auth) in cases {
        assert_eq!(f.auth_of(method), auth, "{method}");
    }
    for item in [
        "Who am I",
        "Admin / Null auth",
        "Admin / Inherit auth",
        "Public / Deeper / Public status",
        "Public / Public token check",
    ] {
        assert!(f.warnings_for(item).is_empty(), "{item}: {:?}", f.warnings());
    }
}

#[test]
fn unsupported_auth_types_warn_per_request_and_still_give_a_method() {
    let f = fixture("construct_auth");
    let cases = [
        ("digest_one", "Exotic / Digest one", "digest"),
        ("digest_two", "Exotic / Digest two", "digest"),
        ("oauth1_call", "Exotic / OAuth1 call", "oauth1"),
        ("hawk_call", "Exotic / Hawk call", "hawk"),
        ("aws_call", "Exotic / AWS call", "awsv4"),
        ("ntlm_call", "Exotic / NTLM call", "ntlm"),
        ("jwt_call", "Exotic / JWT call", "jwt"),
        ("edge_grid_call", "Exotic / EdgeGrid call", "edgegrid"),
    ];
    for (method, item, kind) in cases {
        let warnings = f.warnings_for(item);
        assert!(warnings.iter().any(|w| w.contains(&format!("`{kind}`"))), "{item}: {:?}", f.warnings());
        let call = f.method(method);
        assert_has(&call, &format!("pub fn {method}(&self)"));
        assert_has(&call, "Method::GET");
    }
    assert_eq!(f.generated.warnings.len(), cases.len(), "{:?}", f.warnings());
}

// ---------------------------------------------------------------------------------------------
// 9. Descriptions: string or `{content, type}`, markdown or HTML
// ---------------------------------------------------------------------------------------------

#[test]
fn html_descriptions_become_markdown() {
    let f = fixture("construct_descriptions");
    let docs = f.method_docs("list_notes");
    for expected in [
        "Lists notes.",
        "Supports **paging**; read [the paging guide](https://docs.example.test/paging).",
        "- newest first",
        "- at most 100",
    ] {
        assert!(docs.contains(expected), "{expected:?} not in\n{docs}");
    }
    // `{content, type: text/html}`
    let docs = f.method_docs("get_note");
    for expected in [
        "Returns one note. Pass the `noteId` you got from *List notes*.",
        "Errors use the [standard format](https://docs.example.test/errors).",
    ] {
        assert!(docs.contains(expected), "{expected:?} not in\n{docs}");
    }
    assert!(f.module_of("list_notes").contains("//! Notes live in a **workspace**."));
}

#[test]
fn markdown_descriptions_are_made_rustdoc_safe() {
    let f = fixture("construct_descriptions");
    let docs = f.method_docs("create_note");
    for expected in [
        // Code spans keep their text; brackets are escaped; bare URLs become autolinks.
        "Creates a note. Send `Authorization: Bearer <token>` with a \\[scoped\\] key (see <https://docs.example.test/scopes>).",
        // The fence is kept, marked as text: never a doctest.
        "```text\n{\n  \"title\": \"Groceries\",\n  \"tags\": [\"home\"]\n}\n```",
        // An indented line is not an indented code block.
        "\nnot a doctest\n",
        "Values in &lt;angle&gt; brackets are placeholders; a &lt; b and b &gt; a.",
        // Saved response names are descriptions too.
        "- `201` (success): Created **ok** see <https://docs.example.test/created>",
        "Invalid \\[title\\]",
    ] {
        assert!(docs.contains(expected), "{expected:?} not in\n{docs}");
    }
    // A `{content, type: text/plain}` query parameter description.
    let setters = f.find("impl ListNotes {").expect("ListNotes setters");
    assert!(docs_above(setters.0, setters.0.find("pub fn sort(").expect("sort setter"))
        .contains("Sort order, see <https://docs.example.test/sorting>."));
    // The collection's own `{content, type: text/markdown}` description opens the crate docs.
    assert!(f
        .lib()
        .contains("//! All calls need a key from <https://portal.example.test/keys> and a **workspace** id."));
}

#[test]
fn item_level_and_empty_descriptions() {
    let f = fixture("construct_descriptions");
    let docs = f.method_docs("get_legacy_note");
    assert!(
        docs.contains("Item-level description (v2.0 exports put it here) with a &lt;token&gt; and \\[brackets\\]."),
        "{docs}"
    );
    // `{type}` without `content`: no description, still a documented method.
    let docs = f.method_docs("odd_description");
    assert!(docs.starts_with("Odd description: `GET /legacy/odd`"), "{docs}");
    assert!(f.module_of("get_legacy_note").contains("//! Old endpoints."));
}

#[test]
fn path_variable_descriptions_are_documented() {
    let f = fixture("construct_descriptions");
    assert!(f.ir.contains("The note's id"), "{}", f.ir);
    let docs = f.method_docs("get_note");
    assert!(docs.contains("The note's id, e.g. \\[n-1\\]."), "{docs}");
}

// ---------------------------------------------------------------------------------------------
// 10. Saved responses: `code` missing, `header` as a string, invalid JSON, several per status
// ---------------------------------------------------------------------------------------------

#[test]
fn examples_of_one_status_merge_into_one_type() {
    let f = fixture("construct_responses");
    assert_has(&f.operation("GetUser"), "GetUser => GetUserResponse,");
    assert_has(&f.operation("GetUser"), "success[200]");
    let ty = f.struct_def("GetUserResponse");
    for field in [
        "pub id: i64",               // in every example
        "pub name: Option<String>",  // null in one
        "pub email: Option<String>", // missing from one
        "pub roles: Option<Vec<String>>",
        "pub manager: Option<GetUserResponseManager>",
        "pub last_login: Option<String>",
    ] {
        assert_has(&ty, field);
    }
    // Error examples merge the same way.
    assert_has(&f.operation("DeleteUser"), "DeleteUser => (), DeleteUserErrorBody;");
    let err = f.struct_def("DeleteUserErrorBody");
    for field in ["pub message: String", "pub projects: Option<Vec<i64>>", "pub groups: Option<Vec<String>>"] {
        assert_has(&err, field);
    }
    // A status documented twice is listed once.
    assert_has(&f.operation("DeleteUser"), "success[204]; errors[(409, \"Still referenced\")]");
    assert_has(&f.operation("GetUser"), "errors[(404, \"Not found\"), (502, \"Broken proxy page\")]");
}

#[test]
fn an_example_without_a_status_code_is_ignored_with_a_warning() {
    let f = fixture("construct_responses");
    assert!(f.warnings_for("Users / Get user").iter().any(|w| w.contains("status code")), "{:?}", f.warnings());
    assert_lacks(&f.struct_def("GetUserResponse"), "unexpected");
}

#[test]
fn headers_given_as_a_string_are_read() {
    let f = fixture("construct_responses");
    // `"header": "Content-Type: text/csv"` is the only place text/csv appears.
    assert!(squash(&f.ir).contains(r#"content_type:Some("text/csv",),"#), "{}", f.ir);
    assert!(
        squash(&f.ir)
            .contains(r#"status:"OK",description:Some("Minimaluser",),content_type:Some("application/json",),"#),
        "{}",
        f.ir
    );
}

#[test]
fn non_json_examples_do_not_stop_generation() {
    let f = fixture("construct_responses");
    // Text only: the response is text.
    assert_has(&f.operation("ExportUsers"), "ExportUsers => String,");
    assert_has(&f.operation("ExportUsers"), "body Text");
    assert!(!f.warnings_for("Users / Export users").is_empty(), "{:?}", f.warnings());
    // A JSON example with comments and a trailing comma next to a valid one: the type comes from
    // the valid example.
    assert_has(&f.operation("GetUserStats"), "GetUserStats => GetUserStatsResponse,");
    let ty = f.struct_def("GetUserStatsResponse");
    assert_has(&ty, "pub count: i64");
    assert_has(&ty, "pub active: i64");
    // An HTML error page next to JSON error examples does not stop generation either.
    assert_has(&f.operation("GetUser"), "(502, \"Broken proxy page\")");
}

// ---------------------------------------------------------------------------------------------
// 11. Scripts (`event`): warned about, never run
// ---------------------------------------------------------------------------------------------

#[test]
fn scripts_are_warned_about_at_every_level() {
    let f = fixture("construct_scripts");
    let mut found: Vec<(String, String)> = f
        .generated
        .warnings
        .iter()
        .map(|w| (w.item.clone(), w.message.split_whitespace().next().unwrap_or("").to_owned()))
        .collect();
    found.sort();
    // Collection (empty item), folder and request; empty scripts are not worth a warning.
    let expected = [("", "prerequest"), ("Session", "prerequest"), ("Session / Get session", "test")];
    assert_eq!(found, expected.map(|(i, m)| (i.to_owned(), m.to_owned())), "{:?}", f.warnings());
    assert!(f.generated.warnings.iter().all(|w| w.message.contains("not run")), "{:?}", f.warnings());
}

#[test]
fn scripts_are_never_run_and_what_they_set_is_a_client_setting() {
    let f = fixture("construct_scripts");
    for file in &f.generated.files {
        for script in ["pm.environment", "pm.collectionVariables", "pm.test", "pm.response"] {
            assert!(!file.contents.contains(script), "{} contains script code {script}", file.path);
        }
    }
    let call = f.method("get_session");
    assert_has(&call, r#".header("X-Request-Id", Some("{{requestId}}"))"#);
    assert_has(&call, r#".header("X-Session-Token", Some("{{sessionToken}}"))"#);
    let vars = f.client_variables();
    assert!(vars.contains(&"requestId".to_owned()) && vars.contains(&"sessionToken".to_owned()), "{vars:?}");
    assert_has(&f.operation("GetSession"), "success[200]");
}
