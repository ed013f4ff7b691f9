//! "Effective permissions": every action of the service catalog evaluated against the
//! scenario's resources and context, in the engine worker, grouped by service and access level
//! with counts, filterable; each action opens its full trace (computed here, on demand).
//!
//! While the panel is open the sweep re-runs after every change of the scenario. The root
//! element carries `data-sweep-ms` (engine time in the worker) and `data-sweep-round-trip-ms`
//! for the figures script and the tests.
//!
//! - `run`: a sweep run in the worker, one at a time
//! - `filter`: text, decision and access-level filters
//! - `counts`: the results in sentences
//! - `action`: an action row and its trace
//! - `service`: a service with its actions

mod action;
mod counts;
mod filter;
mod run;
mod service;

use std::collections::HashSet;

use leptos::prelude::*;

use crate::platform::files::save_text;
use crate::platform::page::fixed;
use crate::platform::worker::{self, Gate};
use crate::store::Store;
use crate::ui::words::words;
use counts::{counts_text, named_text};
use filter::{choice, Filter};
use run::{OfWorld, Sweep};
use service::ServiceGroup;

/// Services listed at most (the filter narrows the rest).
const MAX_SERVICES: usize = 80;

/// The panel: of the Policies mode's scenario, or with `world` of the World mode's (as the
/// principal its chain ends with, on the request's resources and the World's own).
#[component]
pub fn SweepPanel(
    /// Sweep the World mode's scenario.
    #[prop(optional)]
    world: bool,
) -> impl IntoView {
    let store = expect_context::<Store>();
    provide_context(OfWorld(world));
    let sweep = Sweep {
        world,
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
        if world {
            store.world.track();
        } else {
            store.built.track();
        }
        sweep.named.set(resources.get() == "named");
        sweep.start(store);
    });
    let summary = move || {
        let r = sweep.reply.get()?;
        let timing = sweep
            .timing
            .get()
            .map(|(e, rt)| {
                format!(
                    " — {} ms in the engine worker ({} ms round trip)",
                    fixed(e, 1),
                    fixed(rt, 0)
                )
            })
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
                {words(&named_text(&r, sweep.named.get_untracked(), world))}
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
                {choice("Resources ", "sweep-resources", resources, if world { &[
                    ("request", "the request's"),
                    ("named", "the request's and the World's"),
                ] } else { &[
                    ("request", "the request's"),
                    ("named", "the request's and those the policies name"),
                ] })}
                <button type="button" class="sweep-csv" disabled=move || sweep.reply.with(Option::is_none)
                    on:click=move |_| {
                        if let Some(r) = sweep.reply.get_untracked() {
                            if let Err(e) = save_text("effective-permissions.csv", "text/csv", &r.to_csv()) {
                                sweep.error.set(Some(format!("the CSV could not be saved: {e}")));
                            }
                        }
                    }>"Download CSV"</button>
                <button type="button" class="sweep-run" disabled=move || sweep.gate.running.get()
                    on:click=move |_| sweep.start(store)>"Run again"</button>
                <Show when=move || sweep.gate.running.get()>
                    <progress class="sweep-progress" aria-label="Actions evaluated"
                        prop:max=move || sweep.progress.get().1.max(1.0)
                        prop:value=move || sweep.progress.get().0></progress>
                    <button type="button" class="sweep-cancel" on:click=move |_| worker::cancel()>
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
