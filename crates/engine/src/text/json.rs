//! Strict JSON (RFC 8259) parsed into a tree that keeps the byte range of every key and value.
//!
//! Numbers are kept as their raw text, duplicate keys stay visible (the typed lowering reports
//! them), and string values remember where their decoded characters came from so a position in
//! an embedded policy string can be mapped back to the enclosing file.
//!
//! The tree lives in an [`Arena`] (one per document, sized from the text): arrays, objects,
//! decoded strings and their offset maps are slices in it, so reading a document costs one
//! allocation (more only for an unusually dense text) and the tree needs no drop.

use std::cell::RefCell;

use bumpalo::collections::Vec as BumpVec;
use bumpalo::Bump;

use super::span::{narrow, ByteRange, SourceMap};

/// Deepest nesting accepted; deeper input is an error, never a stack overflow.
const MAX_DEPTH: usize = 128;

/// The memory one parsed document lives in: make one per text with [`Arena::for_text`], pass
/// it to [`parse`], and drop it with the tree. Dropped arenas are emptied and kept for the
/// next document on the same thread (a few, of moderate size), so a document read in a loop
/// allocates nothing once its arena has grown to fit it.
#[derive(Debug, Default)]
pub struct Arena {
    bump: Bump,
}

/// How many emptied arenas a thread keeps (documents read inside another's reading, such as
/// a scenario's policies while its tree is held, each take one).
const POOLED: usize = 4;

/// The largest arena kept (bytes): the memory of an unusually large document is given back.
const POOLED_BYTES: usize = 256 << 10;

thread_local! {
    /// Emptied arenas, ready for the next document.
    static POOL: RefCell<Vec<Bump>> = const { RefCell::new(Vec::new()) };
}

impl Arena {
    /// An arena for the tree of `text`: a kept one, or a new one sized for `text` (a typical
    /// policy or scenario needs about four bytes of tree per byte of text; a denser one makes
    /// the arena grow).
    pub fn for_text(text: &str) -> Self {
        let kept = POOL
            .try_with(|pool| pool.try_borrow_mut().ok().and_then(|mut p| p.pop()))
            .ok()
            .flatten();
        let bump = kept.unwrap_or_else(|| {
            Bump::with_capacity(
                text.len()
                    .saturating_mul(4)
                    .saturating_add(2048)
                    .min(POOLED_BYTES),
            )
        });
        Self { bump }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        let mut bump = std::mem::take(&mut self.bump);
        // Keeps the largest chunk only, empty.
        bump.reset();
        // An arena that never held a tree (`Arena::default()`) is not worth keeping.
        let capacity = bump.chunk_capacity();
        if capacity == 0 || capacity > POOLED_BYTES {
            return;
        }
        // During the thread's teardown, or inside another arena's return: simply freed.
        let _ = POOL.try_with(|pool| {
            if let Ok(mut pool) = pool.try_borrow_mut() {
                if pool.len() < POOLED {
                    pool.push(bump);
                }
            }
        });
    }
}

/// A JSON value with its source range. Strings without escapes borrow from the source text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node<'a> {
    /// The value.
    pub value: Value<'a>,
    /// Where it stands in the source (for strings: including the quotes).
    pub range: ByteRange,
}

/// One `"key": value` pair of an object, in source order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member<'a> {
    /// The decoded key.
    pub key: &'a str,
    /// Range of the key, quotes included.
    pub key_range: ByteRange,
    /// The value.
    pub value: Node<'a>,
}

/// A JSON value. (Its tag is a whole word: with a one-byte tag, every copy of a node wrote
/// the bytes after the tag piecemeal and the next wide read of them stalled, which cost 5% of
/// a small decision.)
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(u64)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string, decoded.
    String(JsonString<'a>),
    /// An array.
    Array(&'a [Node<'a>]),
    /// An object; duplicate keys are kept.
    Object(&'a [Member<'a>]),
}

