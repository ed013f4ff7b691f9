//! The chain of STS calls, hop by hop with each hop's decision, and the request's final
//! decisions, each with a compact trace whose statements select their text in the World editor.

use std::sync::Arc;

use iam_engine::chain::HopResult;
use iam_engine::trace::{StatementTrace, Trace};
use iam_engine::{EvalDecision, EvaluationResult};
use leptos::prelude::*;

use crate::features::result::trace_view;
use crate::features::world::editor::WorldEditor;
use crate::features::world::evaluate::Good;
use crate::features::world::summary::tag_list;
use crate::store::explain;
use crate::ui::words::words;

fn badge(d: EvalDecision) -> impl IntoView {
    view! {
        <span class="badge" data-decision=explain::decision_class(d)>
            {explain::decision_label(d)}
        </span>
    }
}

fn compact_trace(good: &Arc<Good>, t: &Trace) -> impl IntoView {
    let steps = trace_view::steps_view(&t.steps);
    let layers = t
        .layers
        .iter()
        .map(|l| {
            let class = explain::verdict_class(l.verdict);
            let policies = l
                .policies
                .iter()
                .map(|p| {
                    let applying = p.statements.iter().filter(|s| s.applies).count();
                    let statements = p
                        .statements
                        .iter()
                        .filter(|s| s.applies)
                        .map(|s| statement_button(good, &p.policy_id, s))
                        .collect_view();
                    // An AWS managed policy named by ARN: "ReadOnlyAccess (AWS managed, v123)".
                    let name = p.name.clone().map(|n| view! { " " <strong class="policy-name">{n}</strong> });
                    view! {
                        <li>
                            <code class="policy-id">{p.policy_id.clone()}</code>
                            {name}
                            <span class="muted">
                                {format!(" · {applying} of {} statements apply", p.statements.len())}
                            </span>
                            " "
                            {statements}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class=format!("layer {class}")>
                    <strong>{l.label.clone()}</strong>
                    ": "
                    <span class="verdict">{words(&l.summary)}</span>
                    <ul>{policies}</ul>
                </li>
            }
        })
        .collect_view();
    let who = trace_view::who_line(t);
    view! {
        <div class="trace world-trace">
            <p class="who">{words(&who)}</p>
            <ol class="steps">{steps}</ol>
            <ol class="layers">{layers}</ol>
            {trace_view::context_table(t)}
        </div>
    }
}

/// A statement that applies, as a button selecting its text in the World editor.
pub fn statement_button(good: &Arc<Good>, policy_id: &str, s: &StatementTrace) -> impl IntoView {
    let jump = use_context::<WorldEditor>();
    let good = good.clone();
    let id = policy_id.to_string();
    let span = s.span;
    let label = match &s.sid {
        Some(sid) => format!("{:?} {sid}", s.effect),
        None => format!("{:?} statement {}", s.effect, s.index + 1),
    };
    view! {
        <button type="button" class="span-link world-statement"
            title="Select this statement in the World editor"
            on:click=move |_| {
                if let Some(j) = jump {
                    j.select(&good, &id, span);
                }
            }>
            {label}
        </button>
    }
}

fn result_item(good: &Arc<Good>, r: &EvaluationResult, open: bool) -> impl IntoView {
    let trace = r.trace.as_ref().map(|t| compact_trace(good, t));
    let missing = (!r.missing_context_values.is_empty()).then(|| {
        view! {
            <p class="muted">"Missing context keys: " {r.missing_context_values.join(", ")}</p>
        }
    });
    view! {
        <li class="world-result" data-decision=explain::decision_class(r.eval_decision)>
            <details open=open>
                <summary>
                    {badge(r.eval_decision)}
                    " "
                    <code>{r.eval_action_name.clone()}</code>
                    <span class="on">" on "</span>
                    <code class="resource">{r.eval_resource_name.clone()}</code>
                </summary>
                {missing}
                {trace}
            </details>
        </li>
    }
}

fn hop_item(good: &Arc<Good>, h: &HopResult) -> impl IntoView {
    let target = h
        .role_arn
        .as_ref()
        .map(|r| view! { " → " <code>{r.clone()}</code> });
    let session = h.session_arn.as_ref().map(|s| {
        view! { <p class="session">"Session: " <code class="session-arn">{s.clone()}</code></p> }
    });
    let tags = (!h.session_tags.is_empty()).then(|| {
        view! { <div class="session-tags">"Session tags: " {tag_list(&h.session_tags)}</div> }
    });
    let calls = h
        .evaluation_results
        .iter()
        .map(|r| result_item(good, r, false))
        .collect_view();
    view! {
        <li class="hop" data-hop=h.hop data-decision=explain::decision_class(h.eval_decision)>
            <div class="hop-head">
                <span class="hop-number">{format!("Hop {}", h.hop + 1)}</span>
                " "
                {badge(h.eval_decision)}
                " "
                <strong>{h.api.clone()}</strong>
                {target}
            </div>
            <p class="hop-caller">"Called by " <code>{h.caller.clone()}</code></p>
            <p class="reason">{words(&h.reason)}</p>
            {session}
            {tags}
            <ul class="world-results hop-calls">{calls}</ul>
        </li>
    }
}

/// The chain of STS calls, hop by hop.
pub fn chain_view(good: &Arc<Good>) -> impl IntoView {
    let req = &good.world.request;
    let chain = good
        .results
        .iter()
        .find_map(|r| r.chain.clone())
        .unwrap_or_default();
    let mfa = req
        .authentication
        .as_ref()
        .and_then(|a| a.mfa)
        .map(|m| if m { " with MFA" } else { " without MFA" })
        .unwrap_or("");
    let hops = chain.iter().map(|h| hop_item(good, h)).collect_view();
    let empty = chain.is_empty().then(
        || view! { <p class="muted">"No STS calls: the principal makes the request itself."</p> },
    );
    view! {
        <section class="world-chain-pane" aria-label="Chain">
            <h3>"The chain"</h3>
            <p class="start">
                "Starts as " <code>{req.principal.clone()}</code> {mfa}
            </p>
            {empty}
            <ol class="world-chain">{hops}</ol>
        </section>
    }
}

/// The request's final decisions, the first one open.
pub fn decisions_view(good: &Arc<Good>) -> impl IntoView {
    let items = good
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| result_item(good, r, i == 0))
        .collect_view();
    view! {
        <section class="world-decisions" aria-label="Decisions">
            <h3>"The request"</h3>
            <ul class="world-results final">{items}</ul>
        </section>
    }
}
