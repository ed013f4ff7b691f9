//! Evaluating a `World` scenario: authentication, each STS hop (a request of its own against the
//! role's trust policy), then the request itself made by the resulting principal.

use serde::Serialize;

use std::borrow::Cow;

use crate::request::context::{Entry, ValueOrigin};
use crate::response::{simulate_with, EvaluationResult, Options, Outcome};
use crate::scenario::world::{short, Hop, OrgNode, Role, StsApi, Tags, World, WorldScenario};
use crate::scenario::{PolicyInput, Scenario};
use crate::text::diag::Diagnostic;
use crate::trace::{DecisionStep, EvalDecision};

/// One STS call of the chain and how it went.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HopResult {
    /// 0-based position in `AssumeRoleChain`.
    pub hop: usize,
    /// `AssumeRole`, `GetSessionToken`, …
    pub api: String,
    /// The role assumed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Who made the call.
    pub caller: String,
    /// The principal after the call (when it succeeded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_arn: Option<String>,
    /// The call's decision.
    pub eval_decision: EvalDecision,
    /// Why, in plain words.
    pub reason: String,
    /// The decisions for each action the call needed (`sts:AssumeRole`, `sts:TagSession`, …).
    pub evaluation_results: Vec<EvaluationResult>,
    /// Session tags in effect after the call.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub session_tags: Vec<(String, String)>,
}

/// The principal at some point of the chain.
#[derive(Debug, Clone, Default)]
struct Session {
    arn: String,
    account: Option<String>,
    identity: Vec<PolicyInput>,
    boundary: Option<PolicyInput>,
    session_policies: Vec<PolicyInput>,
    tags: Tags,
    transitive: Vec<String>,
    mfa_present: Option<bool>,
    mfa_age: Option<i64>,
    temporary: bool,
    role_session: bool,
    /// When the temporary credentials were issued and expire (nanoseconds since the epoch).
    issued_at: Option<i128>,
    expires_at: Option<i128>,
    root: bool,
    has_mfa_device: bool,
    /// GetSessionToken credentials obtained without MFA: no IAM or STS API calls.
    session_token_without_mfa: bool,
    source_identity: Option<String>,
    federated_provider: Option<String>,
    userid: Option<String>,
    username: Option<String>,
}

fn account_of(arn: &str) -> Option<String> {
    crate::request::arn::account_of(arn).map(str::to_string)
}

fn set_tag(tags: &mut Tags, key: &str, value: &str) {
    tags.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
    tags.push((key.to_string(), value.to_string()));
}

/// The policy levels (root → OU → account) that apply to an account, with the synthetic
/// `FullAWSAccess`/`RCPFullAWSAccess` where AWS always has one attached.
fn org_levels(world: &World, account: Option<&str>, rcp: bool) -> Vec<Vec<PolicyInput>> {
    let (Some(org), Some(account)) = (&world.organization, account) else {
        return Vec::new();
    };
    if org.management_account.as_deref() == Some(account) {
        return Vec::new();
    }
    fn path<'a>(node: &'a OrgNode, account: &str, out: &mut Vec<&'a OrgNode>) -> bool {
        out.push(node);
        if node.accounts.iter().any(|a| a.id == account) {
            return true;
        }
        for c in &node.children {
            if path(c, account, out) {
                return true;
            }
        }
        out.pop();
        false
    }
    let mut nodes = Vec::new();
    if !path(&org.root, account, &mut nodes) {
        return Vec::new();
    }
    let mut raw: Vec<(String, Vec<PolicyInput>)> = nodes
        .iter()
        .map(|n| {
            (
                n.id.clone(),
                if rcp { n.rcps.clone() } else { n.scps.clone() },
            )
        })
        .collect();
    if let Some(acct) = nodes
        .last()
        .and_then(|n| n.accounts.iter().find(|a| a.id == account))
    {
        raw.push((
            acct.id.clone(),
            if rcp {
                acct.rcps.clone()
            } else {
                acct.scps.clone()
            },
        ));
    }
    if raw.iter().all(|(_, ps)| ps.is_empty()) {
        return Vec::new();
    }
    let full = if rcp {
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#
    } else {
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    };
    let name = if rcp {
        "RCPFullAWSAccess"
    } else {
        "FullAWSAccess"
    };
    raw.into_iter()
        .map(|(id, mut ps)| {
            // RCPFullAWSAccess is attached everywhere and cannot be detached; a level with no
            // SCP listed is taken to have FullAWSAccess (AWS requires one SCP at every level).
            if rcp || ps.is_empty() {
                ps.insert(0, PolicyInput::new(format!("{id}/{name}"), full));
            }
            ps
        })
        .collect()
}

