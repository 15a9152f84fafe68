//! Mock-server helpers shared by the hand-written fixture tests: `tests/tests/fixture_crates.rs`
//! copies this file to `tests/conformance/mock.rs` in every fixture crate whose tests use it.
#![allow(dead_code)]

use std::future::Future;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A mock server answering every request with `200 {}`.
pub async fn server() -> MockServer {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({}));
    Mock::given(any()).respond_with(ok).mount(&server).await;
    server
}

/// Awaits `call`, which must succeed, and returns the request the server received for it.
pub async fn sent<T, E: std::fmt::Debug>(server: &MockServer, call: impl Future<Output = Result<T, E>>) -> Request {
    call.await.expect("the request succeeds");
    let request = server.received_requests().await.expect("requests are recorded").pop().expect("a request was sent");
    let text = format!("{} {:?} {}", request.url, request.headers, String::from_utf8_lossy(&request.body));
    assert!(!text.contains("{{") && !text.contains("%7B%7B"), "a variable was sent as written: {text}");
    request
}
