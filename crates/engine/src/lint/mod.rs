//! Policy validation at the level of IAM Access Analyzer's policy checks, offline.
//!
//! [`lint_policy`] checks one policy document of a given type and returns every finding: the
//! grammar errors of the typed lowering (`lower.rs`), then checks against the AWS service
//! catalog ([`crate::policy::catalog`]) and best-practice and policy-type rules. Each [`Finding`] has a
//! kind (error, security warning, warning, suggestion), a stable kebab-case code, a lowercase
//! message, a help line and the span it is about. [`lint_scenario`] does the same for every
//! policy of a scenario file and adds checks across policies, with positions in the file.
//!
//! One finding never hides another: the rules read a lenient view of the JSON tree
//! (`view.rs`), so a statement with a bad `Effect` is still checked for unknown actions.
//!
//! Each rule cites the AWS documentation it follows in a comment next to its code; `ACCA` is the
//! IAM User Guide page *IAM policy validation check reference*
//! (`access-analyzer-reference-policy-checks`), whose findings these rules mirror.

mod actions;
mod conditions;
mod grammar;
mod org;
mod resources;
mod scenario;
mod security;
mod size;
mod statements;
mod trust;
mod view;

use serde::Serialize;

use crate::policy::catalog::Catalog;
use crate::policy::PolicyKind;
use crate::text::diag::{Diagnostic, Severity};
use crate::text::span::{ByteRange, LineIndex, Span};

pub use scenario::{lint_scenario, lint_text, looks_like_scenario, Linted, NotJson};

/// How serious a finding is (the four kinds of Access Analyzer policy validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingKind {
    /// AWS rejects the policy, or the policy cannot work as written.
    Error,
    /// The policy grants more access than is likely intended.
    SecurityWarning,
    /// The policy works but probably not as intended.
    Warning,
    /// The policy can be simplified.
    Suggestion,
}

impl FindingKind {
    /// `ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "ERROR",
            Self::SecurityWarning => "SECURITY_WARNING",
            Self::Warning => "WARNING",
            Self::Suggestion => "SUGGESTION",
        }
    }
}

/// One problem found in a policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Error, security warning, warning or suggestion.
    pub kind: FindingKind,
    /// A stable kebab-case code, e.g. `unknown-action`.
    pub code: &'static str,
    /// Lowercase message without a trailing period; user text in backticks.
    pub message: String,
    /// How to fix it, one line.
    pub help: String,
    /// Where, in the policy's own text (or the scenario text when `policy_id` is `None`).
    pub span: Span,
    /// The policy within a scenario (`PolicyInputList.1`, …); `None` for a bare policy or the
    /// scenario itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    /// Where, in the scenario file the policy came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_span: Option<Span>,
}

impl Finding {
    /// Whether this is an [`FindingKind::Error`].
    pub fn is_error(&self) -> bool {
        self.kind == FindingKind::Error
    }

    /// The best known position: in the file, else in the policy.
    pub fn position(&self) -> Span {
        self.file_span.unwrap_or(self.span)
    }

    /// The finding as a [`Diagnostic`] (errors stay errors, every other kind is a warning).
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: if self.is_error() {
                Severity::Error
            } else {
                Severity::Warning
            },
            code: self.code,
            message: self.message.clone(),
            help: Some(self.help.clone()),
            policy_id: self.policy_id.clone(),
            span: Some(self.span),
            file_span: self.file_span,
        }
    }
}

/// The policy types validation knows. Trust policies are resource-based policies of a role
/// with rules of their own, so they get a type here though evaluation treats them as
/// [`PolicyKind::Resource`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyType {
    /// Identity-based policy (user, group, role).
    Identity,
    /// Resource-based policy (bucket policy, key policy, …).
    Resource,
    /// Role trust policy.
    Trust,
    /// Permissions boundary.
    Boundary,
    /// Service control policy.
    ServiceControl,
    /// Resource control policy.
    ResourceControl,
    /// Session policy.
    Session,
}

