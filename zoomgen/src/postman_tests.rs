//! Unit tests for the lenient Postman model in [`crate::postman`]: one test per format variant
//! the model accepts (v2.0 and v2.1 layouts, and the deviations real exports contain), each
//! checking the parsed values, plus negative tests for input that must stay a serde error.

use serde_json::{json, Value};

use crate::postman::*;

/// Parses a whole collection from JSON text, panicking with the serde error on failure.
fn parse(text: &str) -> Collection {
    serde_json::from_str::<Collection>(text).unwrap_or_else(|e| panic!("parse failed: {e}\n{text}"))
}

/// Parses a collection holding exactly one item built from `item`, and returns that item.
fn one_item(item: Value) -> Item {
    let mut c: Collection =
        serde_json::from_value(json!({ "item": [item] })).unwrap_or_else(|e| panic!("parse failed: {e}"));
    assert_eq!(c.item.len(), 1);
    c.item.remove(0)
}

/// The request object of a single item (panics when `request` is missing or a URL string).
fn one_request(request: Value) -> Request {
    match one_item(json!({ "name": "r", "request": request })).request {
        Some(RequestField::Request(r)) => *r,
        other => panic!("expected a request object, got {other:?}"),
    }
}

/// The structured URL of a request whose `url` is `url` (panics when it is a string).
fn url_object(url: Value) -> Url {
    match one_request(json!({ "method": "GET", "url": url })).url {
        Some(UrlField::Object(u)) => *u,
        other => panic!("expected a url object, got {other:?}"),
    }
}

/// The body of a request whose `body` is `body`.
fn body(body: Value) -> Body {
    one_request(json!({ "method": "POST", "url": "https://x.test", "body": body }))
        .body
        .expect("body should be present")
}

/// The single saved response of an item whose `response` is `[response]`.
fn saved_response(response: Value) -> SavedResponse {
    let mut item = one_item(json!({ "name": "r", "request": "https://x.test", "response": [response] }));
    assert_eq!(item.response.len(), 1);
    item.response.remove(0).expect("response should not be null")
}

/// Keys and values of a param list, for compact comparisons.
fn pairs(params: &[Param]) -> Vec<(Option<&str>, Option<&str>)> {
    params.iter().map(|p| (p.key.as_deref(), p.value.as_deref())).collect()
}

// ---------------------------------------------------------------------------------------------
// Auth

#[test]
fn auth_v21_params_as_key_value_list() {
    let c = parse(
        r#"{"auth": {"type": "basic", "basic": [
            {"key": "username", "value": "alice", "type": "string"},
            {"key": "password", "value": "s3cret", "type": "string"}
        ]}}"#,
    );
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::Basic);
    assert_eq!(
        auth.params,
        vec![("username".to_owned(), Some("alice".to_owned())), ("password".to_owned(), Some("s3cret".to_owned()))]
    );
    assert_eq!(auth.param("username"), Some("alice"));
    assert_eq!(auth.param("password"), Some("s3cret"));
    assert_eq!(auth.param("missing"), None);
}

#[test]
fn auth_v21_param_values_scalars_and_non_scalars() {
    // Values may be any JSON (schema: `"value": {}`); scalars become strings, the rest None,
    // and attributes without a key are skipped.
    let c = parse(
        r#"{"auth": {"type": "oauth2", "oauth2": [
            {"key": "addTokenTo", "value": "header"},
            {"key": "expires", "value": 3600},
            {"key": "useBrowser", "value": false},
            {"key": "tokenRequestParams", "value": [{"key": "a", "value": "b"}]},
            {"key": "empty", "value": null},
            {"key": "novalue"},
            {"value": "orphan"}
        ]}}"#,
    );
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::OAuth2);
    assert_eq!(auth.params.len(), 6);
    assert_eq!(auth.param("addTokenTo"), Some("header"));
    assert_eq!(auth.param("expires"), Some("3600"));
    assert_eq!(auth.param("useBrowser"), Some("false"));
    assert_eq!(auth.param("tokenRequestParams"), None);
    assert_eq!(auth.param("empty"), None);
    assert_eq!(auth.param("novalue"), None);
    assert!(auth.params.iter().any(|(k, v)| k == "novalue" && v.is_none()));
}

#[test]
fn auth_v20_basic_params_as_object_map() {
    let c =
        parse(r#"{"auth": {"type": "basic", "basic": {"username": "bob", "password": "pw", "saveHelperData": true}}}"#);
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::Basic);
    assert_eq!(auth.param("username"), Some("bob"));
    assert_eq!(auth.param("password"), Some("pw"));
    assert_eq!(auth.param("saveHelperData"), Some("true"));
}

#[test]
fn auth_v20_apikey_params_as_object_map() {
    let c = parse(r#"{"auth": {"type": "apikey", "apikey": {"key": "X-Api-Key", "value": "abc", "in": "query"}}}"#);
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::ApiKey);
    assert_eq!(auth.param("key"), Some("X-Api-Key"));
    assert_eq!(auth.param("value"), Some("abc"));
    assert_eq!(auth.param("in"), Some("query"));
}

