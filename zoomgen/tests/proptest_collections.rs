//! Property tests: random, hostile Postman collections never make `zoomgen::generate` panic.
//!
//! Every input either gives a clean error naming the file, or a crate whose Rust files parse,
//! whose paths stay inside the crate, and which comes out the same when generated twice. A few
//! crates generated from fixed seeds are also compiled, conformance suites and doctests
//! included, as members of one scratch workspace (`target/tmp/proptest-crates/`) built in the
//! outer target directory (see `zoomgen-testkit`).
//!
//! Each bug these tests found has a minimal collection in `former_bugs()`, compiled by
//! `former_bugs_give_crates_that_compile` so that it stays fixed.
//!
//! - `PROPTEST_CASES=5000 cargo test -p zoomgen --test proptest_collections` runs more cases.
//! - `PROPTEST_COMPILE_SAMPLES=150 cargo test -p zoomgen --test proptest_collections -- --ignored many`
//!   compiles 150 seeded crates in one cargo build.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Component, Path};
use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};
use zoomgen_testkit::{Member, Scratch};

/// The source name given to the generator; every error must name it.
const SOURCE: &str = "fuzzed.postman_collection.json";

// ---------------------------------------------------------------------------------------------
// Pools of nasty values
// ---------------------------------------------------------------------------------------------

const NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "match",
    "async",
    "await",
    "fn",
    "mod",
    "impl",
    "dyn",
    "try",
    "gen",
    "union",
    "r#type",
    "1st",
    "123",
    "2fa",
    "",
    " ",
    "  \t ",
    "🎉",
    "🎉🎉",
    "名前",
    "Ünïcödé",
    "café",
    "get-user",
    "get_user",
    "Get User",
    "GET USER",
    "get.user",
    "getUser",
    "GetUser",
    "get user!",
    "std",
    "core",
    "alloc",
    "Result",
    "Option",
    "Client",
    "ClientBuilder",
    "runtime",
    "tests",
    "../../etc",
    "..",
    ".",
    "/",
    "Call",
    "AuthKind",
    "Method",
    "From",
    "Into",
    "AsRef",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "Box",
    "String",
    "Error",
    "Other",
    "builder",
    "send",
    "build_request",
    "client",
    "new",
    "user's",
    "Get a user's token",
    "a",
    "an",
    "the",
    "List",
    "Users",
    "users",
    "serde",
    "serde_json",
    "http",
    "reqwest",
    "SERVERS",
    "Secret",
    "Operation",
    "HeaderMap",
    "StatusCode",
    "ApiError",
    "parse_response",
    "variable",
    "Display",
    "Send",
    "Sized",
    "Clone",
    "Debug",
    "x\ny",
    "x\r\ny",
    "tab\there",
    "quote\"d",
    "back\\slash",
    "`tick`",
    "*/",
    "/*",
    "<b>bold</b>",
    "[link](http://x)",
    "lib",
    "main",
    "clone",
    "into",
    "from",
    "substitute",
    "assemble",
    "Paginated",
    "Response",
    "BodyKind",
    "Retry",
    "Tokens",
    "OAuth",
    "None",
    "Err",
];

const METHODS: &[&str] = &[
    "GET", "get", "Post", "pUt", "DELETE", "patch", "HEAD", "options", "TRACE", "CONNECT", "PURGE", "LINK", "M-SEARCH",
    "", " get ", "GET /x", "💥", "COPY", "PROPFIND", "get\n",
];

