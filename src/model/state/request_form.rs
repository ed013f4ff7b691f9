//! The request form ([`RequestForm`]): caller, actions, resources and the context keys people
//! reach for, each with a typed editor (tag tables, yes/no/absent choices), plus free-form
//! entries.

use serde::{Deserialize, Serialize};

/// A value that may be left out of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tri {
    /// Not in the request context.
    #[default]
    Absent,
    /// `true`.
    True,
    /// `false`.
    False,
}

impl Tri {
    /// The context value, if present.
    pub fn value(self) -> Option<&'static str> {
        match self {
            Tri::Absent => None,
            Tri::True => Some("true"),
            Tri::False => Some("false"),
        }
    }

    /// Read the `<select>` value written by [`Tri::as_str`].
    pub fn parse(s: &str) -> Tri {
        match s {
            "true" => Tri::True,
            "false" => Tri::False,
            _ => Tri::Absent,
        }
    }

    /// The `<select>` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::Absent => "absent",
            Tri::True => "true",
            Tri::False => "false",
        }
    }
}

/// One key–value row of a tag table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRow {
    /// Stable row id.
    pub id: u32,
    /// Tag key.
    pub key: String,
    /// Tag value.
    pub value: String,
}

/// Which tag table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TagKind {
    /// `aws:PrincipalTag/*`.
    Principal,
    /// `aws:ResourceTag/*`.
    Resource,
    /// `aws:RequestTag/*` (and `aws:TagKeys`).
    Request,
}

impl TagKind {
    /// The context key prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            TagKind::Principal => "aws:PrincipalTag/",
            TagKind::Resource => "aws:ResourceTag/",
            TagKind::Request => "aws:RequestTag/",
        }
    }

    /// Heading of the table.
    pub fn title(self) -> &'static str {
        match self {
            TagKind::Principal => "Principal tags",
            TagKind::Resource => "Resource tags",
            TagKind::Request => "Request tags",
        }
    }
}

/// A free-form context entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeEntry {
    /// Stable row id.
    pub id: u32,
    /// `ContextKeyName`.
    pub key: String,
    /// `ContextKeyType` in AWS spelling, or empty for none.
    pub key_type: String,
    /// `ContextKeyValues`, comma-separated.
    pub values: String,
}

/// The request pane's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    /// `CallerArn`.
    pub caller_arn: String,
    /// Actions, separated by commas, spaces or newlines.
    pub actions: String,
    /// Resource ARNs, separated by commas, spaces or newlines.
    pub resources: String,
    /// `ResourceOwner`.
    pub resource_owner: String,
    /// `aws:PrincipalTag/*`.
    pub principal_tags: Vec<TagRow>,
    /// `aws:ResourceTag/*`.
    pub resource_tags: Vec<TagRow>,
    /// `aws:RequestTag/*` and `aws:TagKeys`.
    pub request_tags: Vec<TagRow>,
    /// `aws:SourceIp` (empty: absent).
    pub source_ip: String,
    /// `aws:MultiFactorAuthPresent`.
    pub mfa_present: Tri,
    /// `aws:MultiFactorAuthAge` in seconds (`None`: absent).
    pub mfa_age: Option<u32>,
    /// `aws:SecureTransport`.
    pub secure_transport: Tri,
    /// `aws:RequestedRegion` (empty: absent).
    pub requested_region: String,
    /// Frozen `aws:CurrentTime` as UNIX seconds; `None` means "now".
    pub current_time: Option<i64>,
    /// The VPC endpoint the request travels through (`VpcEndpointId`, `aws:SourceVpce`;
    /// empty: none unless the VPC endpoint layer has a policy).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vpc_endpoint_id: String,
    /// The endpoint's VPC (`VpcId`, `aws:SourceVpc`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vpc_id: String,
    /// The organization's management account (`ManagementAccount`): SCPs skip its
    /// principals, RCPs its resources.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub management_account: String,
    /// The request's KMS keys are AWS managed keys (`KeyManager: "AWS"`), which RCPs skip.
    #[serde(default, skip_serializing_if = "is_false")]
    pub aws_managed_keys: bool,
    /// Free-form entries.
    pub extra: Vec<FreeEntry>,
    /// Next row id.
    pub next_row: u32,
}

/// For `skip_serializing_if`: the fields added later are left out of links when unset, so
/// older links re-encode to the same bytes.
fn is_false(b: &bool) -> bool {
    !*b
}

/// Split a list typed by hand: commas, whitespace and newlines separate items.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The trimmed text, or `None` when nothing is left.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl RequestForm {
    fn next_id(&mut self) -> u32 {
        self.next_row = self.next_row.wrapping_add(1);
        self.next_row
    }

    /// The rows of a tag table.
    pub fn tags(&self, kind: TagKind) -> &Vec<TagRow> {
        match kind {
            TagKind::Principal => &self.principal_tags,
            TagKind::Resource => &self.resource_tags,
            TagKind::Request => &self.request_tags,
        }
    }

    /// The rows of a tag table, to change them.
    pub fn tags_mut(&mut self, kind: TagKind) -> &mut Vec<TagRow> {
        match kind {
            TagKind::Principal => &mut self.principal_tags,
            TagKind::Resource => &mut self.resource_tags,
            TagKind::Request => &mut self.request_tags,
        }
    }

    /// Add a tag row.
    pub fn add_tag(&mut self, kind: TagKind, key: &str, value: &str) {
        let id = self.next_id();
        self.tags_mut(kind).push(TagRow {
            id,
            key: key.into(),
            value: value.into(),
        });
    }

    /// Add a free-form entry.
    pub fn add_free(&mut self, key: &str, key_type: &str, values: &str) {
        let id = self.next_id();
        self.extra.push(FreeEntry {
            id,
            key: key.into(),
            key_type: key_type.into(),
            values: values.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_commas_and_space() {
        assert_eq!(split_list(" a, b\nc ,,"), ["a", "b", "c"]);
        assert!(split_list("  ").is_empty());
    }
}
