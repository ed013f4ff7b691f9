//! The request builder's logic: whom the World offers as the caller, which roles a hop can
//! assume, which resources and actions to pick from (the World's and the catalog's), a new hop
//! of each STS kind, and the edits each builder control makes to the World text.

use iam_engine::catalog::Catalog;

use super::edit::{push, remove, set, EditError, Path};
use super::form::{paths, WorldForm};
use super::json::Json;

/// Something to pick: the value written, and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value (an ARN, an action).
    pub value: String,
    /// A short label (`access-Arnav-peg-eng`, `root of 111122223333`).
    pub label: String,
    /// `user`, `root`, `provider`, `role`, `resource`.
    pub kind: &'static str,
}

/// The STS operations a hop can call, as `Api` writes them.
pub const HOP_APIS: [&str; 4] = [
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithWebIdentity",
    "GetSessionToken",
];

/// The account of an ARN (`arn:aws:iam::111122223333:user/x` → `111122223333`).
pub fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// The last part of an ARN's resource (`user/path/alice` → `alice`).
pub fn short_name(arn: &str) -> &str {
    let resource = arn.splitn(6, ':').nth(5).unwrap_or(arn);
    resource.rsplit('/').next().unwrap_or(resource)
}

/// Every account the World mentions, in order of appearance.
pub fn accounts(f: &WorldForm) -> Vec<String> {
    fn walk(n: &super::form::OrgNodeForm, out: &mut Vec<String>) {
        out.extend(n.accounts.iter().map(|a| a.id.clone()));
        for c in &n.children {
            walk(c, out);
        }
    }
    let mut out = Vec::new();
    if let Some(o) = &f.org {
        out.extend(o.management_account.iter().cloned());
        walk(&o.root, &mut out);
    }
    let arns = f
        .users
        .iter()
        .map(|u| u.arn.as_str())
        .chain(f.roles.iter().map(|r| r.arn.as_str()))
        .chain(f.groups.iter().map(|g| g.arn.as_str()));
    out.extend(arns.filter_map(account_of).map(str::to_string));
    out.extend(f.resources.iter().filter_map(|r| {
        r.account
            .clone()
            .or_else(|| account_of(&r.arn).map(str::to_string))
    }));
    let mut seen = Vec::new();
    out.retain(|a| {
        let new = !a.is_empty() && !seen.contains(a);
        seen.push(a.clone());
        new
    });
    out
}

/// Who can make the request: each user, each account's root user, and each identity provider
/// a trust policy names (the start of a SAML or web identity chain). The current principal is
/// there even when the World does not list it.
pub fn principals(f: &WorldForm) -> Vec<Choice> {
    let mut out: Vec<Choice> = f
        .users
        .iter()
        .map(|u| Choice {
            value: u.arn.clone(),
            label: short_name(&u.arn).to_string(),
            kind: "user",
        })
        .collect();
    out.extend(accounts(f).into_iter().map(|a| Choice {
        value: format!("arn:aws:iam::{a}:root"),
        label: format!("root of {a}"),
        kind: "root",
    }));
    for p in providers(f) {
        let label = short_name(&p).to_string();
        out.push(Choice {
            value: p,
            label,
            kind: "provider",
        });
    }
    let current = &f.request.principal;
    if !current.is_empty() && !out.iter().any(|c| c.value == *current) {
        out.push(Choice {
            value: current.clone(),
            label: short_name(current).to_string(),
            kind: "other",
        });
    }
    out
}

/// The `Federated` principals of the roles' trust policies.
fn providers(f: &WorldForm) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &f.roles {
        let Some(trust) = r.trust.as_ref().and_then(|t| Json::parse(&t.text).ok()) else {
            continue;
        };
        for st in statements(&trust) {
            let fed = st.get("Principal").and_then(|p| p.get("Federated"));
            for p in string_items(fed) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

fn statements(policy: &Json) -> Vec<&Json> {
    match policy.get("Statement") {
        Some(Json::Array(a)) => a.iter().collect(),
        Some(o @ Json::Object(_)) => vec![o],
        _ => Vec::new(),
    }
}

fn string_items(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::String(s)) => vec![s.clone()],
        Some(Json::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The roles a hop can name.
pub fn roles(f: &WorldForm) -> Vec<Choice> {
    f.roles
        .iter()
        .map(|r| Choice {
            value: r.arn.clone(),
            label: short_name(&r.arn).to_string(),
            kind: "role",
        })
        .collect()
}

/// The resources a request can name: `*`, the World's resources, then its roles and users
/// (IAM resources too).
pub fn resources(f: &WorldForm) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: "*".into(),
        label: "* (no particular resource)".into(),
        kind: "any",
    }];
    out.extend(f.resources.iter().map(|r| Choice {
        value: r.arn.clone(),
        label: short_name(&r.arn).to_string(),
        kind: "resource",
    }));
    out.extend(roles(f));
    out.extend(f.users.iter().map(|u| Choice {
        value: u.arn.clone(),
        label: short_name(&u.arn).to_string(),
        kind: "user",
    }));
    out
}

