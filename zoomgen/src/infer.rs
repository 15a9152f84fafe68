//! Types from example JSON: shapes are inferred per value, merged across examples, then named.

use std::collections::HashMap;

use serde_json::Value;

use crate::ir::{Field, Type, TypeDef, TypeId, TypeKind};
use crate::names::{self, Scope};

/// What a set of JSON examples says about a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Shape {
    /// `null` was seen.
    nullable: bool,
    kind: Kind,
}

#[derive(Debug, Clone, Default, PartialEq)]
enum Kind {
    /// Nothing but `null` seen.
    #[default]
    Unknown,
    Bool,
    Int,
    Float,
    String,
    Array(Box<Shape>),
    /// Fields in first-seen order.
    Object(Vec<(String, Shape)>),
    /// Incompatible kinds: any JSON.
    Mixed,
    /// A placeholder a converter wrote instead of an example value.
    Placeholder(Placeholder),
}

/// Placeholders Postman's OpenAPI converter writes instead of example values.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Placeholder {
    /// `"<boolean>"`, `"<integer>"`, `"<number>"`, `"<string>"`, ...: a value of the type named.
    Typed(Scalar),
    /// `"<Error: Too many levels of nesting to fake this schema>"`, alone or as
    /// `{"value": "<Error: ...>"}`: nothing is known of the value.
    Error,
}

/// The scalar kinds a typed placeholder names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scalar {
    Bool,
    Int,
    Float,
    String,
}

impl Placeholder {
    /// The placeholder `text` is, if it is one.
    fn of(text: &str) -> Option<Placeholder> {
        if text.starts_with("<Error:") && text.ends_with('>') {
            return Some(Placeholder::Error);
        }
        let scalar = match text.strip_prefix('<')?.strip_suffix('>')? {
            "boolean" => Scalar::Bool,
            "integer" | "long" | "int32" | "int64" => Scalar::Int,
            "number" | "double" | "float" => Scalar::Float,
            "string" | "dateTime" | "date" | "date-time" | "uuid" | "uri" | "url" | "email" | "byte" | "binary"
            | "password" => Scalar::String,
            _ => return None,
        };
        Some(Placeholder::Typed(scalar))
    }
}

impl Scalar {
    fn kind(self) -> Kind {
        match self {
            Scalar::Bool => Kind::Bool,
            Scalar::Int => Kind::Int,
            Scalar::Float => Kind::Float,
            Scalar::String => Kind::String,
        }
    }
}

impl Shape {
    /// The shape of one example value.
    pub fn of(value: &Value) -> Shape {
        let kind = match value {
            Value::Null => return Shape { nullable: true, kind: Kind::Unknown },
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_f64() => Kind::Float,
            Value::Number(_) => Kind::Int,
            Value::String(text) => Placeholder::of(text).map_or(Kind::String, Kind::Placeholder),
            Value::Array(items) => {
                Kind::Array(Box::new(items.iter().map(Shape::of).fold(Shape::default(), Shape::merge)))
            }
            Value::Object(map) => match map.iter().next() {
                Some((key, Value::String(text))) if map.len() == 1 && key == "value" => match Placeholder::of(text) {
                    Some(Placeholder::Error) => Kind::Placeholder(Placeholder::Error),
                    _ => Kind::Object(vec![(key.clone(), Shape::of(&map[key]))]),
                },
                _ => Kind::Object(map.iter().map(|(k, v)| (k.clone(), Shape::of(v))).collect()),
            },
        };
        Shape { nullable: false, kind }
    }

    /// The shape of the JSON value in `text`: [`Shape::of`] the parsed value, read without
    /// building it.
    pub fn parse(text: &str) -> Result<Shape, serde_json::Error> {
        serde_json::from_str::<Read>(text).map(|read| read.shape)
    }

    /// The shape that admits every value either shape admits.
    pub fn merge(self, other: Shape) -> Shape {
        let nullable = self.nullable || other.nullable;
        let kind = match (self.kind, other.kind) {
            (Kind::Unknown, k) | (k, Kind::Unknown) => k,
            // A real example says more than a placeholder.
            (Kind::Placeholder(_), k) | (k, Kind::Placeholder(_)) if !matches!(k, Kind::Placeholder(_)) => k,
            (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
            (Kind::Array(a), Kind::Array(b)) => Kind::Array(Box::new(a.merge(*b))),
            (Kind::Object(mut a), Kind::Object(b)) => {
                for (key, shape) in b {
                    match a.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = std::mem::take(&mut slot.1).merge(shape),
                        None => a.push((key, shape)),
                    }
                }
                Kind::Object(a)
            }
            (a, b) if a == b => a,
            _ => Kind::Mixed,
        };
        Shape { nullable, kind }
    }
}