fn org_paths(world: &World, account: &str) -> Option<(String, String)> {
    let org = world.organization.as_ref()?;
    fn walk(node: &OrgNode, account: &str, prefix: &str) -> Option<String> {
        let here = format!("{prefix}{}/", node.id);
        if node.accounts.iter().any(|a| a.id == account) {
            return Some(here);
        }
        node.children.iter().find_map(|c| walk(c, account, &here))
    }
    let p = walk(&org.root, account, &format!("{}/", org.id))?;
    Some((org.id.clone(), p))
}

fn entry(name: &str, values: Vec<String>, from: &str) -> Entry {
    Entry {
        name: Cow::Owned(name.to_string()),
        values,
        key_type: None,
        origin: ValueOrigin::Derived,
        from: Some(Cow::Owned(from.to_string())),
    }
}

/// `aws:ResourceTag/k` for a resource's tags, and `iam:ResourceTag/k` too when the resource is
/// an IAM user or role [UG access_iam-tags].
fn resource_tag_entries(tags: &Tags, iam_resource: bool) -> Vec<Entry> {
    let mut out = Vec::new();
    for (k, v) in tags {
        out.push(entry(
            &format!("aws:ResourceTag/{k}"),
            vec![v.clone()],
            "resource tags",
        ));
        if iam_resource {
            out.push(entry(
                &format!("iam:ResourceTag/{k}"),
                vec![v.clone()],
                "resource tags",
            ));
        }
    }
    out
}

/// Context keys that follow from the world for a request by `session` on `resource_tags`.
fn derived_context(
    world: &World,
    session: &Session,
    resource_account: Option<&str>,
    resource_tags: &Tags,
    iam_resource: bool,
) -> Vec<Entry> {
    let mut out = Vec::new();
    for (k, v) in &session.tags {
        out.push(entry(
            &format!("aws:PrincipalTag/{k}"),
            vec![v.clone()],
            "principal tags",
        ));
    }
    out.extend(resource_tag_entries(resource_tags, iam_resource));
    if let Some(u) = &session.username {
        out.push(entry("aws:username", vec![u.clone()], "the user"));
    }
    if let Some(id) = &session.userid {
        out.push(entry(
            "aws:userid",
            vec![id.clone()],
            "the principal's unique ID",
        ));
    }
    if let Some(p) = session.mfa_present {
        out.push(entry(
            "aws:MultiFactorAuthPresent",
            vec![p.to_string()],
            "authentication",
        ));
    }
    if let Some(a) = session.mfa_age {
        out.push(entry(
            "aws:MultiFactorAuthAge",
            vec![a.to_string()],
            "authentication",
        ));
    }
    if let Some(t) = session.issued_at.filter(|_| session.temporary) {
        out.push(entry(
            "aws:TokenIssueTime",
            vec![show_time(t)],
            "the STS call that issued the credentials",
        ));
    }
    if let Some(si) = &session.source_identity {
        out.push(entry(
            "aws:SourceIdentity",
            vec![si.clone()],
            "the role session",
        ));
    }
    if let Some(p) = &session.federated_provider {
        out.push(entry(
            "aws:FederatedProvider",
            vec![p.clone()],
            "the role session",
        ));
    }
    if let Some((org, path)) = session.account.as_deref().and_then(|a| org_paths(world, a)) {
        out.push(entry("aws:PrincipalOrgID", vec![org], "the organization"));
        out.push(entry(
            "aws:PrincipalOrgPaths",
            vec![path],
            "the organization",
        ));
    }
    if let Some((org, _)) = resource_account.and_then(|a| org_paths(world, a)) {
        out.push(entry("aws:ResourceOrgID", vec![org], "the organization"));
    }
    out
}

