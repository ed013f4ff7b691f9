//! The decisions: a badge per (action, resource); choosing one shows its trace.

use leptos::prelude::*;

use crate::features::result::predict;
use crate::store::Store;

/// A badge per (action, resource); choosing one shows its trace.
#[component]
pub fn Decisions() -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store.evaluation.with(|e| {
            e.results
                .iter()
                .flat_map(|r| r.iter())
                .enumerate()
                .map(|(i, r)| {
                    (
                        i,
                        r.eval_action_name.clone(),
                        r.eval_resource_name.clone(),
                        r.eval_decision,
                        r.action_pattern.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <ul class="decisions" aria-label="Decisions">
            <For
                each=rows
                key=|(i, action, resource, decision, pattern)| (*i, action.clone(), resource.clone(), decision.as_str(), pattern.clone())
                children=move |(i, action, resource, decision, pattern)| {
                    view! {
                        <li>
                            <button
                                type="button"
                                class="decision-row"
                                class:chosen=move || store.shown_index() == i
                                aria-pressed=move || (store.shown_index() == i).to_string()
                                on:click=move |_| store.result_index.set(i)
                            >
                                {predict::badge(store, action.clone(), resource.clone(), decision)}
                                <code>{action}</code>
                                {pattern.map(|p| view! {
                                    <span class="from" title="expanded from the request's wildcard action">
                                        "(" <code>{p}</code> ")"
                                    </span>
                                })}
                                <span class="on">" on "</span>
                                <code class="resource">{resource}</code>
                            </button>
                        </li>
                    }
                }
            />
        </ul>
    }
}
