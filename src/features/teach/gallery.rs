//! The gallery: curated scenarios, each with a short explanation and the decisions it should
//! get (so opening one is also an exercise). The data is `gallery.json` beside this file, written by
//! `scripts/gen-gallery.py`; a test checks every stated decision against the engine. It is not
//! compiled into the app: the build copies it next to the page (index.html, [`URL`]), the
//! service worker keeps it for offline use, and the gallery fetches it when first opened.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use crate::model::cli_input::state_from_scenario;
use crate::model::state::{AppState, Expected};
use crate::platform::fetch::fetch_text;
use crate::store::Store;

/// Where the gallery's data is, relative to the page.
pub const URL: &str = "gallery.json";
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

/// Every gallery scenario of `data` (the text of [`URL`]), in display order.
pub fn items(data: &str) -> Result<Vec<GalleryItem>, String> {
    serde_json::from_str(data).map_err(|e| format!("the gallery cannot be read: {e}"))
}

/// The gallery's scenarios, fetched from the page's origin.
async fn fetch() -> Result<Vec<GalleryItem>, String> {
    let data = fetch_text(URL)
        .await
        .map_err(|e| format!("the gallery could not be loaded: {e}"))?;
    items(&data)
}

/// The gallery panel: one button per scenario; the chosen one's explanation stays visible. The
/// scenarios are fetched the first time `shown` is set.
#[component]
pub fn Gallery(
    /// Whether the gallery's section is open.
    shown: Signal<bool>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let chosen = RwSignal::new(None::<(String, String)>);
    let loaded = RwSignal::new(None::<Result<Vec<GalleryItem>, String>>);
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if shown.get() && !asked.get_value() {
            asked.set_value(true);
            spawn_local(async move { loaded.set(Some(fetch().await)) });
        }
    });
    let list = move || match loaded.get() {
        None => view! { <li class="muted gallery-loading">"Loading the gallery…"</li> }.into_any(),
        Some(Err(e)) => view! { <li class="gallery-error" role="alert">{e}</li> }.into_any(),
        Some(Ok(items)) => gallery_list(store, chosen, items),
    };
    view! {
        <ul class="gallery">{list}</ul>
        {move || chosen.get().map(|(title, text)| view! {
            <p class="gallery-explanation"><strong>{title}</strong>": "{text}</p>
        })}
    }
}

/// One button per scenario of `items`.
fn gallery_list(
    store: Store,
    chosen: RwSignal<Option<(String, String)>>,
    items: Vec<GalleryItem>,
) -> AnyView {
    items
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
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::{simulate, Options};

    const DATA: &str = include_str!("gallery.json");

    #[test]
    fn the_build_copies_the_gallery_next_to_the_page() {
        let html = include_str!("../../../index.html");
        assert!(html.contains(&format!(
            r#"rel="copy-file" href="src/features/teach/{URL}""#
        )));
        assert!(items("not json").is_err());
    }

    #[test]
    fn there_are_at_least_twelve_scenarios_with_unique_ids() {
        let all = items(DATA).unwrap();
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
        for item in items(DATA).unwrap() {
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
