//! Pagination: operations whose responses point to a next page, as streams of pages and items.

use futures_util::{stream, Stream, TryStreamExt};

use super::{Error, Operation};

/// An operation whose response says how to fetch the next page.
pub trait Paginated: Operation + Clone + Sized {
    /// One element of a page.
    type Item;

    /// The request for the page after `page`, or `None` on the last page.
    fn next_page(&self, page: &Self::Output) -> Option<Self>;

    /// The elements of a page.
    fn items(page: Self::Output) -> Vec<Self::Item>;
}

/// Every page from `first` on.
pub fn pages<O: Paginated>(first: O) -> impl Stream<Item = Result<O::Output, Error<O::ErrorBody>>> {
    stream::try_unfold(Some(first), |next| async move {
        let Some(op) = next else { return Ok(None) };
        let page = super::send(&op).await?;
        let following = op.next_page(&page);
        Ok(Some((page, following)))
    })
}

/// Every item of every page from `first` on.
pub fn items<O: Paginated>(first: O) -> impl Stream<Item = Result<O::Item, Error<O::ErrorBody>>> {
    pages(first).map_ok(|page| stream::iter(O::items(page).into_iter().map(Ok))).try_flatten()
}

/// A next-page token field: a string, or an optional one; empty means no next page.
pub fn token<T: PageField>(field: &T) -> Option<String> {
    field.text().filter(|t| !t.is_empty())
}

/// A page number or count field: an integer (or any number holding one), maybe optional.
pub fn number<T: PageField>(field: &T) -> Option<i64> {
    field.text()?.parse().ok()
}

/// The field types a page can carry its position in.
pub trait PageField {
    /// The field as text, when set.
    fn text(&self) -> Option<String>;
}

impl PageField for String {
    fn text(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl PageField for i64 {
    fn text(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl<T: PageField> PageField for Option<T> {
    fn text(&self) -> Option<String> {
        self.as_ref().and_then(PageField::text)
    }
}

impl PageField for serde_json::Number {
    /// A whole number as an integer (`3.0` is page 3).
    fn text(&self) -> Option<String> {
        let whole = || self.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| (f as i64).to_string());
        self.as_i64().map(|n| n.to_string()).or_else(whole)
    }
}

impl<T: PageField> PageField for super::Field<T> {
    fn text(&self) -> Option<String> {
        self.value().and_then(PageField::text)
    }
}
