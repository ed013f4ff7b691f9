//! The decision flowchart for the World's request: the Policies mode's chart (AWS's diagram,
//! `features::result::flowchart::chart_view`) of the first final decision — or, when the chain
//! stopped, of the hop that failed — each node selecting its statement in the World's JSON.

use std::sync::Arc;

use iam_engine::trace::Trace;
use leptos::prelude::*;

use crate::features::result::flowchart::chart_view;
use crate::features::world::chain::links;
use crate::features::world::evaluate::{Good, WorldEval};
use crate::store::Store;

/// The trace drawn, and what it is of.
fn shown(good: &Good) -> Option<(String, Trace)> {
    let r = good.results.first()?;
    let failed_hop = r.chain.as_ref().and_then(|c| {
        c.iter()
            .find(|h| h.eval_decision != iam_engine::EvalDecision::Allowed)
    });
    if let Some(h) = failed_hop {
        let hr = h.evaluation_results.first()?;
        let t = *hr.trace.clone()?;
        return Some((
            format!(
                "hop {} ({} on {})",
                h.hop + 1,
                hr.eval_action_name,
                hr.eval_resource_name
            ),
            t,
        ));
    }
    let t = *r.trace.clone()?;
    Some((
        format!("{} on {}", r.eval_action_name, r.eval_resource_name),
        t,
    ))
}

/// The chart.
#[component]
pub fn WorldFlowchart(eval: RwSignal<WorldEval>, hidden: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let chart = move || {
        let hidden_by_exercise = eval.with(|e| {
            e.good
                .as_ref()
                .and_then(|g| g.results.first())
                .is_some_and(|r| store.answer_hidden(&r.eval_action_name, &r.eval_resource_name))
        });
        if hidden.get() || hidden_by_exercise {
            return view! { <p class="hint">"Predict the decision first: the path shows the answer."</p> }
                .into_any();
        }
        let Some(good): Option<Arc<Good>> = eval.with(|e| e.good.clone()) else {
            return view! { <p class="hint">"No decision to draw yet."</p> }.into_any();
        };
        let Some((what, trace)) = shown(&good) else {
            return view! { <p class="hint">"This decision has no trace to draw."</p> }.into_any();
        };
        view! {
            <p class="muted world-flow-of">"For " <code>{what}</code></p>
            {chart_view(&trace, links(&good), |_| {})}
        }
        .into_any()
    };
    view! {
        <div class="flow world-flow">
            {chart}
            <p class="hint">
                "AWS's evaluation order, top to bottom. The request's path is lit: the answer at \
                 each node, and the final decision. Dimmed: no policy of this kind; dashed: not \
                 reached. Click a node to select its statement in the JSON."
            </p>
        </div>
    }
}
