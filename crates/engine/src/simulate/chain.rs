//! Evaluating a `World` scenario: authentication, each STS hop (a request of its own against the
//! role's trust policy), then the request itself made by the resulting principal.
//!
//! - `session`: the principal at some point of the chain.
//! - `org`: the organization's SCP and RCP levels for an account, and its context facts.
//! - `derived`: the context keys that follow from the world for a request.
//! - `auth`: the principal a request starts from.
//! - `hop`: one STS call, authorized against the role's trust policy.
//! - `blocked`: requests that never reach the policies (failed authentication or hop, expired
//!   credentials, GetSessionToken without MFA).

mod auth;
mod blocked;
mod derived;
mod hop;
mod org;
mod session;

pub use super::outcome::HopResult;

use auth::authenticate;
use blocked::{blocked_outcome, blocked_result};
use derived::derived_context;
use hop::{merge_diagnostics, run_hop};
use org::{management_account, org_levels};
use session::{show_time, Session};

use super::outcome::{Options, Outcome};
use super::single::{simulate_with, Compiled};
use crate::decide::special_resource;
use crate::policy::values;
use crate::request::arn::account_of;
use crate::request::context::Entry;
use crate::scenario::world::{World, WorldRequest, WorldScenario};
use crate::scenario::Scenario;
use crate::text::diag::Diagnostic;
use crate::trace::EvalDecision;

/// Evaluate a `World` scenario.
pub fn simulate_world(ws: &WorldScenario, opts: &Options) -> Outcome {
    match reach(ws, opts) {
        ChainEnd::Reached(p) => final_requests(&p, opts),
        ChainEnd::Stopped { outcome, .. } => outcome,
    }
}

/// Where the chain of a World request ends.
#[derive(Debug)]
pub enum ChainEnd<'w> {
    /// Authentication and every hop succeeded (or there were no hops): the principal that makes
    /// the request.
    Reached(Box<FinalPrincipal<'w>>),
    /// Authentication or a hop failed, the credentials expired, or the World has errors: no
    /// request is made.
    Stopped {
        /// What [`simulate_world`] answers: every request blocked with the reason (or, with
        /// `results: None`, the errors).
        outcome: Outcome,
        /// Why, in words (`hop 0 (AssumeRole) failed: …`); empty when the World has errors.
        reason: String,
        /// The decision every request gets.
        decision: EvalDecision,
    },
}

/// The principal at the end of a World request's chain, ready to make requests: what the
/// effective-permissions sweep and the comparison of a World evaluate.
#[derive(Debug)]
pub struct FinalPrincipal<'w> {
    world: &'w World,
    req: &'w WorldRequest,
    session: Session,
    /// The hops made, each allowed.
    pub hops: Vec<HopResult>,
    diagnostics: Vec<Diagnostic>,
}

impl FinalPrincipal<'_> {
    /// The principal's ARN (a user, a root user, or an assumed-role session).
    pub fn arn(&self) -> &str {
        &self.session.arn
    }

    /// The request of `action` on `resource` by this principal, compiled with the context the
    /// World derives for it (its tags, the resource's tags, owner, organization, MFA, …).
    /// `action` decides only whether a role's trust policy is the resource's policy; the
    /// compiled request names no action (each decision names its own).
    pub fn compiled(&self, action: &str, resource: &str) -> Result<Compiled, Vec<Diagnostic>> {
        let (mut scenario, derived) =
            request_scenario(self.world, &self.session, self.req, action, resource);
        // The sweep supplies the actions.
        scenario.action_names.clear();
        Compiled::with_derived(&scenario, &derived)
    }

    /// Whether `action` is refused before any policy is read: credentials from GetSessionToken
    /// without MFA cannot call IAM or STS.
    pub fn refused(&self, action: &str) -> bool {
        self.session.session_token_without_mfa && calls_iam_or_sts(action)
    }
}

/// Authenticate the request's principal and make its hops: the principal the request is made
/// by, or why there is none.
pub fn reach<'w>(ws: &'w WorldScenario, opts: &Options) -> ChainEnd<'w> {
    let world = &ws.world;
    let req = &ws.request;
    let mut hops = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let now = request_time(req, opts);
    let stop = |d: EvalDecision, rule: &str, why: String, hops: Vec<HopResult>| ChainEnd::Stopped {
        outcome: blocked_outcome(req, d, rule, &why, hops, opts),
        reason: why,
        decision: d,
    };
    let mut session = match authenticate(world, req) {
        Ok(s) => s,
        Err(reason) => {
            let why = format!("authentication failed: {reason}");
            return stop(EvalDecision::ImplicitDeny, "authentication", why, hops);
        }
    };
    for (i, hop) in req.chain.iter().enumerate() {
        let (result, next) = run_hop(world, &session, hop, i, now, opts, &mut diagnostics);
        let failed = result.eval_decision != EvalDecision::Allowed;
        let why = format!("hop {i} ({}) failed: {}", result.api, result.reason);
        let d = result.eval_decision;
        hops.push(result);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return ChainEnd::Stopped {
                outcome: Outcome {
                    results: None,
                    diagnostics,
                },
                reason: String::new(),
                decision: EvalDecision::ImplicitDeny,
            };
        }
        match (failed, next) {
            (false, Some(n)) => session = n,
            _ => return stop(d, "assume-role-chain", why, hops),
        }
    }
    if let (Some(exp), Some(t)) = (session.expires_at, now) {
        if t > exp {
            let why = format!(
                "the temporary credentials of `{}` expired at {} (request time {})",
                session.arn,
                show_time(exp),
                show_time(t)
            );
            return stop(EvalDecision::ImplicitDeny, "expired-credentials", why, hops);
        }
    }
    ChainEnd::Reached(Box::new(FinalPrincipal {
        world,
        req,
        session,
        hops,
        diagnostics,
    }))
}

