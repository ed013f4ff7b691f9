//! The v2 "World" scenario: a small AWS world (organization, users, groups, roles, resources)
//! and a request made by one principal, possibly after a chain of STS calls.
//!
//! This module holds the data model and reads it from the spanned JSON tree;
//! `simulate::chain` evaluates it.

use super::read::{PolicyInput, Reader};
use crate::request::context::ContextEntry;
use crate::text::diag::Sink;
use crate::text::json::{Member, Node, Value};
use crate::text::span::ByteRange;

/// Tags as (key, value) pairs in the order given.
pub type Tags = Vec<(String, String)>;

/// A node of the organization tree (the root or an OU).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgNode {
    /// `r-…` or `ou-…`.
    pub id: String,
    /// SCPs attached here.
    pub scps: Vec<PolicyInput>,
    /// RCPs attached here.
    pub rcps: Vec<PolicyInput>,
    /// Member accounts directly under this node.
    pub accounts: Vec<OrgAccount>,
    /// Child OUs.
    pub children: Vec<OrgNode>,
}

/// An account in the organization, with the policies attached to the account itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgAccount {
    /// 12-digit account ID.
    pub id: String,
    /// SCPs attached to the account.
    pub scps: Vec<PolicyInput>,
    /// RCPs attached to the account.
    pub rcps: Vec<PolicyInput>,
}

/// The organization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organization {
    /// `o-…`.
    pub id: String,
    /// The management account (SCPs and RCPs do not apply to it).
    pub management_account: Option<String>,
    /// The root.
    pub root: OrgNode,
}

/// An access key of a user.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessKey {
    /// `AKIA…`.
    pub id: String,
    /// `Active` or `Inactive`.
    pub active: bool,
}

/// An IAM user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User {
    /// `arn:aws:iam::ACCOUNT:user/[path/]NAME`.
    pub arn: String,
    /// Unique ID (`AIDA…`), for `aws:userid`.
    pub user_id: Option<String>,
    /// Principal tags.
    pub tags: Tags,
    /// Group names or ARNs.
    pub groups: Vec<String>,
    /// Inline and attached policies.
    pub policies: Vec<PolicyInput>,
    /// Permissions boundary.
    pub boundary: Option<PolicyInput>,
    /// MFA device ARNs.
    pub mfa_devices: Vec<String>,
    /// Access keys.
    pub access_keys: Vec<AccessKey>,
}

/// An IAM group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// `arn:aws:iam::ACCOUNT:group/NAME`.
    pub arn: String,
    /// Its policies.
    pub policies: Vec<PolicyInput>,
}

/// An IAM role.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Role {
    /// `arn:aws:iam::ACCOUNT:role/[path/]NAME`.
    pub arn: String,
    /// Unique ID (`AROA…`), for `aws:userid` of its sessions.
    pub role_id: Option<String>,
    /// Trust policy (the role's resource-based policy).
    pub trust_policy: Option<PolicyInput>,
    /// Permissions policies.
    pub policies: Vec<PolicyInput>,
    /// Permissions boundary.
    pub boundary: Option<PolicyInput>,
    /// Role tags.
    pub tags: Tags,
    /// Longest session, in seconds (default 3600).
    pub max_session_duration: Option<i64>,
}

/// A resource.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resource {
    /// Its ARN.
    pub arn: String,
    /// Owning account.
    pub account: Option<String>,
    /// Resource tags.
    pub tags: Tags,
    /// Resource-based policy.
    pub policy: Option<PolicyInput>,
    /// `KeyManager: "AWS"`: an AWS managed KMS key, which RCPs do not affect (SPEC §12.3).
    pub aws_managed_key: bool,
}

/// The VPC endpoint a request travels through (v3, SPEC §12.7).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VpcEndpoint {
    /// `vpce-…`, for `aws:SourceVpce`.
    pub id: Option<String>,
    /// `vpc-…`, for `aws:SourceVpc`.
    pub vpc_id: Option<String>,
    /// The endpoint policy; `None` means the default endpoint policy (full access).
    pub policy: Option<PolicyInput>,
}

/// Everything in the world.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct World {
    /// The organization, if any.
    pub organization: Option<Organization>,
    /// Users.
    pub users: Vec<User>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Resources.
    pub resources: Vec<Resource>,
}

