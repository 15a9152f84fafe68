//! Regenerating a crate from an edited collection: what changed for downstream crates, in
//! semver terms, and names that stay where they were (the API manifest of the previous
//! generation pins them).

use serde_json::{json, Value};
use zoomgen::manifest::{Bump, Kind, Manifest};
use zoomgen::{Generated, Options};

/// A collection of two folders; requests have ids as Postman exports them.
fn shop() -> Value {
    json!({
        "info": {"name": "Shop"},
        "item": [
            {"name": "Users", "id": "f-users", "item": [
                {"name": "Get user", "id": "r-get", "request": {
                    "method": "GET",
                    "url": {"raw": "https://shop.example/users/:id?fields=a",
                            "host": ["https://shop.example"], "path": ["users", ":id"],
                            "query": [{"key": "fields", "value": "a"},
                                      {"key": "status", "value": "active",
                                       "description": "`active` - active users\n`blocked` - blocked users"}],
                            "variable": [{"key": "id", "value": "7"}]}},
                 "response": [{"name": "OK", "code": 200,
                               "header": [{"key": "Content-Type", "value": "application/json"}],
                               "body": "{\"id\": 7, \"name\": \"Ann\"}"}]},
                {"name": "List users", "id": "r-list", "request": {
                    "method": "GET", "url": "https://shop.example/users?page=1"}}
            ]},
            {"name": "Orders", "id": "f-orders", "item": [
                {"name": "Create order", "id": "r-create", "request": {
                    "method": "POST",
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": {"mode": "raw", "raw": "{\"item\": \"book\", \"qty\": 1}"},
                    "url": "https://shop.example/orders"}}
            ]}
        ]
    })
}

