//! What the decision records: each step's outcome in words (written only with a trace) and the
//! statements that decided.

use super::layers::{Hit, Layer};
use super::set::Matched;
use crate::policy::{Effect, PolicyKind};
use crate::trace::{DecisionStep, EvalDecision};

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
    pub(crate) fn allows(&mut self, layer: &Layer<'_, '_>) {
        for h in layer.applicable_statements(Effect::Allow) {
            let known = self.matched.iter().any(|m| {
                m.kind == layer.kind && m.index == h.statement.index && m.policy_id == h.policy.id
            });
            if !known {
                self.matched.push(matched(layer.kind, h));
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
    pub(crate) fn allows(&mut self, layers: &[&Layer<'_, '_>]) {
        for layer in layers {
            self.record.allows(layer);
        }
    }

    /// Count these `Deny` statements among the statements that decided.
    pub(crate) fn denies<'t, 's: 't>(
        &mut self,
        denies: impl Iterator<Item = (PolicyKind, &'t Hit<'s>)>,
    ) {
        for (kind, h) in denies {
            self.record.matched.push(matched(kind, h));
        }
    }
}

fn matched(kind: PolicyKind, h: &Hit<'_>) -> Matched {
    Matched {
        policy_id: h.policy.id.clone(),
        kind,
        index: h.statement.index,
        sid: h
            .statement
            .sid
            .as_ref()
            .map(|s| s.value.as_str().to_owned()),
    }
}
