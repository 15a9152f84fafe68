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
    /// Fields in first-seen order with how many objects had them, and how many objects were seen.
    Object(Vec<(String, Shape, usize)>, usize),
    /// Incompatible kinds: any JSON.
    Mixed,
}

impl Shape {
    /// The shape of one example value.
    pub fn of(value: &Value) -> Shape {
        let kind = match value {
            Value::Null => return Shape { nullable: true, kind: Kind::Unknown },
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_f64() => Kind::Float,
            Value::Number(_) => Kind::Int,
            Value::String(_) => Kind::String,
            Value::Array(items) => {
                Kind::Array(Box::new(items.iter().map(Shape::of).fold(Shape::default(), Shape::merge)))
            }
            Value::Object(map) => Kind::Object(map.iter().map(|(k, v)| (k.clone(), Shape::of(v), 1)).collect(), 1),
        };
        Shape { nullable: false, kind }
    }

    /// The shape that admits every value either shape admits.
    pub fn merge(self, other: Shape) -> Shape {
        let nullable = self.nullable || other.nullable;
        let kind = match (self.kind, other.kind) {
            (Kind::Unknown, k) | (k, Kind::Unknown) => k,
            (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
            (Kind::Array(a), Kind::Array(b)) => Kind::Array(Box::new(a.merge(*b))),
            (Kind::Object(mut a, na), Kind::Object(b, nb)) => {
                for (key, shape, count) in b {
                    match a.iter_mut().find(|(k, _, _)| *k == key) {
                        Some(slot) => {
                            slot.1 = std::mem::take(&mut slot.1).merge(shape);
                            slot.2 += count;
                        }
                        None => a.push((key, shape, count)),
                    }
                }
                Kind::Object(a, na + nb)
            }
            (a, b) if a == b => a,
            _ => Kind::Mixed,
        };
        Shape { nullable, kind }
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
}

impl Namer<'_> {
    /// The type for `shape`; objects become structs named from `hint` (UpperCamelCase).
    pub fn type_of(&mut self, shape: &Shape, hint: &str) -> Type {
        self.type_at(shape, hint, 0)
    }

    fn type_at(&mut self, shape: &Shape, hint: &str, depth: usize) -> Type {
        // Deeper than any real API nests, shapes stay JSON: the types stay readable, and
        // compiling them cannot exhaust the stack.
        if depth > MAX_DEPTH {
            return Type::Json;
        }
        let ty = match &shape.kind {
            Kind::Unknown | Kind::Mixed => return Type::Json,
            Kind::Bool => Type::Boolean,
            Kind::Int => Type::Integer,
            Kind::Float => Type::Number,
            Kind::String => Type::String,
            Kind::Array(item) => match item.kind {
                Kind::Unknown => Type::Array(Box::new(Type::Json)),
                _ => Type::Array(Box::new(self.type_at(item, &format!("{hint}Item"), depth + 1))),
            },
            Kind::Object(fields, _) if fields.is_empty() => Type::Json,
            Kind::Object(fields, seen) => self.define_struct(fields, *seen, hint, depth),
        };
        if shape.nullable {
            Type::Option(Box::new(ty))
        } else {
            ty
        }
    }

    fn define_struct(&mut self, fields: &[(String, Shape, usize)], seen: usize, hint: &str, depth: usize) -> Type {
        let mut field_scope = Scope::default();
        let fields: Vec<Field> = fields
            .iter()
            .map(|(name, shape, count)| {
                let field_ident = field_scope.claim(&names::snake(name));
                let hint = format!("{hint}{}", names::pascal(name));
                let secret = names::is_secret(name);
                let ty = match self.type_at(shape, &hint, depth + 1) {
                    Type::String if secret => Type::Secret,
                    Type::Option(inner) if *inner == Type::String && secret => Type::Option(Box::new(Type::Secret)),
                    ty @ Type::Option(_) => ty,
                    ty if *count < seen || self.input => Type::Option(Box::new(ty)),
                    ty => ty,
                };
                Field { name: name.clone(), ident: field_ident, ty }
            })
            .collect();
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
        });
        self.shared.insert(key, id);
        Type::Named(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn infer(examples: &[Value], hint: &str) -> (Type, Vec<TypeDef>) {
        let mut scope = Scope::default();
        let mut defs = Vec::new();
        let shape = examples.iter().map(Shape::of).fold(Shape::default(), Shape::merge);
        let mut shared = HashMap::new();
        let mut namer = Namer {
            scope: &mut scope,
            defs: &mut defs,
            shared: &mut shared,
            module: 0,
            input: false,
            source: "test".into(),
        };
        let ty = namer.type_of(&shape, hint);
        (ty, defs)
    }

    fn fields(def: &TypeDef) -> Vec<(String, Type)> {
        match &def.kind {
            TypeKind::Struct(f) => f.iter().map(|f| (f.ident.clone(), f.ty.clone())).collect(),
            TypeKind::Enum(_) => panic!("not a struct"),
        }
    }

    #[test]
    fn array_elements_merge_and_missing_fields_become_optional() {
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
                ("id".into(), Type::Number),
                ("topic".into(), Type::Option(Box::new(Type::String))),
                ("start".into(), Type::Option(Box::new(Type::Json))),
            ]
        );
        assert_eq!(
            fields(&defs[1]),
            vec![("meetings".into(), Type::Array(Box::new(Type::Named(TypeId(0))))), ("total".into(), Type::Integer),]
        );
    }

    #[test]
    fn identical_shapes_share_one_struct() {
        let (ty, defs) = infer(&[json!({"host": {"id": 1, "name": "a"}, "owner": {"id": 2, "name": "b"}})], "Meeting");
        assert_eq!(ty, Type::Named(TypeId(1)));
        assert_eq!(defs.len(), 2, "{defs:?}");
        assert_eq!((defs[0].ident.as_str(), defs[1].ident.as_str()), ("MeetingHost", "Meeting"));
        assert_eq!(
            fields(&defs[1]),
            vec![("host".into(), Type::Named(TypeId(0))), ("owner".into(), Type::Named(TypeId(0)))]
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
    fn several_examples_merge_and_conflicts_become_json() {
        let (_, defs) = infer(&[json!({"a": 1, "b": "x"}), json!({"a": "y", "c": true})], "R");
        assert_eq!(
            fields(&defs[0]),
            vec![
                ("a".into(), Type::Json),
                ("b".into(), Type::Option(Box::new(Type::String))),
                ("c".into(), Type::Option(Box::new(Type::Boolean))),
            ]
        );
    }
}
