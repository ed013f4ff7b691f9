//! Edits of a document's text as the editor reports them: so a keystroke in a large document
//! reaches the state as the few characters it changed, not as a copy of the whole text.
//!
//! Monaco counts in UTF-16 code units; a Rust `String` in bytes. Each edit is converted on the
//! text as it stands when the edit applies (Monaco orders one event's changes from the end of
//! the document to its start, so they apply in sequence), and the result is checked against the
//! editor's length: any doubt and the caller asks for the whole text instead.

use serde::Deserialize;

/// One edit: replace `len` UTF-16 units at UTF-16 offset `at` with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TextEdit {
    /// Where the replaced range starts (UTF-16 units).
    pub at: u32,
    /// How long the replaced range is (UTF-16 units).
    pub len: u32,
    /// What replaces it.
    pub text: String,
}

/// Read `[[at, len, text], …]` (the editor's JSON).
pub fn read_edits(json: &str) -> Option<Vec<TextEdit>> {
    let raw: Vec<(u32, u32, String)> = serde_json::from_str(json).ok()?;
    Some(
        raw.into_iter()
            .map(|(at, len, text)| TextEdit { at, len, text })
            .collect(),
    )
}

/// The byte offset of UTF-16 offset `units` in `text`, if it falls on a character boundary
/// inside the text.
fn byte_at(text: &str, ascii: bool, units: u32) -> Option<usize> {
    let units = units as usize;
    if ascii {
        return (units <= text.len()).then_some(units);
    }
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        if seen == units {
            return Some(i);
        }
        if seen > units {
            return None;
        }
        seen += c.len_utf16();
    }
    (seen == units).then_some(text.len())
}

/// The length of `text` in UTF-16 units.
fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    }
}

/// `text` with `edits` applied in order, if every edit falls inside the text on character
/// boundaries and the result is `expected_len` UTF-16 units long (the editor's length).
pub fn apply(text: &str, edits: &[TextEdit], expected_len: u32) -> Option<String> {
    let mut out = text.to_string();
    for e in edits {
        let ascii = out.is_ascii();
        let start = byte_at(&out, ascii, e.at)?;
        let end = byte_at(&out, ascii, e.at.checked_add(e.len)?)?;
        if start > end {
            return None;
        }
        out.replace_range(start..end, &e.text);
    }
    (utf16_len(&out) == expected_len as usize).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(at: u32, len: u32, text: &str) -> TextEdit {
        TextEdit {
            at,
            len,
            text: text.into(),
        }
    }

    fn units(s: &str) -> u32 {
        utf16_len(s) as u32
    }

    #[test]
    fn edits_apply_in_order_from_the_end() {
        // One event with two cursors: Monaco lists the later change first.
        let text = r#"{"Action":"s3:Get","Sid":"A"}"#;
        let edits = [edit(27, 0, "x"), edit(17, 0, "Object")];
        let want = r#"{"Action":"s3:GetObject","Sid":"Ax"}"#;
        assert_eq!(apply(text, &edits, units(want)).as_deref(), Some(want));
        // A deletion and a replacement.
        let edits = [edit(0, 1, ""), edit(0, 0, "[")];
        assert_eq!(
            apply("{x}", &edits, 3).as_deref(),
            Some("[x}"),
            "delete then insert at the start"
        );
    }

    #[test]
    fn offsets_count_utf16_units() {
        // "é" is one unit and two bytes; "😀" two units and four bytes.
        let text = "é😀a";
        let want = "é😀ba";
        assert_eq!(
            apply(text, &[edit(3, 0, "b")], units(want)).as_deref(),
            Some(want)
        );
        assert_eq!(
            apply(text, &[edit(1, 2, "")], 2).as_deref(),
            Some("éa"),
            "the surrogate pair removed whole"
        );
        // Inside a surrogate pair: not a character boundary.
        assert_eq!(apply(text, &[edit(2, 0, "b")], 5), None);
    }

    #[test]
    fn anything_that_does_not_fit_is_refused() {
        assert_eq!(apply("abc", &[edit(4, 0, "x")], 4), None, "past the end");
        assert_eq!(
            apply("abc", &[edit(2, 5, "")], 2),
            None,
            "range past the end"
        );
        assert_eq!(
            apply("abc", &[edit(1, 0, "x")], 3),
            None,
            "not the editor's length"
        );
        assert_eq!(apply("abc", &[edit(u32::MAX, 1, "")], 3), None);
    }

    #[test]
    fn the_editor_json_is_read() {
        assert_eq!(
            read_edits(r#"[[3,1,"é\n"],[0,0,""]]"#),
            Some(vec![edit(3, 1, "é\n"), edit(0, 0, "")])
        );
        assert_eq!(read_edits("[[1,2]]"), None);
        assert_eq!(read_edits("nonsense"), None);
    }
}
