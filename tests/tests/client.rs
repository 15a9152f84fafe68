//! The generated Zoom client against a local mock server: the exact requests it sends and the
//! typed results it decodes from the collection's saved example responses.

use std::time::Duration;

use serde_json::Number;
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zoom_generated::users::GetUserTokenType;
use zoom_generated::{Auth, Client, Error, Secret};
use zoomgen_tests::zoom_collection;

const TOKEN: &str = "access-token-123";
const CLIENT_ID: &str = "client-id";
const CLIENT_SECRET: &str = "client-secret-456";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .zoom_us_url(server.uri())
        .auth(Auth::bearer(TOKEN))
        .auth(Auth::basic(CLIENT_ID, CLIENT_SECRET))
        .build()
        .expect("valid configuration")
}

/// The saved example response of `request` (in the committed collection) with status `code`.
fn example(request: &str, code: u16) -> ResponseTemplate {
    let collection: Value = serde_json::from_str(&zoom_collection()).expect("collection is JSON");
    let items = collection["item"].as_array().expect("folders");
    let item = items
        .iter()
        .flat_map(|folder| folder["item"].as_array().expect("requests"))
        .find(|item| item["name"] == request)
        .unwrap_or_else(|| panic!("no request named {request}"));
    let saved = item["response"]
        .as_array()
        .expect("responses")
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("{request} has no {code} example"));
    let mut template = ResponseTemplate::new(code).set_body_string(saved["body"].as_str().unwrap_or_default());
    for h in saved["header"].as_array().into_iter().flatten() {
        template = template.insert_header(h["key"].as_str().expect("key"), h["value"].as_str().expect("value"));
    }
    template
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request is sent");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).map(|v| v.to_str().expect("ASCII header"))
}

fn basic_credentials() -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    format!("Basic {encoded}")
}

#[tokio::test]
async fn get_user_token_sends_typed_query_and_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(example("Get a user token", 200)).mount(&server).await;

    let token = client(&server)
        .users()
        .get_user_token("me")
        .type_(GetUserTokenType::Zak)
        .ttl(3600)
        .send()
        .await
        .expect("the 200 example decodes");
    assert_eq!(token.token.value().map(Secret::expose), Some("string"));

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/users/me/token");
    assert_eq!(sent.url.query(), Some("type=zak&ttl=3600"));
    assert_eq!(header(&sent, "authorization"), Some("Bearer access-token-123"));
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn get_user_token_without_options_sends_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(example("Get a user token", 200)).mount(&server).await;
    client(&server).users().get_user_token("me").send().await.expect("decodes");
    assert_eq!(only_request(&server).await.url.query(), None);
}

#[tokio::test]
async fn get_user_token_404_is_a_typed_api_error_with_zoom_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(example("Get a user token", 404)).mount(&server).await;

    let err = client(&server).users().get_user_token("nobody").send().await.expect_err("404 is an error");
    let Error::Api(api) = err else { panic!("expected Error::Api, got {err:?}") };
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.code(), Some(1001));
    assert_eq!(api.message(), Some("User does not exist: quis officia in reprehenderit."));
    let body = api.body().expect("the body decodes as the documented error type");
    let code = body.code.value().and_then(Number::as_i64);
    assert_eq!(
        (code, body.message.as_deref()),
        (Some(1001), Some("User does not exist: quis officia in reprehenderit."))
    );
    assert!(api.description().contains("User does not exist"));
    assert_eq!(
        api.to_string(),
        "HTTP 404 Not Found, error code 1001: User does not exist: quis officia in reprehenderit."
    );
}

#[tokio::test]
async fn revoke_user_sso_token_204_is_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).respond_with(example("Revoke a user's SSO token", 204)).mount(&server).await;

    client(&server).users().revoke_user_sso_token("someone@example.com").send().await.expect("204 is Ok(())");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "DELETE");
    assert_eq!(sent.url.path(), "/users/someone%40example.com/token");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "authorization"), Some("Bearer access-token-123"));
}