#[test]
fn auth_v21_apikey_and_bearer_lists() {
    let c = parse(
        r#"{"auth": {"type": "apikey", "apikey": [
            {"key": "key", "value": "X-Api-Key", "type": "string"},
            {"key": "value", "value": "abc", "type": "string"},
            {"key": "in", "value": "header", "type": "string"}
        ]}, "item": [{"name": "b", "request": {"url": "https://x.test",
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]}}}]}"#,
    );
    let auth = c.auth.expect("collection auth");
    assert_eq!(auth.kind, AuthType::ApiKey);
    assert_eq!(
        (auth.param("key"), auth.param("value"), auth.param("in")),
        (Some("X-Api-Key"), Some("abc"), Some("header"))
    );
    let Some(RequestField::Request(r)) = &c.item[0].request else { panic!("request object expected") };
    let bearer = r.auth.as_ref().expect("request auth");
    assert_eq!(bearer.kind, AuthType::Bearer);
    assert_eq!(bearer.param("token"), Some("{{token}}"));
}

#[test]
fn auth_params_only_read_from_the_selected_type() {
    // Exports keep stale settings of other auth types next to the selected one.
    let c = parse(
        r#"{"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "t"}], "basic": [{"key": "username", "value": "old"}]}}"#,
    );
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::Bearer);
    assert_eq!(auth.params, vec![("token".to_owned(), Some("t".to_owned()))]);
    assert_eq!(auth.param("username"), None);
}

