//! One STS call of the chain: checked, authorized as a request of its own against the role's
//! trust policy, and turned into the next session.

use std::borrow::Cow;

use super::derived::{derived_context, resource_tag_entries};
use super::org::{management_account, org_levels};
use super::session::{set_tag, show_time, Session};
use crate::policy::values;
use crate::request::arn::account_of;
use crate::request::context::{Entry, ValueOrigin};
use crate::scenario::read::PolicyInput;
use crate::scenario::world::{short, Hop, Role, StsApi, World};
use crate::scenario::Scenario;
use crate::simulate::outcome::{EvaluationResult, HopResult, Options};
use crate::simulate::single::simulate_with;
use crate::text::diag::Diagnostic;
use crate::text::json::{self, Node, Value};
use crate::trace::EvalDecision;

/// One STS call of the chain, made by `caller`: how it went and, when it succeeded, the session
/// it created. Keys the hop's conditions needed and problems in its policies go to `diagnostics`.
pub(crate) fn run_hop(
    world: &World,
    caller: &Session,
    hop: &Hop,
    i: usize,
    now: Option<i128>,
    opts: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> (HopResult, Option<Session>) {
    let at = hop.issued_at.as_deref().and_then(values::date).or(now);
    if let Err(why) = check_credentials(caller, hop, at) {
        return hop_failure(i, hop, caller, why);
    }
    if hop.api == StsApi::GetSessionToken {
        return session_token(caller, hop, i, at);
    }
    let role = match find_role(world, hop) {
        Ok(role) => role,
        Err(why) => return hop_failure(i, hop, caller, why),
    };
    if let Err(why) = validate_hop(hop, caller, role) {
        return hop_failure(i, hop, caller, why);
    }
    let call = match hop_request(world, caller, hop, role) {
        Ok(call) => call,
        Err(why) => return hop_failure(i, hop, caller, why),
    };
    let outcome = simulate_with(&call.scenario, opts, &call.derived);
    merge_diagnostics(diagnostics, outcome.diagnostics);
    let results = outcome.results.unwrap_or_default();
    let reason = match evaluate_hop(&role.arn, &results) {
        Ok(reason) => reason,
        Err((decision, reason)) => {
            let mut hr = hop_failure(i, hop, caller, reason).0;
            hr.eval_decision = decision;
            hr.caller = call.caller_arn;
            hr.evaluation_results = results;
            return (hr, None);
        }
    };
    let next = next_session(caller, hop, role, at, call.role_account, call.provider);
    (
        HopResult {
            hop: i,
            api: api_name(hop.api).into(),
            role_arn: Some(role.arn.clone()),
            caller: call.caller_arn,
            session_arn: Some(next.arn.clone()),
            eval_decision: EvalDecision::Allowed,
            reason,
            evaluation_results: results,
            session_tags: next.tags.clone(),
        },
        Some(next),
    )
}

/// When credentials issued at `at` for `default` seconds (or the hop's `DurationSeconds`) expire.
fn expiry(hop: &Hop, at: Option<i128>, default: i64) -> Option<i128> {
    at.map(|t| t + i128::from(hop.duration_seconds.unwrap_or(default)) * 1_000_000_000)
}

/// Whether `caller` can make the call at all: unexpired credentials, an MFA device when the call
/// passes MFA, and not the root user for AssumeRole [UG id_roles_use_switch-role-api].
fn check_credentials(caller: &Session, hop: &Hop, at: Option<i128>) -> Result<(), String> {
    if let (Some(exp), Some(t)) = (caller.expires_at, at) {
        if t > exp {
            return Err(format!(
                "the calling credentials expired at {}",
                show_time(exp)
            ));
        }
    }
    if hop.mfa == Some(true) && !caller.has_mfa_device {
        return Err(format!("`{}` passes MFA but has no MFA device", caller.arn));
    }
    if hop.api == StsApi::AssumeRole && caller.root {
        return Err("the root user cannot call AssumeRole: use an IAM user's or role's credentials (STS API reference, AssumeRole)".into());
    }
    Ok(())
}

/// GetSessionToken: no permission needed; the caller's own principal with temporary
/// credentials that carry MFA information, or cannot call IAM and STS without it.
fn session_token(
    caller: &Session,
    hop: &Hop,
    i: usize,
    at: Option<i128>,
) -> (HopResult, Option<Session>) {
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
    next.session_token = true;
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
    next.issued_at = at;
    next.expires_at = expiry(hop, at, if caller.root { 3600 } else { 43_200 });
    let reason = if mfa {
        "GetSessionToken needs no permission; the temporary credentials carry MFA information"
            .to_string()
    } else {
        "GetSessionToken needs no permission; without MFA its credentials cannot call IAM or STS operations".to_string()
    };
    (
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
    )
}

/// The role the hop assumes.
fn find_role<'w>(world: &'w World, hop: &Hop) -> Result<&'w Role, String> {
    let Some(role_arn) = &hop.role_arn else {
        return Err("no RoleArn".into());
    };
    world
        .roles
        .iter()
        .find(|r| r.arn == *role_arn)
        .ok_or_else(|| format!("role `{role_arn}` is not in the world's `Roles`"))
}

