//! Rust identifiers from free-form names: transliteration, word splitting, case, keywords,
//! uniqueness; [`symbols`] holds the names the emitted crate itself takes, per scope.

pub(crate) mod symbols;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, VecDeque};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that carry no meaning in a method name ("Get a user token" → `get_user_token`).
const FILLER: &[&str] = &["a", "an", "the"];

/// Rust keywords (strict and reserved, all editions) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Splits a name into lowercase ASCII words, letters of other alphabets transliterated
/// (`Créer un élément` → `creer un element`).
///
/// Separators are anything but ASCII letters and digits; case changes split words
/// (`userId` → `user id`), but a lone capital is kept with what follows (`OAuth` → `oauth`).
/// Possessive `'s` is dropped (`user's` → `user`).
pub(crate) fn words(name: &str) -> Vec<String> {
    let cleaned = transliterate(name);
    let cleaned = cleaned.replace("'s ", " ").replace("’s ", " ");
    let cleaned = cleaned.strip_suffix("'s").or(cleaned.strip_suffix("’s")).unwrap_or(&cleaned);
    let mut out = Vec::new();
    for chunk in cleaned.split(|c: char| !c.is_ascii_alphanumeric()).filter(|c| !c.is_empty()) {
        let parts: Vec<String> = chunk.to_snake_case().split('_').map(str::to_owned).collect();
        let mut merged: Vec<String> = Vec::new();
        let mut carry = String::new();
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            if part.len() == 1 && part.chars().all(|c| c.is_ascii_alphabetic()) {
                carry.push_str(&part);
            } else {
                merged.push(std::mem::take(&mut carry) + &part);
            }
        }
        if !carry.is_empty() {
            merged.push(carry);
        }
        out.extend(merged);
    }
    out
}

/// Letters as ASCII (`é` → `e`, `ß` → `ss`, `Ж` → `Zh`); other characters unchanged.
fn transliterate(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_ascii() || !c.is_alphanumeric() => out.push(c),
            c => match deunicode::deunicode_char(c) {
                Some(ascii) if !ascii.trim().is_empty() => out.push_str(ascii),
                _ => out.push(' '),
            },
        }
    }
    out
}

/// Whether `name` gives a readable identifier: it has words, and every letter is from an
/// alphabet that transliterates letter by letter (Latin, Greek, Cyrillic, Armenian). Names in
/// other scripts (`ユーザーを取得`) give syllable soup; callers fall back to other words.
pub(crate) fn readable(name: &str) -> bool {
    let alphabetic = |c: char| matches!(c as u32, 0..=0x058F | 0x1D00..=0x1FFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF);
    !words(name).is_empty() && name.chars().filter(|c| c.is_alphabetic()).all(alphabetic)
}

/// Whether a field or parameter name suggests a credential (`refresh_token`, `client_secret`,
/// `password`, `api_key`) rather than data such as `next_page_token` or `token_type`.
pub(crate) fn is_secret(name: &str) -> bool {
    remember(name, |memo| &mut memo.secret, || secret_words(name))
}

fn secret_words(name: &str) -> bool {
    let w = words(name);
    let has = |x: &str| w.iter().any(|word| word == x);
    let credential = has("password") || has("secret") || has("apikey") || w.windows(2).any(|p| p == ["api", "key"]);
    let token =
        has("token") && !["page", "next", "type", "ttl", "count", "expires", "expiry", "id"].iter().any(|x| has(x));
    credential || token
}

/// A snake_case identifier for a field, parameter or module.
pub(crate) fn snake(name: &str) -> String {
    remember(name, |memo| &mut memo.snake, || fix_ident(words(name).join("_").to_snake_case(), "value", "_"))
}

/// A snake_case method name: like [`snake`], without filler words.
pub(crate) fn method(name: &str) -> String {
    let w: Vec<String> = words(name).into_iter().filter(|w| !FILLER.contains(&w.as_str())).collect();
    fix_ident(w.join("_"), "request", "_")
}

/// An UpperCamelCase identifier for a type or variant.
pub(crate) fn pascal(name: &str) -> String {
    remember(name, |memo| &mut memo.pascal, || fix_ident(words(name).join(" ").to_upper_camel_case(), "Value", "N"))
}

/// Names already derived during [`remembering`]: one collection names the same fields again and
/// again (`id` in every example), and splitting a name into words is most of the cost.
#[derive(Default)]
struct Memo {
    snake: HashMap<String, String>,
    pascal: HashMap<String, String>,
    secret: HashMap<String, bool>,
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// Runs `f` with the names it derives remembered, then forgets them: one generation never sees
/// another's names, so each is measured cold.
pub(crate) fn remembering<T>(f: impl FnOnce() -> T) -> T {
    struct Forget(bool);
    impl Drop for Forget {
        fn drop(&mut self) {
            if self.0 {
                MEMO.with(|memo| memo.borrow_mut().take());
            }
        }
    }
    let outermost = MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.is_none() && memo.replace(Memo::default()).is_none()
    });
    let _forget = Forget(outermost);
    f()
}

