//! The reactive store: the state signals, the evaluation as a `Memo` over them, and the actions
//! components call. Provided once through context by [`crate::app::App`].

use std::rc::Rc;
use std::sync::Arc;

use iam_engine::catalog::Catalog;
use iam_engine::expand::simulate_expanded;
use iam_engine::{simulate, Diagnostic, EvaluationResult, Options, Span};
use leptos::prelude::*;

use crate::explain::range_of;
use crate::monaco::Monaco;
use crate::state::{AppState, BuiltScenario, DocKey, Layer};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light ground.
    Light,
    /// Light text on dark ground.
    Dark,
}

impl Theme {
    /// The `data-theme` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Monaco's theme name.
    pub fn monaco(self) -> &'static str {
        match self {
            Theme::Light => "vs",
            Theme::Dark => "vs-dark",
        }
    }

    /// The other one.
    pub fn toggled(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// What the result pane shows: the latest good results (kept, dimmed, while a policy is
/// broken) and the latest diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Results of the last evaluation that had no error.
    pub results: Option<Arc<Vec<EvaluationResult>>>,
    /// Whether `results` are from an earlier input (the current one has errors).
    pub stale: bool,
    /// Diagnostics of the current input.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// Bumped on every evaluation.
    pub generation: u64,
}

impl PartialEq for Evaluation {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

/// Delay between the last keystroke in an editor and re-evaluation.
pub const EDIT_DEBOUNCE_MS: u32 = 120;

/// The store handle (all fields are `Copy` signals).
#[derive(Clone, Copy)]
pub struct Store {
    /// Policies and request.
    pub state: RwSignal<AppState>,
    /// The layer whose tab is open.
    pub layer: RwSignal<Layer>,
    /// The document shown in the editor.
    pub selected: RwSignal<Option<DocKey>>,
    /// Which (action, resource) result the trace shows.
    pub result_index: RwSignal<usize>,
    /// Colour theme.
    pub theme: RwSignal<Theme>,
    /// The engine input, derived from `state`.
    pub built: Memo<BuiltScenario>,
    /// The engine output, derived from `built`.
    pub evaluation: Memo<Evaluation>,
    /// The editor, once Monaco has loaded.
    pub editor: RwSignal<Option<Rc<Monaco>>, LocalStorage>,
    /// A message for the user (editor failed to load, link damaged, link copied…).
    pub notice: RwSignal<Option<String>>,
    /// The AWS service catalog once loaded (see [`crate::catalog_loader`]): wildcard actions
    /// in the request (`s3:Get*`) are expanded against it.
    pub catalog: RwSignal<Option<Rc<Catalog>>, LocalStorage>,
}

/// Seconds since the UNIX epoch, from the browser clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

impl Store {
    /// Create the signals and derived values.
    pub fn new(initial: AppState, theme: Theme) -> Self {
        let first = initial.layer_docs(Layer::Identity).next().map(|d| d.key);
        let state = RwSignal::new(initial);
        let built = Memo::new(move |_| state.with(AppState::to_scenario));
        let catalog = RwSignal::new_local(None::<Rc<Catalog>>);
        let frozen = Memo::new(move |_| state.with(|s| s.request.current_time));
        let evaluation = Memo::new(move |prev: Option<&Evaluation>| {
            let now = frozen.get().unwrap_or_else(now_seconds);
            let opts = Options {
                trace: true,
                now_epoch_seconds: Some(now),
            };
            let outcome = built.with(|b| {
                let wildcards = b
                    .scenario
                    .action_names
                    .iter()
                    .any(|a| a != "*" && a.contains(['*', '?']));
                // Wildcard actions are expanded once the catalog is there (tracked only then).
                match wildcards.then(|| catalog.get()).flatten() {
                    Some(c) => simulate_expanded(&b.scenario, &opts, &c),
                    None => simulate(&b.scenario, &opts),
                }
            });
            let generation = prev.map_or(1, |p| p.generation + 1);
            let diagnostics = Arc::new(outcome.diagnostics);
            match outcome.results {
                Some(r) => Evaluation {
                    results: Some(Arc::new(r)),
                    stale: false,
                    diagnostics,
                    generation,
                },
                None => Evaluation {
                    results: prev.and_then(|p| p.results.clone()),
                    stale: true,
                    diagnostics,
                    generation,
                },
            }
        });
        Self {
            state,
            layer: RwSignal::new(Layer::Identity),
            selected: RwSignal::new(first),
            result_index: RwSignal::new(0),
            theme: RwSignal::new(theme),
            built,
            evaluation,
            editor: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            catalog,
        }
    }

    /// Open a layer's tab and show its first document.
    pub fn open_layer(&self, layer: Layer) {
        self.layer.set(layer);
        let first = self
            .state
            .with_untracked(|s| s.layer_docs(layer).next().map(|d| d.key));
        self.selected.set(first);
    }

    /// Add a document to the open layer and show it.
    pub fn add_doc(&self) {
        let layer = self.layer.get_untracked();
        let mut key = None;
        self.state.update(|s| key = s.add_doc(layer));
        if key.is_some() {
            self.selected.set(key);
        }
    }

    /// Remove a document; the layer's first remaining document is shown.
    pub fn remove_doc(&self, key: DocKey) {
        self.state.update(|s| s.remove_doc(key));
        if self.selected.get_untracked() == Some(key) {
            self.open_layer(self.layer.get_untracked());
        }
    }