fn generate(collection: &Value, previous: Option<&Generated>, rename: bool) -> Generated {
    let mut options = Options::new("shop", "shop.json");
    options.previous = previous.map(manifest);
    options.rename = rename;
    zoomgen::generate(&collection.to_string(), &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The API manifest of a generated crate, as the next generation reads it.
fn manifest(generated: &Generated) -> Manifest {
    let file = generated.files.iter().find(|f| f.path == zoomgen::manifest::PATH).expect("a manifest");
    Manifest::parse(&file.contents).expect("the manifest parses")
}

/// The changes after editing the collection with `edit`.
fn changes_after(edit: impl FnOnce(&mut Value)) -> (Vec<String>, Bump) {
    let before = generate(&shop(), None, false);
    let mut edited = shop();
    edit(&mut edited);
    let after = generate(&edited, Some(&before), false);
    let changes = &after.changes;
    let lines = changes.0.iter().map(|c| format!("{:?}: {}", c.kind, c.text)).collect();
    (lines, changes.bump())
}

/// (module, method) of every request, by request name.
fn methods(generated: &Generated) -> Vec<(String, String, String)> {
    let m = manifest(generated);
    m.operations.into_iter().map(|o| (o.name, o.module, o.method)).collect()
}

fn users(c: &mut Value) -> &mut Vec<Value> {
    c["item"][0]["item"].as_array_mut().expect("requests")
}

#[test]
fn an_unchanged_collection_gives_the_same_crate_and_no_change() {
    let first = generate(&shop(), None, false);
    let second = generate(&shop(), Some(&first), false);
    assert_eq!(first.files, second.files, "regenerating with the manifest is a fixed point");
    assert!(second.changes.0.is_empty(), "{}", second.changes);
    assert_eq!(second.changes.bump(), Bump::Patch);
}

#[test]
fn a_removed_request_is_breaking_and_a_new_one_compatible() {
    let (lines, bump) = changes_after(|c| {
        users(c).remove(1);
    });
    assert_eq!(lines, ["Breaking: method `users().list_users()` removed (request \"List users\")"]);
    assert_eq!(bump, Bump::Major);

    let delete = |example: &str| {
        json!({"name": "Delete user", "id": "r-del", "request": {"method": "DELETE", "url": {
            "raw": "https://shop.example/users/:id", "host": ["https://shop.example"], "path": ["users", ":id"],
            "variable": [{"key": "id", "value": example}]}}})
    };
    let (lines, bump) = changes_after(|c| users(c).push(delete("8")));
    assert_eq!(lines, ["Compatible: method `users().delete_user()` added (request \"Delete user\")"]);
    assert_eq!(bump, Bump::Minor);

    // A new request whose `id` is text makes every `id` argument take any `Display`: the
    // existing method's signature changes, and the diff says so.
    let (lines, bump) = changes_after(|c| users(c).push(delete("me")));
    assert_eq!(
        lines,
        [
            "Breaking: arguments of `users().get_user()` changed: (id: i64) -> (id: impl Display)",
            "Compatible: method `users().delete_user()` added (request \"Delete user\")"
        ]
    );
    assert_eq!(bump, Bump::Major);
}

#[test]
fn a_new_required_argument_is_breaking_and_a_new_optional_setter_compatible() {
    let (lines, bump) = changes_after(|c| {
        let query = c["item"][0]["item"][1]["request"]["url"].take();
        assert_eq!(query, "https://shop.example/users?page=1");
        c["item"][0]["item"][1]["request"]["url"] = json!({
            "raw": "https://shop.example/users?page=1&org=x", "host": ["https://shop.example"], "path": ["users"],
            "query": [{"key": "page", "value": "1"},
                      {"key": "org", "value": "x", "description": "(Required) The organisation."}]});
    });
    assert_eq!(
        lines,
        ["Breaking: arguments of `users().list_users()` changed: () -> (org: impl AsRef<str>)"],
        "a required query parameter is a new argument"
    );
    assert_eq!(bump, Bump::Major);

    let (lines, bump) = changes_after(|c| {
        c["item"][0]["item"][1]["request"]["url"] = json!("https://shop.example/users?page=1&sort=name");
    });
    assert_eq!(lines, ["Compatible: setter `sort` of `users().list_users()` added"]);
    assert_eq!(bump, Bump::Minor);
}

#[test]
fn a_changed_type_is_breaking_and_a_new_response_field_compatible() {
    let response =
        |body: &'static str| move |c: &mut Value| c["item"][0]["item"][0]["response"][0]["body"] = json!(body);
    let (lines, _) = changes_after(response("{\"id\": \"u-7\", \"name\": \"Ann\"}"));
    assert_eq!(
        lines,
        ["Breaking: field `users::GetUserResponse::id` is `Field<String>`, not `Field<serde_json::Number>`"]
    );
    let (lines, bump) = changes_after(response("{\"id\": 7, \"name\": \"Ann\", \"email\": \"a@shop.example\"}"));
    assert_eq!(
        lines,
        ["Compatible: field `users::GetUserResponse::email` added"],
        "a response struct is non-exhaustive"
    );
    assert_eq!(bump, Bump::Minor);

    // A request body is built by users: a new field breaks struct literals.
    let (lines, _) = changes_after(|c| {
        c["item"][1]["item"][0]["request"]["body"]["raw"] = json!("{\"item\": \"book\", \"qty\": 1, \"note\": \"\"}");
    });
    assert_eq!(lines, ["Breaking: field `orders::CreateOrderBody::note` added"]);
}

#[test]
fn a_removed_enum_variant_is_breaking_and_a_new_one_compatible() {
    let status = |description: &str| {
        let description = description.to_owned();
        move |c: &mut Value| c["item"][0]["item"][0]["request"]["url"]["query"][1]["description"] = json!(description)
    };
    let (lines, bump) = changes_after(status("`active` - active users"));
    // One listed value left is no enum: the parameter becomes text.
    assert!(lines.iter().any(|l| l.starts_with("Breaking: type `users::GetUserStatus` removed")), "{lines:?}");
    assert_eq!(bump, Bump::Major);

    let (lines, bump) =
        changes_after(status("`active` - active users\n`invited` - invited users\n`blocked` - blocked users"));
    assert_eq!(lines, ["Compatible: variant `users::GetUserStatus::Invited` added"], "enums are non-exhaustive");
    assert_eq!(bump, Bump::Minor);

    let (lines, _) = changes_after(status("`active` - active users\n`invited` - invited users"));
    assert_eq!(
        lines,
        [
            "Breaking: variant `users::GetUserStatus::Blocked` removed",
            "Compatible: variant `users::GetUserStatus::Invited` added"
        ]
    );
}

#[test]
fn versions_step_as_cargo_reads_semver() {
    let v = |s: &str| semver_of(s);
    assert_eq!(Bump::Major.apply(&v("1.4.2")).to_string(), "2.0.0");
    assert_eq!(Bump::Minor.apply(&v("1.4.2")).to_string(), "1.5.0");
    assert_eq!(Bump::Patch.apply(&v("1.4.2")).to_string(), "1.4.3");
    // Before 1.0.0, the minor number is the breaking one.
    assert_eq!(Bump::Major.apply(&v("0.3.1")).to_string(), "0.4.0");
    assert_eq!(Bump::Minor.apply(&v("0.3.1")).to_string(), "0.3.2");
}

fn semver_of(s: &str) -> zoomgen::manifest::Version {
    zoomgen::manifest::Version::parse(s).expect("a version")
}

#[test]
fn a_same_named_request_inserted_before_an_existing_one_does_not_rename_it() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    users(&mut edited).insert(
        0,
        json!({"name": "Get user", "id": "r-new", "request": {"method": "GET", "url": {
            "raw": "https://shop.example/v2/users/:id", "host": ["https://shop.example"], "path": ["v2", "users", ":id"],
            "variable": [{"key": "id", "value": "9"}]}}}),
    );
    let second = generate(&edited, Some(&first), false);
    let names = methods(&second);
    assert!(names.contains(&("Get user".into(), "users".into(), "get_user".into())), "{names:?}");
    let old = manifest(&second).operations.into_iter().find(|o| o.key == "r-get").expect("the old request");
    assert_eq!((old.method.as_str(), old.builder.as_str()), ("get_user", "users::GetUser"));
    let new = manifest(&second).operations.into_iter().find(|o| o.key == "r-new").expect("the new request");
    assert_ne!(new.method, "get_user");
    assert_eq!(second.changes.0.len(), 1, "{}", second.changes);
    assert_eq!(second.changes.0[0].kind, Kind::Compatible);

    // Without the manifest, the first of the two would take the name: the pins are what keep it.
    let fresh = generate(&edited, None, false);
    let fresh_old = manifest(&fresh).operations.into_iter().find(|o| o.key == "r-get").expect("the old request");
    assert_ne!(fresh_old.method, "get_user");
}

#[test]
fn reordered_folders_and_requests_keep_every_name() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    edited["item"].as_array_mut().expect("folders").reverse();
    users(&mut edited).reverse();
    let second = generate(&edited, Some(&first), false);
    let sorted = |g: &Generated| {
        let m = manifest(g);
        let mut ops: Vec<_> = m.operations.into_iter().map(|o| (o.key, o.module, o.method, o.builder)).collect();
        let mut types: Vec<_> = m.types.into_iter().map(|t| t.name).collect();
        ops.sort();
        types.sort();
        (ops, types)
    };
    assert_eq!(sorted(&first), sorted(&second));
    assert!(second.changes.0.is_empty(), "{}", second.changes);
}

