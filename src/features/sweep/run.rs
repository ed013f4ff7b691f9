//! A sweep run: the scenario sent to the engine worker, progress and the reply kept in signals,
//! one run at a time. The root element carries `data-sweep-ms` (engine time in the worker),
//! `data-sweep-round-trip-ms` and `data-worker-catalog-parse-ms` for the figures script and
//! the tests.

use std::collections::HashSet;
use std::sync::Arc;

use iam_engine::scenario_to_json;
use iam_worker::protocol::SweepReply;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::page::{fixed, now_seconds, set_root_attribute};
use crate::platform::worker::{self, Gate};
use crate::store::Store;

fn set_figure(name: &str, value: f64) {
    set_root_attribute(name, &fixed(value, 1));
}

/// Which scenario a sweep panel sweeps (in context for its rows): the World mode's when true.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct OfWorld(pub bool);

/// The panel's state.
#[derive(Clone, Copy)]
pub struct Sweep {
    /// The last reply.
    pub reply: RwSignal<Option<Arc<SweepReply>>>,
    /// One run at a time.
    pub gate: Gate,
    /// The services whose section is open (kept across runs).
    pub open: RwSignal<HashSet<String>>,
    /// Actions evaluated, of all.
    pub progress: RwSignal<(f64, f64)>,
    /// What went wrong.
    pub error: RwSignal<Option<String>>,
    /// Engine time and round trip, in milliseconds.
    pub timing: RwSignal<Option<(f64, f64)>>,
    /// Also the resources the policies name ("what can it do on what its policies name?"), or
    /// for a World its resources, roles and users.
    pub named: RwSignal<bool>,
    /// Sweep the World mode's scenario.
    pub world: bool,
}

impl Sweep {
    /// Run the sweep in the worker (or once more after the running one).
    pub fn start(self, store: Store) {
        if !self.gate.begin() {
            return;
        }
        self.error.set(None);
        self.progress.set((0.0, 0.0));
        let (text, now) = if self.world {
            (
                store.world_for_worker(&store.world.get_untracked()),
                now_seconds(),
            )
        } else {
            (
                store
                    .built
                    .with_untracked(|b| scenario_to_json(&b.scenario)),
                store.request_now(),
            )
        };
        let progress = self.progress;
        let named = self.named.get_untracked();
        spawn_local(async move {
            let result =
                worker::sweep(&text, Some(now), named, move |d, t| progress.set((d, t))).await;
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
