//! What decided the chosen result: the validation finding that explains it when an SCP level
//! allows nothing, its deciding statements (each a link to its words), and the context keys it
//! missed or did not use, each with a button that adds or removes it.

use iam_engine::lint::scp_levels_allowing_nothing;
use iam_engine::{EvalDecision, EvaluationResult, Span};
use leptos::prelude::*;

use crate::platform::page::now_seconds;
use crate::store::Store;
use crate::ui::words::words;

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
pub fn summary(store: Store, r: EvaluationResult) -> impl IntoView {
    let deciding = r
        .matched_statements
        .iter()
        .map(|m| {
            let id = m.source_policy_id.clone();
            let span = matched_span(m);
            let sid = m.sid.clone().map(|s| format!("`{s}` ")).unwrap_or_default();
            let text = format!(
                "Statement {sid}in {} ({})",
                store.policy_name(&id),
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
    // The finding that explains an SCP gate's implicit deny: a level with no Allow at all.
    let scp_findings = if r.eval_decision == EvalDecision::ImplicitDeny
        && r.trace
            .as_ref()
            .is_some_and(|t| t.deciding_rule == "scp-gate")
    {
        store
            .built
            .with(|b| scp_levels_allowing_nothing(&b.scenario))
    } else {
        Vec::new()
    };
    let scp_findings = scp_findings
        .into_iter()
        .map(|f| {
            view! {
                <div class="finding warning" role="note" data-code=f.code>
                    <p><strong>"Why: "</strong>{words(&f.message)}</p>
                    <p class="help">{words(&format!("Fix: {}", f.help))}</p>
                </div>
            }
        })
        .collect_view();
    let has_deciding = !r.matched_statements.is_empty();
    let has_missing = !r.missing_context_values.is_empty();
    let has_unused = !r.unused_context_keys.is_empty();
    view! {
        {scp_findings}
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