/// How the first principal authenticated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Authentication {
    /// Whether MFA was used.
    pub mfa: Option<bool>,
    /// Seconds since MFA.
    pub mfa_age_seconds: Option<i64>,
    /// The access key used (long-term credentials), if any.
    pub access_key: Option<String>,
}

/// The STS operations a hop can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StsApi {
    /// `AssumeRole`.
    AssumeRole,
    /// `AssumeRoleWithSAML`.
    AssumeRoleWithSaml,
    /// `AssumeRoleWithWebIdentity`.
    AssumeRoleWithWebIdentity,
    /// `GetSessionToken`.
    GetSessionToken,
}

impl StsApi {
    /// The action the hop is authorized as.
    pub fn action(self) -> &'static str {
        match self {
            Self::AssumeRole => "sts:AssumeRole",
            Self::AssumeRoleWithSaml => "sts:AssumeRoleWithSAML",
            Self::AssumeRoleWithWebIdentity => "sts:AssumeRoleWithWebIdentity",
            Self::GetSessionToken => "sts:GetSessionToken",
        }
    }
}

/// One STS call before the request.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    /// The operation.
    pub api: StsApi,
    /// Role to assume.
    pub role_arn: Option<String>,
    /// Session name.
    pub role_session_name: Option<String>,
    /// Session tags passed.
    pub tags: Tags,
    /// Which of them are transitive.
    pub transitive_tag_keys: Vec<String>,
    /// Inline session policy.
    pub policy: Option<PolicyInput>,
    /// `sts:ExternalId`.
    pub external_id: Option<String>,
    /// `sts:SourceIdentity`.
    pub source_identity: Option<String>,
    /// Requested duration.
    pub duration_seconds: Option<i64>,
    /// Claims from a SAML assertion or web identity token (`saml:aud`, `accounts.google.com:sub`, …).
    pub federated_claims: Vec<(String, String)>,
    /// The identity provider (SAML provider ARN, or `accounts.google.com`, …) — extension;
    /// defaults to the first `Federated` principal of the trust policy.
    pub provider: Option<String>,
    /// Whether MFA is passed with this call (`SerialNumber` + `TokenCode`) — extension.
    pub mfa: Option<bool>,
    /// When the call is made (ISO 8601 or epoch seconds) — extension; defaults to the request
    /// time. With `DurationSeconds` it decides when the credentials expire.
    pub issued_at: Option<String>,
}

/// The request made in the world.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorldRequest {
    /// The principal that starts: a user ARN, an account's root ARN, or (for
    /// `AssumeRoleWithSAML`/`WebIdentity` chains) the identity provider.
    pub principal: String,
    /// How it authenticated.
    pub authentication: Option<Authentication>,
    /// STS calls before the request.
    pub chain: Vec<Hop>,
    /// Actions.
    pub action_names: Vec<String>,
    /// Resources (default `*`).
    pub resource_arns: Vec<String>,
    /// Explicit context: overrides derived values.
    pub context_entries: Vec<ContextEntry>,
    /// `ViaVpcEndpoint` (v3): the request travels through this VPC endpoint.
    pub via_vpc_endpoint: Option<VpcEndpoint>,
}

/// A world scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorldScenario {
    /// The world.
    pub world: World,
    /// The request.
    pub request: WorldRequest,
    /// `Expected`, beside `World` and `Request`: the decisions the request should get.
    pub expected: Vec<super::expected::Expectation>,
    /// Where each policy's text came from in the scenario file.
    pub origins: Vec<(String, crate::text::span::SourceMap)>,
}

/// Read a `World` scenario from the members of the scenario object, whose `World` and
/// `Request` members are `world` and `request`; any other member is ignored with a warning.
pub(super) fn read(
    reader: &mut Reader<'_, '_>,
    members: &[Member<'_>],
    world: &Node<'_>,
    request: &Node<'_>,
) -> WorldScenario {
    let mut ws = reader.world_scenario(world, request);
    ws.origins = std::mem::take(&mut reader.origins);
    for m in members {
        if m.key == super::expected::FIELD {
            ws.expected = reader.expected(&m.value);
        } else if m.key != "World" && m.key != "Request" {
            reader.sink.warn(
                "unknown-element",
                m.key_range,
                format!(
                    "`{}` is ignored in a `World` scenario (put it under `Request`)",
                    m.key
                ),
            );
        }
    }
    ws
}

fn get<'a, 't>(members: &'a [Member<'t>], key: &str) -> Option<&'a Node<'t>> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

