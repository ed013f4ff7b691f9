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
    reads: u16,
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
    let mut put = |name: &'static str, value: Option<String>, from: &'static str| {
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
    // A key is derived (its value computed) only when it is wanted: always for a trace, which
    // shows the whole context, else only when some policy reads it (`reads`).
    macro_rules! derive {
        ($name:literal, $value:expr) => {
            derive!($name, $value, "the caller")
        };
        ($name:literal, $value:expr, $from:expr) => {{
            const I: usize = derived_index($name);
            const _: () = assert!(I < DERIVED.len(), "not a derived key");
            if reads & (1 << I) != 0 {
                put($name, $value, $from);
            }
        }};
    }
    derive!("aws:PrincipalArn", caller.principal_arn());
    derive!(
        "aws:PrincipalAccount",
        if caller.kind == CallerKind::Anonymous {
            Some("anonymous".into())
        } else {
            caller.account.clone()
        }
    );
    derive!(
        "aws:PrincipalType",
        caller.principal_type().map(str::to_string)
    );
    if let CallerKind::User { name } = &caller.kind {
        derive!("aws:username", Some(name.clone()));
    }
    match &caller.kind {
        CallerKind::Root => derive!("aws:userid", caller.account.clone()),
        CallerKind::Anonymous => derive!("aws:userid", Some("anonymous".into())),
        CallerKind::FederatedUser { name } => derive!(
            "aws:userid",
            caller.account.as_ref().map(|a| format!("{a}:{name}"))
        ),
        _ => {}
    }
    if let CallerKind::Service { name } = &caller.kind {
        derive!("aws:PrincipalServiceName", Some(name.clone()));
    }
    derive!(
        "aws:PrincipalIsAWSService",
        Some(matches!(caller.kind, CallerKind::Service { .. }).to_string())
    );
    derive!(
        "aws:ResourceAccount",
        resource_account.map(str::to_string),
        "ResourceOwner or the resource ARN"
    );
    // [UG KEYS#condition-keys-sourcevpce]: present only when the request travels through a
    // VPC endpoint (SPEC §8, §12.7).
    if let Some(e) = endpoint {
        let from = "the VPC endpoint the request came through";
        derive!("aws:SourceVpce", e.id.clone(), from);
        derive!("aws:SourceVpc", e.vpc.clone(), from);
    }
    if let Some(now) = opts.now_epoch_seconds {
        if time::OffsetDateTime::from_unix_timestamp(now).is_ok() {
            let from = "the request time";
            derive!(
                "aws:CurrentTime",
                crate::policy::values::rfc3339_seconds(now),
                from
            );
            derive!("aws:EpochTime", Some(now.to_string()), from);
        }
    }
    ctx
}

/// The context keys [`build_context`] derives, in a fixed order: bit `i` of a `reads` mask
/// stands for `DERIVED[i]`.
const DERIVED: [&str; 12] = [
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalType",
    "aws:username",
    "aws:userid",
    "aws:PrincipalServiceName",
    "aws:PrincipalIsAWSService",
    "aws:ResourceAccount",
    "aws:SourceVpce",
    "aws:SourceVpc",
    "aws:CurrentTime",
    "aws:EpochTime",
];

