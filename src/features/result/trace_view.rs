//! The trace as an expandable tree in AWS's evaluation order — one view for every mode: who
//! asked, the closest statements when nothing allowed the request, the decision steps, then
//! each layer, policy, statement, element and condition with the values compared, the deciding
//! statements marked. Every step is a button that selects the words it is about, wherever
//! [`Links`] leads (the policy editors, the World editor, or nowhere).
//!
//! The tree is built as it is opened: a policy of more than [`OPEN_ALL`] statements (a pasted
//! account export has thousands) opens with only its statements that apply (the deciding ones
//! among them), and lists the others collapsed, [`PAGE`] at a time, each built when opened.
//! When the engine worker evaluated the input, its trace holds only the statements that
//! apply; the others are fetched from the worker a page at a time.

use std::sync::Arc;

use iam_engine::request::context::ValueOrigin;
use iam_engine::trace::{
    DecisionStep, ElementTrace, LayerTrace, LayerVerdict, PolicyTrace, StatementTrace, Trace,
};
use iam_engine::MatchedStatement;
use iam_worker::live::KEEP_ALL;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::features::result::closest::closest_view;
use crate::features::result::links::Links;
use crate::store::live::{worker_id, StatementPager};
use crate::store::{explain, LeftOut, Store};
use crate::ui::details::details_open;
use crate::ui::words::words;

/// Policies with at most this many statements open whole (the worker sends them whole too).
pub const OPEN_ALL: usize = KEEP_ALL;
/// Statements that do not apply are listed this many at a time.
pub const PAGE: usize = 50;

/// What the tree draws with: where clicks lead, which statements decided, and for a trace the
/// engine worker cut down, its live job and the result's index (to fetch the statements it
/// left out) and how many statements each cut policy has.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    links: Links,
    matched: &'a [MatchedStatement],
    worker: Option<(u64, usize)>,
    left_out: Option<&'a LeftOut>,
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

/// A statement's elements and conditions.
fn statement_items(links: Links, policy_id: &str, st: &StatementTrace) -> Vec<AnyView> {
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
    items
}

/// A statement: open with its elements built, or collapsed with them built when it is opened.
/// Its summary only opens and closes it (a control inside a summary is one control inside
/// another); the first line inside selects its words in the editor.
fn statement(
    links: Links,
    policy_id: &str,
    st: &StatementTrace,
    decides: bool,
    open: bool,
) -> impl IntoView {
    let applies = match (st.applies, decides) {
        (true, true) => "applies and decides",
        (true, false) => "applies",
        (false, _) => "does not apply",
    };
    let title = format!("{} — {applies}", explain::statement_title(st));
    let label = format!("Select in the editor: {}", title.replace('`', ""));
    let opened = RwSignal::new(open);
    let id = policy_id.to_string();
    let st_for_items = st.clone();
    let span = Some(st.span).filter(|_| links.live());
    view! {
        <li class="statement" class:applies=st.applies class:decides=decides
            data-index=st.index data-effect=format!("{:?}", st.effect)>
            <details prop:open=open on:toggle=move |ev| opened.set(details_open(&ev))>
                <summary class="statement-title" class:ok=st.applies class:fail=!st.applies>
                    <span class="mark" aria-hidden="true">{if st.applies { "✔" } else { "✘" }}</span>
                    " "
                    <span>{words(&title)}</span>
                </summary>
                {move || {
                    let id = id.clone();
                    opened.get().then(|| {
                        let select = id.clone();
                        view! {
                            <ul>
                                <li class="select">
                                    <button type="button" class="span-link link select-statement"
                                        aria-label=label.clone() disabled=span.is_none()
                                        on:click=move |_| {
                                            if let Some(span) = span {
                                                links.go(&select, span);
                                            }
                                        }>
                                        "Select in the editor"
                                    </button>
                                </li>
                                {statement_items(links, &id, &st_for_items)}
                            </ul>
                        }
                    })
                }}
            </details>
        </li>
    }
}

