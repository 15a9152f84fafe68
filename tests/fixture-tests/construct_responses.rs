//! The client generated from `tests/fixtures/construct_responses.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): saved responses with `code` missing or a string, `header` as
//! a string or `null`, bodies that are not JSON, and several examples per status.

use fixture_construct_responses::users::{DeleteUserErrorBody, GetUserResponse, GetUserResponseManager};
use fixture_construct_responses::{Client, Error, Field};
use serde_json::Number;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client whose requests go to a new mock server answering every request with `response`.
async fn client_answering(response: ResponseTemplate) -> (Client, MockServer) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(response).mount(&server).await;
    (Client::builder().base_url(server.uri()).build().expect("the client builds"), server)
}

/// A response with `status` and a JSON `body`.
fn json(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

#[tokio::test]
async fn examples_of_one_status_merge_into_one_type() {
    let full = serde_json::json!({
        "id": 1, "name": "Ada", "email": "ada@example.test", "roles": ["admin"], "manager": {"id": 7, "name": "Alan"}
    });
    let (client, server) = client_answering(json(200, full)).await;
    let user = client.users().get_user("u-1").send().await.expect("documented 200");
    let request = &server.received_requests().await.expect("requests are recorded")[0];
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/users/u-1"));
    // Every field of every example (the example without a status code is ignored), each a
    // `Field`: no example proves a member is always sent, or never `null`.
    let GetUserResponse { id, name, email, roles, manager, last_login, extra, .. } = user;
    let id: Field<Number> = id;
    let name: Field<String> = name;
    let email: Field<String> = email;
    let roles: Field<Vec<String>> = roles;
    let manager: Field<GetUserResponseManager> = manager;
    let last_login: Field<String> = last_login;
    assert_eq!(id.value().and_then(Number::as_i64), Some(1));
    assert_eq!((name.as_deref(), email.as_deref()), (Some("Ada"), Some("ada@example.test")));
    assert!(last_login.is_absent() && extra.is_empty());
    assert_eq!(roles.into_value(), Some(vec!["admin".to_owned()]));
    let manager = manager.into_value().expect("a manager");
    assert_eq!((manager.id.value().and_then(Number::as_i64), manager.name.as_deref()), (Some(7), Some("Alan")));

    // Absent, `null` and unknown members come back as they were sent.
    let minimal = serde_json::json!({"id": 2, "name": null, "last_login": "2024-01-01T00:00:00Z", "team": "core"});
    let (client, _server) = client_answering(json(200, minimal.clone())).await;
    let user = client.users().get_user("u-2").send().await.expect("documented 200");
    assert!(user.name.is_null() && user.email.is_absent());
    assert_eq!(user.extra.get("team"), Some(&serde_json::json!("core")));
    assert_eq!(serde_json::to_value(&user).expect("serializes"), minimal);
}

#[tokio::test]
async fn documented_error_statuses_are_api_errors_with_the_first_examples_name() {
    let (client, _server) =
        client_answering(json(404, serde_json::json!({"code": 1001, "message": "User not found"}))).await;
    let Err(Error::Api(error)) = client.users().get_user("u-1").send().await else { panic!("404 is documented") };
    assert_eq!((error.status().as_u16(), error.description()), (404, "Not found"));
    assert_eq!((error.code(), error.message()), (Some(1001), Some("User not found")));

    // An HTML error page next to JSON error examples is documented all the same.
    let (client, _server) = client_answering(ResponseTemplate::new(502).set_body_string("<html>Bad</html>")).await;
    let Err(Error::Api(error)) = client.users().get_user("u-1").send().await else { panic!("502 is documented") };
    assert_eq!(
        (error.status().as_u16(), error.description(), error.text()),
        (502, "Broken proxy page", "<html>Bad</html>")
    );
}

#[tokio::test]
async fn an_undocumented_success_decodes_and_an_undocumented_error_is_unexpected() {
    let (client, _server) = client_answering(json(201, serde_json::json!({"id": 1}))).await;
    client.users().get_user("u-1").send().await.expect("any 2xx is a success");
    let (client, _server) = client_answering(json(500, serde_json::json!({"id": 1}))).await;
    let error = client.users().get_user("u-1").send().await.expect_err("not documented");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
}

#[tokio::test]
async fn a_body_less_success_is_unit_and_error_examples_merge_into_one_type() {
    let (client, server) = client_answering(ResponseTemplate::new(204)).await;
    let deleted: Result<(), _> = client.users().delete_user("u-1").send().await;
    deleted.expect("documented 204");
    let request = &server.received_requests().await.expect("requests are recorded")[0];
    assert_eq!((request.method.as_str(), request.url.path()), ("DELETE", "/users/u-1"));

    // The status code is given as the string "204"; an undocumented 200 succeeded too.
    let (client, _server) = client_answering(ResponseTemplate::new(200)).await;
    client.users().delete_user("u-1").send().await.expect("200 is a success");

    let (client, _server) =
        client_answering(json(409, serde_json::json!({"message": "user owns projects", "projects": [1, 2]}))).await;
    let Err(Error::Api(error)) = client.users().delete_user("u-1").send().await else { panic!("409 is documented") };
    assert_eq!((error.status().as_u16(), error.description()), (409, "Still referenced"));
    let DeleteUserErrorBody { message, projects, groups, .. } = error.body().expect("a typed error body").clone();
    let (message, projects, groups): (Field<String>, Field<Vec<Number>>, Field<Vec<String>>) =
        (message, projects, groups);
    let projects: Option<Vec<i64>> = projects.into_value().map(|p| p.iter().filter_map(Number::as_i64).collect());
    assert_eq!((message.as_deref(), projects, groups), (Some("user owns projects"), Some(vec![1, 2]), Field::Absent));
}

#[tokio::test]
async fn a_204_example_with_a_body_is_still_a_body_less_success() {
    // A 204 answer carries no content, whatever the converter saved as its example.
    let (client, _server) = client_answering(ResponseTemplate::new(204)).await;
    let archived: Result<(), _> = client.users().archive_user("u-1").send().await;
    archived.expect("204 without content");
}

#[tokio::test]
async fn a_text_only_success_example_gives_text() {
    let (client, server) = client_answering(ResponseTemplate::new(200).set_body_string("id,name\n1,Ada\n")).await;
    let csv: String = client.users().export_users().send().await.expect("documented 200");
    assert_eq!(csv, "id,name\n1,Ada\n");
    let request = &server.received_requests().await.expect("requests are recorded")[0];
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/users/export"));
}

#[tokio::test]
async fn a_broken_json_example_next_to_a_valid_one_is_typed_from_the_valid_one() {
    let (client, server) = client_answering(json(200, serde_json::json!({"count": 3, "active": 2}))).await;
    let stats = client.users().get_user_stats().send().await.expect("documented 200");
    let (count, active) = (stats.count.value().and_then(Number::as_i64), stats.active.value().and_then(Number::as_i64));
    assert_eq!((count, active), (Some(3), Some(2)));
    let request = &server.received_requests().await.expect("requests are recorded")[0];
    assert_eq!((request.method.as_str(), request.url.path()), ("GET", "/users/stats"));
}

/// The `mock` feature (which `tests/tests/fixture_crates.rs` turns on): each request answers
/// with its saved example, literal paths win over templates they also match, and a chosen
/// status answers with its first saved example.
mod mock {
    use fixture_construct_responses::{mock, Error, Field};

    #[tokio::test]
    async fn the_mock_answers_each_request_with_its_saved_example() {
        let api = mock::start().await;
        // The first saved 200 of `GET /users/:userId`.
        let user = api.users().get_user("u-1").send().await.expect("the saved 200");
        assert_eq!(user.name, Field::Value("Ada".to_owned()));
        assert_eq!(user.manager.value().map(|m| m.name.clone()), Some(Field::Value("Alan".to_owned())));
        // `/users/export` and `/users/stats` are literal: they win over `/users/{userId}`.
        let csv = api.users().export_users().send().await.expect("the saved 200");
        assert_eq!(csv, "id,name\n1,Ada\n");
        let stats = api.users().get_user_stats().send().await.expect("the saved 200");
        assert_eq!(stats.count.value().and_then(|n| n.as_i64()), Some(3));
        // A 204 is answered without its saved body; placeholders never reach the client.
        api.users().archive_user("u-1").send().await.expect("the saved 204");
        api.users().delete_user("u-1").send().await.expect("the saved 204");
        let paths: Vec<String> = api.received_requests().await.iter().map(|r| r.url.path().to_owned()).collect();
        assert_eq!(paths, ["/users/u-1", "/users/export", "/users/stats", "/users/u-1/archive", "/users/u-1"]);
    }

    #[tokio::test]
    async fn a_chosen_status_answers_its_first_saved_example_with_its_headers() {
        let api = mock::builder().status("users::get_user", 404).status("users::delete_user", 409).start().await;
        let Err(Error::Api(e)) = api.users().get_user("u-1").send().await else { panic!("404 is documented") };
        assert_eq!((e.status().as_u16(), e.code()), (404, Some(1001)));
        let Err(Error::Api(e)) = api.users().delete_user("u-1").send().await else { panic!("409 is documented") };
        assert_eq!(e.message(), Some("user owns projects"));

        let api = mock::builder().status("users::get_user", 502).start().await;
        let Err(Error::Api(e)) = api.users().get_user("u-1").send().await else { panic!("502 is documented") };
        let content_type = e.headers().get("content-type").and_then(|v| v.to_str().ok());
        assert_eq!((content_type, e.text()), (Some("text/html"), "<html><body>Bad gateway</body>"));
    }
}
