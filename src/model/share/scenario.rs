//! The scenario parameter of a link: `scenario=DATA`, where DATA is base64url (no padding) of
//! the UTF-8 text of a `simulate-custom-policy` document (the scenario format, `Expected`
//! decisions included) exactly as a docs page writes it. `public/embed.js` writes it for every
//! example of a docs page; the embed page (`embed.html`) and the playground read it. Unlike
//! `p1=`, it needs no compression library, so the embed's build stays small.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::model::share::link::ShareError;
use crate::model::share::params::params;

/// The parameter's name.
pub const SCENARIO: &str = "scenario";
/// Decoded scenarios larger than this are refused.
const MAX_TEXT: usize = 1 << 20;

/// The `scenario=…` parameter holding `text`.
pub fn scenario_param(text: &str) -> String {
    format!("{SCENARIO}={}", URL_SAFE_NO_PAD.encode(text.as_bytes()))
}

/// The scenario text of a fragment (with or without `#`); `None` when it has none.
pub fn scenario_text(fragment: &str) -> Option<Result<String, ShareError>> {
    let (_, data) = params(fragment)
        .into_iter()
        .find(|(name, _)| *name == SCENARIO)?;
    Some(
        URL_SAFE_NO_PAD
            .decode(data.trim().trim_end_matches('='))
            .map_err(|_| ShareError::NotBase64)
            .and_then(|bytes| {
                if bytes.len() > MAX_TEXT {
                    return Err(ShareError::NotState(
                        "the scenario is larger than 1 MB".into(),
                    ));
                }
                String::from_utf8(bytes)
                    .map_err(|_| ShareError::NotState("the scenario is not UTF-8 text".into()))
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_travels_as_base64url_text_byte_for_byte() {
        let text = "{\n  \"ActionNames\": [\"s3:GetObject\"], \"x\": \"ünï <&> \u{1F600} ?#=\"\n}";
        let p = scenario_param(text);
        assert!(p.starts_with("scenario="));
        assert!(p["scenario=".len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)));
        let frag = format!("#embed=ro&{p}&theme=dark");
        assert_eq!(scenario_text(&frag), Some(Ok(text.to_string())));
        assert_eq!(scenario_text("#embed=ro"), None);
    }

    #[test]
    fn damaged_data_is_an_error_not_a_panic() {
        assert_eq!(
            scenario_text("#scenario=%%%"),
            Some(Err(ShareError::NotBase64))
        );
        // Valid base64url of bytes that are not UTF-8.
        let bad = format!("#scenario={}", URL_SAFE_NO_PAD.encode([0xff, 0xfe]));
        assert!(matches!(
            scenario_text(&bad),
            Some(Err(ShareError::NotState(_)))
        ));
        // Padding written by other encoders is accepted.
        assert_eq!(scenario_text("#scenario=e30="), Some(Ok("{}".to_string())));
    }
}
