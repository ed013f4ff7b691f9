//! "Compare" in the World mode: the World's request (A) against the same request made by
//! another caller, or against a pinned copy of the World (B), in the engine worker. Each side
//! is the principal its chain ends with, with its own tags and session; every catalog action is
//! tried on the requests' resources and on each World resource, role and user of its service.
//! Each difference lists both decisions and the statements that decided. Bounded testing.

use std::sync::Arc;

use iam_engine::compare::Comparison;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::world::form::WorldForm;
use crate::model::world::request::{principals, short_name, RequestEdit};
use crate::platform::page::now_seconds;
use crate::platform::worker::{self, Gate};
use crate::store::explain::{decision_class, decision_label};
use crate::store::Store;

/// Counterexamples listed at most.
const MAX_SHOWN: usize = 200;

/// What B is.
#[derive(Clone, PartialEq)]
enum Other {
    /// Nothing chosen yet.
    None,
    /// The same World with another caller.
    Caller(String),
    /// A World pinned earlier.
    Pinned(String),
}

fn b_text(a: &str, other: &Other) -> Option<String> {
    match other {
        Other::None => None,
        Other::Caller(p) => RequestEdit::Principal(p.clone()).apply(a).ok(),
        Other::Pinned(t) => Some(t.clone()),
    }
}

/// Why a side makes no request at all (its chain stops), in words.
fn chain_stops(store: Store, text: &str) -> Option<String> {
    let ws = store.parse_world(text)?;
    let opts = iam_engine::Options {
        trace: false,
        now_epoch_seconds: Some(now_seconds()),
    };
    match iam_engine::chain::reach(&ws, &opts) {
        iam_engine::chain::ChainEnd::Stopped {
            reason, decision, ..
        } if !reason.is_empty() => Some(format!(
            "the chain stops ({reason}), so every request is {}",
            decision_label(decision)
        )),
        _ => None,
    }
}

/// A comparison as shown: the result, how many differences in all, the sides' names and why
/// a side makes no request.
#[derive(Clone)]
struct Shown {
    c: Arc<Comparison>,
    total: usize,
    names: [String; 2],
    stops: [Option<String>; 2],
}

fn side(d: iam_engine::EvalDecision, statements: &[String]) -> impl IntoView {
    view! {
        <span class="badge" data-decision=decision_class(d)>{decision_label(d)}</span>
        " "
        <span class="muted">{statements.join(", ")}</span>
    }
}