/// The position of `name` in [`DERIVED`], at compile time (its length for a name not there,
/// which [`build_context`] does not compile).
const fn derived_index(name: &str) -> usize {
    let mut i = 0;
    let mut rest: &[&str] = &DERIVED;
    while let [key, tail @ ..] = rest {
        if same_bytes(key.as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
        rest = tail;
    }
    i
}

/// `a == b`, in a constant.
const fn same_bytes(mut a: &[u8], mut b: &[u8]) -> bool {
    while let ([x, a_rest @ ..], [y, b_rest @ ..]) = (a, b) {
        if *x != *y {
            return false;
        }
        a = a_rest;
        b = b_rest;
    }
    a.is_empty() && b.is_empty()
}

/// What the policies of `set` read of the context: which of the [`DERIVED`] keys (as a
/// mask), and which of the given `entries` they never read (their keys, likely typos). Keys
/// compare case-insensitively, as the context looks them up. Nothing else reads the
/// context, so a decision without a trace needs only the derived keys in the mask.
fn policy_reads(set: &PolicySet, entries: &[ContextEntry]) -> (u16, Vec<String>) {
    // The lengths of the derived keys (bit n for a length of n): most keys a policy reads are
    // ruled out by their length alone.
    const LENGTHS: u32 = {
        let (mut mask, mut rest): (u32, &[&str]) = (0, &DERIVED);
        while let [key, tail @ ..] = rest {
            mask |= 1 << key.len();
            rest = tail;
        }
        mask
    };
    let mut reads = 0;
    let mut read = vec![false; entries.len()];
    each_read_key(set, &mut |key| {
        for (r, e) in read.iter_mut().zip(entries) {
            *r |= e.key.eq_ignore_ascii_case(key);
        }
        if key.len() >= 32 || LENGTHS & (1 << key.len()) == 0 {
            return;
        }
        if let Some(i) = DERIVED.iter().position(|d| d.eq_ignore_ascii_case(key)) {
            reads |= 1 << i;
        }
    });
    let unused = entries
        .iter()
        .zip(read)
        .filter(|(_, read)| !read)
        .map(|(e, _)| e.key.clone())
        .collect();
    (reads, unused)
}

/// Calls `note` with each context key a policy of `set` reads, as it is written: each
/// condition's key, and each policy variable of a condition value or a resource.
fn each_read_key(set: &PolicySet, note: &mut dyn FnMut(&str)) {
    for st in set.all().flat_map(|lp| &lp.policy.statements) {
        for c in &st.conditions {
            note(&c.key);
            for v in &c.values {
                v.template.keys().for_each(&mut *note);
            }
        }
        for r in st.resource.iter().flat_map(|r| &r.items) {
            r.template.keys().for_each(&mut *note);
        }
    }
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
    /// Which derived context keys some policy reads (see [`policy_reads`]).
    reads: u16,
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
        let (reads, unused) = policy_reads(&set, &s.context_entries);
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
            reads,
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

    /// Build the request context for one resource. Without [`Options::trace`], the keys the
    /// engine derives (from the caller, the resource, the endpoint and the clock) are only
    /// those some policy reads: nothing else looks at them.
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
            if opts.trace { u16::MAX } else { self.reads },
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

    /// The full result for one action on the context's resource, as [`simulate`] gives it. A
    /// trace shows the context as `rc` holds it: every derived key when `rc` was built with
    /// [`Options::trace`], else only those some policy reads.
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
            trace: trace.map(Box::new),
            chain: None,
            action_pattern: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scenario whose policy reads `aws:principalaccount` (in another case) and
    /// `${aws:username}`, and gives `aws:SourceIp`, which no policy reads.
    fn scenario() -> Scenario {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"aws:principalaccount":"111122223333"}}}]}"#;
        let text = serde_json::json!({
            "PolicyInputList": [policy],
            "ActionNames": ["s3:GetObject"],
            "ResourceArns": ["arn:aws:s3:::b/alice/x"],
            "CallerArn": "arn:aws:iam::111122223333:user/alice",
            "ContextEntries": [{"ContextKeyName": "aws:SourceIp", "ContextKeyType": "ip",
                "ContextKeyValues": ["192.0.2.1"]}]
        })
        .to_string();
        crate::parse_scenario(&text).unwrap()
    }

    fn names(rc: &RequestContext) -> Vec<&str> {
        rc.context
            .entries()
            .iter()
            .map(|e| e.name.as_ref())
            .collect()
    }

    /// SPEC §4.2 (keys compared case-insensitively) and §8 (the global keys the engine fills
    /// in): an untraced context holds the given keys and only the derived keys a policy reads.
    #[test]
    fn an_untraced_context_derives_only_the_keys_a_policy_reads() {
        let s = scenario();
        let c = Compiled::new(&s).unwrap();
        let now = Some(1_700_000_000);
        let plain = Options {
            trace: false,
            now_epoch_seconds: now,
        };
        let traced = Options {
            trace: true,
            now_epoch_seconds: now,
        };
        let rc = c.context_for("arn:aws:s3:::b/alice/x", &plain);
        // The given key stays; of the derived ones, the two the policy reads.
        assert_eq!(
            names(&rc),
            ["aws:SourceIp", "aws:PrincipalAccount", "aws:username"]
        );
        let full = c.context_for("arn:aws:s3:::b/alice/x", &traced);
        for key in ["aws:PrincipalArn", "aws:CurrentTime", "aws:EpochTime"] {
            assert!(names(&full).contains(&key), "{key} in a traced context");
        }
        assert_eq!(c.decision(&rc, "s3:GetObject"), EvalDecision::Allowed);
        assert_eq!(c.decision(&full, "s3:GetObject"), EvalDecision::Allowed);
        // The given key no policy reads is reported either way.
        assert_eq!(c.unused, ["aws:SourceIp"]);
    }

    #[test]
    fn every_derived_key_has_a_bit() {
        assert!(DERIVED.len() <= 16);
        for (i, key) in DERIVED.iter().enumerate() {
            assert_eq!(derived_index(key), i);
        }
        assert_eq!(derived_index("aws:SourceIp"), DERIVED.len());
    }

    /// SPEC §4.2 and §8: for every key the engine derives, every kind of caller and the key
    /// written in two cases: a condition on the key decides the same with and without a trace, whether the
    /// policy value is the derived one (the traced context's) or another.
    #[test]
    fn conditions_on_derived_keys_decide_alike_with_and_without_a_trace() {
        let callers = [
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::111122223333:root",
            "arn:aws:sts::111122223333:assumed-role/app/session-1",
            "arn:aws:sts::111122223333:federated-user/bob",
            "s3.amazonaws.com",
        ];
        let traced = Options {
            trace: true,
            now_epoch_seconds: Some(1_700_000_000),
        };
        let plain = Options {
            trace: false,
            ..traced
        };
        // Whether the statement without its condition allows this caller at all (a federated
        // user's session needs a session policy too, a service principal no identity policy).
        let grants = |caller: &str| {
            let text = serde_json::json!({
                "PolicyInputList": [r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#],
                "ActionNames": ["s3:GetObject"],
                "CallerArn": caller
            })
            .to_string();
            let s = crate::parse_scenario(&text).unwrap();
            let c = Compiled::new(&s).unwrap();
            c.decision(&c.context_for("*", &plain), "s3:GetObject") == EvalDecision::Allowed
        };
        let mut allowed = 0;
        for caller in callers {
            for key in DERIVED {
                for written in [key.to_string(), key.to_ascii_uppercase()] {
                    let text = |value: &str| {
                        let policy = serde_json::json!({
                            "Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                "Resource": "*",
                                "Condition": {"StringEquals": {written.as_str(): value}}}]
                        });
                        serde_json::json!({
                            "PolicyInputList": [policy.to_string()],
                            "ActionNames": ["s3:GetObject"],
                            "ResourceArns": ["arn:aws:s3:::b/x"],
                            "CallerArn": caller,
                            "VpcEndpointId": "vpce-1a2b3c4d",
                            "VpcId": "vpc-111bbb22"
                        })
                        .to_string()
                    };
                    let probe = crate::parse_scenario(&text("-")).unwrap();
                    let c = Compiled::new(&probe).unwrap();
                    let full = c.context_for("arn:aws:s3:::b/x", &traced);
                    let derived = full.context.variable(key).unwrap_or("-").to_string();
                    for value in [derived.as_str(), "another-value"] {
                        let s = crate::parse_scenario(&text(value)).unwrap();
                        let c = Compiled::new(&s).unwrap();
                        let with = c.context_for("arn:aws:s3:::b/x", &traced);
                        let without = c.context_for("arn:aws:s3:::b/x", &plain);
                        assert_eq!(
                            c.decision(&with, "s3:GetObject"),
                            c.decision(&without, "s3:GetObject"),
                            "{caller}, {written} = {value}"
                        );
                        if value == derived && derived != "-" && grants(caller) {
                            // The derived value is what the condition compares with.
                            assert_eq!(
                                c.decision(&without, "s3:GetObject"),
                                EvalDecision::Allowed,
                                "{caller}, {written} = {value}"
                            );
                            allowed += 1;
                        }
                        assert_eq!(
                            c.evaluate(&with, "s3:GetObject", false)
                                .missing_context_values,
                            c.evaluate(&without, "s3:GetObject", false)
                                .missing_context_values,
                            "{caller}, {written} = {value}"
                        );
                    }
                }
            }
        }
        // Most keys have a value for the callers the statement can allow (aws:username only
        // for a user, aws:userid only for the root user here, ...): 58 cases when written.
        assert!(allowed >= 50, "{allowed} cases allowed by a derived value");
    }
}