const TEXTS: &[&str] = &[
    "",
    "Plain text.",
    "<p>Hello <b>world</b> &amp; <i>friends</i></p><ul><li>one</li><li>two</li></ul>",
    "<a href=\"https://example.com/docs\">docs</a> and <a>no href</a> and <a href=x>",
    "[a link](https://example.com) and [not a link] and ] stray [",
    "see https://example.com/x. or http://a.b/(c)",
    "```rust\nfn main() { panic!() }\n```",
    "```\nunclosed fence",
    "    indented code\n\tmore",
    "`unclosed tick and ``double``",
    "<token> a < b > c <https://auto.link> <not a tag",
    "*/ /* */ #![no_std] \"quotes\" \\backslash",
    "line\r\nwindows\rbare CR",
    "nul \u{0} del \u{7f} ls \u{2028} bom \u{feff}",
    "# Heading\n\n- list\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "**[Rate Limit](https://a.b)**: `Light`<br>next<br/>line<br />end",
    "<h1>Title</h1><table><tr><td>x</td></tr></table><img src=x><hr>",
    "(Required) something",
    "&lt;script&gt;alert(1)&lt;/script&gt; &nbsp; &#39; &quot;",
    "🎉 émoji ünïcode 名前",
    "[[nested [brackets]]](http://x)",
];

const QUERY_DESCRIPTIONS: &[&str] = &[
    "`a` - x<br>`b` - y",
    "(Required) `a` - x<br>`b` - y<br>`A` - z",
    "(Required) Must be `fixed`.",
    "Must be `fixed`.",
    "`other` - o<br>`Other` - O<br>`OTHER` - big",
    "`self` - s\n`Self` - S\n`123` - n\n`` - empty\n`type` - t",
    "(Required) the id",
    "`a b` - spaced<br>`c` - c",
    "- `🎉` – party\n- `名前` – name",
    "`1` - one<br>`2` - two<br>`1.5` - half",
    "`true` - yes<br>`false` - no",
    "(Required) `x` - only one",
    "`\"quoted\"` - q<br>`back\\slash` - b",
    "Use with `type` when `zak`; e.g. `3600`.",
];

const VAR_NAMES: &[&str] =
    &["baseUrl", "base_url", "host", "a", "b", "loop", "id", "userId", "token", "url", "", "type", "self"];

const VAR_VALUES: &[&str] = &[
    "https://api.example.com/v2",
    "http://localhost:8080",
    "{{b}}",
    "{{a}}",
    "{{loop}}",
    "{{baseUrl}}/nested",
    "{{undefined}}",
    "",
    "42",
    "true",
    "https://{{host}}/x",
    "{{",
    "}}",
];

const RAW_URLS: &[&str] = &[
    "{{baseUrl}}/users/:userId?type=zak&ttl=5",
    "https://api.example.com/v2/things/:id/sub",
    "{{undefined}}/x/:",
    "http://localhost:8080/",
    "",
    "not a url",
    "{{a}}{{b}}/x?x&y=&=z&x=2",
    "https://h/path with spaces/ü/🎉?q=1#frag",
    "{{loop}}/a",
    "//double//slashes//",
    "https://example.com/../../etc/passwd",
    "{{baseUrl}}/:type/:self/:Self/:123/:",
    ":only",
    "https://[::1]:99999/x",
    "{{baseUrl",
    "}}{{",
    "?",
    "#",
    "{{base_url}}/a/:id/b/:id",
    "HTTPS://UPPER.example.com:443/A",
    "https://example.com/a?%zz=%&b=%20",
];

const SEGMENTS: &[&str] = &[
    ":id", ":type", ":self", ":", ":123", ":user-id", ":🎉", "users", "{{var}}", "{{a}}", "", "..", ".", "a b", "ü",
    "🎉", "%2F", "v2", "?", "#", "a/b", ":id",
];

const HOST_PARTS: &[&str] = &["{{baseUrl}}", "{{undefined}}", "api", "example", "com", "", "localhost", "🎉", "a b"];

const QUERY_KEYS: &[&str] = &[
    "type",
    "page_size",
    "next_page_token",
    "access_token",
    "password",
    "self",
    "123",
    "",
    "a b",
    "x[]",
    "ttl",
    "Type",
    "TYPE",
    "client",
    "send",
    "body",
    "build_request",
];

const VALUES: &[&str] = &[
    "1",
    "true",
    "abc",
    "{{a}}",
    "",
    "-5",
    "1.5",
    "99999999999999999999",
    "false",
    "null",
    "{}",
    "[1,2]",
    "fixed",
    "a",
];

const HEADER_KEYS: &[&str] = &[
    "Content-Type",
    "content-type",
    "Authorization",
    "X-Api-Key",
    "x-api-key",
    "Accept",
    "",
    "type",
    "X Weird Header",
    "Ünï",
];

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "text/plain",
    "application/xml",
    "multipart/form-data",
    "application/vnd.api+json",
    "",
    "{{ct}}",
];

const RAW_BODIES: &[&str] = &[
    "",
    "{}",
    "[]",
    "null",
    "1",
    "\"str\"",
    "{\"id\": 1, \"name\": \"x\", \"nested\": {\"deep\": [1, 2.5, null]}}",
    "{\"type\": 1, \"self\": 2, \"Self\": 3, \"123\": 4, \"\": 5, \"a-b\": 6, \"a_b\": 7, \"A B\": 8}",
    "{invalid json",
    "<xml>not json</xml>",
    "{\"password\": \"x\", \"access_token\": \"y\", \"list\": [{\"a\": 1}, {\"b\": \"c\"}]}",
    "{\"{{var}}\": \"{{value}}\"}",
    "{{body}}",
];

const RESPONSE_BODIES: &[&str] = &[
    "",
    "   ",
    "{}",
    "[]",
    "null",
    "true",
    "1",
    "\"str\"",
    "not json",
    "{\"id\": 1, \"name\": \"x\"}",
    "[{\"a\": 1}, {\"b\": \"x\"}, {\"a\": null}]",
    "{\"type\": 1, \"self\": 2, \"Self\": 3, \"123\": 4, \"\": 5, \"a-b\": 6, \"a_b\": 7, \"A B\": 8}",
    "{\"access_token\": \"x\", \"nested\": {\"deep\": {\"deeper\": [1, 2.5]}}}",
    "{\"code\": 124, \"message\": \"Invalid access token.\"}",
    "{\"a\": {\"b\": 1}, \"c\": {\"b\": 2}, \"d\": [[{\"b\": 3}]]}",
    "{\"a\": 1, \"a\": \"dup\"}",
    "{\"x\": [1, \"mixed\", true, null, {}]}",
];

const AUTH_TYPES: &[&str] =
    &["noauth", "bearer", "basic", "apikey", "oauth2", "digest", "awsv4", "hawk", "inherit", "", "BEARER"];

const AUTH_KEYS: &[&str] = &["token", "username", "password", "key", "value", "in", "accessToken", "addTokenTo"];