/// A decoded string and the map from decoded byte offsets back to source offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JsonString<'a> {
    /// The decoded text (borrowed from the source when it has no escapes, else in the arena).
    pub text: &'a str,
    /// Source offset of the first decoded byte.
    base: usize,
    /// `(decoded, source)` offsets after each escape (see [`SourceMap`]); empty without.
    checkpoints: &'a [(u32, u32)],
}

impl JsonString<'_> {
    /// Source offset of a byte offset in the decoded text.
    pub fn source_offset(&self, decoded: usize) -> usize {
        super::span::source_offset(self.base, self.checkpoints, decoded)
    }

    /// Where each decoded byte came from, as a map that outlives the tree.
    pub fn map(&self) -> SourceMap {
        SourceMap::from_narrow(self.base, self.checkpoints.to_vec())
    }
}

impl<'a> Node<'a> {
    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.value {
            Value::String(s) => Some(s.text),
            _ => None,
        }
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// A syntax error with the range it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where.
    pub range: ByteRange,
}

/// Parse one JSON document (surrounding white space allowed, nothing else) into `arena`
/// (normally `Arena::for_text(text)`).
pub fn parse<'a>(text: &'a str, arena: &'a Arena) -> Result<Node<'a>, SyntaxError> {
    let bump = &arena.bump;
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
        bump,
        members: BumpVec::with_capacity_in(16, bump),
        items: BumpVec::with_capacity_in(16, bump),
    };
    p.skip_ws();
    p.nested(0, None)?;
    let Some(node) = p.items.pop() else {
        return Err(p.error_here("expected a JSON value"));
    };
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error_here("unexpected text after the end of the JSON document"));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    bump: &'a Bump,
    /// The members of the objects being read, innermost last: each object's members are
    /// copied into a slice of exactly their number when it closes.
    members: BumpVec<'a, Member<'a>>,
    /// The same for the items of the arrays being read.
    items: BumpVec<'a, Node<'a>>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn error_here(&self, message: &str) -> SyntaxError {
        let end = self.next_char_end();
        SyntaxError {
            message: message.to_string(),
            range: ByteRange::new(self.pos, end),
        }
    }

    fn next_char_end(&self) -> usize {
        let mut end = (self.pos + 1).min(self.src.len());
        while end < self.src.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        end
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "end of input".to_string(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Read a value at `depth` into the innermost open array (`key: None`) or object (as the
    /// member `key`). Values inside values are read through here: a node is stored where it
    /// belongs instead of being returned through its caller's stack, whose reads of it right
    /// after the call stalled on the stores just made.
    #[inline(never)]
    fn nested(
        &mut self,
        depth: usize,
        key: Option<(&'a str, ByteRange)>,
    ) -> Result<(), SyntaxError> {
        let value = self.value(depth)?;
        self.store(value, key);
        Ok(())
    }

    /// Put `value` in the innermost open array (`key: None`) or object (as the member `key`).
    #[inline(always)]
    fn store(&mut self, value: Node<'a>, key: Option<(&'a str, ByteRange)>) {
        match key {
            None => self.items.push(value),
            Some((key, key_range)) => self.members.push(Member {
                key,
                key_range,
                value,
            }),
        }
    }

    #[inline(always)]
    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error_here("JSON is nested too deeply"));
        }
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => {
                let msg = format!("expected a JSON value, found {}", self.describe_here());
                return Err(self.error_here(&msg));
            }
        };
        Ok(Node {
            value,
            range: ByteRange::new(start, self.pos),
        })
    }

    /// A member's value or an array's item (one level below `depth`), stored in the open
    /// object (as `key`) or array: a string, the most common, without the call through
    /// [`Parser::nested`].
    #[inline(always)]
    fn item(&mut self, depth: usize, key: Option<(&'a str, ByteRange)>) -> Result<(), SyntaxError> {
        // (At the depth limit, `value` reports it as for any other value.)
        if self.peek() == Some(b'"') && depth < MAX_DEPTH {
            let start = self.pos;
            let s = self.string()?;
            let value = Node {
                value: Value::String(s),
                range: ByteRange::new(start, self.pos),
            };
            self.store(value, key);
            return Ok(());
        }
        self.nested(depth + 1, key)
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.src.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            let msg = format!("expected a JSON value, found {}", self.describe_here());
            Err(self.error_here(&msg))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1; // {
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(&[]));
        }
        let first = self.members.len();
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                let msg = if self.peek() == Some(b'}') {
                    "trailing comma before `}`".to_string()
                } else {
                    format!("expected a quoted key, found {}", self.describe_here())
                };
                return Err(self.error_here(&msg));
            }
            let key_start = self.pos;
            let key = self.string()?.text;
            let key_range = ByteRange::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                let msg = format!("expected `:` after the key, found {}", self.describe_here());
                return Err(self.error_here(&msg));
            }
            self.pos += 1;
            self.skip_ws();
            self.item(depth, Some((key, key_range)))?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    let members = self.members.get(first..).unwrap_or_default();
                    let members: &'a [Member<'a>] = self.bump.alloc_slice_copy(members);
                    self.members.truncate(first);
                    return Ok(Value::Object(members));
                }
                _ => {
                    let msg = format!("expected `,` or `}}`, found {}", self.describe_here());
                    return Err(self.error_here(&msg));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.pos += 1; // [
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(&[]));
        }
        let first = self.items.len();
        loop {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return Err(self.error_here("trailing comma before `]`"));
            }
            self.item(depth, None)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    let items = self.items.get(first..).unwrap_or_default();
                    let items: &'a [Node<'a>] = self.bump.alloc_slice_copy(items);
                    self.items.truncate(first);
                    return Ok(Value::Array(items));
                }
                _ => {
                    let msg = format!("expected `,` or `]`, found {}", self.describe_here());
                    return Err(self.error_here(&msg));
                }
            }
        }
    }

    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after `.`"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error_here("numbers must not have leading zeros"));
        }
        Ok(Value::Number(
            self.text.get(start..self.pos).unwrap_or_default(),
        ))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<JsonString<'a>, SyntaxError> {
        let open = self.pos;
        self.pos += 1; // opening quote
        let base = self.pos;
        // The common case: no escape before the closing quote, so the text is borrowed.
        let run = special(self.src.get(base..).unwrap_or_default());
        let Some(run) = run else {
            return Err(self.unterminated(open));
        };
        self.pos = base + run;
        if self.peek() == Some(b'"') {
            let text = self.text.get(base..self.pos).unwrap_or_default();
            self.pos += 1;
            return Ok(JsonString {
                text,
                base,
                checkpoints: &[],
            });
        }
        self.string_escaped(open, base)
    }

    fn unterminated(&self, open: usize) -> SyntaxError {
        SyntaxError {
            message: "unterminated string".to_string(),
            range: ByteRange::new(open, self.src.len()),
        }
    }

    /// The rest of a string from the first escape or control character on (`self.pos`),
    /// decoded into the arena. Not inlined: most strings have no escape, and their path stays
    /// short without it.
    #[inline(never)]
    fn string_escaped(&mut self, open: usize, base: usize) -> Result<JsonString<'a>, SyntaxError> {
        // The decoded text is never longer than its source, and there is one checkpoint per
        // escape. Within the text's last KiB (a small scenario, or its last policy string) the
        // rest of the text bounds the string: the measuring pass, which costs as much as the
        // decoding, is skipped (the checkpoints then start with room for an escape every four
        // bytes, and grow in the arena if there are more).
        let rest = self.src.len().saturating_sub(base);
        let (len, escapes) = if rest <= 1024 {
            (rest, rest / 4)
        } else {
            self.escaped_extent(base)
        };
        // Eight bytes of slack: plain runs are copied a whole word at a time.
        let out: &'a mut [u8] = self.bump.alloc_slice_fill_copy(len + 8, 0);
        let mut checkpoints: BumpVec<'a, (u32, u32)> =
            BumpVec::with_capacity_in(escapes, self.bump);
        let src = self.src;
        let mut i = self.pos;
        // Decoded bytes so far: the plain run before the first escape is not copied yet.
        let mut j = i - base;
        if let (Some(to), Some(from)) = (out.get_mut(..j), src.get(base..i)) {
            to.copy_from_slice(from);
        }
        loop {
            // Find the next quote, backslash or control byte, copying each word on the way
            // (its bytes past the special one are overwritten later or cut off).
            loop {
                let (Some(word), Some(to)) = (
                    src.get(i..).and_then(<[u8]>::first_chunk::<8>),
                    out.get_mut(j..).and_then(<[u8]>::first_chunk_mut::<8>),
                ) else {
                    // Fewer than eight bytes left (or, for a measured string longer than its
                    // measure, no room): one byte at a time.
                    match src.get(i) {
                        Some(&b) if b != b'"' && b != b'\\' && b >= 0x20 => {
                            let Some(slot) = out.get_mut(j) else {
                                return Err(self.unterminated(open));
                            };
                            *slot = b;
                            i += 1;
                            j += 1;
                            continue;
                        }
                        _ => break,
                    }
                };
                *to = *word;
                let flagged = flags(u64::from_le_bytes(*word));
                if flagged != 0 {
                    let k = (flagged.trailing_zeros() / 8) as usize;
                    i += k;
                    j += k;
                    break;
                }
                i += 8;
                j += 8;
            }
            self.pos = i;
            let Some(&b) = src.get(i) else {
                return Err(self.unterminated(open));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    let out: &'a [u8] = out;
                    // Only whole characters were copied and escapes decode to characters, so
                    // this never fails.
                    let text = out
                        .get(..j)
                        .and_then(|t| std::str::from_utf8(t).ok())
                        .ok_or_else(|| self.unterminated(open))?;
                    return Ok(JsonString {
                        text,
                        base,
                        checkpoints: checkpoints.into_bump_slice(),
                    });
                }
                b'\\' => {
                    match src.get(i + 1) {
                        // The common escapes, without going through `char`.
                        Some(&c @ (b'"' | b'\\' | b'/')) => {
                            if let Some(slot) = out.get_mut(j) {
                                *slot = c;
                            }
                            j += 1;
                            i += 2;
                        }
                        _ => {
                            self.pos = i + 1;
                            let c = self.escape(i)?;
                            i = self.pos;
                            let mut buf = [0; 4];
                            let bytes = c.encode_utf8(&mut buf).as_bytes();
                            // An escape is longer than the character it stands for.
                            if let Some(to) = out.get_mut(j..j + bytes.len()) {
                                to.copy_from_slice(bytes);
                            }
                            j += bytes.len();
                        }
                    }
                    checkpoints.push((narrow(j), narrow(i)));
                }
                _ => return Err(self.error_here(
                    "control characters must be escaped inside strings (a line break needs `\\n`)",
                )),
            }
        }
    }

    /// From `base` on: the number of source bytes up to the closing quote (or the end of the
    /// text) and the number of backslash escapes on the way. Only a size hint.
    fn escaped_extent(&self, base: usize) -> (usize, usize) {
        let rest = self.src.get(base..).unwrap_or_default();
        let (mut i, mut escapes) = (0, 0);
        // Plain runs are skipped eight bytes at a time.
        while let Some(run) = rest.get(i..).and_then(special) {
            i += run;
            match rest.get(i) {
                Some(b'"') | None => break,
                Some(b'\\') => {
                    escapes += 1;
                    i += 2;
                }
                // Control characters count as plain here: this is only a size hint.
                Some(_) => i += 1,
            }
        }
        (i.min(rest.len()), escapes)
    }

    fn escape(&mut self, esc_start: usize) -> Result<char, SyntaxError> {
        let bad = |p: &Self| SyntaxError {
            message: "invalid escape sequence".to_string(),
            range: ByteRange::new(esc_start, p.next_char_end()),
        };
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4().ok_or_else(|| bad(self))?;
                if (0xD800..0xDC00).contains(&hi) {
                    if self.src.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(bad(self));
                    }
                    self.pos += 2;
                    let lo = self.hex4().ok_or_else(|| bad(self))?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(bad(self));
                    }
                    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return char::from_u32(code).ok_or_else(|| bad(self));
                }
                return char::from_u32(hi).ok_or_else(|| bad(self));
            }
            _ => return Err(bad(self)),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let v = u32::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(v)
    }
}

