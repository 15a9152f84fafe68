//! Collection descriptions (markdown with stray HTML) → rustdoc-safe markdown.
//!
//! rustdoc warns on bare URLs, on `[text]` that is not a link, and on unknown HTML tags, and it
//! compiles code blocks as doctests. Descriptions are written for Postman's renderer, so this
//! module turns common HTML into markdown and neutralises the rest.

/// Converts a description into markdown that rustdoc renders without warnings.
pub(crate) fn to_rustdoc(text: &str) -> String {
    let md = html_to_markdown(text);
    let mut out = String::new();
    let mut in_fence = false;
    for line in md.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            // Every fenced block becomes text: descriptions hold no compilable Rust.
            out.push_str(if in_fence { "```" } else { "```text" });
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(line.trim_end());
        } else {
            // Leading indentation would make an indented code block (a doctest).
            escape_line(trimmed, &mut out);
        }
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    collapse_blank_lines(&out)
}

/// The first sentence-like line of a description, for one-line summaries.
pub(crate) fn summary(text: &str) -> String {
    let doc = to_rustdoc(text);
    doc.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned()
}

fn collapse_blank_lines(s: &str) -> String {
    let mut out = String::new();
    let mut blank = true; // drops leading blank lines
    for line in s.lines() {
        if line.trim().is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    out.trim_end().to_owned()
}

/// Rewrites the HTML tags descriptions commonly carry; other tags are dropped.
fn html_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut link_href: Option<String> = None;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = &after[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let replacement = match name.as_str() {
            "br" => Some("\n\n".to_owned()),
            "p" | "div" | "ul" | "ol" | "table" | "tr" => Some("\n\n".to_owned()),
            "li" => Some(if closing { String::new() } else { "\n- ".to_owned() }),
            "b" | "strong" => Some("**".to_owned()),
            "i" | "em" => Some("*".to_owned()),
            "code" => Some("`".to_owned()),
            "td" | "th" => Some(" ".to_owned()),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                Some(if closing { "\n\n".to_owned() } else { "\n\n### ".to_owned() })
            }
            "a" if closing => Some(match link_href.take() {
                Some(href) => format!("]({href})"),
                None => String::new(),
            }),
            "a" => {
                link_href = attr(tag, "href");
                Some(if link_href.is_some() { "[".to_owned() } else { String::new() })
            }
            "span" | "sup" | "sub" | "u" | "font" | "img" | "hr" | "pre" | "blockquote" => Some(String::new()),
            _ => None,
        };
        match replacement {
            Some(r) if is_tag_like(tag) => {
                out.push_str(&r);
                rest = &after[end + 1..];
            }
            _ => {
                // Not a tag we know (`<token>`, `a < b`): keep the text; escaping happens later.
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if link_href.is_some() {
        out.push(']');
    }
    decode_entities(&out)
}

fn is_tag_like(tag: &str) -> bool {
    !tag.is_empty() && !tag.starts_with(' ') && !tag.contains('\n')
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pos = tag.find(&format!("{name}="))?;
    let rest = &tag[pos + name.len() + 1..];
    let quote = rest.chars().next()?;
    let value =
        if quote == '"' || quote == '\'' { rest[1..].split(quote).next()? } else { rest.split_whitespace().next()? };
    Some(value.to_owned())
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Escapes one line of markdown text: brackets that are not links, stray `<`, bare URLs.
/// Code spans are copied as they are.
fn escape_line(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '`' {
            let ticks = rest.bytes().take_while(|b| *b == b'`').count();
            let fence = &rest[..ticks];
            match rest[ticks..].find(fence) {
                Some(close) => {
                    let end = ticks + close + ticks;
                    out.push_str(&rest[..end]);
                    i += end;
                }
                None => {
                    out.push_str(&"\\`".repeat(ticks));
                    i += ticks;
                }
            }
            continue;
        }
        if c == '[' {
            if let Some((text_end, len)) = inline_link(rest) {
                out.push('[');
                escape_line(&rest[1..text_end], out);
                out.push_str(&rest[text_end..len]);
                i += len;
                continue;
            }
            out.push_str("\\[");
        } else if c == ']' {
            out.push_str("\\]");
        } else if c == '<' {
            let autolink = rest.find('>').filter(|end| {
                let inner = &rest[1..*end];
                (inner.starts_with("http://") || inner.starts_with("https://")) && !inner.contains(char::is_whitespace)
            });
            match autolink {
                Some(end) => {
                    out.push_str(&rest[..=end]);
                    i += end + 1;
                    continue;
                }
                None => out.push_str("&lt;"),
            }
        } else if c == '>' && i > 0 {
            out.push_str("&gt;");
        } else if (rest.starts_with("http://") || rest.starts_with("https://"))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            let len =
                rest.find(|ch: char| ch.is_whitespace() || ch == '<' || ch == '>' || ch == '"').unwrap_or(rest.len());
            let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            i += url.len();
            continue;
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
}

/// Where the text of an inline link `[text](url)` at the start of `s` ends (its `]`, brackets
/// in it matched: `[![image](src)](url)`) and the link's length, if there is one.
fn inline_link(s: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut text_end = None;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    text_end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let text_end = text_end?;
    let after = &s[text_end + 1..];
    if !after.starts_with('(') {
        return None;
    }
    let close = after.find(')')?;
    if after[1..close].contains(char::is_whitespace) {
        return None;
    }
    Some((text_end, text_end + 1 + close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_breaks_become_paragraphs() {
        assert_eq!(
            to_rustdoc("User token types:<br>`token` - SDK.<br>`zak` - start URL."),
            "User token types:\n\n`token` - SDK.\n\n`zak` - start URL."
        );
    }

    #[test]
    fn links_are_kept_and_stray_markup_escaped() {
        assert_eq!(
            to_rustdoc("pass [the `me` value](https://x.us/a#me) or [ClientID] <token>"),
            "pass [the `me` value](https://x.us/a#me) or \\[ClientID\\] &lt;token&gt;"
        );
        assert_eq!(to_rustdoc("see https://zoom.us/oauth/token."), "see <https://zoom.us/oauth/token>.");
        assert_eq!(to_rustdoc("<a href=\"https://a.b/c\">docs</a>"), "[docs](https://a.b/c)");
        assert_eq!(to_rustdoc("**[Rate Limit](https://a.b)**: `Light`"), "**[Rate Limit](https://a.b)**: `Light`");
    }

    #[test]
    fn an_image_inside_a_link_stays_a_link() {
        let badge = "[![Run in Postman](https://run.pstmn.io/button.svg)](https://god.gw.postman.com/run?a=1)";
        assert_eq!(to_rustdoc(badge), badge);
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(to_rustdoc("a\n    indented\n```\nfn x\n```"), "a\nindented\n```text\nfn x\n```");
        assert_eq!(to_rustdoc("```js\nopen"), "```text\nopen\n```");
    }
}