#[test]
fn auth_noauth_and_type_without_params() {
    let c = parse(r#"{"auth": {"type": "noauth"}}"#);
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::NoAuth);
    assert!(auth.params.is_empty());

    let c = parse(r#"{"auth": {"type": "bearer", "bearer": null}}"#);
    let auth = c.auth.expect("auth");
    assert_eq!(auth.kind, AuthType::Bearer);
    assert!(auth.params.is_empty());
}

#[test]
fn auth_type_missing_or_null_means_inherit() {
    for text in
        [r#"{"auth": {}}"#, r#"{"auth": {"type": null}}"#, r#"{"auth": {"bearer": [{"key": "token", "value": "t"}]}}"#]
    {
        let auth = parse(text).auth.expect("auth");
        assert_eq!(auth.kind, AuthType::Inherit, "{text}");
        assert!(auth.params.is_empty(), "{text}");
    }
    let auth = parse(r#"{"auth": {"type": "inherit"}}"#).auth.expect("auth");
    assert_eq!(auth.kind, AuthType::Other("inherit".to_owned()), "not a Postman auth type");
}

#[test]
fn auth_null_or_missing_is_none_at_every_level() {
    let c = parse(
        r#"{"auth": null, "item": [
            {"name": "f", "auth": null, "item": [
                {"name": "r", "request": {"url": "https://x.test", "auth": null}}
            ]},
            {"name": "plain", "request": {"url": "https://x.test"}}
        ]}"#,
    );
    assert!(c.auth.is_none());
    assert!(c.item[0].auth.is_none());
    let folder = c.item[0].item.as_ref().expect("folder");
    let Some(RequestField::Request(r)) = &folder[0].request else { panic!("request object expected") };
    assert!(r.auth.is_none());
    let Some(RequestField::Request(r)) = &c.item[1].request else { panic!("request object expected") };
    assert!(r.auth.is_none());
}

// ---------------------------------------------------------------------------------------------
// Requests and URLs

#[test]
fn request_as_plain_url_string() {
    let item = one_item(json!({ "name": "Ping", "request": "https://api.example.com/ping?x=1" }));
    assert_eq!(item.name.as_deref(), Some("Ping"));
    match item.request {
        Some(RequestField::Url(url)) => assert_eq!(url, "https://api.example.com/ping?x=1"),
        other => panic!("expected a URL string, got {other:?}"),
    }
}

#[test]
fn request_missing_or_null_is_none() {
    assert!(one_item(json!({ "name": "r" })).request.is_none());
    assert!(one_item(json!({ "name": "r", "request": null })).request.is_none());
}

#[test]
fn request_method_missing_or_null_is_none() {
    let r = one_request(json!({ "url": "https://x.test/a" }));
    assert_eq!(r.method, None);
    let r = one_request(json!({ "url": "https://x.test/a", "method": null }));
    assert_eq!(r.method, None);
    let r = one_request(json!({ "url": "https://x.test/a", "method": "PROPFIND" }));
    assert_eq!(r.method.as_deref(), Some("PROPFIND"));
}

#[test]
fn request_fields_all_optional() {
    let r = one_request(json!({}));
    assert!(r.method.is_none());
    assert!(r.url.is_none());
    assert!(r.header.0.is_empty());
    assert!(r.body.is_none());
    assert!(r.auth.is_none());
    assert!(r.description.is_none());
}

#[test]
fn url_as_string() {
    let r = one_request(json!({ "method": "DELETE", "url": "{{baseUrl}}/users/:userId" }));
    assert_eq!(r.method.as_deref(), Some("DELETE"));
    match r.url {
        Some(UrlField::Raw(raw)) => assert_eq!(raw, "{{baseUrl}}/users/:userId"),
        other => panic!("expected a raw URL, got {other:?}"),
    }
}

#[test]
fn url_null_is_none() {
    assert!(one_request(json!({ "method": "GET", "url": null })).url.is_none());
}

#[test]
fn url_object_with_all_parts() {
    let u = url_object(json!({
        "raw": "https://api.example.com:8443/v2/users?page=1",
        "protocol": "https",
        "host": ["api", "example", "com"],
        "port": "8443",
        "path": ["v2", "users"],
        "query": [{ "key": "page", "value": "1" }],
        "hash": "top"
    }));
    assert_eq!(u.raw.as_deref(), Some("https://api.example.com:8443/v2/users?page=1"));
    assert_eq!(u.protocol.as_deref(), Some("https"));
    assert_eq!(u.port.as_deref(), Some("8443"));
    assert_eq!(pairs(&u.query), vec![(Some("page"), Some("1"))]);
}

#[test]
fn url_object_without_raw() {
    let u = url_object(json!({ "host": ["{{baseUrl}}"], "path": ["users", ":userId"] }));
    assert_eq!(u.raw, None);
    assert_eq!(u.protocol, None);
    assert_eq!(u.port, None);
    assert!(u.query.is_empty());
    assert!(u.variable.is_empty());
    match u.host {
        Some(StringOrList::Many(h)) => assert_eq!(h, vec![Some("{{baseUrl}}".to_owned())]),
        other => panic!("expected a host list, got {other:?}"),
    }
    match u.path {
        Some(PathField::Many(p)) => {
            assert!(matches!(&p[..], [PathSegment::Text(a), PathSegment::Text(b)] if a == "users" && b == ":userId"));
        }
        other => panic!("expected a path list, got {other:?}"),
    }
}

#[test]
fn url_host_as_string() {
    let u = url_object(json!({ "host": "api.example.com", "path": "/v2/users" }));
    match u.host {
        Some(StringOrList::One(h)) => assert_eq!(h, "api.example.com"),
        other => panic!("expected a host string, got {other:?}"),
    }
}

#[test]
fn url_host_as_array_with_null() {
    let u = url_object(json!({ "host": ["api", null, "com"] }));
    match u.host {
        Some(StringOrList::Many(h)) => assert_eq!(h, vec![Some("api".to_owned()), None, Some("com".to_owned())]),
        other => panic!("expected a host list, got {other:?}"),
    }
}

#[test]
fn url_path_as_string() {
    let u = url_object(json!({ "host": "x.test", "path": "/v2/users/:id" }));
    match u.path {
        Some(PathField::One(p)) => assert_eq!(p, "/v2/users/:id"),
        other => panic!("expected a path string, got {other:?}"),
    }
}

#[test]
fn url_path_segments_as_type_value_objects() {
    let u = url_object(json!({
        "host": "x.test",
        "path": ["v2", { "type": "string", "value": "users" }, { "type": "any", "value": ":id" }, { "type": "string" }, 7]
    }));
    let Some(PathField::Many(p)) = u.path else { panic!("expected a path list") };
    assert_eq!(p.len(), 5);
    assert!(matches!(&p[0], PathSegment::Text(s) if s == "v2"));
    assert!(matches!(&p[1], PathSegment::Object { value: Some(v) } if v == "users"));
    assert!(matches!(&p[2], PathSegment::Object { value: Some(v) } if v == ":id"));
    assert!(matches!(&p[3], PathSegment::Object { value: None }));
    // Anything else is kept as raw JSON rather than failing.
    assert!(matches!(&p[4], PathSegment::Other(v) if *v == json!(7)));
}

#[test]
fn url_path_segment_value_scalar_becomes_string() {
    let u = url_object(json!({ "host": "x.test", "path": [{ "type": "string", "value": 42 }] }));
    let Some(PathField::Many(p)) = u.path else { panic!("expected a path list") };
    assert!(matches!(&p[0], PathSegment::Object { value: Some(v) } if v == "42"));
}

#[test]
fn url_port_as_number() {
    let u = url_object(json!({ "protocol": "http", "host": "localhost", "port": 8080 }));
    assert_eq!(u.port.as_deref(), Some("8080"));
    let u = url_object(json!({ "host": "localhost", "port": null }));
    assert_eq!(u.port, None);
}

#[test]
fn url_variable_named_by_key_only() {
    let u = url_object(json!({
        "raw": "{{baseUrl}}/users/:userId/posts/:postId/:third",
        "variable": [
            { "key": "userId", "value": "me", "description": "The user" },
            { "id": "postId", "value": 17, "type": "number" },
            { "id": "legacy", "key": "third", "value": true, "disabled": true }
        ]
    }));
    let v = &u.variable;
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].name(), Some("userId"));
    assert_eq!(v[0].value.as_deref(), Some("me"));
    assert_eq!(v[0].description.as_ref().and_then(Description::text), Some("The user"));
    // An `id` alone names nothing: Postman's runner does not resolve it.
    assert_eq!(v[1].name(), None);
    assert_eq!(v[1].value.as_deref(), Some("17"));
    assert!(!v[1].disabled);
    assert_eq!(v[2].name(), Some("third"));
    assert_eq!(v[2].value.as_deref(), Some("true"));
    assert!(v[2].disabled);
}

