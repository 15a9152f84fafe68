//! Saved responses: the documented statuses, the type success bodies decode to, and the type
//! of error bodies.

use std::collections::BTreeSet;

use super::items::Req;
use super::Lowering;
use crate::infer::{Namer, Shape};
use crate::ir::{Decode, Output, Response, Type};

/// A saved response as the examples give it.
struct Example {
    code: u16,
    description: Option<String>,
    content_type: Option<String>,
    body: String,
    /// The headers a mock answers with.
    headers: Vec<(String, String)>,
}

impl Example {
    fn success(&self) -> bool {
        (200..300).contains(&self.code)
    }
}

impl Lowering<'_> {
    /// The documented statuses, the output and the error body type of a request.
    pub(super) fn responses(&mut self, req: &Req<'_>, owner: &str) -> (Vec<Response>, Output, Type) {
        let examples = self.examples(req);
        let source = format!("the example responses of \"{}\"", req.path);
        let mut namer = self.namer(false, source);
        let success = body_type(&mut namer, examples.iter().filter(|e| e.success()), &format!("{owner}Response"));
        let errors = examples.iter().filter(|e| !e.success());
        let error_body = match body_type(&mut namer, errors, &format!("{owner}ErrorBody")) {
            Type::Unit | Type::String => Type::Json,
            ty => ty,
        };
        let placeholders = std::mem::take(&mut namer.placeholders);
        self.warn_placeholders(&req.path, "example response", placeholders);
        let with_body = examples.iter().any(|e| e.success() && !e.body.trim().is_empty());
        match success {
            Type::String => self.warn(&req.path, "the success examples are not JSON: the response is returned as text"),
            Type::Json if with_body => {
                self.warn(&req.path, "the success examples mix JSON and other text: the response is untyped JSON")
            }
            _ => {}
        }
        let output = output(success, &examples);
        (documented(&examples), output, error_body)
    }

    /// The saved responses with a status code; the others are ignored with a warning.
    fn examples(&mut self, req: &Req<'_>) -> Vec<Example> {
        let mut out = Vec::new();
        for r in req.item.response.iter().flatten() {
            let Some(code) = r.code else {
                self.warn(&req.path, "a saved response without a status code is ignored");
                continue;
            };
            out.push(Example {
                code,
                description: r.name.as_deref().map(crate::docs::to_rustdoc).filter(|d| !d.is_empty()),
                content_type: r.content_type().map(str::to_owned),
                // 204 and 205 answers have no content (RFC 9110 §15.3.5, §15.3.6), whatever the
                // example saved.
                body: if matches!(code, 204 | 205) { String::new() } else { r.body.clone().unwrap_or_default() },
                headers: replayed_headers(&r.header.0),
            });
        }
        out
    }
}

/// What success statuses decode to: optional when some success status has no body while
/// others have one; any JSON when no success status is documented.
fn output(success: Type, examples: &[Example]) -> Output {
    let ok = || examples.iter().filter(|e| e.success());
    let with_body = ok().any(|e| !e.body.trim().is_empty());
    let without_body =
        ok().any(|e| e.body.trim().is_empty() && !ok().any(|o| o.code == e.code && !o.body.trim().is_empty()));
    let ty = match success {
        Type::Unit if ok().next().is_none() => Type::Json,
        ty @ (Type::Unit | Type::Json | Type::Option(_)) => ty,
        ty if with_body && without_body => Type::Option(Box::new(ty)),
        ty => ty,
    };
    let decode = match ty {
        Type::Unit => Decode::Ignore,
        Type::String => Decode::Text,
        _ => Decode::Json,
    };
    Output { ty, decode }
}

/// The first saved response of each status, in the collection's order.
fn documented(examples: &[Example]) -> Vec<Response> {
    let mut seen = BTreeSet::new();
    examples
        .iter()
        .filter(|e| seen.insert(e.code))
        .map(|e| Response {
            code: e.code,
            summary: e.description.as_deref().map(plain_text).unwrap_or_default(),
            description: e.description.clone(),
            success: e.success(),
            body: realized(&e.body),
            headers: e.headers.clone(),
        })
        .collect()
}

