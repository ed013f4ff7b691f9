//! "Compare policies": a pinned scenario A (a snapshot of the current one, or pasted JSON)
//! against the current scenario B. The engine worker tries every catalog action against
//! representative resources and a grid of context values taken from the conditions of both
//! sides, and lists the requests they decide differently; each counterexample opens both
//! decisions side by side. Bounded testing, not a proof — the panel says so.
//!
//! - `counterexample`: a request decided differently, both sides with their traces
//! - `world`: the World mode's comparison (the same request by another caller, or a pinned World)

mod counterexample;
mod world;

pub use world::WorldComparePanel;

use std::sync::Arc;

use iam_engine::compare::Comparison;
use iam_engine::{parse_scenario, scenario_to_json, EvalDecision, Scenario};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::share;
use crate::platform::page::fixed;
use crate::platform::storage::saved_scenarios;
use crate::platform::worker::{self, Gate};
use crate::store::Store;
use counterexample::CounterexampleRow;

/// A comparison as shown: the result, the number of counterexamples in all, the engine time,
/// and both scenarios (to replay counterexamples).
type Shown = (Arc<Comparison>, usize, f64, Arc<Scenario>, Arc<Scenario>);
fn summary(c: &Comparison, total: usize, ms: f64) -> String {
    let verdict = if total == 0 {
        "no request decided differently".to_string()
    } else {
        format!(
            "{total} request{} decided differently: {} allowed only by A, {} only by B, {} denied by both in different ways",
            if total == 1 { "" } else { "s" },
            c.only_a_allows,
            c.only_b_allows,
            c.deny_kind_differs
        )
    };
    format!(
        "{} actions × {} resources × {} context variants ({}; keys {}) = {} requests, {} decisions \
         in {} ms: {verdict}.",
        c.actions,
        c.resources.len(),
        c.grid_points,
        c.grid,
        if c.context_keys.is_empty() {
            "none".to_string()
        } else {
            c.context_keys.join(", ")
        },
        c.requests,
        c.decisions,
        fixed(ms, 0)
    )
}

