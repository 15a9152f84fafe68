//! Query parameters, headers and form fields: required or optional, typed from their examples
//! and descriptions, constant when the collection fixes them.

use super::items::Req;
use super::url::UrlParts;
use super::Lowering;
use crate::ir::{Auth, Param, Template, Type};
use crate::names::{self, Scope};
use crate::postman;

/// The type an example value suggests for a scalar input.
pub(super) fn scalar_type(example: Option<&str>) -> Type {
    match example {
        Some(v) if v.parse::<i64>().is_ok() => Type::Integer,
        Some("true" | "false") => Type::Boolean,
        _ => Type::String,
    }
}

impl Lowering<'_> {
    /// Query parameters. A key given more than once (enabled) is one list-valued parameter;
    /// disabled repeats of a key already present add nothing.
    pub(super) fn query(&mut self, req: &Req<'_>, parts: &UrlParts, owner: &str, inputs: &mut Scope) -> Vec<Param> {
        let mut query: Vec<Param> = Vec::new();
        let enabled = |k: &str| parts.query.iter().filter(|o| o.key == k && !o.disabled).count();
        for q in parts.query.iter() {
            if q.key.is_empty() {
                // `?=value` names nothing to set; Postman sends it as written.
                if !q.disabled && q.value.as_deref().is_some_and(|v| !v.is_empty()) {
                    let value = q.value.as_deref().map(|v| req.vars.resolve(v)).unwrap_or_default();
                    let mut p = self.param(owner, "", None, None, true, inputs);
                    p.constant = Some(self.template(&value));
                    query.push(p);
                }
                continue;
            }
            if let Some(existing) = query.iter_mut().find(|p| p.name == q.key) {
                if !q.disabled && enabled(&q.key) > 1 && !matches!(existing.ty, Type::Array(_) | Type::Flag) {
                    existing.ty = Type::Array(Box::new(existing.ty.clone()));
                }
                continue;
            }
            if q.disabled && enabled(&q.key) > 0 {
                continue;
            }
            let value = q.value.as_deref().map(|v| req.vars.resolve(v));
            let mut p = self.param(owner, &q.key, value.clone(), q.description.as_deref(), q.disabled, inputs);
            if value.is_none() && p.constant.is_none() {
                p.ty = Type::Flag;
            } else if super::vars::has_variables(&q.key) {
                // `{{var}}` left in a key has no value: the client fills it in.
                p.key = Some(self.template(&q.key));
            }
            query.push(p);
        }
        query
    }

    /// Headers as Postman sends them: an enabled header is part of the request as designed, a
    /// constant (with client variables where it has `{{variables}}`). `Content-Type` goes with
    /// the body when there is one; a header the auth sets (`Authorization`, an API key's) is
    /// replaced by it. A header given several times is sent once with the values joined
    /// (RFC 9110 §5.3).
    pub(super) fn headers(
        &mut self,
        req: &Req<'_>,
        request: Option<&postman::Request>,
        sent: (&Auth, bool),
        owner: &str,
        inputs: &mut Scope,
    ) -> Vec<Param> {
        let (auth, has_body) = sent;
        let replaced = |key: &str| match auth {
            Auth::None => false,
            Auth::ApiKey { name, in_query: false } => key.eq_ignore_ascii_case(name),
            Auth::ApiKey { in_query: true, .. } => false,
            Auth::Bearer { .. } | Auth::Basic => key.eq_ignore_ascii_case("authorization"),
            // Postman removes the item's `Authorization` before signing (Digest sends it until
            // the challenge comes; it is replaced then).
            Auth::Signed { .. } => key.eq_ignore_ascii_case("authorization"),
        };
        let listed: Vec<(&str, &postman::Param)> = request
            .map(|r| r.header.0.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                let key = h.key.as_deref()?.trim();
                // A fixed `Authorization` of the item's own stays beside bearer auth: Postman sends
                // it when the token is empty, and the client when it has no token to send.
                let fallback = matches!(auth, Auth::Bearer { .. })
                    && h.value.as_deref().is_some_and(|v| !super::vars::has_variables(&req.vars.resolve(v)));
                let skip = key.is_empty()
                    || (has_body && key.eq_ignore_ascii_case("content-type"))
                    || (replaced(key) && !fallback);
                (!skip).then_some((key, h))
            })
            .collect();
        let mut headers: Vec<Param> = Vec::new();
        for (key, h) in &listed {
            let same = |(k, o): &&(&str, &postman::Param)| k.eq_ignore_ascii_case(key) && !o.disabled;
            if headers.iter().any(|p| p.name.eq_ignore_ascii_case(key))
                || (h.disabled && listed.iter().any(|o| same(&o)))
            {
                continue;
            }
            let values: Vec<String> = listed
                .iter()
                .filter(same)
                .filter_map(|(_, o)| o.value.as_deref())
                .map(|v| req.vars.resolve(v))
                .collect();
            let value = if values.len() > 1 {
                Some(values.join(", "))
            } else {
                h.value.as_deref().map(|v| req.vars.resolve(v))
            };
            let desc = h.description.as_ref().and_then(|d| d.text());
            let mut p = self.param(owner, key, value.clone(), desc, h.disabled, inputs);
            if let (false, false, Some(v)) = (h.disabled, p.required, value) {
                p.constant = Some(self.template(&v));
            }
            headers.push(p);
        }
        headers
    }

    /// A query parameter, header or form field.
    pub(super) fn param(
        &mut self,
        owner: &str,
        key: &str,
        value: Option<String>,
        description: Option<&str>,
        disabled: bool,
        scope: &mut Scope,
    ) -> Param {
        let required = !disabled && description.is_some_and(|d| d.trim_start().starts_with("(Required)"));
        let example = value.clone().filter(|v| !super::vars::has_variables(v));
        let allowed = description.map(super::enums::enum_values).unwrap_or_default();
        let ident = scope.claim(&names::snake(key));
        let mut constant = None;
        let ty = match allowed.as_slice() {
            [only] if required && example.as_deref().is_none_or(|e| e == only.0) => {
                constant = Some(Template::text(only.0.clone()));
                Type::String
            }
            values if values.len() >= 2 && example.as_deref().is_none_or(|e| values.iter().any(|v| v.0 == e)) => {
                self.enum_type(owner, key, values)
            }
            _ if names::is_secret(key) => Type::Secret,
            _ => scalar_type(example.as_deref()),
        };
        // A value made of dynamic variables alone is what is sent unless the caller sets one.
        let default =
            value.filter(|v| super::vars::has_variables(v) && super::vars::only_dynamic(v)).map(|v| self.template(&v));
        Param {
            name: key.to_owned(),
            ident,
            description: description.map(crate::docs::to_rustdoc).filter(|d| !d.is_empty()),
            ty,
            required,
            constant,
            default,
            example,
            key: None,
            content_type: None,
            file_name: None,
        }
    }
}