#[test]
fn variable_without_key_or_id_has_no_name() {
    let u = url_object(json!({ "raw": "x", "variable": [{ "value": "v" }] }));
    assert_eq!(u.variable[0].name(), None);
    assert_eq!(u.variable[0].value.as_deref(), Some("v"));
}

#[test]
fn url_query_params_disabled_repeated_missing_key_scalars_and_null() {
    let u = url_object(json!({
        "raw": "https://x.test/s",
        "query": [
            { "key": "tag", "value": "a" },
            { "key": "tag", "value": "b" },
            { "key": "debug", "value": "1", "disabled": true },
            { "value": "orphan" },
            { "key": "page_size", "value": 30 },
            { "key": "ratio", "value": 0.5 },
            { "key": "active", "value": true },
            { "key": "cursor", "value": null },
            { "key": "flag" }
        ]
    }));
    let q = &u.query;
    assert_eq!(
        pairs(q),
        vec![
            (Some("tag"), Some("a")),
            (Some("tag"), Some("b")),
            (Some("debug"), Some("1")),
            (None, Some("orphan")),
            (Some("page_size"), Some("30")),
            (Some("ratio"), Some("0.5")),
            (Some("active"), Some("true")),
            (Some("cursor"), None),
            (Some("flag"), None),
        ]
    );
    let disabled: Vec<bool> = q.iter().map(|p| p.disabled).collect();
    assert_eq!(disabled, vec![false, false, true, false, false, false, false, false, false]);
}

#[test]
fn disabled_flag_written_loosely() {
    let u = url_object(json!({
        "raw": "x",
        "query": [
            { "key": "a", "disabled": "true" },
            { "key": "b", "disabled": "false" },
            { "key": "c", "disabled": 1 },
            { "key": "d", "disabled": 0 },
            { "key": "e", "disabled": null }
        ]
    }));
    let disabled: Vec<bool> = u.query.iter().map(|p| p.disabled).collect();
    assert_eq!(disabled, vec![true, false, true, false, false]);
}