/// An instant as an RFC 3339 timestamp.
fn show_time(nanos: i128) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("{} s since the epoch", nanos / 1_000_000_000))
}

/// Evaluate a `World` scenario.
pub fn simulate_world(ws: &WorldScenario, opts: &Options) -> Outcome {
    let world = &ws.world;
    let req = &ws.request;
    let mut hops = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();

    // The request time: `aws:CurrentTime` from the context, else the clock.
    let now: Option<i128> = req
        .context_entries
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case("aws:CurrentTime"))
        .and_then(|e| e.values.first())
        .and_then(|v| crate::policy::values::date(v))
        .or_else(|| {
            opts.now_epoch_seconds
                .map(|n| i128::from(n) * 1_000_000_000)
        });
    let session = match authenticate(world, req) {
        Ok(s) => Ok(s),
        Err(reason) => Err((
            EvalDecision::ImplicitDeny,
            format!("authentication failed: {reason}"),
        )),
    };
    let mut session = match session {
        Ok(s) => s,
        Err((d, why)) => return blocked_outcome(req, d, "authentication", &why, hops, opts),
    };

    for (i, hop) in req.chain.iter().enumerate() {
        let (result, next) = run_hop(world, &session, hop, i, now, opts, &mut diagnostics);
        let failed = result.eval_decision != EvalDecision::Allowed;
        let why = format!("hop {i} ({}) failed: {}", result.api, result.reason);
        let d = result.eval_decision;
        hops.push(result);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Outcome {
                results: None,
                diagnostics,
            };
        }
        match (failed, next) {
            (false, Some(n)) => session = n,
            _ => return blocked_outcome(req, d, "assume-role-chain", &why, hops, opts),
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
            return blocked_outcome(
                req,
                EvalDecision::ImplicitDeny,
                "expired-credentials",
                &why,
                hops,
                opts,
            );
        }
    }
    let resources: Vec<String> = if req.resource_arns.is_empty() {
        vec!["*".into()]
    } else {
        req.resource_arns.clone()
    };
    let mut results = Vec::new();
    for action in &req.action_names {
        for resource in &resources {
            let blocked_sts = session.session_token_without_mfa
                && (action.to_ascii_lowercase().starts_with("iam:")
                    || action.to_ascii_lowercase().starts_with("sts:"))
                && !["sts:AssumeRole", "sts:GetCallerIdentity"]
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(action));
            if blocked_sts {
                let mut r = blocked_result(
                    action,
                    resource,
                    &session.arn,
                    EvalDecision::ImplicitDeny,
                    "session-token-without-mfa",
                    "temporary credentials from GetSessionToken can call IAM and STS API operations only if MFA information was included in the GetSessionToken request",
                    opts,
                );
                r.chain = Some(hops.clone());
                results.push(r);
                continue;
            }
            let r = world.resources.iter().find(|r| {
                r.arn == *resource
                    || (resource.starts_with(&r.arn)
                        && resource
                            .get(r.arn.len()..)
                            .is_some_and(|rest| rest.starts_with('/')))
            });
            // IAM users and roles are resources too: their tags are `iam:ResourceTag/*`, and a
            // role's trust policy is its resource policy for the role-trust actions.
            let user = world.users.iter().find(|u| u.arn == *resource);
            let role = world.roles.iter().find(|x| x.arn == *resource);
            let iam_resource = user.is_some() || role.is_some();
            let resource_account = r
                .and_then(|r| r.account.clone())
                .or_else(|| account_of(resource))
                .or_else(|| session.account.clone());
            let tags = match (r, user, role) {
                (Some(r), ..) => r.tags.clone(),
                (None, Some(u), _) => u.tags.clone(),
                (None, None, Some(x)) => x.tags.clone(),
                _ => Vec::new(),
            };
            let trust = role
                .filter(|_| crate::decide::special_resource(action, resource).is_some())
                .and_then(|x| x.trust_policy.clone());
            let scenario = Scenario {
                identity_policies: session.identity.clone(),
                permissions_boundaries: session.boundary.iter().cloned().collect(),
                session_policies: session.session_policies.clone(),
                scp_levels: org_levels(world, session.account.as_deref(), false),
                rcp_levels: org_levels(world, resource_account.as_deref(), true),
                resource_policy: r.and_then(|r| r.policy.clone()).or(trust),
                resource_owner: resource_account.clone(),
                caller_arn: Some(session.arn.clone()),
                action_names: vec![action.clone()],
                resource_arns: vec![resource.clone()],
                context_entries: req.context_entries.clone(),
                origins: Vec::new(),
            };
            let derived = derived_context(
                world,
                &session,
                resource_account.as_deref(),
                &tags,
                iam_resource,
            );
            let outcome = simulate_with(&scenario, opts, &derived);
            merge_diagnostics(&mut diagnostics, outcome.diagnostics);
            match outcome.results {
                Some(mut rs) => {
                    for r in &mut rs {
                        r.chain = Some(hops.clone());
                    }
                    results.extend(rs);
                }
                None => {
                    return Outcome {
                        results: None,
                        diagnostics,
                    }
                }
            }
        }
    }
    Outcome {
        results: Some(results),
        diagnostics,
    }
}

