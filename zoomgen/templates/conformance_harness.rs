//! Conformance harness: works out from the collection JSON itself (not from the generator's IR)
//! the request Postman would send for an item, checks the request the generated client sends
//! against it on a local mock server, and checks the typed result of every saved response.

#![allow(dead_code)] // not every collection uses every helper

use std::collections::BTreeMap;
use std::future::Future;

use serde_json::Value;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Credentials the tests configure; the expected requests carry them where the collection's
/// auth puts its (undefined or secret) credential variables.
pub const BEARER: &str = "conformance-bearer-token";
pub const USERNAME: &str = "conformance-user";
pub const PASSWORD: &str = "conformance-password";
pub const API_KEY: &str = "conformance-api-key";
/// The timestamp and nonce of signed requests where the collection gives none.
pub const TIMESTAMP: &str = "1700000000";
pub const NONCE: &str = "conformancenonce";
/// The same moment as EdgeGrid writes it, and as the Unix time AWS signatures are made at.
pub const EDGEGRID_TIMESTAMP: &str = "20231114T22:13:20+0000";
pub const UNIX_TIME: u64 = 1_700_000_000;

/// The contents of every file the collection uploads (the oracle writes the same).
pub const FILE: &str = "conformance file";

/// Whether a form-data or file body `src` names a file.
fn has_src(src: &Value) -> bool {
    match src {
        Value::String(s) => !s.is_empty(),
        Value::Array(list) => list.iter().any(|s| s.as_str().is_some_and(|s| !s.is_empty())),
        _ => false,
    }
}

/// The test value of a variable the collection uses without defining it, or of one of Postman's
/// dynamic variables (`$guid`: `conformance-guid`).
pub fn variable(name: &str) -> String {
    format!("conformance-{}", name.strip_prefix('$').unwrap_or(name))
}

/// What a call returned, reduced to what the collection documents.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A decoded success value.
    Success,
    /// A documented error status.
    Api(u16),
    /// A success status whose body does not decode.
    Decode,
    /// Anything else, described.
    Other(String),
}

/// The environment variable naming the oracle's recorder (`http://127.0.0.1:PORT`). When it is
/// set, each test sends its request once to the recorder, labelled with the item, and checks
/// nothing itself: the oracle (tests/oracle in the zoomgen repository) compares it with what
/// Postman's runner sends.
pub const ORACLE: &str = "ZOOMGEN_ORACLE";

/// One collection item under test.
pub struct Harness {
    name: String,
    label: String,
    item: Value,
    auth: Value,
    vars: BTreeMap<String, String>,
    server: MockServer,
    oracle: Option<String>,
}

impl Harness {
    /// Loads the collection at `path` and finds the item at `indices` (positions in nested
    /// `item` arrays).
    pub async fn new(path: &str, indices: &[usize]) -> Harness {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut collection: Value = serde_json::from_str(&text).expect("the collection is JSON");
        if collection.get("item").is_none() && collection.get("collection").is_some() {
            collection = collection["collection"].take();
        }
        let mut vars = BTreeMap::new();
        add_vars(&mut vars, &collection["variable"]);
        // Auth: the nearest level that sets a type (a missing or null one defers to the parent;
        // `inherit` is no type Postman knows and sends nothing).
        let sets_auth = |auth: &Value| auth["type"].is_string();
        let mut auth = collection["auth"].clone();
        let mut node = &collection;
        let mut names = Vec::new();
        for i in indices {
            // Folder and request variables are not resolved by Postman's runner.
            node = &node["item"][*i];
            names.push(node["name"].as_str().unwrap_or("").to_owned());
            if sets_auth(&node["auth"]) {
                auth = node["auth"].clone();
            }
        }
        if sets_auth(&node["request"]["auth"]) {
            auth = node["request"]["auth"].clone();
        }
        let mut item = node.clone();
        // Headers written as one text (`Key: value` lines), as Postman reads them.
        if let Some(text) = item["request"]["header"].as_str().map(str::to_owned) {
            let lines = text.lines().filter_map(|line| line.split_once(':'));
            let headers = lines.map(|(key, value)| serde_json::json!({"key": key.trim(), "value": value.trim()}));
            item["request"]["header"] = Value::Array(headers.collect());
        }
        let label = indices.iter().map(ToString::to_string).collect::<Vec<_>>().join(".");
        let oracle = std::env::var(ORACLE).ok().filter(|v| !v.is_empty());
        let server = MockServer::start().await;
        Harness { name: names.join(" / "), label, item, auth, vars, server, oracle }
    }

    /// `default` (a base URL of the collection) moved onto the mock server: same path. For the
    /// oracle, the URL itself (`http://` when it has no scheme, as Postman reads it): the client
    /// reaches the recorder as its proxy ([`Harness::http_client`]).
    pub fn server(&self, default: &str) -> String {
        let default = self.resolve(default);
        let (scheme, after_scheme) = default.split_once("://").unwrap_or(("http", &default));
        let end = after_scheme.find('/').unwrap_or(after_scheme.len());
        let path = after_scheme[end..].trim_end_matches('/');
        match &self.oracle {
            Some(recorder) => {
                let host = &after_scheme[..end];
                let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
                let url = format!("{scheme}://{host}{path}");
                if reqwest::Url::parse(&url).is_ok_and(|u| u.host_str().is_some_and(|h| !h.contains('%'))) {
                    return url;
                }
                // No HTTP client can send this URL (a host with spaces, `about:blank`): it goes
                // to the recorder itself, tagged with the item and the origin.
                let origin = format!("{scheme}://{host}");
                let origin = percent_encoding::utf8_percent_encode(&origin, percent_encoding::NON_ALPHANUMERIC);
                format!("{recorder}/__oracle/{}/{origin}{path}", self.label)
            }
            None => format!("{}{}", self.server.uri(), path),
        }
    }