const AUTH_VALUES: &[&str] =
    &["{{token}}", "secret", "header", "query", "X-Api-Key", "api_key", "", "Authorization", "type"];

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    select(list).prop_map(str::to_owned)
}

/// Any string at all, control characters included.
fn wild_string() -> impl Strategy<Value = String> + Clone {
    vec(any::<char>(), 0..8).prop_map(|chars| chars.into_iter().collect())
}

fn name() -> impl Strategy<Value = String> + Clone {
    prop_oneof![6 => pick(NAMES), 2 => "[a-zA-Z0-9 _.-]{0,12}", 1 => wild_string()]
}

fn text() -> impl Strategy<Value = String> + Clone {
    prop_oneof![4 => pick(TEXTS), 1 => pick(NAMES), 1 => wild_string()]
}

/// A JSON object from optional fields (a `None` field is left out).
fn obj(fields: Vec<(&str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        if let Some(value) = value {
            map.insert(key.to_owned(), value);
        }
    }
    Value::Object(map)
}

/// A string-ish scalar the model accepts in many places: mostly strings, sometimes another
/// JSON scalar.
fn scalar(strings: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = Value> + Clone {
    prop_oneof![
        8 => strings.prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<i32>().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::Bool),
    ]
}

fn description() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => text().prop_map(Value::String),
        2 => (text(), select(&["text/markdown", "text/html", "text/plain"][..]))
            .prop_map(|(t, ty)| json!({"content": t, "type": ty})),
        1 => Just(Value::Null),
        1 => Just(json!(42)),
        1 => Just(json!({"type": "text/html"})),
        1 => Just(json!(["a", "list"])),
    ]
    .boxed()
}

fn flag() -> impl Strategy<Value = Value> + Clone {
    prop_oneof![any::<bool>().prop_map(Value::Bool), Just(json!("true")), Just(json!(1)), Just(Value::Null)]
}

fn json_key() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        4 => pick(&[
            "id", "type", "self", "Self", "123", "", "a-b", "a_b", "A B", "access_token", "camelCase",
            "snake_case", "🎉", "Other", "r#x", "default", "None", "userId", "user_id", "password",
            "next_page_token", "items", "data",
        ]),
        1 => name(),
    ]
}

/// Any JSON value, nested up to three levels.
fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec((json_key(), inner), 0..5).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

fn variable() -> BoxedStrategy<Value> {
    (
        any::<bool>(),
        pick(VAR_NAMES),
        prop_oneof![6 => pick(VAR_VALUES).prop_map(Value::String), 1 => json_value()],
        option::of(description()),
        option::weighted(0.2, flag()),
    )
        .prop_map(|(legacy, key, value, description, disabled)| {
            obj(vec![
                (if legacy { "id" } else { "key" }, Some(Value::String(key))),
                ("value", Some(value)),
                ("description", description),
                ("disabled", disabled),
            ])
        })
        .boxed()
}

fn query_param() -> BoxedStrategy<Value> {
    (
        prop_oneof![3 => pick(QUERY_KEYS), 1 => name()],
        option::weighted(0.9, scalar(pick(VALUES))),
        option::weighted(0.3, flag()),
        option::weighted(0.6, prop_oneof![3 => pick(QUERY_DESCRIPTIONS).prop_map(Value::String), 1 => description()]),
    )
        .prop_map(|(key, value, disabled, description)| {
            obj(vec![
                ("key", Some(Value::String(key))),
                ("value", value),
                ("disabled", disabled),
                ("description", description),
            ])
        })
        .boxed()
}

fn url() -> BoxedStrategy<Value> {
    let segment = prop_oneof![
        6 => pick(SEGMENTS).prop_map(Value::String),
        1 => pick(SEGMENTS).prop_map(|s| json!({"type": "string", "value": s})),
        1 => name().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => Just(json!(7)),
    ];
    let host = prop_oneof![
        pick(HOST_PARTS).prop_map(Value::String),
        vec(prop_oneof![4 => pick(HOST_PARTS).prop_map(Value::String), 1 => Just(Value::Null)], 0..4)
            .prop_map(Value::Array),
    ];
    let path = prop_oneof![
        1 => pick(&["/users/:id", "", "/", "a/b/:c", "//x//", "/../.."][..]).prop_map(Value::String),
        4 => vec(segment, 0..5).prop_map(Value::Array),
    ];
    let path_variable = (
        pick(SEGMENTS),
        option::of(scalar(pick(VALUES))),
        option::weighted(0.5, prop_oneof![pick(QUERY_DESCRIPTIONS).prop_map(Value::String), description(),]),
    )
        .prop_map(|(seg, value, description)| {
            obj(vec![
                ("key", Some(Value::String(seg.trim_start_matches(':').to_owned()))),
                ("value", value),
                ("description", description),
            ])
        });
    let object = (
        option::weighted(0.5, pick(RAW_URLS).prop_map(Value::String)),
        option::weighted(0.3, pick(&["https", "http", "", "ftp", "HTTP"][..]).prop_map(Value::String)),
        option::weighted(0.8, host),
        option::weighted(0.2, scalar(pick(&["8080", "", "abc", "443"][..]))),
        option::weighted(0.8, path),
        option::weighted(0.6, vec(query_param(), 0..4).prop_map(Value::Array)),
        option::weighted(0.6, vec(path_variable, 0..4).prop_map(Value::Array)),
    )
        .prop_map(|(raw, protocol, host, port, path, query, variable)| {
            obj(vec![
                ("raw", raw),
                ("protocol", protocol),
                ("host", host),
                ("port", port),
                ("path", path),
                ("query", query),
                ("variable", variable),
            ])
        });
    prop_oneof![
        2 => pick(RAW_URLS).prop_map(Value::String),
        1 => wild_string().prop_map(Value::String),
        4 => object,
    ]
    .boxed()
}

