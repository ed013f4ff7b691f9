//! One scenario simulated: every (action, resource) of a policy-list scenario decided, through
//! a [`Compiled`] form that parses and lowers once and evaluates many requests.

use std::borrow::Cow;

use super::load::load;
use super::outcome::{
    EvalDecisionDetails, EvaluationResult, MatchedStatement, Options, OrganizationsDecisionDetail,
    Outcome, PermissionsBoundaryDecisionDetail, Position,
};
use crate::decide::{decide, PolicySet};
use crate::evaluate::Request;
use crate::request::arn::{account_of, is_account_id};
use crate::request::caller::{Caller, CallerKind};
use crate::request::context::{Context, ContextEntry, Entry, ValueOrigin};
use crate::scenario::Scenario;
use crate::text::diag::Diagnostic;
use crate::text::span::locate;
use crate::trace::{ContextValueTrace, EvalDecision, Trace};

/// The account that owns the resource: `ResourceOwner`, else the ARN's account, else the caller's.
fn resource_account(
    resource_owner: Option<&str>,
    resource: &str,
    caller: &Caller,
) -> Option<String> {
    if let Some(owner) = resource_owner {
        if is_account_id(owner) {
            return Some(owner.to_string());
        }
        if let Some(a) = account_of(owner) {
            return Some(a.to_string());
        }
    }
    account_of(resource)
        .map(str::to_string)
        .or_else(|| caller.account.clone())
}

/// The VPC endpoint a request came through, for `aws:SourceVpce` and `aws:SourceVpc`.
#[derive(Debug, Clone, Default)]
struct Endpoint {
    id: Option<String>,
    vpc: Option<String>,
}

fn build_context(
    entries: &[ContextEntry],
    caller: &Caller,
    resource_account: Option<&str>,
    opts: &Options,
    derived: &[Entry],
    endpoint: Option<&Endpoint>,
) -> Context {
    // Room for every given entry and everything derived below: at most 8 keys from the caller,
    // the resource and the clock (one of `aws:username`, `aws:userid` and
    // `aws:PrincipalServiceName`), and 2 from an endpoint. Exact, not rounded up: a buffer past
    // 1 KiB takes the allocator's slow path.
    let mut ctx = Context::with_capacity(
        entries.len() + derived.len() + 8 + if endpoint.is_some() { 2 } else { 0 },
    );
    for e in entries {
        ctx.insert(Entry {
            name: Cow::Owned(e.key.clone()),
            values: e.values.iter().cloned().collect(),
            key_type: e.key_type,
            origin: ValueOrigin::Given,
            from: None,
        });
    }
    for e in derived {
        ctx.insert(e.clone());
    }
    // The keys below are distinct: each is compared with the entries given so far only.
    let given = ctx.len();
    let mut derive_from = |name: &'static str, value: Option<String>, from: &'static str| {
        if let Some(v) = value {
            ctx.insert_after(
                given,
                Entry {
                    name: Cow::Borrowed(name),
                    values: smallvec::smallvec![v],
                    key_type: None,
                    origin: ValueOrigin::Derived,
                    from: Some(Cow::Borrowed(from)),
                },
            );
        }
    };
    let derive =
        &mut |name: &'static str, value: Option<String>| derive_from(name, value, "the caller");
    derive("aws:PrincipalArn", caller.principal_arn());
    derive(
        "aws:PrincipalAccount",
        if caller.kind == CallerKind::Anonymous {
            Some("anonymous".into())
        } else {
            caller.account.clone()
        },
    );
    derive(
        "aws:PrincipalType",
        caller.principal_type().map(str::to_string),
    );
    if let CallerKind::User { name } = &caller.kind {
        derive("aws:username", Some(name.clone()));
    }
    match &caller.kind {
        CallerKind::Root => derive("aws:userid", caller.account.clone()),
        CallerKind::Anonymous => derive("aws:userid", Some("anonymous".into())),
        CallerKind::FederatedUser { name } => derive(
            "aws:userid",
            caller.account.as_ref().map(|a| format!("{a}:{name}")),
        ),
        _ => {}
    }
    if let CallerKind::Service { name } = &caller.kind {
        derive("aws:PrincipalServiceName", Some(name.clone()));
    }
    derive(
        "aws:PrincipalIsAWSService",
        Some(matches!(caller.kind, CallerKind::Service { .. }).to_string()),
    );
    derive_from(
        "aws:ResourceAccount",
        resource_account.map(str::to_string),
        "ResourceOwner or the resource ARN",
    );
    // [UG KEYS#condition-keys-sourcevpce]: present only when the request travels through a
    // VPC endpoint (SPEC §8, §12.7).
    if let Some(e) = endpoint {
        let from = "the VPC endpoint the request came through";
        derive_from("aws:SourceVpce", e.id.clone(), from);
        derive_from("aws:SourceVpc", e.vpc.clone(), from);
    }
    if let Some(now) = opts.now_epoch_seconds {
        if time::OffsetDateTime::from_unix_timestamp(now).is_ok() {
            let iso = crate::policy::values::rfc3339_seconds(now);
            derive_from("aws:CurrentTime", iso, "the request time");
            derive_from("aws:EpochTime", Some(now.to_string()), "the request time");
        }
    }
    ctx
}

