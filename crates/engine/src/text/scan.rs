//! Byte scans for the few characters the engine looks for in every pattern and action on the
//! hot path (`:`, `*`, `?`, `${`): a loop over bytes, where `str`'s searchers set up a searcher
//! per call (and have no vector instructions to make up for it in wasm).

/// `text` split at its first `:` (ASCII, so both halves are whole characters).
pub fn split_colon(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b':')?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Whether `text` has a wildcard (`*` or `?`).
pub fn has_wildcard(text: &str) -> bool {
    text.bytes().any(|b| b == b'*' || b == b'?')
}

/// Byte offset of the first `${` in `text`.
pub fn find_variable(text: &str) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == b"${")
}

/// Whether `text` has a `${`.
pub fn has_variable(text: &str) -> bool {
    find_variable(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as `str`'s own searches.
    #[test]
    fn scans_agree_with_str() {
        for t in [
            "",
            ":",
            "s3:GetObject",
            "a:b:c",
            "é:ü",
            "${",
            "$",
            "{",
            "a${b}",
            "$${",
            "*",
            "x?",
            "arn:aws:s3:::b/${aws:username}/*",
            "ééé$é{${",
        ] {
            assert_eq!(split_colon(t), t.split_once(':'), "{t}");
            assert_eq!(has_wildcard(t), t.contains(['*', '?']), "{t}");
            assert_eq!(find_variable(t), t.find("${"), "{t}");
            assert_eq!(has_variable(t), t.contains("${"), "{t}");
        }
    }
}