fn headers() -> BoxedStrategy<Value> {
    let header = (
        pick(HEADER_KEYS),
        option::weighted(0.9, scalar(prop_oneof![pick(CONTENT_TYPES), pick(VALUES)])),
        option::weighted(0.2, flag()),
        option::weighted(0.3, prop_oneof![pick(QUERY_DESCRIPTIONS).prop_map(Value::String), description()]),
    )
        .prop_map(|(key, value, disabled, description)| {
            obj(vec![
                ("key", Some(Value::String(key))),
                ("value", value),
                ("disabled", disabled),
                ("description", description),
            ])
        });
    prop_oneof![
        6 => vec(header, 0..4).prop_map(Value::Array),
        1 => Just(json!("Content-Type: application/json\nX-Thing: 1\nno colon line")),
        1 => Just(json!(["Accept: text/plain", null])),
        1 => Just(Value::Null),
    ]
    .boxed()
}

fn form_field() -> BoxedStrategy<Value> {
    (
        prop_oneof![3 => pick(QUERY_KEYS), 1 => name()],
        option::weighted(0.9, scalar(prop_oneof![pick(VALUES), pick(RAW_BODIES)])),
        option::weighted(0.4, pick(&["text", "file", "weird"][..]).prop_map(Value::String)),
        option::weighted(0.2, prop_oneof![Just(json!("/tmp/a.png")), Just(json!(["/a", "/b"])), Just(Value::Null)]),
        option::weighted(0.2, pick(CONTENT_TYPES).prop_map(Value::String)),
        option::weighted(0.2, flag()),
        option::weighted(0.3, prop_oneof![pick(QUERY_DESCRIPTIONS).prop_map(Value::String), description()]),
    )
        .prop_map(|(key, value, kind, src, content_type, disabled, description)| {
            obj(vec![
                ("key", Some(Value::String(key))),
                ("value", value),
                ("type", kind),
                ("src", src),
                ("contentType", content_type),
                ("disabled", disabled),
                ("description", description),
            ])
        })
        .boxed()
}

fn body() -> BoxedStrategy<Value> {
    let language = pick(&["json", "xml", "text", "html", "javascript", "weird"][..]);
    let raw = (
        prop_oneof![4 => pick(RAW_BODIES), 1 => json_value().prop_map(|v| v.to_string())],
        option::weighted(0.5, language),
    )
        .prop_map(|(raw, language)| {
            obj(vec![
                ("mode", Some(json!("raw"))),
                ("raw", Some(Value::String(raw))),
                ("options", language.map(|l| json!({"raw": {"language": l}}))),
            ])
        });
    let urlencoded = vec(form_field(), 0..4).prop_map(|f| json!({"mode": "urlencoded", "urlencoded": f}));
    let formdata = vec(form_field(), 0..4).prop_map(|f| json!({"mode": "formdata", "formdata": f}));
    let graphql =
        json_value().prop_map(|v| json!({"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": v}}));
    let file = Just(json!({"mode": "file", "file": {"src": "/tmp/upload.bin"}}));
    let odd = (scalar(pick(&["binary", "weird", "", "RAW", "none"][..])), option::of(pick(RAW_BODIES)), flag())
        .prop_map(|(mode, raw, disabled)| {
            obj(vec![("mode", Some(mode)), ("raw", raw.map(Value::String)), ("disabled", Some(disabled))])
        });
    prop_oneof![4 => raw, 2 => urlencoded, 2 => formdata, 1 => graphql, 1 => file, 1 => odd].boxed()
}

fn auth() -> BoxedStrategy<Value> {
    let params = vec((pick(AUTH_KEYS), scalar(pick(AUTH_VALUES))), 0..4);
    // A non-string `type` is an error; keep it rare so most collections get further.
    let kind = prop_oneof![20 => pick(AUTH_TYPES).prop_map(Value::String), 1 => scalar(pick(AUTH_TYPES))];
    (option::weighted(0.9, kind), params, any::<bool>())
        .prop_map(|(kind, params, v20)| {
            let kind_name = kind.as_ref().and_then(Value::as_str).unwrap_or("bearer").to_owned();
            let params = if v20 {
                Value::Object(params.into_iter().collect())
            } else {
                Value::Array(params.into_iter().map(|(k, v)| json!({"key": k, "value": v, "type": "string"})).collect())
            };
            obj(vec![("type", kind), (kind_name.as_str(), Some(params))])
        })
        .boxed()
}