#[test]
fn url_query_and_variable_null_are_empty() {
    let u = url_object(json!({ "raw": "x", "query": null, "variable": null }));
    assert!(u.query.is_empty());
    assert!(u.variable.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Headers and saved responses

#[test]
fn request_headers_as_list_with_disabled_entries() {
    let r = one_request(json!({
        "method": "GET",
        "url": "https://x.test",
        "header": [
            { "key": "Accept", "value": "application/json", "type": "text" },
            { "key": "X-Debug", "value": "1", "disabled": true, "description": "debug only" },
            null,
            { "key": "X-Count", "value": 3 }
        ]
    }));
    let h = &r.header.0;
    assert_eq!(
        pairs(h),
        vec![(Some("Accept"), Some("application/json")), (Some("X-Debug"), Some("1")), (Some("X-Count"), Some("3"))]
    );
    assert_eq!(h.iter().map(|p| p.disabled).collect::<Vec<_>>(), vec![false, true, false]);
    assert_eq!(h[1].description.as_ref().and_then(Description::text), Some("debug only"));
}

#[test]
fn request_header_null_or_string() {
    let r = one_request(json!({ "url": "https://x.test", "header": null }));
    assert!(r.header.0.is_empty());
    let r = one_request(json!({ "url": "https://x.test", "header": "Accept: text/plain\nX-A: 1" }));
    assert_eq!(pairs(&r.header.0), vec![(Some("Accept"), Some("text/plain")), (Some("X-A"), Some("1"))]);
}

#[test]
fn saved_response_header_as_one_string_of_lines() {
    let resp = saved_response(json!({
        "name": "OK",
        "code": 200,
        "header": "Content-Type: application/json; charset=utf-8\r\nX-Rate-Limit:  100 \r\nno colon here\r\nLocation: https://x.test/a?b=c:d\r\n",
        "body": "{}"
    }));
    assert_eq!(
        pairs(&resp.header.0),
        vec![
            (Some("Content-Type"), Some("application/json; charset=utf-8")),
            (Some("X-Rate-Limit"), Some("100")),
            (Some("Location"), Some("https://x.test/a?b=c:d")),
        ]
    );
    assert!(resp.header.0.iter().all(|h| !h.disabled));
    assert_eq!(resp.content_type(), Some("application/json; charset=utf-8"));
}

#[test]
fn saved_response_fields() {
    let resp = saved_response(json!({
        "name": "Created",
        "originalRequest": { "method": "POST", "url": "https://x.test/users" },
        "status": "Created",
        "code": 201,
        "_postman_previewlanguage": "json",
        "header": [{ "key": "Content-Type", "value": "application/json" }],
        "cookie": [],
        "body": "{\"id\": 1}"
    }));
    assert_eq!(resp.name.as_deref(), Some("Created"));
    assert_eq!(resp.status.as_deref(), Some("Created"));
    assert_eq!(resp.code, Some(201));
    assert_eq!(resp.body.as_deref(), Some("{\"id\": 1}"));
}

#[test]
fn response_array_containing_null() {
    let item = one_item(json!({
        "name": "r",
        "request": "https://x.test",
        "response": [null, { "name": "ok", "code": 200 }, null]
    }));
    let names: Vec<Option<&str>> = item.response.iter().flatten().map(|r| r.name.as_deref()).collect();
    assert_eq!(names, vec![Some("ok")]);
}

#[test]
fn response_null_or_missing_is_empty() {
    assert!(one_item(json!({ "name": "r", "request": "https://x.test", "response": null })).response.is_empty());
    assert!(one_item(json!({ "name": "r", "request": "https://x.test" })).response.is_empty());
}

#[test]
fn response_code_missing_number_or_numeric_string() {
    assert_eq!(saved_response(json!({ "name": "none" })).code, None);
    assert_eq!(saved_response(json!({ "code": null })).code, None);
    assert_eq!(saved_response(json!({ "code": 404 })).code, Some(404));
    assert_eq!(saved_response(json!({ "code": "201" })).code, Some(201));
    assert_eq!(saved_response(json!({ "code": " 204 " })).code, Some(204));
    // Unusable codes become None instead of failing the collection.
    assert_eq!(saved_response(json!({ "code": "OK" })).code, None);
    assert_eq!(saved_response(json!({ "code": 70000 })).code, None);
    assert_eq!(saved_response(json!({ "code": -1 })).code, None);
    assert_eq!(saved_response(json!({ "code": 200.5 })).code, None);
}

#[test]
fn response_body_missing_or_null() {
    let resp = saved_response(json!({ "name": "empty", "code": 204 }));
    assert_eq!(resp.body, None);
    assert!(resp.header.0.is_empty());
    assert_eq!(saved_response(json!({ "body": null })).body, None);
    // Invalid JSON is just text at this level.
    assert_eq!(saved_response(json!({ "body": "{not json" })).body.as_deref(), Some("{not json"));
}

#[test]
fn response_content_type_is_case_insensitive() {
    let resp = saved_response(json!({ "header": [
        { "key": "X-Other", "value": "1" },
        { "key": "content-TYPE", "value": "text/xml" }
    ] }));
    assert_eq!(resp.content_type(), Some("text/xml"));
    let resp = saved_response(json!({ "header": "CONTENT-TYPE: text/html" }));
    assert_eq!(resp.content_type(), Some("text/html"));
    let resp = saved_response(json!({ "header": [{ "key": "Accept", "value": "*/*" }] }));
    assert_eq!(resp.content_type(), None);
    let resp = saved_response(json!({ "header": null }));
    assert_eq!(resp.content_type(), None);
}

// ---------------------------------------------------------------------------------------------
// Bodies

#[test]
fn body_raw_with_language_option() {
    let b = body(json!({
        "mode": "raw",
        "raw": "{\n  \"name\": \"x\"\n}",
        "options": { "raw": { "language": "json" } }
    }));
    assert_eq!(b.mode, Some(BodyMode::Raw));
    assert_eq!(b.raw.as_deref(), Some("{\n  \"name\": \"x\"\n}"));
    let language = b.options.as_ref().and_then(|o| o.pointer("/raw/language")).and_then(Value::as_str);
    assert_eq!(language, Some("json"));
    assert!(!b.disabled);
    assert!(b.urlencoded.is_empty() && b.formdata.is_empty());
}

#[test]
fn body_urlencoded() {
    let b = body(json!({
        "mode": "urlencoded",
        "urlencoded": [
            { "key": "grant_type", "value": "client_credentials", "type": "text" },
            { "key": "scope", "value": "read", "disabled": true },
            { "key": "count", "value": 5 }
        ]
    }));
    assert_eq!(b.mode, Some(BodyMode::UrlEncoded));
    assert_eq!(
        pairs(&b.urlencoded),
        vec![
            (Some("grant_type"), Some("client_credentials")),
            (Some("scope"), Some("read")),
            (Some("count"), Some("5"))
        ]
    );
    assert_eq!(b.urlencoded.iter().map(|p| p.disabled).collect::<Vec<_>>(), vec![false, true, false]);
    assert_eq!(b.urlencoded[0].kind.as_deref(), Some("text"));
}

#[test]
fn body_formdata_text_and_file_parts() {
    let b = body(json!({
        "mode": "formdata",
        "formdata": [
            { "key": "title", "value": "Hello", "type": "text", "description": { "content": "Title", "type": "text/plain" } },
            { "key": "meta", "value": "{}", "type": "text", "contentType": "application/json" },
            { "key": "file", "type": "file", "src": "/tmp/a.png" },
            { "key": "files", "type": "file", "src": ["/tmp/a.png", "/tmp/b.png"], "disabled": true },
            { "key": "none", "type": "file", "src": null }
        ]
    }));
    let f = &b.formdata;
    assert_eq!(f.len(), 5);
    assert_eq!(
        (f[0].key.as_deref(), f[0].value.as_deref(), f[0].kind.as_deref()),
        (Some("title"), Some("Hello"), Some("text"))
    );
    assert_eq!(f[0].description.as_ref().and_then(Description::text), Some("Title"));
    assert_eq!((f[2].kind.as_deref(), f[2].value.as_deref()), (Some("file"), None));
    assert!(f[3].disabled);
}

#[test]
fn body_file() {
    let b = body(json!({ "mode": "file", "file": { "src": "/tmp/upload.bin", "content": "" } }));
    assert_eq!(b.mode, Some(BodyMode::File));
}

#[test]
fn body_graphql() {
    let b = body(json!({
        "mode": "graphql",
        "graphql": { "query": "query { me { id } }", "variables": "{\"a\": 1}" }
    }));
    assert_eq!(b.mode, Some(BodyMode::GraphQl));
    let g = b.graphql.expect("graphql");
    assert_eq!(g["query"], json!("query { me { id } }"));
    assert_eq!(g["variables"], json!("{\"a\": 1}"));
}

#[test]
fn body_disabled() {
    let b = body(json!({ "mode": "raw", "raw": "x", "disabled": true }));
    assert!(b.disabled);
    assert_eq!(b.raw.as_deref(), Some("x"));
}

#[test]
fn body_unknown_mode_kept_as_string() {
    let b = body(json!({ "mode": "binary", "raw": "abc" }));
    assert_eq!(b.mode, Some(BodyMode::Other("binary".to_owned())));
    assert_eq!(b.raw.as_deref(), Some("abc"));
}

#[test]
fn body_null_lists_and_missing_mode() {
    let b = body(json!({ "urlencoded": null, "formdata": null, "raw": null }));
    assert_eq!(b.mode, None);
    assert_eq!(b.raw, None);
    assert!(b.urlencoded.is_empty() && b.formdata.is_empty());
    assert!(one_request(json!({ "url": "https://x.test", "body": null })).body.is_none());
}

// ---------------------------------------------------------------------------------------------
// Descriptions

#[test]
fn description_as_string() {
    let c = parse(
        r##"{"info": {"name": "API", "description": "# Title", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}"##,
    );
    assert_eq!(c.info.name.as_deref(), Some("API"));
    assert_eq!(c.info.description.as_ref().and_then(Description::text), Some("# Title"));
}

#[test]
fn description_as_content_type_object() {
    let item = one_item(json!({
        "name": "r",
        "description": { "content": "<p>Hi</p>", "type": "text/html", "version": 2 },
        "request": { "url": "https://x.test", "description": { "content": "**md**", "type": "text/markdown" } }
    }));
    assert_eq!(item.description.as_ref().and_then(Description::text), Some("<p>Hi</p>"));
    let Some(RequestField::Request(r)) = &item.request else { panic!("request object expected") };
    assert_eq!(r.description.as_ref().and_then(Description::text), Some("**md**"));

    let item = one_item(json!({ "name": "r", "description": { "type": "text/plain" } }));
    assert!(matches!(item.description, Some(Description::Object { content: None })));
}

#[test]
fn description_odd_values_do_not_fail() {
    for odd in [json!(42), json!(true), json!({ "content": { "nested": 1 } })] {
        let item = one_item(json!({ "name": "r", "description": odd }));
        let d = item.description.expect("description present");
        assert!(matches!(d, Description::Other(_)), "{d:?}");
        assert_eq!(d.text(), None);
    }
    assert!(one_item(json!({ "name": "r", "description": null })).description.is_none());
}

// ---------------------------------------------------------------------------------------------
// Items and folders

#[test]
fn folders_nest_three_deep() {
    let c = parse(
        r#"{"info": {"name": "Deep"}, "item": [
            {"name": "A", "item": [
                {"name": "B", "item": [
                    {"name": "C", "item": [
                        {"name": "Leaf", "request": {"method": "GET", "url": "https://x.test/leaf"}}
                    ]}
                ]},
                {"name": "Sibling", "request": "https://x.test/sibling"}
            ]}
        ]}"#,
    );
    let a = &c.item[0];
    assert_eq!(a.name.as_deref(), Some("A"));
    assert!(a.request.is_none());
    let a_items = a.item.as_ref().expect("A is a folder");
    assert_eq!(a_items.len(), 2);
    let b = &a_items[0];
    assert_eq!(b.name.as_deref(), Some("B"));
    let c_folder = &b.item.as_ref().expect("B is a folder")[0];
    assert_eq!(c_folder.name.as_deref(), Some("C"));
    let leaf = &c_folder.item.as_ref().expect("C is a folder")[0];
    assert_eq!(leaf.name.as_deref(), Some("Leaf"));
    assert!(leaf.item.is_none());
    let Some(RequestField::Request(r)) = &leaf.request else { panic!("request object expected") };
    assert_eq!(r.method.as_deref(), Some("GET"));
    assert!(matches!(&a_items[1].request, Some(RequestField::Url(u)) if u == "https://x.test/sibling"));
}