/// The value of a pure function of `name`, computed once per name while [`remembering`].
fn remember<V: Clone>(name: &str, table: fn(&mut Memo) -> &mut HashMap<String, V>, compute: impl FnOnce() -> V) -> V {
    let known = MEMO.with(|memo| memo.borrow_mut().as_mut().map(|memo| table(memo).get(name).cloned()));
    match known {
        None => compute(),
        Some(Some(value)) => value,
        Some(None) => {
            let value = compute();
            MEMO.with(|memo| {
                if let Some(memo) = memo.borrow_mut().as_mut() {
                    table(memo).insert(name.to_owned(), value.clone());
                }
            });
            value
        }
    }
}

/// Whether `word` is a Rust keyword (strict or reserved, any edition).
pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Makes `id` a valid, non-keyword identifier: `fallback` when empty, `prefix` before a
/// leading digit, `_` after a keyword.
fn fix_ident(mut id: String, fallback: &str, prefix: &str) -> String {
    if id.is_empty() {
        return fallback.to_owned();
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, prefix);
    }
    if KEYWORDS.contains(&id.as_str()) {
        // `type` → `type_`; `Self` → `SelfType` (an underscore is not UpperCamelCase).
        id.push_str(if prefix == "N" { "Type" } else { "_" });
    }
    id
}

