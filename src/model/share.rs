//! Shareable state: the whole [`AppState`] in the URL fragment, so a link restores policies,
//! request and expectations exactly and nothing is sent to any server.
//!
//! A fragment is a list of `name=value` parameters separated by `&`:
//! - `p1=DATA` (or the earlier `s=DATA`): the state, see `link`;
//! - `m=world` / `m=password`: the mode shown (absent: Policies);
//! - `t=sweep`: the Effective permissions section is open;
//! - `scenario=DATA`: a scenario document as a docs page writes it, see `scenario` (the embed
//!   page's and `embed.js`'s links);
//! - `embed` / `embed=ro` / `embed=edit`: embed mode ([`EmbedMode`]); `theme=dark|auto` with
//!   it ([`EmbedTheme`]).
//!
//! Files:
//! - `params`: the parameters of a fragment
//! - `link`: the state parameter, its format and versions
//! - `scenario`: the scenario parameter (a scenario document's text)

mod link;
mod params;
mod scenario;

pub use link::{
    decode, encode, envelope_json, state_param, Envelope, ShareError, Shared, CATALOG_VERSION,
    ENGINE_VERSION, FORMAT,
};
pub use params::params;
pub use scenario::{scenario_param, scenario_text, SCENARIO};

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

impl EmbedMode {
    /// The value of `embed=` (and of embed.js's `mode`): `ro` or `edit`.
    pub fn id(self) -> &'static str {
        match self {
            EmbedMode::ReadOnly => "ro",
            EmbedMode::Editable => "edit",
        }
    }
}

/// The colours of an embed: `theme=light` (the default), `dark`, or `auto` (the reader's
/// system setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedTheme {
    /// Light colours.
    Light,
    /// Dark colours, for dark documentation pages.
    Dark,
    /// Whatever the reader's system prefers.
    Auto,
}

impl EmbedTheme {
    /// The value of `theme=`.
    pub fn id(self) -> &'static str {
        match self {
            EmbedTheme::Light => "light",
            EmbedTheme::Dark => "dark",
            EmbedTheme::Auto => "auto",
        }
    }
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

/// The theme a fragment asks for (`theme=dark|auto`; anything else is light).
pub fn embed_theme(fragment: &str) -> EmbedTheme {
    match params(fragment)
        .into_iter()
        .find(|(name, _)| *name == "theme")
    {
        Some((_, "dark")) => EmbedTheme::Dark,
        Some((_, "auto")) => EmbedTheme::Auto,
        _ => EmbedTheme::Light,
    }
}

/// Whether a fragment asks for the dark theme (`theme=dark`, for embeds on dark pages).
pub fn dark_theme(fragment: &str) -> bool {
    embed_theme(fragment) == EmbedTheme::Dark
}

/// `base` (the URL of the folder the site is served from) ending with `/`.
fn folder(base: &str) -> String {
    let base = base.trim();
    let base = base.strip_suffix("index.html").unwrap_or(base);
    if base.is_empty() || base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// The address of the embed page of the site at `base` (a folder URL; empty: relative to the
/// current page) showing the scenario `text`: `BASE/embed.html#embed=ro&scenario=…`.
pub fn embed_url(base: &str, text: &str, mode: EmbedMode, theme: EmbedTheme) -> String {
    let theme = match theme {
        EmbedTheme::Light => String::new(),
        t => format!("&theme={}", t.id()),
    };
    format!(
        "{}embed.html#embed={}{theme}&{}",
        folder(base),
        mode.id(),
        scenario_param(text)
    )
}

/// The full playground at `base` opened on the scenario `text`: `BASE/#scenario=…`.
pub fn playground_url(base: &str, text: &str) -> String {
    format!("{}#{}", folder(base), scenario_param(text))
}

/// `text` as HTML text or a double-quoted attribute value.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The `<iframe>` HTML of an embed (`height_px` tall; `BASE/embed.js` on the page fits it to
/// its content), titled `title` for screen readers.
pub fn iframe_html(
    base: &str,
    text: &str,
    (mode, theme): (EmbedMode, EmbedTheme),
    title: &str,
    height_px: u32,
) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height_px}\" \
         loading=\"lazy\" style=\"border:0\" data-iam-playground></iframe>",
        html_escape(&embed_url(base, text, mode, theme)),
        html_escape(title)
    )
}

/// The `<script>` tag a docs page adds once to turn its examples into embeds.
pub fn script_tag(base: &str) -> String {
    format!(
        "<script src=\"{}embed.js\" defer></script>",
        html_escape(&folder(base))
    )
}

