//! The client generated from `tests/fixtures/construct_bodies.json` (copied into that crate by
//! `tests/tests/fixture_crates.rs`): raw JSON, XML and text bodies, urlencoded and form-data
//! fields (text, JSON text, file, disabled), file and GraphQL bodies, a disabled body and an
//! unknown body mode.

use fixture_construct_bodies::uploads::{CreateNoteBody, UploadAttachmentMetadata};
use fixture_construct_bodies::Client;

use wiremock::{MockServer, Request};

mod mock;
use mock::{sent, server};

/// A client whose requests go to `server`.
fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("the client builds")
}

/// Method, path and content type of `request`.
fn line(request: &Request) -> (&str, &str, Option<&str>) {
    let content_type = request.headers.get("content-type").map(|v| v.to_str().expect("a text header"));
    (request.method.as_str(), request.url.path(), content_type)
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content: Vec<u8>,
}

/// The parts of the `multipart/form-data` body of `request`, in order.
fn parts(request: &Request) -> Vec<Part> {
    let (_, _, content_type) = line(request);
    let boundary = content_type.and_then(|c| c.strip_prefix("multipart/form-data; boundary=")).expect("multipart");
    let find = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).position(|w| w == needle);
    let delimiter = format!("\r\n--{boundary}");
    // With a CRLF in front, the first delimiter looks like the others.
    let body = [b"\r\n".as_slice(), &request.body].concat();
    let mut rest = &body[find(&body, delimiter.as_bytes()).expect("a first delimiter") + delimiter.len()..];
    let mut parts = Vec::new();
    while let Some(part) = rest.strip_prefix(b"\r\n") {
        let end = find(part, delimiter.as_bytes()).expect("a closing delimiter");
        let head_end = find(part, b"\r\n\r\n").expect("part headers");
        let head = std::str::from_utf8(&part[..head_end]).expect("text part headers");
        let disposition = head.lines().next().expect("a Content-Disposition header");
        let param = |key: &str| {
            disposition.split("; ").find_map(|p| p.strip_prefix(key)).map(|v| v.trim_matches('"').to_owned())
        };
        parts.push(Part {
            name: param("name=").expect("a part name"),
            file_name: param("filename="),
            content: part[head_end + 4..end].to_vec(),
        });
        rest = &part[end + delimiter.len()..];
    }
    assert_eq!(rest, b"--\r\n", "the closing delimiter ends the body");
    parts
}

/// A text part.
fn text(name: &str, content: &str) -> Part {
    Part { name: name.to_owned(), file_name: None, content: content.as_bytes().to_vec() }
}

#[tokio::test]
async fn a_raw_json_body_is_a_typed_struct_sent_as_json() {
    let server = server().await;
    let body = CreateNoteBody {
        title: Some("Groceries".to_owned()),
        pinned: Some(true),
        tags: Some(vec!["home".to_owned()]),
        priority: Some(2_i64),
    };
    let request = sent(&server, client(&server).uploads().create_note(body).send()).await;
    assert_eq!(line(&request), ("POST", "/notes", Some("application/json")));
    let json: serde_json::Value = request.body_json().expect("a JSON body");
    assert_eq!(json, serde_json::json!({"title": "Groceries", "pinned": true, "tags": ["home"], "priority": 2}));
}

#[tokio::test]
async fn raw_xml_and_text_bodies_are_text_sent_with_their_content_type() {
    let server = server().await;
    let uploads = client(&server).uploads();
    let xml = String::from("<note><title>Groceries</title></note>");
    let request = sent(&server, uploads.create_note_xml(&xml).send()).await;
    assert_eq!(line(&request), ("POST", "/notes.xml", Some("application/xml")));
    assert_eq!(request.body, xml.as_bytes());

    let request = sent(&server, uploads.create_note_text("Buy milk").send()).await;
    assert_eq!(line(&request), ("POST", "/notes.txt", Some("text/plain")));
    assert_eq!(request.body, b"Buy milk");
}

