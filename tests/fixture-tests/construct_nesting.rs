//! The client generated from `tests/fixtures/construct_nesting.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): items nested four deep belong to their top-level folder's
//! module, requests and folders without a name or with a repeated name or id still get methods
//! of their own.

use fixture_construct_nesting::Client;
use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("the client builds")
}

/// Method and path of `request`.
fn line(request: &Request) -> (&str, &str) {
    (request.method.as_str(), request.url.path())
}

#[tokio::test]
async fn requests_nested_in_sub_folders_belong_to_their_top_level_folder() {
    let server = server().await;
    let org = client(&server).org();
    let team_id: i64 = 5;
    // Four folders deep, every folder and the request sharing one `id`.
    assert_eq!(line(&sent(&server, org.list_roles(team_id).send()).await), ("GET", "/teams/5/members/roles"));
    // In a sub-folder without a name.
    assert_eq!(line(&sent(&server, org.get_settings().send()).await), ("GET", "/org/settings"));
}

#[tokio::test]
async fn repeated_request_names_get_distinct_methods() {
    let server = server().await;
    let org = client(&server).org();
    assert_eq!(line(&sent(&server, org.get_member("m-1").send()).await), ("GET", "/members/m-1"));
    assert_eq!(line(&sent(&server, org.get_member_profile("m-1").send()).await), ("GET", "/members/m-1/profile"));
}

#[tokio::test]
async fn a_request_without_a_name_gets_a_method() {
    let server = server().await;
    // Named after what it sends.
    let request = sent(&server, client(&server).org().delete_org_cache().send()).await;
    assert_eq!(line(&request), ("DELETE", "/org/cache"));
}

#[tokio::test]
async fn a_folder_without_a_name_and_a_loose_top_level_request_get_modules_of_their_own() {
    let server = server().await;
    let client = client(&server);
    // The unnamed top-level folder, named after the first word of its requests' paths.
    assert_eq!(line(&sent(&server, client.health().health().send()).await), ("GET", "/health"));
    // The request outside any folder, in the module named after the collection.
    assert_eq!(line(&sent(&server, client.nesting().ping().send()).await), ("GET", "/ping"));
}