/// The `<pre class="iam-playground">` block of the scenario `text`, which `embed.js` turns
/// into an embed and `iam-sim test` checks (`data-mode` and `data-theme` only when not the
/// defaults).
pub fn pre_block(text: &str, (mode, theme): (EmbedMode, EmbedTheme)) -> String {
    let mut attrs = String::new();
    if mode == EmbedMode::Editable {
        attrs.push_str(" data-mode=\"edit\"");
    }
    if theme != EmbedTheme::Light {
        attrs.push_str(&format!(" data-theme=\"{}\"", theme.id()));
    }
    let body = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<pre class=\"iam-playground\"{attrs}>\n{body}\n</pre>")
}

/// A Markdown link that opens the scenario `text` in the playground at `base`.
pub fn markdown_link(base: &str, text: &str, label: &str) -> String {
    let label = label.replace('[', "\\[").replace(']', "\\]");
    format!("[{label}]({})", playground_url(base, text))
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

    const DOC: &str = "{\n  \"ActionNames\": [\"s3:GetObject\"],\n  \"X\": \"a<b & \\\"c\\\"\"\n}";

    /// The fragment of an address (`&amp;` read back as `&`).
    fn fragment_of(url: &str) -> String {
        url.split_once('#').unwrap().1.replace("&amp;", "&")
    }

    #[test]
    fn embed_addresses_carry_mode_theme_and_the_scenario_text() {
        let url = embed_url(
            "https://docs.example.test/iam",
            DOC,
            EmbedMode::Editable,
            EmbedTheme::Dark,
        );
        assert!(
            url.starts_with(
                "https://docs.example.test/iam/embed.html#embed=edit&theme=dark&scenario="
            ),
            "{url}"
        );
        let frag = fragment_of(&url);
        assert_eq!(embed_mode(&frag), Some(EmbedMode::Editable));
        assert_eq!(embed_theme(&frag), EmbedTheme::Dark);
        assert_eq!(scenario_text(&frag), Some(Ok(DOC.to_string())));
        // A folder's index page, a folder without `/`, the current folder.
        for base in [
            "https://h.test/p/index.html",
            "https://h.test/p",
            "https://h.test/p/",
        ] {
            assert!(embed_url(base, DOC, EmbedMode::ReadOnly, EmbedTheme::Light)
                .starts_with("https://h.test/p/embed.html#embed=ro&scenario="));
        }
        assert!(embed_url("", DOC, EmbedMode::ReadOnly, EmbedTheme::Auto)
            .starts_with("embed.html#embed=ro&theme=auto&"));
        let open = playground_url("https://h.test/p/", DOC);
        assert_eq!(
            scenario_text(&fragment_of(&open)),
            Some(Ok(DOC.to_string()))
        );
        assert!(open.starts_with("https://h.test/p/#scenario="));
    }

    #[test]
    fn snippets_are_escaped_html_and_markdown_that_read_back() {
        let opts = (EmbedMode::ReadOnly, EmbedTheme::Light);
        let html = iframe_html("https://h.test/p/", DOC, opts, "IAM \"example\"", 300);
        assert!(
            html.starts_with("<iframe src=\"https://h.test/p/embed.html#embed=ro&amp;scenario="),
            "{html}"
        );
        assert!(html.contains("title=\"IAM &quot;example&quot;\""));
        assert!(html.contains("height=\"300\"") && html.contains("data-iam-playground"));
        let src = html.split('"').nth(1).unwrap();
        assert_eq!(scenario_text(&fragment_of(src)), Some(Ok(DOC.to_string())));
        assert_eq!(
            script_tag("https://h.test/p"),
            "<script src=\"https://h.test/p/embed.js\" defer></script>"
        );

        let pre = pre_block(DOC, opts);
        assert!(pre.starts_with("<pre class=\"iam-playground\">\n{"));
        assert!(pre.contains("a&lt;b &amp; \\\"c\\\""), "{pre}");
        let pre = pre_block(DOC, (EmbedMode::Editable, EmbedTheme::Dark));
        assert!(pre
            .starts_with("<pre class=\"iam-playground\" data-mode=\"edit\" data-theme=\"dark\">"));

        let md = markdown_link("https://h.test/p/", DOC, "Try [it]");
        assert!(
            md.starts_with("[Try \\[it\\]](https://h.test/p/#scenario="),
            "{md}"
        );
    }

    #[test]
    fn embed_modes_and_themes_come_from_the_fragment() {
        assert_eq!(embed_theme("#embed&theme=auto"), EmbedTheme::Auto);
        assert_eq!(embed_theme("#embed&theme=other"), EmbedTheme::Light);
        assert_eq!(EmbedMode::Editable.id(), "edit");
    }
}
