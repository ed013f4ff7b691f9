//! Scenarios written in documentation pages as `<pre class="iam-playground">` blocks or
//! `<iam-playground>` elements (HTML or Markdown; `public/embed.js` embeds both), taken out with a map from every byte of the block's text back to the page, so
//! that positions in a scenario point into the page itself.
//!
//! The block's text is what a browser's `textContent` gives: tags inside the block are left out
//! and character references (`&lt;`, `&amp;`, `&quot;`, `&#123;`, `&#x7B;`, …) are decoded.
//! HTML comments, `<script>`/`<style>` elements and, in Markdown, fenced code blocks and inline
//! code spans are not pages' examples (they show the syntax) and are skipped.

use iam_engine::span::SourceMap;

/// One example taken from a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The scenario text (tags removed, character references decoded).
    pub text: String,
    /// Maps byte offsets of `text` to offsets in the page.
    pub map: SourceMap,
    /// Where the `<pre` (or `<iam-playground`) tag starts in the page.
    pub tag_start: usize,
}

/// Which syntax the page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// HTML: comments, scripts and styles are skipped.
    Html,
    /// Markdown: also fenced code blocks and inline code spans.
    Markdown,
}

/// The custom element `embed.js` also turns into an embed; its text is a scenario too.
const ELEMENT: &str = "iam-playground";

