//! Macros the generated modules use to stay short.

/// Defines a request builder (a newtype around [`Call`](crate::runtime::Call)), implements
/// [`Operation`](crate::Operation) for it and adds its `send` methods and `build_request`.
/// (Unused when no folder's feature is on.)
#[allow(unused_macros)]
macro_rules! operation {
    ($(#[$meta:meta])* $name:ident => $output:ty, $error:ty; $path:literal; success [$($ok:literal),*]; errors [$(($code:literal, $doc:literal)),*]; body $body:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is called"]
        pub struct $name(crate::runtime::Call);

        impl $name {
            /// Sends the request and decodes the response: a documented success status gives
            /// the typed value, a documented error status [`Error::Api`](crate::Error::Api),
            /// anything else another [`Error`](crate::Error). `429` and `503` are retried as
            /// the client's [`Retry`](crate::Retry) policy says.
            pub async fn send(self) -> Result<$output, crate::Error<$error>> {
                crate::runtime::send(&self).await
            }

            /// Like [`send`](Self::send), keeping the status and headers (rate limits).
            pub async fn send_with_response(self) -> Result<crate::Response<$output>, crate::Error<$error>> {
                crate::runtime::send_with_response(&self).await
            }

            /// Like [`send`](Self::send), blocking the calling thread (not inside an async runtime).
            #[cfg(feature = "blocking")]
            pub fn send_blocking(self) -> Result<$output, crate::Error<$error>> {
                crate::runtime::block_on(&self.0, crate::runtime::send(&self))
            }

            /// The HTTP request `send` would send, for use with another HTTP stack; decode the
            /// response with [`parse_response`](crate::parse_response).
            pub fn build_request(&self) -> Result<::http::Request<Vec<u8>>, crate::Error<$error>> {
                self.0.build()
            }
        }

        impl From<crate::runtime::Call> for $name {
            fn from(call: crate::runtime::Call) -> Self {
                $name(call)
            }
        }

        impl crate::Operation for $name {
            type Output = $output;
            type ErrorBody = $error;
            const SUCCESS: &'static [u16] = &[$($ok),*];
            const ERRORS: &'static [(u16, &'static str)] = &[$(($code, $doc)),*];
            const BODY: crate::runtime::BodyKind = crate::runtime::BodyKind::$body;
            const PATH: &'static str = $path;

            fn call(&self) -> &crate::runtime::Call {
                &self.0
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use operation;

/// Implements [`Paginated`](crate::runtime::Paginated) for a request builder whose response
/// carries a next-page token (`token`) or a page number and count (`number`), and adds its
/// `pages` and `items` streams. An `optional` output (`Option<Page>`) ends at `None`.
#[allow(unused_macros)]
macro_rules! paginate {
    ($name:ident: $page:ident token $param:literal => $field:ident; items $items:tt: $item:ty) => {
        impl crate::runtime::Paginated for $name {
            type Item = $item;

            fn next_page(&self, page: &Self::Output) -> Option<Self> {
                let page = crate::runtime::paginate!(@page $page page);
                let token = crate::runtime::token(&page.$field)?;
                Some($name(self.0.clone().set_query($param, token)))
            }

            fn items(page: Self::Output) -> Vec<Self::Item> {
                crate::runtime::paginate!(@items $page page $items)
            }
        }
        crate::runtime::paginate!(@streams $name);
    };
    ($name:ident: $page:ident number $param:literal => $number:ident / $count:ident; items $items:tt: $item:ty) => {
        impl crate::runtime::Paginated for $name {
            type Item = $item;

            fn next_page(&self, page: &Self::Output) -> Option<Self> {
                let page = crate::runtime::paginate!(@page $page page);
                let next = crate::runtime::number(&page.$number)? + 1;
                (next <= crate::runtime::number(&page.$count)?).then(|| $name(self.0.clone().set_query($param, next.to_string())))
            }

            fn items(page: Self::Output) -> Vec<Self::Item> {
                crate::runtime::paginate!(@items $page page $items)
            }
        }
        crate::runtime::paginate!(@streams $name);
    };
    (@page required $page:ident) => {
        $page
    };
    (@page optional $page:ident) => {
        $page.as_ref()?
    };
    (@items $kind:ident $page:ident none) => {{
        let _ = $page;
        Vec::new()
    }};
    (@items required $page:ident $field:ident) => {
        $page.$field.into_value().unwrap_or_default()
    };
    (@items optional $page:ident $field:ident) => {
        $page.and_then(|page| page.$field.into_value()).unwrap_or_default()
    };
    (@streams $name:ident) => {
        impl $name {
            /// Every page, from this one on, fetching the next while there is a next page.
            pub fn pages(
                self,
            ) -> impl ::futures_util::Stream<Item = Result<<Self as crate::Operation>::Output, crate::Error<<Self as crate::Operation>::ErrorBody>>> {
                crate::runtime::pages(self)
            }

            /// Every item of every page, from this page on.
            pub fn items(
                self,
            ) -> impl ::futures_util::Stream<Item = Result<<Self as crate::runtime::Paginated>::Item, crate::Error<<Self as crate::Operation>::ErrorBody>>> {
                crate::runtime::items(self)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use paginate;

/// Implements `as_str`, `Display`, `From<&str>` and serde for a string enum whose last
/// variant is `Other(String)`, so a value the server adds later still decodes.
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),* }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum;
