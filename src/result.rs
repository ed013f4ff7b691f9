//! The result pane: problems with the input, a decision badge per (action, resource), the
//! deciding statements, missing and unused context keys, and the trace of the chosen result.

use iam_engine::{EvaluationResult, Severity, Span};
use leptos::prelude::*;

use crate::explain::{self, Segment};
use crate::store::{now_seconds, Store};
use crate::trace_view::TraceView;

/// Text with `backticked` parts shown as code; always text nodes, never HTML.
pub fn words(text: &str) -> impl IntoView {
    explain::segments(text)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
            Segment::Code(c) => view! { <code>{c}</code> }.into_any(),
        })
        .collect_view()
}

/// The document name shown for a policy id: "TeamDataAccess".
pub fn policy_name(store: Store, policy_id: &str) -> String {
    let key = store.built.with_untracked(|b| b.doc_of(policy_id));
    key.and_then(|k| {
        store
            .state
            .with_untracked(|s| s.doc(k).map(|d| d.name.clone()))
    })
    .unwrap_or_else(|| policy_id.to_string())
}

/// Problems with the input, each a link to its place in the editor.
#[component]
fn Problems() -> impl IntoView {
    let store = expect_context::<Store>();
    let diagnostics = move || store.evaluation.with(|e| e.diagnostics.clone());
    view! {
        <Show when=move || store.evaluation.with(|e| e.stale)>
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

/// A badge per (action, resource); choosing one shows its trace.
#[component]
fn Decisions() -> impl IntoView {
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
                                <span class="badge" data-decision=explain::decision_class(decision)>
                                    {explain::decision_label(decision)}
                                </span>
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

fn matched_span(m: &iam_engine::MatchedStatement) -> Span {
    Span {
        start: 0,
        end: 0,
        start_line: m.start_position.line,
        start_column: m.start_position.column,
        end_line: m.end_position.line,
        end_column: m.end_position.column,
    }
}

/// Deciding statements and context keys of the chosen result.
fn summary(store: Store, r: EvaluationResult) -> impl IntoView {
    let deciding = r
        .matched_statements
        .iter()
        .map(|m| {
            let id = m.source_policy_id.clone();
            let span = matched_span(m);
            let sid = m.sid.clone().map(|s| format!("`{s}` ")).unwrap_or_default();
            let text = format!(
                "Statement {sid}in {} ({})",
                policy_name(store, &id),
                m.source_policy_type
            );
            view! {
                <li>
                    <button type="button" class="span-link" on:click=move |_| store.focus(&id, span)>
                        {words(&text)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let missing = r
        .missing_context_values
        .iter()
        .map(|k| {
            let key = k.clone();
            view! {
                <li>
                    <code>{k.clone()}</code>
                    <button
                        type="button"
                        class="link add-key"
                        on:click=move |_| store.state.update(|s| s.request.add_context_key(&key, now_seconds()))
                    >
                        "Add to context"
                    </button>
                </li>
            }
        })
        .collect_view();
    let unused = r
        .unused_context_keys
        .iter()
        .map(|k| {
            let key = k.clone();
            view! {
                <li>
                    <code>{k.clone()}</code>
                    <button
                        type="button"
                        class="link"
                        on:click=move |_| store.state.update(|s| s.request.remove_context_key(&key))
                    >
                        "Remove from context"
                    </button>
                </li>
            }
        })
        .collect_view();
    let has_deciding = !r.matched_statements.is_empty();
    let has_missing = !r.missing_context_values.is_empty();
    let has_unused = !r.unused_context_keys.is_empty();
    view! {
        <Show when=move || has_deciding>
            <h3>"Deciding statements"</h3>
        </Show>
        <ul class="deciding">{deciding}</ul>
        <Show when=move || has_missing>
            <h3>"Missing context keys"</h3>
            <p class="hint">"A condition needed these keys and the request did not have them."</p>
        </Show>
        <ul class="keys missing">{missing}</ul>
        <Show when=move || has_unused>
            <h3>"Unused context keys"</h3>
            <p class="hint">"No policy refers to these keys (a typo?)."</p>
        </Show>
        <ul class="keys unused">{unused}</ul>
    }
}

/// The result pane.
#[component]
pub fn ResultPane() -> impl IntoView {
    let store = expect_context::<Store>();
    let stale = move || store.evaluation.with(|e| e.stale);
    view! {
        <section class="pane result" aria-label="Result">
            <h2>"Result"</h2>
            <Problems/>
            <div class="results" class:stale=stale aria-live="polite">
                <Decisions/>
                {move || store.current_result().map(|r| summary(store, r))}
                <TraceView/>
            </div>
        </section>
    }
}
