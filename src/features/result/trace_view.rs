//! The trace as an expandable tree in AWS's evaluation order — one view for every mode: who
//! asked, the closest statements when nothing allowed the request, the decision steps, then
//! each layer, policy, statement, element and condition with the values compared, the deciding
//! statements marked. Every step is a button that selects the words it is about, wherever
//! [`Links`] leads (the policy editors, the World editor, or nowhere).

use iam_engine::trace::{
    DecisionStep, ElementTrace, LayerTrace, LayerVerdict, PolicyTrace, StatementTrace, Trace,
};
use iam_engine::MatchedStatement;
use leptos::prelude::*;

use crate::features::result::closest::closest_view;
use crate::features::result::links::Links;
use crate::store::{explain, Store};
use crate::ui::words::words;

/// What the tree draws with: where clicks lead, and which statements decided.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    links: Links,
    matched: &'a [MatchedStatement],
}

impl Ctx<'_> {
    fn decides(&self, policy_id: &str, index: usize) -> bool {
        self.matched
            .iter()
            .any(|m| m.source_policy_id == policy_id && m.statement_index == index)
    }
}

fn element(links: Links, policy_id: &str, e: &ElementTrace) -> impl IntoView {
    view! {
        <li class="element">
            {links.step(policy_id, explain::element_span(e), e.matched, explain::element_sentence(e))}
        </li>
    }
}

fn statement(cx: Ctx<'_>, policy_id: &str, st: &StatementTrace) -> impl IntoView {
    let links = cx.links;
    let mut items = Vec::new();
    if let Some(p) = &st.principal {
        items.push(element(links, policy_id, p).into_any());
    }
    items.push(element(links, policy_id, &st.action).into_any());
    items.push(element(links, policy_id, &st.resource).into_any());
    for c in &st.conditions {
        let span = Some(c.key_span);
        items.push(
            view! {
                <li class="condition">
                    {links.step(policy_id, span, c.result, explain::condition_sentence(c))}
                    <p class="reason">{words(&c.reason)}</p>
                </li>
            }
            .into_any(),
        );
    }
    let decides = cx.decides(policy_id, st.index);
    let applies = match (st.applies, decides) {
        (true, true) => "applies and decides",
        (true, false) => "applies",
        (false, _) => "does not apply",
    };
    let title = format!("{} — {applies}", explain::statement_title(st));
    view! {
        <li class="statement" class:applies=st.applies class:decides=decides
            data-index=st.index data-effect=format!("{:?}", st.effect)>
            <details open=true>
                <summary>{links.step(policy_id, Some(st.span), st.applies, title)}</summary>
                <ul>{items}</ul>
            </details>
        </li>
    }
}

fn policy(cx: Ctx<'_>, p: &PolicyTrace) -> impl IntoView {
    let level = p
        .level
        .map(|l| format!(" — organization level {l}"))
        .unwrap_or_default();
    // A trace of policies in no editor (a pinned comparison side) names a policy by its own
    // name when it has one (an AWS managed policy).
    let base = cx.links.name(&p.policy_id);
    let shown = if cx.links.live() {
        base
    } else {
        p.name.clone().unwrap_or(base)
    };
    let name = format!("{shown}{level}");
    // An AWS managed policy named by ARN: "ReadOnlyAccess (AWS managed, v123)", when the name
    // above does not say it already.
    let own = p
        .name
        .clone()
        .filter(|n| !n.starts_with(&shown))
        .map(|n| view! { " " <strong class="policy-name">{n}</strong> });
    // A policy AWS attaches by itself (RCPFullAWSAccess, the default endpoint policy).
    let note = p.note.clone();
    let statements = p
        .statements
        .iter()
        .map(|st| statement(cx, &p.policy_id, st))
        .collect_view();
    view! {
        <li class="policy" data-policy=p.policy_id.clone()>
            <details open=true>
                <summary>
                    <span>
                        <strong>{name}</strong>
                        {own}
                        " "
                        <code class="policy-id">{p.policy_id.clone()}</code>
                        {note.map(|n| view! { " " <span class="policy-note">{n}</span> })}
                    </span>
                </summary>
                <ul>{statements}</ul>
            </details>
        </li>
    }
}