#[test]
fn items_with_missing_or_odd_names() {
    let c = parse(
        r#"{"item": [
            {"request": "https://x.test/a"},
            {"name": null, "request": "https://x.test/b"},
            {"name": 7, "request": "https://x.test/c"},
            {"name": "Dup", "request": "https://x.test/d"},
            {"name": "Dup", "request": "https://x.test/e"}
        ]}"#,
    );
    let names: Vec<Option<&str>> = c.item.iter().map(|i| i.name.as_deref()).collect();
    assert_eq!(names, vec![None, None, Some("7"), Some("Dup"), Some("Dup")]);
}

#[test]
fn item_null_empty_or_missing() {
    let c = parse(
        r#"{"item": [
            {"name": "null-item", "item": null, "request": "https://x.test"},
            {"name": "empty-folder", "item": []},
            {"name": "no-item", "request": "https://x.test"}
        ]}"#,
    );
    assert!(c.item[0].item.is_none());
    assert!(c.item[0].request.is_some());
    assert_eq!(c.item[1].item.as_ref().map(Vec::len), Some(0));
    assert!(c.item[2].item.is_none());
    assert!(parse(r#"{"item": null}"#).item.is_empty());
}

#[test]
fn item_level_variables_events_and_auth() {
    let item = one_item(json!({
        "name": "folder",
        "item": [],
        "auth": { "type": "noauth" },
        "variable": [{ "key": "v", "value": "1" }],
        "event": [{ "listen": "prerequest", "script": { "exec": ["pm.variables.set('a', 1)"] } }]
    }));
    assert_eq!(item.auth.as_ref().map(|a| &a.kind), Some(&AuthType::NoAuth));
    assert_eq!(
        item.variable.iter().map(|v| (v.name(), v.value.as_deref())).collect::<Vec<_>>(),
        vec![(Some("v"), Some("1"))]
    );
    assert_eq!(item.event.len(), 1);
    assert_eq!(item.event[0]["listen"], json!("prerequest"));
}

// ---------------------------------------------------------------------------------------------
// Top level

#[test]
fn empty_collection_uses_defaults() {
    let c = parse("{}");
    assert!(c.info.name.is_none() && c.info.description.is_none());
    assert!(c.item.is_empty() && c.variable.is_empty() && c.event.is_empty());
    assert!(c.auth.is_none());
}

#[test]
fn top_level_variables_and_events_present() {
    let c = parse(
        r#"{"info": {"name": "v", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
            "variable": [
                {"key": "baseUrl", "value": "https://api.example.com", "type": "string"},
                {"id": "token", "value": "", "disabled": true},
                {"key": "limit", "value": 10, "type": "number"}
            ],
            "event": [
                {"listen": "prerequest", "script": {"type": "text/javascript", "exec": [""]}},
                {"listen": "test", "script": {"exec": "pm.test()"}}
            ]}"#,
    );
    let vars: Vec<(Option<&str>, Option<&str>, bool)> =
        c.variable.iter().map(|v| (v.name(), v.value.as_deref(), v.disabled)).collect();
    assert_eq!(
        vars,
        vec![
            (Some("baseUrl"), Some("https://api.example.com"), false),
            (None, Some(""), true),
            (Some("limit"), Some("10"), false)
        ]
    );
    assert_eq!(c.event.len(), 2);
    assert_eq!(c.event[1]["listen"], json!("test"));
}

