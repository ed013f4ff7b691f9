//! Shareable state: the whole [`AppState`] in the URL fragment (`#s=` + base64url JSON), so a
//! link restores policies and request exactly and nothing is sent to any server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::state::AppState;

const PREFIX: &str = "s=";

/// Why a fragment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not base64url.
    NotBase64,
    /// The decoded text is not a playground state.
    NotState(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::NotBase64 => write!(f, "the link is damaged (not base64url)"),
            ShareError::NotState(e) => write!(f, "the link does not hold a playground: {e}"),
        }
    }
}

/// The fragment (without `#`) holding `state`.
pub fn encode(state: &AppState) -> String {
    let json = serde_json::to_string(state).unwrap_or_default();
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
}

/// Read a fragment (with or without `#`). `Ok(None)` when it holds no state.
pub fn decode(fragment: &str) -> Result<Option<AppState>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(data) = fragment.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim())
        .map_err(|_| ShareError::NotBase64)?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| ShareError::NotState(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Layer;

    #[test]
    fn a_state_survives_the_round_trip() {
        let mut st = AppState::default();
        st.add_doc(Layer::Scp);
        st.request.current_time = Some(1_767_225_600);
        st.request.source_ip = "<img src=x onerror=alert(1)>".into();
        let frag = encode(&st);
        assert!(frag.starts_with("s="));
        assert!(frag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)));
        assert_eq!(decode(&format!("#{frag}")).unwrap(), Some(st));
    }

    #[test]
    fn other_fragments_hold_no_state() {
        assert_eq!(decode("").unwrap(), None);
        assert_eq!(decode("#results").unwrap(), None);
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        assert_eq!(decode("#s=***").unwrap_err(), ShareError::NotBase64);
        let not_state = URL_SAFE_NO_PAD.encode("{\"docs\": 3}");
        assert!(matches!(
            decode(&format!("s={not_state}")),
            Err(ShareError::NotState(_))
        ));
    }
}
