//! ③ The reactive store: the state signals, the evaluation as a `Memo` over them, and the
//! actions components call. The shell provides one [`Store`] through context; the embed makes
//! its own.
//!
//! - `theme`: light or dark ([`Theme`])
//! - `live`: where an input is evaluated (page or engine worker) and when
//! - `evaluation`: the engine's answer for the current input ([`Evaluation`])
//! - `explain`: the engine's results in words and editor ranges
//! - `managed`: the AWS managed policies, fetched once a scenario (or the picker) needs them,
//!   and their completion and hover in the editors

mod evaluation;
pub mod explain;
pub mod live;
pub mod managed;
mod theme;

use std::rc::Rc;
use std::sync::Arc;

use iam_engine::catalog::Catalog;
use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::{EvaluationResult, Span};
use leptos::prelude::*;

use crate::model::examples::WORLD_EXAMPLE;
use crate::model::state::{AppState, BuiltScenario, DocKey, Layer};
use crate::platform::monaco::{Decoration, Monaco, MonacoError};
use crate::platform::page::{monotonic_ms, now_seconds};
use explain::range_of;
use live::{policy_bytes, route, Cost, Input, Route, WorkerAnswer};

pub use evaluation::{has_wildcard_actions, Evaluation};
pub use live::LeftOut;
pub use live::EDIT_DEBOUNCE_MS;
pub use theme::Theme;

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
    /// The AWS service catalog once loaded (by the editor feature, after the first decision):
    /// wildcard actions in the request (`s3:Get*`) are expanded against it, the editor lints
    /// and helps with it.
    pub catalog: RwSignal<Option<Rc<Catalog>>, LocalStorage>,
    /// Whether the Effective permissions section is open (it is in the URL, `t=sweep`).
    pub sweep_open: RwSignal<bool>,
    /// The input to evaluate, numbered, with where it is evaluated.
    pub input: Memo<Input>,
    /// The engine worker's latest answer to a large input.
    pub answer: RwSignal<Option<Arc<WorkerAnswer>>>,
    /// A large input is being evaluated in the engine worker: `evaluation` is of an earlier
    /// input (shown dimmed until the answer comes).
    pub pending: Memo<bool>,
    /// Set while no engine worker can run: until [`Store::evaluate_large_inputs_in_the_worker`]
    /// starts one (the embed never does), or when it failed. Large inputs are then evaluated on
    /// the page rather than waiting for an answer that would never come.
    pub worker_failed: RwSignal<bool>,
    /// What the last finished evaluation cost (it decides where the next one runs).
    pub cost: StoredValue<Cost>,
    /// The exercise's teacher view: every answer shown even when answers are hidden until
    /// predicted (never in the link, so learners opening it predict first).
    pub reveal: RwSignal<bool>,
    /// The AWS managed policies once loaded (`store::managed`: only when a scenario names one
    /// or the picker opens, never before the first decision).
    pub managed: RwSignal<Option<Rc<ManagedPolicies>>, LocalStorage>,
    /// Where loading the managed policies is.
    pub managed_load: RwSignal<managed::Load>,
    /// The World mode's scenario text: the World form, the request builder and the JSON editor
    /// all edit it; the World tools (sweep, comparison) read it.
    pub world: RwSignal<String>,
    /// The open lesson step as fragment parameters (`lesson=abac&step=3`), kept in the URL.
    pub lesson: RwSignal<Option<String>>,
}

/// Evaluate `b` on this page (`i`: the input's time; `catalog`: to expand wildcard actions) and
/// record what it cost; an input waiting for the AWS managed policies keeps `prev`'s results.
fn on_page(
    b: &BuiltScenario,
    i: &Input,
    catalog: Option<&Catalog>,
    prev: Option<&Evaluation>,
    cost: StoredValue<Cost>,
) -> Evaluation {
    if b.needs_managed {
        return Evaluation::waiting(prev);
    }
    let t0 = monotonic_ms();
    let mut e = Evaluation::next_with(&b.scenario, catalog, i.now, prev, &b.problems);
    e.ms = monotonic_ms() - t0;
    // The first evaluation also compiles the engine's code: not a measure.
    if prev.is_some() {
        cost.set_value(Cost {
            route: Route::Page,
            ms: e.ms,
        });
    }
    e
}

/// The scenario the state describes, with the AWS managed policies once loaded (they are
/// tracked only while a document names one).
fn built_memo(
    state: RwSignal<AppState>,
    managed: RwSignal<Option<Rc<ManagedPolicies>>, LocalStorage>,
) -> Memo<BuiltScenario> {
    Memo::new(move |_| {
        state.with(|s| {
            let m = s.names_managed_policy().then(|| managed.get()).flatten();
            s.to_scenario_with(m.as_deref())
        })
    })
}

