//! Effective permissions and comparison for a World request: the principal its chain ends with
//! (after every hop, with the session's tags, policies and MFA state) decides every catalog
//! action on the request's resources and on the World's own resources, roles and users — each
//! with the context the World derives for it (its tags, owner, resource policy, organization).
//! "What can Arnav do after assuming access-peg-engineering?", and "what does Mary get that
//! Arnav does not?", answered by the same rules as the request itself.

use super::instances::arn_service;
use super::sweep::{sweep_targets, Resources, Sweep, Targets};
use crate::analysis::compare::{Comparison, Counterexample, SideResult};
use crate::decide::special_resource;
use crate::policy::catalog::Catalog;
use crate::scenario::world::{World, WorldScenario};
use crate::simulate::chain::{reach, ChainEnd, FinalPrincipal};
use crate::simulate::{Compiled, Options, RequestContext};
use crate::text::diag::Diagnostic;
use crate::trace::EvalDecision;

/// Why a World has no sweep.
#[derive(Debug, Clone)]
pub enum WorldError {
    /// The World has errors.
    Errors(Vec<Diagnostic>),
    /// The chain never reaches a principal (a hop or the authentication failed, the
    /// credentials expired): no request is made, so nothing is allowed.
    Stopped {
        /// Why, in words.
        reason: String,
        /// What every request gets.
        decision: EvalDecision,
    },
}

/// One resource as the final principal sees it: the request compiled with the World's context
/// for it, and, for a role, once more with its trust policy as the resource policy (for the
/// role-trust actions).
struct Target {
    resource: String,
    plain: (Compiled, RequestContext),
    trust: Option<(Compiled, RequestContext)>,
}

impl Target {
    fn new(
        p: &FinalPrincipal<'_>,
        resource: &str,
        opts: &Options,
    ) -> Result<Self, Vec<Diagnostic>> {
        let compile = |action: &str| -> Result<(Compiled, RequestContext), Vec<Diagnostic>> {
            let c = p.compiled(action, resource)?;
            let rc = c.context_for(resource, opts);
            Ok((c, rc))
        };
        let trust = match special_resource("sts:AssumeRole", resource) {
            Some(_) => Some(compile("sts:AssumeRole")?),
            None => None,
        };
        Ok(Self {
            resource: resource.to_string(),
            plain: compile("")?,
            trust,
        })
    }

    fn compiled(&self, action: &str) -> &(Compiled, RequestContext) {
        match &self.trust {
            Some(t) if special_resource(action, &self.resource).is_some() => t,
            _ => &self.plain,
        }
    }

    fn decision(&self, p: &FinalPrincipal<'_>, action: &str) -> EvalDecision {
        if p.refused(action) {
            return EvalDecision::ImplicitDeny;
        }
        let (c, rc) = self.compiled(action);
        c.decision(rc, action)
    }

    fn side(&self, p: &FinalPrincipal<'_>, action: &str) -> SideResult {
        if p.refused(action) {
            return SideResult {
                decision: EvalDecision::ImplicitDeny,
                statements: Vec::new(),
            };
        }
        let (c, rc) = self.compiled(action);
        let r = c.evaluate(rc, action, false);
        SideResult::of(&r)
    }
}

/// The World's own resources, roles and users, by ARN (what a sweep also tries).
pub fn world_resources(w: &World) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let arns = w
        .resources
        .iter()
        .map(|r| &r.arn)
        .chain(w.roles.iter().map(|r| &r.arn))
        .chain(w.users.iter().map(|u| &u.arn));
    for a in arns {
        if !a.is_empty() && !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

fn request_resources(ws: &WorldScenario) -> Vec<String> {
    if ws.request.resource_arns.is_empty() {
        vec!["*".to_string()]
    } else {
        ws.request.resource_arns.clone()
    }
}

fn principal<'w>(
    ws: &'w WorldScenario,
    opts: &Options,
) -> Result<Box<FinalPrincipal<'w>>, WorldError> {
    match reach(ws, opts) {
        ChainEnd::Reached(p) => Ok(p),
        ChainEnd::Stopped { outcome, .. } if outcome.results.is_none() => {
            Err(WorldError::Errors(outcome.diagnostics))
        }
        ChainEnd::Stopped {
            reason, decision, ..
        } => Err(WorldError::Stopped { reason, decision }),
    }
}