/// Every `<pre class="iam-playground">` block and `<iam-playground>` element of a page, in page
/// order.
pub fn extract(page: &str, flavor: Flavor) -> Vec<Block> {
    let bytes = page.as_bytes();
    let skipped = match flavor {
        Flavor::Markdown => markdown_code(page),
        Flavor::Html => Vec::new(),
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = find_from(bytes, pos, b"<") {
        if let Some(&(_, end)) = skipped.iter().find(|(s, e)| (*s..*e).contains(&found)) {
            pos = end;
            continue;
        }
        let rest = bytes.get(found..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            pos = find_from(bytes, found + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if let Some(name) = ["script", "style"].into_iter().find(|n| tag_named(rest, n)) {
            let close = format!("</{name}");
            pos = find_ci(bytes, found + 1, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let Some(element) = ["pre", ELEMENT].into_iter().find(|n| tag_named(rest, n)) else {
            pos = found + 1;
            continue;
        };
        let Some((attrs_end, classes)) = start_tag(page, found + 1 + element.len()) else {
            pos = found + 1;
            continue;
        };
        let close = format!("</{element}");
        let content_end = find_ci(bytes, attrs_end, close.as_bytes()).unwrap_or(bytes.len());
        pos = content_end;
        if element == ELEMENT
            || classes
                .split_ascii_whitespace()
                .any(|c| c == "iam-playground")
        {
            let (text, map) = text_content(page, attrs_end, content_end);
            out.push(Block {
                text,
                map,
                tag_start: found,
            });
        }
    }
    out
}

/// Bytes are indexed through `get` only: the workspace forbids panicking slices.
fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Like [`find_from`], ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

/// Whether `rest` starts with the start tag `<name` (followed by space, `>` or `/`).
fn tag_named(rest: &[u8], name: &str) -> bool {
    let n = name.len();
    rest.get(1..=n)
        .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
        && matches!(
            rest.get(n + 1),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
        )
}

/// Read a start tag's attributes from `from` (just after the tag name): where its content
/// starts (after `>`) and the value of its `class` attribute (empty without one).
fn start_tag(page: &str, from: usize) -> Option<(usize, String)> {
    let bytes = page.as_bytes();
    let mut i = from;
    let mut class = String::new();
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((i + 1, class)),
            _ => {
                let name_start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
                {
                    i += 1;
                }
                let name = page.get(name_start..i)?;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if bytes.get(i) != Some(&b'=') {
                    continue;
                }
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let (value, next) = match bytes.get(i)? {
                    q @ (b'"' | b'\'') => {
                        let end = find_from(bytes, i + 1, &[*q])?;
                        (page.get(i + 1..end)?, end + 1)
                    }
                    _ => {
                        let start = i;
                        while bytes
                            .get(i)
                            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                        {
                            i += 1;
                        }
                        (page.get(start..i)?, i)
                    }
                };
                if name.eq_ignore_ascii_case("class") {
                    class = value.to_string();
                }
                i = next;
            }
        }
    }
}

/// The text of `page[start..end]` as `textContent` reads it, with its map back to the page.
fn text_content(page: &str, start: usize, end: usize) -> (String, SourceMap) {
    let bytes = page.as_bytes();
    let mut text = String::new();
    let mut checkpoints = Vec::new();
    let mut i = start;
    // Copy runs of plain characters; at each tag or reference, record where the text resumes.
    while i < end {
        let b = bytes.get(i).copied().unwrap_or_default();
        let next_is_tag = b == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'));
        if next_is_tag {
            let close = if bytes.get(i..i + 4) == Some(b"<!--") {
                find_from(bytes, i + 4, b"-->").map(|e| e + 3)
            } else {
                find_from(bytes, i + 1, b">").map(|e| e + 1)
            };
            i = close.unwrap_or(end).min(end);
            checkpoints.push((text.len(), i));
            continue;
        }
        if b == b'&' {
            if let Some((decoded, len)) = reference(bytes.get(i..end).unwrap_or_default()) {
                text.push(decoded);
                i += len;
                checkpoints.push((text.len(), i));
                continue;
            }
        }
        let run_end = (i + 1..end)
            .find(|&j| matches!(bytes.get(j), Some(b'<' | b'&')))
            .unwrap_or(end);
        text.push_str(page.get(i..run_end).unwrap_or_default());
        i = run_end;
    }
    (text, SourceMap::new(start, checkpoints))
}

/// A character reference at the start of `s`: the character and the reference's length.
/// Named references other than the common few are left as they are (a browser would decode
/// them, but none is meaningful in a JSON scenario).
fn reference(s: &[u8]) -> Option<(char, usize)> {
    let semi = s.iter().take(12).position(|&b| b == b';')?;
    let body = std::str::from_utf8(s.get(1..semi)?).ok()?;
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
    } else {
        match body {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// Byte ranges of a Markdown page's fenced code blocks and inline code spans (CommonMark's
/// rules, simplified: a fence is three or more backticks or tildes at the start of a line, up to
/// three spaces in; a code span closes at the next backtick run of the same length).
fn markdown_code(page: &str) -> Vec<(usize, usize)> {
    let bytes = page.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            let indent = bytes
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take(4)
                .take_while(|b| **b == b' ')
                .count();
            let at = i + indent;
            if indent < 4 {
                if let Some(&fence @ (b'`' | b'~')) = bytes.get(at) {
                    let n = run_len(bytes, at, fence);
                    if n >= 3 {
                        let end = closing_fence(bytes, at + n, fence, n);
                        out.push((i, end));
                        i = end;
                        continue;
                    }
                }
            }
        }
        let b = bytes.get(i).copied().unwrap_or_default();
        line_start = b == b'\n';
        if b == b'`' {
            let n = run_len(bytes, i, b'`');
            let mut j = i + n;
            let mut close = None;
            while let Some(k) = find_from(bytes, j, b"`") {
                let m = run_len(bytes, k, b'`');
                if m == n {
                    close = Some(k + m);
                    break;
                }
                j = k + m;
            }
            match close {
                Some(end) => {
                    out.push((i, end));
                    i = end;
                }
                None => i += n,
            }
            continue;
        }
        i += 1;
    }
    out
}

fn run_len(bytes: &[u8], at: usize, c: u8) -> usize {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| **b == c)
        .count()
}

/// The end of the line that closes a fence opened with `n` times `fence` (or the page's end).
fn closing_fence(bytes: &[u8], from: usize, fence: u8, n: usize) -> usize {
    let mut line = find_from(bytes, from, b"\n").map_or(bytes.len(), |e| e + 1);
    while line < bytes.len() {
        let indent = run_len(bytes, line, b' ');
        let at = line + indent;
        let next = find_from(bytes, line, b"\n").map_or(bytes.len(), |e| e + 1);
        if indent < 4 && run_len(bytes, at, fence) >= n {
            let rest = bytes
                .get(at + run_len(bytes, at, fence)..next)
                .unwrap_or_default();
            if rest.iter().all(u8::is_ascii_whitespace) {
                return next;
            }
        }
        line = next;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;

    fn page_offset(b: &Block, needle: &str) -> usize {
        b.map.source_offset(b.text.find(needle).unwrap())
    }

    #[test]
    fn takes_blocks_with_the_class_among_others() {
        let page = "<p>x</p>\n<PRE data-mode=ro class='note iam-playground' >{\"a\": 1}</PRE>\n\
                    <pre class=\"other\">{}</pre><pre class=iam-playground>[2]</pre>";
        let blocks = extract(page, Flavor::Html);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "{\"a\": 1}");
        assert_eq!(&page[page_offset(&blocks[0], "1")..][..1], "1");
        assert_eq!(blocks[1].text, "[2]");
        assert_eq!(&page[blocks[1].tag_start..][..4], "<pre");
    }

    #[test]
    fn iam_playground_elements_are_examples_too() {
        // public/embed.js: `pre.iam-playground, iam-playground`, the text as `textContent`.
        let page =
            "<iam-playground mode=\"edit\" theme=dark>{&quot;a&quot;: <i>1</i>}</iam-playground>\n\
                    <pre class=\"iam-playground\">[2]</pre><iam-playgrounds>x</iam-playgrounds>\
                    <IAM-PLAYGROUND>[3]</IAM-PLAYGROUND>";
        let blocks = extract(page, Flavor::Html);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["{\"a\": 1}", "[2]", "[3]"]);
        assert_eq!(&page[blocks[0].tag_start..][..15], "<iam-playground");
        assert_eq!(&page[page_offset(&blocks[0], "1")..][..2], "1<");
    }

    #[test]
    fn references_are_decoded_and_positions_map_back() {
        let page =
            "<pre class=\"iam-playground\">{&quot;k&quot;: &#34;a&amp;b&#x22;, \"z\": 1}</pre>";
        let b = &extract(page, Flavor::Html)[0];
        assert_eq!(b.text, "{\"k\": \"a&b\", \"z\": 1}");
        // Every decoded character maps to the reference or character it came from.
        assert_eq!(&page[page_offset(b, "k")..][..1], "k");
        assert_eq!(&page[page_offset(b, "b")..][..1], "b");
        assert_eq!(&page[page_offset(b, "z")..][..1], "z");
        assert_eq!(&page[page_offset(b, "&")..][..5], "&amp;");
    }

    #[test]
    fn tags_inside_the_block_are_left_out() {
        let page = "<pre class=\"iam-playground\"><code>{\"a\":\n <b>1</b>}</code></pre>";
        let b = &extract(page, Flavor::Html)[0];
        assert_eq!(b.text, "{\"a\":\n 1}");
        assert_eq!(&page[page_offset(b, "1")..][..2], "1<");
    }

    #[test]
    fn comments_scripts_and_unknown_references_are_not_examples() {
        let page = "<!-- <pre class=\"iam-playground\">{}</pre> -->\
                    <script>let s = '<pre class=\"iam-playground\">';</script>\
                    <pre class=\"iam-playground\">&copy;</pre>";
        let blocks = extract(page, Flavor::Html);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "&copy;");
    }

    #[test]
    fn markdown_code_shows_the_syntax_and_is_skipped() {
        let page = "Write `<pre class=\"iam-playground\">` blocks:\n\n```html\n\
                    <pre class=\"iam-playground\">{}</pre>\n```\n\n\
                    <pre class=\"iam-playground\">\n{\"x\": 1}\n</pre>\n";
        let blocks = extract(page, Flavor::Markdown);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "\n{\"x\": 1}\n");
        // Read as HTML, the inline code opens a block that runs to the fenced block's `</pre>`.
        assert_eq!(extract(page, Flavor::Html).len(), 2);
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for page in [
            "<pre class=\"iam-playground\"",
            "<pre class=\"iam-playground\">{&#x",
            "<pre",
            "`",
            "```\n<pre",
            "<!--",
        ] {
            let _ = extract(page, Flavor::Markdown);
            let _ = extract(page, Flavor::Html);
        }
    }
}