impl PolicyType {
    /// Read a `--type` name: `identity`, `resource`, `trust`, `boundary`, `scp`, `rcp`, `session`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "identity" => Self::Identity,
            "resource" => Self::Resource,
            "trust" => Self::Trust,
            "boundary" => Self::Boundary,
            "scp" => Self::ServiceControl,
            "rcp" => Self::ResourceControl,
            "session" => Self::Session,
            _ => return None,
        })
    }

    /// How the evaluation engine reads a policy of this type.
    pub fn kind(self) -> PolicyKind {
        match self {
            Self::Identity => PolicyKind::Identity,
            Self::Resource | Self::Trust => PolicyKind::Resource,
            Self::Boundary => PolicyKind::Boundary,
            Self::ServiceControl => PolicyKind::ServiceControl,
            Self::ResourceControl => PolicyKind::ResourceControl,
            Self::Session => PolicyKind::Session,
        }
    }

    /// A phrase for messages, e.g. `role trust policy`.
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Identity => "identity-based policy",
            Self::Resource => "resource-based policy",
            Self::Trust => "role trust policy",
            Self::Boundary => "permissions boundary",
            Self::ServiceControl => "service control policy",
            Self::ResourceControl => "resource control policy",
            Self::Session => "session policy",
        }
    }

    /// Whether statements of this type grant access (rather than only limit it).
    pub(crate) fn grants(self) -> bool {
        matches!(self, Self::Identity | Self::Resource | Self::Trust)
    }
}

impl From<PolicyKind> for PolicyType {
    fn from(kind: PolicyKind) -> Self {
        match kind {
            PolicyKind::Identity => Self::Identity,
            PolicyKind::Resource => Self::Resource,
            PolicyKind::Boundary => Self::Boundary,
            PolicyKind::ServiceControl => Self::ServiceControl,
            PolicyKind::ResourceControl => Self::ResourceControl,
            PolicyKind::Session => Self::Session,
        }
    }
}

/// Check one policy document; `catalog` enables the checks against AWS's list of services,
/// actions and condition keys. Findings are ordered by position.
pub fn lint_policy(text: &str, policy_type: PolicyType, catalog: Option<&Catalog>) -> Vec<Finding> {
    let mut ctx = Ctx::new(text, policy_type, catalog);
    let root = grammar::check(&mut ctx);
    if let Some(root) = root {
        let policy = view::read(&root);
        grammar::check_view(&mut ctx, &policy);
        actions::check(&mut ctx, &policy);
        resources::check(&mut ctx, &policy);
        conditions::check(&mut ctx, &policy);
        security::check(&mut ctx, &policy);
        statements::check(&mut ctx, &policy);
        org::check(&mut ctx, &policy);
        trust::check(&mut ctx, &policy);
        size::check(&mut ctx, &policy);
    }
    let mut findings = ctx.findings;
    findings.sort_by_key(|f| (f.span.start, f.kind));
    findings
}

/// The rules that compare every pair of statements (or of entries in one list) skip lists
/// longer than this, so that a huge pasted document cannot stall an editor; AWS's size quotas
/// keep real policies far below it.
pub(crate) const MAX_PAIRWISE: usize = 400;

/// What every rule family gets: the text, its type, the catalog, and where findings go.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) policy_type: PolicyType,
    pub(crate) catalog: Option<&'a Catalog>,
    index: LineIndex<'a>,
    pub(crate) findings: Vec<Finding>,
    /// Action-pattern expansions, shared by the rules that compare patterns.
    coverage: actions::Coverage,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, policy_type: PolicyType, catalog: Option<&'a Catalog>) -> Self {
        Self {
            text,
            policy_type,
            catalog,
            index: LineIndex::new(text),
            findings: Vec::new(),
            coverage: actions::Coverage::default(),
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
pub(crate) fn statement_label(s: &view::StatementView) -> String {
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
    crate::policy::pattern::glob(b, a, fold)
}
