//! The World text read into what the form shows: users, groups, roles, resources, the
//! organization tree and the request, each with the [`Path`] where it sits in the text (so a
//! form edit rewrites that value only). Reading is lenient: a value of the wrong type reads as
//! absent (the World mode's diagnostics say what is wrong); only text that is not JSON fails.

use super::edit::Path;
use super::json::{Json, Layout};

/// A policy as the form edits it: its JSON laid out on several lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyField {
    /// The policy's JSON, pretty.
    pub text: String,
    /// The World gives it as a JSON string (the AWS CLI's way) rather than an object.
    pub as_string: bool,
}

impl PolicyField {
    fn read(v: &Json) -> Option<Self> {
        match v {
            Json::String(s) => Some(Self {
                text: Json::parse(s)
                    .map(|j| j.write(&Layout::default(), ""))
                    .unwrap_or_else(|_| s.clone()),
                as_string: true,
            }),
            Json::Object(_) => Some(Self {
                text: v.write(&Layout::default(), ""),
                as_string: false,
            }),
            _ => None,
        }
    }

    /// The value to write for a policy text typed in the form (a string again when the World
    /// gave a string); the error is `LINE:COL: message`.
    pub fn value(text: &str, as_string: bool) -> Result<Json, String> {
        let j = Json::parse(text)?;
        if !matches!(j, Json::Object(_)) {
            return Err("1:1: a policy is a JSON object".into());
        }
        Ok(if as_string {
            Json::String(j.write(
                &Layout {
                    unit: String::new(),
                    compact: true,
                },
                "",
            ))
        } else {
            j
        })
    }
}

/// Tags: `{"key": "value"}` pairs in order.
pub type Tags = Vec<(String, String)>;

/// An IAM user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserForm {
    /// ARN.
    pub arn: String,
    /// Tags.
    pub tags: Tags,
    /// Group names or ARNs.
    pub groups: Vec<String>,
    /// Identity policies.
    pub policies: Vec<PolicyField>,
    /// Permissions boundary.
    pub boundary: Option<PolicyField>,
    /// MFA devices.
    pub mfa_devices: Vec<String>,
}

/// An IAM group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupForm {
    /// ARN.
    pub arn: String,
    /// Its policies.
    pub policies: Vec<PolicyField>,
}

/// An IAM role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleForm {
    /// ARN.
    pub arn: String,
    /// Trust policy.
    pub trust: Option<PolicyField>,
    /// Permissions policies.
    pub policies: Vec<PolicyField>,
    /// Permissions boundary.
    pub boundary: Option<PolicyField>,
    /// Tags.
    pub tags: Tags,
    /// `MaxSessionDuration`, as written.
    pub max_session: Option<String>,
}

/// A resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceForm {
    /// ARN.
    pub arn: String,
    /// Owning account.
    pub account: Option<String>,
    /// Tags.
    pub tags: Tags,
    /// Resource-based policy.
    pub policy: Option<PolicyField>,
    /// `KeyManager` of a KMS key (`AWS` or `CUSTOMER`; empty when not given: customer managed).
    pub key_manager: String,
}

/// An account placed in the organization tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgAccountForm {
    /// Where it is (`…Accounts[i]`): a string, or an object with policies.
    pub path: Path,
    /// Account ID.
    pub id: String,
    /// SCPs attached to the account.
    pub scps: Vec<PolicyField>,
    /// RCPs attached to the account.
    pub rcps: Vec<PolicyField>,
}

/// The root or an OU.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgNodeForm {
    /// Where it is (`World.Organization.Root`, `…Children[i]`).
    pub path: Path,
    /// `r-…` / `ou-…`.
    pub id: String,
    /// SCPs attached here.
    pub scps: Vec<PolicyField>,
    /// RCPs attached here.
    pub rcps: Vec<PolicyField>,
    /// Accounts directly under it.
    pub accounts: Vec<OrgAccountForm>,
    /// Child OUs.
    pub children: Vec<OrgNodeForm>,
}

/// The organization.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgForm {
    /// `o-…`.
    pub id: String,
    /// The management account.
    pub management_account: Option<String>,
    /// The tree.
    pub root: OrgNodeForm,
}