#[test]
fn a_renamed_request_keeps_its_method_unless_asked() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    edited["item"][0]["item"][0]["name"] = json!("Fetch a customer");
    let kept = generate(&edited, Some(&first), false);
    assert!(methods(&kept).contains(&("Fetch a customer".into(), "users".into(), "get_user".into())));
    assert_eq!(kept.changes.0.len(), 1, "{}", kept.changes);
    assert_eq!(kept.changes.0[0].kind, Kind::Note);
    assert!(kept.changes.0[0].text.contains("--rename"), "{}", kept.changes);
    assert!(!kept.changes.api_changed());

    let renamed = generate(&edited, Some(&first), true);
    assert!(methods(&renamed).contains(&("Fetch a customer".into(), "users".into(), "fetch_customer".into())));
    assert!(renamed.changes.breaking(), "{}", renamed.changes);
    let text = renamed.changes.to_string();
    assert!(text.contains("method `users().get_user()` is now `users().fetch_customer()`"), "{text}");
}

#[test]
fn a_request_moved_to_another_folder_keeps_its_method_name() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    let moved = users(&mut edited).remove(1);
    edited["item"][1]["item"].as_array_mut().expect("orders").push(moved);
    let second = generate(&edited, Some(&first), false);
    assert!(methods(&second).contains(&("List users".into(), "orders".into(), "list_users".into())));
    let text = second.changes.to_string();
    assert!(text.contains("method `users().list_users()` is now `orders().list_users()`"), "{text}");
}

