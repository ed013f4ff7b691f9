//! What validation reports: a [`Finding`] of some [`FindingKind`], and the [`PolicyType`]s
//! it knows.

use serde::{Deserialize, Serialize};

use crate::policy::PolicyKind;
use crate::text::diag::{Diagnostic, Severity};
use crate::text::span::Span;

/// How serious a finding is (the four kinds of Access Analyzer policy validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// The "did you mean" of an unknown name — the nearest names the catalog knows (what the
    /// app's editor shows under the squiggle) — when the help line is one.
    pub fn suggestion(&self) -> Option<&str> {
        self.help
            .starts_with("did you mean")
            .then_some(self.help.as_str())
    }

    /// The message with its suggestion, if it has one: `… (did you mean `s3:GetObject`?)`.
    pub fn message_with_suggestion(&self) -> String {
        match self.suggestion() {
            Some(s) => format!("{} ({s})", self.message),
            None => self.message.clone(),
        }
    }

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
    /// VPC endpoint policy.
    VpcEndpoint,
}

impl PolicyType {
    /// Read a `--type` name: `identity`, `resource`, `trust`, `boundary`, `scp`, `rcp`,
    /// `session`, `vpce`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "identity" => Self::Identity,
            "resource" => Self::Resource,
            "trust" => Self::Trust,
            "boundary" => Self::Boundary,
            "scp" => Self::ServiceControl,
            "rcp" => Self::ResourceControl,
            "session" => Self::Session,
            "vpce" => Self::VpcEndpoint,
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
            Self::VpcEndpoint => PolicyKind::VpcEndpoint,
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
            Self::VpcEndpoint => "VPC endpoint policy",
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
            PolicyKind::VpcEndpoint => Self::VpcEndpoint,
        }
    }
}