/// One STS call of the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HopForm {
    /// `AssumeRole`, `AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity` or `GetSessionToken`.
    pub api: String,
    /// The role assumed.
    pub role_arn: String,
    /// Session name.
    pub session_name: String,
    /// Session tags.
    pub tags: Tags,
    /// Transitive tag keys.
    pub transitive: Vec<String>,
    /// `sts:ExternalId`.
    pub external_id: String,
    /// `DurationSeconds`, as written.
    pub duration: String,
    /// `SourceIdentity`.
    pub source_identity: String,
    /// Claims of a SAML assertion or web identity token.
    pub claims: Tags,
    /// The call passes MFA (`Mfa`).
    pub mfa: Option<bool>,
    /// A session policy is passed.
    pub policy: Option<PolicyField>,
}

/// A context entry of the request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextRow {
    /// `ContextKeyName`.
    pub key: String,
    /// `ContextKeyValues`.
    pub values: Vec<String>,
    /// `ContextKeyType`.
    pub key_type: String,
}

/// The VPC endpoint the request comes through (`Request.ViaVpcEndpoint`, SPEC §12.7).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointForm {
    /// `Id`, the value of `aws:SourceVpce`.
    pub id: String,
    /// `VpcId`, the value of `aws:SourceVpc`.
    pub vpc_id: String,
    /// The endpoint policy; none means the default one, which allows everything.
    pub policy: Option<PolicyField>,
}

/// The request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestForm {
    /// Who starts.
    pub principal: String,
    /// `Authentication.Mfa`.
    pub mfa: Option<bool>,
    /// `Authentication.MfaAgeSeconds`, as written.
    pub mfa_age: String,
    /// `Authentication.AccessKey`.
    pub access_key: String,
    /// The chain.
    pub hops: Vec<HopForm>,
    /// Actions.
    pub actions: Vec<String>,
    /// Resources.
    pub resources: Vec<String>,
    /// Context entries.
    pub context: Vec<ContextRow>,
    /// The VPC endpoint it comes through, if any.
    pub endpoint: Option<EndpointForm>,
}

/// Everything the form shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorldForm {
    /// Users.
    pub users: Vec<UserForm>,
    /// Groups.
    pub groups: Vec<GroupForm>,
    /// Roles.
    pub roles: Vec<RoleForm>,
    /// Resources.
    pub resources: Vec<ResourceForm>,
    /// The organization.
    pub org: Option<OrgForm>,
    /// The request.
    pub request: RequestForm,
}

/// Where the parts of a World sit.
pub mod paths {
    use crate::model::world::edit::Path;

    /// `World`.
    pub fn world() -> Path {
        Path::root().key("World")
    }
    /// `World.Users[i]`.
    pub fn user(i: usize) -> Path {
        world().key("Users").at(i)
    }
    /// `World.Groups[i]`.
    pub fn group(i: usize) -> Path {
        world().key("Groups").at(i)
    }
    /// `World.Roles[i]`.
    pub fn role(i: usize) -> Path {
        world().key("Roles").at(i)
    }
    /// `World.Resources[i]`.
    pub fn resource(i: usize) -> Path {
        world().key("Resources").at(i)
    }
    /// `Request`.
    pub fn request() -> Path {
        Path::root().key("Request")
    }
    /// `Request.ViaVpcEndpoint`.
    pub fn endpoint() -> Path {
        request().key("ViaVpcEndpoint")
    }
    /// `Request.AssumeRoleChain[i]`.
    pub fn hop(i: usize) -> Path {
        request().key("AssumeRoleChain").at(i)
    }
}

fn text(v: Option<&Json>) -> String {
    match v {
        Some(Json::String(s)) | Some(Json::Number(s)) => s.clone(),
        _ => String::new(),
    }
}

fn opt_text(v: Option<&Json>) -> Option<String> {
    Some(text(v)).filter(|s| !s.is_empty())
}

fn list(v: Option<&Json>) -> &[Json] {
    match v {
        Some(Json::Array(a)) => a,
        _ => &[],
    }
}

fn strings(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::String(s)) => vec![s.clone()],
        _ => list(v).iter().map(|x| text(Some(x))).collect(),
    }
}

