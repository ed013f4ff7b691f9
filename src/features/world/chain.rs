//! The chain of STS calls, hop by hop with each hop's decision and the full trace of every call
//! it needed, and the request's final decisions, each with the same trace as the Policies mode
//! (every layer, statement and condition with the values compared, the closest statements when
//! nothing allowed it) and what would flip it. Every step selects its words in the World
//! editor.

use std::sync::Arc;

use iam_engine::chain::HopResult;
use iam_engine::flip::what_if_world;
use iam_engine::{EvalDecision, EvaluationResult, Options};
use leptos::prelude::*;

use crate::features::result::links::Links;
use crate::features::result::predict::{self, classroom_bar};
use crate::features::result::trace_view::trace_tree;
use crate::features::result::what_if::what_if_view;
use crate::features::world::editor::WorldEditor;
use crate::features::world::evaluate::Good;
use crate::features::world::identities::policy_name;
use crate::features::world::summary::tag_list;
use crate::model::exercise::score;
use crate::store::explain::capitalized;
use crate::store::{explain, Store};
use crate::ui::details::details_open;
use crate::ui::words::words;

fn badge(d: EvalDecision) -> impl IntoView {
    view! {
        <span class="badge" data-decision=explain::decision_class(d)>
            {explain::decision_label(d)}
        </span>
    }
}

/// Clicks on a World trace select the words in the World editor (when the result is of the
/// text the editor holds).
pub fn links(good: &Arc<Good>) -> Links {
    let jump = use_context::<WorldEditor>();
    let good = good.clone();
    Links::to(
        move |id, span| {
            if let Some(j) = jump {
                j.select(&good, id, span);
            }
        },
        |id| capitalized(&policy_name(id)),
    )
}

/// Whether a result is the request itself (it has a what-if) or a call of a hop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Final,
    HopCall,
}

fn result_item(good: &Arc<Good>, r: &EvaluationResult, open: bool, kind: Kind) -> impl IntoView {
    let store = expect_context::<Store>();
    let links = links(good);
    let (action, resource) = (r.eval_action_name.clone(), r.eval_resource_name.clone());
    // What would flip it: asked of the engine when the result is open (it simulates the World
    // again for every change it tries).
    let is_open = RwSignal::new(open);
    let answer = {
        let good = good.clone();
        let (action, resource) = (action.clone(), resource.clone());
        Memo::new(move |_| {
            if kind != Kind::Final || !is_open.get() {
                return None;
            }
            let opts = Options {
                trace: false,
                now_epoch_seconds: Some(good.now),
            };
            what_if_world(&good.world, &opts, &action, &resource)
        })
    };
    // A call of a hop is an answer too while the request's answer is hidden.
    let hidden = {
        let good = good.clone();
        let (action, resource) = (action.clone(), resource.clone());
        move || match kind {
            Kind::Final => store.answer_hidden(&action, &resource),
            Kind::HopCall => chain_hidden(store, &good),
        }
    };
    let body = {
        let r = r.clone();
        let hidden = hidden.clone();
        move || {
            if hidden() {
                return match kind {
                    Kind::Final => {
                        predict::predict_card(store, &r.eval_action_name, &r.eval_resource_name)
                    }
                    Kind::HopCall => {
                        view! { <p class="hint">"Predict the request first."</p> }.into_any()
                    }
                };
            }
            let verdict = (kind == Kind::Final)
                .then(|| {
                    predict::verdict(
                        store,
                        &r.eval_action_name,
                        &r.eval_resource_name,
                        r.eval_decision,
                    )
                })
                .flatten();
            let missing = (!r.missing_context_values.is_empty()).then(|| {
                view! {
                    <p class="muted missing">"Missing context keys: " {r.missing_context_values.join(", ")}</p>
                }
            });
            let trace = r
                .trace
                .as_ref()
                .map(|t| trace_tree(links, t, &r.matched_statements));
            view! {
                {verdict}
                {missing}
                {move || answer.get().map(|w| what_if_view(&w))}
                <div class="trace world-trace">{trace}</div>
            }
            .into_any()
        }
    };
    let badge = {
        let (action, resource, d) = (action.clone(), resource.clone(), r.eval_decision);
        move || {
            if hidden() {
                view! { <span class="badge" data-decision="hidden">"?"</span> }.into_any()
            } else {
                predict::badge(store, action.clone(), resource.clone(), d).into_any()
            }
        }
    };
    view! {
        <li class="world-result" data-decision=explain::decision_class(r.eval_decision)
            data-action=action.clone() data-resource=resource.clone()>
            <details open=open on:toggle=move |ev| is_open.set(details_open(&ev))>
                <summary>
                    {badge}
                    " "
                    <code>{action.clone()}</code>
                    <span class="on">" on "</span>
                    <code class="resource">{resource.clone()}</code>
                </summary>
                {body}
            </details>
        </li>
    }
}