fn response() -> BoxedStrategy<Value> {
    let code = prop_oneof![
        6 => select(&[200u32, 201, 204, 299, 300, 301, 400, 401, 404, 500, 0, 99, 999, 65535][..]).prop_map(Value::from),
        1 => pick(&["200", " 404 ", "abc", ""][..]).prop_map(Value::String),
        1 => Just(Value::Null),
        1 => Just(json!(70000)),
        1 => Just(json!(-1)),
        1 => Just(json!(2.5)),
    ];
    let header = prop_oneof![
        vec(
            (pick(&["Content-Type", "content-type", "X-Rate-Limit", ""][..]), pick(CONTENT_TYPES))
                .prop_map(|(k, v)| json!({"key": k, "value": v})),
            0..3
        )
        .prop_map(Value::Array),
        Just(json!("Content-Type: application/json\nX: y")),
        Just(Value::Null),
    ];
    (
        option::weighted(0.8, scalar(text())),
        option::weighted(0.9, code),
        option::weighted(0.5, scalar(pick(&["OK", "Not Found", ""][..]))),
        option::weighted(0.7, header),
        option::weighted(
            0.9,
            prop_oneof![
                5 => pick(RESPONSE_BODIES).prop_map(Value::String),
                2 => json_value().prop_map(|v| Value::String(v.to_string())),
                1 => Just(Value::Null),
            ],
        ),
        option::weighted(0.3, pick(&["json", "text", "html"][..]).prop_map(Value::String)),
        option::weighted(0.2, pick(RAW_URLS).prop_map(|u| json!({"method": "GET", "url": u}))),
    )
        .prop_map(|(name, code, status, header, body, language, original)| {
            obj(vec![
                ("name", name),
                ("code", code),
                ("status", status),
                ("header", header),
                ("body", body),
                ("_postman_previewlanguage", language),
                ("originalRequest", original),
            ])
        })
        .boxed()
}

fn request() -> BoxedStrategy<Value> {
    let object = (
        option::weighted(0.9, scalar(pick(METHODS))),
        option::weighted(0.95, url()),
        option::weighted(0.6, headers()),
        option::weighted(0.6, body()),
        option::weighted(0.3, auth()),
        option::weighted(0.4, description()),
    )
        .prop_map(|(method, url, header, body, auth, description)| {
            obj(vec![
                ("method", method),
                ("url", url),
                ("header", header),
                ("body", body),
                ("auth", auth),
                ("description", description),
            ])
        });
    prop_oneof![1 => pick(RAW_URLS).prop_map(Value::String), 6 => object].boxed()
}

fn request_item() -> BoxedStrategy<Value> {
    (
        option::weighted(0.95, scalar(name())),
        option::weighted(0.97, request()),
        option::weighted(0.6, vec(response(), 0..4).prop_map(Value::Array)),
        option::weighted(0.3, description()),
        option::weighted(0.2, auth()),
        option::weighted(0.2, vec(variable(), 0..3).prop_map(Value::Array)),
        option::weighted(0.1, Just(json!([{"listen": "test", "script": {"exec": ["pm.test()"]}}]))),
    )
        .prop_map(|(name, request, response, description, auth, variable, event)| {
            obj(vec![
                ("name", name),
                ("request", request),
                ("response", response),
                ("description", description),
                ("auth", auth),
                ("variable", variable),
                ("event", event),
            ])
        })
        .boxed()
}

/// A request, or (below `depth` 0) a folder of items nested at most `depth` levels.
fn item(depth: u32) -> BoxedStrategy<Value> {
    if depth == 0 {
        return request_item();
    }
    let folder = (
        option::weighted(0.95, scalar(name())),
        prop_oneof![
            8 => vec(item(depth - 1), 0..4).prop_map(Value::Array),
            1 => Just(Value::Null),
        ],
        option::weighted(0.3, description()),
        option::weighted(0.3, auth()),
        option::weighted(0.3, vec(variable(), 0..3).prop_map(Value::Array)),
    )
        .prop_map(|(name, items, description, auth, variable)| {
            obj(vec![
                ("name", name),
                ("item", Some(items)),
                ("description", description),
                ("auth", auth),
                ("variable", variable),
            ])
        });
    prop_oneof![3 => request_item(), 2 => folder].boxed()
}

