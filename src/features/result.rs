//! The result pane: problems with the input, a decision badge per (action, resource), the
//! deciding statements, missing and unused context keys, and the trace of the chosen result.
//! Its trace views also serve the World mode, the sweep and the comparison.
//!
//! - `links`: where clicks on a trace lead (policy editors, World editor, nowhere)
//! - `closest`: the Allow statements that came closest when nothing allowed a request
//! - `what_if`: what would make a request allowed (or deny it), as the engine found it
//! - `trace_view`: the trace as an expandable tree (one view for every mode and tool)
//! - `predict`: exercise mode: answers hidden until the learner predicts them
//! - `flowchart`: AWS's evaluation order as a chart, the shown request's path lit
//! - `problems`: diagnostics as links into the editor
//! - `decisions`: a badge per (action, resource)
//! - `summary`: deciding statements, missing and unused context keys

mod closest;
mod decisions;
pub mod flowchart;
pub mod links;
pub mod predict;
mod problems;
mod summary;
pub mod trace_view;
pub mod what_if;

use leptos::prelude::*;

use iam_engine::flip::what_if;
use iam_engine::Options;

use crate::store::live::Route;
use crate::store::Store;
use decisions::Decisions;
use problems::Problems;
use summary::summary;
use trace_view::TraceView;
use what_if::what_if_view;

/// Whether the shown result's answer is hidden until predicted (tracked).
fn hidden(store: Store) -> bool {
    store
        .current_result()
        .is_some_and(|r| store.answer_hidden(&r.eval_action_name, &r.eval_resource_name))
}

/// What would flip the shown result, as the engine finds it for the current scenario. Not for
/// a large input (evaluated in the engine worker): the search evaluates the request again for
/// each change, which on the page would block it on every keystroke.
#[component]
fn WhatIf() -> impl IntoView {
    let store = expect_context::<Store>();
    let large = Memo::new(move |_| store.input.with(|i| i.route == Route::Worker));
    let answer = Memo::new(move |_| {
        if large.get() {
            return None;
        }
        let r = store.current_result()?;
        let opts = Options {
            trace: false,
            now_epoch_seconds: Some(store.request_now()),
        };
        store.built.with(|b| {
            what_if(
                &b.scenario,
                &opts,
                &r.eval_action_name,
                &r.eval_resource_name,
            )
        })
    });
    move || match answer.get() {
        Some(w) => Some(what_if_view(&w)),
        None => large.get().then(|| {
            view! {
                <p class="hint what-if-skipped">
                    "What would flip this decision is not searched for an input this large."
                </p>
            }
            .into_any()
        }),
    }
}

/// The result pane.
#[component]
pub fn ResultPane() -> impl IntoView {
    let store = expect_context::<Store>();
    let dimmed = move || store.dimmed();
    view! {
        <section class="pane result" id="result-pane" tabindex="-1" aria-label="Result">
            <h2>"Result"</h2>
            <Problems/>
            <div class="results" class:stale=dimmed aria-live="polite"
                aria-busy=move || store.pending.get().to_string()>
                <Decisions/>
                {move || store.current_result().map(|r| {
                    let (a, res) = (r.eval_action_name.clone(), r.eval_resource_name.clone());
                    if store.answer_hidden(&a, &res) {
                        predict::predict_card(store, &a, &res)
                    } else {
                        let verdict = predict::verdict(store, &a, &res, r.eval_decision);
                        view! { {verdict} {summary(store, r)} }.into_any()
                    }
                })}
                <Show when=move || !hidden(store)>
                    <WhatIf/>
                    <TraceView/>
                </Show>
            </div>
        </section>
    }
}