/// Whether some final answer of the World is hidden until predicted (then the chain, which
/// would give it away, is hidden too).
fn chain_hidden(store: Store, good: &Good) -> bool {
    good.results
        .iter()
        .any(|r| store.answer_hidden(&r.eval_action_name, &r.eval_resource_name))
}

fn hop_item(good: &Arc<Good>, h: &HopResult) -> impl IntoView {
    let target = h
        .role_arn
        .as_ref()
        .map(|r| view! { " → " <code>{r.clone()}</code> });
    let session_arn = h.session_arn.clone();
    let session_tags = h.session_tags.clone();
    // A failed hop's calls open: they are why the request failed.
    let failed = h.eval_decision != EvalDecision::Allowed;
    let calls = h
        .evaluation_results
        .iter()
        .map(|r| result_item(good, r, failed, Kind::HopCall))
        .collect_view();
    let store = expect_context::<Store>();
    let hidden = {
        let good = good.clone();
        move || chain_hidden(store, &good)
    };
    let d = h.eval_decision;
    let reason = h.reason.clone();
    let told = {
        let hidden = hidden.clone();
        move || {
            (!hidden()).then(|| {
                let session = session_arn.as_ref().map(|s| {
                    view! { <p class="session">"Session: " <code class="session-arn">{s.clone()}</code></p> }
                });
                let tags = (!session_tags.is_empty()).then(|| {
                    view! { <div class="session-tags">"Session tags: " {tag_list(&session_tags)}</div> }
                });
                view! {
                    <p class="reason">{words(&reason)}</p>
                    {session}
                    {tags}
                }
            })
        }
    };
    view! {
        <li class="hop" data-hop=h.hop data-decision=explain::decision_class(h.eval_decision)>
            <div class="hop-head">
                <span class="hop-number">{format!("Hop {}", h.hop + 1)}</span>
                " "
                {move || if hidden() {
                    view! { <span class="badge" data-decision="hidden">"?"</span> }.into_any()
                } else {
                    badge(d).into_any()
                }}
                " "
                <strong>{h.api.clone()}</strong>
                {target}
            </div>
            <p class="hop-caller">"Called by " <code>{h.caller.clone()}</code></p>
            {told}
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

/// The request's final decisions, the first one open, with the classroom switches and score.
pub fn decisions_view(good: &Arc<Good>) -> impl IntoView {
    let store = expect_context::<Store>();
    let score = {
        let good = good.clone();
        Signal::derive(move || store.state.with(|s| score(&s.predictions, &good.results)))
    };
    let items = good
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| result_item(good, r, i == 0, Kind::Final))
        .collect_view();
    view! {
        <section class="world-decisions" aria-label="Decisions">
            <h3>"The request"</h3>
            <details class="world-classroom" open=move || store.state.with(|s| s.hide_answers)>
                <summary>"Exercise for a class"</summary>
                {classroom_bar(store, score)}
            </details>
            <ul class="world-results final">{items}</ul>
        </section>
    }
}
