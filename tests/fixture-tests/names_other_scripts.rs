//! Names from collections not written in English (copied into the crate generated from
//! `tests/fixtures/names_other_scripts.json` by `tests/tests/fixture_crates.rs`).

use fixture_names_other_scripts::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(verb: &str, at: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb)).and(path(at)).respond_with(ResponseTemplate::new(200)).expect(1).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("valid")
}

/// Folder "Ünïcödé Über", request "Créer un élément": transliterated.
#[tokio::test]
async fn latin_letters_with_accents_are_transliterated() {
    let server = answering("POST", "/elements").await;
    client(&server).unicode_uber().creer_un_element().send().await.expect("sent");
}

/// Folder "ユーザー", requests "ユーザーを取得" and "ユーザーを削除": named after what they send.
#[tokio::test]
async fn names_in_other_scripts_fall_back_to_the_request() {
    let server = answering("GET", "/users/42").await;
    client(&server).users().get_users_id(42).send().await.expect("sent");
    let server = answering("DELETE", "/users/42").await;
    client(&server).users().delete_users_id(42).send().await.expect("sent");
}
