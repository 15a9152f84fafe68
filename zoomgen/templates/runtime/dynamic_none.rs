/// No dynamic variable of this crate's collection needs a word list (or none is used at all).
pub(super) fn value(_name: &str) -> Option<String> {
    None
}
