//! Validation findings as editor markers: every policy document is linted by
//! `iam_engine::lint::lint_policy` (with the AWS service catalog once it has loaded) whenever
//! its text changes (the editor already debounces edits), and the findings join the engine's
//! own diagnostics on the document's markers, without duplicates.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use iam_engine::catalog::Catalog;
use iam_engine::lint::{lint_policy, Finding, FindingKind, PolicyType};
use leptos::prelude::*;

use crate::model::state::{DocKey, Layer};
use crate::platform::monaco::{Marker, MarkerSeverity};
use crate::store::explain::{self, range_of};
use crate::store::live::Route;
use crate::store::{report, Store};

/// How a layer's documents are validated.
pub fn policy_type(layer: Layer) -> PolicyType {
    match layer {
        Layer::Identity => PolicyType::Identity,
        Layer::Boundary => PolicyType::Boundary,
        Layer::Scp => PolicyType::ServiceControl,
        Layer::Rcp => PolicyType::ResourceControl,
        Layer::Resource => PolicyType::Resource,
        Layer::Session => PolicyType::Session,
        Layer::VpcEndpoint => PolicyType::VpcEndpoint,
    }
}

/// A finding as a marker: severity by kind, the help line under the message, the code apart.
pub fn marker(f: &Finding) -> Marker {
    Marker {
        range: range_of(&f.span),
        message: format!("{}\nhelp: {}", f.message, f.help),
        severity: match f.kind {
            FindingKind::Error => MarkerSeverity::Error,
            FindingKind::SecurityWarning | FindingKind::Warning => MarkerSeverity::Warning,
            FindingKind::Suggestion => MarkerSeverity::Info,
        },
        code: f.code.to_string(),
    }
}

/// The engine's markers plus the lint markers that say something new: a finding at the same
/// place with the same code, or the same message, as an engine diagnostic is left out. Linear
/// in the number of markers (a large document may have thousands of findings).
pub fn merge(engine: &[Marker], lint: &[Marker]) -> Vec<Marker> {
    let start = |x: &Marker| (x.range.start_line_number, x.range.start_column);
    let first_line = |s: &str| s.lines().next().unwrap_or_default().to_string();
    let mut at: HashMap<(u32, u32), Vec<(&str, String)>> = HashMap::new();
    for e in engine {
        at.entry(start(e))
            .or_default()
            .push((e.code.as_str(), first_line(&e.message)));
    }
    let mut out = engine.to_vec();
    out.extend(
        lint.iter()
            .filter(|m| {
                at.get(&start(m)).is_none_or(|list| {
                    let line = first_line(&m.message);
                    !list
                        .iter()
                        .any(|(code, msg)| *code == m.code || msg.starts_with(&line))
                })
            })
            .cloned(),
    );
    out
}

type Cache = Arc<Mutex<HashMap<DocKey, (String, Layer, bool, Vec<Marker>)>>>;

/// Lint findings per document, recomputed only for documents whose text, layer or catalog
/// changed.
fn lint_markers(store: Store) -> Memo<Vec<(DocKey, Vec<Marker>)>> {
    let cache: Cache = Arc::default();
    Memo::new(move |_| {
        // Large inputs are linted in the engine worker, with the evaluation.
        if store.input.with(|i| i.route) == Route::Worker {
            let findings = store.evaluation.with(|e| e.findings.clone());
            return store.built.with(|b| {
                findings
                    .iter()
                    .flat_map(|f| f.iter())
                    .filter_map(|(id, list)| {
                        Some((b.doc_of(id)?, list.iter().map(marker).collect()))
                    })
                    .collect()
            });
        }
        let catalog: Option<Rc<Catalog>> = store.catalog.get();
        let has_catalog = catalog.is_some();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let out: Vec<(DocKey, Vec<Marker>)> = store.state.with(|s| {
            s.docs
                .iter()
                .map(|d| {
                    if let Some((text, layer, c, m)) = cache.get(&d.key) {
                        if *text == d.text && *layer == d.layer && *c == has_catalog {
                            return (d.key, m.clone());
                        }
                    }
                    // A document naming an AWS managed policy holds an ARN, not a policy: the
                    // engine checks the name.
                    let findings = if crate::model::managed::reference(&d.text).is_some() {
                        Vec::new()
                    } else {
                        lint_policy(&d.text, policy_type(d.layer), catalog.as_deref())
                    };
                    let markers: Vec<Marker> = findings.iter().map(marker).collect();
                    cache.insert(
                        d.key,
                        (d.text.clone(), d.layer, has_catalog, markers.clone()),
                    );
                    (d.key, markers)
                })
                .collect()
        });
        cache.retain(|k, _| out.iter().any(|(key, _)| key == k));
        out
    })
}

