//! Effective permissions: every catalog action evaluated against a scenario's resources and
//! context, grouped by service and access level.

use serde::{Deserialize, Serialize};

use crate::catalog::{AccessLevel, Catalog};
use crate::response::{Compiled, Options, RequestContext};
use crate::trace::EvalDecision;

/// The decision for one catalog action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SweepAction {
    /// `service:Action`.
    pub action: String,
    /// The access level the Service Authorization Reference gives it.
    pub access_level: AccessLevel,
    /// The overall decision: `allowed` when some resource allows it, else `explicitDeny` when
    /// some resource denies it explicitly, else `implicitDeny`.
    pub decision: EvalDecision,
    /// One decision per resource of [`Sweep::resources`].
    pub decisions: Vec<EvalDecision>,
}

/// Counts of overall decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Actions.
    pub total: usize,
    /// Allowed on some resource.
    pub allowed: usize,
    /// Not allowed, and explicitly denied on some resource.
    pub explicit_deny: usize,
    /// Neither.
    pub implicit_deny: usize,
}

impl Counts {
    fn add(&mut self, d: EvalDecision) {
        self.total += 1;
        match d {
            EvalDecision::Allowed => self.allowed += 1,
            EvalDecision::ExplicitDeny => self.explicit_deny += 1,
            EvalDecision::ImplicitDeny => self.implicit_deny += 1,
        }
    }
}

/// One access level of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelSweep {
    /// The access level.
    pub level: AccessLevel,
    /// Its counts.
    pub counts: Counts,
}

/// One service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceSweep {
    /// Prefix, e.g. `s3`.
    pub prefix: String,
    /// Name, e.g. `Amazon S3`.
    pub name: String,
    /// Counts over all its actions.
    pub counts: Counts,
    /// Counts per access level (levels without actions are left out), in the order List, Read,
    /// Write, Permissions management, Tagging.
    pub levels: Vec<LevelSweep>,
    /// Its actions, in catalog order.
    pub actions: Vec<SweepAction>,
}

/// The result of [`sweep`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sweep {
    /// The resources every action was evaluated against.
    pub resources: Vec<String>,
    /// Decisions made (actions × resources).
    pub decisions: usize,
    /// Counts over every action.
    pub counts: Counts,
    /// Every service of the catalog.
    pub services: Vec<ServiceSweep>,
}

const LEVELS: [AccessLevel; 5] = [
    AccessLevel::List,
    AccessLevel::Read,
    AccessLevel::Write,
    AccessLevel::PermissionsManagement,
    AccessLevel::Tagging,
];

/// Evaluate every action of `catalog` against every resource of the compiled scenario (its
/// `ResourceArns`, or `*`), with its context.
pub fn sweep(compiled: &Compiled, catalog: &Catalog, opts: &Options) -> Sweep {
    sweep_with(compiled, catalog, opts, &mut |_, _| true).unwrap_or_else(|| Sweep {
        resources: Vec::new(),
        decisions: 0,
        counts: Counts::default(),
        services: Vec::new(),
    })
}

/// [`sweep`] with progress: `progress(done, total)` is called after each service with the
/// number of actions done; returning `false` cancels the sweep (the result is then `None`).
pub fn sweep_with(
    compiled: &Compiled,
    catalog: &Catalog,
    opts: &Options,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Option<Sweep> {
    let contexts: Vec<RequestContext> = compiled
        .resources()
        .iter()
        .map(|r| compiled.context_for(r, opts))
        .collect();
    let total = catalog.action_count();
    let mut done = 0;
    let mut counts = Counts::default();
    let mut services = Vec::with_capacity(catalog.services().len());
    let mut name = String::new();
    for service in catalog.services() {
        let mut s_counts = Counts::default();
        let mut levels = LEVELS.map(|level| LevelSweep {
            level,
            counts: Counts::default(),
        });
        let mut actions = Vec::with_capacity(service.actions().len());
        for action in service.actions() {
            name.clear();
            name.push_str(service.prefix());
            name.push(':');
            name.push_str(action.name());
            let decisions: Vec<EvalDecision> = contexts
                .iter()
                .map(|rc| compiled.decision(rc, &name))
                .collect();
            let decision = overall(&decisions);
            counts.add(decision);
            s_counts.add(decision);
            if let Some(l) = levels.iter_mut().find(|l| l.level == action.access_level()) {
                l.counts.add(decision);
            }
            actions.push(SweepAction {
                action: name.clone(),
                access_level: action.access_level(),
                decision,
                decisions,
            });
        }
        done += actions.len();
        services.push(ServiceSweep {
            prefix: service.prefix().to_string(),
            name: service.name().to_string(),
            counts: s_counts,
            levels: levels.into_iter().filter(|l| l.counts.total > 0).collect(),
            actions,
        });
        if !progress(done, total) {
            return None;
        }
    }
    Some(Sweep {
        decisions: done * contexts.len(),
        resources: compiled.resources().to_vec(),
        counts,
        services,
    })
}

/// Allowed if any is, else explicit deny if any is, else implicit deny.
fn overall(decisions: &[EvalDecision]) -> EvalDecision {
    if decisions.contains(&EvalDecision::Allowed) {
        EvalDecision::Allowed
    } else if decisions.contains(&EvalDecision::ExplicitDeny) {
        EvalDecision::ExplicitDeny
    } else {
        EvalDecision::ImplicitDeny
    }
}
