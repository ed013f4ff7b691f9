//! The gallery: curated scenarios, each with a short explanation and the decisions it should
//! get (so opening one is also an exercise). The data is `gallery.json` beside this file, written by
//! `scripts/gen-gallery.py`; a test checks every stated decision against the engine.

use leptos::prelude::*;
use serde::Deserialize;

use crate::model::cli_input::state_from_scenario;
use crate::model::state::{AppState, Expected};
use crate::store::Store;

const DATA: &str = include_str!("gallery.json");
/// `aws:CurrentTime` of every gallery scenario (2026-01-01T00:00:00Z), so links reproduce.
const FROZEN_TIME: i64 = 1_767_225_600;

/// One curated scenario.
#[derive(Debug, Clone, Deserialize)]
pub struct GalleryItem {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it shows, in a few sentences.
    pub explanation: String,
    /// The decision each request should get.
    pub expected: Vec<Expected>,
    /// A `simulate-custom-policy` document (with the scenario format's extensions).
    scenario: serde_json::Value,
}

impl GalleryItem {
    /// The playground state of this scenario, expectations included.
    pub fn to_state(&self) -> Option<AppState> {
        let text = serde_json::to_string(&self.scenario).ok()?;
        let scenario = iam_engine::parse_scenario(&text).ok()?;
        let mut st = state_from_scenario(&scenario);
        st.request.current_time = Some(FROZEN_TIME);
        st.expected = self.expected.clone();
        Some(st)
    }
}

/// Every gallery scenario, in display order.
pub fn items() -> Vec<GalleryItem> {
    serde_json::from_str(DATA).unwrap_or_default()
}

/// The gallery panel: one button per scenario; the chosen one's explanation stays visible.
#[component]
pub fn Gallery() -> impl IntoView {
    let store = expect_context::<Store>();
    let chosen = RwSignal::new(None::<(String, String)>);
    let list = items()
        .into_iter()
        .map(|item| {
            let id = item.id.clone();
            let title = item.title.clone();
            let open = move |_| {
                if let Some(st) = item.to_state() {
                    store.replace(st);
                    chosen.set(Some((item.title.clone(), item.explanation.clone())));
                }
            };
            view! {
                <li><button type="button" class="gallery-item" data-gallery=id on:click=open>{title}</button></li>
            }
        })
        .collect_view();
    view! {
        <ul class="gallery">{list}</ul>
        {move || chosen.get().map(|(title, text)| view! {
            <p class="gallery-explanation"><strong>{title}</strong>": "{text}</p>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::{simulate, Options};

    #[test]
    fn there_are_at_least_twelve_scenarios_with_unique_ids() {
        let all = items();
        assert!(all.len() >= 12, "{}", all.len());
        let mut ids: Vec<_> = all.iter().map(|i| i.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn every_scenario_gets_its_stated_decisions_without_errors() {
        let opts = Options {
            trace: false,
            now_epoch_seconds: Some(FROZEN_TIME),
        };
        for item in items() {
            let st = item.to_state().unwrap();
            let out = simulate(&st.to_scenario().scenario, &opts);
            let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", item.id);
            let results = out.results.unwrap();
            assert_eq!(results.len(), item.expected.len(), "{}", item.id);
            for e in &item.expected {
                let r = results
                    .iter()
                    .find(|r| r.eval_action_name == e.action && r.eval_resource_name == e.resource)
                    .unwrap();
                assert_eq!(r.eval_decision.as_str(), e.decision, "{}: {e:?}", item.id);
            }
            assert!(!item.explanation.is_empty() && !item.title.is_empty());
        }
    }
}
