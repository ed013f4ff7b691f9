//! The typed policy: statements and their elements, each with its byte range in the policy text.
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;

use super::operator::Operator;
use super::pattern::{Resolved, Template};
use crate::text::span::ByteRange;

/// Which kind of policy a text is; decides which elements are required or forbidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// Identity-based policy (user, group or role).
    Identity,
    /// Resource-based policy (bucket policy, role trust policy, KMS key policy, …).
    Resource,
    /// Permissions boundary.
    Boundary,
    /// Organizations service control policy.
    ServiceControl,
    /// Organizations resource control policy.
    ResourceControl,
    /// Session policy passed when a session is created.
    Session,
    /// The policy of the VPC endpoint a request travels through (a resource-based policy on
    /// the endpoint) [VPC vpc-endpoints-access].
    VpcEndpoint,
}

impl PolicyKind {
    /// Whether statements carry a `Principal`/`NotPrincipal`.
    pub fn has_principal(self) -> bool {
        matches!(
            self,
            Self::Resource | Self::ResourceControl | Self::VpcEndpoint
        )
    }

    /// The name AWS uses for the policy type.
    pub fn label(self) -> &'static str {
        match self {
            Self::Identity => "IAM Policy",
            Self::Resource => "Resource Policy",
            Self::Boundary => "Permissions Boundary Policy",
            Self::ServiceControl => "Service Control Policy",
            Self::ResourceControl => "Resource Control Policy",
            Self::Session => "Session Policy",
            Self::VpcEndpoint => "VPC Endpoint Policy",
        }
    }
}

/// The `Version` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Version {
    /// `2012-10-17`: policy variables are recognised.
    #[serde(rename = "2012-10-17")]
    V2012,
    /// `2008-10-17`: `${…}` is literal text.
    #[serde(rename = "2008-10-17")]
    V2008,
    /// No `Version`: like 2008-10-17.
    #[serde(rename = "absent")]
    Absent,
}

/// A value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Its range in the policy text.
    pub range: ByteRange,
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Grants.
    Allow,
    /// Denies; always wins.
    Deny,
}

/// A parsed policy document.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The `Version`.
    pub version: Version,
    /// The statements, in order.
    pub statements: Vec<Statement>,
}

/// One statement.
#[derive(Debug, Clone)]
pub struct Statement {
    /// 0-based position in the policy.
    pub index: usize,
    /// `Sid`, if any.
    pub sid: Option<Spanned<SmolStr>>,
    /// `Effect`.
    pub effect: Spanned<Effect>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<PrincipalElement>,
    /// `Action` or `NotAction`.
    pub action: PatternElement,
    /// `Resource` or `NotResource`; `None` when absent.
    pub resource: Option<PatternElement>,
    /// Every (operator, key) pair of the `Condition` block.
    pub conditions: Vec<Condition>,
    /// The statement object.
    pub range: ByteRange,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`.
#[derive(Debug, Clone)]
pub struct PatternElement {
    /// `Not…` form.
    pub negated: bool,
    /// Range of the element's key.
    pub key_range: ByteRange,
    /// The patterns.
    pub items: Vec<PatternItem>,
}

/// One action or resource pattern.
#[derive(Debug, Clone)]
pub struct PatternItem {
    /// As written.
    pub text: SmolStr,
    /// With policy variables read (resource patterns only); empty when the text has none, or
    /// the Version reads none, and then the text is matched as written.
    pub template: Template,
    /// Its range (quotes included).
    pub range: ByteRange,
}

impl PatternItem {
    /// Whether the pattern is matched as written (it has no policy variables to read).
    pub fn is_plain(&self) -> bool {
        self.template.parts.is_empty()
    }

    /// The resource pattern with its policy variables replaced through `lookup` (the text as
    /// written when it has none); `Err` names the first variable with no value and no default.
    pub fn resolve<'a, 'v>(
        &'a self,
        lookup: &dyn Fn(&str) -> Option<&'v str>,
    ) -> Result<Resolved, &'a str> {
        if self.is_plain() {
            Ok(Resolved::plain(&self.text))
        } else {
            self.template.resolve(lookup)
        }
    }
}

/// The namespace a principal entry is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PrincipalType {
    /// `"Principal": "*"`.
    #[serde(rename = "*")]
    Everyone,
    /// `AWS`.
    #[serde(rename = "AWS")]
    Aws,
    /// `Service`.
    Service,
    /// `Federated`.
    Federated,
    /// `CanonicalUser`.
    CanonicalUser,
}

/// One principal entry.
#[derive(Debug, Clone)]
pub struct PrincipalEntry {
    /// Its namespace.
    pub kind: PrincipalType,
    /// The id as written.
    pub value: SmolStr,
    /// Its range.
    pub range: ByteRange,
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone)]
pub struct PrincipalElement {
    /// `NotPrincipal`.
    pub negated: bool,
    /// Range of the element's key.
    pub key_range: ByteRange,
    /// The entries (OR-ed).
    pub entries: Vec<PrincipalEntry>,
}

/// One `operator: { key: values }` pair.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The operator.
    pub operator: Operator,
    /// The operator as written.
    pub operator_text: SmolStr,
    /// Range of the operator key.
    pub operator_range: ByteRange,
    /// The condition key as written.
    pub key: SmolStr,
    /// Range of the condition key.
    pub key_range: ByteRange,
    /// The policy values (OR-ed).
    pub values: Vec<ConditionValue>,
}

/// One policy value of a condition.
#[derive(Debug, Clone)]
pub struct ConditionValue {
    /// The value as text (`true`, `10` for JSON booleans and numbers).
    pub text: SmolStr,
    /// With policy variables read; empty when the text has none (or the Version or operator
    /// reads none), and then `plain` holds the resolved form.
    pub template: Template,
    /// The resolved form, computed once when the text has no variables. Its `toks` are
    /// empty unless the operator matches wildcards ([`Operator::matches_wildcards`]): no
    /// other operator reads them.
    pub plain: Option<Resolved>,
    /// Its range.
    pub range: ByteRange,
    /// For numeric, date, IP and binary operators: the value read once at lowering.
    pub typed: Option<super::values::Typed>,
}