impl Store {
    /// Create the signals and derived values.
    pub fn new(initial: AppState, theme: Theme) -> Self {
        let first = initial.layer_docs(Layer::Identity).next().map(|d| d.key);
        let world = RwSignal::new(
            initial
                .world
                .clone()
                .unwrap_or_else(|| WORLD_EXAMPLE.to_string()),
        );
        let state = RwSignal::new(initial);
        let managed = RwSignal::new_local(None::<Rc<ManagedPolicies>>);
        let built = built_memo(state, managed);
        let catalog = RwSignal::new_local(None::<Rc<Catalog>>);
        let frozen = Memo::new(move |_| state.with(|s| s.request.current_time));
        let cost = StoredValue::new(Cost::default());
        let worker_failed = RwSignal::new(true);
        let input = Memo::new(move |prev: Option<&Input>| {
            let now = frozen.get().unwrap_or_else(now_seconds);
            let failed = worker_failed.get();
            built.with(|b| {
                let wildcards = has_wildcard_actions(&b.scenario);
                // An input that waits for the AWS managed policies or has problems found while
                // building it is not evaluated: the page says so at once.
                let page_only = b.needs_managed || !b.problems.is_empty();
                Input {
                    seq: prev.map_or(1, |p| p.seq + 1),
                    now,
                    route: if page_only {
                        Route::Page
                    } else {
                        route(policy_bytes(b), cost.get_value(), failed)
                    },
                    // Wildcard actions are expanded once the catalog is there (tracked only
                    // then).
                    with_catalog: wildcards && catalog.with(Option::is_some),
                }
            })
        });
        let answer = RwSignal::new(None::<Arc<WorkerAnswer>>);
        let answered = move |i: &Input| answer.with(|a| a.as_ref().is_some_and(|a| a.seq == i.seq));
        let pending = Memo::new(move |_| input.with(|i| i.route == Route::Worker && !answered(i)));
        let evaluation = Memo::new(move |prev: Option<&Evaluation>| {
            let i = input.get();
            match i.route {
                Route::Worker => answer.with(|a| {
                    let mine = a.as_deref().filter(|a| a.seq == i.seq);
                    if let Some(a) = mine {
                        cost.set_value(Cost {
                            route: Route::Worker,
                            ms: a.ms,
                        });
                    }
                    Evaluation::from_worker(mine, prev)
                }),
                Route::Page => built.with(|b| {
                    let catalog = i.with_catalog.then(|| catalog.get_untracked()).flatten();
                    on_page(b, &i, catalog.as_deref(), prev, cost)
                }),
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
            sweep_open: RwSignal::new(false),
            input,
            answer,
            pending,
            worker_failed,
            cost,
            reveal: RwSignal::new(false),
            managed,
            managed_load: RwSignal::new(managed::Load::Idle),
            world,
            lesson: RwSignal::new(None),
        }
    }

    /// The embed's store: every input is evaluated on this page (an embed starts no engine
    /// worker and loads no service catalog), and there is no World mode. The same signals as
    /// [`Store::new`], without linking the worker route, the catalog's expansion of wildcard
    /// actions or the World example into the embed's own small build.
    pub fn page_only(initial: AppState) -> Self {
        let first = initial.layer_docs(Layer::Identity).next().map(|d| d.key);
        let state = RwSignal::new(initial);
        let managed = RwSignal::new_local(None::<Rc<ManagedPolicies>>);
        let built = built_memo(state, managed);
        let frozen = Memo::new(move |_| state.with(|s| s.request.current_time));
        let cost = StoredValue::new(Cost::default());
        let input = Memo::new(move |prev: Option<&Input>| Input {
            seq: prev.map_or(1, |p| p.seq + 1),
            now: frozen.get().unwrap_or_else(now_seconds),
            route: Route::Page,
            with_catalog: false,
        });
        let evaluation = Memo::new(move |prev: Option<&Evaluation>| {
            let i = input.get();
            built.with(|b| on_page(b, &i, None, prev, cost))
        });
        Self {
            state,
            layer: RwSignal::new(Layer::Identity),
            selected: RwSignal::new(first),
            result_index: RwSignal::new(0),
            theme: RwSignal::new(Theme::Light),
            built,
            evaluation,
            editor: RwSignal::new_local(None),
            notice: RwSignal::new(None),
            catalog: RwSignal::new_local(None),
            sweep_open: RwSignal::new(false),
            input,
            answer: RwSignal::new(None),
            pending: Memo::new(|_| false),
            worker_failed: RwSignal::new(true),
            cost,
            reveal: RwSignal::new(false),
            managed,
            managed_load: RwSignal::new(managed::Load::Idle),
            world: RwSignal::new(String::new()),
            lesson: RwSignal::new(None),
        }
    }

    /// Effect: large inputs are evaluated in the engine worker (see [`live`]). The page and
    /// Only the playground page starts it (the embed evaluates everything on the page).
    pub fn evaluate_large_inputs_in_the_worker(&self) {
        self.worker_failed.set(false);
        live::evaluate_large_inputs(
            self.input,
            self.built,
            self.answer,
            self.worker_failed,
            self.notice,
        );
    }

    /// The signals `store::managed` loads into.
    fn managed_signals(&self) -> managed::Signals {
        managed::Signals {
            managed: self.managed,
            load: self.managed_load,
            notice: self.notice,
        }
    }

    /// Start loading the AWS managed policies (once).
    pub fn ensure_managed(&self) {
        managed::ensure_loaded(self.managed_signals());
    }

    /// Effect: load the AWS managed policies as soon as a document names one.
    pub fn load_managed_when_needed(self) {
        Effect::new(move |_| {
            if self.built.with(|b| b.needs_managed) {
                self.ensure_managed();
            }
        });
    }

    /// Completion and hover of managed-policy ARNs in every editor (installed once).
    pub fn install_managed_help(&self, editor: &Monaco) {
        report(
            self.notice,
            managed::install_help(self.managed_signals(), editor),
        );
    }

    /// Whether the answer to a request is hidden from the learner now (tracked): answers are
    /// hidden until predicted, it has no prediction, and the teacher view is off.
    pub fn answer_hidden(&self, action: &str, resource: &str) -> bool {
        let reveal = self.reveal.get();
        self.state.with(|s| {
            crate::model::exercise::hidden(s.hide_answers, reveal, &s.predictions, action, resource)
        })
    }

    /// Record the learner's prediction for a request.
    pub fn predict(&self, action: &str, resource: &str, decision: &str) {
        self.state.update(|s| {
            crate::model::exercise::predict(&mut s.predictions, action, resource, decision)
        });
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

    /// Add a document naming an AWS managed policy to the open layer and show it.
    pub fn add_managed_doc(&self, name: &str, arn: &str) {
        let layer = self.layer.get_untracked();
        let mut key = None;
        self.state
            .update(|s| key = s.add_managed_doc(layer, name, arn));
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

    /// Whether what is shown is not of the current input: an error in it, or the engine worker
    /// still evaluating it.
    pub fn dimmed(&self) -> bool {
        self.pending.get() || self.evaluation.with(|e| e.stale)
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

    /// The request time the evaluation uses: the frozen `aws:CurrentTime`, else now.
    pub fn request_now(&self) -> i64 {
        self.state
            .with(|s| s.request.current_time)
            .unwrap_or_else(now_seconds)
    }

    /// The document name shown for a policy id: "TeamDataAccess" (the id itself when no
    /// document has it); for a document naming an AWS managed policy, the policy:
    /// "ReadOnlyAccess (AWS managed, v123)".
    pub fn policy_name(&self, policy_id: &str) -> String {
        let managed = self.built.with_untracked(|b| {
            b.scenario
                .policies()
                .into_iter()
                .find(|(p, ..)| p.id == policy_id)
                .and_then(|(p, ..)| p.managed.as_ref().map(|m| m.label()))
        });
        if let Some(label) = managed {
            return label;
        }
        let key = self.built.with_untracked(|b| b.doc_of(policy_id));
        key.and_then(|k| {
            self.state
                .with_untracked(|s| s.doc(k).map(|d| d.name.clone()))
        })
        .unwrap_or_else(|| policy_id.to_string())
    }

    /// A World text as the engine worker reads it: AWS managed policies named by ARN are
    /// replaced by their documents once loaded (the worker has no managed-policy data).
    pub fn world_for_worker(&self, text: &str) -> String {
        if !iam_engine::scenario::names_managed_policy(text) {
            return text.to_string();
        }
        match self.managed.get_untracked() {
            Some(m) => crate::model::world::entities::inline_managed(text, &m),
            None => text.to_string(),
        }
    }

    /// A World text parsed with the AWS managed policies once loaded.
    pub fn parse_world(&self, text: &str) -> Option<iam_engine::world::WorldScenario> {
        let m = self.managed.get_untracked();
        match iam_engine::scenario::parse_input_managed(text, m.as_deref()) {
            Ok((iam_engine::Input::World(ws), _)) => Some(*ws),
            _ => None,
        }
    }

    /// Select a span of a policy in its editor (switching tabs as needed).
    pub fn focus(&self, policy_id: &str, span: Span) {
        let Some(key) = self.built.with_untracked(|b| b.doc_of(policy_id)) else {
            return;
        };
        // A managed policy's spans point into its document, shown read-only beside the ARN.
        if self.built.with_untracked(|b| b.managed_docs.contains(&key)) {
            if let Some(layer) = self.state.with_untracked(|s| s.doc(key).map(|d| d.layer)) {
                self.layer.set(layer);
            }
            self.selected.set(Some(key));
            return;
        }
        if let Some(layer) = self.state.with_untracked(|s| s.doc(key).map(|d| d.layer)) {
            self.layer.set(layer);
        }
        self.selected.set(Some(key));
        let range = range_of(&span);
        if let Some(editor) = self.editor.get_untracked() {
            let focus = Decoration {
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
pub fn report(notice: RwSignal<Option<String>>, r: Result<(), MonacoError>) {
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

    /// A policy of ~`bytes` bytes: the example's statements and repeats of one that does not
    /// apply.
    fn large_policy(bytes: usize, action: &str) -> String {
        let filler = r#"{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"}"#;
        let mut statements = vec![format!(
            r#"{{"Sid":"Read","Effect":"Allow","Action":"{action}","Resource":"arn:aws:s3:::team-data/*"}}"#
        )];
        while statements.iter().map(String::len).sum::<usize>() < bytes {
            statements.push(filler.to_string());
        }
        format!(
            "{{\"Version\":\"2012-10-17\",\"Statement\":[\n{}\n]}}",
            statements.join(",\n")
        )
    }

    /// What the worker answers for the store's current input (its own code, run here).
    fn answer_of(store: &Store) -> Arc<WorkerAnswer> {
        let seq = store.input.with_untracked(|i| i.seq);
        let now = store.input.with_untracked(|i| i.now);
        let text = store
            .built
            .with_untracked(|b| iam_engine::scenario_to_json(&b.scenario));
        let reply = iam_worker::live::Live::default().evaluate(seq, &text, Some(now), None);
        Arc::new(WorkerAnswer::read(seq, reply, 1.0))
    }

    #[test]
    fn without_a_started_worker_a_large_input_is_evaluated_on_the_page() {
        // The embed never starts an engine worker: a large input must not wait for one.
        let owner = Owner::new();
        owner.with(|| {
            let store = Store::new(frozen_example(), Theme::Light);
            store
                .state
                .update(|s| s.docs[0].text = large_policy(live::LARGE_INPUT_BYTES, "s3:GetObject"));
            assert_eq!(store.input.with_untracked(|i| i.route), Route::Page);
            assert!(!store.pending.get_untracked());
            assert_eq!(first_decision(&store), Some(EvalDecision::Allowed));
        });
    }

    #[test]
    fn a_large_input_waits_for_the_worker_and_the_newest_answer_wins() {
        let owner = Owner::new();
        owner.with(|| {
            let store = Store::new(frozen_example(), Theme::Light);
            // As if the page had started its engine worker (the answers are given below).
            store.worker_failed.set(false);
            let generation = store.evaluation.with_untracked(|e| e.generation);
            store
                .state
                .update(|s| s.docs[0].text = large_policy(live::LARGE_INPUT_BYTES, "s3:GetObject"));
            assert_eq!(store.input.with_untracked(|i| i.route), Route::Worker);
            assert!(store.pending.get_untracked());
            // Until the answer comes, the evaluation is the one shown before, unchanged.
            assert_eq!(
                store.evaluation.with_untracked(|e| e.generation),
                generation
            );
            assert_eq!(first_decision(&store), Some(EvalDecision::Allowed));

            let first = answer_of(&store);
            // The user typed on: the answer to the older input is not taken.
            store
                .state
                .update(|s| s.docs[0].text = large_policy(live::LARGE_INPUT_BYTES, "s3:PutObject"));
            store.answer.set(Some(first));
            assert!(store.pending.get_untracked());
            assert_eq!(
                store.evaluation.with_untracked(|e| e.generation),
                generation
            );

            store.answer.set(Some(answer_of(&store)));
            assert!(!store.pending.get_untracked());
            assert_eq!(first_decision(&store), Some(EvalDecision::ImplicitDeny));
            let e = store.evaluation.get_untracked();
            assert_eq!(e.route, Route::Worker);
            // The traces hold the statements that apply; the worker keeps the others.
            let left_out = e.left_out.as_ref().map(|l| l.count("PolicyInputList.1"));
            assert!(left_out.flatten().is_some_and(|n| n > 100), "{left_out:?}");
            assert!(e.findings.is_some(), "the worker linted");

            // Small again: evaluated here at once.
            store
                .state
                .update(|s| s.docs[0].text = large_policy(0, "s3:GetObject"));
            assert_eq!(store.input.with_untracked(|i| i.route), Route::Page);
            assert!(!store.pending.get_untracked());
            assert_eq!(first_decision(&store), Some(EvalDecision::Allowed));
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