/// Hands out identifiers unique within one scope, in the order asked.
///
/// Names the previous generation gave are held, and taken for every other claim: by item key
/// ([`Scope::pin_key`], handed back by [`Scope::take_key`]), or by the base a name was derived
/// as ([`Scope::pin`], handed back by a claim of that base whatever was claimed before), so
/// that names do not move when the collection is reordered.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
    held: BTreeSet<String>,
    pins: HashMap<String, VecDeque<String>>,
    /// Names held for items by key.
    keyed: HashMap<String, String>,
    /// Every claim as (base, name), in order, when the scope keeps a log.
    log: Option<Vec<(String, String)>>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved<S: AsRef<str>>(reserved: &[S]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.as_ref().to_owned()).collect(), ..Scope::default() }
    }

    /// The same scope, keeping a log of its claims (see [`Scope::claims`]).
    pub fn logged(mut self) -> Self {
        self.log = Some(Vec::new());
        self
    }

    /// The claims so far as (base, name), in order; empty without a log.
    pub fn claims(&self) -> &[(String, String)] {
        self.log.as_deref().unwrap_or_default()
    }

    /// Whether `name` is still free.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }

    /// Holds `name` for the item that had it, when it is still free.
    fn hold(&mut self, name: &str) {
        if self.taken.insert(name.to_owned()) {
            self.held.insert(name.to_owned());
        }
    }

    /// `name` when it is held (once), else `name` made unique.
    fn take_held(&mut self, name: &str) -> String {
        if self.held.remove(name) {
            self.record(name, name.to_owned())
        } else {
            self.fresh(name)
        }
    }

    /// Holds `name` for the next claim of `base`.
    pub fn pin(&mut self, base: &str, name: &str) {
        self.hold(name);
        self.pins.entry(base.to_owned()).or_default().push_back(name.to_owned());
    }

    /// The names still held: their items never claimed them.
    pub fn orphans(&self) -> Vec<String> {
        self.held.iter().cloned().collect()
    }

    /// Holds `name` for the claim of the item `key` (see [`Scope::claim_for`]).
    pub fn pin_key(&mut self, key: &str, name: &str) {
        self.hold(name);
        self.keyed.insert(key.to_owned(), name.to_owned());
    }

    /// The name held for the item `key` (once), if any.
    pub fn take_key(&mut self, key: &str) -> Option<String> {
        let name = self.keyed.remove(key)?;
        Some(self.take_held(&name))
    }

    /// The name held for the item `key`, else a claim of `base`.
    pub fn claim_for(&mut self, key: &str, base: &str) -> String {
        self.take_key(key).unwrap_or_else(|| self.claim(base))
    }

    /// The first free name among `candidates`, else the first with a numeric suffix.
    pub fn claim_first(&mut self, candidates: &[String]) -> String {
        let pinned = |c: &str| self.pins.get(c).is_some_and(|names| !names.is_empty());
        match candidates.iter().find(|c| self.is_free(c) || pinned(c)) {
            Some(free) => self.claim(free),
            None => self.claim(&candidates[0]),
        }
    }

    /// The name pinned for `base`, else `base`, or `base` with the smallest numeric suffix (from
    /// 2) that is still free.
    pub fn claim(&mut self, base: &str) -> String {
        let pinned = self.pins.get_mut(base).and_then(VecDeque::pop_front);
        match pinned {
            Some(name) if self.held.remove(&name) => self.record(base, name),
            _ => self.fresh(base),
        }
    }

    fn fresh(&mut self, base: &str) -> String {
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let sep = if base.contains(|c: char| c.is_ascii_uppercase()) || base.ends_with('_') { sep } else { "_" };
        let mut name = base.to_owned();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}{sep}{n}");
            n += 1;
        }
        self.record(base, name)
    }

    fn record(&mut self, base: &str, name: String) -> String {
        if let Some(log) = &mut self.log {
            log.push((base.to_owned(), name.clone()));
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_read_like_request_names() {
        assert_eq!(method("Get a user token"), "get_user_token");
        assert_eq!(method("Revoke a user's SSO token"), "revoke_user_sso_token");
        assert_eq!(method("Revoke an access token"), "revoke_access_token");
        assert_eq!(method("List meetings."), "list_meetings");
        assert_eq!(method("Update a user’s status"), "update_user_status");
    }

    #[test]
    fn words_split_case_and_keep_acronyms() {
        assert_eq!(words("OAuth"), ["oauth"]);
        assert_eq!(words("userId"), ["user", "id"]);
        assert_eq!(words("SSOToken"), ["sso", "token"]);
        assert_eq!(words("page_size"), ["page", "size"]);
        assert_eq!(snake("OAuth"), "oauth");
        assert_eq!(pascal("get a user token"), "GetAUserToken");
    }

    #[test]
    fn keywords_digits_and_empty_names_become_valid() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "SelfType");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(pascal("2fa"), "N2fa");
        assert_eq!(snake("🎉"), "value");
        assert_eq!(method(""), "request");
    }

    #[test]
    fn other_alphabets_are_transliterated() {
        assert_eq!(snake("Ünïcödé Über"), "unicode_uber");
        assert_eq!(method("Créer un élément"), "creer_un_element");
        assert_eq!(pascal("Straße"), "Strasse");
        assert_eq!(snake("Привет мир"), "privet_mir");
        assert!(readable("Créer un élément") && readable("Привет"));
        assert!(!readable("ユーザーを取得") && !readable("用户") && !readable("🎉"));
    }

    #[test]
    fn secrets_are_recognised_by_name() {
        for name in ["refresh_token", "access_token", "client_secret", "password", "apiKey", "token"] {
            assert!(is_secret(name), "{name}");
        }
        for name in ["next_page_token", "token_type", "userId", "expires_in", "type"] {
            assert!(!is_secret(name), "{name}");
        }
    }

    #[test]
    fn scope_suffixes_duplicates() {
        let mut s = Scope::with_reserved(&["new"]);
        assert_eq!(s.claim("new"), "new_2");
        assert_eq!(s.claim("list"), "list");
        assert_eq!(s.claim("list"), "list_2");
        assert_eq!(s.claim("type_"), "type_");
        assert_eq!(s.claim("type_"), "type_2");
        let mut t = Scope::default();
        assert_eq!(t.claim("Item"), "Item");
        assert_eq!(t.claim("Item"), "Item2");
        assert_eq!(t.claim("V2"), "V2");
        assert_eq!(t.claim("V2"), "V2_2");
    }

    #[test]
    fn held_and_pinned_names_go_back_to_their_items() {
        let mut s = Scope::default();
        s.pin_key("r-1", "get_user");
        s.pin_key("r-2", "get_user");
        assert_eq!(s.claim_first(&["get_user".into(), "get_user_users".into()]), "get_user_users");
        assert_eq!(s.take_key("r-1").as_deref(), Some("get_user"));
        assert_eq!(s.take_key("r-1"), None);
        assert_eq!(s.take_key("r-2").as_deref(), Some("get_user_2"), "a name is held for one item");
        assert_eq!(s.claim_for("r-3", "list"), "list");
        let mut t = Scope::default().logged();
        t.pin("Item", "Item2");
        t.pin("Item", "Item");
        assert_eq!(t.claim("Other"), "Other");
        assert_eq!(t.claim("Item"), "Item2");
        assert_eq!(t.claim("Item"), "Item");
        assert_eq!(t.claim("Item"), "Item3");
        assert_eq!(t.claims()[1], ("Item".to_owned(), "Item2".to_owned()));
    }
}
