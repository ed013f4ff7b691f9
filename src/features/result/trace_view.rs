//! The trace as an expandable tree in AWS's evaluation order: decision steps, then each layer,
//! policy, statement, element and condition. Every step is a button that selects the words of
//! the policy it is about.

use iam_engine::trace::{
    DecisionStep, ElementTrace, LayerTrace, LayerVerdict, PolicyTrace, StatementTrace, Trace,
};
use iam_engine::Span;
use leptos::prelude::*;

use crate::store::{explain, Store};
use crate::ui::words::words;

fn mark(ok: bool) -> &'static str {
    if ok {
        "✔"
    } else {
        "✘"
    }
}

/// Where clicks on a trace lead: the store, and for a trace of the policies in the editors, the
/// function that selects a span in them (`jump`); a trace of other policies (a pinned
/// comparison side) shows no links. A trace of the store's policies where there is no editor
/// (the embed) names them (`named`) without links (and so does not link the editor's code).
#[derive(Clone, Copy)]
struct Links {
    store: Store,
    jump: Option<fn(&Store, &str, Span)>,
    named: bool,
}

/// One clickable step of the tree.
fn step(
    store: Links,
    policy_id: &str,
    span: Option<Span>,
    ok: bool,
    text: String,
) -> impl IntoView {
    let id = policy_id.to_string();
    let jump = store.jump;
    let span = span.filter(|_| jump.is_some());
    view! {
        <button
            type="button"
            class="span-link step"
            class:ok=ok
            class:fail=!ok
            disabled=span.is_none()
            on:click=move |ev| {
                ev.prevent_default();
                if let (Some(span), Some(jump)) = (span, jump) {
                    jump(&store.store, &id, span);
                }
            }
        >
            <span class="mark" aria-hidden="true">{mark(ok)}</span>
            " "
            {words(&text)}
        </button>
    }
}

fn element(store: Links, policy_id: &str, e: &ElementTrace) -> impl IntoView {
    view! {
        <li class="element">
            {step(store, policy_id, explain::element_span(e), e.matched, explain::element_sentence(e))}
        </li>
    }
}

fn statement(store: Links, policy_id: &str, st: &StatementTrace) -> impl IntoView {
    let mut items = Vec::new();
    if let Some(p) = &st.principal {
        items.push(element(store, policy_id, p).into_any());
    }
    items.push(element(store, policy_id, &st.action).into_any());
    items.push(element(store, policy_id, &st.resource).into_any());
    for c in &st.conditions {
        let span = Some(c.key_span);
        items.push(
            view! {
                <li class="condition">
                    {step(store, policy_id, span, c.result, explain::condition_sentence(c))}
                    <p class="reason">{words(&c.reason)}</p>
                </li>
            }
            .into_any(),
        );
    }
    let applies = if st.applies {
        "applies"
    } else {
        "does not apply"
    };
    let title = format!("{} — {applies}", explain::statement_title(st));
    view! {
        <li class="statement" class:applies=st.applies>
            <details open=true>
                <summary>{step(store, policy_id, Some(st.span), st.applies, title)}</summary>
                <ul>{items}</ul>
            </details>
        </li>
    }
}

fn policy(store: Links, p: &PolicyTrace) -> impl IntoView {
    let level = p
        .level
        .map(|l| format!(" — organization level {l}"))
        .unwrap_or_default();
    let shown = if store.named {
        store.store.policy_name(&p.policy_id)
    } else {
        p.name
            .clone()
            .unwrap_or_else(|| "Pinned policy".to_string())
    };
    let name = format!("{shown}{level}");
    let statements = p
        .statements
        .iter()
        .map(|st| statement(store, &p.policy_id, st))
        .collect_view();
    view! {
        <li class="policy">
            <details open=true>
                <summary>
                    <span>
                        <strong>{name}</strong>
                        " "
                        <code class="policy-id">{p.policy_id.clone()}</code>
                    </span>
                </summary>
                <ul>{statements}</ul>
            </details>
        </li>
    }
}

fn layer(store: Links, l: &LayerTrace) -> impl IntoView {
    let class = explain::verdict_class(l.verdict);
    let open = !matches!(
        l.verdict,
        LayerVerdict::Absent | LayerVerdict::NotApplicable
    );
    let policies = l.policies.iter().map(|p| policy(store, p)).collect_view();
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

/// The decision steps as list items, the deciding one (the last with a decision) marked.
pub fn steps_view(steps: &[DecisionStep]) -> impl IntoView {
    let last = steps.iter().rposition(|s| s.decision.is_some());
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <li class:decisive=Some(i) == last>
                    {words(&s.text)}
                    " "
                    <span class="rule" title=s.source.clone()>{s.rule.clone()}</span>
                </li>
            }
        })
        .collect_view()
}

/// The whole trace: who asked, the decision steps, the layers and the request context; each
/// step selects its words in the editor.
pub fn trace_tree(store: Store, t: &Trace) -> impl IntoView {
    tree(
        Links {
            store,
            jump: Some(|store, id, span| store.focus(id, span)),
            named: true,
        },
        t,
    )
}

/// [`trace_tree`] of policies that are not in the editors (no links).
pub fn trace_tree_unlinked(store: Store, t: &Trace) -> impl IntoView {
    tree(
        Links {
            store,
            jump: None,
            named: false,
        },
        t,
    )
}

/// [`trace_tree`] of the store's policies where no editor shows them (the embed): the
/// policies by their names, no links.
pub fn trace_tree_named(store: Store, t: &Trace) -> impl IntoView {
    tree(
        Links {
            store,
            jump: None,
            named: true,
        },
        t,
    )
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

fn tree(store: Links, t: &Trace) -> impl IntoView {
    let steps = steps_view(&t.steps);
    let who = who_line(t);
    view! {
        <p class="who">{words(&who)}</p>
        <h3>"How AWS decided"</h3>
        <ol class="steps">{steps}</ol>
        <h3>"Policies in evaluation order"</h3>
        <ol class="layers">{t.layers.iter().map(|l| layer(store, l)).collect_view()}</ol>
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
    view! {
        <div class="trace main-trace">
            {move || {
                store
                    .current_result()
                    .and_then(|r| r.trace)
                    .map(|t| trace_tree(store, &t))
            }}
        </div>
    }
}
