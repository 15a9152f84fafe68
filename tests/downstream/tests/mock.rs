//! The generated Zoom client's `mock` feature as a downstream crate uses it: operations answer
//! with the collection's saved examples, a chosen status gives the client's error for it, and
//! the requests are recorded.

use serde_json::Value;
use zoom_generated::{mock, Error};

/// The saved example responses of the request `folder / name` in the collection, as
/// `(code, body)`.
fn saved(folder: &str, name: &str) -> Vec<(u16, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../collections/zoom.postman_collection.json");
    let text = std::fs::read_to_string(path).expect("the Zoom collection is readable");
    let collection: Value = serde_json::from_str(&text).expect("the collection is JSON");
    let folder = collection["item"].as_array().into_iter().flatten().find(|f| f["name"] == folder).expect("the folder");
    let item = folder["item"].as_array().into_iter().flatten().find(|i| i["name"] == name).expect("the request");
    let responses = item["response"].as_array().into_iter().flatten();
    responses
        .map(|r| {
            let code = r["code"].as_u64().and_then(|c| u16::try_from(c).ok()).expect("a status code");
            (code, r["body"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The saved JSON body of `code`.
fn saved_json(folder: &str, name: &str, code: u16) -> Value {
    let (_, body) = saved(folder, name).into_iter().find(|(c, _)| *c == code).expect("a saved example of the status");
    serde_json::from_str(&body).expect("the saved body is JSON")
}

#[tokio::test]
async fn an_operation_answers_its_saved_success_example() {
    let zoom = mock::start().await;
    let token = zoom.users().get_user_token("me").send().await.expect("the saved 200 decodes");
    assert_eq!(token.token.value().map(|t| t.expose()), Some("string"));
    let expected = saved_json("Users", "Get a user token", 200);
    assert_eq!(serde_json::to_value(&token).expect("serializes"), expected);

    let tokens = zoom.oauth().refresh_access_token("a-refresh-token").send().await.expect("the saved 200 decodes");
    let expected = saved_json("OAuth", "Refresh access token", 200);
    assert_eq!(tokens.token_type.value().map(String::as_str), expected["token_type"].as_str());
    assert_eq!(tokens.scope.value().map(String::as_str), Some("user:read"));
    assert_eq!(tokens.expires_in.value().and_then(|n| n.as_i64()), Some(3599));
    assert_eq!(serde_json::to_value(&tokens).expect("serializes"), expected);

    let revoked = zoom.oauth().revoke_access_token("a-token").send().await.expect("the saved 200 decodes");
    assert_eq!(revoked.status.value().map(String::as_str), Some("success"));

    // A documented success without a body (204) is `()`.
    zoom.users().revoke_user_sso_token("me").send().await.expect("the saved 204");
}

#[tokio::test]
async fn downstream_code_runs_against_the_mock() {
    let zoom = mock::start().await;
    let token = zoom_downstream_tests::meeting_token(&zoom, "someone@example.com").await.expect("a token");
    assert_eq!(token.as_deref(), Some("string"));
}

#[tokio::test]
async fn a_chosen_status_gives_the_error_the_client_gives_for_it() {
    let zoom = mock::builder().status("users::get_user_token", 404).start().await;
    let expected = saved_json("Users", "Get a user token", 404);
    match zoom.users().get_user_token("nobody").send().await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status().as_u16(), 404);
            assert_eq!(e.code(), expected["code"].as_i64());
            assert_eq!(e.message(), expected["message"].as_str());
            assert_eq!(e.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/json"));
        }
        other => panic!("expected Error::Api(404), got {other:?}"),
    }
    // Other operations keep their success example.
    zoom.users().revoke_user_sso_token("me").send().await.expect("the saved 204");

    // A status the collection saves no example of: an empty body, an undocumented status.
    let zoom = mock::builder().status("oauth::revoke_access_token", 500).start().await;
    match zoom.oauth().revoke_access_token("a-token").send().await {
        Err(Error::UnexpectedStatus(e)) => {
            assert_eq!(e.status.as_u16(), 500);
            assert_eq!(e.body, "");
        }
        other => panic!("expected Error::UnexpectedStatus(500), got {other:?}"),
    }
    // A 429 is not retried by the mock's client.
    let zoom = mock::builder().status("users::get_user_token", 429).start().await;
    assert!(matches!(zoom.users().get_user_token("me").send().await, Err(Error::UnexpectedStatus(_))));
    assert_eq!(zoom.received_requests().await.len(), 1);
}

#[tokio::test]
async fn requests_are_recorded() {
    let zoom = mock::start().await;
    zoom.users().get_user_token("me").ttl(60).send().await.expect("a token");
    zoom.oauth().revoke_access_token("the-token").send().await.expect("revoked");
    let received = zoom.received_requests().await;
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].method.as_str(), "GET");
    assert_eq!(received[0].url.path(), "/v2/users/me/token");
    assert_eq!(received[0].url.query(), Some("ttl=60"));
    let bearer = received[0].headers.get("authorization").and_then(|v| v.to_str().ok());
    assert!(bearer.is_some_and(|b| b.starts_with("Bearer ")), "{bearer:?}");
    assert_eq!(received[1].url.path(), "/oauth/revoke");
    assert_eq!(String::from_utf8_lossy(&received[1].body), "token=the-token");
    assert!(zoom.uri().starts_with("http://127.0.0.1:"), "{}", zoom.uri());
}

#[tokio::test]
async fn the_client_can_be_configured() {
    let zoom = mock::builder().client(|b| b.user_agent("downstream-tests")).start().await;
    zoom.users().get_user_token("me").send().await.expect("a token");
    let received = zoom.received_requests().await;
    assert_eq!(received[0].headers.get("user-agent").and_then(|v| v.to_str().ok()), Some("downstream-tests"));
}

#[tokio::test]
#[should_panic(expected = "the operations are: users::get_user_token, users::revoke_user_sso_token")]
async fn an_unknown_operation_is_refused_with_the_valid_names() {
    let _ = mock::builder().status("users::get_user", 404).start().await;
}

#[test]
fn the_operations_are_named_module_and_method() {
    let names = mock::operations();
    for name in [
        "users::get_user_token",
        "users::revoke_user_sso_token",
        "oauth::refresh_access_token",
        "oauth::revoke_access_token",
    ] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }
}
