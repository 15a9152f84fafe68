//! The client generated from `tests/fixtures/oauth2_settings.json` follows the collection's
//! OAuth 2.0 settings: its scope and client authentication in the token request, its header
//! prefix, and the token in the query where an item says so.

use fixture_oauth2_settings::{Client, OAuth};

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that hands out `tok-1` and answers every other request with `200 {}`.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    let token = serde_json::json!({"access_token": "tok-1", "token_type": "bearer", "expires_in": 3600});
    let tokens = ResponseTemplate::new(200).set_body_json(token);
    Mock::given(method("POST")).and(path("/oauth/token")).respond_with(tokens).mount(&server).await;
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({}));
    Mock::given(method("GET")).respond_with(ok).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    let oauth = OAuth::client_credentials("app", "s3cret").token_url(format!("{}/oauth/token", server.uri()));
    Client::builder().api_example_test_url(server.uri()).oauth(oauth).build().expect("the client builds")
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("requests are recorded")
}

fn authorization(request: &Request) -> Option<&str> {
    request.headers.get("authorization").map(|v| v.to_str().expect("a text header"))
}

#[tokio::test]
async fn the_token_request_has_the_collections_scope_and_client_credentials_in_the_body() {
    let server = server().await;
    client(&server).oauth_2_0_settings().me().send().await.expect("the call succeeds");
    let sent = requests(&server).await;
    let token = &sent[0];
    assert_eq!(token.url.path(), "/oauth/token");
    assert_eq!(authorization(token), None, "client credentials go in the body, not Basic auth");
    let mut form: Vec<(String, String)> =
        form_urlencoded::parse(&token.body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    form.sort();
    let expected = [
        ("client_id", "app"),
        ("client_secret", "s3cret"),
        ("grant_type", "client_credentials"),
        ("scope", "read write"),
    ];
    assert_eq!(form, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(authorization(&sent[1]), Some("Token tok-1"), "the collection's header prefix");
}

#[tokio::test]
async fn a_token_in_the_query_replaces_the_items_own_and_an_empty_prefix_sends_the_bare_token() {
    let server = server().await;
    let api = client(&server).oauth_2_0_settings();
    api.feed_in_query().access_token("stale").page(2).send().await.expect("the call succeeds");
    api.raw_token().send().await.expect("the call succeeds");
    let sent = requests(&server).await;
    let feed = sent.iter().find(|r| r.url.path() == "/feed").expect("the feed request");
    assert_eq!(feed.url.query(), Some("page=2&access_token=tok-1"));
    assert_eq!(authorization(feed), None);
    let raw = sent.iter().find(|r| r.url.path() == "/raw").expect("the raw request");
    assert_eq!(authorization(raw), Some("tok-1"));
}
