//! AWS's own `SimulateCustomPolicy` fields beyond the policies and the request (IAM API
//! Reference, *SimulateCustomPolicy*): `OrderedOrganizationPolicyInputList`'s limit,
//! `ResourceHandlingOption` (the EC2 scenarios and the resources each requires) and the
//! pagination fields `MaxItems` / `Marker`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// AWS: `OrderedOrganizationPolicyInputList` holds "root first, account last, at most 7"
/// organization levels (the depth of an AWS Organizations tree: root, up to five OUs, account).
pub const MAX_ORG_LEVELS: usize = 7;

/// AWS's default page size when `MaxItems` is not given ("If you do not include this parameter,
/// the number of items defaults to 100").
pub const DEFAULT_MAX_ITEMS: u32 = 100;

/// The largest `MaxItems` AWS accepts (valid range 1–1000).
pub const MAX_MAX_ITEMS: u32 = 1000;

/// One EC2 resource kind a `ResourceHandlingOption` scenario requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ec2Resource {
    /// The resource part's prefix in an EC2 ARN (`instance`, `security-group`, …).
    pub kind: &'static str,
    /// How AWS's documentation names it ("instance", "security group", …).
    pub label: &'static str,
}

const INSTANCE: Ec2Resource = Ec2Resource {
    kind: "instance",
    label: "instance",
};
const IMAGE: Ec2Resource = Ec2Resource {
    kind: "image",
    label: "image",
};
const SECURITY_GROUP: Ec2Resource = Ec2Resource {
    kind: "security-group",
    label: "security group",
};
const NETWORK_INTERFACE: Ec2Resource = Ec2Resource {
    kind: "network-interface",
    label: "network interface",
};
const SUBNET: Ec2Resource = Ec2Resource {
    kind: "subnet",
    label: "subnet",
};
const VOLUME: Ec2Resource = Ec2Resource {
    kind: "volume",
    label: "volume",
};

/// A `ResourceHandlingOption` value: one of the Amazon EC2 scenarios of AWS's simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceHandling {
    /// The value, as AWS spells it (`EC2-VPC-EBS`, …).
    pub name: &'static str,
    /// What it simulates, in words.
    pub meaning: &'static str,
    /// The resources AWS requires in `ResourceArns` for it.
    pub requires: &'static [Ec2Resource],
}

/// AWS's scenarios (IAM API Reference, *SimulateCustomPolicy*, `ResourceHandlingOption`): "Each
/// of the Amazon EC2 scenarios requires that you specify instance, image, and security group
/// resources. If your scenario includes an EBS volume, then you must specify that volume as a
/// resource. If the Amazon EC2 scenario includes VPC, then you must supply the network interface
/// resource. If it includes an IP subnet, then you must specify the subnet resource." The
/// EC2-Classic scenarios are the older reference's (EC2-Classic is retired, the values remain).
pub const RESOURCE_HANDLING_OPTIONS: &[ResourceHandling] = &[
    ResourceHandling {
        name: "EC2-Classic-InstanceStore",
        meaning: "an EC2-Classic launch from an instance-store-backed AMI",
        requires: &[INSTANCE, IMAGE, SECURITY_GROUP],
    },
    ResourceHandling {
        name: "EC2-Classic-EBS",
        meaning: "an EC2-Classic launch from an EBS-backed AMI",
        requires: &[INSTANCE, IMAGE, SECURITY_GROUP, VOLUME],
    },
    ResourceHandling {
        name: "EC2-VPC-InstanceStore",
        meaning: "an EC2 launch in a VPC from an instance-store-backed AMI",
        requires: &[INSTANCE, IMAGE, SECURITY_GROUP, NETWORK_INTERFACE],
    },
    ResourceHandling {
        name: "EC2-VPC-InstanceStore-Subnet",
        meaning: "an EC2 launch into a VPC subnet from an instance-store-backed AMI",
        requires: &[INSTANCE, IMAGE, SECURITY_GROUP, NETWORK_INTERFACE, SUBNET],
    },
    ResourceHandling {
        name: "EC2-VPC-EBS",
        meaning: "an EC2 launch in a VPC from an EBS-backed AMI",
        requires: &[INSTANCE, IMAGE, SECURITY_GROUP, NETWORK_INTERFACE, VOLUME],
    },
    ResourceHandling {
        name: "EC2-VPC-EBS-Subnet",
        meaning: "an EC2 launch into a VPC subnet from an EBS-backed AMI",
        requires: &[
            INSTANCE,
            IMAGE,
            SECURITY_GROUP,
            NETWORK_INTERFACE,
            SUBNET,
            VOLUME,
        ],
    },
];