fn merge_diagnostics(all: &mut Vec<Diagnostic>, new: Vec<Diagnostic>) {
    for d in new {
        if !all.contains(&d) {
            all.push(d);
        }
    }
}

fn blocked_result(
    action: &str,
    resource: &str,
    caller_arn: &str,
    d: EvalDecision,
    rule: &str,
    why: &str,
    opts: &Options,
) -> EvaluationResult {
    let caller = crate::request::caller::Caller::parse(Some(caller_arn)).unwrap_or(
        crate::request::caller::Caller {
            arn: Some(caller_arn.to_string()),
            kind: crate::request::caller::CallerKind::Unspecified,
            account: None,
            partition: "aws".into(),
        },
    );
    let trace = opts.trace.then(|| crate::trace::Trace {
        action: action.to_string(),
        resource: resource.to_string(),
        caller,
        resource_account: None,
        cross_account: false,
        special_resource: None,
        context: Vec::new(),
        layers: Vec::new(),
        steps: vec![DecisionStep {
            rule: rule.to_string(),
            text: why.to_string(),
            decision: Some(d),
            source: "UG temporary credentials; STS API reference".into(),
        }],
        decision: d,
        deciding_rule: rule.to_string(),
    });
    EvaluationResult {
        eval_action_name: action.to_string(),
        eval_resource_name: resource.to_string(),
        eval_decision: d,
        matched_statements: Vec::new(),
        missing_context_values: Vec::new(),
        unused_context_keys: Vec::new(),
        trace,
        chain: None,
        action_pattern: None,
    }
}

fn blocked_outcome(
    req: &crate::scenario::world::WorldRequest,
    d: EvalDecision,
    rule: &str,
    why: &str,
    hops: Vec<HopResult>,
    opts: &Options,
) -> Outcome {
    let resources: Vec<String> = if req.resource_arns.is_empty() {
        vec!["*".into()]
    } else {
        req.resource_arns.clone()
    };
    let mut results = Vec::new();
    for action in &req.action_names {
        for resource in &resources {
            let mut r = blocked_result(action, resource, &req.principal, d, rule, why, opts);
            r.chain = Some(hops.clone());
            results.push(r);
        }
    }
    Outcome {
        results: Some(results),
        diagnostics: Vec::new(),
    }
}