/// Whether some condition of some policy refers to `key` (case-insensitively), as its key or
/// in a policy variable of a condition value or a resource.
fn is_referenced(set: &PolicySet, key: &str) -> bool {
    let same = |k: &str| k.eq_ignore_ascii_case(key);
    set.all().flat_map(|lp| &lp.policy.statements).any(|st| {
        st.conditions
            .iter()
            .any(|c| same(&c.key) || c.values.iter().any(|v| v.template.keys().any(same)))
            || st
                .resource
                .iter()
                .flat_map(|r| &r.items)
                .any(|r| r.template.keys().any(same))
    })
}

/// Evaluate every (action, resource) pair of a scenario.
pub fn simulate(s: &Scenario, opts: &Options) -> Outcome {
    simulate_with(s, opts, &[])
}

/// [`simulate`] with context values derived by the caller (a `World`), which explicit
/// `ContextEntries` override and which win over the engine's own derivations.
pub(crate) fn simulate_with(s: &Scenario, opts: &Options, derived: &[Entry]) -> Outcome {
    // Only this function uses this compiled form: it reads the context entries from `s`.
    let compiled = match Compiled::build(s, derived, true, false) {
        Ok(c) => c,
        Err(diagnostics) => {
            return Outcome {
                results: None,
                diagnostics,
            }
        }
    };
    // The compiled form keeps no copy of the resources here: they are read from `s`.
    let contexts: Vec<RequestContext> = if s.resource_arns.is_empty() {
        vec![compiled.context_with("*", &s.context_entries, opts)]
    } else {
        s.resource_arns
            .iter()
            .map(|r| compiled.context_with(r, &s.context_entries, opts))
            .collect()
    };
    let mut results = Vec::with_capacity(s.action_names.len() * contexts.len());
    for action in &s.action_names {
        for rc in &contexts {
            results.push(compiled.evaluate(rc, action, opts.trace));
        }
    }
    Outcome {
        results: Some(results),
        diagnostics: compiled.diagnostics,
    }
}

/// A scenario parsed, lowered and indexed once, ready to evaluate many requests: "parse and
/// compile once, evaluate many". [`simulate`] is this plus a loop over `ActionNames` ×
/// `ResourceArns`, so both give the same results.
///
/// ```
/// let scenario = iam_engine::parse_scenario(r#"{
///   "PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}"],
///   "ActionNames": ["s3:GetObject"]
/// }"#).unwrap();
/// let compiled = iam_engine::Compiled::new(&scenario).unwrap();
/// let rc = compiled.context_for("arn:aws:s3:::bucket/key", &iam_engine::Options::default());
/// assert_eq!(compiled.decision(&rc, "s3:GetObject"), iam_engine::EvalDecision::Allowed);
/// assert_eq!(compiled.decision(&rc, "s3:PutObject"), iam_engine::EvalDecision::ImplicitDeny);
/// ```
#[derive(Debug, Clone)]
pub struct Compiled {
    set: PolicySet,
    caller: Caller,
    unused: Vec<String>,
    resource_owner: Option<String>,
    context_entries: Vec<ContextEntry>,
    derived: Vec<Entry>,
    endpoint: Option<Endpoint>,
    caller_has_boundary: bool,
    resources: Vec<String>,
    diagnostics: Vec<Diagnostic>,
}