fn layer(cx: Ctx<'_>, l: &LayerTrace) -> impl IntoView {
    let class = explain::verdict_class(l.verdict);
    let open = !matches!(
        l.verdict,
        LayerVerdict::Absent | LayerVerdict::NotApplicable
    );
    let policies = l.policies.iter().map(|p| policy(cx, p)).collect_view();
    view! {
        <li class=format!("layer {class}") data-kind=format!("{:?}", l.kind)>
            <details open=open>
                <summary>
                    <span>
                        <strong>{l.label.clone()}</strong>
                        ": "
                        <span class="verdict">{words(&l.summary)}</span>
                    </span>
                </summary>
                <ul>{policies}</ul>
            </details>
        </li>
    }
}

/// The decision steps as list items, the deciding one (the last with a decision) marked; each
/// step's chip names what it checked (its rule id and documentation are the chip's title).
pub fn steps_view(steps: &[DecisionStep]) -> impl IntoView {
    let last = steps.iter().rposition(|s| s.decision.is_some());
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let title = format!("rule {} · {}", s.rule, s.source);
            view! {
                <li class:decisive=Some(i) == last data-rule=s.rule.clone()>
                    {words(&s.text)}
                    " "
                    <span class="rule" title=title>{explain::rule_label(&s.rule)}</span>
                </li>
            }
        })
        .collect_view()
}

/// "Caller: …; resource account … (cross-account)".
pub fn who_line(t: &Trace) -> String {
    format!(
        "Caller: {}; resource account {}{}",
        t.caller.describe(),
        t.resource_account.as_deref().unwrap_or("unknown"),
        if t.cross_account {
            " (cross-account)"
        } else {
            ""
        }
    )
}

/// The whole trace of a result: who asked, the closest statements when nothing allowed it, the
/// decision steps, the layers (the statements in `matched` marked as deciding) and the
/// request context; each step selects its words wherever `links` leads.
pub fn trace_tree(links: Links, t: &Trace, matched: &[MatchedStatement]) -> impl IntoView {
    let cx = Ctx { links, matched };
    let steps = steps_view(&t.steps);
    let who = who_line(t);
    view! {
        <p class="who">{words(&who)}</p>
        {closest_view(links, t)}
        <h3>"How AWS decided"</h3>
        <ol class="steps">{steps}</ol>
        {(!t.layers.is_empty()).then(|| view! {
            <h3>"Policies in evaluation order"</h3>
            <ol class="layers">{t.layers.iter().map(|l| layer(cx, l)).collect_view()}</ol>
        })}
        {context_table(t)}
    }
}

/// The request context as evaluated: each key, its values and where it came from.
pub fn context_table(t: &Trace) -> impl IntoView {
    let rows = t
        .context
        .iter()
        .map(|c| {
            let values = c
                .values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let origin = format!("{:?}", c.origin).to_lowercase();
            let origin = match &c.from {
                Some(f) => format!("{origin}: {f}"),
                None => origin,
            };
            view! {
                <tr>
                    <td><code>{c.key.clone()}</code></td>
                    <td>{words(&values)}</td>
                    <td class="origin">{words(&origin)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="context">
            <summary>"Request context as evaluated"</summary>
            <table>
                <thead><tr><th>"Key"</th><th>"Values"</th><th>"From"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

/// The trace of the chosen result.
#[component]
pub fn TraceView() -> impl IntoView {
    let store = expect_context::<Store>();
    let links = Links::editors(store);
    view! {
        <div class="trace main-trace">
            {move || {
                store
                    .current_result()
                    .and_then(|r| r.trace.as_ref().map(|t| trace_tree(links, t, &r.matched_statements)))
            }}
        </div>
    }
}
