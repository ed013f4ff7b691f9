//! Effective permissions: every catalog action evaluated against a scenario's resources and
//! context, grouped by service and access level.

use serde::{Deserialize, Serialize};

use crate::analysis::instances::{arn_service, resource_instances};
use crate::policy::catalog::{AccessLevel, Catalog};
use crate::simulate::{Compiled, Options, RequestContext};
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
    /// One decision per resource of [`Sweep::resources`] — for an action that names no
    /// resource type (see `resource_free`), each is its decision on `*`.
    pub decisions: Vec<EvalDecision>,
    /// The action names no resource type (`s3:ListAllMyBuckets`): AWS authorizes it on `*`,
    /// whatever resource a request names, so it was evaluated on `*`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub resource_free: bool,
    /// With [`Resources::Named`]: a resource the policies name on which the action is allowed
    /// when none of [`Sweep::resources`] allows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_on: Option<String>,
}

/// The resources a sweep evaluates each action against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Resources {
    /// The scenario's `ResourceArns` (or `*`).
    #[default]
    Request,
    /// Those, and also, for each action, an instance of every ARN pattern the policies'
    /// `Resource` elements give for the action's service (`arn:aws:dynamodb:…:table/x` for
    /// `dynamodb:*` actions): what the principal can do on what its policies name.
    Named,
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
    /// With [`Resources::Named`]: the instances of the policies' ARN patterns, each tried with
    /// the actions of its service.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub named_resources: Vec<String>,
    /// Decisions made.
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
        named_resources: Vec::new(),
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
    sweep_over(compiled, catalog, opts, Resources::Request, progress)
}

/// [`sweep_with`] over the chosen [`Resources`].
pub fn sweep_over(
    compiled: &Compiled,
    catalog: &Catalog,
    opts: &Options,
    over: Resources,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Option<Sweep> {
    let contexts: Vec<RequestContext> = compiled
        .resources()
        .iter()
        .map(|r| compiled.context_for(r, opts))
        .collect();
    // Actions that name no resource type are authorized on `*`.
    let star = compiled.context_for("*", opts);
    let named_resources: Vec<String> = match over {
        Resources::Request => Vec::new(),
        Resources::Named => {
            resource_instances(&[compiled.policy_set()], compiled.context_entries())
                .into_iter()
                .filter(|r| !compiled.resources().contains(r))
                .collect()
        }
    };
    // (lower-case service of the ARN, its context), for the named resources.
    let named: Vec<(String, RequestContext)> = named_resources
        .iter()
        .filter_map(|r| {
            let service = arn_service(r)?.to_ascii_lowercase();
            Some((service, compiled.context_for(r, opts)))
        })
        .collect();
    let targets = OneScenario {
        compiled,
        resources: compiled.resources().to_vec(),
        contexts,
        star,
        named_services: named.iter().map(|(s, _)| s.clone()).collect(),
        named,
    };
    sweep_targets(&targets, catalog, named_resources, progress)
}

/// Where a sweep decides each action: the resources every action is tried on, `*` for actions
/// that name no resource type, and more resources tried with the actions of their service.
pub(crate) trait Targets {
    /// The resources every action is decided on.
    fn resources(&self) -> &[String];
    /// The decision for `action` on `resources()[i]`.
    fn on_resource(&self, i: usize, action: &str) -> EvalDecision;
    /// The decision for an action that names no resource type, on `*`.
    fn on_star(&self, action: &str) -> EvalDecision;
    /// The lower-case service of each extra resource.
    fn named_services(&self) -> &[String];
    /// The decision for `action` on extra resource `i`, and that resource.
    fn on_named(&self, i: usize, action: &str) -> (EvalDecision, &str);
}

/// A policy scenario's targets: one compiled scenario, a context per resource.
struct OneScenario<'c> {
    compiled: &'c Compiled,
    resources: Vec<String>,
    contexts: Vec<RequestContext>,
    star: RequestContext,
    named_services: Vec<String>,
    named: Vec<(String, RequestContext)>,
}

impl Targets for OneScenario<'_> {
    fn resources(&self) -> &[String] {
        &self.resources
    }
    fn on_resource(&self, i: usize, action: &str) -> EvalDecision {
        self.contexts
            .get(i)
            .map_or(EvalDecision::ImplicitDeny, |rc| {
                self.compiled.decision(rc, action)
            })
    }
    fn on_star(&self, action: &str) -> EvalDecision {
        self.compiled.decision(&self.star, action)
    }
    fn named_services(&self) -> &[String] {
        &self.named_services
    }
    fn on_named(&self, i: usize, action: &str) -> (EvalDecision, &str) {
        match self.named.get(i) {
            Some((_, rc)) => (self.compiled.decision(rc, action), rc.resource()),
            None => (EvalDecision::ImplicitDeny, "*"),
        }
    }
}

/// Every catalog action decided on `targets`, grouped by service and access level.
pub(crate) fn sweep_targets(
    targets: &dyn Targets,
    catalog: &Catalog,
    named_resources: Vec<String>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Option<Sweep> {
    let resources = targets.resources().len();
    let mut decided = 0;
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
        let prefix = service.prefix().to_ascii_lowercase();
        let own: Vec<usize> = targets
            .named_services()
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == prefix)
            .map(|(i, _)| i)
            .collect();
        for action in service.actions() {
            name.clear();
            name.push_str(service.prefix());
            name.push(':');
            name.push_str(action.name());
            let resource_free = !action.has_resource_types();
            let decisions: Vec<EvalDecision> = if resource_free {
                decided += 1;
                vec![targets.on_star(&name); resources]
            } else {
                decided += resources;
                (0..resources)
                    .map(|i| targets.on_resource(i, &name))
                    .collect()
            };
            let mut decision = overall(&decisions);
            let mut allowed_on = None;
            if decision != EvalDecision::Allowed && !resource_free {
                for i in &own {
                    decided += 1;
                    match targets.on_named(*i, &name) {
                        (EvalDecision::Allowed, r) => {
                            decision = EvalDecision::Allowed;
                            allowed_on = Some(r.to_string());
                            break;
                        }
                        (EvalDecision::ExplicitDeny, _) => decision = EvalDecision::ExplicitDeny,
                        (EvalDecision::ImplicitDeny, _) => {}
                    }
                }
            }
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
                resource_free,
                allowed_on,
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
        decisions: decided,
        resources: targets.resources().to_vec(),
        named_resources,
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
