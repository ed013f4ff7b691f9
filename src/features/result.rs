//! The result pane: problems with the input, a decision badge per (action, resource), the
//! deciding statements, missing and unused context keys, and the trace of the chosen result.
//! Its trace views also serve the World mode, the sweep and the comparison.
//!
//! - `trace_view`: the trace as an expandable tree (shared with world, sweep, compare)
//! - `flowchart`: AWS's evaluation order as a chart, the shown request's path lit
//! - `problems`: diagnostics as links into the editor
//! - `decisions`: a badge per (action, resource)
//! - `summary`: deciding statements, missing and unused context keys

mod decisions;
pub mod flowchart;
mod problems;
mod summary;
pub mod trace_view;

use leptos::prelude::*;

use crate::store::Store;
use decisions::Decisions;
use problems::Problems;
use summary::summary;
use trace_view::TraceView;

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
                {move || store.current_result().map(|r| summary(store, r))}
                <TraceView/>
            </div>
        </section>
    }
}
