//! The policy layers of a request ([`Layer`]): their tab titles, names, limits and templates.

use serde::{Deserialize, Serialize};

use crate::model::templates;

/// A policy layer of the request, in the order the tabs show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Layer {
    /// Identity-based policies of the caller (`PolicyInputList`).
    Identity,
    /// The caller's permissions boundary.
    Boundary,
    /// Service control policies, by organization level.
    Scp,
    /// Resource control policies, by organization level.
    Rcp,
    /// The resource-based policy.
    Resource,
    /// Session policies.
    Session,
    /// The policy of the VPC endpoint the request travels through (at most one).
    VpcEndpoint,
}

impl Layer {
    /// Every layer, in tab order.
    pub const ALL: [Layer; 7] = [
        Layer::Identity,
        Layer::Boundary,
        Layer::Scp,
        Layer::Rcp,
        Layer::Resource,
        Layer::Session,
        Layer::VpcEndpoint,
    ];

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Identity => "Identity policies",
            Layer::Boundary => "Permissions boundary",
            Layer::Scp => "SCPs",
            Layer::Rcp => "RCPs",
            Layer::Resource => "Resource policy",
            Layer::Session => "Session policy",
            Layer::VpcEndpoint => "VPC endpoint",
        }
    }

    /// The name a new document of this layer gets.
    pub fn default_name(self) -> &'static str {
        match self {
            Layer::Identity => "IdentityPolicy",
            Layer::Boundary => "Boundary",
            Layer::Scp => "SCP",
            Layer::Rcp => "RCP",
            Layer::Resource => "ResourcePolicy",
            Layer::Session => "SessionPolicy",
            Layer::VpcEndpoint => "EndpointPolicy",
        }
    }

    /// How many documents the layer can hold (`None`: any number).
    pub fn max_docs(self) -> Option<usize> {
        match self {
            Layer::Boundary | Layer::Resource | Layer::VpcEndpoint => Some(1),
            _ => None,
        }
    }

    /// Whether documents of this layer sit at an organization level.
    pub fn has_levels(self) -> bool {
        matches!(self, Layer::Scp | Layer::Rcp)
    }

    /// A one-line description shown when the layer is empty.
    pub fn when_empty(self) -> &'static str {
        match self {
            Layer::Identity => "No identity-based policy: nothing grants the caller anything.",
            Layer::Boundary => "No permissions boundary: identity policies are not limited.",
            Layer::Scp => "No SCPs: the caller's account is not limited by AWS Organizations.",
            Layer::Rcp => "No RCPs: the resource's account is not limited by AWS Organizations (RCPFullAWSAccess, which AWS attaches to every level, allows everything).",
            Layer::Resource => "No resource-based policy on the resource.",
            Layer::Session => "No session policy: the session is not limited.",
            Layer::VpcEndpoint => "No VPC endpoint policy. With a VPC endpoint ID in the request, the request travels through an endpoint with AWS's default policy (full access); add a policy here to limit what passes through it.",
        }
    }

    /// The text a new document of this layer starts with.
    pub fn template(self) -> &'static str {
        match self {
            Layer::Resource => templates::RESOURCE_TEMPLATE,
            Layer::Rcp => templates::RCP_TEMPLATE,
            Layer::Scp => templates::SCP_TEMPLATE,
            Layer::VpcEndpoint => templates::VPC_ENDPOINT_TEMPLATE,
            _ => templates::IDENTITY_TEMPLATE,
        }
    }
}