#[test]
fn a_corrupt_manifest_is_an_error_naming_the_json_path() {
    let error = Manifest::parse(r#"{"operations": [{"arguments": [1]}]}"#).expect_err("not a manifest");
    assert!(error.contains("$.operations[0].arguments[0]"), "{error}");
}

#[test]
fn a_name_kept_for_an_item_that_is_gone_goes_to_the_item_that_replaces_it() {
    let hosted = |url: &str| {
        json!({"info": {"name": "Hosted"}, "variable": [{"key": "host", "value": url}], "item": [
            {"name": "Ping", "id": "r-ping", "request": {"method": "GET", "url": "{{host}}/ping"}}]})
    };
    let first = generate(&hosted("https://old.example"), None, false);
    let second = generate(&hosted("https://new.example"), Some(&first), false);
    let setters = |g: &Generated| manifest(g).client.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(setters(&first), ["host_url"]);
    assert_eq!(setters(&second), ["host_url"], "not `host_url_2`: the old base URL is gone");
    assert!(second.changes.0.is_empty(), "{}", second.changes);
}

#[test]
fn a_renamed_folder_keeps_its_module() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    edited["item"][0]["name"] = json!("Customers");
    let second = generate(&edited, Some(&first), false);
    assert!(methods(&second).contains(&("Get user".into(), "users".into(), "get_user".into())));
    let text = second.changes.to_string();
    assert!(text.contains("folder \"Users\" is now named \"Customers\""), "{text}");
    assert!(!second.changes.api_changed(), "{text}");
    let renamed = generate(&edited, Some(&first), true);
    assert!(methods(&renamed).contains(&("Get user".into(), "customers".into(), "get_user".into())));
}

/// A collection converted again from its OpenAPI document gets new ids for every item: requests
/// are matched by method and path, folders by name, and nothing moves.
#[test]
fn new_ids_for_every_item_move_no_name() {
    let first = generate(&shop(), None, false);
    let mut edited = shop();
    users(&mut edited).insert(
        0,
        json!({"name": "Get user", "id": "r-other", "request": {"method": "GET", "url": {
            "raw": "https://shop.example/v2/users/:id", "host": ["https://shop.example"], "path": ["v2", "users", ":id"],
            "variable": [{"key": "id", "value": "9"}]}}}),
    );
    let text = edited.to_string().replace("\"r-get\"", "\"x-1\"").replace("\"f-users\"", "\"x-2\"");
    let edited: Value = serde_json::from_str(&text).expect("json");
    let second = generate(&edited, Some(&first), false);
    let old = manifest(&second).operations.into_iter().find(|o| o.key == "x-1").expect("the old request, new id");
    assert_eq!(old.method, "get_user", "matched by its route, it keeps its name");
    assert_eq!(
        second.changes.to_string(),
        "Compatible:\n- method `users().get_user_users()` added (request \"Get user\")\n"
    );
}
