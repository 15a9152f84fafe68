//! The client generated from `tests/fixtures/environments.json` with the two Postman
//! environments its config (`environments.zoomgen.json`) lists, Staging then Production (copied
//! into that crate by `tests/tests/fixture_crates.rs`): the first environment's values are the
//! defaults, each environment is a preset (`ClientBuilder::environment`), a value an environment
//! marks secret is client configuration that appears nowhere in the crate, and a value set
//! explicitly wins over a preset whatever the order.

use fixture_environments::{Client, ClientBuilder, Environment, Error};

mod mock;
use mock::{sent, server};

/// The secret values of the two environment files: never part of the generated crate.
const SECRETS: [&str; 2] = ["staging-secret-key-4f2a", "production-secret-key-9c1d"];

/// The URL and `X-Region` header `builder` (with the API key set) would send `List widgets` with.
fn list_widgets(builder: ClientBuilder) -> (String, Option<String>) {
    let client = builder.api_key("k").build().expect("the client builds");
    let request = client.widgets().list_widgets().build_request().expect("the request builds");
    let region = request.headers().get("x-region").map(|v| v.to_str().expect("text").to_owned());
    (request.uri().to_string(), region)
}

#[test]
fn the_first_environment_supplies_the_defaults() {
    // Staging's base URL and `apiVersion`; Staging's `region` is disabled, so the collection's.
    let (url, region) = list_widgets(Client::builder());
    assert_eq!(url, "https://staging.example.test/v1/widgets");
    assert_eq!(region.as_deref(), Some("local"));
    // Choosing Staging is the same.
    assert_eq!(list_widgets(Client::builder().environment(Environment::Staging)), (url, region));
}

#[test]
fn a_preset_sets_the_environments_base_url_and_values() {
    let (url, region) = list_widgets(Client::builder().environment(Environment::Production));
    assert_eq!(url, "https://api.example.test/v2/widgets");
    assert_eq!(region.as_deref(), Some("us-east"));
    // A later preset replaces an earlier one.
    let back = Client::builder().environment(Environment::Production).environment(Environment::Staging);
    assert_eq!(list_widgets(back).0, "https://staging.example.test/v1/widgets");
}

#[tokio::test]
async fn a_preset_sends_to_its_base_url() {
    let server = server().await;
    // The mock server stands in for production: the preset's path and values, its base URL
    // replaced explicitly.
    let client = Client::builder()
        .environment(Environment::Production)
        .base_url(format!("{}/prod", server.uri()))
        .api_key("k-1")
        .build()
        .expect("the client builds");
    let request = sent(&server, client.widgets().get_widget("w-7").send()).await;
    assert_eq!(request.url.path(), "/prod/v2/widgets/w-7");
    assert_eq!(request.headers.get("x-api-key").map(|v| v.to_str().expect("text")), Some("k-1"));
}

#[test]
fn an_explicit_setter_wins_over_a_preset_before_or_after_it() {
    let after = Client::builder().environment(Environment::Production).base_url("https://mine.test").api_version("v9");
    let before = Client::builder().base_url("https://mine.test").api_version("v9").environment(Environment::Production);
    for builder in [after, before] {
        let (url, region) = list_widgets(builder);
        assert_eq!(url, "https://mine.test/v9/widgets");
        assert_eq!(region.as_deref(), Some("us-east"));
    }
    // `variable` is an explicit setting too.
    let generic = Client::builder().variable("region", "ap").environment(Environment::Production);
    assert_eq!(list_widgets(generic).1.as_deref(), Some("ap"));
}

#[test]
fn a_secret_value_is_required_configuration() {
    for builder in [Client::builder(), Client::builder().environment(Environment::Production)] {
        let client = builder.build().expect("the client builds");
        let error = client.widgets().list_widgets().build_request().expect_err("the API key is not set");
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(error.to_string().contains("apiKey"), "{error}");
        assert!(!SECRETS.iter().any(|s| error.to_string().contains(s)), "{error}");
    }
    let client = Client::builder().api_key("k-2").build().expect("the client builds");
    let request = client.widgets().list_widgets().build_request().expect("the request builds");
    assert_eq!(request.headers().get("x-api-key").map(|v| v.to_str().expect("text")), Some("k-2"));
}

#[test]
fn secret_values_appear_nowhere_in_the_crate_or_its_debug_output() {
    let builder = Client::builder().environment(Environment::Production).api_key("my-own-key");
    let debug = format!("{builder:?}");
    let debug = format!("{debug} {:?}", builder.build().expect("the client builds"));
    assert!(!debug.contains("my-own-key"), "{debug}");
    assert!(!SECRETS.iter().any(|s| debug.contains(s)), "{debug}");
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut files = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").map(|e| e.expect("entry").path()) {
            if entry.is_dir() {
                dirs.push(entry);
                continue;
            }
            let text = std::fs::read_to_string(&entry).expect("readable");
            assert!(!SECRETS.iter().any(|s| text.contains(s)), "{} holds a secret value", entry.display());
            files += 1;
        }
    }
    assert!(files > 3, "the crate's sources were read");
}
