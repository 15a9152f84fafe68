//! The `tracing` feature of the committed Zoom crate: one span per request, without secrets.
//! A binary of its own: another test's thread meeting the span's callsite without a
//! subscriber would cache it as disabled for the scoped subscriber here too.

use std::sync::{Arc, Mutex};

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_generated::{Auth, Client};

const TOKEN_JSON: &str = r#"{"token": "zak-token"}"#;

/// A writer collecting what the tracing subscriber prints.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn tracing_records_a_span_per_request_without_secrets() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(200).set_body_string(TOKEN_JSON))
                .mount(&server)
                .await;
            let client = Client::builder()
                .base_url(server.uri())
                .auth(Auth::bearer("very-secret-token"))
                .build()
                .expect("valid");
            client.users().get_user_token("someone").send().await.expect("decodes");
        });
    });
    let text = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("UTF-8");
    assert!(text.contains("request"), "{text}");
    assert!(text.contains("method=GET"), "{text}");
    assert!(text.contains("path=\"/users/{userId}/token\""), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(!text.contains("very-secret-token") && !text.contains("someone"), "{text}");
}