/// The sweep's targets for a World's final principal.
struct WorldTargets<'p, 'w> {
    principal: &'p FinalPrincipal<'w>,
    resources: Vec<String>,
    on: Vec<Target>,
    star: Target,
    named_services: Vec<String>,
    named: Vec<Target>,
}

impl Targets for WorldTargets<'_, '_> {
    fn resources(&self) -> &[String] {
        &self.resources
    }
    fn on_resource(&self, i: usize, action: &str) -> EvalDecision {
        self.on.get(i).map_or(EvalDecision::ImplicitDeny, |t| {
            t.decision(self.principal, action)
        })
    }
    fn on_star(&self, action: &str) -> EvalDecision {
        self.star.decision(self.principal, action)
    }
    fn named_services(&self) -> &[String] {
        &self.named_services
    }
    fn on_named(&self, i: usize, action: &str) -> (EvalDecision, &str) {
        match self.named.get(i) {
            Some(t) => (t.decision(self.principal, action), &t.resource),
            None => (EvalDecision::ImplicitDeny, "*"),
        }
    }
}

/// Every catalog action decided for the principal a World request's chain ends with, on the
/// request's resources and — with [`Resources::Named`] — also on each of the World's resources,
/// roles and users with the actions of its service. `Ok(None)` when `progress` cancelled.
pub fn world_sweep(
    ws: &WorldScenario,
    catalog: &Catalog,
    opts: &Options,
    over: Resources,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Option<Sweep>, WorldError> {
    let p = principal(ws, opts)?;
    let target = |r: &str| Target::new(&p, r, opts).map_err(WorldError::Errors);
    let resources = request_resources(ws);
    let on = resources
        .iter()
        .map(|r| target(r))
        .collect::<Result<Vec<_>, _>>()?;
    let named_resources: Vec<String> = match over {
        Resources::Request => Vec::new(),
        Resources::Named => world_resources(&ws.world)
            .into_iter()
            .filter(|r| !resources.contains(r) && arn_service(r).is_some())
            .collect(),
    };
    let named = named_resources
        .iter()
        .map(|r| target(r))
        .collect::<Result<Vec<_>, _>>()?;
    let targets = WorldTargets {
        principal: &p,
        star: target("*")?,
        named_services: named_resources
            .iter()
            .filter_map(|r| arn_service(r).map(str::to_ascii_lowercase))
            .collect(),
        resources,
        on,
        named,
    };
    Ok(sweep_targets(&targets, catalog, named_resources, progress))
}

/// Which side of a comparison could not be read.
#[derive(Debug, Clone)]
pub struct WorldCompareError {
    /// `A` or `B`.
    pub side: char,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// One side of a World comparison: its final principal's targets, or the decision every
/// request gets when its chain stops.
enum Side<'w> {
    Reached(Box<FinalPrincipal<'w>>, Vec<Target>),
    Stopped(EvalDecision),
}

impl Side<'_> {
    fn side(&self, i: usize, action: &str) -> SideResult {
        match self {
            Side::Reached(p, targets) => match targets.get(i) {
                Some(t) => t.side(p, action),
                None => SideResult {
                    decision: EvalDecision::ImplicitDeny,
                    statements: Vec::new(),
                },
            },
            Side::Stopped(d) => SideResult {
                decision: *d,
                statements: Vec::new(),
            },
        }
    }

    fn decision(&self, i: usize, action: &str) -> EvalDecision {
        match self {
            Side::Reached(p, targets) => targets
                .get(i)
                .map_or(EvalDecision::ImplicitDeny, |t| t.decision(p, action)),
            Side::Stopped(d) => *d,
        }
    }
}

fn side<'w>(
    ws: &'w WorldScenario,
    resources: &[String],
    opts: &Options,
    name: char,
) -> Result<Side<'w>, WorldCompareError> {
    let err = |diagnostics| WorldCompareError {
        side: name,
        diagnostics,
    };
    match principal(ws, opts) {
        Ok(p) => {
            let targets = resources
                .iter()
                .map(|r| Target::new(&p, r, opts))
                .collect::<Result<Vec<_>, _>>()
                .map_err(err)?;
            Ok(Side::Reached(p, targets))
        }
        Err(WorldError::Stopped { decision, .. }) => Ok(Side::Stopped(decision)),
        Err(WorldError::Errors(d)) => Err(err(d)),
    }
}

