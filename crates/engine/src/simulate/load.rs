//! Loading a scenario: every policy parsed, lowered and indexed into a [`PolicySet`], the
//! actions and the caller checked, every problem reported.

use crate::decide::PolicySet;
use crate::evaluate::{ActionIndex, LoadedPolicy};
use crate::policy::lower::parse_policy;
use crate::policy::PolicyKind;
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
            text: input.text.clone(),
            actions: ActionIndex::new(&policy),
            policy,
        };
        match kind {
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