/// The panel.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    // The pinned side, as scenario JSON text (editable).
    let pinned = RwSignal::new(String::new());
    let gate = Gate::new();
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<Shown>);
    let pin = move |_| {
        pinned.set(
            store
                .built
                .with_untracked(|b| scenario_to_json(&b.scenario)),
        );
        result.set(None);
        error.set(None);
    };
    // A scenario saved in this browser (Saved scenarios) as A.
    let saved = saved_scenarios();
    let has_saved = !saved.is_empty();
    let saved_options = saved
        .keys()
        .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
        .collect_view();
    let pin_saved = move |ev: web_sys::Event| {
        let name = event_target_value(&ev);
        let all = saved_scenarios();
        let Some(fragment) = all.get(&name) else {
            return;
        };
        match share::decode(fragment) {
            Ok(Some(shared)) => {
                // Managed policies named by ARN are pinned as their documents (once loaded).
                if shared.state.names_managed_policy() {
                    store.ensure_managed();
                }
                let built = store
                    .managed
                    .with_untracked(|m| shared.state.to_scenario_with(m.as_deref()));
                pinned.set(scenario_to_json(&built.scenario));
                result.set(None);
                error.set(None);
                run(store, gate, pinned, error, result);
            }
            _ => error.set(Some(format!("The saved scenario “{name}” cannot be read."))),
        }
    };
    fn run(
        store: Store,
        gate: Gate,
        pinned: RwSignal<String>,
        error: RwSignal<Option<String>>,
        result: RwSignal<Option<Shown>>,
    ) {
        let a_text = pinned.get_untracked();
        if a_text.trim().is_empty() || !gate.begin() {
            return;
        }
        let b_scenario = store.built.with_untracked(|b| b.scenario.clone());
        let b_text = scenario_to_json(&b_scenario);
        let a_scenario = match parse_scenario(&a_text) {
            Ok(s) => s,
            Err(d) => {
                let first = d.first().map(|d| d.message.clone()).unwrap_or_default();
                error.set(Some(format!("Scenario A does not parse: {first}")));
                gate.end();
                return;
            }
        };
        error.set(None);
        let now = store.request_now();
        spawn_local(async move {
            let r = worker::compare(&a_text, &b_text, Some(now)).await;
            let again = gate.end();
            match r {
                Ok(done) => match (done.reply.error, done.reply.comparison) {
                    (None, Some(c)) => result.set(Some((
                        Arc::new(c),
                        done.reply.counterexamples,
                        done.engine_ms,
                        Arc::new(a_scenario),
                        Arc::new(b_scenario),
                    ))),
                    (e, _) => error.set(Some(e.unwrap_or_else(|| "no result".into()))),
                },
                Err(e) => error.set(Some(e)),
            }
            if again {
                run(store, gate, pinned, error, result);
            }
        });
    }
    // Once A is pinned, compare again after every change of the scenario.
    Effect::new(move |_| {
        store.built.track();
        if !pinned.with_untracked(|p| p.trim().is_empty()) {
            run(store, gate, pinned, error, result);
        }
    });
    let body = move || {
        let (c, total, ms, a, b) = result.get()?;
        let rows = c
            .counterexamples
            .iter()
            .map(|cx| view! { <CounterexampleRow c=cx.clone() a=a.clone() b=b.clone()/> })
            .collect_view();
        let shown = c.counterexamples.len();
        let allowed_differs = c
            .counterexamples
            .iter()
            .filter(|x| {
                x.a.decision == EvalDecision::Allowed || x.b.decision == EvalDecision::Allowed
            })
            .count();
        Some(view! {
            <p class="compare-summary" data-differences=total.to_string()>{summary(&c, total, ms)}</p>
            {(shown < total).then(|| view! {
                <p class="hint">{format!("Showing the first {shown} ({allowed_differs} differ in what is allowed).")}</p>
            })}
            <ul class="counterexamples">{rows}</ul>
        })
    };
    view! {
        <div class="compare">
            <p class="bounded-note">
                <strong>"Bounded testing, not a proof."</strong>
                " Every catalog action is tried against the resources both sides name, "
                <code>"*"</code>
                " and a sample of each Resource pattern (actions that name no resource type on "
                <code>"*"</code>
                " only, as AWS authorizes them), under a grid of context values taken from the
                 conditions of both sides. Two policy sets that agree on all of these requests can
                 still differ on one that was not tried."
            </p>
            <div class="row">
                <button type="button" class="compare-pin" on:click=pin>"Pin the current scenario as A"</button>
                {has_saved.then(|| view! {
                    <label>"or a saved one: "
                        <select class="compare-saved" on:change=pin_saved>
                            <option value="" selected>"—"</option>
                            {saved_options}
                        </select>
                    </label>
                })}
                <button type="button" class="compare-run"
                    disabled=move || gate.running.get() || pinned.with(|p| p.trim().is_empty())
                    on:click=move |_| run(store, gate, pinned, error, result)>"Compare A with the current scenario (B)"</button>
                <Show when=move || gate.running.get()>
                    <span class="hint">"comparing…"</span>
                    <button type="button" class="compare-cancel" on:click=move |_| worker::cancel()>"Cancel"</button>
                </Show>
            </div>
            <details class="compare-a">
                <summary>"Scenario A (JSON; edit or paste another one)"</summary>
                <textarea class="compare-a-text" rows="8" spellcheck="false" aria-label="Scenario A"
                    prop:value=move || pinned.get()
                    on:input=move |ev| pinned.set(event_target_value(&ev))></textarea>
            </details>
            <p class="hint">
                "Pin A, then edit the policies above (B is always the current scenario) and compare.
                 Requests use A's caller, resources and context."
            </p>
            {move || error.get().map(|e| view! { <p class="sweep-error" role="alert">{e}</p> })}
            {body}
        </div>
    }
}