/// Compare two World requests (e.g. the same request made by two users): every catalog action
/// on both requests' resources, `*` for actions that name no resource type, and each World
/// resource, role and user with the actions of its service; each principal with its own
/// context. Bounded testing over those requests, not a proof.
pub fn world_compare(
    a: &WorldScenario,
    b: &WorldScenario,
    catalog: &Catalog,
    opts: &Options,
) -> Result<Comparison, WorldCompareError> {
    let mut resources: Vec<String> = Vec::new();
    let candidates = request_resources(a)
        .into_iter()
        .chain(request_resources(b))
        .chain(std::iter::once("*".to_string()))
        .chain(world_resources(&a.world))
        .chain(world_resources(&b.world));
    for r in candidates {
        if !resources.contains(&r) {
            resources.push(r);
        }
    }
    let requested: Vec<bool> = resources
        .iter()
        .map(|r| request_resources(a).contains(r) || request_resources(b).contains(r))
        .collect();
    let services: Vec<Option<String>> = resources
        .iter()
        .map(|r| arn_service(r).map(str::to_ascii_lowercase))
        .collect();
    let sa = side(a, &resources, opts, 'A')?;
    let sb = side(b, &resources, opts, 'B')?;
    let mut out = Comparison {
        bounded: true,
        actions: catalog.action_count(),
        unnamed_actions: 0,
        resources: resources.clone(),
        context_keys: Vec::new(),
        grid_points: 1,
        grid: "each side's own World context".into(),
        requests: 0,
        decisions: 0,
        only_a_allows: 0,
        only_b_allows: 0,
        deny_kind_differs: 0,
        counterexamples: Vec::new(),
    };
    let mut name = String::new();
    for service in catalog.services() {
        let prefix = service.prefix().to_ascii_lowercase();
        for action in service.actions() {
            name.clear();
            name.push_str(service.prefix());
            name.push(':');
            name.push_str(action.name());
            for (i, r) in resources.iter().enumerate() {
                let tried = if action.has_resource_types() {
                    requested.get(i).copied().unwrap_or(false)
                        || services.get(i).and_then(|s| s.as_deref()) == Some(prefix.as_str())
                } else {
                    r == "*"
                };
                if !tried {
                    continue;
                }
                out.requests += 1;
                out.decisions += 2;
                let (da, db) = (sa.decision(i, &name), sb.decision(i, &name));
                if da == db {
                    continue;
                }
                match (da, db) {
                    (EvalDecision::Allowed, _) => out.only_a_allows += 1,
                    (_, EvalDecision::Allowed) => out.only_b_allows += 1,
                    _ => out.deny_kind_differs += 1,
                }
                out.counterexamples.push(Counterexample {
                    action: name.clone(),
                    resource: r.clone(),
                    context: Vec::new(),
                    a: sa.side(i, &name),
                    b: sb.side(i, &name),
                    same_for_other_actions: 0,
                });
            }
        }
    }
    out.counterexamples.sort_by_key(|c| {
        !(c.a.decision == EvalDecision::Allowed || c.b.decision == EvalDecision::Allowed)
    });
    Ok(out)
}