    /// For the oracle, the HTTP client that sends through the recorder: it is the proxy, told
    /// the item by `Proxy-Authorization`, and ends TLS with a certificate of its own.
    pub fn http_client(&self) -> Option<reqwest::Client> {
        let recorder = self.oracle.as_ref()?;
        let label = reqwest::header::HeaderValue::from_str(&format!("zoomgen-oracle {}", self.label)).ok()?;
        let proxy = reqwest::Proxy::all(recorder.as_str()).ok()?.custom_http_auth(label);
        // The recorder's certificate is its own: reqwest's settings must apply, so the harness
        // gives rustls its provider rather than a configuration.
        #[cfg(feature = "rustls-ring")]
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder().proxy(proxy).redirect(reqwest::redirect::Policy::none());
        #[cfg(any(feature = "rustls-ring", feature = "rustls", feature = "native-tls"))]
        let client = client.danger_accept_invalid_certs(true);
        let client = client.build();
        Some(client.expect("the oracle's HTTP client builds"))
    }

    /// Auth parameter `key` of the item's auth, variables resolved; `None` when the collection
    /// leaves it empty (the oracle gives Postman's runner the harness's credentials then).
    fn auth_param(&self, key: &str) -> Option<String> {
        self.auth_param_raw(key).filter(|v| !v.is_empty()).map(|v| self.resolve(&v))
    }

    /// Auth parameter `key` as written, empty or not (`None` when the item's auth lacks it).
    fn auth_param_raw(&self, key: &str) -> Option<String> {
        let auth = &self.auth;
        match &auth[auth["type"].as_str().unwrap_or("")] {
            Value::Array(list) => list.iter().find(|p| p["key"] == key).map(|p| scalar(&p["value"])),
            Value::Object(map) => map.get(key).map(scalar),
            _ => None,
        }
    }

    /// The bearer token the item's auth gives (Postman's value), else [`BEARER`].
    pub fn bearer(&self) -> String {
        let key = if self.auth["type"] == "oauth2" { "accessToken" } else { "token" };
        self.auth_param(key).unwrap_or_else(|| BEARER.to_owned())
    }

    /// The Basic credentials the item's auth gives, else those in its URL, else [`USERNAME`]
    /// and [`PASSWORD`].
    pub fn basic(&self) -> (String, String) {
        match (self.auth_param("username"), self.auth_param("password")) {
            (None, None) => self.url_credentials().unwrap_or_else(|| (USERNAME.to_owned(), PASSWORD.to_owned())),
            (user, password) => (user.unwrap_or_default(), password.unwrap_or_default()),
        }
    }

