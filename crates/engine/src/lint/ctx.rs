//! What every rule family shares: the [`Ctx`] a rule reports to, pattern coverage, and the
//! helpers messages use.

use std::collections::{HashMap, HashSet};

use super::finding::{Finding, FindingKind, PolicyType};
use super::view::StatementView;
use crate::policy::catalog::Catalog;
use crate::policy::pattern;
use crate::text::span::{ByteRange, LineIndex};

/// The rules that compare every pair of statements (or of entries in one list) skip lists
/// longer than this, so that a huge pasted document cannot stall an editor; AWS's size quotas
/// keep real policies far below it.
pub(crate) const MAX_PAIRWISE: usize = 400;

/// What every rule family gets: the text, its type, the catalog, and where findings go.
pub(crate) struct Ctx<'a> {
    /// The policy text.
    pub(crate) text: &'a str,
    /// The type it is checked as.
    pub(crate) policy_type: PolicyType,
    /// The service catalog, when the checks against it are wanted.
    pub(crate) catalog: Option<&'a Catalog>,
    index: LineIndex<'a>,
    /// The findings so far.
    pub(crate) findings: Vec<Finding>,
    /// Action-pattern expansions, shared by the rules that compare patterns.
    pub(crate) coverage: Coverage,
}

impl<'a> Ctx<'a> {
    /// A context for checking `text` as a policy of `policy_type`.
    pub(crate) fn new(
        text: &'a str,
        policy_type: PolicyType,
        catalog: Option<&'a Catalog>,
    ) -> Self {
        Self {
            text,
            policy_type,
            catalog,
            index: LineIndex::new(text),
            findings: Vec::new(),
            coverage: Coverage::default(),
        }
    }

    /// Record a finding.
    pub(crate) fn report(
        &mut self,
        kind: FindingKind,
        code: &'static str,
        range: ByteRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.findings.push(Finding {
            kind,
            code,
            message: message.into(),
            help: help.into(),
            span: self.index.span(range),
            policy_id: None,
            file_span: None,
        });
    }
}

/// `"…"` → `` `…` `` for messages, keeping long texts short.
pub(crate) fn quote(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() > MAX {
        let head: String = text.chars().take(MAX).collect();
        format!("`{head}…`")
    } else {
        format!("`{text}`")
    }
}

/// Statement label for messages: `statement 2 (Sid \`ReadOnly\`)`.
pub(crate) fn statement_label(s: &StatementView) -> String {
    match &s.sid {
        Some(sid) if !sid.text.is_empty() => {
            format!("statement {} (`{}`)", s.index + 1, sid.text)
        }
        _ => format!("statement {}", s.index + 1),
    }
}

/// Whether wildcard text `b` covers everything `a` covers, judged from the text alone: equal
/// texts, or `b` has wildcards that match `a` read literally (sound when `b` uses no `?` against
/// a wildcard in `a`). `fold` compares case-insensitively (actions) or not (resources).
pub(crate) fn covers(b: &str, a: &str, fold: bool) -> bool {
    if a == b || (fold && a.eq_ignore_ascii_case(b)) {
        return true;
    }
    if !b.contains(['*', '?']) || (a.contains(['*', '?']) && b.contains('?')) {
        return false;
    }
    pattern::glob(b, a, fold)
}

/// The actions of a pattern, as identities (addresses in the catalog); `None` for `*`, which
/// the text comparison already handles.
fn expansion(catalog: &Catalog, pattern: &str) -> Option<HashSet<usize>> {
    if pattern == "*" || !pattern.contains(['*', '?']) && catalog.action(pattern).is_none() {
        return None;
    }
    Some(
        catalog
            .expand(pattern)
            .iter()
            .map(|a| std::ptr::from_ref(a.action) as usize)
            .collect(),
    )
}

/// Decides whether one action pattern covers another: from the text, or with the catalog from
/// the actions each matches today; expansions are computed once per pattern.
#[derive(Default)]
pub(crate) struct Coverage {
    expansions: HashMap<String, Option<HashSet<usize>>>,
}

impl Coverage {
    /// Whether action pattern `b` covers every action `a` covers: from the text, or from the
    /// catalog.
    pub(crate) fn covered(&mut self, catalog: Option<&Catalog>, b: &str, a: &str) -> bool {
        covers(b, a, true) || catalog.is_some_and(|c| self.by_catalog(c, b, a))
    }

    /// Whether a pattern matches at least one action today.
    pub(crate) fn matches_any(&mut self, catalog: &Catalog, pattern: &str) -> bool {
        let key = pattern.to_ascii_lowercase();
        if !self.expansions.contains_key(&key) {
            self.expansions
                .insert(key.clone(), expansion(catalog, pattern));
        }
        match self.expansions.get(&key) {
            Some(Some(e)) => !e.is_empty(),
            _ => pattern == "*" || catalog.action(pattern).is_some(),
        }
    }

    /// Whether every action `a` matches today (at least one) is matched by `b`.
    pub(crate) fn by_catalog(&mut self, catalog: &Catalog, b: &str, a: &str) -> bool {
        let (ka, kb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
        for (key, pattern) in [(&ka, a), (&kb, b)] {
            if !self.expansions.contains_key(key) {
                self.expansions
                    .insert(key.clone(), expansion(catalog, pattern));
            }
        }
        match (self.expansions.get(&ka), self.expansions.get(&kb)) {
            (Some(Some(ea)), Some(Some(eb))) => !ea.is_empty() && ea.is_subset(eb),
            _ => false,
        }
    }
}
