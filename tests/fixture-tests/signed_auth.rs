//! The client generated from `tests/fixtures/signed_auth.json` signs each request as the
//! schemes' own published examples say (tests/oracle checks the same requests against
//! Postman's runner byte for byte): OAuth 1.0 (Twitter's example), Hawk (the specification's),
//! AWS Signature v4 (`get-vanilla` of AWS's test suite), Digest (RFC 7616, answering the
//! server's challenge), JWT (jwt.io's example), EdgeGrid (Akamai's test data) and NTLM
//! (MS-NLMP's example user, its response checked against the specification's NTOWFv2).

use fixture_signed_auth::{AwsV4, Client, Digest, EdgeGrid, Error, Hawk, Jwt, Ntlm, OAuth1};

use wiremock::matchers::{header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The `Authorization` header of a built request.
fn authorization(request: &http::Request<Vec<u8>>) -> String {
    let value = request.headers().get(http::header::AUTHORIZATION).expect("an Authorization header");
    value.to_str().expect("a text header").to_owned()
}

#[test]
fn oauth1_signs_twitters_documented_example() {
    let oauth = OAuth1::new("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
        .token("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE")
        .timestamp("1318622958")
        .nonce("kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg");
    let client = Client::builder().auth(oauth).build().expect("the client builds");
    let call = client.oauth_1_0().update_status().include_entities(true);
    let request = call.status("Hello Ladies + Gentlemen, a signed OAuth request!").build_request();
    let request = request.expect("the request builds");
    assert_eq!(
        authorization(&request),
        "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\",\
         oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\",\
         oauth_signature_method=\"HMAC-SHA1\",oauth_timestamp=\"1318622958\",\
         oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\",oauth_version=\"1.0\",\
         oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""
    );
}

#[test]
fn oauth1_in_the_query_gets_a_fresh_nonce_and_timestamp() {
    let client = Client::builder().auth(OAuth1::new("key", "secret")).build().expect("the client builds");
    let build = || client.oauth_1_0().search_in_query().q("a b").build_request().expect("the request builds");
    let (first, second) = (build(), build());
    assert!(first.headers().get(http::header::AUTHORIZATION).is_none());
    let pairs = |r: &http::Request<Vec<u8>>| -> Vec<(String, String)> {
        let query = r.uri().query().unwrap_or("").to_owned();
        form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
    };
    let names: Vec<String> = pairs(&first).into_iter().map(|(k, _)| k).collect();
    let expected = [
        "q",
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_timestamp",
        "oauth_nonce",
        "oauth_version",
        "oauth_signature",
    ];
    assert_eq!(names, expected);
    // The query is sent as OAuth encodes it.
    assert!(first.uri().query().unwrap_or("").starts_with("q=a%20b&"), "{}", first.uri());
    let value = |r, key| pairs(r).into_iter().find(|(k, _)| k == key).map(|(_, v)| v);
    assert_eq!(value(&first, "oauth_signature_method").as_deref(), Some("HMAC-SHA256"));
    assert_ne!(value(&first, "oauth_nonce"), value(&second, "oauth_nonce"));
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs();
    let ts: u64 = value(&first, "oauth_timestamp").and_then(|t| t.parse().ok()).expect("a timestamp");
    assert!(ts.abs_diff(now) < 60);
}

#[test]
fn hawk_signs_the_specifications_example() {
    let hawk = Hawk::new("dh37fgj492je", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn")
        .timestamp("1353832234")
        .nonce("j4h3g2");
    let client = Client::builder().auth(hawk).build().expect("the client builds");
    let request = client.signed_auth().hawk_resource().b(1).a(2).build_request().expect("the request builds");
    assert_eq!(request.uri().to_string(), "http://example.com:8000/resource/1?b=1&a=2");
    assert_eq!(
        authorization(&request),
        "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\", ext=\"some-app-ext-data\", \
         mac=\"6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=\""
    );
}

#[test]
fn aws_sigv4_signs_the_test_suites_get_vanilla() {
    // 2015-08-30T12:36:00Z, the suite's moment.
    let aws = AwsV4::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").time(1_440_938_160);
    let client = Client::builder().auth(aws).build().expect("the client builds");
    let request = client.signed_auth().aws_vanilla().build_request().expect("the request builds");
    assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(
        authorization(&request),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
         SignedHeaders=host;x-amz-date, \
         Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
    );
}

#[test]
fn aws_sigv4_sends_a_session_token() {
    let aws = AwsV4::new("AKIDEXAMPLE", "secret").session_token("token-1").time(1_440_938_160);
    let client = Client::builder().auth(aws).build().expect("the client builds");
    let request = client.signed_auth().aws_vanilla().build_request().expect("the request builds");
    assert_eq!(request.headers()["x-amz-security-token"], "token-1");
    assert!(authorization(&request).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
}

/// RFC 7616 §3.9.1: the server's challenge, answered with `cnonce` fixed.
async fn digest_server() -> MockServer {
    let server = MockServer::start().await;
    let challenge = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, \
                     nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", \
                     opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({}));
    Mock::given(method("GET"))
        .and(path("/dir/index.html"))
        .and(header_exists("authorization"))
        .respond_with(ok)
        .mount(&server)
        .await;
    let unauthorized = ResponseTemplate::new(401).insert_header("www-authenticate", challenge);
    Mock::given(method("GET")).respond_with(unauthorized).mount(&server).await;
    server
}

fn digest_client(server: &MockServer) -> Client {
    let digest = Digest::new("Mufasa", "Circle of Life").client_nonce("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    Client::builder().base_url(server.uri()).auth(digest).build().expect("the client builds")
}

async fn sent_authorization(server: &MockServer) -> Vec<Option<String>> {
    let requests = server.received_requests().await.expect("requests are recorded");
    requests.iter().map(|r| r.headers.get("authorization").map(|v| v.to_str().expect("text").to_owned())).collect()
}

#[tokio::test]
async fn digest_answers_the_challenge_as_rfc_7616s_example() {
    let server = digest_server().await;
    let client = digest_client(&server);
    client.signed_auth().digest_index().send().await.expect("the challenge is answered");
    let expected = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", \
                    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", uri=\"/dir/index.html\", \
                    algorithm=\"MD5\", qop=auth, nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", \
                    response=\"8ca523f5e9506fed4657c9700eebdbec\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    assert_eq!(sent_authorization(&server).await, [None, Some(expected.to_owned())]);
    // The next request answers the same challenge at once, counting on.
    client.signed_auth().digest_index().send().await.expect("the second request succeeds");
    let sent = sent_authorization(&server).await;
    assert_eq!(sent.len(), 3);
    assert!(sent[2].as_deref().is_some_and(|a| a.contains("nc=00000002")), "{sent:?}");
}

#[tokio::test]
async fn digest_sha256_gives_rfc_7616s_response() {
    let server = digest_server().await;
    let client = digest_client(&server);
    client.signed_auth().digest_index_sha_256().send().await.expect("the challenge is answered");
    let sent = sent_authorization(&server).await;
    let answer = sent[1].as_deref().expect("the answer has credentials");
    assert!(answer.contains("algorithm=\"SHA-256\""), "{answer}");
    assert!(
        answer.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
        "{answer}"
    );
}

#[tokio::test]
async fn digest_with_wrong_credentials_is_an_api_error_after_one_answer() {
    let server = MockServer::start().await;
    let challenge = "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"";
    let unauthorized = ResponseTemplate::new(401).insert_header("www-authenticate", challenge);
    Mock::given(method("GET")).respond_with(unauthorized).mount(&server).await;
    let client = digest_client(&server);
    let error = client.signed_auth().digest_index().send().await.expect_err("the server refuses");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error}");
    assert!(!matches!(error, Error::Transport(_)));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
}

#[test]
fn jwt_signs_jwt_ios_example() {
    let client = Client::builder().auth(Jwt::secret("your-256-bit-secret")).build().expect("the client builds");
    let request = client.signed_auth().jwt_whoami().build_request().expect("the request builds");
    assert_eq!(
        authorization(&request),
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
         eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.\
         SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
    );
}

#[test]
fn jwt_in_the_query_replaces_the_items_token_and_fills_variables() {
    use base64::Engine as _;
    let client = Client::builder().auth(Jwt::secret("s3cret")).subject("ada").build().expect("the client builds");
    let request = client.signed_auth().jwt_in_query().token("old").build_request().expect("the request builds");
    let query = request.uri().query().expect("a query").to_owned();
    let tokens: Vec<String> =
        form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k == "token").map(|(_, v)| v.into_owned()).collect();
    let [token] = tokens.as_slice() else { panic!("one token in {query}") };
    let parts: Vec<&str> = token.split('.').collect();
    let decode = |part: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).expect("base64url");
    assert_eq!(decode(parts[0]), br#"{"alg":"HS512"}"#);
    assert_eq!(decode(parts[1]), br#"{"sub":"ada"}"#);
    assert_eq!(decode(parts[2]).len(), 64, "an HS512 signature");
}

/// Akamai's EdgeGrid test data: credentials, timestamp and nonce.
fn edgegrid_client() -> Client {
    let edgegrid = EdgeGrid::new(
        "akab-client-token-xxx-xxxxxxxxxxxxxxxx",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=",
        "akab-access-token-xxx-xxxxxxxxxxxxxxxx",
    )
    .timestamp("20140321T19:34:21+0000")
    .nonce("nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    Client::builder().auth(edgegrid).build().expect("the client builds")
}

fn edgegrid_signature(request: Result<http::Request<Vec<u8>>, Error<serde_json::Value>>) -> String {
    let header = authorization(&request.expect("the request builds"));
    let prefix = "EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;\
                  access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;timestamp=20140321T19:34:21+0000;\
                  nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature=";
    header.strip_prefix(prefix).unwrap_or_else(|| panic!("{header}")).to_owned()
}

#[test]
fn edgegrid_signs_akamais_test_data() {
    let client = edgegrid_client();
    let auth = client.signed_auth();
    let simple = edgegrid_signature(auth.edge_grid_simple_get().build_request());
    assert_eq!(simple, "tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=");
    let post = edgegrid_signature(auth.edge_grid_post("datadatadatadatadatadatadatadata").build_request());
    assert_eq!(post, "hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4=");
    let header = edgegrid_signature(auth.edge_grid_signed_header().build_request());
    assert_eq!(header, "8F9AybcRw+PLxnvT+H0JRkjROrrUgsxJTnRXMzqvcwY=");
}

#[test]
fn a_scheme_without_credentials_is_a_clear_error_and_secrets_stay_out_of_debug() {
    let client = Client::builder().build().expect("the client builds");
    let error = client.signed_auth().hawk_resource().build_request().expect_err("no Hawk credentials");
    assert!(error.to_string().contains("Hawk credentials"), "{error}");
    let all = format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        OAuth1::new("key", "consumer-secret").token("t", "token-secret"),
        Hawk::new("id", "hawk-key"),
        AwsV4::new("AKID", "aws-secret").session_token("session-secret"),
        Digest::new("user", "digest-password"),
        Jwt::secret("jwt-secret"),
        EdgeGrid::new("ct", "edge-secret", "edge-access"),
    );
    for secret in [
        "consumer-secret",
        "token-secret",
        "hawk-key",
        "aws-secret",
        "session-secret",
        "digest-password",
        "jwt-secret",
        "edge-secret",
        "edge-access",
    ] {
        assert!(!all.contains(secret), "{secret} shows in {all}");
    }
}

/// MS-NLMP §4.2.4.1.1: NTOWFv2 of user `User`, domain `Domain`, password `Password`.
const NTOWF_V2: [u8; 16] =
    [0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93, 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f];

/// MS-NLMP §4.2.4's server challenge.
const SERVER_CHALLENGE: [u8; 8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];

/// The `Authorization` of a request, when it is an NTLM message of `kind` (1, 2 or 3).
fn ntlm_message(request: &wiremock::Request, kind: u8) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let value = request.headers.get("authorization")?.to_str().ok()?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(value.strip_prefix("NTLM ")?).ok()?;
    (bytes.starts_with(b"NTLMSSP\0") && bytes.get(8) == Some(&kind)).then_some(bytes)
}

/// A server that runs NTLM's handshake: it offers NTLM, answers the Negotiate message with
/// MS-NLMP's challenge, and accepts any Authenticate message (the test checks it).
async fn ntlm_server() -> MockServer {
    use base64::Engine as _;
    let server = MockServer::start().await;
    let challenge = ntlmclient::Message::Challenge(ntlmclient::ChallengeMessage {
        target_name: "Domain".to_owned(),
        flags: ntlmclient::Flags::NEGOTIATE_UNICODE | ntlmclient::Flags::NEGOTIATE_NTLM,
        challenge: SERVER_CHALLENGE,
        context: (0, 0),
        target_information: vec![
            ntlmclient::TargetInfoEntry::from_string(ntlmclient::TargetInfoType::NtDomain, "Domain"),
            ntlmclient::TargetInfoEntry::from_string(ntlmclient::TargetInfoType::NtServer, "Server"),
        ],
        os_version: Default::default(),
    });
    let challenge = base64::engine::general_purpose::STANDARD.encode(challenge.to_bytes().expect("a challenge"));
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({}));
    Mock::given(|r: &wiremock::Request| ntlm_message(r, 3).is_some()).respond_with(ok).mount(&server).await;
    let second = ResponseTemplate::new(401).insert_header("www-authenticate", format!("NTLM {challenge}").as_str());
    Mock::given(|r: &wiremock::Request| ntlm_message(r, 1).is_some()).respond_with(second).mount(&server).await;
    let first = ResponseTemplate::new(401).insert_header("www-authenticate", "NTLM");
    Mock::given(|r: &wiremock::Request| !r.headers.contains_key("authorization"))
        .respond_with(first)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn ntlm_runs_the_handshake_and_its_response_proves_the_password() {
    use hmac::Mac as _;
    let server = ntlm_server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Ntlm::new("User", "Password"))
        .build()
        .expect("the client builds");
    client.signed_auth().ntlm_handshake().send().await.expect("the handshake succeeds");
    let sent = server.received_requests().await.expect("requests are recorded");
    assert_eq!(sent.len(), 3, "no credentials, Negotiate, Authenticate");
    assert!(ntlm_message(&sent[1], 1).is_some());
    let authenticate = ntlm_message(&sent[2], 3).expect("an Authenticate message");
    let ntlmclient::Message::Authenticate(message) =
        ntlmclient::Message::try_from(authenticate.as_slice()).expect("it parses")
    else {
        panic!("not an Authenticate message");
    };
    assert_eq!((message.user_name.as_str(), message.domain_name.as_str()), ("User", "Domain"));
    assert_eq!(message.workstation_name, "COMPUTER", "the collection's workstation");
    // NTLMv2 (MS-NLMP §3.3.2): NTProofStr = HMAC-MD5(NTOWFv2, server challenge ‖ blob).
    let (proof, blob) = message.ntlm_response.split_at(16);
    let mut mac = <hmac::Hmac<md5::Md5> as hmac::KeyInit>::new_from_slice(&NTOWF_V2).expect("any key length");
    mac.update(&SERVER_CHALLENGE);
    mac.update(blob);
    assert_eq!(proof, mac.finalize().into_bytes().as_slice());
}
