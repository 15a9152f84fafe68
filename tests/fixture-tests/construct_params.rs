//! The client generated from `tests/fixtures/construct_params.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): query parameters and headers that are disabled, repeated,
//! without a key or without a value, or given as JSON numbers and booleans.

use fixture_construct_params::Client;

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("the client builds")
}

/// Every value of header `name` in `request`, in order.
fn header(request: &Request, name: &str) -> Vec<String> {
    request.headers.get_all(name).iter().map(|v| v.to_str().expect("a text header").to_owned()).collect()
}

#[tokio::test]
async fn query_parameters_are_optional_and_not_sent_unless_set() {
    let server = server().await;
    let request = sent(&server, client(&server).search().search_issues().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/issues"));
    // Only the pairs without a key, which nothing can set, are always sent.
    assert_eq!(request.url.query(), Some("=orphan&=empty-key"));
}

#[tokio::test]
async fn query_parameters_repeated_typed_without_a_value_and_disabled() {
    let server = server().await;
    let page: i64 = 2;
    let verbose: i64 = 1;
    let call = client(&server)
        .search()
        .search_issues()
        // Enabled twice: one list-valued input, sent once per value.
        .tag(vec!["bug".to_owned(), "ui".to_owned()])
        // Enabled once and disabled once: one plain input.
        .status("open")
        // Number and boolean values type their inputs.
        .page(page)
        .archived(false)
        // A key without a value is a flag: sent alone, as Postman sends it.
        .cursor(true)
        // Disabled: available, but only sent when set.
        .verbose(verbose);
    let request = sent(&server, call.send()).await;
    // In the collection's order; entries without a key (`=orphan`, `""=empty-key`) are sent as
    // written, as Postman sends them.
    assert_eq!(
        request.url.query(),
        Some("tag=bug&tag=ui&status=open&page=2&archived=false&cursor&=orphan&=empty-key&verbose=1")
    );
}

#[tokio::test]
async fn headers_are_sent_as_given_with_numbers_and_booleans_as_text() {
    let server = server().await;
    // A numeric path example types the argument.
    let issue_id: i64 = 1001;
    let request = sent(&server, client(&server).search().get_issue(issue_id).send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/issues/1001"));
    assert_eq!(header(&request, "accept"), ["application/json"]);
    assert_eq!(header(&request, "x-retry-count"), ["3"]);
    assert_eq!(header(&request, "x-debug"), ["true"]);
    // A disabled header is not sent unless set.
    assert!(header(&request, "x-legacy").is_empty());
    // Headers without a key are left out.
    for (name, value) in &request.headers {
        assert!(!matches!(value.to_str(), Ok("no-key" | "empty-key")), "{name}: {value:?}");
    }
}

#[tokio::test]
async fn a_repeated_header_sends_every_value_in_order() {
    let server = server().await;
    let request = sent(&server, client(&server).search().get_issue(1).send()).await;
    // As one combined field value or as repeated fields (RFC 9110, section 5.3): the same.
    assert_eq!(header(&request, "x-feature").join(", "), "search, beta");
}

#[tokio::test]
async fn a_disabled_header_is_an_optional_input() {
    let server = server().await;
    let request = sent(&server, client(&server).search().get_issue(1).x_legacy("yes").send()).await;
    assert_eq!(header(&request, "x-legacy"), ["yes"]);
}
