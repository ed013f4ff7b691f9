//! Services whose requests resource control policies apply to, copied from the catalog
//! (`crates/engine/data/iam-catalog.txt`, services marked `rcp`; a test keeps the two in step).
//! RCPs do not apply to requests for other services [ORG rcp].

/// Service prefixes that support RCPs, sorted.
pub const RCP_SERVICES: &[&str] = &[
    "aoss",
    "appconfig",
    "appstream",
    "autoscaling",
    "autoscaling-plans",
    "budgets",
    "clouddirectory",
    "cloudfront",
    "cloudsearch",
    "cloudtrail-data",
    "codeartifact",
    "codebuild",
    "codecommit",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "comprehend",
    "comprehendmedical",
    "compute-optimizer",
    "cost-optimization-hub",
    "dax",
    "dsql",
    "dynamodb",
    "ecr",
    "ecr-public",
    "events",
    "firehose",
    "fis",
    "fms",
    "gamelift",
    "health",
    "inspector-scan",
    "kendra",
    "kinesisvideo",
    "kms",
    "logs",
    "memorydb",
    "networkmonitor",
    "notifications",
    "opensearch",
    "pca-connector-ad",
    "personalize",
    "polly",
    "pricing",
    "resource-groups",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "signin",
    "sqs",
    "sts",
    "support",
    "swf",
    "textract",
    "timestream-influxdb",
    "transcribe",
    "transfer",
    "translate",
    "wafv2",
    "workspaces",
    "xray",
];

/// Whether RCPs apply to `action` (`service:Name`; `*` counts as supported).
pub fn applies_to(action: &str) -> bool {
    match action.split_once(':') {
        // The list is sorted lowercase: compare with the prefix lowercased, without a copy.
        Some((service, _)) => RCP_SERVICES
            .binary_search_by(|s| {
                s.bytes()
                    .cmp(service.bytes().map(|b| b.to_ascii_lowercase()))
            })
            .is_ok(),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_catalog() {
        let text = include_str!("../../../data/iam-catalog.txt");
        let catalog = crate::policy::catalog::Catalog::parse(text).unwrap();
        let mut from_catalog: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("S\t"))
            .filter_map(|l| l.split('\t').next())
            .filter(|s| catalog.service(s).is_some_and(|x| x.supports_rcps()))
            .map(str::to_string)
            .collect();
        from_catalog.sort();
        assert_eq!(from_catalog, RCP_SERVICES.to_vec());
        assert!(
            applies_to("s3:GetObject")
                && applies_to("STS:AssumeRole")
                && !applies_to("ec2:RunInstances")
        );
    }
}
