//! The decision flowchart for the World's request: the boxes of the Policies mode's chart
//! (`features::result::flowchart::nodes`) for the first final decision — or, when the chain
//! stopped, for the hop that failed — each box selecting its statement in the World's JSON.

use std::sync::Arc;

use iam_engine::trace::Trace;
use leptos::prelude::*;

use crate::features::result::flowchart::nodes;
use crate::features::world::editor::WorldEditor;
use crate::features::world::evaluate::{Good, WorldEval};

const BOX_W: i32 = 250;
const BOX_H: i32 = 30;
const GAP: i32 = 12;

/// The trace drawn, and what it is of.
fn shown(good: &Good) -> Option<(String, Trace)> {
    let r = good.results.first()?;
    let failed_hop = r.chain.as_ref().and_then(|c| {
        c.iter()
            .find(|h| h.eval_decision != iam_engine::EvalDecision::Allowed)
    });
    if let Some(h) = failed_hop {
        let hr = h.evaluation_results.first()?;
        let t = hr.trace.clone()?;
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
    let t = r.trace.clone()?;
    Some((
        format!("{} on {}", r.eval_action_name, r.eval_resource_name),
        t,
    ))
}

/// The chart.
#[component]
pub fn WorldFlowchart(eval: RwSignal<WorldEval>, hidden: RwSignal<bool>) -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    let chart = move || {
        if hidden.get() {
            return view! { <p class="hint">"Hidden until you predict the lesson's answer."</p> }
                .into_any();
        }
        let Some(good): Option<Arc<Good>> = eval.with(|e| e.good.clone()) else {
            return view! { <p class="hint">"No decision to draw yet."</p> }.into_any();
        };
        let Some((what, trace)) = shown(&good) else {
            return view! { <p class="hint">"This decision has no trace to draw."</p> }.into_any();
        };
        let list = nodes(&trace);
        let height = (BOX_H + GAP) * list.len() as i32;
        let boxes = list
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let y = i as i32 * (BOX_H + GAP);
                let target = n.target.clone();
                let g = good.clone();
                let activate = move || {
                    if let Some((id, span)) = target.clone() {
                        w.select(&g, &id, span);
                    }
                };
                let click = {
                    let a = activate.clone();
                    move |_| a()
                };
                let key = move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Enter" || ev.key() == " " {
                        ev.prevent_default();
                        activate();
                    }
                };
                let arrow = (i > 0).then(|| {
                    let x = BOX_W / 2 + 2;
                    view! { <line x1=x y1=y - GAP x2=x y2=y class="flow-arrow"/> }
                });
                view! {
                    {arrow}
                    <g class=format!("flow-node {}", n.status.as_str()) data-status=n.status.as_str()
                        role="button" tabindex="0" on:click=click on:keydown=key>
                        <rect x="2" y=y width=BOX_W height=BOX_H rx="6"/>
                        <text x=BOX_W / 2 + 2 y=y + BOX_H / 2 + 5 text-anchor="middle">{n.label}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <p class="muted world-flow-of">"For " <code>{what}</code></p>
            <svg class="flowchart" width=BOX_W + 4 height=height viewBox=format!("0 0 {} {}", BOX_W + 4, height)
                role="img" aria-label="Decision flowchart">
                {boxes}
            </svg>
        }
        .into_any()
    };
    view! {
        <div class="flow world-flow">
            {chart}
            <p class="hint">
                "Blue: passed on; green: allowed here; red: denied here; grey: no policy of this kind; \
                 dashed: not reached. Click a box to select its statement in the JSON."
            </p>
        </div>
    }
}