/// The request context for one resource (the scenario's context entries plus what the engine
/// derives from the caller, the resource and the time), built once and reused across actions.
#[derive(Debug, Clone)]
pub struct RequestContext {
    resource: String,
    account: Option<String>,
    context: Context,
}

impl RequestContext {
    /// The resource this context is for.
    pub fn resource(&self) -> &str {
        &self.resource
    }
}

impl Compiled {
    /// Parse and lower every policy of `s`. `ActionNames` may be empty (a sweep supplies the
    /// actions); any other error is returned with every diagnostic.
    pub fn new(s: &Scenario) -> Result<Self, Vec<Diagnostic>> {
        Self::build(s, &[], false, true)
    }

    /// [`Compiled::new`] with context keys derived elsewhere (a World request's), which the
    /// scenario's context entries override.
    pub(crate) fn with_derived(s: &Scenario, derived: &[Entry]) -> Result<Self, Vec<Diagnostic>> {
        Self::build(s, derived, false, true)
    }

    /// Compile `s`. Without `keep_entries` the context entries and the resources are not
    /// copied: contexts must be built with [`Compiled::context_with`] and `s`'s entries, for
    /// `s`'s resources.
    fn build(
        s: &Scenario,
        derived: &[Entry],
        need_actions: bool,
        keep_entries: bool,
    ) -> Result<Self, Vec<Diagnostic>> {
        let (set, diagnostics, caller) = load(s, need_actions);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        let Some(caller) = caller else {
            return Err(diagnostics);
        };
        let unused: Vec<String> = s
            .context_entries
            .iter()
            .filter(|e| !is_referenced(&set, &e.key))
            .map(|e| e.key.clone())
            .collect();
        let resources = if !keep_entries {
            Vec::new()
        } else if s.resource_arns.is_empty() {
            vec!["*".to_string()]
        } else {
            s.resource_arns.clone()
        };
        // [UG PB]: a `Deny` with `NotPrincipal` applies to "any IAM principal that has a
        // permissions boundary policy attached" (SPEC §12.1): a user or a role's session (a
        // federated user's through the user who federated).
        let caller_has_boundary = !set.boundary.is_empty()
            && matches!(
                caller.kind,
                CallerKind::User { .. }
                    | CallerKind::RoleSession { .. }
                    | CallerKind::FederatedUser { .. }
                    | CallerKind::Unspecified
            );
        let endpoint = s.vpc_endpoint.as_ref().map(|e| Endpoint {
            id: e.id.clone(),
            vpc: e.vpc_id.clone(),
        });
        Ok(Self {
            set,
            endpoint,
            caller_has_boundary,
            caller,
            unused,
            resource_owner: s.resource_owner.clone(),
            context_entries: if keep_entries {
                s.context_entries.clone()
            } else {
                Vec::new()
            },
            derived: derived.to_vec(),
            resources,
            diagnostics,
        })
    }

    /// The loaded policies.
    pub(crate) fn policy_set(&self) -> &PolicySet {
        &self.set
    }

    /// The scenario's context entries.
    pub(crate) fn context_entries(&self) -> &[ContextEntry] {
        &self.context_entries
    }

    /// Warnings about the policies (errors stop [`Compiled::new`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The scenario's `ResourceArns`, or `["*"]` when it gives none.
    pub fn resources(&self) -> &[String] {
        &self.resources
    }

    /// Build the request context for one resource.
    pub fn context_for(&self, resource: &str, opts: &Options) -> RequestContext {
        self.context_with(resource, &self.context_entries, opts)
    }

    /// [`Compiled::context_for`] with other context entries (a comparison's grid point).
    pub fn context_with(
        &self,
        resource: &str,
        entries: &[ContextEntry],
        opts: &Options,
    ) -> RequestContext {
        let account = resource_account(self.resource_owner.as_deref(), resource, &self.caller);
        let context = build_context(
            entries,
            &self.caller,
            account.as_deref(),
            opts,
            &self.derived,
            self.endpoint.as_ref(),
        );
        RequestContext {
            resource: resource.to_string(),
            account,
            context,
        }
    }

