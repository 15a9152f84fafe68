//! The client generated from `tests/fixtures/construct_v20_auth_map.json` (copied into that crate
//! by `tests/tests/fixture_crates.rs`): v2.0 auth parameters given as an object map, in any key
//! order, send the same credentials as the v2.1 lists of `construct_v21_auth_list.rs` (whose tests
//! are the same).

use fixture_construct_v20_auth_map::{Auth, Client};
use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client with every kind of credentials, whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .authmap_example_test_url(server.uri())
        .auth(Auth::basic("user", "pass"))
        .auth(Auth::api_key("key-1"))
        .auth(Auth::bearer("tok"))
        .build()
        .expect("the client builds")
}

/// The credentials `request` carries: its `Authorization` and `X-Api-Key` headers and its `key`
/// query parameter.
fn credentials(request: &Request) -> Vec<String> {
    let headers = ["authorization", "x-api-key"].into_iter().filter_map(|name| {
        request.headers.get(name).map(|value| format!("{name}: {}", value.to_str().expect("a text header")))
    });
    let query =
        request.url.query_pairs().filter(|(name, _)| name == "key").map(|(name, value)| format!("?{name}={value}"));
    headers.chain(query).collect()
}

#[tokio::test]
async fn collection_basic_auth() {
    let server = server().await;
    let request = sent(&server, client(&server).auth_map().get_account().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/v2/account"));
    assert_eq!(credentials(&request), ["authorization: Basic dXNlcjpwYXNz"]);
}

#[tokio::test]
async fn api_key_in_a_header() {
    let server = server().await;
    let request = sent(&server, client(&server).auth_map().list_keys().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/v2/keys"));
    assert_eq!(credentials(&request), ["x-api-key: key-1"]);
}

#[tokio::test]
async fn api_key_in_the_query_next_to_an_optional_query_parameter() {
    let server = server().await;
    let keys = client(&server).auth_map();
    let request = sent(&server, keys.search_keys().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/v2/keys/search"));
    assert_eq!(credentials(&request), ["?key=key-1"]);
    assert_eq!(request.url.query(), Some("key=key-1"));

    let request = sent(&server, keys.search_keys().prefix("ab").send()).await;
    assert_eq!(credentials(&request), ["?key=key-1"]);
    assert!(request.url.query_pairs().any(|(name, value)| name == "prefix" && value == "ab"), "{}", request.url);
}

#[tokio::test]
async fn bearer_token() {
    let server = server().await;
    let request = sent(&server, client(&server).auth_map().rotate_key().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/v2/keys/rotate"));
    assert_eq!(credentials(&request), ["authorization: Bearer tok"]);
}