/// The hop as a request of its own: who calls (the caller, or the identity provider of a
/// federated call), the actions it needs on the role, and the context it carries.
struct HopCall {
    /// The principal making the call.
    caller_arn: String,
    /// The identity provider of a federated call.
    provider: Option<String>,
    /// The role's account.
    role_account: Option<String>,
    /// The call as a policy-list scenario (the trust policy is the resource policy).
    scenario: Scenario,
    /// Its context keys.
    derived: Vec<Entry>,
}

/// Build the hop's request; `Err` when a federated call names no identity provider.
fn hop_request(world: &World, caller: &Session, hop: &Hop, role: &Role) -> Result<HopCall, String> {
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
            None => return Err("no identity provider: give `Provider` or a `Federated` principal in the trust policy".into()),
        }
    } else {
        caller.arn.clone()
    };
    let role_account = account_of(&role.arn).map(str::to_string);
    let mut actions = vec![hop.api.action().to_string()];
    if !hop.tags.is_empty() {
        actions.push("sts:TagSession".into());
    }
    if hop.source_identity.is_some() {
        actions.push("sts:SetSourceIdentity".into());
    }
    let derived = hop_context(world, caller, hop, role, role_account.as_deref(), federated);
    // A federated call is made by the provider: no identity-based policies, no SCPs.
    let own = |policies: Vec<PolicyInput>| if federated { Vec::new() } else { policies };
    let scenario = Scenario {
        identity_policies: own(caller.identity.clone()),
        permissions_boundaries: own(caller.boundary.iter().cloned().collect()),
        session_policies: own(caller.session_policies.clone()),
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
        resource_arns: vec![role.arn.clone()],
        context_entries: Vec::new(),
        management_account: management_account(world),
        ..Scenario::default()
    };
    Ok(HopCall {
        caller_arn,
        provider,
        role_account,
        scenario,
        derived,
    })
}

/// The hop's own request context: what the world derives for the caller (a federated call has
/// only the role's tags), then what the STS request itself passes.
fn hop_context(
    world: &World,
    caller: &Session,
    hop: &Hop,
    role: &Role,
    role_account: Option<&str>,
    federated: bool,
) -> Vec<Entry> {
    let mut derived = if federated {
        Vec::new()
    } else {
        derived_context(world, caller, role_account, &role.tags, true)
    };
    if federated {
        derived.extend(resource_tag_entries(&role.tags, true));
    }
    let mut put = |name: &str, values: Vec<String>| {
        derived.retain(|e| !e.name.eq_ignore_ascii_case(name));
        derived.push(Entry {
            name: Cow::Owned(name.to_string()),
            values: values.into(),
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
    derived
}

/// The hop's verdict from the decisions on its actions: `Ok(reason)` when every one is allowed,
/// else the decision and why.
fn evaluate_hop(
    role_arn: &str,
    results: &[EvaluationResult],
) -> Result<String, (EvalDecision, String)> {
    let denied = results
        .iter()
        .find(|r| r.eval_decision != EvalDecision::Allowed);
    match denied {
        Some(r) => {
            let rule = r
                .trace
                .as_ref()
                .and_then(|t| t.steps.last())
                .map(|s| s.text.to_string())
                .unwrap_or_default();
            Err((
                r.eval_decision,
                format!(
                    "{} on the role is {}: {rule}",
                    r.eval_action_name,
                    r.eval_decision.as_str()
                ),
            ))
        }
        None if results.is_empty() => Err((
            EvalDecision::ImplicitDeny,
            "the hop could not be evaluated".into(),
        )),
        None => Ok(format!(
            "the trust policy of `{}` and the caller's permissions allow {}",
            short(role_arn),
            results
                .iter()
                .map(|r| r.eval_action_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The role session the hop creates: the role's policies and tags, the session tags and policy
/// passed, transitive tags carried along.
fn next_session(
    caller: &Session,
    hop: &Hop,
    role: &Role,
    at: Option<i128>,
    role_account: Option<String>,
    provider: Option<String>,
) -> Session {
    let federated = matches!(
        hop.api,
        StsApi::AssumeRoleWithSaml | StsApi::AssumeRoleWithWebIdentity
    );
    let session_name = hop
        .role_session_name
        .clone()
        .unwrap_or_else(|| "session".into());
    let acct = role_account.clone().unwrap_or_default();
    let role_name = short(&role.arn);
    let mut next = Session {
        issued_at: at,
        expires_at: expiry(hop, at, 3600),
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
        session_token: false,
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
    next
}

pub(crate) fn hop_failure(
    i: usize,
    hop: &Hop,
    caller: &Session,
    why: String,
) -> (HopResult, Option<Session>) {
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

pub(crate) fn api_name(api: StsApi) -> &'static str {
    api.action().trim_start_matches("sts:")
}

pub(crate) fn validate_hop(hop: &Hop, caller: &Session, role: &Role) -> Result<(), String> {
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

pub(crate) fn first_federated(role: &Role) -> Option<String> {
    let text = &role.trust_policy.as_ref()?.text;
    let arena = json::Arena::for_text(text);
    let root = json::parse(text, &arena).ok()?;
    let mut found = None;
    find_federated(&root, &mut found);
    found
}

pub(crate) fn find_federated(node: &Node, out: &mut Option<String>) {
    match &node.value {
        Value::Object(members) => {
            for m in members.iter() {
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

pub(crate) fn merge_diagnostics(all: &mut Vec<Diagnostic>, new: Vec<Diagnostic>) {
    for d in new {
        if !all.contains(&d) {
            all.push(d);
        }
    }
}
