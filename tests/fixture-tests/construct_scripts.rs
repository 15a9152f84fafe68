//! The client generated from `tests/fixtures/construct_scripts.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): scripts at collection, folder and request level are never
//! run, and the variables they would set are client settings.

use std::future::Future;

use fixture_construct_scripts::{Client, ClientBuilder, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A mock server answering every request with `200 {"id": "s-1"}`.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "s-1"}));
    Mock::given(any()).respond_with(ok).mount(&server).await;
    server
}

/// A client builder whose requests go to `server`.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri())
}

/// Awaits `call`, which must succeed, and returns its value and the request the server received.
async fn sent<T, E: std::fmt::Debug>(
    server: &MockServer,
    call: impl Future<Output = Result<T, Error<E>>>,
) -> (T, Request) {
    let value = call.await.expect("the request succeeds");
    let request = server.received_requests().await.expect("requests are recorded").pop().expect("a request was sent");
    let text = format!("{} {:?} {}", request.url, request.headers, String::from_utf8_lossy(&request.body));
    assert!(!text.contains("{{") && !text.contains("%7B%7B"), "a variable was sent as written: {text}");
    (value, request)
}

/// The value of header `name` in `request`, if sent.
fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().expect("a text header"))
}

#[tokio::test]
async fn what_scripts_would_set_is_a_client_setting() {
    let server = server().await;
    let client = builder(&server).request_id("r-1").session_token("tok-1").build().expect("the client builds");
    let (session, request) = sent(&server, client.session().get_session().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/session"));
    assert_eq!(header(&request, "x-request-id"), Some("r-1"));
    assert_eq!(header(&request, "x-session-token"), Some("tok-1"));
    // The test script does not stand in the way of the documented response.
    assert_eq!(session.id.as_deref(), Some("s-1"));
}

#[tokio::test]
async fn without_the_settings_nothing_is_sent() {
    let server = server().await;
    let client = builder(&server).session_token("tok-1").build().expect("the client builds");
    let error = client.session().get_session().send().await.expect_err("`requestId` is not set");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.expect("requests are recorded").is_empty(), "something was sent");
}

#[tokio::test]
async fn a_request_under_scripts_without_variables_needs_no_settings() {
    let server = server().await;
    let client = builder(&server).build().expect("the client builds");
    let (_, request) = sent(&server, client.session().end_session().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("DELETE", "/session"));
}