/// The high bit of each byte of `v` that is `"`, `\\` or a control character (the lowest
/// flagged byte is exact; higher ones may be false positives after a borrow).
fn flags(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    zero(v ^ (ONES * u64::from(b'"')))
        | zero(v ^ (ONES * u64::from(b'\\')))
        | (v.wrapping_sub(ONES * 0x20) & !v & HIGH)
}

/// Position of the first byte that ends a run of plain string content: `"`, `\\` or a control
/// character. Eight bytes at a time (the lowest flagged byte of a word is exact).
fn special(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let flagged = flags(u64::from_le_bytes(word));
        if flagged != 0 {
            return Some(offset + (flagged.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse` with its own arena, for tests: the arena is leaked so the tree can be returned.
    fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
        let arena: &'static Arena = Box::leak(Box::new(Arena::for_text(text)));
        super::parse(text, arena)
    }

    #[test]
    fn keeps_ranges_and_duplicates() {
        let text = r#"{"a": [1, "x"], "a": true}"#;
        let node = parse(text).unwrap();
        let Value::Object(m) = node.value else {
            panic!()
        };
        assert_eq!(m.len(), 2);
        assert_eq!(&text[m[0].key_range.start..m[0].key_range.end], "\"a\"");
        let Value::Array(items) = &m[0].value.value else {
            panic!()
        };
        assert_eq!(&text[items[1].range.start..items[1].range.end], "\"x\"");
    }

    #[test]
    fn rejects_non_json() {
        for bad in [
            "{a:1}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "'x'",
            "{\"a\":1} x",
            "\"\n\"",
            "nul",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decodes_escapes_and_maps_offsets() {
        let text = r#""a\nb\u00e9c""#;
        let node = parse(text).unwrap();
        let Value::String(s) = node.value else {
            panic!()
        };
        assert_eq!(s.text, "a\nbéc");
        assert_eq!(s.source_offset(0), 1);
        assert_eq!(s.source_offset(2), 4); // `b` after `\n`
        assert_eq!(s.source_offset(5), 11); // `c` after `\u00e9`
    }

    /// An embedded policy (RFC 8259 §7: `\"`, `\\`, `\/` and the other escapes): decoded,
    /// and every decoded character written plainly maps back to itself in the source.
    #[test]
    fn embedded_policy_escapes_decode_and_map_back() {
        let text = r#""{\"Action\":\"s3:*\",\"R\":\"a\/b\\c\tdé\u0041\"}""#;
        let node = parse(text).unwrap();
        let Value::String(s) = node.value else {
            panic!()
        };
        assert_eq!(s.text, "{\"Action\":\"s3:*\",\"R\":\"a/b\\c\tdéA\"}");
        for (i, c) in s.text.char_indices() {
            let at = s.source_offset(i);
            let src = text.get(at..).and_then(|t| t.chars().next()).unwrap();
            if src != '\\' {
                assert_eq!(src, c, "decoded byte {i} maps to source byte {at}");
            }
        }
        assert!(parse("\"a\\qb\"").is_err());
        assert!(parse("\"a\\\"b\tc\"").is_err());
        assert!(parse("\"a\\\"b").is_err());
    }

    #[test]
    fn special_finds_the_first_quote_backslash_or_control_byte() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
        for b in 0..=255u8 {
            assert_eq!(special(&[b]), naive(&[b]), "{b:#04x}");
        }
        let bytes: Vec<u8> = (0..=255u8).collect();
        for start in 0..bytes.len() {
            for len in 0..40.min(bytes.len() - start) {
                let s = &bytes[start..start + len];
                assert_eq!(special(s), naive(s));
                let mut rev = s.to_vec();
                rev.reverse();
                assert_eq!(special(&rev), naive(&rev));
            }
        }
        for text in [
            "",
            "abc",
            "abcdefgh\\",
            "abcdefghijklmnop\"",
            "é\u{1}x",
            "\u{7f}\u{80}\u{ff}\"x",
        ] {
            assert_eq!(special(text.as_bytes()), naive(text.as_bytes()), "{text:?}");
        }
    }

    /// RFC 8259 §7: escaped strings of every shape (plain runs of 0 to 20 bytes between
    /// escapes, multi-byte characters, surrogate pairs), near the text's end and far from it
    /// (the two ways the decoding sizes its buffer), decode as `serde_json` decodes them, and
    /// every character written plainly maps back to itself in the source.
    #[test]
    fn escaped_strings_decode_like_serde_json_wherever_they_stand() {
        let pieces = [
            r#"\""#,
            r"\\",
            r"\/",
            r"\n",
            r"\u00e9",
            r"\ud83d\ude00",
            "é",
            r"\t",
        ];
        for run in 0..20 {
            for (k, piece) in pieces.iter().enumerate() {
                let plain: String = "abcdefghijklmnopqrstuvwxyz"
                    .chars()
                    .cycle()
                    .skip(k)
                    .take(run)
                    .collect();
                let body = format!(
                    "{plain}{piece}{plain}{}{piece}x",
                    pieces[(k + run) % pieces.len()]
                );
                for pad in [0, 2000] {
                    let text = format!("[\"{body}\"{}]", " ".repeat(pad));
                    let node = parse(&text).unwrap();
                    let Value::Array(items) = node.value else {
                        panic!()
                    };
                    let Value::String(s) = items[0].value else {
                        panic!()
                    };
                    let expected: Vec<String> = serde_json::from_str(&text).unwrap();
                    assert_eq!(s.text, expected[0], "{text}");
                    for (i, c) in s.text.char_indices() {
                        let at = s.source_offset(i);
                        let src = text.get(at..).and_then(|t| t.chars().next()).unwrap();
                        if src != '\\' {
                            assert_eq!(src, c, "{text}: decoded byte {i} maps to {at}");
                        }
                    }
                    assert_eq!(
                        s.map().source_offset(s.text.len()),
                        s.source_offset(s.text.len())
                    );
                }
            }
        }
        // Cut short or broken anywhere: an error, never a panic.
        for bad in [
            r#""\"#,
            r#""a\""#,
            r#""\u12"#,
            r#""\ud800""#,
            r#""abcdefghij\"klmnop"#,
            "\"a\\\"b\u{1}\"",
            r#""abcdefgh\"ij\q""#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    /// A tree read into a kept arena is the same as into a new one, and several documents
    /// read one inside another's reading each get their own arena.
    #[test]
    fn kept_arenas_read_like_new_ones() {
        let a = r#"{"a": ["x", "y\"z", 1], "b": {"c": null}}"#;
        let b = r#"["\u00e9", {"k": [true, false]}]"#;
        let first_a = format!("{:?}", parse(a).unwrap());
        let first_b = format!("{:?}", parse(b).unwrap());
        for _ in 0..8 {
            let arena_a = Arena::for_text(a);
            let tree_a = super::parse(a, &arena_a).unwrap();
            {
                let arena_b = Arena::for_text(b);
                let tree_b = super::parse(b, &arena_b).unwrap();
                assert_eq!(format!("{tree_b:?}"), first_b);
            }
            assert_eq!(format!("{tree_a:?}"), first_a);
            drop(Arena::default());
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        assert!(parse(&text).is_err());
    }

    /// The depth limit is the same for every kind of value: 128 levels of arrays hold a
    /// string or a number, 129 do not.
    #[test]
    fn the_depth_limit_is_the_same_for_strings() {
        for (depth, ok) in [(128, true), (129, false)] {
            for inner in ["\"s\"", "1"] {
                let text = format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth));
                assert_eq!(parse(&text).is_ok(), ok, "{depth} {inner}");
                let text = format!(
                    "{}{{\"k\":{inner}}}{}",
                    "[".repeat(depth - 1),
                    "]".repeat(depth - 1)
                );
                assert_eq!(parse(&text).is_ok(), ok, "{depth} {inner} in an object");
            }
        }
    }
}
