//! One action of the sweep: a row with its access level and decision, opening its full trace
//! over the scenario's resources (computed here, on the main thread, on demand).

use iam_engine::catalog::AccessLevel;
use iam_engine::{simulate, EvalDecision, Options};
use leptos::prelude::*;

use crate::features::result::links::Links;
use crate::features::result::trace_view::trace_tree;
use crate::features::sweep::run::OfWorld;
use crate::store::explain::{decision_class, decision_label};
use crate::store::Store;

/// The results of one action of a World's sweep: the World's request with this action (on
/// `*` for an action that names no resource type, and also on `also_on`).
fn world_results(
    store: Store,
    action: String,
    also_on: Option<String>,
    on_star: bool,
) -> Vec<iam_engine::EvaluationResult> {
    let text = store.world.get_untracked();
    let Some(mut ws) = store.parse_world(&text) else {
        return Vec::new();
    };
    ws.request.action_names = vec![action];
    if let Some(r) = also_on {
        ws.request.resource_arns.push(r);
    }
    if on_star {
        ws.request.resource_arns = vec!["*".to_string()];
    }
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(crate::platform::page::now_seconds()),
    };
    iam_engine::simulate_world(&ws, &opts)
        .results
        .unwrap_or_default()
}

/// The trace of one action over the scenario's resources (computed on the main thread).
#[component]
pub fn ActionTrace(action: String, also_on: Option<String>, on_star: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    if use_context::<OfWorld>() == Some(OfWorld(true)) {
        let results = world_results(store, action, also_on, on_star);
        return results_view(Links::of_mode(store), results).into_any();
    }
    let mut scenario = store.built.with_untracked(|b| b.scenario.clone());
    scenario.action_names = vec![action];
    if let Some(r) = also_on {
        scenario.resource_arns.push(r);
    }
    if on_star {
        scenario.resource_arns = vec!["*".to_string()];
    }
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(store.request_now()),
    };
    let outcome = simulate(&scenario, &opts);
    results_view(Links::editors(store), outcome.results.unwrap_or_default()).into_any()
}

/// Each result with its trace, the first open.
fn results_view(links: Links, results: Vec<iam_engine::EvaluationResult>) -> impl IntoView {
    let many = results.len() > 1;
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let d = r.eval_decision;
            let trace = r
                .trace
                .as_ref()
                .map(|t| trace_tree(links, t, &r.matched_statements));
            view! {
                <details class="sweep-trace trace" open=i == 0 || !many>
                    <summary>
                        "on " <code>{r.eval_resource_name.clone()}</code> " "
                        <span class="badge" data-decision=decision_class(d)>{decision_label(d)}</span>
                    </summary>
                    {trace}
                </details>
            }
        })
        .collect_view()
}

/// One action row: a button that shows or hides its trace.
#[component]
pub fn ActionRowView(
    full: String,
    level: AccessLevel,
    decision: EvalDecision,
    /// A resource the policies name on which it is allowed (the request's do not allow it).
    allowed_on: Option<String>,
    /// It names no resource type, so it was evaluated on `*`.
    on_star: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let action = full.clone();
    let data_action = full.clone();
    let on = match (&allowed_on, on_star) {
        (Some(r), _) => Some(view! { <span class="on">"on " <code>{r.clone()}</code></span> }.into_any()),
        (None, true) => Some(
            view! {
                <span class="on" title="This action names no resource type: AWS authorizes it on *, whatever the request names">
                    "on " <code>"*"</code> " (no resource types)"
                </span>
            }
            .into_any(),
        ),
        (None, false) => None,
    };
    view! {
        <li class="sweep-action" data-action=data_action>
            <button type="button" class="sweep-action-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                <code>{full}</code>
                <span class="level">{level.label()}</span>
                <span class="badge" data-decision=decision_class(decision)>{decision_label(decision)}</span>
                {on}
            </button>
            {move || open.get().then(|| view! { <ActionTrace action=action.clone() also_on=allowed_on.clone() on_star/> })}
        </li>
    }
}