/// The starting principal, or why it cannot authenticate.
fn authenticate(
    world: &World,
    req: &crate::scenario::world::WorldRequest,
) -> Result<Session, String> {
    let p = req.principal.as_str();
    let auth = req.authentication.clone().unwrap_or_default();
    let caller =
        crate::request::caller::Caller::parse(Some(p)).map_err(|e| format!("`Principal`: {e}"))?;
    let mut s = Session {
        arn: p.to_string(),
        account: caller.account.clone(),
        ..Session::default()
    };
    match caller.kind {
        crate::request::caller::CallerKind::Root => {
            s.root = true;
            // The root user can always use its own MFA device.
            s.has_mfa_device = true;
            s.userid = s.account.clone();
            if auth.mfa == Some(true) {
                // Console sign-in with MFA; root access keys are long-term (no MFA keys).
                s.mfa_present = Some(true);
                s.mfa_age = auth.mfa_age_seconds;
            }
        }
        crate::request::caller::CallerKind::User { name } => {
            let user = world
                .users
                .iter()
                .find(|u| u.arn == p)
                .ok_or_else(|| format!("user `{p}` is not in the world's `Users`"))?;
            s.username = Some(name);
            s.userid = user.user_id.clone();
            s.tags = user.tags.clone();
            s.identity = user.policies.clone();
            for g in &user.groups {
                let group = world.groups.iter().find(|x| x.arn == *g || short(&x.arn) == *g);
                match group {
                    Some(group) => s.identity.extend(group.policies.iter().cloned()),
                    None => return Err(format!("group `{g}` of `{p}` is not in the world's `Groups`")),
                }
            }
            s.boundary = user.boundary.clone();
            s.has_mfa_device = !user.mfa_devices.is_empty();
            if let Some(key) = &auth.access_key {
                let k = user
                    .access_keys
                    .iter()
                    .find(|k| k.id == *key)
                    .ok_or_else(|| format!("access key `{key}` does not belong to `{p}`"))?;
                if !k.active {
                    return Err(format!("access key `{key}` is inactive"));
                }
                // Long-term access keys: no MFA keys in the context.
            } else if let Some(mfa) = auth.mfa {
                if mfa && user.mfa_devices.is_empty() {
                    return Err(format!("`{p}` signed in with MFA but has no MFA device"));
                }
                s.temporary = true;
                s.mfa_present = Some(mfa);
                if mfa {
                    s.mfa_age = Some(auth.mfa_age_seconds.unwrap_or(0));
                }
            }
        }
        crate::request::caller::CallerKind::IdentityProvider { .. } => {
            if !req.chain.first().is_some_and(|h| matches!(h.api, StsApi::AssumeRoleWithSaml | StsApi::AssumeRoleWithWebIdentity)) {
                return Err("an identity provider principal must start with AssumeRoleWithSAML or AssumeRoleWithWebIdentity".into());
            }
        }
        _ => return Err(format!("`{p}`: a world request starts from a user, an account's root user or an identity provider")),
    }
    Ok(s)
}

fn hop_failure(i: usize, hop: &Hop, caller: &Session, why: String) -> (HopResult, Option<Session>) {
    (
        HopResult {
            hop: i,
            api: api_name(hop.api).into(),
            role_arn: hop.role_arn.clone(),
            caller: caller.arn.clone(),
            session_arn: None,
            eval_decision: EvalDecision::ImplicitDeny,
            reason: why,
            evaluation_results: Vec::new(),
            session_tags: Vec::new(),
        },
        None,
    )
}

fn api_name(api: StsApi) -> &'static str {
    api.action().trim_start_matches("sts:")
}

