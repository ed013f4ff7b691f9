// The example policy (the same text as src/example.rs), for tests that edit it.
export const ABAC_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowSameTeamObjects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::team-data/*",
      "Condition": {
        "StringEquals": {"aws:ResourceTag/team": "\${aws:PrincipalTag/team}"},
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
}`;
