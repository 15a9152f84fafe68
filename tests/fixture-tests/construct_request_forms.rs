//! The client generated from `tests/fixtures/construct_request_forms.json` (copied into that crate
//! by `tests/tests/fixture_crates.rs`): a request given as a bare URL string, a missing or
//! lower-case `method`, and `response` lists holding `null`.

use fixture_construct_request_forms::status::{GetUptimeResponse, PatchStatusBody};
use fixture_construct_request_forms::{Client, Field};
use serde_json::Number;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod mock;
use mock::sent;

/// A mock server answering every request with `status` and `body`.
async fn server_answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    server
}

/// A mock server answering every request with `200 {}`.
async fn server() -> MockServer {
    server_answering(200, serde_json::json!({})).await
}

/// A client whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder().forms_example_test_url(server.uri()).build().expect("the client builds")
}

/// Method, path and query of `request`.
fn line(request: &Request) -> (&str, &str, Option<&str>) {
    (request.method.as_str(), request.url.path(), request.url.query())
}

#[tokio::test]
async fn a_request_given_as_a_url_string_is_a_get() {
    let server = server().await;
    let request = sent(&server, client(&server).status().get_status().send()).await;
    assert_eq!(line(&request), ("GET", "/api/status", None));
}

#[tokio::test]
async fn the_query_string_of_a_url_string_gives_optional_typed_inputs() {
    let server = server().await;
    let status = client(&server).status();
    let request = sent(&server, status.search_status().send()).await;
    assert_eq!(line(&request), ("GET", "/api/status/search", None));
    let limit: i64 = 10;
    let request = sent(&server, status.search_status().q("up").limit(limit).send()).await;
    assert_eq!(line(&request), ("GET", "/api/status/search", Some("q=up&limit=10")));
}

#[tokio::test]
async fn a_missing_method_is_get() {
    let server = server().await;
    let request = sent(&server, client(&server).status().get_uptime().send()).await;
    assert_eq!(line(&request), ("GET", "/api/uptime", None));
    assert_eq!(request.headers.get("accept").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
}

#[tokio::test]
async fn methods_are_case_insensitive() {
    let server = server().await;
    let status = client(&server).status();
    assert_eq!(line(&sent(&server, status.reset_status().send()).await), ("POST", "/api/status/reset", None));
    assert_eq!(line(&sent(&server, status.remove_status().send()).await), ("DELETE", "/api/status", None));
    let body = PatchStatusBody { message: Some("ok".to_owned()) };
    let request = sent(&server, status.patch_status(body).send()).await;
    assert_eq!(line(&request), ("PATCH", "/api/status", None));
    assert_eq!(request.body_json::<serde_json::Value>().expect("a JSON body"), serde_json::json!({"message": "ok"}));
}

#[tokio::test]
async fn null_saved_responses_are_skipped_and_the_others_typed() {
    let server = server_answering(200, serde_json::json!({"seconds": 86400, "healthy": true})).await;
    let uptime = client(&server).status().get_uptime().send().await.expect("documented 200");
    let seconds: Field<Number> = uptime.seconds;
    let healthy: Field<bool> = uptime.healthy;
    assert_eq!((seconds.value().and_then(Number::as_i64), healthy), (Some(86400), Field::Value(true)));

    let server = server_answering(200, serde_json::json!({"message": "ok"})).await;
    let patched =
        client(&server).status().patch_status(PatchStatusBody::default()).send().await.expect("documented 200");
    let message: Field<String> = patched.message;
    assert_eq!(message.as_deref(), Some("ok"));
}

#[tokio::test]
async fn an_undocumented_success_status_decodes_as_the_documented_one() {
    let server = server_answering(201, serde_json::json!({"seconds": 1, "healthy": true})).await;
    let uptime = client(&server).status().get_uptime().send().await.expect("any 2xx is a success");
    // A response struct is `#[non_exhaustive]`: built field by field outside its crate.
    let mut expected = GetUptimeResponse::default();
    expected.seconds = Number::from(1).into();
    expected.healthy = true.into();
    assert_eq!(uptime, expected);
}

#[tokio::test]
async fn without_a_documented_status_any_2xx_is_success() {
    // `"response": [null]` and `"response": null`.
    let server = server_answering(202, serde_json::json!({"queued": true})).await;
    let status = client(&server).status();
    assert_eq!(status.reset_status().send().await.expect("any 2xx"), serde_json::json!({"queued": true}));
    assert_eq!(status.remove_status().send().await.expect("any 2xx"), serde_json::json!({"queued": true}));
}