/// The request time: `aws:CurrentTime` from the context, else the caller's "now".
fn request_time(req: &WorldRequest, opts: &Options) -> Option<i128> {
    req.context_entries
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case("aws:CurrentTime"))
        .and_then(|e| e.values.first())
        .and_then(|v| values::date(v))
        .or_else(|| {
            opts.now_epoch_seconds
                .map(|n| i128::from(n) * 1_000_000_000)
        })
}

/// The request itself, made by the principal at the end of the chain: each action on each
/// resource, after the hops.
fn final_requests(p: &FinalPrincipal<'_>, opts: &Options) -> Outcome {
    let (world, session, req, hops) = (p.world, &p.session, p.req, &p.hops);
    let mut diagnostics = p.diagnostics.clone();
    let resources: Vec<String> = if req.resource_arns.is_empty() {
        vec!["*".into()]
    } else {
        req.resource_arns.clone()
    };
    let mut results = Vec::new();
    for action in &req.action_names {
        for resource in &resources {
            if p.refused(action) {
                let mut r = blocked_result(
                    action,
                    resource,
                    &session.arn,
                    EvalDecision::ImplicitDeny,
                    "session-token-without-mfa",
                    "temporary credentials from GetSessionToken can call IAM and STS API operations only if MFA information was included in the GetSessionToken request",
                    opts,
                );
                r.chain = Some(hops.to_vec());
                results.push(r);
                continue;
            }
            if session.session_token && calls_sts_after_session_token(action) {
                let mut r = blocked_result(
                    action,
                    resource,
                    &session.arn,
                    EvalDecision::ImplicitDeny,
                    "session-token-sts",
                    "temporary credentials from GetSessionToken \"cannot call AWS STS API operations except AssumeRole or GetCallerIdentity\" (UG id_credentials_temp_request: comparing the AWS STS API operations); this is a rule of STS, not a policy decision",
                    opts,
                );
                r.chain = Some(hops.to_vec());
                results.push(r);
                continue;
            }
            let (scenario, derived) = request_scenario(world, session, req, action, resource);
            let outcome = simulate_with(&scenario, opts, &derived);
            merge_diagnostics(&mut diagnostics, outcome.diagnostics);
            let Some(mut rs) = outcome.results else {
                return Outcome {
                    results: None,
                    diagnostics,
                };
            };
            for r in &mut rs {
                r.chain = Some(hops.to_vec());
            }
            results.extend(rs);
        }
    }
    Outcome {
        results: Some(results),
        diagnostics,
    }
}

/// Whether `action` is an IAM or STS operation that credentials from GetSessionToken without
/// MFA cannot call (`sts:AssumeRole` and `sts:GetCallerIdentity` excepted).
fn calls_iam_or_sts(action: &str) -> bool {
    (action.to_ascii_lowercase().starts_with("iam:")
        || action.to_ascii_lowercase().starts_with("sts:"))
        && !["sts:AssumeRole", "sts:GetCallerIdentity"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(action))
}

/// Whether `action` is an STS operation that credentials from GetSessionToken cannot call.
fn calls_sts_after_session_token(action: &str) -> bool {
    action.to_ascii_lowercase().starts_with("sts:")
        && !["sts:AssumeRole", "sts:GetCallerIdentity"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(action))
}

/// One request of the principal `session` as a policy-list scenario, with the context keys the
/// world derives for it.
fn request_scenario(
    world: &World,
    session: &Session,
    req: &WorldRequest,
    action: &str,
    resource: &str,
) -> (Scenario, Vec<Entry>) {
    let r = world.resources.iter().find(|r| {
        r.arn == *resource
            || (resource.starts_with(&r.arn)
                && resource
                    .get(r.arn.len()..)
                    .is_some_and(|rest| rest.starts_with('/')))
    });
    // IAM users and roles are resources too: their tags are `iam:ResourceTag/*`, and a role's
    // trust policy is its resource policy for the role-trust actions.
    let user = world.users.iter().find(|u| u.arn == *resource);
    let role = world.roles.iter().find(|x| x.arn == *resource);
    let iam_resource = user.is_some() || role.is_some();
    let resource_account = r
        .and_then(|r| r.account.clone())
        .or_else(|| account_of(resource).map(str::to_string))
        .or_else(|| session.account.clone());
    let tags = match (r, user, role) {
        (Some(r), ..) => r.tags.clone(),
        (None, Some(u), _) => u.tags.clone(),
        (None, None, Some(x)) => x.tags.clone(),
        _ => Vec::new(),
    };
    let trust = role
        .filter(|_| special_resource(action, resource).is_some())
        .and_then(|x| x.trust_policy.clone());
    let derived = derived_context(
        world,
        session,
        resource_account.as_deref(),
        &tags,
        iam_resource,
    );
    let scenario = Scenario {
        identity_policies: session.identity.clone(),
        permissions_boundaries: session.boundary.iter().cloned().collect(),
        session_policies: session.session_policies.clone(),
        scp_levels: org_levels(world, session.account.as_deref(), false),
        rcp_levels: org_levels(world, resource_account.as_deref(), true),
        resource_policy: r.and_then(|r| r.policy.clone()).or(trust),
        resource_owner: resource_account,
        caller_arn: Some(session.arn.clone()),
        action_names: vec![action.to_string()],
        resource_arns: vec![resource.to_string()],
        context_entries: req.context_entries.clone(),
        management_account: management_account(world),
        aws_managed_keys: r.is_some_and(|r| r.aws_managed_key),
        vpc_endpoint: req.via_vpc_endpoint.clone(),
        ..Scenario::default()
    };
    (scenario, derived)
}
