//! Collections that once generated crates that did not compile, used as a client (copied into
//! the crate generated from `tests/fixtures/former_bugs.json` by `tests/tests/fixture_crates.rs`).

use fixture_former_bugs::{Client, TryStreamExt};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    // The collection variable `user_agent` does not take the name of the runtime's
    // `ClientBuilder::user_agent`.
    Client::builder().base_url(server.uri()).user_agent_2("agent-7").build().expect("valid")
}

/// A paginated 200 next to an empty 204: the output is optional, and `None` is the last page.
#[tokio::test]
async fn pages_end_at_an_empty_answer() {
    let server = MockServer::start().await;
    let list = || Mock::given(method("GET")).and(path("/recordings")).and(header("X-Agent", "agent-7"));
    let page = serde_json::json!({"next_page_token": "p2", "recordings": [{"id": 1}, {"id": 2}]});
    list()
        .and(query_param_is_missing("next_page_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;
    list().and(query_param("next_page_token", "p2")).respond_with(ResponseTemplate::new(204)).mount(&server).await;

    // A folder named "Futures Util" is a module beside the `futures_util` dependency.
    let items: Vec<_> =
        client(&server).futures_util().list_recordings().items().try_collect().await.expect("two pages");
    let ids: Vec<_> = items.iter().filter_map(|r| r.id.value().and_then(serde_json::Number::as_i64)).collect();
    assert_eq!(ids, [1, 2]);
    let pages: Vec<_> = client(&server).futures_util().list_recordings().pages().try_collect().await.expect("pages");
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_some() && pages[1].is_none());
}