#[test]
fn top_level_variable_and_event_null() {
    let c = parse(r#"{"info": {"name": "n"}, "item": [], "variable": null, "event": null, "auth": null}"#);
    assert!(c.variable.is_empty());
    assert!(c.event.is_empty());
    assert!(c.auth.is_none());
    assert!(c.item.is_empty());
}

#[test]
fn unknown_keys_are_ignored() {
    let c = parse(
        r#"{"info": {"name": "n", "_postman_id": "abc", "version": {"major": 1}, "_exporter_id": "1"},
            "protocolProfileBehavior": {"disableBodyPruning": true},
            "item": [{"id": "x", "name": "r", "protocolProfileBehavior": {}, "request":
                {"method": "GET", "url": {"raw": "x", "hash": "h"}, "proxy": {}, "certificate": {}}}]}"#,
    );
    assert_eq!(c.info.name.as_deref(), Some("n"));
    assert_eq!(c.item[0].name.as_deref(), Some("r"));
}

// ---------------------------------------------------------------------------------------------
// Negative tests: input that must stay a serde error

/// Asserts that `text` does not parse as a collection.
fn assert_rejected(text: &str) {
    let result = serde_json::from_str::<Collection>(text);
    assert!(result.is_err(), "expected an error for {text}, got {result:?}");
}