/// The statements of a large policy that do not apply, [`PAGE`] more each time the button
/// asks: taken from the trace, or fetched from the engine worker when its trace left them out.
fn other_statements(
    links: Links,
    worker: Option<(u64, usize)>,
    p: &PolicyTrace,
    total: usize,
    left_out: bool,
) -> impl IntoView {
    // Absent where no engine worker runs (the embed): then nothing was left out to fetch.
    let pager = use_context::<StatementPager>();
    let policy_id = p.policy_id.clone();
    let local: Arc<Vec<StatementTrace>> = Arc::new(if left_out {
        Vec::new()
    } else {
        p.statements
            .iter()
            .filter(|s| !s.applies)
            .cloned()
            .collect()
    });
    let others = total.saturating_sub(p.statements.iter().filter(|s| s.applies).count());
    let rows = RwSignal::new(Vec::<StatementTrace>::new());
    // Statement indices fetched from the worker so far, and a failure to fetch.
    let fetched = RwSignal::new(0usize);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let more = {
        let policy_id = policy_id.clone();
        move || {
            if !left_out {
                let shown = rows.with_untracked(Vec::len);
                let next: Vec<StatementTrace> =
                    local.iter().skip(shown).take(PAGE).cloned().collect();
                rows.update(|r| r.extend(next));
                return;
            }
            let (Some((job, result)), Some(pager)) = (worker, pager) else {
                return;
            };
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let policy_id = policy_id.clone();
            spawn_local(async move {
                // Pages of indices until PAGE more rows came or the policy ends (or the trace
                // was rebuilt meanwhile and these signals are gone).
                let mut added = 0;
                while added < PAGE {
                    let Some(from) = fetched.try_get_untracked().filter(|f| *f < total) else {
                        break;
                    };
                    match (pager.0)(job, result, worker_id(&policy_id), from, PAGE).await {
                        Ok(page) => {
                            fetched.try_set(from + PAGE);
                            let next: Vec<StatementTrace> =
                                page.statements.into_iter().filter(|s| !s.applies).collect();
                            added += next.len();
                            rows.try_update(|r| r.extend(next));
                        }
                        Err(e) => {
                            error.try_set(Some(e));
                            break;
                        }
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let opened = RwSignal::new(false);
    let first = more.clone();
    let remaining = move || others.saturating_sub(rows.with(Vec::len));
    let id = policy_id.clone();
    view! {
        <li class="other-statements">
            <details on:toggle=move |ev| {
                let open = details_open(&ev);
                opened.set(open);
                if open && rows.with_untracked(Vec::is_empty) {
                    first();
                }
            }>
                <summary>
                    <span>{format!("{others} statement{} that do not apply", if others == 1 { "" } else { "s" })}</span>
                </summary>
                {move || {
                    let id = id.clone();
                    let more = more.clone();
                    opened.get().then(|| view! {
                        <ul>
                            <For
                                each=move || rows.get()
                                key=|st| st.index
                                children=move |st| statement(links, &id, &st, false, false)
                            />
                        </ul>
                        {move || error.get().map(|e| view! { <p class="hint">{e}</p> })}
                        <Show when=move || { remaining() > 0 && error.with(Option::is_none) }>
                            <button type="button" class="link more-statements" disabled=move || busy.get()
                                on:click={
                                    let more = more.clone();
                                    move |_| more()
                                }>
                                {move || format!("Show {} more ({} left)", remaining().min(PAGE), remaining())}
                            </button>
                        </Show>
                    })
                }}
            </details>
        </li>
    }
}

fn policy(cx: Ctx<'_>, p: &PolicyTrace) -> impl IntoView {
    let links = cx.links;
    let level = p
        .level
        .map(|l| format!(" — organization level {l}"))
        .unwrap_or_default();
    // A trace of policies in no editor (a pinned comparison side) names a policy by its own
    // name when it has one (an AWS managed policy).
    let base = links.name(&p.policy_id);
    let shown = if links.live() {
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
    // The worker's trace of a large policy holds only its statements that apply.
    let cut = cx.left_out.and_then(|o| o.count(&p.policy_id));
    let total = cut.unwrap_or(p.statements.len());
    let small = total <= OPEN_ALL;
    let applying = p.statements.iter().filter(|s| s.applies).count();
    let count = if small {
        String::new()
    } else {
        format!(" — {total} statements, {applying} apply")
    };
    let deciding: Vec<usize> = p
        .statements
        .iter()
        .filter(|s| cx.decides(&p.policy_id, s.index))
        .map(|s| s.index)
        .collect();
    // A small policy opens whole; a large one opens when a statement of it applies.
    let open = small || applying > 0;
    let opened = RwSignal::new(open);
    let worker = cx.worker;
    let p = Arc::new(p.clone());
    let body = {
        let p = p.clone();
        move || {
            let id = &p.policy_id;
            let shown = |st: &StatementTrace| {
                statement(links, id, st, deciding.contains(&st.index), true).into_any()
            };
            if small {
                return p.statements.iter().map(shown).collect::<Vec<_>>();
            }
            // The deciding statements first, then the others that apply.
            let mut items: Vec<AnyView> = p
                .statements
                .iter()
                .filter(|st| deciding.contains(&st.index))
                .chain(
                    p.statements
                        .iter()
                        .filter(|st| st.applies && !deciding.contains(&st.index)),
                )
                .map(shown)
                .collect();
            if total > applying {
                items.push(other_statements(links, worker, &p, total, cut.is_some()).into_any());
            }
            items
        }
    };
    view! {
        <li class="policy" data-policy=p.policy_id.clone() data-statements=total>
            <details prop:open=open on:toggle=move |ev| opened.set(details_open(&ev))>
                <summary>
                    <span>
                        <strong>{name}</strong>
                        {own}
                        " "
                        <code class="policy-id">{p.policy_id.clone()}</code>
                        {count}
                        {note.map(|n| view! { " " <span class="policy-note">{n}</span> })}
                    </span>
                </summary>
                {move || opened.get().then(|| view! { <ul>{body()}</ul> })}
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
    tree(
        Ctx {
            links,
            matched,
            worker: None,
            left_out: None,
        },
        t,
    )
}

fn tree(cx: Ctx<'_>, t: &Trace) -> impl IntoView {
    let links = cx.links;
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
            let origin = match c.origin {
                ValueOrigin::Given => "given",
                ValueOrigin::Derived => "derived",
            };
            let origin = match &c.from {
                Some(f) => format!("{origin}: {f}"),
                None => origin.to_string(),
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

/// The trace of the chosen result (for a large input evaluated in the engine worker, with the
/// statements it left out fetched as they are opened).
#[component]
pub fn TraceView() -> impl IntoView {
    let store = expect_context::<Store>();
    let links = Links::editors(store);
    view! {
        <div class="trace main-trace">
            {move || {
                let index = store.shown_index();
                let left_out = store.evaluation.with(|e| e.left_out.clone());
                store.current_result().and_then(|r| {
                    r.trace.as_ref().map(|t| {
                        let cx = Ctx {
                            links,
                            matched: &r.matched_statements,
                            worker: left_out.as_ref().map(|o| (o.job, index)),
                            left_out: left_out.as_deref(),
                        };
                        tree(cx, t)
                    })
                })
            }}
        </div>
    }
}