#[tokio::test]
async fn revoke_user_sso_token_404_is_a_typed_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).respond_with(example("Revoke a user's SSO token", 404)).mount(&server).await;

    match client(&server).users().revoke_user_sso_token("x").send().await {
        Err(Error::Api(e)) => {
            assert_eq!((e.status().as_u16(), e.code()), (404, Some(1001)));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn refresh_access_token_posts_form_with_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(example("Refresh access token", 200)).mount(&server).await;

    let tokens = client(&server)
        .oauth()
        .refresh_access_token("old-refresh-token")
        .send()
        .await
        .expect("the 200 example decodes");
    assert_eq!(tokens.token_type.as_deref(), Some("bearer"));
    assert_eq!(tokens.expires_in.value().and_then(Number::as_i64), Some(3599));
    assert_eq!(tokens.scope.as_deref(), Some("user:read"));
    let access = tokens.access_token.value().map(Secret::expose).expect("an access token");
    assert!(access.starts_with("eyJhbGciOiJIUzUxMiIsInYiOiIyLjAiLCJraWQiOiI8S0lEPiJ9"));
    assert!(tokens.refresh_token.value().is_some_and(|t| !t.expose().is_empty()));
    assert!(!format!("{tokens:?}").contains("eyJ"), "tokens are masked in Debug output");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/oauth/token");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(&sent, "authorization"), Some(basic_credentials().as_str()));
    assert_eq!(header(&sent, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&sent.body), "grant_type=refresh_token&refresh_token=old-refresh-token");
}

#[tokio::test]
async fn revoke_access_token_posts_form_with_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(example("Revoke an access token", 200)).mount(&server).await;

    let result = client(&server).oauth().revoke_access_token("tok en&=").send().await.expect("decodes");
    assert_eq!(result.status.as_deref(), Some("success"));

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/oauth/revoke");
    assert_eq!(header(&sent, "authorization"), Some(basic_credentials().as_str()));
    // Encoded as Postman encodes a form: everything but unreserved characters, spaces as `%20`.
    assert_eq!(String::from_utf8_lossy(&sent.body), "token=tok%20en%26%3D");
}

