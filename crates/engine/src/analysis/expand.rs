//! Wildcards in requests: `ActionNames` entries such as `s3:Get*` are expanded against the
//! service catalog, each action is evaluated, and every result names the pattern it came from.

use crate::policy::catalog::Catalog;
use crate::scenario::Scenario;
use crate::simulate::{simulate, Options, Outcome};
use crate::text::diag::{Diagnostic, Severity};

/// Each requested action with the pattern it came from (`None` for names without wildcards,
/// and for a bare `*`, which stays the literal `*` action of `SimulateCustomPolicy`).
pub fn expand_actions(
    names: &[String],
    catalog: &Catalog,
) -> (Vec<(String, Option<String>)>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for name in names {
        if name == "*" || !name.contains(['*', '?']) {
            out.push((name.clone(), None));
            continue;
        }
        let actions = catalog.expand(name);
        if actions.is_empty() {
            diags.push(Diagnostic {
                severity: Severity::Warning,
                code: "pattern-matches-nothing",
                message: format!(
                    "`{name}` matches no action in the catalog; it is evaluated as written"
                ),
                help: None,
                policy_id: None,
                span: None,
                file_span: None,
            });
            out.push((name.clone(), None));
            continue;
        }
        for a in actions {
            let full = a.full_name();
            if !out
                .iter()
                .any(|(n, _): &(String, Option<String>)| n.eq_ignore_ascii_case(&full))
            {
                out.push((full, Some(name.clone())));
            }
        }
    }
    (out, diags)
}

/// [`simulate`] with wildcard `ActionNames` expanded against `catalog`; results come in the
/// order of the expanded actions and carry `action_pattern`.
pub fn simulate_expanded(s: &Scenario, opts: &Options, catalog: &Catalog) -> Outcome {
    let (actions, diags) = expand_actions(&s.action_names, catalog);
    let expanded = Scenario {
        action_names: actions.iter().map(|(a, _)| a.clone()).collect(),
        ..s.clone()
    };
    let mut outcome = simulate(&expanded, opts);
    let per_action = expanded.resource_arns.len().max(1);
    if let Some(results) = &mut outcome.results {
        for (i, r) in results.iter_mut().enumerate() {
            r.action_pattern = actions.get(i / per_action).and_then(|(_, p)| p.clone());
        }
    }
    outcome.diagnostics.extend(diags);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_expand_and_results_name_them() {
        let catalog = Catalog::parse(include_str!("../../data/iam-catalog.txt")).unwrap();
        let s = crate::parse_scenario(
            r#"{"PolicyInputList":["{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject*\",\"Resource\":\"*\"}}"],
                "ActionNames":["s3:GetObject*","s3:PutObject","nosuch:Thing*"],"CallerArn":"arn:aws:iam::111122223333:user/a"}"#,
        )
        .unwrap();
        let out = simulate_expanded(&s, &Options::default(), &catalog);
        let results = out.results.unwrap();
        let from_pattern: Vec<_> = results
            .iter()
            .filter(|r| r.action_pattern.as_deref() == Some("s3:GetObject*"))
            .collect();
        assert!(
            from_pattern.len() > 5,
            "s3:GetObject* covers GetObject, GetObjectAcl, …"
        );
        assert!(from_pattern
            .iter()
            .all(|r| r.eval_decision == crate::EvalDecision::Allowed));
        let put = results
            .iter()
            .find(|r| r.eval_action_name == "s3:PutObject")
            .unwrap();
        assert_eq!(put.action_pattern, None);
        assert_eq!(put.eval_decision, crate::EvalDecision::ImplicitDeny);
        assert!(out
            .diagnostics
            .iter()
            .any(|d| d.code == "pattern-matches-nothing"));
    }
}