/// Tags read from `{"k": "v"}` (or AWS's `[{"Key", "Value"}]`).
fn tags(v: Option<&Json>) -> Tags {
    match v {
        Some(Json::Object(m)) => m.iter().map(|(k, v)| (k.clone(), text(Some(v)))).collect(),
        Some(Json::Array(a)) => a
            .iter()
            .map(|t| (text(t.get("Key")), text(t.get("Value"))))
            .collect(),
        _ => Vec::new(),
    }
}

fn policies(v: Option<&Json>) -> Vec<PolicyField> {
    list(v).iter().filter_map(PolicyField::read).collect()
}

fn org_node(v: &Json, path: Path) -> OrgNodeForm {
    OrgNodeForm {
        id: text(v.get("Id")),
        scps: policies(v.get("ServiceControlPolicies")),
        rcps: policies(v.get("ResourceControlPolicies")),
        accounts: list(v.get("Accounts"))
            .iter()
            .enumerate()
            .map(|(i, a)| OrgAccountForm {
                path: path.key("Accounts").at(i),
                id: match a {
                    Json::String(s) => s.clone(),
                    _ => text(a.get("Id")),
                },
                scps: policies(a.get("ServiceControlPolicies")),
                rcps: policies(a.get("ResourceControlPolicies")),
            })
            .collect(),
        children: list(v.get("Children"))
            .iter()
            .enumerate()
            .map(|(i, c)| org_node(c, path.key("Children").at(i)))
            .collect(),
        path,
    }
}

fn hop(h: &Json) -> HopForm {
    HopForm {
        api: text(h.get("Api")),
        role_arn: text(h.get("RoleArn")),
        session_name: text(h.get("RoleSessionName")),
        tags: tags(h.get("Tags")),
        transitive: strings(h.get("TransitiveTagKeys")),
        external_id: text(h.get("ExternalId")),
        duration: text(h.get("DurationSeconds")),
        source_identity: text(h.get("SourceIdentity")),
        claims: tags(h.get("FederatedClaims")),
        mfa: match h.get("Mfa") {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        },
        policy: h.get("Policy").and_then(PolicyField::read),
    }
}

fn request(r: Option<&Json>) -> RequestForm {
    let Some(r) = r else {
        return RequestForm::default();
    };
    let auth = r.get("Authentication");
    RequestForm {
        principal: text(r.get("Principal")),
        mfa: match auth.and_then(|a| a.get("Mfa")) {
            Some(Json::Bool(b)) => Some(*b),
            _ => None,
        },
        mfa_age: text(auth.and_then(|a| a.get("MfaAgeSeconds"))),
        access_key: text(auth.and_then(|a| a.get("AccessKey"))),
        hops: list(r.get("AssumeRoleChain")).iter().map(hop).collect(),
        actions: strings(r.get("ActionNames")),
        resources: strings(r.get("ResourceArns")),
        context: list(r.get("ContextEntries"))
            .iter()
            .map(|e| ContextRow {
                key: text(e.get("ContextKeyName")),
                values: strings(e.get("ContextKeyValues")),
                key_type: text(e.get("ContextKeyType")),
            })
            .collect(),
        endpoint: r
            .get("ViaVpcEndpoint")
            .filter(|v| matches!(v, Json::Object(_)))
            .map(|v| EndpointForm {
                id: text(v.get("Id")),
                vpc_id: text(v.get("VpcId")),
                policy: v.get("Policy").and_then(PolicyField::read),
            }),
    }
}

