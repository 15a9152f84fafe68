//! The client generated from `tests/fixtures/postman_fidelity.json` sends each request as
//! Postman's runner does (tests/oracle checks that against newman itself): dynamic variables get
//! a fresh value per request, comments leave a JSON body (which can send `null`), a path
//! variable ends at a `.`, a fragment is never sent, credentials in a URL are Basic auth, an
//! item's own `Authorization` stands in for an empty bearer token, a file body has its file's
//! type, and nested variables resolve.

use fixture_postman_fidelity::{Auth, Client, Field};

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client whose requests go to `server`, with `token` as its bearer token.
fn client(server: &MockServer, token: &str) -> Client {
    Client::builder()
        .base_url(server.uri())
        .creds_example_test_url(server.uri())
        .auth(Auth::bearer(token))
        .auth(Auth::basic("ada", "s3cret"))
        .build()
        .expect("the client builds")
}

fn header(request: &Request, name: &str) -> Option<String> {
    request.headers.get(name).map(|v| v.to_str().expect("a text header").to_owned())
}

fn query(request: &Request, key: &str) -> String {
    let found = request.url.query_pairs().find(|(k, _)| k == key);
    found.unwrap_or_else(|| panic!("query `{key}` sent")).1.into_owned()
}

/// Whether `text` is a lower-case hyphenated UUID, as Postman's `$guid` and `$randomUUID`.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)))
}

#[tokio::test]
async fn dynamic_variables_get_a_fresh_value_for_every_request() {
    let server = server().await;
    let fidelity = client(&server, "").fidelity();
    let first = sent(&server, fidelity.dynamic_values().send()).await;
    let second = sent(&server, fidelity.dynamic_values().send()).await;
    let guid = |r: &Request| r.url.path().strip_prefix("/orders/").expect("the path").to_owned();
    assert!(is_uuid(&guid(&first)), "{}", first.url);
    assert_ne!(guid(&first), guid(&second));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs();
    let ts: u64 = query(&first, "ts").parse().expect("$timestamp is whole seconds");
    assert!(ts.abs_diff(now) < 60, "{ts} is not now ({now})");
    let n: u32 = query(&first, "n").parse().expect("$randomInt is an integer");
    assert!(n <= 1000);
    let id = header(&first, "x-request-id").expect("X-Request-Id sent");
    assert!(is_uuid(&id), "{id}");
    assert_ne!(Some(id), header(&second, "x-request-id"));
    // `new Date().toISOString()`: 2026-12-01T15:04:05.123Z
    let when = header(&first, "x-when").expect("X-When sent");
    let shape: String = when.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect();
    assert_eq!(shape, "9999-99-99T99:99:99.999Z", "{when}");
    let name = header(&first, "x-name").expect("X-Name sent");
    assert!(!name.is_empty() && name.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-'), "{name}");
}

#[tokio::test]
async fn a_dynamic_variable_set_on_the_client_is_sent_as_set() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .variable("$guid", "order-1")
        .variable("$timestamp", "1700000000")
        .build()
        .expect("the client builds");
    let request = sent(&server, client.fidelity().dynamic_values().send()).await;
    assert_eq!(request.url.path(), "/orders/order-1");
    assert_eq!(query(&request, "ts"), "1700000000");
}

#[test]
fn comments_leave_a_json_body_which_is_typed_from_what_remains_and_null_can_be_sent() {
    let client = Client::builder().build().expect("the client builds");
    let body = |nickname| fixture_postman_fidelity::fidelity::CommentedJsonBody {
        name: Some("Ada".to_owned()),
        site: None,
        nickname,
    };
    // Unset members are left out; where the example has `null`, `null` can be sent.
    let sent = |nickname| {
        let request = client.fidelity().commented_json(body(nickname)).build_request().expect("the request builds");
        String::from_utf8(request.body().clone()).expect("JSON text")
    };
    assert_eq!(sent(Field::Null), r#"{"name":"Ada","nickname":null}"#);
    assert_eq!(sent(Field::Absent), r#"{"name":"Ada"}"#);
    assert_eq!(sent(Field::Value(serde_json::json!("Countess"))), r#"{"name":"Ada","nickname":"Countess"}"#);
}

#[tokio::test]
async fn path_variables_end_at_a_dot_and_need_no_listing() {
    let server = server().await;
    // `:itemId` is not listed under the URL's variables, `:code.json` is (as `code`).
    let request = sent(&server, client(&server, "").fidelity().path_variables("it-7", 404).send()).await;
    assert_eq!(request.url.path(), "/items/it-7/status/404.json");
}

#[tokio::test]
async fn a_fragment_is_not_sent() {
    let server = server().await;
    let request = sent(&server, client(&server, "").fidelity().fragment().q("ada").archived(true).send()).await;
    assert_eq!((request.url.path(), request.url.query()), ("/search", Some("q=ada&archived")));
}

#[tokio::test]
async fn credentials_in_the_url_are_basic_auth_and_never_in_the_base_url() {
    let defaults = Client::builder().auth(Auth::basic("ada", "s3cret")).build().expect("the client builds");
    let default = defaults.fidelity().url_credentials().build_request();
    assert_eq!(default.expect("the request builds").uri().to_string(), "https://creds.example.test/me");
    let server = server().await;
    let request = sent(&server, client(&server, "").fidelity().url_credentials().send()).await;
    // base64("ada:s3cret")
    assert_eq!(header(&request, "authorization").as_deref(), Some("Basic YWRhOnMzY3JldA=="));
}

#[tokio::test]
async fn the_items_own_authorization_stands_in_for_an_empty_bearer_token() {
    let server = server().await;
    let without = sent(&server, client(&server, "").fidelity().own_authorization().send()).await;
    assert_eq!(header(&without, "authorization").as_deref(), Some("Token fixed-123"));
    let with = sent(&server, client(&server, "t0k").fidelity().own_authorization().send()).await;
    assert_eq!(with.headers.get_all("authorization").iter().count(), 1);
    assert_eq!(header(&with, "authorization").as_deref(), Some("Bearer t0k"));
}

#[tokio::test]
async fn a_file_body_has_the_type_of_its_file() {
    let server = server().await;
    let request = sent(&server, client(&server, "").fidelity().upload_report(b"<r/>".to_vec()).send()).await;
    assert_eq!(header(&request, "content-type").as_deref(), Some("application/xml"));
    assert_eq!(request.body, b"<r/>");
}

#[tokio::test]
async fn nested_variables_resolve_inside_out() {
    let server = server().await;
    let request = sent(&server, client(&server, "").fidelity().nested_variable().send()).await;
    assert_eq!(request.url.path(), "/get/nested");
}