fn check(members: &[Member], allowed: &[&str], what: &str, sink: &mut Sink<'_>) {
    for m in members {
        if !allowed.contains(&m.key) {
            let hint = allowed.iter().find(|a| a.eq_ignore_ascii_case(m.key));
            match hint {
                Some(h) => sink.error_help(
                    "unknown-element",
                    m.key_range,
                    format!("unknown field `{}` in {what}", m.key),
                    format!("did you mean `{h}`?"),
                ),
                None => sink.warn(
                    "unknown-element",
                    m.key_range,
                    format!("unknown field `{}` in {what} is ignored", m.key),
                ),
            }
        }
    }
}

impl Reader<'_, '_> {
    fn obj<'n, 't>(&mut self, node: &'n Node<'t>, what: &str) -> Option<&'n [Member<'t>]> {
        match &node.value {
            Value::Object(m) => Some(m),
            _ => {
                self.sink.error(
                    "wrong-type",
                    node.range,
                    format!("{what} must be an object"),
                );
                None
            }
        }
    }

    fn items<'n, 't>(&mut self, node: Option<&'n Node<'t>>, what: &str) -> &'n [Node<'t>] {
        match node.map(|n| &n.value) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                if let Some(n) = node {
                    self.sink
                        .error("wrong-type", n.range, format!("`{what}` must be an array"));
                }
                &[]
            }
        }
    }

    fn text(&mut self, node: Option<&Node>, what: &str) -> Option<String> {
        let n = node?;
        match &n.value {
            Value::String(s) => Some(s.text.to_string()),
            Value::Number(x) => Some(x.to_string()),
            _ => {
                self.sink
                    .error("wrong-type", n.range, format!("`{what}` must be a string"));
                None
            }
        }
    }

    fn int(&mut self, node: Option<&Node>, what: &str) -> Option<i64> {
        let n = node?;
        let v = match &n.value {
            Value::Number(x) => x.parse().ok(),
            Value::String(s) => s.text.parse().ok(),
            _ => None,
        };
        if v.is_none() {
            self.sink.error(
                "wrong-type",
                n.range,
                format!("`{what}` must be a whole number"),
            );
        }
        v
    }

    fn flag(&mut self, node: Option<&Node>, what: &str) -> Option<bool> {
        let n = node?;
        match &n.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => crate::policy::values::boolean(s.text).or_else(|| {
                self.sink.error(
                    "wrong-type",
                    n.range,
                    format!("`{what}` must be true or false"),
                );
                None
            }),
            _ => {
                self.sink.error(
                    "wrong-type",
                    n.range,
                    format!("`{what}` must be true or false"),
                );
                None
            }
        }
    }

    fn texts(&mut self, node: Option<&Node>, what: &str) -> Vec<String> {
        let items = self.items(node, what);
        items
            .iter()
            .filter_map(|n| self.text(Some(n), what))
            .collect()
    }

    /// `{"k": "v"}` or `[{"Key": "k", "Value": "v"}]`.
    fn tags(&mut self, node: Option<&Node>, what: &str) -> Tags {
        let Some(n) = node else { return Vec::new() };
        match &n.value {
            Value::Object(members) => members
                .iter()
                .filter_map(|m| {
                    self.text(Some(&m.value), what)
                        .map(|v| (m.key.to_string(), v))
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .filter_map(|item| {
                    let m = self.obj(item, "a tag")?;
                    Some((
                        self.text(get(m, "Key"), "Key")?,
                        self.text(get(m, "Value"), "Value").unwrap_or_default(),
                    ))
                })
                .collect(),
            _ => {
                self.sink.error(
                    "wrong-type",
                    n.range,
                    format!("`{what}` must be an object of tag keys to values"),
                );
                Vec::new()
            }
        }
    }

    fn policies(&mut self, node: Option<&Node>, id: &str) -> Vec<PolicyInput> {
        let items = self.items(node, id);
        items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| self.policy(n, format!("{id}.{}", i + 1)))
            .collect()
    }

    fn one_policy(&mut self, node: Option<&Node>, id: String) -> Option<PolicyInput> {
        node.and_then(|n| self.policy(n, id))
    }

    fn org_node(&mut self, node: &Node, path: &str) -> OrgNode {
        let Some(m) = self.obj(node, "an organization node") else {
            return OrgNode::default();
        };
        check(
            m,
            &[
                "Id",
                "ServiceControlPolicies",
                "ResourceControlPolicies",
                "Accounts",
                "Children",
                "Name",
            ],
            "an organization node",
            self.sink,
        );
        let id = self
            .text(get(m, "Id"), "Id")
            .unwrap_or_else(|| path.to_string());
        let scps = self.policies(get(m, "ServiceControlPolicies"), &format!("{id}/SCP"));
        let rcps = self.policies(get(m, "ResourceControlPolicies"), &format!("{id}/RCP"));
        let mut accounts = Vec::new();
        for a in self.items(get(m, "Accounts"), "Accounts") {
            match &a.value {
                Value::String(s) => accounts.push(OrgAccount {
                    id: s.text.to_string(),
                    ..OrgAccount::default()
                }),
                Value::Object(am) => {
                    let acct_id = self.text(get(am, "Id"), "Id").unwrap_or_default();
                    let scps =
                        self.policies(get(am, "ServiceControlPolicies"), &format!("{acct_id}/SCP"));
                    let rcps = self.policies(
                        get(am, "ResourceControlPolicies"),
                        &format!("{acct_id}/RCP"),
                    );
                    accounts.push(OrgAccount {
                        id: acct_id,
                        scps,
                        rcps,
                    });
                }
                _ => self.sink.error(
                    "wrong-type",
                    a.range,
                    "an account is an ID string or an object with `Id`",
                ),
            }
        }
        let children = self
            .items(get(m, "Children"), "Children")
            .iter()
            .enumerate()
            .map(|(i, c)| self.org_node(c, &format!("{path}.{i}")))
            .collect();
        OrgNode {
            id,
            scps,
            rcps,
            accounts,
            children,
        }
    }

    /// Read the `World` and `Request` members of a scenario.
    pub(crate) fn world_scenario(&mut self, world: &Node, request: &Node) -> WorldScenario {
        let mut w = World::default();
        if let Some(m) = self.obj(world, "`World`") {
            check(
                m,
                &["Organization", "Users", "Groups", "Roles", "Resources"],
                "`World`",
                self.sink,
            );
            w.organization = get(m, "Organization").and_then(|o| self.organization(o));
            for u in self.items(get(m, "Users"), "Users") {
                w.users.extend(self.user(u));
            }
            for g in self.items(get(m, "Groups"), "Groups") {
                w.groups.extend(self.group(g));
            }
            for r in self.items(get(m, "Roles"), "Roles") {
                w.roles.extend(self.role(r));
            }
            for r in self.items(get(m, "Resources"), "Resources") {
                w.resources.extend(self.resource(r));
            }
        }
        WorldScenario {
            world: w,
            request: self.request(request),
            expected: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// `World.Organization`.
    fn organization(&mut self, org: &Node) -> Option<Organization> {
        let om = self.obj(org, "`Organization`")?;
        let id = self.text(get(om, "Id"), "Id").unwrap_or_default();
        let management_account = self.text(get(om, "ManagementAccount"), "ManagementAccount");
        let root = get(om, "Root")
            .map(|r| self.org_node(r, "root"))
            .unwrap_or_default();
        Some(Organization {
            id,
            management_account,
            root,
        })
    }

    /// One of `World.Users`.
    fn user(&mut self, u: &Node) -> Option<User> {
        let um = self.obj(u, "a user")?;
        check(
            um,
            &[
                "Arn",
                "UserId",
                "Tags",
                "Groups",
                "Policies",
                "PermissionsBoundary",
                "MfaDevices",
                "AccessKeys",
            ],
            "a user",
            self.sink,
        );
        let arn = self.text(get(um, "Arn"), "Arn").unwrap_or_default();
        let name = short(&arn);
        let mut access_keys = Vec::new();
        for k in self.items(get(um, "AccessKeys"), "AccessKeys") {
            if let Some(km) = self.obj(k, "an access key") {
                let id = self.text(get(km, "Id"), "Id").unwrap_or_default();
                let status = self
                    .text(get(km, "Status"), "Status")
                    .unwrap_or_else(|| "Active".into());
                access_keys.push(AccessKey {
                    id,
                    active: status.eq_ignore_ascii_case("Active"),
                });
            }
        }
        Some(User {
            user_id: self.text(get(um, "UserId"), "UserId"),
            tags: self.tags(get(um, "Tags"), "Tags"),
            groups: self.texts(get(um, "Groups"), "Groups"),
            policies: self.policies(get(um, "Policies"), &format!("user/{name}")),
            boundary: self.one_policy(
                get(um, "PermissionsBoundary"),
                format!("user/{name}/boundary"),
            ),
            mfa_devices: self.texts(get(um, "MfaDevices"), "MfaDevices"),
            access_keys,
            arn,
        })
    }

    /// One of `World.Groups`.
    fn group(&mut self, g: &Node) -> Option<Group> {
        let gm = self.obj(g, "a group")?;
        check(gm, &["Arn", "Policies"], "a group", self.sink);
        let arn = self.text(get(gm, "Arn"), "Arn").unwrap_or_default();
        let name = short(&arn);
        Some(Group {
            policies: self.policies(get(gm, "Policies"), &format!("group/{name}")),
            arn,
        })
    }

    /// One of `World.Roles`.
    fn role(&mut self, r: &Node) -> Option<Role> {
        let rm = self.obj(r, "a role")?;
        check(
            rm,
            &[
                "Arn",
                "RoleId",
                "TrustPolicy",
                "Policies",
                "PermissionsBoundary",
                "Tags",
                "MaxSessionDuration",
            ],
            "a role",
            self.sink,
        );
        let arn = self.text(get(rm, "Arn"), "Arn").unwrap_or_default();
        let name = short(&arn);
        Some(Role {
            role_id: self.text(get(rm, "RoleId"), "RoleId"),
            trust_policy: self.one_policy(get(rm, "TrustPolicy"), format!("role/{name}/trust")),
            policies: self.policies(get(rm, "Policies"), &format!("role/{name}")),
            boundary: self.one_policy(
                get(rm, "PermissionsBoundary"),
                format!("role/{name}/boundary"),
            ),
            tags: self.tags(get(rm, "Tags"), "Tags"),
            max_session_duration: self.int(get(rm, "MaxSessionDuration"), "MaxSessionDuration"),
            arn,
        })
    }

    /// One of `World.Resources`.
    fn resource(&mut self, r: &Node) -> Option<Resource> {
        let rm = self.obj(r, "a resource")?;
        check(
            rm,
            &["Arn", "Account", "Tags", "Policy", "KeyManager"],
            "a resource",
            self.sink,
        );
        let arn = self.text(get(rm, "Arn"), "Arn").unwrap_or_default();
        let aws_managed_key = match get(rm, "KeyManager") {
            None => false,
            Some(n) => match n.as_str() {
                Some("AWS") => true,
                Some("CUSTOMER") => false,
                _ => {
                    self.sink.error(
                        "invalid-value",
                        n.range,
                        "`KeyManager` must be `\"AWS\"` (an AWS managed KMS key) or `\"CUSTOMER\"`",
                    );
                    false
                }
            },
        };
        Some(Resource {
            aws_managed_key,
            account: self.text(get(rm, "Account"), "Account"),
            tags: self.tags(get(rm, "Tags"), "Tags"),
            policy: self.one_policy(get(rm, "Policy"), format!("resource {arn}")),
            arn,
        })
    }

    /// The `Request` member.
    fn request(&mut self, request: &Node) -> WorldRequest {
        let mut req = WorldRequest::default();
        let Some(m) = self.obj(request, "`Request`") else {
            return req;
        };
        check(
            m,
            &[
                "Principal",
                "Authentication",
                "AssumeRoleChain",
                "ActionNames",
                "ResourceArns",
                "ContextEntries",
                "ViaVpcEndpoint",
            ],
            "`Request`",
            self.sink,
        );
        if let Some(vm) = get(m, "ViaVpcEndpoint").and_then(|v| self.obj(v, "`ViaVpcEndpoint`")) {
            check(
                vm,
                &["Id", "VpcId", "Policy"],
                "`ViaVpcEndpoint`",
                self.sink,
            );
            req.via_vpc_endpoint = Some(VpcEndpoint {
                id: self.text(get(vm, "Id"), "Id"),
                vpc_id: self.text(get(vm, "VpcId"), "VpcId"),
                policy: self.one_policy(get(vm, "Policy"), "VpcEndpointPolicy".into()),
            });
        }
        match self.text(get(m, "Principal"), "Principal") {
            Some(p) => req.principal = p,
            None => self.sink.error(
                "missing-element",
                request.range,
                "the request has no `Principal`",
            ),
        }
        if let Some(am) = get(m, "Authentication").and_then(|a| self.obj(a, "`Authentication`")) {
            req.authentication = Some(Authentication {
                mfa: self.flag(get(am, "Mfa"), "Mfa"),
                mfa_age_seconds: self.int(get(am, "MfaAgeSeconds"), "MfaAgeSeconds"),
                access_key: self.text(get(am, "AccessKey"), "AccessKey"),
            });
        }
        for (i, h) in self
            .items(get(m, "AssumeRoleChain"), "AssumeRoleChain")
            .iter()
            .enumerate()
        {
            if let Some(hop) = self.hop(h, i) {
                req.chain.push(hop);
            }
        }
        match get(m, "ActionNames") {
            Some(n) => req.action_names = self.texts(Some(n), "ActionNames"),
            None => self.sink.error(
                "missing-element",
                request.range,
                "the request has no `ActionNames`",
            ),
        }
        req.resource_arns = self.texts(get(m, "ResourceArns"), "ResourceArns");
        if let Some(member) = m.iter().find(|x| x.key == "ContextEntries") {
            req.context_entries = self.context(member);
        }
        req
    }

    fn hop(&mut self, node: &Node, i: usize) -> Option<Hop> {
        let m = self.obj(node, "a hop")?;
        check(
            m,
            &[
                "Api",
                "RoleArn",
                "RoleSessionName",
                "Tags",
                "TransitiveTagKeys",
                "Policy",
                "ExternalId",
                "SourceIdentity",
                "DurationSeconds",
                "FederatedClaims",
                "Provider",
                "Mfa",
                "IssuedAt",
            ],
            "a hop",
            self.sink,
        );
        let api_text = self
            .text(get(m, "Api"), "Api")
            .unwrap_or_else(|| "AssumeRole".into());
        let api = match api_text.as_str() {
            "AssumeRole" => StsApi::AssumeRole,
            "AssumeRoleWithSAML" => StsApi::AssumeRoleWithSaml,
            "AssumeRoleWithWebIdentity" => StsApi::AssumeRoleWithWebIdentity,
            "GetSessionToken" => StsApi::GetSessionToken,
            other => {
                let range = get(m, "Api")
                    .map(|n| n.range)
                    .unwrap_or(ByteRange::new(node.range.start, node.range.start + 1));
                self.sink.error("invalid-value", range, format!("`{other}` is not one of AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetSessionToken"));
                return None;
            }
        };
        let role_arn = self.text(get(m, "RoleArn"), "RoleArn");
        if role_arn.is_none() && api != StsApi::GetSessionToken {
            self.sink.error(
                "missing-element",
                node.range,
                format!("hop {i} ({api_text}) has no `RoleArn`"),
            );
        }
        let claims = self.tags(get(m, "FederatedClaims"), "FederatedClaims");
        let issued_at = self.text(get(m, "IssuedAt"), "IssuedAt");
        if let (Some(t), Some(n)) = (&issued_at, get(m, "IssuedAt")) {
            if crate::policy::values::date(t).is_none() {
                self.sink.error(
                    "invalid-value",
                    n.range,
                    format!("`IssuedAt` `{t}` is not a date (ISO 8601 or epoch seconds)"),
                );
            }
        }
        Some(Hop {
            issued_at,
            api,
            role_session_name: self.text(get(m, "RoleSessionName"), "RoleSessionName"),
            tags: self.tags(get(m, "Tags"), "Tags"),
            transitive_tag_keys: self.texts(get(m, "TransitiveTagKeys"), "TransitiveTagKeys"),
            policy: self.one_policy(
                get(m, "Policy"),
                format!("AssumeRoleChain.{i}/session-policy"),
            ),
            external_id: self.text(get(m, "ExternalId"), "ExternalId"),
            source_identity: self.text(get(m, "SourceIdentity"), "SourceIdentity"),
            duration_seconds: self.int(get(m, "DurationSeconds"), "DurationSeconds"),
            federated_claims: claims,
            provider: self.text(get(m, "Provider"), "Provider"),
            mfa: self.flag(get(m, "Mfa"), "Mfa"),
            role_arn,
        })
    }
}

/// The last path segment of an ARN (a user, group or role name).
pub fn short(arn: &str) -> String {
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_string()
}
