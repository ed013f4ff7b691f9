//! The share link's data, packed off the page's main thread: a large playground state (a 1 MB
//! policy) takes the page's engine tens of milliseconds to compress, so the page sends the
//! link's JSON here. The bytes are exactly those of the app's `model::share::encode` (the same
//! crates, versions and level; an app test checks it).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The DEFLATE level of share links.
pub const LEVEL: u8 = 9;

/// base64url (no padding) of the raw DEFLATE of `json`.
pub fn pack(json: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, LEVEL))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn packed_data_unpacks_to_the_json() {
        let json = br#"{"format":1,"state":{"docs":[]}}"#;
        let packed = pack(json);
        assert!(packed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let bytes = URL_SAFE_NO_PAD.decode(&packed).unwrap();
        let back = miniz_oxide::inflate::decompress_to_vec(&bytes).unwrap();
        assert_eq!(back, json);
    }
}
