//! A counterexample: the request the two sides decide differently, both decisions, and (on
//! click) both sides re-simulated with their traces side by side.

use std::sync::Arc;

use iam_engine::compare::{counterexample_scenarios, Counterexample};
use iam_engine::{simulate, Options, Scenario};
use leptos::prelude::*;

use crate::features::result::links::Links;
use crate::features::result::trace_view::trace_tree;
use crate::store::explain::{decision_class, decision_label};
use crate::store::Store;
use crate::ui::words::words;

/// One side of a counterexample, re-simulated with its trace.
/// `live`: the side's policies are the ones in the editors (B), so its trace links to them.
fn side(
    store: Store,
    title: &'static str,
    scenario: &Scenario,
    now: i64,
    live: bool,
) -> impl IntoView {
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(now),
    };
    let result = simulate(scenario, &opts)
        .results
        .and_then(|r| r.into_iter().next());
    let body = match result {
        Some(r) => {
            let d = r.eval_decision;
            let statements = r
                .matched_statements
                .iter()
                .map(|m| {
                    let name = m
                        .sid
                        .clone()
                        .unwrap_or_else(|| format!("statement {}", m.statement_index + 1));
                    view! { <li><code>{format!("{} · {name}", m.source_policy_id)}</code></li> }
                })
                .collect_view();
            let links = if live {
                Links::editors(store)
            } else {
                Links::none("Pinned policy")
            };
            let trace = r
                .trace
                .as_ref()
                .map(|t| trace_tree(links, t, &r.matched_statements));
            view! {
                <p><span class="badge" data-decision=decision_class(d)>{decision_label(d)}</span></p>
                <ul class="matched">{statements}</ul>
                <div class="trace compare-trace">{trace}</div>
            }
            .into_any()
        }
        None => view! { <p class="sweep-error">"This side cannot be evaluated."</p> }.into_any(),
    };
    view! {
        <div class="compare-side">
            <h4>{title}</h4>
            {body}
        </div>
    }
}

fn describe_context(c: &Counterexample) -> String {
    if c.context.is_empty() {
        return "the scenario's context".into();
    }
    c.context
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("`{k}` = `{v}`"),
            None => format!("`{k}` absent"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A counterexample: the request, both decisions, and (on click) both traces side by side.
#[component]
pub fn CounterexampleRow(c: Counterexample, a: Arc<Scenario>, b: Arc<Scenario>) -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let detail = {
        let c = c.clone();
        move || {
            open.get().then(|| {
                let [ra, rb] = counterexample_scenarios(&a, &b, &c);
                let now = store.request_now();
                view! {
                    <div class="compare-sides">
                        {side(store, "A (pinned)", &ra, now, false)}
                        {side(store, "B (current)", &rb, now, true)}
                    </div>
                }
            })
        }
    };
    let alike = (c.same_for_other_actions > 0)
        .then(|| format!(" (and {} more actions alike)", c.same_for_other_actions));
    view! {
        <li class="counterexample" data-action=c.action.clone()>
            <button type="button" class="counterexample-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                <code>{c.action.clone()}</code>
                " on " <code>{c.resource.clone()}</code>
                " with " {words(&describe_context(&c))}
                {alike}
                ": A "
                <span class="badge" data-decision=decision_class(c.a.decision)>{decision_label(c.a.decision)}</span>
                ", B "
                <span class="badge" data-decision=decision_class(c.b.decision)>{decision_label(c.b.decision)}</span>
            </button>
            {detail}
        </li>
    }
}