    /// `user:password@` written before the host of a raw URL, resolved and percent-decoded.
    fn url_credentials(&self) -> Option<(String, String)> {
        let raw = self.resolve(self.raw_url());
        let after_scheme = raw.split_once("://").map_or(raw.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
        let (userinfo, _) = authority.rsplit_once('@')?;
        let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        Some((decode(user), decode(password)))
    }

    /// The URL as the item writes it in text: a string URL or the object's `raw`.
    fn raw_url(&self) -> &str {
        match &self.request()["url"] {
            Value::String(raw) => raw.as_str(),
            Value::Null => self.request().as_str().unwrap_or(""),
            url => url["raw"].as_str().unwrap_or(""),
        }
    }

    /// The API key the item's auth gives, else [`API_KEY`].
    pub fn api_key(&self) -> String {
        self.auth_param("value").unwrap_or_else(|| API_KEY.to_owned())
    }

    /// Whether the item's URL is `//host/...`: a host but no scheme.
    fn without_scheme(&self) -> bool {
        self.raw_url().trim_start().starts_with("//")
    }

    fn request(&self) -> &Value {
        &self.item["request"]
    }

    fn url(&self) -> Value {
        match &self.request()["url"] {
            Value::String(raw) => parse_raw(raw),
            Value::Null if self.request().is_string() => parse_raw(self.request().as_str().unwrap_or("")),
            other if other.get("host").is_none() && other.get("raw").is_some() => {
                let mut parsed = parse_raw(other["raw"].as_str().unwrap_or(""));
                if let Some(vars) = other.get("variable") {
                    parsed["variable"] = vars.clone();
                }
                parsed
            }
            other => other.clone(),
        }
    }

    /// Resolves `{{var}}` references the way Postman does with an environment that gives the
    /// collection's undefined variables the values [`variable`] returns (the tests set the same
    /// values on the client).
    pub fn resolve(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for _ in 0..19 {
            let next = substitute(&out, |name| self.vars.get(name).cloned());
            if next == out {
                break;
            }
            out = next;
        }
        substitute(&out, |name| Some(variable(name)))
    }

    /// The example value of path variable `key`.
    pub fn path(&self, key: &str) -> Option<String> {
        let url = self.url();
        let found = url["variable"].as_array().into_iter().flatten().find(|v| path_name(v) == key);
        // A path variable without an example value gets a test value, like an undefined variable.
        let value = found.map(|v| scalar(&v["value"])).filter(|v| !v.is_empty());
        Some(value.map_or_else(|| variable(key), |v| self.resolve(&v)))
    }

    /// Whether entry `p` has key `key`, variables resolved (as Postman resolves them in keys).
    fn is_key(&self, p: &Value, key: &str) -> bool {
        self.resolve(&scalar(&p["key"])) == self.resolve(key)
    }

    fn enabled<'a>(&self, list: &'a Value) -> impl Iterator<Item = &'a Value> {
        list.as_array().into_iter().flatten().filter(|p| p.is_object() && !is_disabled(p))
    }

    fn find(&self, list: &Value, key: &str) -> Option<String> {
        self.enabled(list).find(|p| self.is_key(p, key)).map(|p| self.resolve(&scalar(&p["value"])))
    }

    /// The example value of enabled query parameter `key`.
    pub fn query(&self, key: &str) -> Option<String> {
        self.find(&self.url()["query"], key)
    }

    /// The example values of enabled query parameter `key`, given more than once.
    pub fn query_all(&self, key: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .enabled(&self.url()["query"])
            .filter(|p| self.is_key(p, key))
            .map(|p| self.resolve(&scalar(&p["value"])))
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// Whether enabled query key `key` is written without a value (a flag sent alone).
    pub fn flag(&self, key: &str) -> Option<bool> {
        self.enabled(&self.url()["query"]).any(|p| self.is_key(p, key) && p["value"].is_null()).then_some(true)
    }

    /// Whether the test sends to the oracle's recorder.
    pub fn oracle(&self) -> bool {
        self.oracle.is_some()
    }

    /// The example value of enabled header `key`.
    pub fn header(&self, key: &str) -> Option<String> {
        self.find(&self.request()["header"], key)
    }

    /// The example value of enabled form field `key` (url-encoded or form-data text).
    pub fn form(&self, key: &str) -> Option<String> {
        let body = &self.request()["body"];
        self.find(&body["urlencoded"], key).or_else(|| self.find(&body["formdata"], key))
    }

    /// The example values of enabled form field `key`, given more than once.
    pub fn form_all(&self, key: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .enabled(&self.request()["body"]["urlencoded"])
            .filter(|p| self.is_key(p, key))
            .map(|p| self.resolve(&scalar(&p["value"])))
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// Contents for an enabled form-data file part: [`FILE`] when it names a file, else empty
    /// (Postman sends an empty part).
    pub fn file(&self, key: &str) -> Option<String> {
        let part = self.enabled(&self.request()["body"]["formdata"]).find(|p| self.is_key(p, key))?;
        Some(if has_src(&part["src"]) { FILE.to_owned() } else { String::new() })
    }

    /// The body text, variables resolved: the raw text, a file body's [`FILE`], or for GraphQL
    /// the JSON Postman writes (`query`, `operationName`, and `variables` as written).
    pub fn body(&self) -> Option<String> {
        let body = &self.request()["body"];
        match body["mode"].as_str() {
            Some("graphql") => Some(self.graphql(&body["graphql"])),
            Some("file") => Some(if has_src(&body["file"]["src"]) { FILE.to_owned() } else { String::new() }),
            _ => {
                let raw = self.resolve(body["raw"].as_str().unwrap_or(""));
                // Postman drops comments from a body it takes for JSON: by language, else by
                // the item's Content-Type.
                let language = body["options"]["raw"]["language"].as_str();
                let json_type = self.header("Content-Type").is_some_and(|t| t.contains("json"));
                let json = language == Some("json") || (language.is_none() && json_type);
                Some(if json { strip_comments(&raw) } else { raw })
            }
        }
    }

    fn graphql(&self, graphql: &Value) -> String {
        let text = |key: &str| graphql[key].as_str().map(|t| self.resolve(t));
        if !graphql["variables"].is_string() && !graphql["variables"].is_null() {
            let mut all = serde_json::Map::new();
            for key in ["query", "operationName"] {
                if let Some(t) = text(key) {
                    all.insert(key.to_owned(), Value::String(t));
                }
            }
            all.insert("variables".to_owned(), graphql["variables"].clone());
            return Value::Object(all).to_string();
        }
        let mut fields = Vec::new();
        for key in ["query", "operationName"] {
            if let Some(t) = text(key) {
                fields.push(format!("{}:{}", Value::from(key), Value::from(t)));
            }
        }
        if let Some(vars) = text("variables").filter(|v| !v.is_empty()) {
            fields.push(format!("\"variables\":{vars}"));
        }
        format!("{{{}}}", fields.join(","))
    }

    /// Parses example JSON text into a typed value.
    pub fn json<T: serde::de::DeserializeOwned>(&self, text: &str) -> T {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: example JSON does not fit the type: {e}", self.name))
    }

    /// Checks the request the call sends, then the result of each saved response.
    pub async fn check<F, Fut>(&self, call: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Outcome>,
    {
        if self.oracle.is_some() {
            let _ = call().await;
            return;
        }
        let mut failures = Vec::new();
        Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(299)).mount(&self.server).await;
        let first = call().await;
        if self.without_scheme() {
            // Postman's runner refuses `//host/...`; the client sends nothing until its base URL
            // is set.
            let sent = self.server.received_requests().await.unwrap_or_default().len();
            assert!(sent == 0 && matches!(first, Outcome::Other(_)), "{}: sent {sent}, got {first:?}", self.name);
            return;
        }
        match self.server.received_requests().await.unwrap_or_default().as_slice() {
            [received] => failures.extend(self.compare(received)),
            other => failures.push(format!("expected one request, the server received {} ({first:?})", other.len())),
        }
        for saved in self.item["response"].as_array().into_iter().flatten() {
            let Some(code) = saved["code"].as_u64().and_then(|c| u16::try_from(c).ok()) else { continue };
            self.server.reset().await;
            let mut template =
                ResponseTemplate::new(code).set_body_string(realized(saved["body"].as_str().unwrap_or("")));
            // The saved headers but those about the saved transfer (a stale length or encoding)
            // and a `Location` (the client would follow it off the mock server): a 3xx without
            // one is an error status. The generated `mock` module replays the same ones.
            for h in saved["header"].as_array().into_iter().flatten() {
                if let (Some(k), Some(v)) = (h["key"].as_str(), h["value"].as_str()) {
                    let skip = ["content-length", "transfer-encoding", "content-encoding", "location"];
                    if !skip.iter().any(|s| k.trim().eq_ignore_ascii_case(s)) {
                        template = template.insert_header(k, v);
                    }
                }
            }
            Mock::given(wiremock::matchers::any()).respond_with(template).mount(&self.server).await;
            // A success example whose body claims to be JSON but is not can only fail to decode,
            // when other success examples are JSON (the type is JSON); when none is, the type is
            // text and it decodes as text.
            let body = saved["body"].as_str().unwrap_or("").trim();
            let json_type = saved["header"].as_array().into_iter().flatten().any(|h| {
                h["key"].as_str().is_some_and(|k| k.eq_ignore_ascii_case("content-type"))
                    && h["value"].as_str().is_some_and(|v| v.contains("json"))
            });
            let broken = json_type
                && !body.is_empty()
                && serde_json::from_str::<Value>(body).is_err()
                && !self.success_examples().is_empty();
            let expected = match code {
                200..=299 if broken => Outcome::Decode,
                200..=299 => Outcome::Success,
                _ => Outcome::Api(code),
            };
            let got = call().await;
            if got != expected {
                failures.push(format!("saved response {code}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}:\n  {}", self.name, failures.join("\n  "));
    }

    /// Forward compatibility, a property of every saved 2xx JSON example: the example and every
    /// change of it a live API may answer decode through `decode` (the operation's
    /// `parse_response`, re-serialized) and come back holding every member they had. The
    /// changes: one member `null` or removed, an integer sent as a float, a string nobody
    /// listed, a member no example shows added to any object, an array empty, of one element or
    /// of several, an object empty; each alone, then random combinations of several (proptest).
    pub fn forward_compatible(&self, decode: impl Fn(&[u8]) -> Result<Value, String>) {
        let mut failures = Vec::new();
        for example in self.success_examples() {
            let changes = mutations(&example, &mut Vec::new());
            let single = std::iter::once(Vec::new()).chain((0..changes.len()).map(|i| vec![i]));
            for chosen in single {
                failures.extend(check_mutated(&decode, &example, &changes, &chosen));
            }
            if changes.is_empty() {
                continue;
            }
            let config = proptest::test_runner::Config { cases: 32, failure_persistence: None, ..Default::default() };
            let rng = proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha);
            let mut runner = proptest::test_runner::TestRunner::new_with_rng(config, rng);
            let strategy = proptest::collection::vec(0..changes.len(), 2..=5);
            let result = runner.run(&strategy, |chosen| match check_mutated(&decode, &example, &changes, &chosen) {
                Some(failure) => Err(proptest::test_runner::TestCaseError::fail(failure)),
                None => Ok(()),
            });
            if let Err(e) = result {
                failures.push(e.to_string());
            }
        }
        assert!(
            failures.is_empty(),
            "{}: responses that do not decode, or lose members:\n  {}",
            self.name,
            failures.join("\n  ")
        );
    }

    /// The JSON bodies of the item's saved 2xx responses.
    fn success_examples(&self) -> Vec<Value> {
        let saved = self.item["response"].as_array().into_iter().flatten();
        let success = saved.filter(|r| r["code"].as_u64().is_some_and(|c| (200..300).contains(&c)));
        success
            .filter_map(|r| serde_json::from_str::<Value>(&realized(r["body"].as_str()?)).ok())
            .filter(|v| !v.is_null())
            .collect()
    }

    /// Differences between the received request and what Postman would send.
    fn compare(&self, received: &wiremock::Request) -> Vec<String> {
        let mut out = Vec::new();
        let method = self.request()["method"].as_str().unwrap_or("GET").to_ascii_uppercase();
        if received.method.as_str() != method {
            out.push(format!("method: expected {method}, sent {}", received.method));
        }
        let url = self.url();
        let (expected_path, mut expected_query) = self.expected_url(&url);
        let sent_path: Vec<String> = received.url.path().split('/').map(decode).collect();
        if sent_path != expected_path {
            out.push(format!("path: expected {:?}, sent {:?}", expected_path.join("/"), sent_path.join("/")));
        }
        let (auth_header, auth_query) = self.expected_auth();
        // A signing scheme, or an OAuth 2.0 token in the query, replaces the item's own
        // parameters of the names it sends.
        let token_in_query = auth_query.iter().any(|(k, _)| k == "access_token") && self.auth["type"] == "oauth2";
        let replaced = |k: &str| self.signing_param(k) || (token_in_query && k == "access_token");
        expected_query.retain(|(k, _)| !replaced(k));
        expected_query.extend(auth_query);
        let mut sent_query: Vec<(String, String)> = received
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .filter(|(k, _)| !self.signing_param(k))
            .collect();
        expected_query.sort();
        sent_query.sort();
        if sent_query != expected_query {
            out.push(format!("query: expected {expected_query:?}, sent {sent_query:?}"));
        }
        // Repeated header fields compare as one comma-separated value (RFC 9110 §5.3).
        let header = |name: &str| {
            let values: Vec<&str> = received.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
            (!values.is_empty()).then(|| values.join(", "))
        };
        match (self.signed_prefix(), header("authorization")) {
            // Signatures are checked against Postman's runner (the oracle) and by the client's
            // own tests; here, that the scheme signed.
            (Some(prefix), Some(sent)) if !sent.starts_with(prefix) => {
                out.push(format!("authorization: expected {prefix:?}..., sent {sent:?}"));
            }
            (Some(_), _) => {}
            (None, sent) if sent != auth_header => {
                out.push(format!("authorization: expected {auth_header:?}, sent {sent:?}"));
            }
            (None, _) => {}
        }
        let mut checked: Vec<String> = Vec::new();
        for h in self.enabled(&self.request()["header"]) {
            let key = h["key"].as_str().unwrap_or("").trim();
            let lower = key.to_ascii_lowercase();
            let auth_header = self.auth["type"] == "apikey"
                && self.auth_param("in").as_deref() != Some("query")
                && self.auth_param("key").unwrap_or_else(|| "api_key".to_owned()).eq_ignore_ascii_case(key);
            if lower == "content-type"
                || lower == "authorization"
                || auth_header
                || key.is_empty()
                || checked.contains(&lower)
            {
                continue;
            }
            let value = self
                .enabled(&self.request()["header"])
                .filter(|o| o["key"].as_str().is_some_and(|k| k.trim().eq_ignore_ascii_case(key)))
                .map(|o| self.resolve(&scalar(&o["value"])))
                .collect::<Vec<_>>()
                .join(", ");
            if header(key).as_deref() != Some(value.as_str()) {
                out.push(format!("header {key}: expected {value:?}, sent {:?}", header(key)));
            }
            checked.push(lower);
        }
        out.extend(self.compare_body(received, header("content-type").unwrap_or_default()));
        out
    }

    /// Path segments (decoded) and query pairs of the URL Postman would send, on the mock server.
    fn expected_url(&self, url: &Value) -> (Vec<String>, Vec<(String, String)>) {
        let host = match &url["host"] {
            Value::Array(parts) => parts.iter().map(scalar).collect::<Vec<_>>().join("."),
            other => scalar(other),
        };
        let host = self.resolve(&host);
        let base = self.server(&if host.contains("://") { host } else { format!("http://{host}") });
        let base_path = base.strip_prefix(&self.server.uri()).unwrap_or("").to_owned();
        let segments: Vec<String> = match &url["path"] {
            Value::Array(parts) => {
                parts.iter().map(|p| if p.is_object() { scalar(&p["value"]) } else { scalar(p) }).collect()
            }
            Value::String(s) => s.trim_start_matches('/').split('/').map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        let mut path: Vec<String> = base_path.split('/').map(str::to_owned).collect();
        for seg in segments {
            // `:name` up to a `.` is a path variable.
            let var = seg.strip_prefix(':').map(|v| v.split_once('.').map_or((v, ""), |(k, _)| (k, &v[k.len()..])));
            let seg = match var {
                Some((key, suffix)) if !key.is_empty() => {
                    format!("{}{}", self.path(key).unwrap_or_default(), self.resolve(suffix))
                }
                _ => self.resolve(&seg),
            };
            path.push(seg);
        }
        if path.len() == 1 {
            // No path at all is `/`.
            path.push(String::new());
        }
        // Postman sends what the collection writes (`%2F` stays `%2F`); compared as decoded.
        let decoded = |text: String| decode(&text.replace('+', " "));
        let query = self
            .enabled(&url["query"])
            .filter(|q| !scalar(&q["key"]).is_empty() || !scalar(&q["value"]).is_empty())
            .map(|q| (decoded(self.resolve(&scalar(&q["key"]))), decoded(self.resolve(&scalar(&q["value"])))))
            .collect();
        (path, query)
    }

    /// How the `Authorization` header of the item's signing auth starts, if it has one.
    fn signed_prefix(&self) -> Option<&'static str> {
        Some(match self.auth["type"].as_str()? {
            "oauth1" => "OAuth ",
            // Without an algorithm Postman knows, Postman sends an empty header.
            "hawk" if !matches!(self.auth_param("algorithm").as_deref(), Some("sha256" | "sha1")) => "",
            "hawk" => "Hawk ",
            "awsv4" => "AWS4-HMAC-SHA256 ",
            "digest" => "Digest ",
            "jwt" => "",
            "edgegrid" => "EG1-HMAC-SHA256 ",
            _ => return None,
        })
    }

    /// Whether query or form parameter `key` is one the item's signing auth adds.
    fn signing_param(&self, key: &str) -> bool {
        match self.auth["type"].as_str().unwrap_or("") {
            "oauth1" => key.starts_with("oauth_"),
            "awsv4" => key.starts_with("X-Amz-"),
            "jwt" => {
                self.auth_param("addTokenTo").as_deref() == Some("queryParam")
                    && key == self.auth_param("queryParamKey").unwrap_or_else(|| "token".to_owned())
            }
            _ => false,
        }
    }

    /// A credential of the item's signing auth, else `conformance-KEY` (the oracle gives
    /// Postman's runner the same).
    pub fn credential(&self, key: &str) -> String {
        self.auth_param(key).unwrap_or_else(|| variable(key))
    }

    /// A parameter of the item's auth that the user may leave empty (empty then).
    pub fn auth_value(&self, key: &str) -> String {
        self.auth_param(key).unwrap_or_default()
    }

    /// A per-request value of the item's signing auth (timestamp, nonce): the collection's, else
    /// `default` (the oracle gives Postman's runner the same).
    pub fn pinned(&self, key: &str, default: &str) -> String {
        self.auth_param(key).unwrap_or_else(|| default.to_owned())
    }

    /// Expected `Authorization` header and auth query pairs.
    fn expected_auth(&self) -> (Option<String>, Vec<(String, String)>) {
        use base64::Engine as _;
        match self.auth["type"].as_str().unwrap_or("noauth") {
            // An empty token sends no `Authorization` but the item's own, if it has one.
            "bearer" | "oauth2" => {
                let token = Some(self.bearer()).filter(|t| !t.is_empty());
                // OAuth 2.0 settings: `addTokenTo` and `headerPrefix` (trimmed, `Bearer` when
                // absent, none when empty).
                let oauth2 = self.auth["type"] == "oauth2";
                if oauth2 && self.auth_value("addTokenTo") == "queryParams" {
                    return match token {
                        Some(token) => (None, vec![("access_token".to_owned(), token)]),
                        None => (self.header("Authorization"), Vec::new()),
                    };
                }
                let prefix = match self.auth_param_raw("headerPrefix") {
                    Some(prefix) if oauth2 => prefix.trim().to_owned(),
                    _ => "Bearer".to_owned(),
                };
                let token = token.map(|t| if prefix.is_empty() { t } else { format!("{prefix} {t}") });
                (token.or_else(|| self.header("Authorization")), Vec::new())
            }
            "basic" => {
                let (user, password) = self.basic();
                let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                (Some(format!("Basic {encoded}")), Vec::new())
            }
            "apikey" => {
                let key = self.auth_param("key").unwrap_or_else(|| "api_key".to_owned());
                if self.auth_param("in").as_deref() == Some("query") {
                    (None, vec![(key, self.api_key())])
                } else if key.eq_ignore_ascii_case("authorization") {
                    (Some(self.api_key()), Vec::new())
                } else {
                    (self.header("Authorization"), Vec::new())
                }
            }
            // Without auth, an Authorization header of the item's own is sent as written, else
            // Basic auth with the credentials its URL holds.
            _ => {
                let own = self.header("Authorization").or_else(|| self.header("authorization"));
                let from_url = self.url_credentials().map(|(user, password)| {
                    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
                });
                (own.or(from_url), Vec::new())
            }
        }
    }

    fn compare_body(&self, received: &wiremock::Request, content_type: String) -> Vec<String> {
        let body = &self.request()["body"];
        let method = self.request()["method"].as_str().unwrap_or("GET").to_ascii_uppercase();
        let pruned = ["GET", "COPY", "HEAD", "PURGE", "UNLOCK"].contains(&method.as_str())
            && self.item["protocolProfileBehavior"]["disableBodyPruning"] != true;
        if pruned {
            // Postman sends no body with these methods.
            return if received.body.is_empty() { Vec::new() } else { vec![format!("a body was sent with {method}")] };
        }
        if is_disabled(body) {
            return Vec::new();
        }
        let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let mut out = Vec::new();
        match body["mode"].as_str() {
            Some("urlencoded") => {
                let mut expected: Vec<(String, String)> = self
                    .enabled(&body["urlencoded"])
                    .map(|p| (self.resolve(&scalar(&p["key"])), self.resolve(&scalar(&p["value"]))))
                    .collect();
                let mut sent: Vec<(String, String)> = form_urlencoded::parse(&received.body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .filter(|(k, _)| !self.signing_param(k))
                    .collect();
                expected.sort();
                sent.sort();
                // As Postman: an empty form is no body at all.
                if expected.is_empty() {
                    if !received.body.is_empty() {
                        out.push("a body was sent for an empty form".to_owned());
                    }
                } else if media != "application/x-www-form-urlencoded" {
                    out.push(format!("content type: expected a form, sent {content_type:?}"));
                }
                if expected != sent {
                    out.push(format!("form body: expected {expected:?}, sent {sent:?}"));
                }
            }
            Some("formdata") => {
                let sent = multipart_parts(&content_type, &received.body);
                let mut expected = Vec::new();
                for p in self.enabled(&body["formdata"]) {
                    let value = if p["type"] == "file" { None } else { Some(self.resolve(&scalar(&p["value"]))) };
                    expected.push((self.resolve(&scalar(&p["key"])), value));
                }
                if expected.is_empty() {
                    if !received.body.is_empty() {
                        out.push("a body was sent for an empty form".to_owned());
                    }
                } else if media != "multipart/form-data" {
                    out.push(format!("content type: expected multipart/form-data, sent {content_type:?}"));
                }
                let names = |v: &[(String, Option<String>)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
                if names(&expected) != names(&sent) {
                    out.push(format!("form-data parts: expected {:?}, sent {:?}", names(&expected), names(&sent)));
                }
                for ((key, want), (_, got)) in expected.iter().zip(&sent) {
                    if let (Some(want), Some(got)) = (want, got)
                        && !same_text_or_json(want, got)
                    {
                        out.push(format!("form-data part {key}: expected {want:?}, sent {got:?}"));
                    }
                }
            }
            Some("raw" | "graphql") => {
                let want = self.body().unwrap_or_default();
                let got = String::from_utf8_lossy(&received.body).into_owned();
                if !same_text_or_json(&want, &got) {
                    out.push(format!("body: expected {want:?}, sent {got:?}"));
                }
            }
            _ => {}
        }
        out
    }
}

/// A saved body as a server would send it: the typed placeholders Postman's OpenAPI converter
/// writes instead of values (`"<boolean>"`, `"<long>"`, `"<number>"`) become values of the type
/// they name; any other body is kept byte for byte.
fn realized(body: &str) -> String {
    fn realize(value: &mut Value) -> bool {
        let found = match value {
            Value::String(text) => match text.as_str() {
                "<boolean>" => Some(Value::Bool(true)),
                "<integer>" | "<long>" | "<int32>" | "<int64>" => Some(Value::from(1)),
                "<number>" | "<double>" | "<float>" => Some(Value::from(1.5)),
                _ => None,
            },
            Value::Array(items) => return items.iter_mut().map(realize).filter(|&found| found).count() > 0,
            Value::Object(map) => return map.values_mut().map(realize).filter(|&found| found).count() > 0,
            _ => None,
        };
        found.map(|v| *value = v).is_some()
    }
    let Ok(mut json) = serde_json::from_str::<Value>(body) else { return body.to_owned() };
    if realize(&mut json) {
        json.to_string()
    } else {
        body.to_owned()
    }
}

/// A step into a JSON value: an object member or an array element.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// One change of a response a live API may make, at a path.
#[derive(Debug, Clone)]
struct Mutation {
    path: Vec<Step>,
    change: Change,
}

#[derive(Debug, Clone, Copy)]
enum Change {
    Null,
    Remove,
    Float,
    Unlisted,
    AddUnknown,
    EmptyObject,
    EmptyArray,
    OneElement,
    SeveralElements,
}

/// The member the harness adds to objects: no example shows it.
const UNKNOWN: &str = "zoomgen_unknown";

/// Every change that applies to `value` (at `path`) and inside it.
fn mutations(value: &Value, path: &mut Vec<Step>) -> Vec<Mutation> {
    let at = |change| Mutation { path: path.clone(), change };
    let mut out = Vec::new();
    match value {
        Value::Object(map) => {
            out.push(at(Change::AddUnknown));
            if !map.is_empty() {
                out.push(at(Change::EmptyObject));
            }
            for (key, member) in map {
                path.push(Step::Key(key.clone()));
                out.push(Mutation { path: path.clone(), change: Change::Null });
                out.push(Mutation { path: path.clone(), change: Change::Remove });
                out.extend(mutations(member, path));
                path.pop();
            }
        }
        Value::Array(items) => {
            out.push(at(Change::EmptyArray));
            if !items.is_empty() {
                out.extend([at(Change::OneElement), at(Change::SeveralElements)]);
            }
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                out.extend(mutations(item, path));
                path.pop();
            }
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => out.push(at(Change::Float)),
        Value::String(_) => out.push(at(Change::Unlisted)),
        _ => {}
    }
    out
}

/// Applies `m` to `value`; a path an earlier change removed is skipped.
fn apply(value: &mut Value, m: &Mutation) {
    let (last, parents) = match m.path.split_last() {
        Some((last, parents)) => (Some(last), parents),
        None => (None, &m.path[..]),
    };
    let mut parent = value;
    for step in parents {
        let next = match step {
            Step::Key(key) => parent.get_mut(key.as_str()),
            Step::Index(i) => parent.get_mut(*i),
        };
        let Some(next) = next else { return };
        parent = next;
    }
    if let (Some(Step::Key(key)), Change::Remove) = (last, m.change) {
        if let Some(map) = parent.as_object_mut() {
            map.remove(key);
        }
        return;
    }
    let target = match last {
        Some(Step::Key(key)) => parent.get_mut(key.as_str()),
        Some(Step::Index(i)) => parent.get_mut(*i),
        None => Some(parent),
    };
    let Some(target) = target else { return };
    let changed = match (m.change, &*target) {
        (Change::Null, _) => Value::Null,
        (Change::Float, Value::Number(n)) => n.as_f64().map_or(Value::Null, |f| serde_json::json!(f + 0.5)),
        (Change::Unlisted, Value::String(_)) => Value::String("zoomgen-unlisted-value".to_owned()),
        (Change::AddUnknown, Value::Object(map)) => {
            let mut map = map.clone();
            map.insert(UNKNOWN.to_owned(), serde_json::json!({"nested": [1, "two", null], "deeper": {"x": true}}));
            Value::Object(map)
        }
        (Change::EmptyObject, Value::Object(_)) => serde_json::json!({}),
        (Change::EmptyArray, Value::Array(_)) => serde_json::json!([]),
        (Change::OneElement, Value::Array(items)) => Value::Array(items.iter().take(1).cloned().collect()),
        (Change::SeveralElements, Value::Array(items)) => {
            Value::Array(items.iter().chain(items.iter()).chain(items.first()).cloned().collect())
        }
        _ => return,
    };
    *target = changed;
}

/// Decodes `example` changed by the chosen mutations; what went wrong, if anything.
fn check_mutated(
    decode: &impl Fn(&[u8]) -> Result<Value, String>,
    example: &Value,
    changes: &[Mutation],
    chosen: &[usize],
) -> Option<String> {
    let mut body = example.clone();
    for &i in chosen {
        apply(&mut body, &changes[i]);
    }
    let what = || chosen.iter().map(|&i| format!("{:?}", changes[i])).collect::<Vec<_>>().join(" + ");
    let text = serde_json::to_vec(&body).unwrap_or_default();
    match decode(&text) {
        Err(e) => Some(format!("{}: does not decode: {e}", what())),
        Ok(decoded) => lost(&body, &decoded, "").map(|path| format!("{}: `{path}` lost", what())),
    }
}

/// The path of the first member of `sent` that `decoded` does not hold, if any.
fn lost(sent: &Value, decoded: &Value, path: &str) -> Option<String> {
    match (sent, decoded) {
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(k, v)| {
            let at = format!("{path}.{k}");
            match b.get(k) {
                Some(w) => lost(v, w, &at),
                None => Some(at),
            }
        }),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (v, w))| lost(v, w, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        (a, b) if a == b => None,
        _ => Some(if path.is_empty() { ".".to_owned() } else { path.to_owned() }),
    }
}

fn add_vars(vars: &mut BTreeMap<String, String>, list: &Value) {
    for v in list.as_array().into_iter().flatten() {
        let key = v["key"].as_str();
        if let (Some(k), false) = (key, is_disabled(v))
            && !v["value"].is_null()
        {
            vars.insert(k.to_owned(), scalar(&v["value"]));
        }
    }
}

/// The name of a URL path variable: its `key`, else its `id`.
fn path_name(v: &Value) -> &str {
    v["key"].as_str().or_else(|| v["id"].as_str()).unwrap_or("")
}

fn is_disabled(v: &Value) -> bool {
    v["disabled"] == true
}

/// A JSON scalar as Postman renders it into a request.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

fn same_text_or_json(want: &str, got: &str) -> bool {
    match (serde_json::from_str::<Value>(want), serde_json::from_str::<Value>(got)) {
        (Ok(a), Ok(b)) => same_json(&a, &b),
        _ => want == got,
    }
}

/// JSON equality where numbers compare by value (`1` equals `1.0`) and `null` members equal
/// missing ones (a client leaves unset optional fields out).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().all(|k| same_json(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null)))
        }
        _ => a == b,
    }
}

/// Replaces each `{{name}}` reference Postman finds (`\{\{([^{}]*?)}}`: no brace in a name)
/// with `value(name)`, leaving it as written when that is `None`.
fn substitute(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let name_len = rest[start + 2..].find(['{', '}']).unwrap_or(rest.len() - start - 2);
        let end = start + 2 + name_len;
        let found = rest[end..].starts_with("}}").then(|| value(rest[start + 2..end].trim())).flatten();
        match found {
            Some(v) => {
                out.push_str(&rest[..start]);
                out.push_str(&v);
                rest = &rest[end + 2..];
            }
            None => {
                out.push_str(&rest[..start + 1]);
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// JSON text without `//` and `/* */` comments outside strings; a line comment keeps the line
/// feed that ends it.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut escaped = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            continue;
        }
        match (c, chars.peek()) {
            ('/', Some('/')) => while chars.next_if(|&n| n != '\n').is_some() {},
            ('/', Some('*')) => {
                chars.next();
                let mut last = ' ';
                for n in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            _ => {
                in_string = c == '"';
                out.push(c);
            }
        }
    }
    out
}

/// Splits a raw URL into a Postman URL object (host, path, query).
fn parse_raw(raw: &str) -> Value {
    // What follows `#` is a fragment: never sent.
    let raw = raw.split_once('#').map_or(raw, |(url, _)| url);
    let (before_query, query) = raw.split_once('?').unwrap_or((raw, ""));
    let (scheme, rest) = match before_query.split_once("://") {
        Some((s, rest)) => (format!("{s}://"), rest),
        None => (String::new(), before_query),
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let query: Vec<Value> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            // A key without `=` has no value (Postman sends it alone).
            match p.split_once('=') {
                Some((k, v)) => serde_json::json!({"key": k, "value": v}),
                None => serde_json::json!({"key": p, "value": null}),
            }
        })
        .collect();
    serde_json::json!({"host": format!("{scheme}{host}"), "path": path, "query": query})
}

/// `(name, text)` of each part of a multipart body; file parts have no text.
fn multipart_parts(content_type: &str, body: &[u8]) -> Vec<(String, Option<String>)> {
    let Some(boundary) = content_type.split("boundary=").nth(1) else { return Vec::new() };
    let text = String::from_utf8_lossy(body);
    let delimiter = format!("--{}", boundary.trim_matches('"'));
    text.split(delimiter.as_str())
        .filter_map(|part| {
            let (head, value) = part.split_once("\r\n\r\n")?;
            let name = head.split("name=\"").nth(1)?.split('"').next()?.to_owned();
            let value = value.strip_suffix("\r\n").unwrap_or(value);
            Some((name, (!head.contains("filename=")).then(|| value.to_owned())))
        })
        .collect()
}