/// A shape read from JSON text, and whether the value was a string holding an error
/// placeholder (which alone in `{"value": ..}` makes the object one too).
struct Read {
    shape: Shape,
    error_text: bool,
}

impl Read {
    fn of(kind: Kind) -> Self {
        Read { shape: Shape { nullable: false, kind }, error_text: false }
    }
}

impl<'de> serde::Deserialize<'de> for Read {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReadVisitor)
    }
}

/// Builds shapes as [`Shape::of`] does, from the events of the JSON parser.
struct ReadVisitor;

impl<'de> serde::de::Visitor<'de> for ReadVisitor {
    type Value = Read;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Read, E> {
        Ok(Read::of(Kind::Bool))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Read, E> {
        Ok(Read::of(Kind::Int))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Read, E> {
        Ok(Read::of(Kind::Int))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Read, E> {
        Ok(Read::of(Kind::Float))
    }

    fn visit_str<E>(self, text: &str) -> Result<Read, E> {
        Ok(match Placeholder::of(text) {
            Some(p) => Read { error_text: p == Placeholder::Error, ..Read::of(Kind::Placeholder(p)) },
            None => Read::of(Kind::String),
        })
    }

    fn visit_unit<E>(self) -> Result<Read, E> {
        Ok(Read { shape: Shape { nullable: true, kind: Kind::Unknown }, error_text: false })
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
        let mut item = Shape::default();
        while let Some(read) = seq.next_element::<Read>()? {
            item = item.merge(read.shape);
        }
        Ok(Read::of(Kind::Array(Box::new(item))))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        // A repeated key keeps its first place and takes the last value, as in a parsed map.
        let mut fields: Vec<(String, Shape)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut error_text = false;
        while let Some(key) = map.next_key::<String>()? {
            let read = map.next_value::<Read>()?;
            let known =
                if fields.len() < 16 { fields.iter().position(|(k, _)| *k == key) } else { index.get(&key).copied() };
            match known {
                Some(i) => {
                    fields[i].1 = read.shape;
                    if i == 0 {
                        error_text = read.error_text;
                    }
                }
                None => {
                    if fields.is_empty() {
                        error_text = read.error_text;
                    }
                    if fields.len() >= 15 {
                        if index.is_empty() {
                            index.extend(fields.iter().enumerate().map(|(i, (k, _))| (k.clone(), i)));
                        }
                        index.insert(key.clone(), fields.len());
                    }
                    fields.push((key, read.shape));
                }
            }
        }
        if fields.len() == 1 && fields[0].0 == "value" && error_text {
            return Ok(Read::of(Kind::Placeholder(Placeholder::Error)));
        }
        Ok(Read::of(Kind::Object(fields)))
    }
}

/// How deep objects and arrays nest before the rest is typed as JSON.
const MAX_DEPTH: usize = 12;

/// Turns shapes into types, adding the structs it names to `defs` (shared across the crate:
/// a struct with the same fields as an existing one reuses it).
pub(crate) struct Namer<'a> {
    pub scope: &'a mut Scope,
    pub defs: &'a mut Vec<TypeDef>,
    /// Structs already in `defs`, by shape and role, for sharing.
    pub shared: &'a mut HashMap<(TypeKind, bool), TypeId>,
    /// Module new structs are defined in.
    pub module: usize,
    /// Structs for request bodies (every field optional, unset fields omitted).
    pub input: bool,
    /// Where the examples came from, for the structs' docs.
    pub source: String,
    /// Where placeholders stood that are typed as any JSON (`data.settings`), for warnings.
    pub placeholders: Vec<String>,
}

impl Namer<'_> {
    /// The type for `shape`; objects become structs named from `hint` (UpperCamelCase).
    pub fn type_of(&mut self, shape: &Shape, hint: &str) -> Type {
        self.type_at(shape, hint, "", 0)
    }

    fn type_at(&mut self, shape: &Shape, hint: &str, path: &str, depth: usize) -> Type {
        // Deeper than any real API nests, shapes stay JSON: the types stay readable, and
        // compiling them cannot exhaust the stack.
        if depth > MAX_DEPTH {
            return Type::Json;
        }
        let ty = match &shape.kind {
            Kind::Unknown | Kind::Mixed => return Type::Json,
            // Request bodies send their example as written: a typed placeholder stays text there.
            Kind::Placeholder(Placeholder::Typed(_)) if self.input => Type::String,
            Kind::Placeholder(Placeholder::Typed(scalar)) => {
                return self.type_at(&Shape { nullable: shape.nullable, kind: scalar.kind() }, hint, path, depth);
            }
            Kind::Placeholder(Placeholder::Error) => {
                self.placeholders.push(if path.is_empty() { ".".to_owned() } else { path.to_owned() });
                return Type::Json;
            }
            Kind::Bool => Type::Boolean,
            // A response number may come fractional where the examples had integers.
            Kind::Int if self.input => Type::Integer,
            Kind::Int => Type::AnyNumber,
            Kind::Float => Type::Number,
            Kind::String => Type::String,
            Kind::Array(item) => match item.kind {
                Kind::Unknown => Type::Array(Box::new(Type::Json)),
                _ => Type::Array(Box::new(self.type_at(item, &format!("{hint}Item"), &format!("{path}[]"), depth + 1))),
            },
            Kind::Object(fields) if fields.is_empty() => Type::Json,
            Kind::Object(fields) => self.define_struct(fields, hint, path, depth),
        };
        if shape.nullable {
            Type::Option(Box::new(ty))
        } else {
            ty
        }
    }

    fn define_struct(&mut self, fields: &[(String, Shape)], hint: &str, path: &str, depth: usize) -> Type {
        let mut field_scope = Scope::default();
        let fields: Vec<Field> = fields
            .iter()
            .map(|(name, shape)| {
                let field_ident = field_scope.claim(&names::snake(name));
                // Only objects and arrays name types after the field.
                let named = matches!(shape.kind, Kind::Object(_) | Kind::Array(_));
                let hint = if named { format!("{hint}{}", names::pascal(name)) } else { String::new() };
                let at = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                let ty = match without_option(self.type_at(shape, &hint, &at, depth + 1)) {
                    Type::String if names::is_secret(name) => Type::Secret,
                    ty => ty,
                };
                // No example proves a response member is always sent, or never `null`. A request
                // body sends what the caller sets, and can send `null` where the example does.
                let ty =
                    if self.input && !shape.nullable { Type::Option(Box::new(ty)) } else { Type::Field(Box::new(ty)) };
                Field { name: name.clone(), ident: field_ident, ty }
            })
            .collect();
        // A response struct keeps the members no example shows.
        let extra = (!self.input).then(|| field_scope.claim("extra"));
        let key = (TypeKind::Struct(fields), self.input);
        if let Some(existing) = self.shared.get(&key) {
            return Type::Named(*existing);
        }
        let id = TypeId(self.defs.len());
        self.defs.push(TypeDef {
            ident: self.scope.claim(hint),
            module: self.module,
            description: format!("Inferred from {}.", self.source),
            kind: key.0.clone(),
            extra,
            used_by: Vec::new(),
        });
        self.shared.insert(key, id);
        Type::Named(id)
    }
}

/// `ty` without the `Option` around it, if any.
fn without_option(ty: Type) -> Type {
    match ty {
        Type::Option(inner) => *inner,
        ty => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_read_from_text_are_those_of_the_parsed_value() {
        let many: String = (0..40).map(|i| format!("\"k{}\": {i}, ", i % 25)).collect();
        let texts = [
            "null".to_owned(),
            "[1, 2.5, null, \"<integer>\", {\"a\": true}]".to_owned(),
            r#"{"value": "<Error: Too many levels of nesting to fake this schema>"}"#.to_owned(),
            r#"{"value": "<string>"}"#.to_owned(),
            r#"{"value": {"value": "<Error: x>"}}"#.to_owned(),
            r#"{"value": "<Error: x>", "value": 1}"#.to_owned(),
            r#"{"value": 1, "value": "<Error: x>"}"#.to_owned(),
            r#"{"b": 1, "a": [], "b": "x", "c": {"d": [[1], [2.0]]}}"#.to_owned(),
            format!("{{{many}\"z\": 1, \"k3\": \"text\"}}"),
            "18446744073709551616".to_owned(),
            "-9223372036854775809".to_owned(),
            "[]".to_owned(),
            "{}".to_owned(),
        ];
        for text in &texts {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(Shape::parse(text).unwrap(), Shape::of(&value), "{text}");
        }
        assert!(Shape::parse("[1,").is_err() && Shape::parse("{} x").is_err());
    }

    fn infer(examples: &[Value], hint: &str) -> (Type, Vec<TypeDef>) {
        let (ty, defs, _) = infer_as(false, examples, hint);
        (ty, defs)
    }

    /// The type of `examples` (of a request body when `input`), its structs, and where
    /// placeholders typed as JSON stood.
    fn infer_as(input: bool, examples: &[Value], hint: &str) -> (Type, Vec<TypeDef>, Vec<String>) {
        let mut scope = Scope::default();
        let mut defs = Vec::new();
        let shape = examples.iter().map(Shape::of).fold(Shape::default(), Shape::merge);
        let mut shared = HashMap::new();
        let mut namer = Namer {
            scope: &mut scope,
            defs: &mut defs,
            shared: &mut shared,
            module: 0,
            input,
            source: "test".into(),
            placeholders: Vec::new(),
        };
        let ty = namer.type_of(&shape, hint);
        let placeholders = std::mem::take(&mut namer.placeholders);
        (ty, defs, placeholders)
    }

    fn fields(def: &TypeDef) -> Vec<(String, Type)> {
        match &def.kind {
            TypeKind::Struct(f) => f.iter().map(|f| (f.ident.clone(), f.ty.clone())).collect(),
            TypeKind::Enum(_) => panic!("not a struct"),
        }
    }

    fn field(ty: Type) -> Type {
        Type::Field(Box::new(ty))
    }

    #[test]
    fn response_members_are_fields_and_integers_any_number() {
        let (ty, defs) = infer(
            &[json!({"meetings": [{"id": 1, "topic": "a"}, {"id": 2.5, "start": null}], "total": 3})],
            "ListMeetingsResponse",
        );
        assert_eq!(ty, Type::Named(TypeId(1)));
        assert_eq!(defs[1].ident, "ListMeetingsResponse");
        assert_eq!(defs[0].ident, "ListMeetingsResponseMeetingsItem");
        assert_eq!(
            fields(&defs[0]),
            vec![
                ("id".into(), field(Type::Number)),
                ("topic".into(), field(Type::String)),
                ("start".into(), field(Type::Json)),
            ]
        );
        assert_eq!(
            fields(&defs[1]),
            vec![
                ("meetings".into(), field(Type::Array(Box::new(Type::Named(TypeId(0)))))),
                ("total".into(), field(Type::AnyNumber)),
            ]
        );
        assert_eq!(defs[1].extra.as_deref(), Some("extra"));
    }

    #[test]
    fn request_body_members_are_options_sent_when_set_or_fields_where_the_example_has_null() {
        let (_, defs, _) = infer_as(true, &[json!({"n": 1, "extra": "<boolean>", "gone": null})], "Body");
        let option = |ty| Type::Option(Box::new(ty));
        assert_eq!(
            fields(&defs[0]),
            vec![
                ("n".into(), option(Type::Integer)),
                ("extra".into(), option(Type::String)),
                ("gone".into(), field(Type::Json)),
            ]
        );
        assert_eq!(defs[0].extra, None);
    }

    #[test]
    fn identical_shapes_share_one_struct() {
        let (ty, defs) = infer(&[json!({"host": {"id": 1, "name": "a"}, "owner": {"id": 2, "name": "b"}})], "Meeting");
        assert_eq!(ty, Type::Named(TypeId(1)));
        assert_eq!(defs.len(), 2, "{defs:?}");
        assert_eq!((defs[0].ident.as_str(), defs[1].ident.as_str()), ("MeetingHost", "Meeting"));
        assert_eq!(
            fields(&defs[1]),
            vec![("host".into(), field(Type::Named(TypeId(0)))), ("owner".into(), field(Type::Named(TypeId(0))))]
        );
    }

    #[test]
    fn deep_nesting_ends_in_json() {
        let mut deep = json!(1);
        for _ in 0..100 {
            deep = json!([deep]);
        }
        let (ty, _) = infer(&[deep], "Deep");
        let mut depth = 0;
        let mut t = &ty;
        while let Type::Array(inner) = t {
            depth += 1;
            t = inner;
        }
        assert_eq!((depth, t), (MAX_DEPTH + 1, &Type::Json));
    }

    #[test]
    fn converter_placeholders_are_typed_by_what_they_name_or_as_json() {
        let error = json!({"value": "<Error: Too many levels of nesting to fake this schema>"});
        let example = json!({"on": "<boolean>", "n": "<long>", "x": "<double>", "s": "<dateTime>", "deep": error,
            "list": [error], "text": "<b>bold</b>"});
        let (_, defs, placeholders) = infer_as(false, &[example], "R");
        assert_eq!(placeholders, ["deep", "list[]"]);
        assert_eq!(
            fields(&defs[0]),
            vec![
                ("on".into(), field(Type::Boolean)),
                ("n".into(), field(Type::AnyNumber)),
                ("x".into(), field(Type::Number)),
                ("s".into(), field(Type::String)),
                ("deep".into(), field(Type::Json)),
                ("list".into(), field(Type::Array(Box::new(Type::Json)))),
                ("text".into(), field(Type::String)),
            ]
        );
        // A real example says more than a placeholder.
        let (_, defs) = infer(&[json!({"deep": {"value": "<Error: x>"}}), json!({"deep": {"id": 1}})], "S");
        assert_eq!(defs.len(), 2, "{defs:?}");
    }

    #[test]
    fn several_examples_merge_and_conflicts_become_json() {
        let (_, defs) = infer(&[json!({"a": 1, "b": "x"}), json!({"a": "y", "c": true})], "R");
        assert_eq!(
            fields(&defs[0]),
            vec![
                ("a".into(), field(Type::Json)),
                ("b".into(), field(Type::String)),
                ("c".into(), field(Type::Boolean)),
            ]
        );
    }
}
