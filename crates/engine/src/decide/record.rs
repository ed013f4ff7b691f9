//! What the decision records: each step's outcome in words (written only with a trace) and the
//! statements that decided.

use super::layers::Layer;
use super::set::Matched;
use crate::policy::{Effect, PolicyKind};
use crate::trace::{DecisionStep, EvalDecision, PolicyTrace, StatementTrace};

/// The record of one decision.
pub(crate) struct Record {
    /// Whether to write the steps (with a trace).
    detailed: bool,
    /// The steps taken, in order (empty without a trace).
    pub(crate) steps: Vec<DecisionStep>,
    /// The statements that decided.
    pub(crate) matched: Vec<Matched>,
}

impl Record {
    /// An empty record; step texts are written only when `detailed`.
    pub(crate) fn new(detailed: bool) -> Self {
        Self {
            detailed,
            steps: Vec::new(),
            matched: Vec::new(),
        }
    }

    /// The record of the step with this rule id and documentation source.
    pub(crate) fn step(&mut self, rule: &'static str, source: &'static str) -> Note<'_> {
        Note {
            record: self,
            rule,
            source,
        }
    }

    /// Count the applicable `Allow` statements of `layer` among the statements that decided.
    pub(crate) fn allows(&mut self, layer: &Layer) {
        for (p, s) in layer.applicable_statements(Effect::Allow) {
            let m = matched(layer.kind, p, s);
            if !self.matched.contains(&m) {
                self.matched.push(m);
            }
        }
    }
}

/// One step's entry in the [`Record`].
pub(crate) struct Note<'r> {
    record: &'r mut Record,
    rule: &'static str,
    source: &'static str,
}

impl Note<'_> {
    /// What the step found: `decision` when it ended evaluation, and why in plain words (the
    /// text is not even formatted without a trace).
    pub(crate) fn says(&mut self, decision: Option<EvalDecision>, text: impl FnOnce() -> String) {
        if self.record.detailed {
            self.record.steps.push(DecisionStep {
                rule: self.rule.into(),
                text: text(),
                decision,
                source: self.source.into(),
            });
        }
    }

    /// Count the applicable `Allow` statements of each layer among the statements that decided.
    pub(crate) fn allows(&mut self, layers: &[&Layer]) {
        for layer in layers {
            self.record.allows(layer);
        }
    }

    /// Count these `Deny` statements among the statements that decided.
    pub(crate) fn denies<'t>(
        &mut self,
        denies: impl Iterator<Item = (PolicyKind, &'t PolicyTrace, &'t StatementTrace)>,
    ) {
        for (kind, p, s) in denies {
            self.record.matched.push(matched(kind, p, s));
        }
    }
}

fn matched(kind: PolicyKind, p: &PolicyTrace, s: &StatementTrace) -> Matched {
    Matched {
        policy_id: p.policy_id.clone(),
        kind,
        index: s.index,
        sid: s.sid.clone(),
    }
}
