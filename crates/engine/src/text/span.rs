//! Source positions: byte ranges in a policy's own text, with 1-based line/column for display.

use serde::{Deserialize, Serialize};

/// A byte range `start..end` in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteRange {
    /// A range from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// A located range: byte offsets plus 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    /// First byte of the range in the policy text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub start_line: u32,
    /// 1-based column (in characters) of `start`.
    pub start_column: u32,
    /// 1-based line of `end`.
    pub end_line: u32,
    /// 1-based column (in characters) of `end`.
    pub end_column: u32,
}

/// Maps byte offsets of a derived text (a decoded JSON string, an embedded object) back to the
/// text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceMap {
    /// Source offset of derived offset 0.
    base: usize,
    /// Further `(derived offset, source offset)` checkpoints, ascending (after escapes); 32 bits
    /// each, as a text is a few megabytes at most (larger offsets saturate).
    checkpoints: Vec<(u32, u32)>,
}

/// An offset in 32 bits (saturating: only beyond 4 GiB of text).
pub(crate) fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl SourceMap {
    /// A map from checkpoints: from each `(derived, source)` pair on, offsets advance together.
    pub fn new(base: usize, checkpoints: Vec<(usize, usize)>) -> Self {
        Self {
            base,
            checkpoints: checkpoints
                .into_iter()
                .map(|(d, s)| (narrow(d), narrow(s)))
                .collect(),
        }
    }

    /// [`SourceMap::new`] from checkpoints already in 32 bits (see [`narrow`]).
    pub(crate) fn from_narrow(base: usize, checkpoints: Vec<(u32, u32)>) -> Self {
        Self { base, checkpoints }
    }

    /// A text copied unchanged from `base` on.
    pub fn shifted(base: usize) -> Self {
        Self {
            base,
            checkpoints: Vec::new(),
        }
    }

    /// The source offset of a derived offset.
    pub fn source_offset(&self, derived: usize) -> usize {
        let idx = self
            .checkpoints
            .partition_point(|(d, _)| *d as usize <= derived);
        match idx.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&(d, s)) => s as usize + (derived - d as usize),
            None => self.base + derived,
        }
    }

    /// Map a range.
    pub fn range(&self, r: ByteRange) -> ByteRange {
        ByteRange::new(self.source_offset(r.start), self.source_offset(r.end))
    }
}

/// Maps byte offsets of one text to line/column.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Where the second and later lines start (the first starts at 0): nothing to allocate
    /// for a text of one line, as policies given as JSON strings usually are.
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index the line starts of `text`.
    pub fn new(text: &'a str) -> Self {
        // `match_indices` finds line breaks with a fast byte search.
        let line_starts = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        Self { text, line_starts }
    }

    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        // 0-based line: the number of later line starts at or before the offset.
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = match line.checked_sub(1) {
            Some(i) => self.line_starts.get(i).copied().unwrap_or(0),
            None => 0,
        };
        let column = self
            .text
            .get(start..offset)
            .map(|s| {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            })
            .unwrap_or(offset - start);
        (line as u32 + 1, column as u32 + 1)
    }

    /// Locate a byte range.
    pub fn span(&self, range: ByteRange) -> Span {
        let (start_line, start_column) = self.position(range.start);
        let (end_line, end_column) = self.position(range.end);
        Span {
            start: range.start,
            end: range.end,
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }
}

/// Locate one byte range of `text` without indexing it: one pass over the text up to the
/// range's end (what [`LineIndex::span`] gives; for a single range, cheaper than the index).
pub fn locate(text: &str, range: ByteRange) -> Span {
    let head = text.get(..range.end.min(text.len())).unwrap_or(text);
    let mut line = 1u32;
    let mut start_line_at = 0usize;
    let (mut start_line, mut line_start) = (1u32, 0usize);
    for (i, _) in head.match_indices('\n') {
        if i < range.start {
            start_line = line + 1;
            start_line_at = i + 1;
        }
        line += 1;
        line_start = i + 1;
    }
    let column = |from: usize, to: usize| -> u32 {
        let s = text.get(from..to.min(text.len())).unwrap_or_default();
        let n = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        n as u32 + 1
    };
    Span {
        start: range.start,
        end: range.end,
        start_line,
        start_column: column(start_line_at, range.start),
        end_line: line,
        end_column: column(line_start, range.end),
    }
}

/// Where `span` of policy `policy_id` (a position in the policy's own text) lies in the scenario
/// file the policy was read from, given the file's `origins` and line index.
pub fn span_in_file(
    origins: &[(String, SourceMap)],
    policy_id: &str,
    span: Span,
    index: &LineIndex,
) -> Option<Span> {
    let (_, map) = origins.iter().find(|(o, _)| o == policy_id)?;
    let r = map.range(ByteRange::new(span.start, span.end));
    Some(index.span(r))
}

/// A span's start as `LINE:COL`.
pub fn line_col(span: &Span) -> String {
    format!("{}:{}", span.start_line, span.start_column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let idx = LineIndex::new("ab\néc\nx");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2)); // after the two-byte é
        assert_eq!(idx.position(7), (3, 1));
        assert_eq!(idx.position(99), (3, 2));
    }

    proptest::proptest! {
        /// `locate` gives what the line index gives, for any range of any text.
        #[test]
        fn locate_agrees_with_the_index(text in "[ab\né\r]{0,24}", a in 0usize..30, b in 0usize..30) {
            let (start, end) = (a.min(b), a.max(b));
            // Ranges start and end on character boundaries (they come from the JSON reader).
            proptest::prop_assume!(text.is_char_boundary(start.min(text.len())) && text.is_char_boundary(end.min(text.len())));
            let r = ByteRange::new(start, end);
            proptest::prop_assert_eq!(locate(&text, r), LineIndex::new(&text).span(r));
        }
    }
}