#[test]
fn rejects_item_that_is_not_a_list() {
    assert_rejected(r#"{"item": 5}"#);
    assert_rejected(r#"{"item": "requests"}"#);
    assert_rejected(r#"{"item": {"name": "single"}}"#);
}

#[test]
fn rejects_object_in_scalar_fields() {
    assert_rejected(r#"{"item": [{"name": {"a": 1}, "request": "https://x.test"}]}"#);
    assert_rejected(r#"{"info": {"name": ["a"]}}"#);
    assert_rejected(r#"{"item": [{"name": "r", "request": {"url": "x", "method": ["GET"]}}]}"#);
}

#[test]
fn rejects_non_object_collection_parts() {
    // (A top-level `[]` parses as an empty collection, as serde lets structs read sequences;
    // `lib.rs` rejects non-object documents before this model sees them.)
    assert_rejected("5");
    assert_rejected(r#""collection""#);
    assert_rejected(r#"{"info": "name"}"#);
    assert_rejected(r#"{"variable": "x"}"#);
    assert_rejected(r#"{"item": [5]}"#);
}

#[test]
fn rejects_malformed_auth() {
    assert_rejected(r#"{"auth": "bearer"}"#);
    assert_rejected(r#"{"auth": []}"#);
    assert_rejected(r#"{"auth": {"type": 3}}"#);
    assert_rejected(r#"{"auth": {"type": {"name": "basic"}}}"#);
}

#[test]
fn rejects_request_and_url_of_wrong_shape() {
    // A request that is neither a URL string nor a valid request object.
    assert_rejected(r#"{"item": [{"name": "r", "request": 5}]}"#);
    assert_rejected(r#"{"item": [{"name": "r", "request": {"method": {"verb": "GET"}}}]}"#);
    assert_rejected(r#"{"item": [{"name": "r", "request": {"url": 5}}]}"#);
    assert_rejected(r#"{"item": [{"name": "r", "request": {"url": {"raw": {"a": 1}}}}]}"#);
    assert_rejected(r#"{"item": [{"name": "r", "request": {"url": "x", "header": 5}}]}"#);
}

// ---------------------------------------------------------------------------------------------
// Leniency beyond the schema's letter, found missing in an earlier version of the model

#[test]
fn lenient_response_header_array_with_string_entries() {
    let resp = saved_response(json!({ "header": ["Content-Type: text/plain", { "key": "X-A", "value": "1" }] }));
    assert_eq!(resp.content_type(), Some("text/plain"));
    assert_eq!(resp.header.0.len(), 2);
}

#[test]
fn lenient_variable_value_of_any_json_type() {
    let c = serde_json::from_str::<Collection>(
        r#"{"variable": [{"key": "obj", "value": {"a": 1}}, {"key": "arr", "value": [1, 2]}]}"#,
    )
    .expect("variables with object/array values should parse");
    assert_eq!(c.variable.iter().map(Variable::name).collect::<Vec<_>>(), vec![Some("obj"), Some("arr")]);
}

#[test]
fn lenient_null_elements_in_lists_are_skipped() {
    let c = serde_json::from_str::<Collection>(
        r#"{"variable": [null, {"key": "v"}], "item": [null, {"name": "r", "request": {"url": {"raw": "x",
            "query": [null, {"key": "q"}], "variable": [null]}, "body": {"mode": "urlencoded", "urlencoded": [null]}}}]}"#,
    )
    .expect("null list elements should be skipped");
    assert_eq!(c.variable.len(), 1);
    assert_eq!(c.item.len(), 1);
}

#[test]
fn lenient_info_null() {
    let c = serde_json::from_str::<Collection>(r#"{"info": null, "item": []}"#).expect("info: null should parse");
    assert!(c.info.name.is_none());
}

#[test]
fn lenient_errors_inside_request_keep_their_cause() {
    let err = serde_json::from_str::<Collection>(
        r#"{"item": [{"request": {"url": {"raw": "x", "query": [{"key": "a", "value": {"x": 1}}]}}}]}"#,
    )
    .expect_err("an object as a query value is an error");
    assert!(err.to_string().contains("expected a string"), "{err}");
}
