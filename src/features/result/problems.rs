//! Problems with the input: a note when the result shown is the last good one, and each
//! diagnostic as a link to its place in the editor.

use iam_engine::Severity;
use leptos::prelude::*;

use crate::store::{explain, Store};
use crate::ui::words::words;

/// Problems with the input, each a link to its place in the editor.
#[component]
pub fn Problems() -> impl IntoView {
    let store = expect_context::<Store>();
    let diagnostics = move || store.evaluation.with(|e| e.diagnostics.clone());
    view! {
        <Show when=move || store.pending.get()>
            <p class="pending-note" role="status">
                "Evaluating this large input in the background; the result below is of the previous one."
            </p>
        </Show>
        <Show when=move || store.evaluation.with(|e| e.waiting)>
            <p class="managed-loading" role="status">{crate::store::managed::LOADING}</p>
        </Show>
        <Show when=move || store.evaluation.with(|e| e.stale && !e.waiting) && !store.pending.get()>
            <p class="stale-note" role="alert">
                {move || {
                    if store.evaluation.with(|e| e.results.is_some()) {
                        "The input has an error, so the result below is the last good one."
                    } else {
                        "The input has an error, so nothing can be evaluated yet."
                    }
                }}
            </p>
        </Show>
        <ul class="problems">
            {move || {
                diagnostics()
                    .iter()
                    .map(|d| {
                        let class = if d.severity == Severity::Error { "error" } else { "warning" };
                        let line = explain::diagnostic_line(d);
                        let target = d.policy_id.clone().zip(d.span);
                        view! {
                            <li class=class>
                                <button
                                    type="button"
                                    class="span-link"
                                    disabled=target.is_none()
                                    on:click=move |_| {
                                        if let Some((id, span)) = &target {
                                            store.focus(id, *span);
                                        }
                                    }
                                >
                                    <span class="sev">{if class == "error" { "Error" } else { "Warning" }}</span>
                                    " "
                                    {words(&line)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
