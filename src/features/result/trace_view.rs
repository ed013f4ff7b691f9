//! The trace as an expandable tree in AWS's evaluation order: decision steps, then each layer,
//! policy, statement, element and condition. Every step is a button that selects the words of
//! the policy it is about.
//!
//! The tree is built as it is opened: a policy of more than [`OPEN_ALL`] statements (a pasted
//! account export has thousands) opens with only its statements that apply, and lists the
//! others collapsed, [`PAGE`] at a time, each built when opened. When the engine worker
//! evaluated the input, its trace holds only those statements that apply; the others are
//! fetched from the worker a page at a time.

use std::sync::Arc;

use iam_engine::trace::{
    DecisionStep, ElementTrace, LayerTrace, LayerVerdict, PolicyTrace, StatementTrace, Trace,
};
use iam_engine::Span;
use iam_worker::live::KEEP_ALL;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::worker;
use crate::store::{explain, LeftOut, Store};
use crate::ui::details::details_open;
use crate::ui::words::words;

/// Policies with at most this many statements open whole (the worker sends them whole too).
pub const OPEN_ALL: usize = KEEP_ALL;
/// Statements that do not apply are listed this many at a time.
pub const PAGE: usize = 50;

fn mark(ok: bool) -> &'static str {
    if ok {
        "✔"
    } else {
        "✘"
    }
}

/// Where clicks on a trace lead: the store, and whether the trace is of the policies in the
/// editors (`live`); a trace of other policies (a pinned comparison side) shows no links. For
/// a trace the engine worker cut down: its live job and the result's index, to fetch the
/// statements it left out.
#[derive(Clone, Copy)]
struct Links {
    store: Store,
    live: bool,
    worker: Option<(u64, usize)>,
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
    let span = span.filter(|_| store.live);
    view! {
        <button
            type="button"
            class="span-link step"
            class:ok=ok
            class:fail=!ok
            disabled=span.is_none()
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(span) = span {
                    store.store.focus(&id, span);
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

/// A statement's elements and conditions.
fn statement_items(store: Links, policy_id: &str, st: &StatementTrace) -> Vec<AnyView> {
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
    items
}

/// A statement: open with its elements built, or collapsed with them built when it is opened.
/// Its summary only opens and closes it (a control inside a summary is one control inside
/// another); the first line inside selects its words in the editor.
fn statement(store: Links, policy_id: &str, st: &StatementTrace, open: bool) -> impl IntoView {
    let applies = if st.applies {
        "applies"
    } else {
        "does not apply"
    };
    let title = format!("{} — {applies}", explain::statement_title(st));
    let label = format!("Select in the editor: {}", title.replace('`', ""));
    let opened = RwSignal::new(open);
    let id = policy_id.to_string();
    let st_for_items = st.clone();
    let span = Some(st.span).filter(|_| store.live);
    view! {
        <li class="statement" class:applies=st.applies>
            <details prop:open=open on:toggle=move |ev| opened.set(details_open(&ev))>
                <summary class="statement-title" class:ok=st.applies class:fail=!st.applies>
                    <span class="mark" aria-hidden="true">{mark(st.applies)}</span>
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
                                                store.store.focus(&select, span);
                                            }
                                        }>
                                        "Select in the editor"
                                    </button>
                                </li>
                                {statement_items(store, &id, &st_for_items)}
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
fn other_statements(store: Links, p: &PolicyTrace, total: usize, left_out: bool) -> impl IntoView {
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
            let Some((job, result)) = store.worker else {
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
                    match worker::statements(job, result, &policy_id, from, PAGE).await {
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
                                children=move |st| statement(store, &id, &st, false)
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

fn policy(store: Links, p: &PolicyTrace, total: usize, left_out: bool) -> impl IntoView {
    let level = p
        .level
        .map(|l| format!(" — organization level {l}"))
        .unwrap_or_default();
    let shown = if store.live {
        store.store.policy_name(&p.policy_id)
    } else {
        "Pinned policy".to_string()
    };
    let name = format!("{shown}{level}");
    let small = total <= OPEN_ALL;
    let applying = p.statements.iter().filter(|s| s.applies).count();
    let count = if small {
        String::new()
    } else {
        format!(" — {total} statements, {applying} apply")
    };
    // A small policy opens whole; a large one opens when a statement of it applies.
    let open = small || applying > 0;
    let opened = RwSignal::new(open);
    let p = Arc::new(p.clone());
    let body = {
        let p = p.clone();
        move || {
            let id = &p.policy_id;
            if small {
                return p
                    .statements
                    .iter()
                    .map(|st| statement(store, id, st, true).into_any())
                    .collect::<Vec<_>>();
            }
            let mut items: Vec<AnyView> = p
                .statements
                .iter()
                .filter(|st| st.applies)
                .map(|st| statement(store, id, st, true).into_any())
                .collect();
            if total > applying {
                items.push(other_statements(store, &p, total, left_out).into_any());
            }
            items
        }
    };
    view! {
        <li class="policy" data-statements=total>
            <details prop:open=open on:toggle=move |ev| opened.set(details_open(&ev))>
                <summary>
                    <span>
                        <strong>{name}</strong>
                        " "
                        <code class="policy-id">{p.policy_id.clone()}</code>
                        {count}
                    </span>
                </summary>
                {move || opened.get().then(|| view! { <ul>{body()}</ul> })}
            </details>
        </li>
    }
}

fn layer(store: Links, l: &LayerTrace, left_out: Option<&LeftOut>) -> impl IntoView {
    let class = explain::verdict_class(l.verdict);
    let open = !matches!(
        l.verdict,
        LayerVerdict::Absent | LayerVerdict::NotApplicable
    );
    let policies = l
        .policies
        .iter()
        .map(|p| {
            let cut = left_out.and_then(|o| o.count(&p.policy_id));
            policy(store, p, cut.unwrap_or(p.statements.len()), cut.is_some())
        })
        .collect_view();
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
    let links = Links {
        store,
        live: true,
        worker: None,
    };
    tree(links, t, None)
}

/// [`trace_tree`] of policies that are not in the editors (no links).
pub fn trace_tree_unlinked(store: Store, t: &Trace) -> impl IntoView {
    let links = Links {
        store,
        live: false,
        worker: None,
    };
    tree(links, t, None)
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

fn tree(store: Links, t: &Trace, left_out: Option<&LeftOut>) -> impl IntoView {
    let steps = steps_view(&t.steps);
    let who = who_line(t);
    view! {
        <p class="who">{words(&who)}</p>
        <h3>"How AWS decided"</h3>
        <ol class="steps">{steps}</ol>
        <h3>"Policies in evaluation order"</h3>
        <ol class="layers">{t.layers.iter().map(|l| layer(store, l, left_out)).collect_view()}</ol>
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
                let index = store.shown_index();
                let left_out = store.evaluation.with(|e| e.left_out.clone());
                let links = Links {
                    store,
                    live: true,
                    worker: left_out.as_ref().map(|o| (o.job, index)),
                };
                store
                    .current_result()
                    .and_then(|r| r.trace)
                    .map(|t| tree(links, &t, left_out.as_deref()))
            }}
        </div>
    }
}
