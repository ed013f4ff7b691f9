//! Shareable state: the whole [`AppState`] in the URL fragment, so a link restores policies,
//! request and expectations exactly and nothing is sent to any server.
//!
//! A fragment is a list of `name=value` parameters separated by `&`:
//! - `p1=DATA` (or the earlier `s=DATA`): the state, see `link`;
//! - `m=world` / `m=password`: the mode shown (absent: Policies);
//! - `t=sweep`: the Effective permissions section is open;
//! - `embed` / `embed=ro` / `embed=edit`: embed mode ([`EmbedMode`]); `theme=dark` with it.
//!
//! Files:
//! - `params`: the parameters of a fragment
//! - `link`: the state parameter, its format and versions

mod link;
mod params;

pub use link::{
    decode, encode, envelope_json, state_param, Envelope, ShareError, Shared, CATALOG_VERSION,
    ENGINE_VERSION, FORMAT,
};
pub use params::params;

use crate::model::state::AppState;

/// The fragment for `state` shown in the mode `mode` (a mode id: `policies`, `world`,
/// `password`; `"policies"` is the default and not written).
pub fn fragment(state: &AppState, mode: &str) -> String {
    with_mode(encode(state), mode)
}

/// `data` (a state parameter) with the mode `mode` (not written for `policies`).
pub fn with_mode(data: String, mode: &str) -> String {
    if mode == "policies" {
        data
    } else {
        format!("{data}&m={mode}")
    }
}

/// States with more text than this ([`text_bytes`]) have their links packed in the engine
/// worker: compressing a 1 MB policy takes the page's engine ~80 ms, too long for a keystroke.
pub const LARGE_STATE_BYTES: usize = 32 * 1024;

/// Bytes of text in a state (its policies and World), which decide how its link is written:
/// at once when small, packed in the engine worker after a pause when large.
pub fn text_bytes(state: &AppState) -> usize {
    state.docs.iter().map(|d| d.text.len()).sum::<usize>()
        + state.world.as_ref().map_or(0, String::len)
}

/// Whether a fragment asks for the Effective permissions section open (`t=sweep`).
pub fn sweep_open(fragment: &str) -> bool {
    params(fragment).contains(&("t", "sweep"))
}

/// `fragment` with `&t=sweep` when the Effective permissions section is open.
pub fn with_sweep(fragment: String, open: bool) -> String {
    if open {
        format!("{fragment}&t=sweep")
    } else {
        fragment
    }
}

/// The mode a fragment names (`m=`), if any.
pub fn mode(fragment: &str) -> Option<&str> {
    params(fragment)
        .into_iter()
        .find(|(name, _)| *name == "m")
        .map(|(_, v)| v)
}

/// How an embed may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedMode {
    /// Policies shown, not editable.
    ReadOnly,
    /// Policies editable in place.
    Editable,
}

/// The embed mode a fragment asks for (`None`: the full playground).
pub fn embed_mode(fragment: &str) -> Option<EmbedMode> {
    params(fragment)
        .into_iter()
        .find(|(name, _)| *name == "embed")
        .map(|(_, v)| {
            if v == "edit" {
                EmbedMode::Editable
            } else {
                EmbedMode::ReadOnly
            }
        })
}

/// Whether a fragment asks for the dark theme (`theme=dark`, for embeds on dark pages).
pub fn dark_theme(fragment: &str) -> bool {
    params(fragment).contains(&("theme", "dark"))
}

/// The `<iframe>` HTML that embeds `state` (page URL without fragment as `base`).
pub fn embed_snippet(base: &str, state: &AppState, mode: EmbedMode, height_px: u32) -> String {
    let m = match mode {
        EmbedMode::ReadOnly => "ro",
        EmbedMode::Editable => "edit",
    };
    format!(
        "<iframe src=\"{base}#embed={m}&amp;{}\" title=\"IAM policy example\" width=\"100%\" \
         height=\"{height_px}\" style=\"border:1px solid #ccc;border-radius:6px\" loading=\"lazy\"></iframe>",
        encode(state)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::state::{Expected, Layer};

    fn tricky_state() -> AppState {
        let mut st = AppState::default();
        st.add_doc(Layer::Scp);
        st.request.current_time = Some(1_767_225_600);
        st.request.source_ip = "<img src=x onerror=alert(1)>".into();
        st.docs[0]
            .text
            .push_str("\n  ünïcödé \u{1F600} \"quotes\" \\ & = # ");
        st.expected.push(Expected {
            action: "s3:GetObject".into(),
            resource: "arn:aws:s3:::team-data/report.csv".into(),
            decision: "allowed".into(),
        });
        st
    }

    #[test]
    fn a_world_and_the_mode_travel_in_the_link() {
        let mut st = tricky_state();
        st.world = Some("{\"World\": {\"Accounts\": {}}}".into());
        let frag = fragment(&st, "world");
        assert!(frag.ends_with("&m=world"), "{frag}");
        assert_eq!(mode(&format!("#{frag}")), Some("world"));
        assert_eq!(decode(&frag).unwrap().unwrap().state, st);
        let plain = fragment(&st, "policies");
        assert_eq!(mode(&plain), None);
        assert!(!sweep_open(&plain));
        let open = with_sweep(plain.clone(), true);
        assert!(sweep_open(&format!("#{open}")));
        assert_eq!(decode(&open).unwrap().unwrap().state, st);
        assert_eq!(with_sweep(plain.clone(), false), plain);
        assert_eq!(plain, encode(&st));
        // Links made before the World was shared still open (no `world` field).
        let mut old = st.clone();
        old.world = None;
        assert!(!serde_json::to_string(&old).unwrap().contains("world"));
    }

    #[test]
    fn embed_modes_come_from_the_fragment() {
        assert_eq!(embed_mode("#embed&p1=x"), Some(EmbedMode::ReadOnly));
        assert_eq!(embed_mode("#embed=ro"), Some(EmbedMode::ReadOnly));
        assert_eq!(embed_mode("#p1=x&embed=edit"), Some(EmbedMode::Editable));
        assert_eq!(embed_mode("#p1=x"), None);
        assert_eq!(embed_mode(""), None);
        assert!(dark_theme("#embed=ro&theme=dark&p1=x"));
        assert!(!dark_theme("#embed=ro&p1=x"));
    }

    #[test]
    fn the_snippet_is_an_iframe_whose_link_restores_the_state() {
        let st = AppState::default();
        let html = embed_snippet("https://example.test/play/", &st, EmbedMode::Editable, 480);
        assert!(html.starts_with("<iframe src=\"https://example.test/play/#embed=edit&amp;p1="));
        let frag = html
            .split('#')
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        assert_eq!(decode(&frag).unwrap().unwrap().state, st);
        assert_eq!(embed_mode(&frag), Some(EmbedMode::Editable));
    }
}
