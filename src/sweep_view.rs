//! "Effective permissions": every action of the service catalog evaluated against the
//! scenario's resources and context, in the engine worker, grouped by service and access level
//! with counts, filterable; each action opens its full trace (computed here, on demand).
//!
//! While the panel is open the sweep re-runs after every change of the scenario. The root
//! element carries `data-sweep-ms` (engine time in the worker) and `data-sweep-round-trip-ms`
//! for the figures script and the tests.

use std::collections::HashSet;
use std::sync::Arc;

use iam_engine::catalog::AccessLevel;
use iam_engine::{scenario_to_json, simulate, EvalDecision, Options};
use iam_worker::protocol::{ServiceRow, SweepReply};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::explain::decision_class;
use crate::store::{now_seconds, Store};
use crate::tools::details_open;
use crate::trace_view::trace_tree;
use crate::worker_client::{self, Gate};

/// Services listed at most (the filter narrows the rest).
const MAX_SERVICES: usize = 80;
/// Actions listed at most per service.
const MAX_ACTIONS: usize = 400;

/// The request time the main evaluation uses.
pub fn request_now(store: Store) -> i64 {
    store
        .state
        .with(|s| s.request.current_time)
        .unwrap_or_else(now_seconds)
}

fn set_figure(name: &str, value: f64) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, &format!("{value:.1}"));
    }
}

/// The panel's state.
#[derive(Clone, Copy)]
struct Sweep {
    reply: RwSignal<Option<Arc<SweepReply>>>,
    gate: Gate,
    /// The services whose section is open (kept across runs).
    open: RwSignal<HashSet<String>>,
    progress: RwSignal<(f64, f64)>,
    error: RwSignal<Option<String>>,
    timing: RwSignal<Option<(f64, f64)>>,
    /// Also the resources the policies name ("what can it do on what its policies name?").
    named: RwSignal<bool>,
}

impl Sweep {
    fn start(self, store: Store) {
        if !self.gate.begin() {
            return;
        }
        self.error.set(None);
        self.progress.set((0.0, 0.0));
        let text = store
            .built
            .with_untracked(|b| scenario_to_json(&b.scenario));
        let now = request_now(store);
        let progress = self.progress;
        let named = self.named.get_untracked();
        spawn_local(async move {
            let result =
                worker_client::sweep(&text, Some(now), named, move |d, t| progress.set((d, t)))
                    .await;
            let again = self.gate.end();
            match result {
                Ok(done) => {
                    set_figure("data-sweep-ms", done.engine_ms);
                    set_figure("data-sweep-round-trip-ms", done.round_trip_ms);
                    set_figure("data-worker-catalog-parse-ms", done.catalog_ms);
                    self.timing.set(Some((done.engine_ms, done.round_trip_ms)));
                    match done.reply.error.clone() {
                        Some(e) => self.error.set(Some(e)),
                        None => self.reply.set(Some(Arc::new(done.reply))),
                    }
                }
                Err(e) => self.error.set(Some(e)),
            }
            if again {
                self.start(store);
            }
        });
    }
}

fn level_filter_value(l: AccessLevel) -> &'static str {
    match l {
        AccessLevel::List => "list",
        AccessLevel::Read => "read",
        AccessLevel::Write => "write",
        AccessLevel::PermissionsManagement => "permissions",
        AccessLevel::Tagging => "tagging",
    }
}

/// What the filters keep.
#[derive(Clone, PartialEq)]
struct Filter {
    text: String,
    decision: String,
    level: String,
}

impl Filter {
    fn keeps(&self, prefix: &str, name: &str, level: AccessLevel, d: EvalDecision) -> bool {
        (self.decision == "any" || decision_class(d) == self.decision)
            && (self.level == "any" || level_filter_value(level) == self.level)
            && (self.text.is_empty() || {
                let full = format!("{prefix}:{name}").to_lowercase();
                full.contains(&self.text)
            })
    }
}

/// The trace of one action over the scenario's resources (computed on the main thread).
#[component]
fn ActionTrace(action: String, also_on: Option<String>, on_star: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    let mut scenario = store.built.with_untracked(|b| b.scenario.clone());
    scenario.action_names = vec![action];
    if let Some(r) = also_on {
        scenario.resource_arns.push(r);
    }
    if on_star {
        scenario.resource_arns = vec!["*".to_string()];
    }
    let opts = Options {
        trace: true,
        now_epoch_seconds: Some(request_now(store)),
    };
    let outcome = simulate(&scenario, &opts);
    let results = outcome.results.unwrap_or_default();
    let many = results.len() > 1;
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let d = r.eval_decision;
            let trace = r.trace.map(|t| trace_tree(store, &t));
            view! {
                <details class="sweep-trace trace" open=i == 0 || !many>
                    <summary>
                        "on " <code>{r.eval_resource_name.clone()}</code> " "
                        <span class="badge" data-decision=decision_class(d)>{d.as_str()}</span>
                    </summary>
                    {trace}
                </details>
            }
        })
        .collect_view()
}

