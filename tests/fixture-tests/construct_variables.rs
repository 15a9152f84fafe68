//! The client generated from `tests/fixtures/construct_variables.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): `{{variables}}` in the host, path, query, headers and body
//! resolve from the collection's variables, recursively, as Postman's runner resolves them (it
//! ignores folder and request variables and variables named by `id` alone), and a variable
//! without a value is a client setting, never sent as written.

use std::future::Future;

use fixture_construct_variables::projects::CreateProjectBody;
use fixture_construct_variables::{Client, ClientBuilder, Error};

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client builder whose requests (on either base URL) go to `server`.
fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri())
}

/// A client whose requests go to `server`, with the variables the collection leaves without a
/// value set.
fn client(server: &MockServer) -> Client {
    builder(server).tenant_id("t-1").session_id("s-1").build().expect("the client builds")
}

/// Awaits `call`, which must be refused before sending, and checks that nothing was sent.
async fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(
    server: &MockServer,
    call: impl Future<Output = Result<T, Error<E>>>,
) {
    let error = call.await.expect_err("the request is refused");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.expect("requests are recorded").is_empty(), "something was sent");
}

/// The value of header `name` in `request`, if sent.
fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().expect("a text header"))
}

#[test]
fn host_variables_resolve_recursively_and_a_folder_value_changes_nothing() {
    let client = Client::builder().build().expect("the client builds");
    let uri = |request: Result<http::Request<Vec<u8>>, Error>| request.expect("the request builds").uri().to_string();
    // `{{baseUrl}}` is `https://{{api-host}}/{{apiVersion}}`.
    assert_eq!(
        uri(client.variables().collection_scope().build_request()),
        "https://vars.example.test/v1/scopes/collection"
    );
    // The `Mirror` folder sets `apiVersion` to `v2`: Postman's runner does not use it.
    assert_eq!(uri(client.mirror().get_mirror_status().build_request()), "https://vars.example.test/v1/status");
}

#[tokio::test]
async fn folder_and_request_variables_are_not_used() {
    let server = server().await;
    let client = client(&server);
    for path in [
        sent(&server, client.variables().collection_scope().send()).await.url.path().to_owned(),
        sent(&server, client.projects().folder_scope().send()).await.url.path().to_owned(),
        sent(&server, client.projects().request_scope().send()).await.url.path().to_owned(),
    ] {
        assert_eq!(path, "/scopes/collection");
    }
}

#[tokio::test]
async fn path_variables_are_arguments_typed_by_their_examples() {
    let server = server().await;
    // `itemId` is described by a variable with an `id` alone, as Postman's URLs allow: typed by its example.
    let request = sent(&server, client(&server).projects().get_project("proj-internal", 42).send()).await;
    assert_eq!(request.method, "GET");
    assert_eq!(request.url.path(), "/projects/proj-internal/items/42");
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn variables_in_headers_resolve_or_come_from_the_client() {
    let server = server().await;
    let request = sent(&server, client(&server).projects().get_project("p", 1).send()).await;
    assert_eq!(header(&request, "x-kind"), Some("internal"));
    // `{{tenant-id}}` has no value: the client's `tenant_id` setting.
    assert_eq!(header(&request, "x-tenant"), Some("t-1"));
}

#[tokio::test]
async fn query_parameters_holding_variables_are_typed_by_their_values() {
    let server = server().await;
    // `{{defaultLimit}}` is 25: the input is an integer.
    let limit: i64 = 25;
    let call = client(&server).projects().get_project("p", 1).limit(limit).scope("folder").session("s-2");
    let request = sent(&server, call.send()).await;
    assert_eq!(request.url.query(), Some("limit=25&scope=folder&session=s-2"));
    // A variable in a key resolves too: `kind-{{projectKind}}` is `kind-internal`.
    let call = client(&server).projects().get_project("p", 1).kind_internal("yes");
    assert_eq!(sent(&server, call.send()).await.url.query(), Some("kind-internal=yes"));
    // One without a value is filled in by the client: never sent as written.
    let call = client(&server).projects().get_project("p", 1).tenant_id_flag("on");
    assert_eq!(sent(&server, call.send()).await.url.query(), Some("t-1-flag=on"));
}

#[tokio::test]
async fn variables_without_a_value_are_client_settings_never_sent_as_written() {
    let server = server().await;
    let unset = builder(&server).build().expect("the client builds");
    refused(&server, unset.projects().get_project("p", 1).send()).await;
    refused(&server, unset.projects().get_session().send()).await;
    // Hyphenated and camel-case names get snake_case setters; in a path the value is one
    // percent-encoded segment.
    let client = builder(&server).tenant_id("t-1").session_id("s 1/2").build().expect("the client builds");
    assert_eq!(sent(&server, client.projects().get_session().send()).await.url.path(), "/sessions/s%201%2F2");
    assert_eq!(header(&sent(&server, client.projects().get_project("p", 1).send()).await, "x-tenant"), Some("t-1"));
}

#[tokio::test]
async fn a_raw_json_body_with_variables_is_typed_by_their_values() {
    let server = server().await;
    // Quoted variables are strings; the unquoted `{{defaultLimit}}` (25) is a number.
    let body = CreateProjectBody {
        name: Some("Apollo".to_owned()),
        kind: Some("internal".to_owned()),
        limit: Some(25_i64),
        tenant: Some("t-1".to_owned()),
    };
    let request = sent(&server, client(&server).projects().create_project(body).send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/projects"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    let json: serde_json::Value = request.body_json().expect("a JSON body");
    assert_eq!(json, serde_json::json!({"name": "Apollo", "kind": "internal", "limit": 25, "tenant": "t-1"}));

    // Unset fields are left out.
    let body = CreateProjectBody { name: Some("Apollo".to_owned()), ..Default::default() };
    let request = sent(&server, client(&server).projects().create_project(body).send()).await;
    assert_eq!(request.body_json::<serde_json::Value>().expect("a JSON body"), serde_json::json!({"name": "Apollo"}));
}

#[tokio::test]
async fn a_raw_json_body_with_an_unquoted_variable_without_a_value_is_sent_as_text() {
    let server = server().await;
    let text = String::from(r#"{"priority": 1, "kind": "internal"}"#);
    let request = sent(&server, client(&server).projects().update_project("proj-internal", &text).send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("PUT", "/projects/proj-internal"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(request.body, text.as_bytes());
}

#[tokio::test]
async fn cyclic_variables_end_in_a_client_setting() {
    let server = server().await;
    // `{{ping}}` is `{{pong}}` is `{{ping}}`: the cycle is cut, and what is left must be set.
    refused(&server, builder(&server).build().expect("the client builds").projects().echo_loop().send()).await;
    let client = builder(&server).variable("ping", "a").variable("pong", "b").build().expect("the client builds");
    let request = sent(&server, client.projects().echo_loop().send()).await;
    assert_eq!(request.url.path(), "/echo");
    assert!(matches!(header(&request, "x-loop"), Some("a" | "b")), "{:?}", request.headers);
}