/// A whole collection: v2.1-ish, sometimes v2.0, sometimes wrapped as `{"collection": ...}`.
fn collection() -> BoxedStrategy<Value> {
    (
        option::weighted(0.9, scalar(name())),
        option::weighted(0.5, description()),
        option::weighted(
            0.7,
            pick(
                &[
                    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
                    "https://schema.getpostman.com/json/collection/v2.0.0/collection.json",
                    "weird",
                ][..],
            ),
        ),
        vec(item(3), 1..5),
        option::weighted(0.6, vec(variable(), 0..5).prop_map(Value::Array)),
        option::weighted(0.5, auth()),
        any::<u8>(),
    )
        .prop_map(|(name, description, schema, items, variable, auth, wrap)| {
            let info = obj(vec![("name", name), ("description", description), ("schema", schema.map(Value::String))]);
            let doc = obj(vec![
                ("info", Some(info)),
                ("item", Some(Value::Array(items))),
                ("variable", variable),
                ("auth", auth),
            ]);
            if wrap < 16 {
                json!({ "collection": doc })
            } else {
                doc
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

fn options(conformance: bool) -> zoomgen::Options {
    let mut options = zoomgen::Options::new("proptest-client", SOURCE);
    if conformance {
        options.conformance_collection = Some("collection.json".to_owned());
    }
    options
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(non-string panic payload)".to_owned())
}

/// Runs the generator on `text`, catching a panic.
fn run(text: &str, options: &zoomgen::Options) -> Result<Result<zoomgen::Generated, zoomgen::Error>, String> {
    catch_unwind(AssertUnwindSafe(|| zoomgen::generate(text, options)))
        .map_err(|payload| format!("generate panicked: {}\ninput: {text}", panic_message(payload.as_ref())))
}

/// Whether a generated file's path stays inside the crate: relative, no `..`, under `src/` or
/// `tests/`, or one of the crate-level files.
fn path_is_safe(path: &str) -> bool {
    let p = Path::new(path);
    let normal = p.components().all(|c| matches!(c, Component::Normal(_)));
    let first = p.components().next().and_then(|c| c.as_os_str().to_str());
    normal
        && !path.contains('\\')
        && !path.is_empty()
        && (matches!(path, "Cargo.toml" | "README.md" | "CHANGELOG.md" | "api-manifest.json")
            || (matches!(first, Some("src" | "tests")) && p.components().count() >= 2))
}

/// The property every input must satisfy. `Ok(Some(_))` is a generated crate, `Ok(None)` a clean
/// error, `Err` a violation with the input that shows it.
fn check(text: &str, conformance: bool) -> Result<Option<zoomgen::Generated>, String> {
    let options = options(conformance);
    let generated = match run(text, &options)? {
        Err(e) => {
            let shown = e.to_string();
            if e.message.trim().is_empty() || !shown.contains(SOURCE) || e.file != SOURCE {
                return Err(format!("the error does not name the file or says nothing: {shown:?}\ninput: {text}"));
            }
            if e.message.contains("internal generator error") {
                return Err(format!("generated code does not parse: {shown}\ninput: {text}"));
            }
            return Ok(None);
        }
        Ok(generated) => generated,
    };
    for file in &generated.files {
        if !path_is_safe(&file.path) {
            return Err(format!("unsafe file path {:?}\ninput: {text}", file.path));
        }
        if !file.contents.lines().next().is_some_and(|l| l.contains(zoomgen::MARKER)) {
            return Err(format!("{} does not start with the marker\ninput: {text}", file.path));
        }
        if file.path.ends_with(".rs") {
            if let Err(e) = syn::parse_file(&file.contents) {
                return Err(format!("{} does not parse: {e}\n{}\ninput: {text}", file.path, file.contents));
            }
        }
    }
    let mut paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    if paths.windows(2).any(|w| w[0] == w[1]) {
        return Err(format!("two files share a path: {paths:?}\ninput: {text}"));
    }
    match run(text, &options)? {
        Ok(again) if again.files == generated.files => {}
        Ok(_) => return Err(format!("generating twice gives different files\ninput: {text}")),
        Err(e) => return Err(format!("the second run failed: {e}\ninput: {text}")),
    }
    Ok(Some(generated))
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn config(default_cases: u32) -> Config {
    // No regression files: they would be written next to this file.
    Config { cases: cases(default_cases), failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn random_collections_give_parsable_crates_or_clean_errors(
        doc in collection(),
        conformance in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let text = if pretty { serde_json::to_string_pretty(&doc).unwrap() } else { doc.to_string() };
        if let Err(violation) = check(&text, conformance) {
            prop_assert!(false, "{}", violation);
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Cut or mangled text: never a panic, and an error names the file.
    #[test]
    fn truncated_and_mangled_text_never_panics(
        doc in collection(),
        cut in any::<prop::sample::Index>(),
        junk in wild_string(),
    ) {
        let text = doc.to_string();
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let mangled: String = chars[..at].iter().copied().chain(junk.chars()).chain(chars[at..].iter().copied()).collect();
        let truncated: String = chars[..at].iter().collect();
        for input in [truncated, mangled] {
            if let Err(violation) = check(&input, false) {
                prop_assert!(false, "{}", violation);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A sample of generated crates, compiled
// ---------------------------------------------------------------------------------------------

/// Collections from fixed seeds that generate successfully, `count` of them.
fn seeded_samples(count: usize) -> Vec<Value> {
    let strategy = collection();
    let mut samples = Vec::new();
    for seed in 0u64..(count as u64 * 20 + 100) {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        let doc = strategy.new_tree(&mut runner).expect("a value").current();
        if let Ok(Some(_)) = check(&doc.to_string(), true) {
            samples.push(doc);
            if samples.len() == count {
                return samples;
            }
        }
    }
    panic!("only {} of {count} seeds gave a crate", samples.len());
}

/// A hand-built collection of names and shapes that have broken generators before.
fn adversarial() -> Value {
    let req = |name: &str, method: &str, url: Value| json!({"name": name, "request": {"method": method, "url": url}});
    json!({
        "info": {"name": "Self", "description": "<p>Docs with [brackets] and https://example.com.</p>\n```rust\nfn x() {}\n```"},
        "variable": [
            {"key": "baseUrl", "value": "https://api.example.com/v2"},
            {"key": "a", "value": "{{b}}"}, {"key": "b", "value": "{{a}}"}
        ],
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "item": [
            {"name": "type", "item": [
                req("self", "get", json!("{{baseUrl}}/self/:type?type=1&type=2&match=true")),
                req("Self", "PURGE", json!("{{baseUrl}}/x")),
                req("", "GET", json!("{{a}}/cyclic")),
                req("", "GET", json!("{{baseUrl}}/second-empty")),
                {"name": "create 🎉", "request": {"method": "POST", "url": "{{baseUrl}}/things",
                    "body": {"mode": "raw", "raw": "{\"type\": 1, \"self\": [{\"a\": null}, {\"b\": \"x\"}], \"123\": true}",
                             "options": {"raw": {"language": "json"}}}},
                 "response": [
                    {"name": "ok", "code": 201, "body": "{\"id\": 1, \"Self\": {\"type\": \"x\"}}"},
                    {"name": "empty", "code": 204, "body": ""},
                    {"name": "bad", "code": "400", "body": "not json"}
                 ]}
            ]},
            {"name": "std", "item": [
                {"name": "1st upload", "request": {"method": "post", "url": {"host": ["{{baseUrl}}"], "path": ["files", ":id"],
                    "variable": [{"key": "id", "value": "42", "description": "`a` - x<br>`b` - y"}]},
                    "body": {"mode": "formdata", "formdata": [
                        {"key": "file", "type": "file", "src": "/tmp/x"},
                        {"key": "meta", "value": "{\"k\": 1}"},
                        {"key": "type", "value": "a", "description": "`a` - x<br>`b` - y<br>`other` - o"}
                    ]}}},
                {"name": "Result", "request": {"method": "GET", "url": {"host": ["api", "example", "com"], "path": "/r",
                    "query": [{"key": "kind", "value": "a", "description": "(Required) Must be `a`."},
                              {"key": "mode", "value": "z", "description": "`x` - x<br>`y` - y"},
                              {"key": "off", "value": "1", "disabled": true}]}},
                 "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "in", "value": "query"}]}},
                {"name": "Option", "request": {"method": "PUT", "url": "{{baseUrl}}/o",
                    "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "x", "description": "(Required) Must be `x`."},
                                                                   {"key": "password", "value": "p"}]}},
                 "auth": {"type": "digest"}}
            ]},
            {"name": "std", "item": [req("core", "DELETE", json!("https://other.example.com:8443/../../etc"))]}
        ]
    })
}

/// The crate generated from `doc`, named `name`, with the collection beside it for its
/// conformance suite.
fn sample_crate(name: &str, doc: &Value) -> Member {
    let text = serde_json::to_string_pretty(doc).expect("serialises");
    let mut options = options(true);
    options.crate_name = name.to_owned();
    let generated = zoomgen::generate(&text, &options).unwrap_or_else(|e| panic!("{e}\ninput: {text}"));
    let mut files: Vec<_> = generated.files.into_iter().map(|f| (f.path, f.contents)).collect();
    files.push(("collection.json".to_owned(), text));
    Member { dir: name.to_owned(), files }
}

/// What compiling a set of crates gave: each crate's collection and errors (its library,
/// conformance suite or doctest does not compile).
struct Compiled {
    collections: Vec<(String, Value)>,
    errors: BTreeMap<String, Vec<String>>,
}

impl Compiled {
    /// The crates of `names` that do not compile, with their errors and collections.
    fn failures(&self, names: &[String]) -> Vec<String> {
        let find = |name: &String| self.collections.iter().find(|(n, _)| n == name).map(|(_, c)| c.to_string());
        names
            .iter()
            .filter_map(|n| self.errors.get(n).map(|e| (n, e)))
            .map(|(n, errors)| format!("{n}:\n{}\ncollection: {}", errors.join("\n"), find(n).unwrap_or_default()))
            .collect()
    }
}

/// Writes the crates into the scratch workspace `workspace` and compiles them with one cargo
/// invocation per mode: libraries and conformance suites, then doctests.
fn compile(workspace: &str, collections: Vec<(String, Value)>) -> Compiled {
    let members = collections.iter().map(|(name, doc)| sample_crate(name, doc)).collect();
    let scratch = Scratch::create(env!("CARGO_TARGET_TMPDIR"), workspace, members, false);
    let build = scratch.build(&["build", "--workspace", "--keep-going", "--test", "*"]);
    let mut errors = BTreeMap::new();
    for (name, _) in &collections {
        let problems: Vec<String> = build.problems(name, false).into_iter().map(str::to_owned).collect();
        if !problems.is_empty() {
            errors.insert(name.clone(), problems);
        }
    }
    if !build.success && errors.is_empty() {
        errors.insert("cargo".to_owned(), vec![build.stderr.clone()]);
    }
    for (name, output) in failing_doctests(&scratch) {
        errors.entry(name).or_default().push(format!("its doctests do not compile:\n{output}"));
    }
    Compiled { collections, errors }
}

/// The packages whose doctests fail, each with cargo's output.
fn failing_doctests(scratch: &Scratch) -> Vec<(String, String)> {
    let output = scratch.command(&["test", "--workspace", "--doc", "--no-fail-fast"]).output().expect("cargo runs");
    if output.status.success() {
        return Vec::new();
    }
    let text = format!("{}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    // With --no-fail-fast, cargo names each failing package: "to rerun pass `-p bug-3 --doc`".
    let failed: Vec<String> = text
        .lines()
        .filter_map(|l| l.split("to rerun pass `-p ").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    if failed.is_empty() {
        return vec![("cargo".to_owned(), text)];
    }
    failed.into_iter().map(|name| (name, text.clone())).collect()
}

/// The crates of the two tests below, compiled together (one cargo invocation, shared by both).
fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut collections: Vec<(String, Value)> =
            seeded_samples(3).into_iter().enumerate().map(|(n, doc)| (format!("sample-{n}"), doc)).collect();
        collections.push(("adversarial".to_owned(), adversarial()));
        collections.extend(former_bugs().into_iter().enumerate().map(|(n, (_, doc))| (format!("bug-{n}"), doc)));
        compile("proptest-crates", collections)
    })
}

#[test]
fn sample_of_generated_crates_compiles() {
    let names: Vec<String> = ["sample-0", "sample-1", "sample-2", "adversarial", "cargo"].map(String::from).into();
    let failures = compiled().failures(&names);
    assert!(failures.is_empty(), "generated crates do not compile:\n{}", failures.join("\n\n"));
}

/// Compiles many seeded crates at once, to hunt for code that parses but does not compile:
/// `PROPTEST_COMPILE_SAMPLES=40 cargo test -p zoomgen --test proptest_collections -- --ignored many`.
#[test]
#[ignore = "slow: run by hand to look for new compile errors"]
fn many_generated_crates_compile() {
    let count = std::env::var("PROPTEST_COMPILE_SAMPLES").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    let collections = seeded_samples(count).into_iter().enumerate().map(|(n, doc)| (format!("sample-{n}"), doc));
    let compiled = compile("proptest-many", collections.collect());
    let names: Vec<String> = compiled.errors.keys().cloned().collect();
    let failures = compiled.failures(&names);
    assert!(failures.is_empty(), "generated crates do not compile:\n{}", failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Former bugs: minimal collections that once broke generated code, compiled so they stay fixed
// ---------------------------------------------------------------------------------------------

/// Minimal collections, each with the zoomgen bug it shows. Every one generates without an
/// error but gives a crate that does not parse or does not compile.
fn former_bugs() -> Vec<(&'static str, Value)> {
    let folder = |folder: &str, request: &str| json!({"info": {"name": "api"}, "item": [{"name": folder, "item": [{"name": request, "request": "https://example.com/a?q=abc"}]}]});
    vec![
        (
            "bug 1: U+202E in a name is written into a doc comment: `text_direction_codepoint_in_comment` is deny-by-default",
            folder("f", "get \u{202e}x"),
        ),
        (
            "bug 2: a request named \"Some\" gets the tuple struct `Some`, which shadows `Option::Some` in its module",
            folder("f", "Some"),
        ),
        (
            "bug 2: a request named \"Ok\" gets the tuple struct `Ok`, which shadows `Result::Ok` in its module",
            json!({"info": {"name": "api"}, "item": [{"name": "f", "item": [{"name": "Ok", "request": {"url": {"raw": "https://example.com/a?mode=a", "host": ["example", "com"], "path": ["a"],
                "query": [{"key": "mode", "value": "a", "description": "`a` - x<br>`b` - y"}]}}}]}]}),
        ),
        (
            "bug 3: a request or folder named \"From\" gets the type `From`, which shadows the trait in `impl From<..>`",
            folder("f", "From"),
        ),
        (
            "bug 3: a request named \"AsRef\" gets the type `AsRef`, which shadows the trait in `impl AsRef<str>` arguments",
            folder("f", "AsRef"),
        ),
        (
            "bug 4: a request named \"into\" gets the type `Into` and the method `into`: the conformance suite does not compile",
            folder("f", "into"),
        ),
        (
            "bug 5: a folder named \"clone\" gets the accessor `Client::clone`, which hides `Clone::clone` for `self.clone()`",
            folder("clone", "get"),
        ),
        (
            "bug 6: a folder named \"builder\" (or \"substitute\", \"assemble\") gets an accessor on `Client` that duplicates one of the runtime's",
            folder("builder", "get"),
        ),
        (
            "bug 7: a folder named \"lib\" is written to `src/lib.rs`, over the crate root",
            folder("lib", "get"),
        ),
        (
            "bug 7: a folder named \"main\" is written to `src/main.rs`, which makes a binary target",
            folder("main", "get"),
        ),
    ]
}

/// The bugs found so far, one crate each: all fixed, kept as regression tests. Each collection
/// passes the property check, and its crate compiles.
#[test]
fn former_bugs_give_crates_that_compile() {
    let bugs = former_bugs();
    let mut failures: Vec<String> = bugs
        .iter()
        .filter_map(|(what, doc)| check(&doc.to_string(), true).err().map(|violation| format!("{what}:\n{violation}")))
        .collect();
    for (n, (what, _)) in bugs.iter().enumerate() {
        failures.extend(compiled().failures(&[format!("bug-{n}")]).into_iter().map(|f| format!("{what}: {f}")));
    }
    failures.extend(compiled().failures(&["cargo".to_owned()]));
    assert!(failures.is_empty(), "former bugs are back:\n\n{}", failures.join("\n\n"));
}
