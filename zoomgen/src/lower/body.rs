//! Request bodies: form fields, multipart parts, or one whole-body argument typed from its
//! example.

use serde_json::Value;

use super::items::Req;
use super::url::Entry;
use super::Lowering;
use crate::infer::Shape;
use crate::ir::{Body, Param, Type};
use crate::names::{self, Scope};
use crate::postman::{self, BodyMode};

/// The whole-body argument.
fn whole(ty: Type, example: Option<String>, content_type: Option<String>, inputs: &mut Scope) -> Option<Body> {
    let param = Param {
        name: "body".to_owned(),
        ident: inputs.claim("body"),
        description: Some("The request body.".to_owned()),
        ty,
        required: true,
        constant: None,
        default: None,
        example,
        key: None,
        content_type: None,
        file_name: None,
    };
    Some(Body::Whole { param: Box::new(param), content_type })
}

/// Methods Postman sends without their body, unless `disableBodyPruning` is set.
const BODYLESS_METHODS: &[&str] = &["GET", "COPY", "HEAD", "PURGE", "UNLOCK"];

/// Whether Postman sends the item's body at all: not a disabled or empty one, and not with a
/// method it prunes bodies from.
pub(super) fn sends_body(item: &postman::Item, request: Option<&postman::Request>) -> bool {
    let Some(body) = request.and_then(|r| r.body.as_ref()).filter(|b| !b.disabled) else { return false };
    let method = request.and_then(|r| r.method.as_deref()).unwrap_or("GET").trim().to_ascii_uppercase();
    let keep =
        item.protocol_profile_behavior.as_ref().and_then(|p| p.get("disableBodyPruning")) == Some(&Value::Bool(true));
    if BODYLESS_METHODS.contains(&method.as_str()) && !keep {
        return false;
    }
    let enabled = |list: &[postman::Param]| list.iter().any(|p| !p.disabled);
    match body.mode.as_ref() {
        None => false,
        Some(BodyMode::UrlEncoded) => enabled(&body.urlencoded),
        Some(BodyMode::FormData) => enabled(&body.formdata),
        Some(BodyMode::File) => body.file.as_ref().and_then(|f| f.get("src")).is_some_and(|s| s.is_string()),
        Some(BodyMode::GraphQl) => body.graphql.is_some(),
        Some(BodyMode::Raw | BodyMode::Other(_)) => body.raw.as_deref().is_some_and(|r| !r.is_empty()),
    }
}

/// The body Postman sends for a GraphQL item: `query`, `operationName` and `variables`, the
/// variables as written when they are text.
fn graphql_text(graphql: &Value, resolve: impl Fn(&str) -> String) -> String {
    let mut fields = Vec::new();
    for key in ["query", "operationName"] {
        if let Some(text) = graphql.get(key).and_then(Value::as_str) {
            fields.push(format!("{}:{}", Value::from(key), Value::from(resolve(text))));
        }
    }
    match graphql.get("variables") {
        Some(Value::String(text)) if !text.is_empty() => fields.push(format!("\"variables\":{}", resolve(text))),
        Some(Value::String(_)) | None => {}
        Some(other) => {
            let mut all = serde_json::Map::new();
            for key in ["query", "operationName"] {
                if let Some(v) = graphql.get(key) {
                    all.insert(key.to_owned(), v.clone());
                }
            }
            all.insert("variables".to_owned(), other.clone());
            return Value::Object(all).to_string();
        }
    }
    format!("{{{}}}", fields.join(","))
}

/// The file name Postman gives a file part: the base name of its path.
fn file_name(src: &Value) -> Option<String> {
    let path = match src {
        Value::String(s) => s.as_str(),
        Value::Array(list) => list.first()?.as_str()?,
        _ => return None,
    };
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    (!name.is_empty()).then(|| name.to_owned())
}

/// The media type Postman gives a file of this name: mime-db's (the database its runner looks
/// up), else `application/octet-stream`.
fn media_type(file_name: &str) -> String {
    mime_db::lookup(file_name).unwrap_or("application/octet-stream").to_owned()
}

/// The content type a raw body of this language is sent with.
fn language_content_type(language: Option<&str>) -> &'static str {
    match language {
        Some("xml") => "application/xml",
        Some("html") => "text/html",
        Some("javascript") => "application/javascript",
        Some("json") => "application/json",
        _ => "text/plain",
    }
}

