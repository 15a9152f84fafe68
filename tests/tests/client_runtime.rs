//! What the generated client adds over hand-written reqwest calls, on the committed Zoom crate
//! against a local mock server: OAuth refresh, retries, rate limits, blocking calls, sans-IO use
//! (tracing has a test binary of its own, `tracing.rs`).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use wiremock::matchers::{body_string, body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zoom_generated::users::{GetUserToken, GetUserTokenType};
use zoom_generated::{Auth, Client, Error, OAuth, Retry, Secret};

const TOKEN_JSON: &str = r#"{"token": "zak-token"}"#;

fn tokens(access: &str, refresh: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "access_token": access, "token_type": "bearer", "refresh_token": refresh,
        "expires_in": expires_in, "scope": "user:read"
    }))
}

/// A client with OAuth refresh credentials whose refresh callback records each new refresh token.
fn oauth_client(server: &MockServer, seen: &Arc<Mutex<Vec<String>>>) -> Client {
    let seen = Arc::clone(seen);
    let oauth = OAuth::new("app-id", "app-secret", "refresh-0")
        .token_url(format!("{}/oauth/token", server.uri()))
        .on_refresh(move |t| seen.lock().expect("lock").push(t.refresh_token.expose().to_owned()));
    Client::builder().base_url(server.uri()).zoom_us_url(server.uri()).oauth(oauth).build().expect("valid")
}

async fn token_requests(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.expect("recording");
    requests
        .iter()
        .filter(|r| r.url.path() == "/oauth/token")
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect()
}

#[tokio::test]
async fn oauth_obtains_caches_and_rotates_tokens() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token")).respond_with(tokens("access-1", "refresh-1", 3600)).mount(&server).await;
    Mock::given(path("/users/me/token"))
        .and(header("authorization", "Bearer access-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = oauth_client(&server, &seen);

    for _ in 0..3 {
        client.users().get_user_token("me").send().await.expect("authorized with the fetched token");
    }
    assert_eq!(
        token_requests(&server).await,
        ["grant_type=refresh_token&refresh_token=refresh-0"],
        "one refresh, then the cache"
    );
    assert_eq!(*seen.lock().expect("lock"), ["refresh-1"], "the callback receives the rotated refresh token");

    let sent = server.received_requests().await.expect("recording");
    use base64::Engine as _;
    let basic = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("app-id:app-secret"));
    assert_eq!(sent[0].headers.get("authorization").and_then(|v| v.to_str().ok()), Some(basic.as_str()));
}

#[tokio::test]
async fn oauth_refreshes_before_expiry_with_the_rotated_token() {
    let server = MockServer::start().await;
    // Tokens valid for 30 s: inside the refresh margin, so every call refreshes first.
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("refresh-0"))
        .respond_with(tokens("access-1", "refresh-1", 30))
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("refresh-1"))
        .respond_with(tokens("access-2", "refresh-2", 30))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = oauth_client(&server, &seen);

    client.users().get_user_token("me").send().await.expect("first call");
    client.users().get_user_token("me").send().await.expect("second call");
    assert_eq!(
        token_requests(&server).await,
        ["grant_type=refresh_token&refresh_token=refresh-0", "grant_type=refresh_token&refresh_token=refresh-1"]
    );
    assert_eq!(*seen.lock().expect("lock"), ["refresh-1", "refresh-2"]);
    let api: Vec<String> = server
        .received_requests()
        .await
        .expect("recording")
        .iter()
        .filter(|r| r.url.path() == "/users/me/token")
        .map(|r| r.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned())
        .collect();
    assert_eq!(api, ["Bearer access-1", "Bearer access-2"]);
}

