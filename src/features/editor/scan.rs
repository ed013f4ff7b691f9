//! A tolerant scanner for policy text being typed: every string literal with where it sits
//! (object key or value, enclosing objects and their keys), so help works while the JSON is
//! half written (unterminated strings end at the line's end). Offsets are bytes; Monaco counts
//! UTF-16 units, converted here.

/// One string literal of the document.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte offset of the first character after the opening quote.
    pub start: usize,
    /// Byte offset of the closing quote (or of the line end when unterminated).
    pub end: usize,
    /// The raw content.
    pub text: String,
    /// Whether it is an object key.
    pub is_key: bool,
    /// Whether its closing quote is there.
    pub closed: bool,
    /// The enclosing objects (innermost last) with the key their current member has (`None`
    /// for the object this token is a key of).
    pub frames: Vec<(usize, Option<String>)>,
}

enum Frame {
    Object {
        id: usize,
        key: Option<String>,
        expect_key: bool,
    },
    Array,
}

/// Every string literal, with where it sits.
pub fn scan(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut next_id = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => {
                stack.push(Frame::Object {
                    id: next_id,
                    key: None,
                    expect_key: true,
                });
                next_id += 1;
            }
            b'[' => stack.push(Frame::Array),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(Frame::Object {
                    key, expect_key, ..
                }) = stack.last_mut()
                {
                    *key = None;
                    *expect_key = true;
                }
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while let Some(&c) = bytes.get(j) {
                    match c {
                        b'\\' => j += 2,
                        b'"' | b'\n' => break,
                        _ => j += 1,
                    }
                }
                if bytes.get(j) != Some(&b'"') {
                    // Unterminated (being typed): it ends before what cannot be in a name.
                    let line = text.get(start..j.min(bytes.len())).unwrap_or_default();
                    if let Some(k) = line.find([',', ']', '}', ' ', '\t', '\r']) {
                        j = start + k;
                    }
                }
                let end = j.min(bytes.len());
                let content = text.get(start..end).unwrap_or_default().to_string();
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                );
                let frames = stack
                    .iter()
                    .filter_map(|f| match f {
                        Frame::Object { id, key, .. } => Some((*id, key.clone())),
                        Frame::Array => None,
                    })
                    .collect();
                if is_key {
                    if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                        *key = Some(content.clone());
                    }
                }
                out.push(Tok {
                    start,
                    end,
                    text: content,
                    is_key,
                    closed: bytes.get(end) == Some(&b'"'),
                    frames,
                });
                i = if bytes.get(end) == Some(&b'"') {
                    end + 1
                } else {
                    end
                };
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the cursor is, for help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A value of `Action`/`NotAction` in statement object `stmt`.
    Action,
    /// A value of `Resource`/`NotResource` in statement object `stmt`.
    Resource { stmt: usize },
    /// A key directly inside `Condition`.
    Operator,
    /// A key inside `Condition.<operator>` of statement `stmt`.
    ConditionKey { stmt: usize },
}

fn key_of(frame: Option<&(usize, Option<String>)>) -> Option<&str> {
    frame.and_then(|(_, k)| k.as_deref())
}

/// Where a token sits, if help is offered there.
pub fn place(tok: &Tok) -> Option<Place> {
    let n = tok.frames.len();
    let last = n.checked_sub(1).and_then(|i| tok.frames.get(i));
    let parent = n.checked_sub(2).and_then(|i| tok.frames.get(i));
    let grand = n.checked_sub(3).and_then(|i| tok.frames.get(i));
    if tok.is_key {
        if key_of(parent) == Some("Condition") {
            return Some(Place::Operator);
        }
        if key_of(grand) == Some("Condition") {
            return grand.map(|(id, _)| Place::ConditionKey { stmt: *id });
        }
        return None;
    }
    match key_of(last) {
        Some("Action" | "NotAction") => Some(Place::Action),
        Some("Resource" | "NotResource") => last.map(|(id, _)| Place::Resource { stmt: *id }),
        _ => None,
    }
}

/// The action patterns of statement object `stmt`.
pub fn statement_actions(toks: &[Tok], stmt: usize) -> Vec<String> {
    toks.iter()
        .filter(|t| !t.is_key)
        .filter(|t| {
            t.frames
                .last()
                .is_some_and(|(id, k)| *id == stmt && matches!(k.as_deref(), Some("Action")))
        })
        .map(|t| t.text.clone())
        .collect()
}

/// The token whose content holds byte offset `at` (the cursor may sit right after it).
pub fn token_at(toks: &[Tok], at: usize) -> Option<&Tok> {
    toks.iter().find(|t| t.start <= at && at <= t.end)
}

/// UTF-16 offset (Monaco's) → byte offset.
pub fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// Byte offset → UTF-16 offset.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    text.get(..byte)
        .map_or(0, |s| s.chars().map(|c| c.len_utf16() as u32).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "é\"x";
        assert_eq!(byte_offset(text, 1), 2);
        assert_eq!(utf16_offset(text, 2), 1);
    }
}
