//! The example loaded on first visit: attribute-based access control with principal and resource
//! tags, source IP and MFA age. It is also [`AppState`]'s default. And the World mode's default
//! scenario ([`WORLD_EXAMPLE`]).

use crate::model::state::{AppState, Layer, PolicyDoc, RequestForm, TagRow};

/// The World mode's default scenario: cross-account delegation (David in Development assumes
/// UpdateApp in Production), `examples/cross-account-role.json`.
pub const WORLD_EXAMPLE: &str = include_str!("../../examples/cross-account-role.json");

/// The identity policy of the example.
pub const ABAC_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowSameTeamObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::team-data/*",
      "Condition": {
        "StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"},
        "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}
      }
    },
    {
      "Sid": "DenyOutsideOffice",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}
    }
  ]
}"#;

/// The example state.
pub fn abac() -> AppState {
    let tag = |id, key: &str, value: &str| TagRow {
        id,
        key: key.into(),
        value: value.into(),
    };
    AppState {
        docs: vec![PolicyDoc {
            key: 1,
            layer: Layer::Identity,
            name: "TeamDataAccess".into(),
            level: 1,
            text: ABAC_POLICY.into(),
        }],
        request: RequestForm {
            caller_arn: "arn:aws:iam::111122223333:user/alice".into(),
            actions: "s3:GetObject, s3:DeleteObject".into(),
            resources: "arn:aws:s3:::team-data/report.csv".into(),
            resource_owner: String::new(),
            principal_tags: vec![tag(1, "team", "eng")],
            resource_tags: vec![tag(2, "team", "eng")],
            request_tags: Vec::new(),
            source_ip: "203.0.113.7".into(),
            mfa_present: Default::default(),
            mfa_age: Some(300),
            secure_transport: Default::default(),
            requested_region: String::new(),
            current_time: None,
            vpc_endpoint_id: String::new(),
            vpc_id: String::new(),
            management_account: String::new(),
            aws_managed_keys: false,
            extra: Vec::new(),
            next_row: 2,
        },
        next_key: 1,
        expected: Vec::new(),
        world: None,
        hide_answers: false,
        predictions: Vec::new(),
    }
}

impl Default for AppState {
    /// The example ([`abac`]).
    fn default() -> Self {
        abac()
    }
}
