//! Loading a scenario: every policy parsed, lowered and indexed into a [`PolicySet`], the
//! actions and the caller checked, every problem reported.

use crate::decide::PolicySet;
use crate::evaluate::{ActionIndex, LoadedPolicy};
use crate::policy::lower::parse_policy;
use crate::policy::PolicyKind;
use crate::request::arn::account_in;
use crate::request::caller::Caller;
use crate::scenario::Scenario;
use crate::text::diag::{Diagnostic, Severity, Sink};

/// Check every policy of a scenario; returns every error and warning.
pub fn validate(s: &Scenario) -> Vec<Diagnostic> {
    load(s, true).1
}

/// Parse and lower every policy and check the actions and the caller: the policies, every
/// diagnostic, and the caller when it could be read.
pub(crate) fn load(
    s: &Scenario,
    need_actions: bool,
) -> (PolicySet, Vec<Diagnostic>, Option<Caller>) {
    let mut diags = Vec::new();
    let mut set = PolicySet {
        // Sized up front: a loaded policy is large, and growing these lists would copy them.
        identity: Vec::with_capacity(s.identity_policies.len()),
        boundary: Vec::with_capacity(s.permissions_boundaries.len()),
        session: Vec::with_capacity(s.session_policies.len()),
        // Keep every organization level, empty ones too: an empty level allows nothing.
        scp_levels: s
            .scp_levels
            .iter()
            .map(|l| Vec::with_capacity(l.len()))
            .collect(),
        rcp_levels: s
            .rcp_levels
            .iter()
            .map(|l| Vec::with_capacity(l.len()))
            .collect(),
        ..PolicySet::default()
    };
    set.management_account = s
        .management_account
        .as_deref()
        .and_then(account_in)
        .map(str::to_string);
    set.aws_managed_keys = s.aws_managed_keys;
    // RCPFullAWSAccess is attached to every level and cannot be detached (SPEC §12.2).
    let several = set.rcp_levels.len() > 1;
    for (i, level) in set.rcp_levels.iter_mut().enumerate() {
        let id = if several {
            format!("RCPFullAWSAccess (level {})", i + 1)
        } else {
            "RCPFullAWSAccess".to_string()
        };
        level.extend(builtin(
            id,
            PolicyKind::ResourceControl,
            Some(i + 1),
            RCP_FULL_AWS_ACCESS,
            "AWS managed: attached to every organization level and cannot be detached",
        ));
    }
    if s.vpc_endpoint.as_ref().is_some_and(|e| e.policy.is_none()) {
        set.vpc_endpoint = builtin(
            "DefaultEndpointPolicy".into(),
            PolicyKind::VpcEndpoint,
            None,
            DEFAULT_ENDPOINT_POLICY,
            "the default endpoint policy, which AWS attaches when none is given: full access",
        );
    }
    for (input, kind, level) in s.policies() {
        let mut sink = Sink::for_policy(&input.text, &input.id);
        let parsed = parse_policy(&input.text, kind, &mut sink);
        diags.extend(sink.items);
        let Some(policy) = parsed else { continue };
        let lp = LoadedPolicy {
            id: input.id.clone(),
            kind,
            level,
            name: input.managed.as_ref().map(|m| m.label()),
            note: None,
            text: input.text.clone(),
            actions: ActionIndex::new(&policy),
            policy,
        };
        match kind {
            PolicyKind::VpcEndpoint => set.vpc_endpoint = Some(lp),
            PolicyKind::Identity => set.identity.push(lp),
            PolicyKind::Boundary => set.boundary.push(lp),
            PolicyKind::Session => set.session.push(lp),
            PolicyKind::Resource => set.resource = Some(lp),
            PolicyKind::ServiceControl | PolicyKind::ResourceControl => {
                let levels = if kind == PolicyKind::ServiceControl {
                    &mut set.scp_levels
                } else {
                    &mut set.rcp_levels
                };
                let l = level.unwrap_or(1);
                while levels.len() < l {
                    levels.push(Vec::new());
                }
                if let Some(v) = levels.get_mut(l - 1) {
                    v.push(lp);
                }
            }
        }
    }
    if need_actions && s.action_names.is_empty() {
        diags.push(scenario_diag(
            Severity::Error,
            "missing-element",
            "no action to simulate: `ActionNames` is empty",
        ));
    }
    for a in &s.action_names {
        if a != "*"
            && !a
                .split_once(':')
                .is_some_and(|(svc, n)| !svc.is_empty() && !n.is_empty())
        {
            diags.push(scenario_diag(
                Severity::Error,
                "invalid-action",
                format!("`{a}` is not an action name like `s3:GetObject`"),
            ));
        }
    }
    let caller = match Caller::parse(s.caller_arn.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            diags.push(scenario_diag(
                Severity::Error,
                "invalid-caller",
                format!("CallerArn: {e}"),
            ));
            None
        }
    };
    (set, diags, caller)
}

/// `RCPFullAWSAccess`, as AWS attaches it [ORG orgs_manage_policies_rcps_evaluation].
const RCP_FULL_AWS_ACCESS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// The default VPC endpoint policy [VPC vpc-endpoints-access]: "The default endpoint policy
/// grants full access through the endpoint."
const DEFAULT_ENDPOINT_POLICY: &str =
    r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// A policy AWS attaches by itself, loaded from its text (which always parses).
fn builtin(
    id: String,
    kind: PolicyKind,
    level: Option<usize>,
    text: &str,
    note: &'static str,
) -> Option<LoadedPolicy> {
    let mut sink = Sink::for_policy(text, &id);
    let policy = parse_policy(text, kind, &mut sink)?;
    Some(LoadedPolicy {
        id,
        kind,
        level,
        name: None,
        note: Some(note),
        text: text.to_string(),
        actions: ActionIndex::new(&policy),
        policy,
    })
}

fn scenario_diag(severity: Severity, code: &'static str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity,
        code,
        message: message.into(),
        help: None,
        policy_id: None,
        span: None,
        file_span: None,
    }
}