impl Lowering<'_> {
    /// The request body, when Postman sends one ([`sends_body`]).
    pub(super) fn request_body(
        &mut self,
        req: &Req<'_>,
        request: Option<&postman::Request>,
        owner: &str,
        inputs: &mut Scope,
    ) -> Option<Body> {
        if !sends_body(req.item, request) {
            return None;
        }
        let request = request?;
        let body = request.body.as_ref()?;
        let content_type =
            request.header.0.iter().find(|h| {
                !h.disabled && h.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
            });
        let content_type = content_type.and_then(|h| h.value.as_deref()).map(|v| req.vars.resolve(v));
        match body.mode.as_ref()? {
            BodyMode::UrlEncoded => {
                // A field given more than once (enabled) is one list-valued field.
                let mut params: Vec<Param> = Vec::new();
                for f in entries(&body.urlencoded, req) {
                    if let Some(existing) = params.iter_mut().find(|p| p.name == f.key) {
                        if !f.disabled && !matches!(existing.ty, Type::Array(_)) {
                            existing.ty = Type::Array(Box::new(existing.ty.clone()));
                        }
                        continue;
                    }
                    params.push(self.param(owner, &f.key, f.value, f.description.as_deref(), f.disabled, inputs));
                }
                Some(Body::Form(params))
            }
            BodyMode::FormData => Some(Body::Multipart(self.parts(body, req, owner, inputs))),
            BodyMode::File => {
                self.warn(&req.path, "file body: the method takes the file's bytes");
                let src = body.file.as_ref().and_then(|f| f.get("src")).and_then(file_name);
                whole(Type::Bytes, None, content_type.or_else(|| src.as_deref().map(media_type)), inputs)
            }
            BodyMode::GraphQl => {
                self.warn(
                    &req.path,
                    "GraphQL body: sent as JSON `{query, operationName, variables}` given as a `serde_json::Value`",
                );
                let example = body.graphql.as_ref().map(|g| graphql_text(g, |t| req.vars.resolve(t)));
                whole(Type::Json, example, Some(content_type.unwrap_or_else(|| "application/json".to_owned())), inputs)
            }
            BodyMode::Other(mode) => {
                self.warn(&req.path, format!("unknown body mode `{mode}`: treated as raw"));
                self.raw_body(body, req, owner, content_type, inputs)
            }
            BodyMode::Raw => self.raw_body(body, req, owner, content_type, inputs),
        }
    }

    /// Multipart parts: text, JSON text (typed from the example) and files (bytes).
    fn parts(&mut self, body: &postman::Body, req: &Req<'_>, owner: &str, inputs: &mut Scope) -> Vec<Param> {
        let mut parts = Vec::new();
        for Entry { key, value, description, disabled, file, src, content_type } in entries(&body.formdata, req) {
            let mut p = self.param(owner, &key, value.clone(), description.as_deref(), disabled, inputs);
            p.content_type = content_type;
            if file {
                // A file's contents are the caller's: never a constant, whatever its description.
                p.ty = Type::Bytes;
                p.example = None;
                p.constant = None;
                // As Postman: the file's base name and the type it implies; no path, no type.
                let name = src.as_ref().and_then(file_name);
                if p.content_type.is_none() {
                    p.content_type = name.as_deref().map(media_type);
                }
                p.file_name = Some(name.unwrap_or_default());
            } else if let Some(json) = value.as_deref().and_then(|v| serde_json::from_str::<Value>(v).ok()) {
                if json.is_object() || json.is_array() {
                    let source = format!("the example body of \"{}\"", req.path);
                    let hint = format!("{owner}{}", names::pascal(&key));
                    let mut namer = self.namer(true, source);
                    p.ty = namer.type_of(&Shape::of(&json), &hint);
                    let placeholders = std::mem::take(&mut namer.placeholders);
                    self.warn_placeholders(&req.path, &format!("example of part `{key}`"), placeholders);
                }
            }
            parts.push(p);
        }
        parts
    }

    /// A raw body: typed JSON when it parses (and is not declared as something else), else text.
    fn raw_body(
        &mut self,
        body: &postman::Body,
        req: &Req<'_>,
        owner: &str,
        content_type: Option<String>,
        inputs: &mut Scope,
    ) -> Option<Body> {
        let raw = req.vars.resolve(body.raw.as_deref().unwrap_or_default());
        let language = body.options.as_ref().and_then(|o| o.get("raw")?.get("language")?.as_str().map(str::to_owned));
        let json_declared =
            language.as_deref() == Some("json") || content_type.as_deref().is_some_and(|c| c.contains("json"));
        // As Postman: comments leave a body it takes for JSON (by language, else by content type).
        let raw = match (language.as_deref(), content_type.as_deref()) {
            (Some("json"), _) | (None, Some(_)) if json_declared => strip_json_comments(&raw),
            _ => raw,
        };
        // As Postman: the item's Content-Type, else the one of the body's language (text).
        let sent_type = Some(content_type.unwrap_or_else(|| language_content_type(language.as_deref()).to_owned()));
        match Shape::parse(&raw) {
            Ok(shape) if json_declared || language.is_none() => {
                let source = format!("the example body of \"{}\"", req.path);
                let mut namer = self.namer(true, source);
                let ty = namer.type_of(&shape, &format!("{owner}Body"));
                let placeholders = std::mem::take(&mut namer.placeholders);
                self.warn_placeholders(&req.path, "example body", placeholders);
                whole(ty, Some(raw), sent_type, inputs)
            }
            _ => {
                if json_declared {
                    self.warn(&req.path, "the example JSON body does not parse; the body is sent as text");
                } else if !raw.trim().is_empty() {
                    let what = language.as_deref().unwrap_or("text");
                    self.warn(&req.path, format!("{what} body: the method takes it as text"));
                }
                whole(Type::String, Some(raw), sent_type, inputs)
            }
        }
    }
}

