//! Pagination: a query parameter that the success response also carries (a next-page token,
//! or a page number with a page count).

use super::Lowering;
use crate::ir::{Output, PageKind, Pagination, Param, Type, TypeKind};

impl Lowering<'_> {
    /// How the operation's next page is fetched, decided on its final output type (an
    /// optional output's `None` is the last page).
    pub(super) fn pagination(&self, query: &[Param], output: &Output) -> Option<Pagination> {
        let (page, optional) = match &output.ty {
            Type::Option(inner) => (&**inner, true),
            ty => (ty, false),
        };
        let TypeKind::Struct(fields) = &self.def(page)?.kind else { return None };
        let field = |wire: &str, ok: fn(&Type) -> bool| {
            fields.iter().find(|f| f.name == wire && ok(&f.ty)).map(|f| f.ident.clone())
        };
        let text = |t: &Type| base(t) == Type::String;
        let int = |t: &Type| matches!(base(t), Type::Integer | Type::AnyNumber);
        let param = |names: &[&str]| query.iter().find(|p| names.contains(&p.name.as_str()) && p.constant.is_none());
        let kind = if let Some(p) = param(&["next_page_token", "page_token", "pageToken", "nextPageToken", "cursor"]) {
            let wire = if p.name == "cursor" { "next_cursor" } else { "next_page_token" };
            let field = field(wire, text).or_else(|| field(&p.name, text))?;
            PageKind::Token { param: p.name.clone(), field }
        } else {
            let p = param(&["page_number", "page"])?;
            let number = field(&p.name, int)?;
            let count = field("page_count", int).or_else(|| field("total_pages", int))?;
            PageKind::Number { param: p.name.clone(), number, count }
        };
        let lists: Vec<_> = fields.iter().filter(|f| matches!(base(&f.ty), Type::Array(_))).collect();
        let items = match lists.as_slice() {
            [only] => match base(&only.ty) {
                Type::Array(item) => Some((only.ident.clone(), *item)),
                _ => None,
            },
            _ => None,
        };
        Some(Pagination { kind, items, optional })
    }
}

/// A field's type without the `Option` or `Field` around it.
fn base(ty: &Type) -> Type {
    match ty {
        Type::Option(inner) | Type::Field(inner) => (**inner).clone(),
        ty => ty.clone(),
    }
}
