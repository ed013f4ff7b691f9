//! The texts new policy documents start from, one per kind of layer (AWS's own defaults for SCPs
//! and RCPs).

/// A new identity-based policy, boundary or session policy.
pub const IDENTITY_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "*"
    }
  ]
}"#;

/// A new SCP: AWS's default `FullAWSAccess`.
pub const SCP_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "FullAWSAccess",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}"#;

/// A new RCP. AWS attaches `RCPFullAWSAccess` to every level by itself (the engine evaluates
/// every level as holding it, SPEC §12.2), so RCPs are written as `Deny` statements: this one
/// is AWS's data-perimeter example (only principals of the organization).
pub const RCP_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorgid"},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}
      }
    }
  ]
}"#;

/// A new VPC endpoint policy: AWS's default endpoint policy, full access through the endpoint
/// [VPC vpc-endpoints-access].
pub const VPC_ENDPOINT_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*"
    }
  ]
}"#;

/// A new resource-based policy.
pub const RESOURCE_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowAccountRead",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::team-data/*"
    }
  ]
}"#;