fn validate_hop(hop: &Hop, caller: &Session, role: &Role) -> Result<(), String> {
    if hop.tags.len() > 50 {
        return Err(format!(
            "{} session tags passed; at most 50 are allowed",
            hop.tags.len()
        ));
    }
    for (k, v) in &hop.tags {
        if k.chars().count() > 128 || v.chars().count() > 256 {
            return Err(format!(
                "session tag `{k}`: keys may have 128 characters and values 256"
            ));
        }
        if caller.transitive.iter().any(|t| t.eq_ignore_ascii_case(k)) {
            return Err(format!("session tag `{k}` would override a transitive tag of the calling session, which is not allowed"));
        }
    }
    for t in &hop.transitive_tag_keys {
        if !hop.tags.iter().any(|(k, _)| k.eq_ignore_ascii_case(t)) {
            return Err(format!(
                "transitive tag key `{t}` is not among the session tags passed"
            ));
        }
    }
    let max = role.max_session_duration.unwrap_or(3600);
    if let Some(d) = hop.duration_seconds {
        if d < 900 {
            return Err(format!("DurationSeconds {d} is below the minimum of 900"));
        }
        if caller.role_session && d > 3600 {
            return Err(format!(
                "role chaining limits a session to one hour; DurationSeconds {d} exceeds 3600"
            ));
        }
        if d > max {
            return Err(format!(
                "DurationSeconds {d} exceeds the role's MaxSessionDuration {max}"
            ));
        }
    }
    if let Some(name) = &hop.role_session_name {
        let ok = (2..=64).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "=,.@-_".contains(c));
        if !ok {
            return Err(format!(
                "RoleSessionName `{name}` must be 2-64 characters of letters, digits and =,.@-_"
            ));
        }
    }
    if let Some(id) = &hop.external_id {
        if !(2..=1224).contains(&id.len()) {
            return Err("ExternalId must have 2 to 1,224 characters".into());
        }
    }
    Ok(())
}