impl WorldForm {
    /// Read the form from a World text; the error is `LINE:COL: message` when it is not JSON.
    pub fn read(text_: &str) -> Result<Self, String> {
        let doc = Json::parse(text_)?;
        let w = doc.get("World");
        let items = |k: &str| list(w.and_then(|w| w.get(k)));
        Ok(Self {
            users: items("Users")
                .iter()
                .map(|u| UserForm {
                    arn: text(u.get("Arn")),
                    tags: tags(u.get("Tags")),
                    groups: strings(u.get("Groups")),
                    policies: policies(u.get("Policies")),
                    boundary: u.get("PermissionsBoundary").and_then(PolicyField::read),
                    mfa_devices: strings(u.get("MfaDevices")),
                })
                .collect(),
            groups: items("Groups")
                .iter()
                .map(|g| GroupForm {
                    arn: text(g.get("Arn")),
                    policies: policies(g.get("Policies")),
                })
                .collect(),
            roles: items("Roles")
                .iter()
                .map(|r| RoleForm {
                    arn: text(r.get("Arn")),
                    trust: r.get("TrustPolicy").and_then(PolicyField::read),
                    policies: policies(r.get("Policies")),
                    boundary: r.get("PermissionsBoundary").and_then(PolicyField::read),
                    tags: tags(r.get("Tags")),
                    max_session: opt_text(r.get("MaxSessionDuration")),
                })
                .collect(),
            resources: items("Resources")
                .iter()
                .map(|r| ResourceForm {
                    arn: text(r.get("Arn")),
                    account: opt_text(r.get("Account")),
                    tags: tags(r.get("Tags")),
                    policy: r.get("Policy").and_then(PolicyField::read),
                    key_manager: text(r.get("KeyManager")),
                })
                .collect(),
            org: w.and_then(|w| w.get("Organization")).map(|o| OrgForm {
                id: text(o.get("Id")),
                management_account: opt_text(o.get("ManagementAccount")),
                root: org_node(
                    o.get("Root").unwrap_or(&Json::Null),
                    paths::world().key("Organization").key("Root"),
                ),
            }),
            request: request(doc.get("Request")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABAC: &str = include_str!("../../features/world/examples/abac-tutorial.json");
    const CROSS: &str = include_str!("../../../examples/cross-account-role.json");

    #[test]
    fn the_abac_tutorial_reads_into_the_form() {
        let f = WorldForm::read(ABAC).unwrap();
        assert_eq!(f.users.len(), 5);
        assert_eq!(f.roles.len(), 5);
        assert_eq!(f.resources.len(), 4);
        let arnav = &f.users[0];
        assert!(arnav.arn.ends_with("user/access-Arnav-peg-eng"));
        assert_eq!(arnav.tags[1], ("access-team".into(), "eng".into()));
        assert_eq!(arnav.policies.len(), 1);
        assert!(arnav.policies[0]
            .text
            .contains("\"Sid\": \"TutorialAssumeRole\""));
        let role = &f.roles[0];
        assert!(role.trust.is_some());
        assert_eq!(f.request.hops.len(), 1);
        assert_eq!(f.request.hops[0].api, "AssumeRole");
        assert_eq!(f.request.actions, vec!["secretsmanager:ListSecrets"]);
    }

    #[test]
    fn the_organization_tree_keeps_its_paths() {
        let f = WorldForm::read(CROSS).unwrap();
        let org = f.org.unwrap();
        assert_eq!(org.id, "o-exampleorgid");
        assert_eq!(org.root.scps.len(), 1);
        let prod = &org.root.children[0];
        assert_eq!(prod.id, "ou-prod");
        assert_eq!(prod.accounts[0].id, "999999999999");
        assert_eq!(prod.path.to_string(), "World.Organization.Root.Children[0]");
        assert_eq!(f.request.mfa, Some(true));
    }

    #[test]
    fn a_string_policy_is_edited_pretty_and_written_back_as_a_string() {
        let f =
            PolicyField::read(&Json::str(r#"{"Version":"2012-10-17","Statement":[]}"#)).unwrap();
        assert!(f.as_string);
        assert_eq!(
            f.text,
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}"
        );
        assert_eq!(
            PolicyField::value(&f.text, true),
            Ok(Json::str(r#"{"Version": "2012-10-17", "Statement": []}"#))
        );
        assert!(PolicyField::value("[1]", false).is_err());
        assert!(PolicyField::value("{", false)
            .unwrap_err()
            .starts_with("1:2"));
    }

    #[test]
    fn text_that_is_not_json_has_no_form() {
        assert!(WorldForm::read("{\"World\": ").is_err());
        // Wrong types read as absent.
        let f = WorldForm::read(
            r#"{"World": {"Users": 3}, "Request": {"ActionNames": "s3:GetObject"}}"#,
        )
        .unwrap();
        assert!(f.users.is_empty());
        assert_eq!(f.request.actions, vec!["s3:GetObject"]);
    }
}
