//! Pagination of a generated client (copied into the crate generated from
//! `tests/fixtures/paginated.json` by `tests/tests/fixture_crates.rs`).

use fixture_paginated::{Auth, Client, TryStreamExt};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(token: &str, ids: &[i64]) -> ResponseTemplate {
    let meetings: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id, "topic": format!("m{id}")})).collect();
    ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"page_size": 2, "next_page_token": token, "meetings": meetings}))
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).auth(Auth::bearer("t")).build().expect("valid")
}

#[tokio::test]
async fn token_pages_are_followed_until_the_token_is_empty() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/users/me/meetings"));
    list().and(query_param_is_missing("next_page_token")).respond_with(page("p2", &[1, 2])).mount(&server).await;
    list().and(query_param("next_page_token", "p2")).respond_with(page("p3", &[3, 4])).mount(&server).await;
    list().and(query_param("next_page_token", "p3")).respond_with(page("", &[5])).mount(&server).await;

    let items: Vec<_> =
        client(&server).meetings().list_meetings("me").page_size(2).items().try_collect().await.expect("three pages");
    let ids: Vec<_> = items.iter().filter_map(|m| m.id.value().and_then(serde_json::Number::as_i64)).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);

    let pages: Vec<_> =
        client(&server).meetings().list_meetings("me").pages().try_collect().await.expect("three pages");
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].next_page_token.as_deref(), Some(""));

    let sent = server.received_requests().await.expect("recording");
    assert_eq!(sent.len(), 6);
    assert_eq!(sent[1].url.query(), Some("page_size=2&next_page_token=p2"));
}

#[tokio::test]
async fn numbered_pages_are_followed_up_to_the_page_count() {
    let server = MockServer::start().await;
    for n in 1..=3 {
        let body = serde_json::json!({"page_number": n, "page_count": 3, "recordings": [{"id": format!("r{n}")}]});
        let mock = Mock::given(path("/recordings"));
        let mock = if n == 1 {
            mock.and(query_param_is_missing("page_number"))
        } else {
            mock.and(query_param("page_number", n.to_string()))
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    }
    let ids: Vec<String> = client(&server)
        .recordings()
        .list_recordings()
        .items()
        .map_ok(|r| r.id.into_value().unwrap_or_default())
        .try_collect()
        .await
        .expect("three pages");
    assert_eq!(ids, ["r1", "r2", "r3"]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_the_error() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("next_page_token")).respond_with(page("p2", &[1])).mount(&server).await;
    Mock::given(query_param("next_page_token", "p2")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
    let result: Result<Vec<_>, _> = client(&server).meetings().list_meetings("me").items().try_collect().await;
    assert_eq!(result.expect_err("the second page fails").status().map(|s| s.as_u16()), Some(500));
}
