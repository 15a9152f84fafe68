//! Signing auth schemes: the collection uses none.

/// The credential types of the schemes the collection uses: none.
pub mod types {}
