//! The mock server of the `mock` feature; the generated `src/mock.rs` gives the routes it
//! serves and the client it builds (`super::routes`, `super::client`).

use std::fmt;
use std::ops::Deref;

use wiremock::matchers::{method, path_regex};
use wiremock::{MockServer, ResponseTemplate};

use crate::{Client, ClientBuilder};

/// A saved example response of an operation.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) headers: &'static [(&'static str, &'static str)],
    pub(super) body: &'static str,
}

/// How the mock server recognises an operation's requests, and what it answers.
pub(super) struct Route {
    /// `module::method`, as [`MockBuilder::status`] names the operation.
    pub(super) operation: &'static str,
    pub(super) method: &'static str,
    /// The path as an anchored regular expression: path parameters and client variables match
    /// one segment.
    pub(super) path: &'static str,
    /// The wiremock priority (1 first): 1 for a literal path, one more for each variable part,
    /// so that a literal path wins over a template it also matches.
    pub(super) priority: u8,
    /// The status answered unless another is chosen: the first documented success, else 200.
    pub(super) status: u16,
    /// The saved example of each documented status.
    pub(super) answers: &'static [Answer],
}

/// Starts a mock server answering every operation with its saved success example, and gives
/// a client pointed at it.
///
/// # Panics
///
/// When the mock server cannot start or the client cannot be built.
pub async fn start() -> Mock {
    builder().start().await
}

/// A builder choosing statuses and client settings before [`MockBuilder::start`].
pub fn builder() -> MockBuilder {
    MockBuilder::default()
}

/// The names of the operations the mock serves (those of the compiled folders), as
/// [`MockBuilder::status`] takes them: `module::method`.
pub fn operations() -> Vec<&'static str> {
    super::routes().iter().map(|r| r.operation).collect()
}

/// Configures a [`Mock`]. Obtain one with [`builder`].
#[derive(Default)]
#[must_use = "a mock server does nothing until `start` is called"]
pub struct MockBuilder {
    statuses: Vec<(String, u16)>,
    configure: Vec<Box<dyn FnOnce(ClientBuilder) -> ClientBuilder + Send>>,
}

impl fmt::Debug for MockBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockBuilder").field("statuses", &self.statuses).finish_non_exhaustive()
    }
}

impl MockBuilder {
    /// Answers `operation` (`module::method`, such as `"users::get_user"`; see [`operations`])
    /// with `status`: its saved example, or an empty body when the collection saves none for
    /// it. A later choice for the same operation replaces an earlier one.
    pub fn status(mut self, operation: impl Into<String>, status: u16) -> Self {
        let operation = operation.into();
        self.statuses.retain(|(name, _)| *name != operation);
        self.statuses.push((operation, status));
        self
    }

    /// Changes the client's settings before it is built (credentials, retries, a timeout):
    /// `configure` gets the builder with the mock's base URLs and dummy credentials.
    pub fn client(mut self, configure: impl FnOnce(ClientBuilder) -> ClientBuilder + Send + 'static) -> Self {
        self.configure.push(Box::new(configure));
        self
    }

    /// Starts the mock server and builds the client.
    ///
    /// # Panics
    ///
    /// When [`status`](Self::status) names an operation the mock does not serve or a status
    /// that is not one (100 to 999), or when the client cannot be built.
    pub async fn start(self) -> Mock {
        let routes = super::routes();
        for (name, status) in &self.statuses {
            if !routes.iter().any(|r| r.operation == name) {
                let known: Vec<&str> = routes.iter().map(|r| r.operation).collect();
                panic!(
                    "mock: no operation `{name}` (with the folders compiled); the operations are: {}",
                    known.join(", ")
                );
            }
            assert!((100..=999).contains(status), "mock: {status} (for `{name}`) is no HTTP status");
        }
        let server = MockServer::start().await;
        for route in &routes {
            let status = self.statuses.iter().find(|(name, _)| name == route.operation).map_or(route.status, |s| s.1);
            let mut template = ResponseTemplate::new(status);
            if let Some(answer) = route.answers.iter().find(|a| a.status == status) {
                for (name, value) in answer.headers {
                    template = template.append_header(*name, *value);
                }
                template = template.set_body_bytes(answer.body.as_bytes());
            }
            wiremock::Mock::given(method(route.method))
                .and(path_regex(route.path))
                .respond_with(template)
                .with_priority(route.priority)
                .named(route.operation)
                .mount(&server)
                .await;
        }
        let builder = self.configure.into_iter().fold(super::client(&server.uri()), |b, configure| configure(b));
        let client = builder.build().expect("mock: the client pointed at the mock server builds");
        Mock { server, client }
    }
}

/// A running mock server and a [`Client`] pointed at it; the client's methods are the mock's.
/// The server stops when the mock is dropped.
#[derive(Debug)]
pub struct Mock {
    server: MockServer,
    client: Client,
}

impl Mock {
    /// The client pointed at the mock server.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The mock server, to mount more answers or check what it received.
    pub fn server(&self) -> &MockServer {
        &self.server
    }

    /// The base URL of the mock server (`http://127.0.0.1:PORT`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The requests the mock server received, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.server.received_requests().await.unwrap_or_default()
    }
}

impl Deref for Mock {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}
