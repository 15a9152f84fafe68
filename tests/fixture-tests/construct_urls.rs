//! The client generated from `tests/fixtures/construct_urls.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): a URL given as a string, as an object with or without `raw`,
//! with `host` and `path` as strings, arrays or `{type, value}` parts, and a port as a string or a
//! number, always reaches the one base URL with its port, its own path and its own query.

use fixture_construct_urls::Client;

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder().urls_example_test_url(server.uri()).build().expect("the client builds")
}

/// The path and query of `request`, such as `/v1/things?limit=5`.
fn target(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

#[test]
fn every_url_form_defaults_to_the_same_base_url_with_its_port() {
    let things = Client::builder().build().expect("the client builds").things();
    let requests = [
        things.list_things().build_request(),
        things.list_widgets().build_request(),
        things.get_gadget(17).build_request(),
        things.get_part("p-9").build_request(),
        things.get_raw_only().build_request(),
        things.count_things().build_request(),
    ];
    let uris = requests.map(|r| r.expect("the request builds").uri().to_string());
    assert_eq!(
        uris,
        [
            "https://urls.example.test:8443/v1/things",
            "https://urls.example.test:8443/v1/widgets",
            "https://urls.example.test:8443/v1/gadgets/17",
            "https://urls.example.test:8443/v1/parts/p-9/revisions",
            "https://urls.example.test:8443/v1/raw-only",
            "https://urls.example.test:8443/v1/things/count",
        ]
    );
}

#[tokio::test]
async fn every_url_form_sends_its_own_method_and_path() {
    let server = server().await;
    let things = client(&server).things();
    let gadget_id: i64 = 17;
    let cases = [
        (sent(&server, things.list_things().send()).await, "/v1/things"),
        (sent(&server, things.list_widgets().send()).await, "/v1/widgets"),
        (sent(&server, things.get_gadget(gadget_id).send()).await, "/v1/gadgets/17"),
        (sent(&server, things.get_part("p-9").send()).await, "/v1/parts/p-9/revisions"),
        (sent(&server, things.get_raw_only().send()).await, "/v1/raw-only"),
        (sent(&server, things.count_things().send()).await, "/v1/things/count"),
    ];
    for (request, path) in cases {
        assert_eq!(request.method, "GET", "{path}");
        assert_eq!(target(&request), path);
    }
}

#[tokio::test]
async fn query_parameters_of_every_url_form_are_optional_typed_inputs() {
    let server = server().await;
    let things = client(&server).things();
    let limit: i64 = 5;
    assert_eq!(target(&sent(&server, things.list_things().limit(limit).send()).await), "/v1/things?limit=5");
    assert_eq!(target(&sent(&server, things.get_raw_only().verbose(true).send()).await), "/v1/raw-only?verbose=true");
    let count = things.count_things().kind("big").send();
    assert_eq!(target(&sent(&server, count).await), "/v1/things/count?kind=big");
}

#[tokio::test]
async fn a_url_without_scheme_is_refused_until_its_base_url_is_set() {
    let server = server().await;
    // `//httpbin.org/post`: Postman's runner refuses it, and the client has no default for it.
    let error = client(&server).elsewhere().post_anywhere().send().await.expect_err("refused");
    assert!(matches!(error, fixture_construct_urls::Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.expect("recorded").is_empty(), "something was sent");
    let client = Client::builder().httpbin_org_url(server.uri()).build().expect("the client builds");
    let request = sent(&server, client.elsewhere().post_anywhere().send()).await;
    assert_eq!((request.method.as_str(), target(&request).as_str()), ("POST", "/post"));
}