impl ResourceHandling {
    /// The scenario called `name` (exactly as AWS spells it).
    pub fn find(name: &str) -> Option<&'static Self> {
        RESOURCE_HANDLING_OPTIONS.iter().find(|o| o.name == name)
    }

    /// The scenario whose name differs from `name` only in case, for "did you mean".
    pub fn near(name: &str) -> Option<&'static Self> {
        RESOURCE_HANDLING_OPTIONS
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
    }

    /// The required resources no ARN of `arns` names (an EC2 ARN whose resource part starts
    /// with `KIND/`, or a pattern whose wildcard covers it).
    pub fn missing(&self, arns: &[String]) -> Vec<Ec2Resource> {
        self.requires
            .iter()
            .filter(|r| !arns.iter().any(|a| names_ec2(a, r.kind)))
            .copied()
            .collect()
    }

    /// The required resources as words: "instance, image, security group and volume".
    pub fn list(resources: &[Ec2Resource]) -> String {
        let labels: Vec<&str> = resources.iter().map(|r| r.label).collect();
        match labels.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            Some((last, _)) => (*last).to_string(),
            None => String::new(),
        }
    }
}

/// Whether `arn` is an EC2 ARN of resource kind `kind` (`arn:aws:ec2:REGION:ACCOUNT:KIND/ID`).
fn names_ec2(arn: &str, kind: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_), Some(service), Some(_), Some(_), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let service_ok = service == "ec2" || service == "*";
    let resource_ok = resource == "*"
        || resource
            .strip_prefix(kind)
            .is_some_and(|rest| rest.starts_with('/'));
    service_ok && resource_ok
}

/// `MaxItems` and `Marker`: which page of results to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    /// `MaxItems` (AWS's default, 100, when `None`).
    pub max_items: Option<u32>,
    /// The first result of the page: the index a `Marker` encodes (0 without one).
    pub start: usize,
}

impl Page {
    /// The page size.
    pub fn size(&self) -> usize {
        self.max_items.unwrap_or(DEFAULT_MAX_ITEMS) as usize
    }
}

const MARKER_PREFIX: &str = "iam-sim/1/";

/// The `Marker` that resumes a listing at result `index`: opaque to users (base64url) but
/// stable, so the same scenario always gives the same markers.
pub fn encode_marker(index: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("{MARKER_PREFIX}{index}"))
}

/// The result index a `Marker` made by [`encode_marker`] stands for.
pub fn decode_marker(marker: &str) -> Option<usize> {
    let bytes = URL_SAFE_NO_PAD.decode(marker.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix(MARKER_PREFIX)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_and_reject_foreign_text() {
        // IAM API Reference, SimulateCustomPolicy: Marker is "the value of the Marker element
        // in the response that you received".
        for i in [0, 1, 99, 100, 12345] {
            assert_eq!(decode_marker(&encode_marker(i)), Some(i));
        }
        assert_eq!(decode_marker("not a marker"), None);
        assert_eq!(decode_marker(""), None);
        assert_ne!(encode_marker(3), "3");
    }

    #[test]
    fn resource_handling_lists_what_is_missing() {
        // IAM API Reference, SimulateCustomPolicy, ResourceHandlingOption: EC2-VPC-EBS needs
        // "instance, image, security group, network interface, volume".
        let o = ResourceHandling::find("EC2-VPC-EBS").unwrap();
        let arns = vec![
            "arn:aws:ec2:us-east-1:111122223333:instance/*".to_string(),
            "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890".to_string(),
            "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1".to_string(),
        ];
        let missing = o.missing(&arns);
        assert_eq!(
            ResourceHandling::list(&missing),
            "network interface and volume"
        );
        assert!(o.missing(&["arn:aws:ec2:*:*:*".to_string()]).is_empty());
        assert_eq!(
            ResourceHandling::near("ec2-vpc-ebs").map(|o| o.name),
            Some("EC2-VPC-EBS")
        );
        assert!(ResourceHandling::find("ec2-vpc-ebs").is_none());
    }
}