/// One action row: a button that shows or hides its trace.
#[component]
fn ActionRowView(
    full: String,
    level: AccessLevel,
    decision: EvalDecision,
    /// A resource the policies name on which it is allowed (the request's do not allow it).
    allowed_on: Option<String>,
    /// It names no resource type, so it was evaluated on `*`.
    on_star: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let action = full.clone();
    let data_action = full.clone();
    let on = match (&allowed_on, on_star) {
        (Some(r), _) => Some(view! { <span class="on">"on " <code>{r.clone()}</code></span> }.into_any()),
        (None, true) => Some(
            view! {
                <span class="on" title="This action names no resource type: AWS authorizes it on *, whatever the request names">
                    "on " <code>"*"</code> " (no resource types)"
                </span>
            }
            .into_any(),
        ),
        (None, false) => None,
    };
    view! {
        <li class="sweep-action" data-action=data_action>
            <button type="button" class="sweep-action-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                <code>{full}</code>
                <span class="level">{level.label()}</span>
                <span class="badge" data-decision=decision_class(decision)>{decision.as_str()}</span>
                {on}
            </button>
            {move || open.get().then(|| view! { <ActionTrace action=action.clone() also_on=allowed_on.clone() on_star/> })}
        </li>
    }
}

/// What the sweep said about the resources the policies name.
fn named_text(r: &SweepReply, named: bool) -> String {
    if !named {
        return "Each action was tried on the request's resources only; choose \"those the policies \
                name\" to also try each service's actions on the ARNs its policies give."
            .into();
    }
    if r.named_resources.is_empty() {
        return "The policies name no ARN besides the request's.".into();
    }
    format!(
        "Each service's actions were also tried on the ARNs the policies name for it (wildcards \
         as `x`, variables from the context): {}.",
        r.named_resources
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn counts_text(c: &iam_engine::sweep::Counts) -> String {
    format!(
        "{} allowed · {} explicitly denied · {} of {} implicitly denied",
        c.allowed, c.explicit_deny, c.implicit_deny, c.total
    )
}

/// A service: its counts, per-level counts, and (when open) its actions that pass the filter.
#[component]
fn ServiceGroup(
    service: Arc<SweepReply>,
    index: usize,
    filter: Memo<Filter>,
    open_set: RwSignal<HashSet<String>>,
) -> impl IntoView {
    let Some(s) = service.services.get(index).cloned() else {
        return ().into_any();
    };
    let prefix = s.prefix.clone();
    let open = Memo::new(move |_| open_set.with(|o| o.contains(&prefix)));
    let toggled = s.prefix.clone();
    let levels = s
        .levels
        .iter()
        .map(|l| {
            view! {
                <span class="level-count" title=counts_text(&l.counts)>
                    {format!("{} {}/{}", l.level.label(), l.counts.allowed, l.counts.total)}
                </span>
            }
        })
        .collect_view();
    let rows = move || {
        if !open.get() {
            return None;
        }
        let s: &ServiceRow = service.services.get(index)?;
        let f = filter.get();
        let kept: Vec<_> = s
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| f.keeps(&s.prefix, a.name(), a.level(), a.decision()))
            .collect();
        let more = kept.len().saturating_sub(MAX_ACTIONS);
        let items = kept
            .into_iter()
            .take(MAX_ACTIONS)
            .map(|(i, a)| {
                let on_star = s.on_star.contains(&i);
                let allowed_on = s
                    .allowed_on
                    .iter()
                    .find(|(at, _)| *at == i)
                    .and_then(|(_, n)| service.named_resources.get(*n).cloned());
                view! {
                    <ActionRowView full=format!("{}:{}", s.prefix, a.name()) level=a.level()
                        decision=a.decision() allowed_on on_star/>
                }
            })
            .collect_view();
        Some(view! {
            <ul class="sweep-actions">{items}</ul>
            {(more > 0).then(|| view! { <p class="hint">{format!("{more} more — narrow the filter")}</p> })}
        })
    };
    view! {
        <details class="sweep-service" data-service=s.prefix.clone() prop:open=open
            on:toggle=move |ev| {
                let now_open = details_open(&ev);
                if now_open != open.get_untracked() {
                    open_set.update(|o| {
                        if now_open {
                            o.insert(toggled.clone());
                        } else {
                            o.remove(&toggled);
                        }
                    });
                }
            }>
            <summary>
                <code class="prefix">{s.prefix.clone()}</code>
                " "
                <span class="name">{s.name.clone()}</span>
                " "
                <span class="counts">
                    <span class="badge" data-decision="allowed">{s.counts.allowed}</span>
                    " "
                    <span class="badge" data-decision="explicitDeny">{s.counts.explicit_deny}</span>
                    " of "
                    {s.counts.total}
                </span>
                " "
                <span class="levels">{levels}</span>
            </summary>
            {rows}
        </details>
    }
    .into_any()
}

/// A labelled `<select>` bound to `value`, with `(value, label)` options.
fn choice(
    label: &'static str,
    class: &'static str,
    value: RwSignal<String>,
    options: &[(&'static str, &'static str)],
) -> impl IntoView {
    let options = options
        .iter()
        .map(|(v, l)| view! { <option value=*v>{*l}</option> })
        .collect_view();
    view! {
        <label>{label}
            <select class=class on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
                {options}
            </select>
        </label>
    }
}

/// The panel.
#[component]
pub fn SweepPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let sweep = Sweep {
        reply: RwSignal::new(None),
        gate: Gate::new(),
        open: RwSignal::new(HashSet::new()),
        progress: RwSignal::new((0.0, 0.0)),
        error: RwSignal::new(None),
        timing: RwSignal::new(None),
        named: RwSignal::new(false),
    };
    let text = RwSignal::new(String::new());
    let decision = RwSignal::new("allowed".to_string());
    let level = RwSignal::new("any".to_string());
    let resources = RwSignal::new("request".to_string());
    let filter = Memo::new(move |_| Filter {
        text: text.get().trim().to_lowercase(),
        decision: decision.get(),
        level: level.get(),
    });
    // Re-run on every change of the scenario (the panel exists only while open).
    Effect::new(move |_| {
        store.built.track();
        sweep.named.set(resources.get() == "named");
        sweep.start(store);
    });
    let summary = move || {
        let r = sweep.reply.get()?;
        let timing = sweep
            .timing
            .get()
            .map(|(e, rt)| format!(" — {e:.1} ms in the engine worker ({rt:.0} ms round trip)"))
            .unwrap_or_default();
        Some(view! {
            <p class="sweep-summary">
                {format!(
                    "{} actions on {} ({} decisions): ",
                    r.counts.total,
                    r.resources.join(", "),
                    r.decisions
                )}
                <strong>{counts_text(&r.counts)}</strong>
                {timing}
            </p>
            <p class="hint sweep-named">
                {crate::result::words(&named_text(&r, sweep.named.get_untracked()))}
            </p>
            <p class="hint">
                {format!("An action counts as allowed when some resource allows it. Catalog {}.", r.catalog)}
            </p>
        })
    };
    let services = move || {
        let r = sweep.reply.get()?;
        let f = filter.get();
        let matching: Vec<usize> = r
            .services
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.actions
                    .iter()
                    .any(|a| f.keeps(&s.prefix, a.name(), a.level(), a.decision()))
            })
            .map(|(i, _)| i)
            .collect();
        let more = matching.len().saturating_sub(MAX_SERVICES);
        let shown = matching.len();
        let groups = matching
            .into_iter()
            .take(MAX_SERVICES)
            .map(|i| view! { <ServiceGroup service=r.clone() index=i filter open_set=sweep.open/> })
            .collect_view();
        Some(view! {
            <p class="sweep-matching">{format!("{shown} service{} match", if shown == 1 { "" } else { "s" })}</p>
            <div class="sweep-services">{groups}</div>
            {(more > 0).then(|| view! { <p class="hint">{format!("{more} more services — narrow the filter")}</p> })}
        })
    };
    view! {
        <div class="sweep">
            <div class="row">
                <input type="search" class="sweep-filter" placeholder="Filter actions, e.g. s3:Put"
                    aria-label="Filter actions"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                {choice("Decision ", "sweep-decision", decision, &[
                    ("allowed", "Allowed"),
                    ("explicitDeny", "Explicitly denied"),
                    ("implicitDeny", "Implicitly denied"),
                    ("any", "Any"),
                ])}
                {choice("Access level ", "sweep-level", level, &[
                    ("any", "Any"),
                    ("list", "List"),
                    ("read", "Read"),
                    ("write", "Write"),
                    ("permissions", "Permissions management"),
                    ("tagging", "Tagging"),
                ])}
                {choice("Resources ", "sweep-resources", resources, &[
                    ("request", "the request's"),
                    ("named", "the request's and those the policies name"),
                ])}
                <button type="button" class="sweep-csv" disabled=move || sweep.reply.with(Option::is_none)
                    on:click=move |_| {
                        if let Some(r) = sweep.reply.get_untracked() {
                            if let Err(e) = crate::download::save_text("effective-permissions.csv", "text/csv", &r.to_csv()) {
                                sweep.error.set(Some(format!("the CSV could not be saved: {e}")));
                            }
                        }
                    }>"Download CSV"</button>
                <button type="button" class="sweep-run" disabled=move || sweep.gate.running.get()
                    on:click=move |_| sweep.start(store)>"Run again"</button>
                <Show when=move || sweep.gate.running.get()>
                    <progress class="sweep-progress" aria-label="Actions evaluated"
                        max=move || sweep.progress.get().1.max(1.0)
                        value=move || sweep.progress.get().0></progress>
                    <button type="button" class="sweep-cancel" on:click=move |_| worker_client::cancel()>
                        "Cancel"
                    </button>
                </Show>
            </div>
            {move || sweep.error.get().map(|e| view! { <p class="sweep-error" role="alert">{e}</p> })}
            <div class="sweep-status" aria-live="polite">{summary}</div>
            {services}
        </div>
    }
}