/// Effect: the engine's diagnostics and the lint findings as markers on every document.
pub fn show_markers(store: Store, models: ReadSignal<u32>) {
    let lint = lint_markers(store);
    Effect::new(move |_| {
        models.track();
        let Some(editor) = store.editor.get() else {
            return;
        };
        let diagnostics = store.evaluation.with(|e| e.diagnostics.clone());
        let per_doc = store.built.with(|b| explain::markers(&diagnostics, b));
        lint.with(|lint| {
            let keys = lint.iter().map(|(k, _)| *k);
            let keys: Vec<DocKey> = per_doc.iter().map(|(k, _)| *k).chain(keys).collect();
            let mut done: Vec<DocKey> = Vec::new();
            for key in keys {
                if done.contains(&key) {
                    continue;
                }
                done.push(key);
                let engine = per_doc.iter().find(|(k, _)| *k == key).map(|(_, m)| m);
                let found = lint.iter().find(|(k, _)| *k == key).map(|(_, m)| m);
                let merged = merge(
                    engine.map_or(&[][..], Vec::as_slice),
                    found.map_or(&[][..], Vec::as_slice),
                );
                report(store.notice, editor.set_markers(key, &merged));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_become_markers_by_kind_without_repeating_engine_diagnostics() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}"#;
        let catalog =
            Catalog::parse(include_str!("../../../crates/engine/data/iam-catalog.txt")).ok();
        let findings = lint_policy(text, PolicyType::Identity, catalog.as_ref());
        let markers: Vec<Marker> = findings.iter().map(marker).collect();
        let unknown = markers.iter().find(|m| m.code == "unknown-action");
        assert!(
            unknown.is_some_and(|m| m.message.contains("did you mean")),
            "{markers:?}"
        );
        assert_eq!(unknown.map(|m| m.severity), Some(MarkerSeverity::Error));
        let merged = merge(&markers, &markers);
        assert_eq!(merged.len(), markers.len());
    }

    #[test]
    fn engine_errors_are_not_repeated_by_the_linter() {
        use crate::model::state::AppState;
        use iam_engine::{simulate, Options};
        let cases = [
            "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}"#,
        ];
        for text in cases {
            let mut st = AppState::default();
            st.docs[0].text = text.into();
            let built = st.to_scenario();
            let out = simulate(&built.scenario, &Options::default());
            let engine = explain::markers(&out.diagnostics, &built);
            let engine = engine.first().map(|(_, m)| m.clone()).unwrap_or_default();
            let lint: Vec<Marker> = lint_policy(text, PolicyType::Identity, None)
                .iter()
                .map(marker)
                .collect();
            let merged = merge(&engine, &lint);
            let mut places: Vec<_> = merged
                .iter()
                .filter(|m| m.severity == MarkerSeverity::Error)
                .map(|m| (m.range.start_line_number, m.range.start_column))
                .collect();
            let n = places.len();
            places.dedup();
            assert_eq!(places.len(), n, "{text}: {merged:#?}");
        }
    }
}
