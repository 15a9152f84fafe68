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
fn whole(ty: Type, example: Option<String>, content_type: String, inputs: &mut Scope) -> Option<Body> {
    let param = Param {
        name: "body".to_owned(),
        ident: inputs.claim("body"),
        description: Some("The request body.".to_owned()),
        ty,
        required: true,
        constant: None,
        example,
    };
    Some(Body::Whole { param, content_type })
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
    /// The request body, unless absent or disabled.
    pub(super) fn request_body(
        &mut self,
        req: &Req<'_>,
        request: Option<&postman::Request>,
        owner: &str,
        inputs: &mut Scope,
    ) -> Option<Body> {
        let request = request?;
        let content_type =
            request.header.0.iter().find(|h| {
                !h.disabled && h.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
            });
        let content_type = content_type.and_then(|h| h.value.as_deref()).map(|v| req.vars.resolve(v));
        let body = request.body.as_ref().filter(|b| !b.disabled)?;
        match body.mode.as_ref()? {
            BodyMode::UrlEncoded => {
                let fields = entries(&body.urlencoded, req);
                let params = fields
                    .into_iter()
                    .map(|f| self.param(owner, &f.key, f.value, f.description.as_deref(), f.disabled, inputs))
                    .collect();
                Some(Body::Form(params))
            }
            BodyMode::FormData => Some(Body::Multipart(self.parts(body, req, owner, inputs))),
            BodyMode::File => {
                self.warn(&req.path, "file body: the method takes the file's bytes");
                whole(Type::Bytes, None, content_type.unwrap_or_else(|| "application/octet-stream".to_owned()), inputs)
            }
            BodyMode::GraphQl => {
                self.warn(&req.path, "GraphQL body: sent as JSON `{query, variables}` given as a `serde_json::Value`");
                let example = body.graphql.as_ref().map(Value::to_string);
                whole(Type::Json, example, "application/json".to_owned(), inputs)
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
        for Entry { key, value, description, disabled, file } in entries(&body.formdata, req) {
            let mut p = self.param(owner, &key, value.clone(), description.as_deref(), disabled, inputs);
            if file {
                p.ty = Type::Bytes;
                p.example = None;
            } else if let Some(json) = value.as_deref().and_then(|v| serde_json::from_str::<Value>(v).ok()) {
                if json.is_object() || json.is_array() {
                    let source = format!("the example body of \"{}\"", req.path);
                    let hint = format!("{owner}{}", names::pascal(&key));
                    p.ty = self.namer(true, source).type_of(&Shape::of(&json), &hint);
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
        match serde_json::from_str::<Value>(&raw) {
            Ok(json) if json_declared || language.is_none() => {
                let source = format!("the example body of \"{}\"", req.path);
                let ty = self.namer(true, source).type_of(&Shape::of(&json), &format!("{owner}Body"));
                whole(ty, Some(raw), content_type.unwrap_or_else(|| "application/json".to_owned()), inputs)
            }
            _ if raw.trim().is_empty() && content_type.is_none() => None,
            _ => {
                if json_declared {
                    self.warn(&req.path, "the example JSON body does not parse; the body is sent as text");
                } else if !raw.trim().is_empty() {
                    let what = language.as_deref().unwrap_or("text");
                    self.warn(&req.path, format!("{what} body: the method takes it as text"));
                }
                let content_type =
                    content_type.unwrap_or_else(|| language_content_type(language.as_deref()).to_owned());
                whole(Type::String, Some(raw), content_type, inputs)
            }
        }
    }
}

/// Body fields as written, values resolved; fields without a key are left out.
fn entries(list: &[postman::Param], req: &Req<'_>) -> Vec<Entry> {
    list.iter()
        .filter_map(|p| {
            Some(Entry {
                key: p.key.as_deref().filter(|k| !k.is_empty())?.to_owned(),
                value: p.value.as_deref().map(|v| req.vars.resolve(v)),
                description: p.description.as_ref().and_then(|d| d.text()).map(str::to_owned),
                disabled: p.disabled,
                file: p.kind.as_deref() == Some("file"),
            })
        })
        .collect()
}