#[tokio::test]
async fn oauth_refreshes_once_on_401() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("refresh-0"))
        .respond_with(tokens("stale", "refresh-1", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("refresh-1"))
        .respond_with(tokens("fresh", "refresh-2", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .and(header("authorization", "Bearer stale"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .and(header("authorization", "Bearer fresh"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = oauth_client(&server, &seen);

    let token = client.users().get_user_token("me").send().await.expect("retried with a fresh token");
    assert_eq!(token.token.value().map(Secret::expose), Some("zak-token"));
    assert_eq!(token_requests(&server).await.len(), 2);
    assert_eq!(*seen.lock().expect("lock"), ["refresh-1", "refresh-2"]);

    // A 401 with an already fresh token is reported, not retried forever.
    server.reset().await;
    Mock::given(path("/oauth/token")).respond_with(tokens("fresh", "refresh-3", 3600)).mount(&server).await;
    Mock::given(path("/users/me/token")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    let err = client.users().get_user_token("me").send().await.expect_err("still unauthorized");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.received_requests().await.expect("recording").len(), 3, "401, one refresh, one retry");
}

/// An answer of Zoom's token endpoint to Server-to-Server OAuth: no refresh token.
fn account_token(access: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "access_token": access, "token_type": "bearer", "expires_in": expires_in, "scope": "user:read:admin"
    }))
}

#[tokio::test]
async fn zoom_server_to_server_oauth_fetches_caches_and_renews_account_tokens() {
    use base64::Engine as _;
    let server = MockServer::start().await;
    let basic = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("s2s-id:s2s-secret"));
    let token = || {
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(header("authorization", basic.as_str()))
            .and(body_string("grant_type=account_credentials&account_id=acc-1"))
    };
    token().respond_with(account_token("s2s-1", 3600)).up_to_n_times(1).mount(&server).await;
    token().respond_with(account_token("s2s-2", 3600)).mount(&server).await;
    let api = || Mock::given(path("/users/me/token"));
    api()
        .and(header("authorization", "Bearer s2s-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    api().and(header("authorization", "Bearer s2s-1")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    api()
        .and(header("authorization", "Bearer s2s-2"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let oauth =
        OAuth::account_credentials("acc-1", "s2s-id", "s2s-secret").token_url(format!("{}/oauth/token", server.uri()));
    assert!(!format!("{oauth:?}").contains("s2s-secret"), "the secret is masked");
    let client = Client::builder().base_url(server.uri()).oauth(oauth).build().expect("valid");

    // One token for two calls; the third is answered 401, so a new token is fetched and the
    // call sent once more.
    for _ in 0..3 {
        client.users().get_user_token("me").send().await.expect("authorized");
    }
    assert_eq!(token_requests(&server).await.len(), 2, "fetched once, then once more after the 401");

    // A token about to expire (inside the refresh margin) is fetched anew before each call.
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token")).respond_with(account_token("short", 30)).mount(&server).await;
    api().respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON)).mount(&server).await;
    let oauth =
        OAuth::account_credentials("acc-1", "s2s-id", "s2s-secret").token_url(format!("{}/oauth/token", server.uri()));
    let client = Client::builder().base_url(server.uri()).oauth(oauth).build().expect("valid");
    for _ in 0..2 {
        client.users().get_user_token("me").send().await.expect("authorized");
    }
    assert_eq!(token_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn client_credentials_send_their_grant_and_extra_fields() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .and(body_string("grant_type=client_credentials&scope=meeting%3Aread"))
        .respond_with(account_token("cc-1", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .and(header("authorization", "Bearer cc-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let oauth = OAuth::client_credentials("cc-id", "cc-secret")
        .form_field("scope", "meeting:read")
        .token_url(format!("{}/oauth/token", server.uri()));
    let client = Client::builder().base_url(server.uri()).oauth(oauth).build().expect("valid");
    client.users().get_user_token("me").send().await.expect("authorized with the client-credentials token");
}

#[tokio::test]
async fn concurrent_calls_share_one_refresh() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(tokens("access-1", "refresh-1", 3600).set_delay(Duration::from_millis(200)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = oauth_client(&server, &seen);

    let calls = (0..8).map(|_| client.users().get_user_token("me").send());
    for result in futures_util::future::join_all(calls).await {
        result.expect("every call succeeds");
    }
    assert_eq!(token_requests(&server).await.len(), 1);
    server.verify().await;
}

#[tokio::test]
async fn oauth_credentials_also_revoke_tokens() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/revoke"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"status": "success"}"#))
        .mount(&server)
        .await;
    let client = oauth_client(&server, &Arc::new(Mutex::new(Vec::new())));
    let result = client.oauth().revoke_access_token("access-1").send().await.expect("revoked");
    assert_eq!(result.status.as_deref(), Some("success"));
    let sent = &server.received_requests().await.expect("recording")[0];
    assert!(sent.headers.get("authorization").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("Basic ")));
    assert_eq!(String::from_utf8_lossy(&sent.body), "token=access-1");
}

/// RFC 7636 Appendix B: the code verifier of its example and the S256 challenge of it.
const RFC7636_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7636_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// The `Authorization` header of a recorded request.
fn authorization(request: &Request) -> Option<&str> {
    request.headers.get("authorization").and_then(|v| v.to_str().ok())
}

fn basic(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}")))
}

#[test]
fn pkce_challenge_is_rfc_7636_appendix_b() {
    let flow = OAuth::authorization_code("app", "app-secret", "https://app.example/callback");
    let request = flow
        .authorize_url_with("https://auth.example/authorize", None, "s", Secret::new(RFC7636_VERIFIER))
        .expect("a valid verifier");
    assert_eq!(request.code_challenge(), RFC7636_CHALLENGE);
    assert!(request.url.contains(&format!("&code_challenge={RFC7636_CHALLENGE}&code_challenge_method=S256")));
}

#[test]
fn authorize_url_has_the_exact_query_and_keeps_state_and_verifier() {
    let flow = OAuth::authorization_code("app", "app-secret", "https://app.example/callback?x=1");
    let request = flow
        .authorize_url_with(
            "https://auth.example/authorize",
            Some("meeting:read user:read"),
            "state-1",
            Secret::new(RFC7636_VERIFIER),
        )
        .expect("builds");
    assert_eq!(
        request.url,
        format!(
            "https://auth.example/authorize?response_type=code&client_id=app\
             &redirect_uri=https%3A%2F%2Fapp.example%2Fcallback%3Fx%3D1&scope=meeting%3Aread+user%3Aread\
             &state=state-1&code_challenge={RFC7636_CHALLENGE}&code_challenge_method=S256"
        )
    );
    assert_eq!((request.state.as_str(), request.verifier.expose()), ("state-1", RFC7636_VERIFIER));
    assert!(!format!("{request:?}").contains(RFC7636_VERIFIER), "the verifier is masked");
    assert!(!format!("{flow:?}").contains("app-secret"), "the secret is masked");

    // The endpoint's own query is kept; no scope, no `scope` parameter.
    let request = flow
        .authorize_url_with("https://auth.example/authorize?tenant=t", None, "s", Secret::new(RFC7636_VERIFIER))
        .expect("builds");
    assert!(request.url.starts_with("https://auth.example/authorize?tenant=t&response_type=code&client_id=app&"));
    assert!(!request.url.contains("scope="));

    // Random state and verifier: 43 characters from the unreserved set, new each time.
    let first = flow.authorize_url("https://auth.example/authorize", None).expect("random numbers");
    let second = flow.authorize_url("https://auth.example/authorize", None).expect("random numbers");
    let verifier = first.verifier.expose();
    assert_eq!(verifier.len(), 43);
    assert!(verifier.chars().all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c)), "{verifier}");
    assert_ne!(first.verifier, second.verifier);
    assert_ne!(first.state, second.state);
    assert!(first.url.contains(&format!("&state={}&code_challenge={}&", first.state, first.code_challenge())));

    // Verifiers RFC 7636 forbids, and authorization URLs with a fragment, are refused.
    for verifier in ["short", &"a".repeat(129), &format!("{}+", &RFC7636_VERIFIER[..42])] {
        let refused = flow.authorize_url_with("https://auth.example/authorize", None, "s", Secret::new(verifier));
        assert!(matches!(refused, Err(Error::InvalidRequest(_))), "{verifier}");
    }
    let refused = flow.authorize_url("https://auth.example/authorize#x", None);
    assert!(matches!(refused, Err(Error::InvalidRequest(_))));
}

#[tokio::test]
async fn authorization_code_is_exchanged_with_its_verifier_then_the_received_refresh_token_is_used() {
    let server = MockServer::start().await;
    // 30 s: inside the refresh margin, so the second call refreshes.
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(tokens("access-1", "refresh-1", 30))
        .mount(&server)
        .await;
    Mock::given(path("/oauth/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(tokens("access-2", "refresh-2", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let flow = OAuth::authorization_code("app", "app-secret", "https://app.example/callback");
    let request = flow.authorize_url("https://auth.example/authorize", Some("meeting:read")).expect("builds");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let oauth = flow
        .exchange("the-code", request.verifier.clone())
        .scope("meeting:read")
        .token_url(format!("{}/oauth/token", server.uri()))
        .on_refresh(move |t| record.lock().expect("lock").push(t.refresh_token.expose().to_owned()));
    let debug = format!("{oauth:?}");
    assert!(!debug.contains("the-code") && !debug.contains(request.verifier.expose()) && !debug.contains("app-secret"));
    let client = Client::builder().base_url(server.uri()).oauth(oauth).build().expect("valid");

    client.users().get_user_token("me").send().await.expect("authorized with the exchanged token");
    client.users().get_user_token("me").send().await.expect("authorized with the refreshed token");
    assert_eq!(
        token_requests(&server).await,
        [
            format!(
                "grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback\
                 &code_verifier={}",
                request.verifier.expose()
            ),
            "grant_type=refresh_token&refresh_token=refresh-1&scope=meeting%3Aread".to_owned(),
        ],
        "the code once, with its verifier and no scope; then the refresh token it brought"
    );
    assert_eq!(*seen.lock().expect("lock"), ["refresh-1", "refresh-2"]);
    let sent = server.received_requests().await.expect("recording");
    for token_request in sent.iter().filter(|r| r.url.path() == "/oauth/token") {
        assert_eq!(token_request.method.as_str(), "POST");
        assert_eq!(authorization(token_request), Some(basic("app", "app-secret").as_str()));
        let content_type = token_request.headers.get("content-type").and_then(|v| v.to_str().ok());
        assert_eq!(content_type, Some("application/x-www-form-urlencoded"));
    }
    let api: Vec<_> = sent.iter().filter(|r| r.url.path() == "/users/me/token").map(authorization).collect();
    assert_eq!(api, [Some("Bearer access-1"), Some("Bearer access-2")]);
}

#[tokio::test]
async fn a_used_code_without_refresh_token_is_not_sent_again() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token")).respond_with(account_token("access-1", 30)).mount(&server).await;
    Mock::given(path("/users/me/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let oauth = OAuth::authorization_code("app", "app-secret", "https://app.example/callback")
        .exchange("the-code", RFC7636_VERIFIER)
        .token_url(format!("{}/oauth/token", server.uri()));
    let client = Client::builder().base_url(server.uri()).oauth(oauth).build().expect("valid");
    client.users().get_user_token("me").send().await.expect("authorized with the exchanged token");
    let err = client.users().get_user_token("me").send().await.expect_err("nothing to refresh with");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert_eq!(token_requests(&server).await.len(), 1, "the code is sent once");
}

#[tokio::test]
async fn password_grant_sends_credentials_scope_and_client_auth_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string(
            "grant_type=password&username=ada&password=p%40ss+word&scope=read+write&client_id=app&client_secret=app-secret",
        ))
        .respond_with(account_token("pw-1", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/users/me/token"))
        .and(header("authorization", "Bearer pw-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    let oauth = OAuth::password("app", "app-secret", "ada", "p@ss word")
        .scope("read write")
        .client_auth_in_body()
        .token_url(format!("{}/oauth/token", server.uri()));
    let debug = format!("{oauth:?}");
    assert!(!debug.contains("p@ss") && !debug.contains("app-secret"), "{debug}");
    let client = Client::builder().base_url(server.uri()).oauth(oauth.clone()).build().expect("valid");
    client.users().get_user_token("me").send().await.expect("authorized with the password-grant token");
    let sent = server.received_requests().await.expect("recording");
    assert_eq!(authorization(&sent[0]), None, "client credentials in the body, not as Basic auth");

    // A refused grant reports the status; the echoed password is masked.
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string(r#"{"error": "invalid_grant", "password": "p@ss word"}"#),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .oauth(oauth.token_url(format!("{}/oauth/token", server.uri())))
        .build()
        .expect("valid");
    let err = client.users().get_user_token("me").send().await.expect_err("refused");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(!format!("{err:?} {err}").contains("p@ss"), "{err:?}");
}

/// Sans-IO: the token requests the client would send, and the answer read back.
#[test]
fn token_requests_are_built_without_a_client() {
    let body = |request: &http::Request<Vec<u8>>| String::from_utf8(request.body().clone()).expect("UTF-8");

    // A public client: no secret, its id in the body.
    let exchange = OAuth::authorization_code("public-app", "", "https://app.example/callback")
        .exchange("the-code", RFC7636_VERIFIER)
        .client_auth_in_body()
        .token_request()
        .expect("builds");
    assert_eq!(exchange.method(), "POST");
    assert_eq!(exchange.uri().to_string(), "https://zoom.us/oauth/token", "the collection's token URL");
    assert_eq!(exchange.headers()["content-type"], "application/x-www-form-urlencoded");
    assert!(exchange.headers().get("authorization").is_none());
    assert_eq!(
        body(&exchange),
        format!(
            "grant_type=authorization_code&code=the-code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback\
             &code_verifier={RFC7636_VERIFIER}&client_id=public-app"
        )
    );

    // Scope with the other grants; Basic client auth by default, marked sensitive.
    let refresh = OAuth::new("app", "app-secret", "refresh-0").scope("a b").token_request().expect("builds");
    assert_eq!(body(&refresh), "grant_type=refresh_token&refresh_token=refresh-0&scope=a+b");
    assert_eq!(refresh.headers()["authorization"], basic("app", "app-secret").as_str());
    assert!(refresh.headers()["authorization"].is_sensitive());
    let credentials = OAuth::client_credentials("app", "app-secret")
        .scope("meeting:read")
        .form_field("audience", "api")
        .token_url("https://auth.example/token")
        .token_request()
        .expect("builds");
    assert_eq!(credentials.uri().to_string(), "https://auth.example/token");
    assert_eq!(body(&credentials), "grant_type=client_credentials&audience=api&scope=meeting%3Aread");
    let account = OAuth::account_credentials("acc-1", "app", "app-secret").scope("user:read").token_request();
    assert_eq!(body(&account.expect("builds")), "grant_type=account_credentials&account_id=acc-1&scope=user%3Aread");

    let answer = br#"{"access_token": "a-1", "token_type": "bearer", "refresh_token": "r-1", "expires_in": 3599}"#;
    let tokens =
        zoom_generated::Tokens::from_response(http::StatusCode::OK, Default::default(), answer).expect("reads");
    assert_eq!((tokens.access_token.expose(), tokens.refresh_token.expose()), ("a-1", "r-1"));
    assert_eq!((tokens.expires_in, tokens.scope), (Some(3599), None));
    let refused = br#"{"error": "invalid_grant", "refresh_token": "r-0"}"#;
    let err = zoom_generated::Tokens::from_response(http::StatusCode::BAD_REQUEST, Default::default(), refused)
        .expect_err("an error status");
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    assert!(!format!("{err:?}").contains("r-0"));
}

/// A client for the paused-clock tests: without a connection pool, no idle-connection timer
/// lets the paused clock jump ahead while a response is awaited.
fn bearer_client(server: &MockServer, retry: Retry) -> Client {
    let http = Client::http_builder().expect("TLS").pool_max_idle_per_host(0).build().expect("HTTP client");
    Client::builder()
        .http_client(http)
        .base_url(server.uri())
        .zoom_us_url(server.uri())
        .auth(Auth::bearer("t"))
        .auth(Auth::basic("id", "secret"))
        .retry(retry)
        .build()
        .expect("valid")
}

#[tokio::test(start_paused = true)]
async fn too_many_requests_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "7"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(TOKEN_JSON)
                .insert_header("x-ratelimit-limit", "100")
                .insert_header("x-ratelimit-remaining", "99"),
        )
        .mount(&server)
        .await;
    let client = bearer_client(&server, Retry::default());

    let start = tokio::time::Instant::now();
    let response = client.users().get_user_token("me").send_with_response().await.expect("retried");
    assert_eq!(start.elapsed(), Duration::from_secs(7), "waited exactly what Retry-After said");
    assert_eq!(response.value().token.value().map(Secret::expose), Some("zak-token"));
    let limits = response.rate_limit();
    assert_eq!((limits.limit, limits.remaining), (Some(100), Some(99)));
    assert_eq!(server.received_requests().await.expect("recording").len(), 2);
}

#[tokio::test(start_paused = true)]
async fn unavailable_is_retried_with_backoff_up_to_the_maximum() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = bearer_client(&server, Retry::default().max_retries(2).base_delay(Duration::from_secs(1)));

    let start = tokio::time::Instant::now();
    let err = client.users().revoke_user_sso_token("me").send().await.expect_err("gives up");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.expect("recording").len(), 3, "one try and two retries");
    assert!(start.elapsed() <= Duration::from_secs(3), "jittered backoff stays under 1 s + 2 s: {:?}", start.elapsed());
}

#[tokio::test(start_paused = true)]
async fn non_idempotent_requests_are_retried_only_when_allowed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .mount(&server)
        .await;
    let client = bearer_client(&server, Retry::default());
    let err = client.oauth().refresh_access_token("r").send().await.expect_err("not retried");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(server.received_requests().await.expect("recording").len(), 1);

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .mount(&server)
        .await;
    let client = bearer_client(&server, Retry::default().max_retries(1).non_idempotent(true));
    client.oauth().refresh_access_token("r").send().await.expect_err("still 429");
    assert_eq!(server.received_requests().await.expect("recording").len(), 2);
}

/// The same request checks as the async tests, through `send_blocking` on a plain thread.
#[tokio::test]
async fn blocking_feature_sends_the_same_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"status": "success"}"#))
        .mount(&server)
        .await;
    let client = bearer_client(&server, Retry::default());

    let (token, revoked) = tokio::task::spawn_blocking(move || {
        let token = client.users().get_user_token("a/b").type_(GetUserTokenType::Zak).ttl(60).send_blocking();
        let revoked = client.oauth().revoke_access_token("tok").send_blocking();
        (token, revoked)
    })
    .await
    .expect("the blocking thread finishes");
    assert_eq!(token.expect("decoded").token.value().map(Secret::expose), Some("zak-token"));
    assert_eq!(revoked.expect("decoded").status.as_deref(), Some("success"));

    let sent: Vec<Request> = server.received_requests().await.expect("recording");
    assert_eq!(sent[0].url.path(), "/users/a%2Fb/token");
    assert_eq!(sent[0].url.query(), Some("type=zak&ttl=60"));
    assert_eq!(sent[0].headers.get("authorization").and_then(|v| v.to_str().ok()), Some("Bearer t"));
    assert_eq!(String::from_utf8_lossy(&sent[1].body), "token=tok");
}

/// Sans-IO: build the `http::Request`, answer it without any network, decode the answer.
#[test]
fn requests_and_responses_round_trip_without_a_network() {
    let client = Client::builder().auth(Auth::bearer("t")).build().expect("valid");
    let call = client.users().get_user_token("me").type_(GetUserTokenType::Token);
    let request = call.build_request().expect("builds");
    assert_eq!(request.method(), "GET");
    assert_eq!(request.uri().to_string(), "https://api.zoom.us/v2/users/me/token?type=token");
    assert_eq!(request.headers()["authorization"], "Bearer t");
    assert!(request.body().is_empty());

    let ok =
        zoom_generated::parse_response::<GetUserToken>(http::StatusCode::OK, Default::default(), TOKEN_JSON.as_bytes());
    assert_eq!(ok.expect("decodes").token.value().map(Secret::expose), Some("zak-token"));
    let not_found = zoom_generated::parse_response::<GetUserToken>(
        http::StatusCode::NOT_FOUND,
        Default::default(),
        br#"{"code": 1001, "message": "User does not exist"}"#,
    );
    match not_found {
        Err(Error::Api(e)) => assert_eq!((e.code(), e.message()), (Some(1001), Some("User does not exist"))),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}
