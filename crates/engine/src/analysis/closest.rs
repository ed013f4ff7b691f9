//! The statements that came closest: for a request no statement allowed, the `Allow`
//! statements of each layer that withheld its `Allow` which failed on the fewest parts, with
//! each failed element and condition (and the values it compared). Read from a trace, so the
//! CLI and the app show the same thing.

use serde::Serialize;

use crate::policy::{Effect, PolicyKind};
use crate::text::span::Span;
use crate::trace::{
    ConditionTrace, ElementTrace, EvalDecision, LayerVerdict, StatementTrace, Trace,
};

/// At most this many statements per layer (those tied for closest).
const PER_LAYER: usize = 3;

/// An `Allow` statement that did not apply, and what stopped it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Closest {
    /// The layer's policy type.
    pub kind: PolicyKind,
    /// The layer's AWS name.
    pub layer: String,
    /// The policy (`PolicyInputList.1`, …).
    pub policy_id: String,
    /// Organization level (1 = root), for SCPs and RCPs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// 0-based index of the statement in its policy.
    pub index: usize,
    /// Its `Sid`, if any.
    pub sid: Option<String>,
    /// The whole statement, in its policy's text.
    pub span: Span,
    /// The elements that did not match (`Action`, `Resource`, `Principal` or their `Not…`).
    pub failed_elements: Vec<ElementTrace>,
    /// The conditions that did not hold, with the values they compared.
    pub failed_conditions: Vec<ConditionTrace>,
    /// How many elements and conditions held.
    pub held: usize,
}

impl Closest {
    /// How far the statement is from applying: elements first (a context change cannot fix an
    /// `Action` that does not match), then conditions.
    fn distance(&self) -> (usize, usize) {
        (self.failed_elements.len(), self.failed_conditions.len())
    }

    /// "statement 2 `ReadSecretsManagerSameTeam`" (1-based).
    pub fn name(&self) -> String {
        match &self.sid {
            Some(sid) => format!("statement {} `{sid}`", self.index + 1),
            None => format!("statement {}", self.index + 1),
        }
    }
}

/// For a request that was not allowed without an explicit deny (an implicit deny), the closest
/// `Allow` statements of each layer that gave no applicable `Allow`, in the trace's layer order
/// (AWS's evaluation order), within a layer the closest first: fewest failed elements, then
/// fewest failed conditions, ties kept (at most three per layer). Empty for other decisions
/// and for traces without statements.
pub fn closest(trace: &Trace) -> Vec<Closest> {
    if trace.decision != EvalDecision::ImplicitDeny {
        return Vec::new();
    }
    let mut out = Vec::new();
    for layer in trace
        .layers
        .iter()
        .filter(|l| l.verdict == LayerVerdict::NoAllow)
    {
        let mut candidates: Vec<Closest> = layer
            .policies
            .iter()
            .flat_map(|p| p.statements.iter().map(move |s| (p, s)))
            .filter(|(_, s)| s.effect == Effect::Allow && !s.applies)
            .map(|(p, s)| Closest {
                kind: layer.kind,
                layer: layer.label.clone(),
                policy_id: p.policy_id.clone(),
                level: p.level,
                index: s.index,
                sid: s.sid.clone(),
                span: s.span,
                failed_elements: elements(s).filter(|e| !e.matched).cloned().collect(),
                failed_conditions: s.conditions.iter().filter(|c| !c.result).cloned().collect(),
                held: elements(s).filter(|e| e.matched).count()
                    + s.conditions.iter().filter(|c| c.result).count(),
            })
            .collect();
        // Stable: statements tied for closest stay in policy order.
        candidates.sort_by_key(Closest::distance);
        let best = candidates.first().map(Closest::distance);
        out.extend(
            candidates
                .into_iter()
                .take_while(|c| Some(c.distance()) == best)
                .take(PER_LAYER),
        );
    }
    out
}

/// The elements of a statement: `Principal` (when it has one), `Action`, `Resource`.
fn elements(s: &StatementTrace) -> impl Iterator<Item = &ElementTrace> {
    s.principal
        .iter()
        .chain([&s.action, &s.resource])
        .filter(|e| !e.element.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse_input, Input};
    use crate::simulate::outcome::Options;
    use crate::simulate::{simulate, simulate_world};

    fn traces(text: &str) -> Vec<Trace> {
        let opts = Options {
            trace: true,
            now_epoch_seconds: Some(0),
        };
        let outcome = match parse_input(text).map(|(i, _)| i) {
            Ok(Input::Policies(s)) => simulate(&s, &opts),
            Ok(Input::World(w)) => simulate_world(&w, &opts),
            Err(e) => panic!("{e:?}"),
        };
        outcome
            .results
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| r.trace.map(|t| *t))
            .collect()
    }

    /// [S1 §IAM tutorial: Define permissions to access AWS resources based on tags] Step 5:
    /// access-peg-engineering cannot view the peg QA secret; both tag-matching `Allow`
    /// statements fail on one condition, `aws:ResourceTag/access-team` (`qas`) against
    /// `${aws:PrincipalTag/access-team}` (`eng`).
    #[test]
    fn abac_tutorial_closest_statements_name_the_team_tag() {
        let text = include_str!("../../tests/cases/world_abac_tutorial.json");
        let cases: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let case = cases["cases"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["name"] == "Step 5 table: access-peg-engineering views the four secrets")
            .map(|c| c["scenario"].to_string())
            .unwrap_or_default();
        let t = traces(&case);
        assert_eq!(t.len(), 4);
        // Allowed: nothing to report.
        assert!(closest(&t[0]).is_empty());
        let c = closest(&t[1]);
        let sids: Vec<_> = c.iter().filter_map(|c| c.sid.as_deref()).collect();
        assert_eq!(
            sids,
            [
                "AllActionsSecretsManagerSameProjectSameTeam",
                "ReadSecretsManagerSameTeam"
            ]
        );
        for c in &c {
            assert_eq!(c.kind, PolicyKind::Identity);
            assert!(c.failed_elements.is_empty());
            let [cond] = c.failed_conditions.as_slice() else {
                panic!("one failed condition expected: {c:?}")
            };
            assert_eq!(cond.key, "aws:ResourceTag/access-team");
            assert_eq!(cond.context_values, ["qas"]);
            assert_eq!(
                cond.policy_values
                    .first()
                    .and_then(|v| v.resolved.as_deref()),
                Some("eng")
            );
        }
    }

    /// [UG policy evaluation logic] an explicit deny is decided by the `Deny` statement, not
    /// by how close an `Allow` came: nothing is reported.
    #[test]
    fn explicit_deny_has_no_closest() {
        let t = traces(
            r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}],
              "ActionNames": ["s3:GetObject"]}"#,
        );
        assert!(closest(&t[0]).is_empty());
    }

    /// Element failures rank behind condition failures: a statement for the right action that
    /// fails two conditions is closer than one for another action.
    #[test]
    fn elements_weigh_more_than_conditions() {
        let t = traces(
            r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": [
                {"Sid": "Other", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
                {"Sid": "Two", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"Bool": {"aws:SecureTransport": "true"},
                               "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}],
              "ActionNames": ["s3:GetObject"]}"#,
        );
        let c = closest(&t[0]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].sid.as_deref(), Some("Two"));
        assert_eq!(c[0].failed_conditions.len(), 2);
        assert_eq!(c[0].held, 2);
    }
}