    /// Replace the policies, request and expectations (example reset, gallery, import); the
    /// World mode's scenario is kept.
    pub fn replace(&self, mut next: AppState) {
        if next.world.is_none() {
            next.world = self.state.with_untracked(|s| s.world.clone());
        }
        // Fresh keys, so no editor model of the old state is mistaken for a new document.
        let mut key = self
            .state
            .with_untracked(|s| s.docs.iter().map(|d| d.key).fold(s.next_key, u32::max));
        for d in next.docs.iter_mut() {
            key = key.wrapping_add(1);
            d.key = key;
        }
        next.next_key = key;
        self.state.set(next);
        self.result_index.set(0);
        self.open_layer(Layer::Identity);
    }

    /// The index of the result the trace shows (the last one when fewer results remain).
    pub fn shown_index(&self) -> usize {
        let i = self.result_index.get();
        let len = self
            .evaluation
            .with(|e| e.results.as_ref().map_or(0, |r| r.len()));
        i.min(len.saturating_sub(1))
    }

    /// The result the trace shows.
    pub fn current_result(&self) -> Option<EvaluationResult> {
        let i = self.shown_index();
        self.evaluation
            .with(|e| e.results.as_ref().and_then(|r| r.get(i).cloned()))
    }

    /// Select a span of a policy in its editor (switching tabs as needed).
    pub fn focus(&self, policy_id: &str, span: Span) {
        let Some(key) = self.built.with_untracked(|b| b.doc_of(policy_id)) else {
            return;
        };
        if let Some(layer) = self.state.with_untracked(|s| s.doc(key).map(|d| d.layer)) {
            self.layer.set(layer);
        }
        self.selected.set(Some(key));
        let range = range_of(&span);
        if let Some(editor) = self.editor.get_untracked() {
            let focus = crate::monaco::Decoration {
                range,
                class_name: "trace-focus",
                hover: String::new(),
                ruler: "#3b82f6",
            };
            let all_keys = editor.open_keys();
            for k in all_keys {
                let list = if k == key {
                    std::slice::from_ref(&focus)
                } else {
                    &[]
                };
                report(self.notice, editor.set_decorations(k, "focus", list));
            }
            report(self.notice, editor.focus_range(key, range));
        }
    }
}

/// Show an editor failure to the user instead of dropping it.
pub fn report(notice: RwSignal<Option<String>>, r: Result<(), crate::monaco::MonacoError>) {
    if let Err(e) = r {
        notice.set(Some(e.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::EvalDecision;

    fn frozen_example() -> AppState {
        let mut s = AppState::default();
        s.request.current_time = Some(1_767_225_600);
        s
    }

    fn first_decision(store: &Store) -> Option<EvalDecision> {
        store.evaluation.with_untracked(|e| {
            e.results
                .as_ref()
                .and_then(|r| r.first().map(|r| r.eval_decision))
        })
    }

    #[test]
    fn a_broken_policy_keeps_the_last_good_result_dimmed() {
        let owner = Owner::new();
        owner.with(|| {
            let store = Store::new(frozen_example(), Theme::Light);
            assert_eq!(first_decision(&store), Some(EvalDecision::Allowed));
            assert!(!store.evaluation.with_untracked(|e| e.stale));

            store.state.update(|s| s.docs[0].text.push('}'));
            let e = store.evaluation.get_untracked();
            assert!(e.stale);
            assert!(e.diagnostics.iter().any(|d| d.is_error()));
            assert_eq!(first_decision(&store), Some(EvalDecision::Allowed));

            store
                .state
                .update(|s| s.request.resource_tags[0].value = "ops".into());
            assert!(store.evaluation.with_untracked(|e| e.stale));
            store.state.update(|s| {
                s.docs[0].text.pop();
            });
            assert!(!store.evaluation.with_untracked(|e| e.stale));
            assert_eq!(first_decision(&store), Some(EvalDecision::ImplicitDeny));
        });
    }

    #[test]
    fn results_follow_the_request_and_the_shown_index_stays_in_range() {
        let owner = Owner::new();
        owner.with(|| {
            let store = Store::new(frozen_example(), Theme::Light);
            store.result_index.set(1);
            assert_eq!(
                store.current_result().map(|r| r.eval_action_name),
                Some("s3:DeleteObject".to_string())
            );
            store
                .state
                .update(|s| s.request.actions = "s3:GetObject".into());
            assert_eq!(store.shown_index(), 0);
            assert!(store
                .current_result()
                .and_then(|r| r.trace)
                .is_some_and(|t| !t.layers.is_empty()));
        });
    }

    #[test]
    fn documents_are_added_removed_and_replaced_with_fresh_keys() {
        let owner = Owner::new();
        owner.with(|| {
            let store = Store::new(frozen_example(), Theme::Light);
            let old_key = store.selected.get_untracked();
            store.open_layer(Layer::Scp);
            assert_eq!(store.selected.get_untracked(), None);
            store.add_doc();
            let scp = store.selected.get_untracked();
            assert!(scp.is_some());
            assert!(store
                .built
                .with_untracked(|b| b.scenario.scp_levels.len() == 1));
            store.remove_doc(scp.unwrap_or_default());
            assert_eq!(store.selected.get_untracked(), None);

            store.replace(frozen_example());
            let new_key = store.selected.get_untracked();
            assert!(new_key.is_some());
            assert_ne!(new_key, old_key);
            assert_eq!(store.layer.get_untracked(), Layer::Identity);
        });
    }
}
