//! The AWS managed policies in the page: `aws-managed-policies.txt` (copied by Trunk next to
//! the page, ~3.3 MB raw / ~0.44 MB gzip) is fetched from the page's own origin only when a
//! scenario names a managed policy or the picker opens, so it never delays the first decision
//! of a scenario that does not; parsed by the engine into [`Store::managed`]. The fetched size
//! and the fetch and parse times go on the root element as `data-managed-bytes`,
//! `data-managed-fetch-ms` and `data-managed-parse-ms` (figures and tests read them). The
//! [`Store`](super::Store) calls these with its signals (`Store::ensure_managed`, …).

use std::rc::Rc;

use iam_engine::policy::managed::ManagedPolicies;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::managed::{complete, hover, MANAGED_URL};
use crate::platform::fetch::fetch_text;
use crate::platform::monaco::{Monaco, MonacoError};
use crate::platform::page::{now_ms, set_root_attribute};

/// The signals loading touches.
#[derive(Clone, Copy)]
pub struct Signals {
    /// The loaded policies.
    pub managed: RwSignal<Option<Rc<ManagedPolicies>>, LocalStorage>,
    /// Where loading is.
    pub load: RwSignal<Load>,
    /// Where a failure is told.
    pub notice: RwSignal<Option<String>>,
}

/// Where loading the managed policies is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load {
    /// Not asked for yet.
    Idle,
    /// Being fetched and parsed.
    Loading,
    /// Loaded ([`Store::managed`] holds them).
    Ready,
    /// Failed, with why.
    Failed(String),
}

/// What the page says while they load.
pub const LOADING: &str = "loading AWS managed policies…";

/// Start loading the managed policies, unless that has started already.
pub fn ensure_loaded(sig: Signals) {
    if sig.load.get_untracked() != Load::Idle {
        return;
    }
    sig.load.set(Load::Loading);
    spawn_local(async move {
        match load().await {
            Ok(m) => {
                sig.managed.set(Some(Rc::new(m)));
                sig.load.set(Load::Ready);
            }
            Err(e) => {
                sig.notice.set(Some(format!(
                    "the AWS managed policies did not load ({e}); paste the policy documents instead"
                )));
                sig.load.set(Load::Failed(e));
            }
        }
    });
}

async fn load() -> Result<ManagedPolicies, String> {
    let t0 = now_ms();
    let text = fetch_text(MANAGED_URL).await?;
    let t1 = now_ms();
    let bytes = text.len();
    let managed = ManagedPolicies::parse(text).map_err(|e| e.to_string())?;
    let t2 = now_ms();
    set_root_attribute("data-managed-bytes", &bytes.to_string());
    // Whole milliseconds, written as integers: a float printer would be the embed's only one.
    set_root_attribute("data-managed-fetch-ms", &whole_ms(t1 - t0).to_string());
    set_root_attribute("data-managed-parse-ms", &whole_ms(t2 - t1).to_string());
    Ok(managed)
}

/// A duration in milliseconds rounded to whole milliseconds.
fn whole_ms(ms: f64) -> i64 {
    ms.round() as i64
}

/// Completion and hover of managed-policy ARNs in every editor of the page (the first request
/// that could use them loads the data; until then they offer nothing).
pub fn install_help(sig: Signals, editor: &Monaco) -> Result<(), MonacoError> {
    editor.install_managed_help(
        move |text, offset| {
            let answer = sig.managed.with_untracked(|m| {
                m.as_deref()
                    .and_then(|m| complete(m, &text, offset))
                    .and_then(|x| serde_json::to_string(&x).ok())
            });
            if answer.is_none() && text.contains("arn:") {
                ensure_loaded(sig);
            }
            answer.unwrap_or_default()
        },
        move |text, offset| {
            sig.managed.with_untracked(|m| {
                m.as_deref()
                    .and_then(|m| hover(m, &text, offset))
                    .and_then(|x| serde_json::to_string(&x).ok())
                    .unwrap_or_default()
            })
        },
    )
}