    /// The decision alone: the fastest path (no trace, no matched statements).
    pub fn decision(&self, rc: &RequestContext, action: &str) -> EvalDecision {
        let req = Request {
            action,
            resource: &rc.resource,
            caller: &self.caller,
            context: &rc.context,
            caller_has_boundary: self.caller_has_boundary,
        };
        decide(&self.set, &req, rc.account.as_deref(), false).decision
    }

    /// The full result for one action on the context's resource, as [`simulate`] gives it.
    pub fn evaluate(&self, rc: &RequestContext, action: &str, trace: bool) -> EvaluationResult {
        let caller = &self.caller;
        let resource = &rc.resource;
        let ctx = &rc.context;
        let req = Request {
            action,
            resource,
            caller,
            context: ctx,
            caller_has_boundary: self.caller_has_boundary,
        };
        let mut d = decide(&self.set, &req, rc.account.as_deref(), trace);
        // Moved out: the decision's own record is not needed after this.
        let matched_statements = std::mem::take(&mut d.matched)
            .into_iter()
            .map(|m| {
                // Located here, for the statements that decided only (a sweep asks for none).
                let span = self
                    .set
                    .all()
                    .find(|lp| lp.id == m.policy_id)
                    .and_then(|lp| {
                        let st = lp.policy.statements.iter().find(|st| st.index == m.index)?;
                        Some(locate(&lp.text, st.range))
                    })
                    .unwrap_or_default();
                MatchedStatement {
                    source_policy_id: m.policy_id,
                    source_policy_type: m.kind.label().to_string(),
                    sid: m.sid,
                    start_position: Position {
                        line: span.start_line,
                        column: span.start_column,
                    },
                    end_position: Position {
                        line: span.end_line,
                        column: span.end_column,
                    },
                    statement_index: m.index,
                    span,
                }
            })
            .collect();
        let trace = trace.then(|| Trace {
            action: action.to_string(),
            resource: resource.clone(),
            caller: caller.clone(),
            resource_account: rc.account.clone(),
            cross_account: d.cross_account,
            special_resource: d.special_resource.map(str::to_string),
            context: ctx
                .entries()
                .iter()
                .map(|e| ContextValueTrace {
                    key: e.name.to_string(),
                    values: e.values.to_vec(),
                    origin: e.origin,
                    from: e.from.as_ref().map(|f| f.to_string()),
                })
                .collect(),
            deciding_rule: d.steps.last().map(|s| s.rule.clone()).unwrap_or_default(),
            layers: d.layers.clone(),
            steps: d.steps.clone(),
            decision: d.decision,
        });
        let details = &d.details;
        // AWS: "If the simulation evaluates policies within the same account and includes a
        // resource ARN, then the parameter is present but the response is empty. If … all
        // resources (*), then the parameter is not returned."
        let eval_decision_details = if details.scp_denied {
            None
        } else if d.cross_account {
            Some(EvalDecisionDetails(
                details
                    .by_type
                    .iter()
                    .map(|(kind, decision)| (kind.label().to_string(), *decision))
                    .collect(),
            ))
        } else if resource == "*" {
            None
        } else {
            Some(EvalDecisionDetails::default())
        };
        EvaluationResult {
            eval_action_name: action.to_string(),
            eval_resource_name: resource.clone(),
            eval_decision: d.decision,
            matched_statements,
            missing_context_values: d.missing,
            organizations_decision_detail: details.organizations.map(|allowed| {
                OrganizationsDecisionDetail {
                    allowed_by_organizations: allowed,
                }
            }),
            permissions_boundary_decision_detail: details.boundary.map(|allowed| {
                PermissionsBoundaryDecisionDetail {
                    allowed_by_permissions_boundary: allowed,
                }
            }),
            eval_decision_details,
            unused_context_keys: self.unused.clone(),
            trace,
            chain: None,
            action_pattern: None,
        }
    }
}
