//! The client generated from `tests/fixtures/construct_auth.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): auth at collection, folder and request level, inherited
//! through a missing `auth`, `auth: null` and `type: inherit`, stopped by `noauth`, and the
//! signing auth types, which need their own credentials.

use fixture_construct_auth::{Auth, AwsV4, Client, Digest, EdgeGrid, Hawk, Jwt, Ntlm, OAuth1};

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client with every kind of credentials, whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::bearer("tok"))
        .auth(Auth::basic("admin", "secret"))
        .auth(Auth::api_key("key-1"))
        .build()
        .expect("the client builds")
}

const BEARER: &str = "authorization: Bearer tok";
const BASIC: &str = "authorization: Basic YWRtaW46c2VjcmV0";

/// Method and path of `request`, and every credential it carries: its `Authorization` and
/// `X-Admin-Key` headers, and its query (only the API key goes there).
fn credentials(request: &Request) -> (&str, &str, Vec<String>) {
    let headers = ["authorization", "x-admin-key"].into_iter().filter_map(|name| {
        request.headers.get(name).map(|value| format!("{name}: {}", value.to_str().expect("a text header")))
    });
    let query = request.url.query().map(|query| format!("?{query}"));
    (request.method.as_str(), request.url.path(), headers.chain(query).collect())
}

#[tokio::test]
async fn auth_is_inherited_through_a_missing_and_a_null_auth_but_not_type_inherit() {
    let server = server().await;
    let client = client(&server);
    let admin = client.admin();
    let cases = [
        (sent(&server, client.auth_levels().who_am_i().send()).await, "/me", BEARER), // collection
        (sent(&server, admin.missing_auth().send()).await, "/admin/missing", BASIC),  // folder
        (sent(&server, admin.null_auth().send()).await, "/admin/null", BASIC),        // `auth: null`
    ];
    for (request, path, credential) in cases {
        assert_eq!(credentials(&request), ("GET", path, vec![credential.to_owned()]));
    }
    // `type: inherit` is no Postman auth type: Postman's runner sends no credentials for it.
    let request = sent(&server, admin.inherit_auth().send()).await;
    assert_eq!(credentials(&request), ("GET", "/admin/inherit", vec![]));
}

#[tokio::test]
async fn request_level_auth_replaces_the_folders() {
    let server = server().await;
    let admin = client(&server).admin();
    let request = sent(&server, admin.no_auth().send()).await;
    assert_eq!(credentials(&request), ("GET", "/admin/open", vec![]));
    let request = sent(&server, admin.key_in_query().send()).await;
    assert_eq!(credentials(&request), ("GET", "/admin/query-key", vec!["?api_token=key-1".to_owned()]));
    let request = sent(&server, admin.key_in_header().send()).await;
    assert_eq!(credentials(&request), ("GET", "/admin/header-key", vec!["x-admin-key: key-1".to_owned()]));
}

#[tokio::test]
async fn noauth_on_a_folder_holds_for_its_inheriting_sub_folders_and_oauth2_sends_a_bearer_token() {
    let server = server().await;
    let public = client(&server).public();
    let request = sent(&server, public.public_status().send()).await;
    assert_eq!(credentials(&request), ("GET", "/public/status", vec![]));
    // OAuth 2.0: its access token, as a bearer token.
    let request = sent(&server, public.public_token_check().send()).await;
    assert_eq!(credentials(&request), ("GET", "/public/token-check", vec![BEARER.to_owned()]));
}

#[tokio::test]
async fn signing_auth_types_sign_with_their_credentials_and_ask_for_them() {
    let server = server().await;
    let exotic = client(&server).exotic();
    let error = exotic.oauth1_call().send().await.expect_err("no OAuth 1.0 credentials");
    assert!(error.to_string().contains("OAuth1 credentials"), "{error}");
    let signed = Client::builder()
        .base_url(server.uri())
        .auth(OAuth1::new("ck", "cs"))
        .auth(Hawk::new("id", "key"))
        .auth(AwsV4::new("AKID", "secret"))
        .auth(Jwt::secret("s3cret"))
        .auth(EdgeGrid::new("ct", "cs", "at"))
        .auth(Digest::new("user", "pass"))
        .auth(Ntlm::new("CORP\\ada", "pass"))
        .build()
        .expect("the client builds")
        .exotic();
    let cases = [
        (sent(&server, signed.oauth1_call().send()).await, "OAuth oauth_consumer_key=\"ck\""),
        (sent(&server, signed.hawk_call().send()).await, "Hawk id=\"id\""),
        (sent(&server, signed.aws_call().send()).await, "AWS4-HMAC-SHA256 Credential=AKID/"),
        (sent(&server, signed.jwt_call().send()).await, "Bearer ey"),
        (sent(&server, signed.edge_grid_call().send()).await, "EG1-HMAC-SHA256 client_token=ct;"),
    ];
    for (request, prefix) in cases {
        let header = request.headers.get("authorization").map(|v| v.to_str().expect("text").to_owned());
        assert!(header.as_deref().is_some_and(|h| h.starts_with(prefix)), "{prefix}: {header:?}");
    }
    // Digest and NTLM wait for the server's challenge (this server sends none).
    for (request, path) in [
        (sent(&server, signed.digest_one().send()).await, "/exotic/digest/1"),
        (sent(&server, signed.ntlm_call().send()).await, "/exotic/ntlm"),
    ] {
        assert_eq!(credentials(&request), ("GET", path, vec![]));
    }
}
