//! Formatting of generated Rust: prettyplease, then a blank line between items so that the
//! output reads like hand-written code.

use proc_macro2::TokenStream;

/// Formats tokens as a Rust file onto `out`, marked so that `cargo fmt` leaves it as
/// prettyplease wrote it.
pub(super) fn format_into(tokens: TokenStream, out: &mut String) -> Result<(), String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let text = prettyplease::unparse(&file);
    out.reserve(text.len() + text.len() / 16 + 40);
    out.push_str("#![cfg_attr(rustfmt, rustfmt::skip)]\n");
    space_items(&text, out);
    Ok(())
}

/// Inserts a blank line between consecutive items at the top level and inside `impl`, `trait`
/// and `mod` blocks; consecutive `use` lines stay together.
fn space_items(text: &str, out: &mut String) {
    // Open blocks: (indent of their contents, whether they hold items).
    let mut blocks: Vec<(usize, bool)> = Vec::new();
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with(['}', ')', ']']) {
            blocks.pop();
        }
        let holds_items = indent == 0 || blocks.last().is_some_and(|&(inner, items)| inner == indent && items);
        if let Some(prev) = previous {
            if holds_items && ends_item(prev, indent) && starts_item(trimmed) && !(is_use(prev) && is_use(trimmed)) {
                out.push('\n');
            }
        }
        if trimmed.ends_with(['{', '(', '[']) {
            let container = ["impl", "pub trait", "trait", "pub mod", "mod", "unsafe impl"]
                .iter()
                .any(|k| trimmed.starts_with(k) && trimmed[k.len()..].starts_with([' ', '<']));
            blocks.push((indent + 4, container));
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
}

/// Whether `line` (the line before one at `indent`) ends an item or a run of inner docs.
fn ends_item(line: &str, indent: usize) -> bool {
    let trimmed = line.trim_start();
    let same_level = line.len() - trimmed.len() == indent;
    let inner_attr = indent == 0 && (trimmed.starts_with("//!") || trimmed.starts_with("#!["));
    let comment = trimmed.starts_with("//");
    inner_attr || (same_level && !comment && (trimmed.ends_with('}') || trimmed.ends_with(';')))
}

/// Whether `trimmed` starts an item (its docs or attributes included).
fn starts_item(trimmed: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl",
        "const ",
        "static ",
        "struct ",
        "enum ",
        "mod ",
        "use ",
        "type ",
        "trait ",
        "unsafe ",
        "runtime::",
        "macro_rules!",
    ];
    STARTS.iter().any(|s| trimmed.starts_with(s))
}

fn is_use(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with("use ") || trimmed.starts_with("pub use ")
}

#[cfg(test)]
mod tests {
    fn space_items(text: &str) -> String {
        let mut out = String::new();
        super::space_items(text, &mut out);
        out
    }

    #[test]
    fn doc_comments_stay_whole() {
        let text = "/// Ends like code;\n/// more.\nfn a() {}\n";
        assert_eq!(space_items(text), text);
    }

    #[test]
    fn items_get_a_blank_line_and_statements_do_not() {
        let text = "//! Docs\nuse a::b;\nuse c::d;\nimpl X {\n    fn a() {\n        let x = 1;\n        let y = 2;\n    }\n    fn b() {}\n}\nconst A: u8 = 1;\nstruct S {\n    a: u8,\n    b: u8,\n}\n";
        let want = "//! Docs\n\nuse a::b;\nuse c::d;\n\nimpl X {\n    fn a() {\n        let x = 1;\n        let y = 2;\n    }\n\n    fn b() {}\n}\n\nconst A: u8 = 1;\n\nstruct S {\n    a: u8,\n    b: u8,\n}\n";
        assert_eq!(space_items(text), want);
    }
}