/// `text` without its `//` and `/* */` comments outside strings, as Postman's runner removes
/// them from a JSON body (strip-json-comments 3, `whitespace: false`: a line comment keeps the
/// `\n` that ends it, not a `\r` before it).
fn strip_json_comments(text: &str) -> String {
    if !text.contains("//") && !text.contains("/*") {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let (mut out, mut offset, mut i) = (Vec::with_capacity(bytes.len()), 0, 0);
    let (mut in_string, mut comment) = (false, None::<bool>);
    while i < bytes.len() {
        let pair = (bytes[i], bytes.get(i + 1).copied());
        if comment.is_none() && pair.0 == b'"' && bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0
        {
            in_string = !in_string;
        }
        match (in_string, comment, pair) {
            (true, ..) => {}
            (false, None, (b'/', Some(b'/' | b'*'))) => {
                out.extend_from_slice(&bytes[offset..i]);
                comment = Some(pair.1 == Some(b'/'));
                offset = i;
                i += 1;
            }
            (false, Some(true), (b'\r', Some(b'\n'))) => {
                (comment, offset) = (None, i + 1);
                i += 1;
            }
            (false, Some(true), (b'\n', _)) => (comment, offset) = (None, i),
            (false, Some(false), (b'*', Some(b'/'))) => {
                (comment, offset) = (None, i + 2);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    if comment.is_none() {
        out.extend_from_slice(&bytes[offset..]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Body fields as written, values resolved; fields without a key are left out.
fn entries(list: &[postman::Param], req: &Req<'_>) -> Vec<Entry> {
    list.iter()
        .filter_map(|p| {
            Some(Entry {
                key: req.vars.resolve(p.key.as_deref().filter(|k| !k.is_empty())?),
                value: p.value.as_deref().map(|v| req.vars.resolve(v)),
                description: p.description.as_ref().and_then(|d| d.text()).map(str::to_owned),
                disabled: p.disabled,
                file: p.kind.as_deref() == Some("file"),
                src: p.src.clone(),
                content_type: p.content_type.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::strip_json_comments;

    #[test]
    fn comments_go_as_postman_strips_them() {
        assert_eq!(
            strip_json_comments("{\"a\": 1, // one\n\"b\": \"//x\" /* two */}"),
            "{\"a\": 1, \n\"b\": \"//x\" }"
        );
        assert_eq!(strip_json_comments("[1 // c\r\n]"), "[1 \n]");
        assert_eq!(strip_json_comments("{\"q\": \"a\\\"/*\"} /* open"), "{\"q\": \"a\\\"/*\"} ");
        assert_eq!(strip_json_comments("{\"u\": \"http://h\"}"), "{\"u\": \"http://h\"}");
    }
}