#[tokio::test]
async fn urlencoded_fields_are_optional_typed_inputs() {
    let server = server().await;
    let uploads = client(&server).uploads();
    let request = sent(&server, uploads.log_in().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/login"));
    assert_eq!(request.body, b"", "no field is sent unless set");

    let attempts: i64 = 3;
    let request = sent(&server, uploads.log_in().username("ada l&co").remember(true).attempts(attempts).send()).await;
    assert_eq!(line(&request), ("POST", "/login", Some("application/x-www-form-urlencoded")));
    // Encoded as Postman encodes a form: spaces as `%20`.
    assert_eq!(request.body, b"username=ada%20l%26co&remember=true&attempts=3");

    // The disabled field is an input too, sent only when set.
    let otp: i64 = 123456;
    let request = sent(&server, uploads.log_in().username("ada").otp(otp).send()).await;
    assert_eq!(request.body, b"username=ada&otp=123456");
}

#[tokio::test]
async fn form_data_text_json_text_and_file_parts_are_optional_typed_inputs() {
    let server = server().await;
    let uploads = client(&server).uploads();
    let request = sent(&server, uploads.upload_attachment().send()).await;
    assert_eq!((request.method.as_str(), request.url.path()), ("POST", "/attachments"));
    assert_eq!(request.body, b"", "no part is sent unless set");

    // A text part holding JSON is typed and sent as JSON; a file part takes bytes.
    let metadata = UploadAttachmentMetadata {
        album: Some("summer".to_owned()),
        people: Some(vec!["ada".to_owned(), "alan".to_owned()]),
        public: Some(true),
    };
    let photo: Vec<u8> = vec![0xff, 0xd8, 0x00, 0x0d, 0x0a];
    let call = uploads.upload_attachment().caption("Holiday").metadata(metadata).file(photo.clone());
    let request = sent(&server, call.send()).await;
    let [caption, metadata, file] = <[Part; 3]>::try_from(parts(&request)).expect("three parts");
    assert_eq!(caption, text("caption", "Holiday"));
    assert_eq!(metadata.name, "metadata");
    let json: serde_json::Value = serde_json::from_slice(&metadata.content).expect("a JSON part");
    assert_eq!(json, serde_json::json!({"album": "summer", "people": ["ada", "alan"], "public": true}));
    assert_eq!((file.name.as_str(), file.content), ("file", photo));
    assert!(file.file_name.is_some(), "a file part has a file name");

    // The disabled part is an input too, sent only when set.
    let request = sent(&server, uploads.upload_attachment().draft("x").send()).await;
    assert_eq!(parts(&request), [text("draft", "x")]);
}

#[tokio::test]
async fn a_file_body_is_bytes_sent_with_the_request_content_type() {
    let server = server().await;
    let pdf: Vec<u8> = b"%PDF-1.7\n\xe2\xe3".to_vec();
    let request = sent(&server, client(&server).uploads().upload_binary(pdf.clone()).send()).await;
    assert_eq!(line(&request), ("PUT", "/reports/latest", Some("application/pdf")));
    assert_eq!(request.body, pdf);
}

#[tokio::test]
async fn a_graphql_body_is_a_json_value() {
    let server = server().await;
    let query = serde_json::json!({"query": "query Viewer { viewer { login } }", "variables": {"first": 10}});
    let request = sent(&server, client(&server).uploads().query_graph(query.clone()).send()).await;
    assert_eq!(line(&request), ("POST", "/graphql", Some("application/json")));
    assert_eq!(request.body_json::<serde_json::Value>().expect("a JSON body"), query);
}

#[tokio::test]
async fn a_disabled_body_is_not_sent() {
    let server = server().await;
    let request = sent(&server, client(&server).uploads().touch_note().send()).await;
    assert_eq!(line(&request), ("POST", "/notes/touch", None));
    assert_eq!(request.body, b"");
}

#[tokio::test]
async fn a_body_of_an_unknown_mode_is_sent_as_text() {
    let server = server().await;
    let request = sent(&server, client(&server).uploads().stream_note("chunk-1").send()).await;
    assert_eq!(line(&request), ("POST", "/notes/stream", Some("text/plain")));
    assert_eq!(request.body, b"chunk-1");
}