/// The actions the World's policies name without wildcards, sorted (what a lesson asks about).
pub fn named_actions(f: &WorldForm) -> Vec<String> {
    let texts = f
        .users
        .iter()
        .flat_map(|u| u.policies.iter().chain(&u.boundary))
        .chain(f.groups.iter().flat_map(|g| &g.policies))
        .chain(
            f.roles
                .iter()
                .flat_map(|r| r.policies.iter().chain(&r.boundary).chain(&r.trust)),
        )
        .chain(f.resources.iter().flat_map(|r| &r.policy));
    let mut out: Vec<String> = Vec::new();
    for p in texts {
        let Ok(j) = Json::parse(&p.text) else {
            continue;
        };
        for st in statements(&j) {
            for a in string_items(st.get("Action")) {
                if !a.contains(['*', '?']) && !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out.extend(f.request.actions.iter().filter(|a| !a.is_empty()).cloned());
    out.sort_by_key(|a| a.to_ascii_lowercase());
    out.dedup();
    out
}

/// Catalog actions of the service of `typed` (`secretsmanager:Get` → every Secrets Manager
/// action), as `prefix:Name`, at most `limit`.
pub fn catalog_actions(catalog: &Catalog, typed: &str, limit: usize) -> Vec<String> {
    let Some((prefix, _)) = typed.split_once(':') else {
        return Vec::new();
    };
    catalog
        .service(prefix)
        .map(|s| {
            s.actions()
                .iter()
                .take(limit)
                .map(|a| format!("{}:{}", s.prefix(), a.name()))
                .collect()
        })
        .unwrap_or_default()
}

/// The ARN formats of the resource types `action` names in the catalog, with the partition,
/// and the account when known, filled in.
pub fn resource_formats(catalog: &Catalog, action: &str, account: Option<&str>) -> Vec<String> {
    let Some(a) = catalog.action(action) else {
        return Vec::new();
    };
    a.resource_types()
        .map(|(rt, _)| {
            let arn = rt.arn().replace("${Partition}", "aws");
            match account {
                Some(acct) => arn.replace("${Account}", acct),
                None => arn,
            }
        })
        .collect()
}

/// A new hop calling `api` (on `role`, unless it is `GetSessionToken`), as the tutorials write
/// one: a session name for AssumeRole, the sign-in audience for SAML.
pub fn new_hop(api: &str, role: Option<&str>, session_name: &str) -> Json {
    let mut m = vec![("Api".to_string(), Json::str(api))];
    if api != "GetSessionToken" {
        m.push(("RoleArn".into(), Json::str(role.unwrap_or_default())));
    }
    match api {
        "AssumeRole" | "AssumeRoleWithWebIdentity" => {
            m.push(("RoleSessionName".into(), Json::str(session_name)));
        }
        "AssumeRoleWithSAML" => m.push((
            "FederatedClaims".into(),
            Json::Object(vec![(
                "saml:aud".into(),
                Json::str("https://signin.aws.amazon.com/saml"),
            )]),
        )),
        _ => {}
    }
    Json::Object(m)
}

/// An edit the request builder makes.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestEdit {
    /// Make the request as this principal.
    Principal(String),
    /// Set the one action.
    Action(String),
    /// Set the actions.
    Actions(Vec<String>),
    /// Set the resources (empty: `*`, the member removed).
    Resources(Vec<String>),
    /// MFA: `None` removes it.
    Mfa(Option<bool>),
    /// Seconds since MFA (empty removes it).
    MfaAge(String),
    /// Add a hop at the end of the chain.
    AddHop(Json),
    /// Remove hop `i`.
    RemoveHop(usize),
    /// Set a member of hop `i` (`Null`, an empty string, list or object removes it).
    HopField(usize, &'static str, Json),
    /// Replace the context entries.
    Context(Vec<super::form::ContextRow>),
    /// Send the request through a VPC endpoint (`true`: one with example ids and no policy,
    /// that is the default endpoint policy, which allows everything) or not (`false`).
    Endpoint(bool),
    /// Set the endpoint's `Id` or `VpcId` (empty removes it).
    EndpointField(&'static str, String),
}

fn set_or_remove(text: &str, path: &Path, v: Json) -> Result<String, EditError> {
    let empty = match &v {
        Json::Null => true,
        Json::String(s) => s.is_empty(),
        Json::Array(a) => a.is_empty(),
        Json::Object(m) => m.is_empty(),
        _ => false,
    };
    if empty {
        remove(text, path)
    } else {
        set(text, path, &v)
    }
}

impl RequestEdit {
    /// The World text after this edit (an error leaves the text as it was).
    pub fn apply(&self, text: &str) -> Result<String, EditError> {
        let req = paths::request();
        let auth = req.key("Authentication");
        match self {
            RequestEdit::Principal(p) => set(text, &req.key("Principal"), &Json::str(p.as_str())),
            RequestEdit::Action(a) => set(text, &req.key("ActionNames"), &Json::strings(&[a])),
            RequestEdit::Actions(a) => set(text, &req.key("ActionNames"), &Json::strings(a)),
            RequestEdit::Resources(r) => {
                set_or_remove(text, &req.key("ResourceArns"), Json::strings(r))
            }
            RequestEdit::Mfa(m) => {
                set_or_remove(text, &auth.key("Mfa"), m.map_or(Json::Null, Json::Bool))
            }
            RequestEdit::MfaAge(s) => {
                let v = match s.trim() {
                    "" => Json::Null,
                    n if n.parse::<i64>().is_ok() => Json::Number(n.to_string()),
                    n => Json::str(n),
                };
                set_or_remove(text, &auth.key("MfaAgeSeconds"), v)
            }
            RequestEdit::AddHop(h) => push(text, &req.key("AssumeRoleChain"), h),
            RequestEdit::RemoveHop(i) => {
                let out = remove(text, &paths::hop(*i))?;
                // An empty chain goes away.
                match super::edit::get(&out, &req.key("AssumeRoleChain")) {
                    Some(Json::Array(a)) if a.is_empty() => {
                        remove(&out, &req.key("AssumeRoleChain"))
                    }
                    _ => Ok(out),
                }
            }
            RequestEdit::HopField(i, key, v) => {
                set_or_remove(text, &paths::hop(*i).key(key), v.clone())
            }
            RequestEdit::Context(rows) => {
                let v = Json::Array(
                    rows.iter()
                        .filter(|r| !r.key.trim().is_empty())
                        .map(|r| {
                            let mut m = vec![
                                ("ContextKeyName".to_string(), Json::str(r.key.trim())),
                                ("ContextKeyValues".to_string(), Json::strings(&r.values)),
                            ];
                            if !r.key_type.is_empty() {
                                m.push(("ContextKeyType".into(), Json::str(r.key_type.as_str())));
                            }
                            Json::Object(m)
                        })
                        .collect(),
                );
                set_or_remove(text, &req.key("ContextEntries"), v)
            }
            RequestEdit::Endpoint(true) => match super::edit::get(text, &paths::endpoint()) {
                Some(_) => Ok(text.to_string()),
                None => set(
                    text,
                    &paths::endpoint(),
                    &Json::Object(vec![
                        ("Id".into(), Json::str("vpce-1a2b3c4d")),
                        ("VpcId".into(), Json::str("vpc-111bbb22")),
                    ]),
                ),
            },
            RequestEdit::Endpoint(false) => remove(text, &paths::endpoint()),
            RequestEdit::EndpointField(key, v) => {
                set_or_remove(text, &paths::endpoint().key(key), Json::str(v.trim()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABAC: &str = include_str!("../../features/world/examples/abac-tutorial.json");
    const SAML: &str = include_str!("../../features/world/examples/saml-session-tags.json");

    fn form(t: &str) -> WorldForm {
        WorldForm::read(t).unwrap()
    }

    #[test]
    fn the_callers_are_the_users_the_roots_and_the_providers() {
        let p = principals(&form(ABAC));
        let labels: Vec<&str> = p.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "access-Arnav-peg-eng",
                "access-Mary-peg-qas",
                "access-Saanvi-uni-eng",
                "access-Carlos-uni-qas",
                "access-Nikhil-cen-eng",
                "root of 111122223333"
            ]
        );
        let saml = principals(&form(SAML));
        assert!(saml.iter().any(
            |c| c.kind == "provider" && c.value.ends_with(":saml-provider/ExampleCorpProvider")
        ));
    }

    #[test]
    fn switching_the_caller_changes_one_line() {
        let mary = "arn:aws:iam::111122223333:user/access-Mary-peg-qas";
        let out = RequestEdit::Principal(mary.into()).apply(ABAC).unwrap();
        assert_eq!(form(&out).request.principal, mary);
        let changed: Vec<(&str, &str)> = ABAC
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(ABAC.lines().count(), out.lines().count());
    }

    #[test]
    fn hops_are_added_edited_and_removed() {
        let f = form(ABAC);
        let role = &roles(&f)[1].value;
        let out = RequestEdit::AddHop(new_hop("AssumeRole", Some(role), "Mary"))
            .apply(ABAC)
            .unwrap();
        let hops = form(&out).request.hops;
        assert_eq!(hops.len(), 2);
        assert_eq!(hops[1].role_arn, *role);
        assert_eq!(hops[1].session_name, "Mary");
        let out = RequestEdit::HopField(
            1,
            "Tags",
            Json::string_map(&[("access-team".into(), "qas".into())]),
        )
        .apply(&out)
        .unwrap();
        assert_eq!(
            form(&out).request.hops[1].tags,
            [("access-team".into(), "qas".into())]
        );
        let out = RequestEdit::HopField(1, "Tags", Json::Object(vec![]))
            .apply(&out)
            .unwrap();
        assert!(form(&out).request.hops[1].tags.is_empty());
        let out = RequestEdit::RemoveHop(1).apply(&out).unwrap();
        let out = RequestEdit::RemoveHop(0).apply(&out).unwrap();
        assert!(form(&out).request.hops.is_empty());
        assert!(!out.contains("AssumeRoleChain"));
        // Still a World the engine reads.
        assert!(matches!(
            iam_engine::scenario::parse_input(&out),
            Ok((iam_engine::Input::World(_), _))
        ));
    }

    #[test]
    fn the_request_goes_through_a_vpc_endpoint_and_back() {
        // scenario-format v3: `Request.ViaVpcEndpoint: {Id, VpcId, Policy?}`; no `Policy` is
        // the default endpoint policy (SPEC §12.7).
        let out = RequestEdit::Endpoint(true).apply(ABAC).unwrap();
        let e = form(&out).request.endpoint.unwrap();
        assert_eq!(
            (e.id.as_str(), e.vpc_id.as_str()),
            ("vpce-1a2b3c4d", "vpc-111bbb22")
        );
        assert_eq!(e.policy, None);
        // Turning it on again keeps what was set.
        let out = RequestEdit::EndpointField("Id", " vpce-0example ".into())
            .apply(&out)
            .unwrap();
        let out = RequestEdit::Endpoint(true).apply(&out).unwrap();
        assert_eq!(form(&out).request.endpoint.unwrap().id, "vpce-0example");
        let out = RequestEdit::EndpointField("VpcId", String::new())
            .apply(&out)
            .unwrap();
        assert_eq!(form(&out).request.endpoint.unwrap().vpc_id, "");
        let (input, diags) = iam_engine::scenario::parse_input(&out).unwrap();
        assert!(matches!(input, iam_engine::Input::World(_)));
        assert!(
            diags
                .iter()
                .all(|d| d.severity != iam_engine::Severity::Error),
            "{diags:?}"
        );
        let out = RequestEdit::Endpoint(false).apply(&out).unwrap();
        assert_eq!(form(&out).request.endpoint, None);
        assert!(!out.contains("ViaVpcEndpoint"));
    }

    #[test]
    fn authentication_context_and_resources() {
        let out = RequestEdit::Mfa(Some(true)).apply(ABAC).unwrap();
        let out = RequestEdit::MfaAge("300".into()).apply(&out).unwrap();
        let f = form(&out);
        assert_eq!(
            (f.request.mfa, f.request.mfa_age.as_str()),
            (Some(true), "300")
        );
        let out = RequestEdit::Mfa(None).apply(&out).unwrap();
        assert_eq!(form(&out).request.mfa, None);
        let row = super::super::form::ContextRow {
            key: "aws:SourceIp".into(),
            values: vec!["203.0.113.7".into()],
            key_type: "ip".into(),
        };
        let out = RequestEdit::Context(vec![row.clone()]).apply(&out).unwrap();
        assert_eq!(form(&out).request.context, vec![row]);
        let out = RequestEdit::Resources(vec![]).apply(&out).unwrap();
        assert!(form(&out).request.resources.is_empty());
        assert!(!out.contains("ResourceArns"));
    }

    #[test]
    fn catalog_pickers() {
        let catalog =
            Catalog::parse(include_str!("../../../crates/engine/data/iam-catalog.txt")).unwrap();
        let acts = catalog_actions(&catalog, "secretsmanager:Get", 500);
        assert!(acts.contains(&"secretsmanager:GetSecretValue".to_string()));
        let formats = resource_formats(
            &catalog,
            "secretsmanager:GetSecretValue",
            Some("111122223333"),
        );
        assert!(
            formats
                .iter()
                .any(|f| f.starts_with("arn:aws:secretsmanager:${Region}:111122223333:secret:")),
            "{formats:?}"
        );
        assert!(named_actions(&form(ABAC)).contains(&"sts:AssumeRole".to_string()));
    }
}