fn table(shown: &Shown) -> impl IntoView {
    let (c, total) = (&shown.c, shown.total);
    let [a_name, b_name] = &shown.names;
    let stops = ["A", "B"]
        .iter()
        .zip(&shown.stops)
        .filter_map(|(who, s)| {
            let s = s.as_ref()?;
            Some(view! { <p class="hint world-chain-stops">{format!("{who} ({}): {s}.", if *who == "A" { a_name } else { b_name })}</p> })
        })
        .collect_view();
    let rows = c
        .counterexamples
        .iter()
        .take(MAX_SHOWN)
        .map(|x| {
            view! {
                <tr class="world-difference" data-action=x.action.clone()>
                    <td><code>{x.action.clone()}</code></td>
                    <td><code title=x.resource.clone()>{short_name(&x.resource).to_string()}</code></td>
                    <td>{side(x.a.decision, &x.a.statements)}</td>
                    <td>{side(x.b.decision, &x.b.statements)}</td>
                </tr>
            }
        })
        .collect_view();
    let verdict = if total == 0 {
        "no request decided differently".to_string()
    } else {
        format!(
            "{total} request{} decided differently: {} allowed only for A, {} only for B, {} denied by both in different ways",
            if total == 1 { "" } else { "s" },
            c.only_a_allows,
            c.only_b_allows,
            c.deny_kind_differs
        )
    };
    view! {
        {stops}
        <p class="compare-summary" data-differences=total.to_string()>
            {format!("{} requests tried ({} actions on {} resources): {verdict}.", c.requests, c.actions, c.resources.len())}
        </p>
        {(total > MAX_SHOWN).then(|| view! { <p class="hint">{format!("The first {MAX_SHOWN} are listed.")}</p> })}
        <table class="world-differences">
            <thead><tr><th>"Action"</th><th>"Resource"</th><th>{format!("A: {a_name}")}</th><th>{format!("B: {b_name}")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The panel.
#[component]
pub fn WorldComparePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let other = RwSignal::new(Other::None);
    let gate = Gate::new();
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<Shown>);
    fn run(
        store: Store,
        gate: Gate,
        other: RwSignal<Other>,
        error: RwSignal<Option<String>>,
        result: RwSignal<Option<Shown>>,
    ) {
        let a = store.world.get_untracked();
        let o = other.get_untracked();
        let Some(b) = b_text(&a, &o) else { return };
        if !gate.begin() {
            return;
        }
        let name = |t: &str| {
            WorldForm::read(t).map_or_else(
                |_| "?".into(),
                |f| short_name(&f.request.principal).to_string(),
            )
        };
        let (a_name, b_name) = match &o {
            Other::Pinned(_) => (
                format!("{} (current)", name(&a)),
                format!("{} (pinned)", name(&b)),
            ),
            _ => (name(&a), name(&b)),
        };
        let (wa, wb) = (store.world_for_worker(&a), store.world_for_worker(&b));
        spawn_local(async move {
            let r = worker::compare(&wa, &wb, Some(now_seconds())).await;
            let again = gate.end();
            match r {
                Ok(done) => match (done.reply.error, done.reply.comparison) {
                    (None, Some(c)) => {
                        error.set(None);
                        result.set(Some(Shown {
                            c: Arc::new(c),
                            total: done.reply.counterexamples,
                            names: [a_name, b_name],
                            stops: [chain_stops(store, &a), chain_stops(store, &b)],
                        }));
                    }
                    (e, _) => error.set(Some(e.unwrap_or_else(|| "no result".into()))),
                },
                Err(e) => error.set(Some(e)),
            }
            if again {
                run(store, gate, other, error, result);
            }
        });
    }
    Effect::new(move |_| {
        store.world.track();
        other.track();
        run(store, gate, other, error, result);
    });
    let callers = move || {
        let f = store.world.with(|t| WorldForm::read(t).ok())?;
        let current = f.request.principal.clone();
        let options = principals(&f)
            .into_iter()
            .filter(|c| c.value != current)
            .map(|c| view! { <option value=c.value.clone()>{c.label}</option> })
            .collect_view();
        Some(view! {
            <label>"Compare the request with the same request made by "
                <select class="world-compare-caller" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    other.set(if v.is_empty() { Other::None } else { Other::Caller(v) });
                }>
                    <option value="">"—"</option>
                    {options}
                </select>
            </label>
        })
    };
    view! {
        <div class="compare world-compare">
            <p class="bounded-note">
                <strong>"Bounded testing, not a proof."</strong>
                " Each side is the principal its chain ends with (its own tags, session and MFA). Every catalog action is tried on the requests' resources and on each resource, role and user of the World of its service ("
                <code>"*"</code>
                " for actions that name no resource type), in each side's own World context."
            </p>
            <div class="row">
                {callers}
                <button type="button" class="world-compare-pin"
                    on:click=move |_| other.set(Other::Pinned(store.world.get_untracked()))>
                    "or pin this World as B"
                </button>
                <Show when=move || gate.running.get()>
                    <span class="hint">"comparing…"</span>
                    <button type="button" class="compare-cancel" on:click=move |_| worker::cancel()>"Cancel"</button>
                </Show>
            </div>
            {move || matches!(other.get(), Other::Pinned(_)).then(|| view! {
                <p class="hint">"B is the World as pinned; edit the World (A) and the comparison follows."</p>
            })}
            {move || error.get().map(|e| view! { <p class="sweep-error" role="alert">{e}</p> })}
            {move || result.get().map(|s| table(&s))}
        </div>
    }
}