/// The saved headers a mock answers with, as the conformance harness replays saved responses:
/// all but those about the saved transfer (a stale length or encoding) and a `Location` (the
/// client would follow it off the mock server); disabled ones and those no HTTP library would
/// send (a name that is no token, a value with control characters) are left out.
fn replayed_headers(headers: &[crate::postman::Param]) -> Vec<(String, String)> {
    const STALE: &[&str] = &["content-length", "transfer-encoding", "content-encoding", "location"];
    let token = |name: &str| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    let value = |value: &str| value.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f));
    headers
        .iter()
        .filter(|h| !h.disabled)
        .filter_map(|h| Some((h.key.as_deref()?.trim(), h.value.as_deref()?.trim())))
        .filter(|(k, v)| token(k) && value(v) && !STALE.iter().any(|s| k.eq_ignore_ascii_case(s)))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// A saved body as a server would send it, as the conformance harness replays it: the typed
/// placeholders Postman's OpenAPI converter writes instead of values (`"<boolean>"`, `"<long>"`,
/// `"<number>"`) become values of the type they name; any other body is kept byte for byte.
fn realized(body: &str) -> String {
    fn realize(value: &mut serde_json::Value) -> bool {
        use serde_json::Value;
        let found = match value {
            Value::String(text) => match text.as_str() {
                "<boolean>" => Some(Value::Bool(true)),
                "<integer>" | "<long>" | "<int32>" | "<int64>" => Some(Value::from(1)),
                "<number>" | "<double>" | "<float>" => Some(Value::from(1.5)),
                _ => None,
            },
            Value::Array(items) => return items.iter_mut().map(realize).filter(|&found| found).count() > 0,
            Value::Object(map) => return map.values_mut().map(realize).filter(|&found| found).count() > 0,
            _ => None,
        };
        found.map(|v| *value = v).is_some()
    }
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(body) else { return body.to_owned() };
    if realize(&mut json) {
        json.to_string()
    } else {
        body.to_owned()
    }
}

/// The type the examples of some statuses decode to, merged across statuses.
fn body_type<'e>(namer: &mut Namer<'_>, examples: impl Iterator<Item = &'e Example>, hint: &str) -> Type {
    let mut shape: Option<Shape> = None;
    let mut text = false;
    for e in examples {
        let body = e.body.trim();
        if body.is_empty() {
            continue;
        }
        match Shape::parse(body) {
            Ok(v) => shape = Some(shape.take().unwrap_or_default().merge(v)),
            // A broken JSON example (comments, trailing commas) says nothing about the type.
            Err(_) if e.content_type.as_deref().is_some_and(|c| c.contains("json")) => {}
            Err(_) => text = true,
        }
    }
    match (shape, text) {
        (Some(_), true) => Type::Json,
        (Some(shape), false) => namer.type_of(&shape, hint),
        (None, true) => Type::String,
        (None, false) => Type::Unit,
    }
}

/// The last paragraph of a description (the most specific), as plain text on one line of at
/// most 80 characters, for error messages.
fn plain_text(md: &str) -> String {
    let last = md.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).last().unwrap_or("");
    let text = last.replace("**", "").replace('`', "").replace("\\[", "[").replace("\\]", "]");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 80 {
        return text;
    }
    let mut short: String = text.chars().take(79).collect();
    if let Some(space) = short.rfind(' ').filter(|i| *i > 30) {
        short.truncate(space);
    }
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_and_headers_are_replayed_as_the_harness_replays_them() {
        assert_eq!(
            realized(r#"{"a": "<long>", "b": ["<boolean>"], "c": "<string>"}"#),
            r#"{"a":1,"b":[true],"c":"<string>"}"#
        );
        assert_eq!(realized("{ \"kept\": 1 }"), "{ \"kept\": 1 }");
        assert_eq!(realized("not json"), "not json");
        let header = |k: &str, v: &str| crate::postman::Param {
            key: Some(k.to_owned()),
            value: Some(v.to_owned()),
            ..Default::default()
        };
        let saved = [
            header("Content-Type", "application/json"),
            header("Content-Length", "12"),
            header("content-encoding", "gzip"),
            header("Location", "https://example.com"),
            header("Bad Name", "x"),
            header("X-Rate", "1\u{1}"),
            header("X-Request-Id", " abc "),
        ];
        let kept =
            [("Content-Type", "application/json"), ("X-Request-Id", "abc")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(replayed_headers(&saved), kept);
    }
}