fn run_hop(
    world: &World,
    caller: &Session,
    hop: &Hop,
    i: usize,
    now: Option<i128>,
    opts: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> (HopResult, Option<Session>) {
    let hop_time = hop
        .issued_at
        .as_deref()
        .and_then(crate::policy::values::date)
        .or(now);
    if let (Some(exp), Some(t)) = (caller.expires_at, hop_time) {
        if t > exp {
            return hop_failure(
                i,
                hop,
                caller,
                format!("the calling credentials expired at {}", show_time(exp)),
            );
        }
    }
    let expiry = |default: i64| {
        hop_time.map(|t| t + i128::from(hop.duration_seconds.unwrap_or(default)) * 1_000_000_000)
    };
    if hop.mfa == Some(true) && !caller.has_mfa_device {
        return hop_failure(
            i,
            hop,
            caller,
            format!("`{}` passes MFA but has no MFA device", caller.arn),
        );
    }
    if hop.api == StsApi::AssumeRole && caller.root {
        return hop_failure(
            i,
            hop,
            caller,
            "the root user cannot call AssumeRole: use an IAM user's or role's credentials (STS API reference, AssumeRole)".into(),
        );
    }
    if hop.api == StsApi::GetSessionToken {
        if caller.role_session || caller.federated_provider.is_some() {
            return hop_failure(i, hop, caller, "GetSessionToken must be called with an IAM user's or the root user's long-term credentials".into());
        }
        // MFA-protected API access is not available with root user credentials
        // [S1 §Configuring MFA-protected API access].
        let mfa = hop.mfa.unwrap_or(false) && !caller.root;
        let mut next = caller.clone();
        next.temporary = true;
        next.mfa_present = Some(mfa);
        next.mfa_age = mfa.then_some(0);
        next.session_token_without_mfa = !mfa;
        // GetSessionToken: 900 s to 36 h (12 h by default); root sessions at most 1 h.
        if let Some(d) = hop.duration_seconds {
            let max = if caller.root { 3600 } else { 129_600 };
            if !(900..=max).contains(&d) {
                return hop_failure(
                    i,
                    hop,
                    caller,
                    format!("DurationSeconds {d} is outside 900..{max} for GetSessionToken"),
                );
            }
        }
        next.issued_at = hop_time;
        next.expires_at = expiry(if caller.root { 3600 } else { 43_200 });
        let reason = if mfa {
            "GetSessionToken needs no permission; the temporary credentials carry MFA information"
                .to_string()
        } else {
            "GetSessionToken needs no permission; without MFA its credentials cannot call IAM or STS operations".to_string()
        };
        return (
            HopResult {
                hop: i,
                api: "GetSessionToken".into(),
                role_arn: None,
                caller: caller.arn.clone(),
                session_arn: Some(next.arn.clone()),
                eval_decision: EvalDecision::Allowed,
                reason,
                evaluation_results: Vec::new(),
                session_tags: next.tags.clone(),
            },
            Some(next),
        );
    }
    let Some(role_arn) = hop.role_arn.clone() else {
        return hop_failure(i, hop, caller, "no RoleArn".into());
    };
    let Some(role) = world.roles.iter().find(|r| r.arn == role_arn) else {
        return hop_failure(
            i,
            hop,
            caller,
            format!("role `{role_arn}` is not in the world's `Roles`"),
        );
    };
    if let Err(why) = validate_hop(hop, caller, role) {
        return hop_failure(i, hop, caller, why);
    }
    let federated = matches!(
        hop.api,
        StsApi::AssumeRoleWithSaml | StsApi::AssumeRoleWithWebIdentity
    );
    let provider = hop.provider.clone().or_else(|| {
        if federated {
            first_federated(role)
        } else {
            None
        }
    });
    let caller_arn = if federated {
        match &provider {
            Some(p) => p.clone(),
            None => return hop_failure(i, hop, caller, "no identity provider: give `Provider` or a `Federated` principal in the trust policy".into()),
        }
    } else {
        caller.arn.clone()
    };
    let role_account = account_of(&role_arn);
    let mut actions = vec![hop.api.action().to_string()];
    if !hop.tags.is_empty() {
        actions.push("sts:TagSession".into());
    }
    if hop.source_identity.is_some() {
        actions.push("sts:SetSourceIdentity".into());
    }
    // The hop's own request context.
    let mut derived = if federated {
        Vec::new()
    } else {
        derived_context(world, caller, role_account.as_deref(), &role.tags, true)
    };
    if federated {
        derived.extend(resource_tag_entries(&role.tags, true));
    }
    let mut put = |name: &str, values: Vec<String>| {
        derived.retain(|e| !e.name.eq_ignore_ascii_case(name));
        derived.push(Entry {
            name: Cow::Owned(name.to_string()),
            values,
            key_type: None,
            origin: ValueOrigin::Derived,
            from: Some(Cow::Borrowed("the STS request")),
        });
    };
    if hop.mfa == Some(true) {
        put("aws:MultiFactorAuthPresent", vec!["true".into()]);
        put("aws:MultiFactorAuthAge", vec!["0".into()]);
    }
    for (k, v) in &hop.tags {
        put(&format!("aws:RequestTag/{k}"), vec![v.clone()]);
    }
    if !hop.tags.is_empty() {
        put(
            "aws:TagKeys",
            hop.tags.iter().map(|(k, _)| k.clone()).collect(),
        );
    }
    if !hop.transitive_tag_keys.is_empty() {
        put("sts:TransitiveTagKeys", hop.transitive_tag_keys.clone());
    }
    if let Some(x) = &hop.external_id {
        put("sts:ExternalId", vec![x.clone()]);
    }
    if let Some(n) = &hop.role_session_name {
        put("sts:RoleSessionName", vec![n.clone()]);
    }
    if let Some(si) = &hop.source_identity {
        put("sts:SourceIdentity", vec![si.clone()]);
    }
    for (k, v) in &hop.federated_claims {
        put(k, vec![v.clone()]);
    }
    let scenario = Scenario {
        identity_policies: if federated {
            Vec::new()
        } else {
            caller.identity.clone()
        },
        permissions_boundaries: if federated {
            Vec::new()
        } else {
            caller.boundary.iter().cloned().collect()
        },
        session_policies: if federated {
            Vec::new()
        } else {
            caller.session_policies.clone()
        },
        scp_levels: if federated {
            Vec::new()
        } else {
            org_levels(world, caller.account.as_deref(), false)
        },
        rcp_levels: org_levels(world, role_account.as_deref(), true),
        resource_policy: role.trust_policy.clone(),
        resource_owner: role_account.clone(),
        caller_arn: Some(caller_arn.clone()),
        action_names: actions,
        resource_arns: vec![role_arn.clone()],
        context_entries: Vec::new(),
        origins: Vec::new(),
    };
    let outcome = simulate_with(&scenario, opts, &derived);
    merge_diagnostics(diagnostics, outcome.diagnostics);
    let results = outcome.results.unwrap_or_default();
    let denied = results
        .iter()
        .find(|r| r.eval_decision != EvalDecision::Allowed);
    let decision = denied
        .map(|r| r.eval_decision)
        .unwrap_or(EvalDecision::Allowed);
    let reason = match denied {
        Some(r) => {
            let rule = r
                .trace
                .as_ref()
                .and_then(|t| t.steps.last())
                .map(|s| s.text.to_string())
                .unwrap_or_default();
            format!(
                "{} on the role is {}: {rule}",
                r.eval_action_name,
                r.eval_decision.as_str()
            )
        }
        None if results.is_empty() => "the hop could not be evaluated".into(),
        None => format!(
            "the trust policy of `{}` and the caller's permissions allow {}",
            short(&role_arn),
            results
                .iter()
                .map(|r| r.eval_action_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if decision != EvalDecision::Allowed || results.is_empty() {
        let mut hr = hop_failure(i, hop, caller, reason).0;
        hr.eval_decision = if results.is_empty() {
            EvalDecision::ImplicitDeny
        } else {
            decision
        };
        hr.caller = caller_arn;
        hr.evaluation_results = results;
        return (hr, None);
    }
    let session_name = hop
        .role_session_name
        .clone()
        .unwrap_or_else(|| "session".into());
    let acct = role_account.clone().unwrap_or_default();
    let role_name = short(&role_arn);
    let mut next = Session {
        issued_at: hop_time,
        expires_at: expiry(3600),
        arn: format!("arn:aws:sts::{acct}:assumed-role/{role_name}/{session_name}"),
        account: role_account,
        identity: role.policies.clone(),
        boundary: role.boundary.clone(),
        session_policies: hop.policy.iter().cloned().collect(),
        tags: role.tags.clone(),
        transitive: caller.transitive.clone(),
        // Credentials from AssumeRole do not carry MFA information [S1 §Choosing between
        // GetSessionToken and AssumeRole]; temporary credentials have the key, set to false.
        mfa_present: Some(false),
        mfa_age: None,
        temporary: true,
        role_session: true,
        root: false,
        has_mfa_device: false,
        session_token_without_mfa: false,
        source_identity: hop
            .source_identity
            .clone()
            .or_else(|| caller.source_identity.clone()),
        federated_provider: if federated { provider } else { None },
        userid: role
            .role_id
            .as_ref()
            .map(|id| format!("{id}:{session_name}")),
        username: None,
    };
    for t in &caller.transitive {
        if let Some((k, v)) = caller.tags.iter().find(|(k, _)| k.eq_ignore_ascii_case(t)) {
            set_tag(&mut next.tags, k, v);
        }
    }
    for (k, v) in &hop.tags {
        set_tag(&mut next.tags, k, v);
    }
    for t in &hop.transitive_tag_keys {
        if !next.transitive.iter().any(|x| x.eq_ignore_ascii_case(t)) {
            next.transitive.push(t.clone());
        }
    }
    (
        HopResult {
            hop: i,
            api: api_name(hop.api).into(),
            role_arn: Some(role_arn),
            caller: caller_arn,
            session_arn: Some(next.arn.clone()),
            eval_decision: EvalDecision::Allowed,
            reason,
            evaluation_results: results,
            session_tags: next.tags.clone(),
        },
        Some(next),
    )
}

fn first_federated(role: &Role) -> Option<String> {
    let text = &role.trust_policy.as_ref()?.text;
    let root = crate::text::json::parse(text).ok()?;
    let mut found = None;
    find_federated(&root, &mut found);
    found
}

fn find_federated(node: &crate::text::json::Node, out: &mut Option<String>) {
    use crate::text::json::Value;
    match &node.value {
        Value::Object(members) => {
            for m in members {
                if m.key == "Federated" && out.is_none() {
                    match &m.value.value {
                        Value::String(s) => *out = Some(s.text.to_string()),
                        Value::Array(items) => {
                            *out = items.first().and_then(|n| n.as_str()).map(str::to_string)
                        }
                        _ => {}
                    }
                }
                find_federated(&m.value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|n| find_federated(n, out)),
        _ => {}
    }
}