/// The default client retries a 503 three times, honouring Retry-After (7 s each), before it
/// gives up. The clock is paused, so the 21 s pass at once; without a connection pool, no
/// idle-connection timer moves the paused clock.
#[tokio::test(start_paused = true)]
async fn undocumented_status_keeps_status_headers_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "7").set_body_string("try later"))
        .mount(&server)
        .await;
    let http = Client::http_builder().expect("TLS").pool_max_idle_per_host(0).build().expect("HTTP client");
    let client = Client::builder().http_client(http).base_url(server.uri()).auth(Auth::bearer(TOKEN));
    let client = client.build().expect("valid configuration");

    let start = tokio::time::Instant::now();
    match client.users().get_user_token("me").send().await {
        Err(Error::UnexpectedStatus(r)) => {
            assert_eq!(r.status.as_u16(), 503);
            assert_eq!(r.headers.get("retry-after").map(|v| v.to_str().ok()), Some(Some("7")));
            assert_eq!(r.body, "try later");
        }
        other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.expect("recording").len(), 4, "one try and three retries");
    assert_eq!(start.elapsed(), Duration::from_secs(21), "waited what Retry-After said, three times");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"token\": "))
        .mount(&server)
        .await;

    match client(&server).users().get_user_token("me").send().await {
        Err(Error::Decode(e)) => {
            assert_eq!(e.status.as_u16(), 200);
            assert_eq!(e.body, "{\"token\": ");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_decode_error_names_the_field_and_keeps_the_response() {
    let server = MockServer::start().await;
    let body = "{\"token\": {\"nested\": true}}";
    let ok = ResponseTemplate::new(200).insert_header("x-request-id", "r-1").set_body_string(body);
    Mock::given(method("GET")).respond_with(ok).mount(&server).await;

    let error = client(&server).users().get_user_token("me").send().await.expect_err("a map is no token");
    assert!(error.to_string().contains("at `token`"), "{error}");
    match error {
        Error::Decode(e) => {
            assert_eq!((e.status.as_u16(), e.path.as_str(), e.body.as_str()), (200, "token", body));
            assert_eq!(e.headers.get("x-request-id").map(|v| v.as_bytes()), Some(&b"r-1"[..]));
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn extra_and_missing_fields_still_decode_and_nothing_is_invented_or_lost() {
    let server = MockServer::start().await;
    let body = r#"{"access_token": "a", "scope": null, "new_field": [1]}"#;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_string(body)).mount(&server).await;
    let tokens = client(&server).oauth().refresh_access_token("r").send().await.expect("decodes");
    assert_eq!(tokens.access_token.value().map(Secret::expose), Some("a"));
    // Not sent, sent as null, and not in any example: each as it came.
    assert!(tokens.expires_in.is_absent());
    assert!(tokens.scope.is_null());
    assert_eq!(tokens.extra.get("new_field"), Some(&serde_json::json!([1])));
    let again = serde_json::to_value(&tokens).expect("serializes");
    assert_eq!(again, serde_json::from_str::<serde_json::Value>(body).expect("JSON"));
}

#[tokio::test]
async fn redirects_are_followed_and_a_3xx_without_location_is_an_error_status() {
    let server = MockServer::start().await;
    let moved = ResponseTemplate::new(302).insert_header("location", "/v2/moved/token");
    Mock::given(path("/v2/users/me/token")).respond_with(moved).mount(&server).await;
    let token = ResponseTemplate::new(200).set_body_string(r#"{"token": "after-redirect"}"#);
    Mock::given(path("/v2/moved/token")).respond_with(token).mount(&server).await;
    let redirected =
        Client::builder().base_url(format!("{}/v2", server.uri())).auth(Auth::bearer(TOKEN)).build().expect("valid");
    let answer = redirected.users().get_user_token("me").send().await.expect("the redirect is followed");
    assert_eq!(answer.token.value().map(Secret::expose), Some("after-redirect"));

    let server = MockServer::start().await;
    Mock::given(path("/users/me/token")).respond_with(ResponseTemplate::new(304)).mount(&server).await;
    let error = client(&server).users().get_user_token("me").send().await.expect_err("not a success");
    assert!(matches!(error, Error::UnexpectedStatus(ref r) if r.status.as_u16() == 304), "{error:?}");
}

#[tokio::test]
async fn path_parameters_stay_one_encoded_segment() {
    for (user_id, expected) in [
        ("../admin", "/users/..%2Fadmin/token"),
        ("a/b?c#d", "/users/a%2Fb%3Fc%23d/token"),
        ("%2e%2e", "/users/%252e%252e/token"),
        ("me me", "/users/me%20me/token"),
    ] {
        let server = MockServer::start().await;
        Mock::given(path(expected)).respond_with(example("Get a user token", 200)).mount(&server).await;
        client(&server).users().get_user_token(user_id).send().await.expect("the request reaches the mock");
        let sent = only_request(&server).await;
        assert_eq!(sent.url.path(), expected, "user id {user_id:?}");
        assert_eq!(sent.url.query(), None, "user id {user_id:?}");
    }
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_refused_before_sending() {
    let server = MockServer::start().await;
    for user_id in ["..", ".", ""] {
        match client(&server).users().get_user_token(user_id).send().await {
            Err(Error::InvalidRequest(message)) => assert!(message.contains("userId"), "{message}"),
            other => panic!("expected Error::InvalidRequest for {user_id:?}, got {other:?}"),
        }
    }
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[tokio::test]
async fn credentials_with_line_breaks_are_refused_and_never_shown() {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::bearer("evil\r\nX-Injected: 1"))
        .build()
        .expect("configuration itself is valid");
    let err = client.users().get_user_token("me").send().await.expect_err("refused");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(!err.to_string().contains("evil"), "the secret is not in the message: {err}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[test]
fn debug_output_never_shows_secrets() {
    let client =
        Client::builder().auth(Auth::bearer(TOKEN)).auth(Auth::basic(CLIENT_ID, CLIENT_SECRET)).build().expect("valid");
    let shown =
        format!("{client:?} {:?} {:?}", Auth::bearer(TOKEN), client.oauth().refresh_access_token("refresh-789"));
    for secret in [TOKEN, CLIENT_SECRET, "refresh-789"] {
        assert!(!shown.contains(secret), "{secret} leaked in {shown}");
    }
    assert!(shown.contains("***"));
}

#[tokio::test]
async fn missing_credentials_are_reported_without_sending() {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).zoom_us_url(server.uri()).build().expect("valid");
    let err = client.oauth().revoke_access_token("t").send().await.expect_err("no basic credentials");
    assert!(err.to_string().contains("Auth::basic"), "{err}");
    assert!(server.received_requests().await.expect("recording").is_empty());
}

#[test]
fn invalid_base_urls_are_refused_at_build() {
    for url in ["not a url", "ftp://example.com", "https://example.com/v2?x=1"] {
        let err = Client::builder().base_url(url).build().expect_err("refused");
        assert!(matches!(err, Error::Config(_)), "{url}: {err:?}");
    }
}

/// As Postman: a bearer token that is empty sends no `Authorization` header at all.
#[tokio::test]
async fn an_empty_bearer_token_sends_no_authorization() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(example("Get a user token", 200)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).auth(Auth::bearer("")).build().expect("builds");
    client.users().get_user_token("me").send().await.expect("decodes");
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}
