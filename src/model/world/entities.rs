//! The World form's edits of users, groups, roles, resources and the organization: add and
//! remove them, set a field (tags, a policy, the trust policy, a boundary, the longest
//! session), each written into the World text at its path.

use super::edit::{get, push, remove, set, EditError, Path};
use super::form::{paths, PolicyField, Tags};
use super::json::Json;

/// A kind of thing the World holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// An IAM user.
    User,
    /// An IAM group.
    Group,
    /// An IAM role.
    Role,
    /// A resource.
    Resource,
}

impl Entity {
    /// The World member that lists them.
    pub fn list_key(self) -> &'static str {
        match self {
            Entity::User => "Users",
            Entity::Group => "Groups",
            Entity::Role => "Roles",
            Entity::Resource => "Resources",
        }
    }

    /// Where the i-th one is.
    pub fn path(self, i: usize) -> Path {
        match self {
            Entity::User => paths::user(i),
            Entity::Group => paths::group(i),
            Entity::Role => paths::role(i),
            Entity::Resource => paths::resource(i),
        }
    }

    /// A new one in `account` named `name`: a user or group with no policies, a role that
    /// trusts its own account (as the console's "AWS account" trust does), a resource of the
    /// account.
    pub fn template(self, account: &str, name: &str) -> Json {
        let arn = |kind: &str| Json::str(format!("arn:aws:iam::{account}:{kind}/{name}"));
        let obj = |m: Vec<(&str, Json)>| {
            Json::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
        };
        match self {
            Entity::User => obj(vec![
                ("Arn", arn("user")),
                ("Policies", Json::Array(vec![])),
            ]),
            Entity::Group => obj(vec![
                ("Arn", arn("group")),
                ("Policies", Json::Array(vec![])),
            ]),
            Entity::Role => obj(vec![
                ("Arn", arn("role")),
                ("TrustPolicy", trust_account(account)),
                ("Policies", Json::Array(vec![])),
            ]),
            Entity::Resource => obj(vec![
                ("Arn", Json::str(format!("arn:aws:s3:::{name}"))),
                ("Account", Json::str(account)),
            ]),
        }
    }
}

/// A trust policy that lets principals of `account` assume the role (their own policies must
/// allow `sts:AssumeRole` too).
pub fn trust_account(account: &str) -> Json {
    Json::parse(&format!(
        r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {{"AWS": "arn:aws:iam::{account}:root"}}, "Action": "sts:AssumeRole"}}]}}"#
    ))
    .unwrap_or(Json::Null)
}

/// The policy a new policy field starts from.
pub fn new_policy() -> Json {
    Json::parse(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    )
    .unwrap_or(Json::Null)
}

/// The policy AWS gives a VPC endpoint when none is chosen ("full access"): a new endpoint
/// policy starts from it, to be narrowed (VPC guide, vpc-endpoints-access).
pub fn default_endpoint_policy() -> Json {
    Json::parse(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
    )
    .unwrap_or(Json::Null)
}

/// An edit of the World form.
#[derive(Debug, Clone, PartialEq)]
pub enum WorldEdit {
    /// Add a user, group, role or resource (the value from [`Entity::template`]).
    Add(Entity, Json),
    /// Remove the i-th one.
    Remove(Entity, usize),
    /// Set a text member (`Arn`, `Account`, `MaxSessionDuration`, an OU's `Id`); empty removes
    /// it. Digits are written as a number for `MaxSessionDuration`.
    Text(Path, String),
    /// Set tags (none removes the member).
    Tags(Path, Tags),
    /// Set a list of strings (`Groups`, `MfaDevices`, `Accounts`); empty removes it.
    Strings(Path, Vec<String>),
    /// Set a policy from the text typed in the form (a string again when it was one).
    Policy(Path, String, bool),
    /// Add a policy to the list at the path.
    AddPolicy(Path),
    /// Give a single-policy member (`TrustPolicy`, `PermissionsBoundary`, `Policy`) its
    /// first policy.
    NewPolicy(Path),
    /// Remove what is at the path (a policy, a member).
    RemoveAt(Path),
    /// Add a child OU under the node at the path.
    AddOu(Path, String),
}

impl WorldEdit {
    /// The World text after this edit (an error leaves the text as it was; a policy that is
    /// not JSON is refused with its `LINE:COL: message`).
    pub fn apply(&self, text: &str) -> Result<String, String> {
        let e = |r: Result<String, EditError>| r.map_err(|e| e.to_string());
        match self {
            WorldEdit::Add(kind, v) => e(push(text, &paths::world().key(kind.list_key()), v)),
            WorldEdit::Remove(kind, i) => e(remove(text, &kind.path(*i))),
            WorldEdit::Text(path, s) => {
                let s = s.trim();
                let numeric = path.0.last()
                    == Some(&super::edit::Step::Key("MaxSessionDuration".into()))
                    && s.parse::<i64>().is_ok();
                match (s.is_empty(), numeric) {
                    (true, _) => e(remove(text, path)),
                    (false, true) => e(set(text, path, &Json::Number(s.to_string()))),
                    (false, false) => e(set(text, path, &Json::str(s))),
                }
            }
            WorldEdit::Tags(path, tags) => {
                let kept: Tags = tags
                    .iter()
                    .filter(|(k, _)| !k.trim().is_empty())
                    .map(|(k, v)| (k.trim().to_string(), v.clone()))
                    .collect();
                if kept.is_empty() {
                    e(remove(text, path))
                } else {
                    e(set(text, path, &Json::string_map(&kept)))
                }
            }
            WorldEdit::Strings(path, items) => {
                let kept: Vec<&str> = items
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                if kept.is_empty() {
                    e(remove(text, path))
                } else {
                    e(set(text, path, &Json::strings(&kept)))
                }
            }
            WorldEdit::Policy(path, policy, as_string) => {
                let v = PolicyField::value(policy, *as_string)?;
                e(set(text, path, &v))
            }
            WorldEdit::AddPolicy(path) => e(push(text, path, &new_policy())),
            WorldEdit::NewPolicy(path) => {
                let policy = if *path == paths::endpoint().key("Policy") {
                    default_endpoint_policy()
                } else {
                    new_policy()
                };
                e(set(text, path, &policy))
            }
            WorldEdit::RemoveAt(path) => e(remove(text, path)),
            WorldEdit::AddOu(path, id) => {
                let ou = Json::Object(vec![
                    ("Id".into(), Json::str(id.as_str())),
                    ("Accounts".into(), Json::Array(vec![])),
                ]);
                e(push(text, &path.key("Children"), &ou))
            }
        }
    }
}

/// Whether a World text has an organization.
pub fn has_organization(text: &str) -> bool {
    get(text, &paths::world().key("Organization")).is_some()
}

/// Add an organization with one root (the accounts placed under it).
pub fn add_organization(text: &str, accounts: &[String]) -> Result<String, String> {
    let org = Json::Object(vec![
        ("Id".into(), Json::str("o-exampleorgid")),
        (
            "Root".into(),
            Json::Object(vec![
                ("Id".into(), Json::str("r-root")),
                ("Accounts".into(), Json::strings(accounts)),
            ]),
        ),
    ]);
    set(text, &paths::world().key("Organization"), &org).map_err(|e| e.to_string())
}

/// The World text with every AWS managed policy named by ARN (in `Policies`,
/// `PermissionsBoundary`, SCP and RCP lists) replaced by its document, for a reader without the
/// managed-policy data (the engine worker). Text that is not JSON is returned as it is.
pub fn inline_managed(
    text: &str,
    managed: &iam_engine::policy::managed::ManagedPolicies,
) -> String {
    fn doc(v: &Json, managed: &iam_engine::policy::managed::ManagedPolicies) -> Option<Json> {
        let arn = v.as_str()?;
        Json::parse(managed.by_arn(arn)?.document).ok()
    }
    fn walk(v: &mut Json, managed: &iam_engine::policy::managed::ManagedPolicies) {
        match v {
            Json::Object(members) => {
                for (k, x) in members.iter_mut() {
                    match (k.as_str(), &mut *x) {
                        (
                            "Policies" | "ServiceControlPolicies" | "ResourceControlPolicies",
                            Json::Array(items),
                        ) => {
                            for item in items.iter_mut() {
                                if let Some(d) = doc(item, managed) {
                                    *item = d;
                                }
                            }
                        }
                        ("PermissionsBoundary", _) => {
                            if let Some(d) = doc(x, managed) {
                                *x = d;
                            }
                        }
                        _ => {}
                    }
                    walk(x, managed);
                }
            }
            Json::Array(items) => items.iter_mut().for_each(|x| walk(x, managed)),
            _ => {}
        }
    }
    let Ok(mut j) = Json::parse(text) else {
        return text.to_string();
    };
    walk(&mut j, managed);
    j.write(
        &super::json::Layout {
            unit: String::new(),
            compact: true,
        },
        "",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::world::form::WorldForm;

    const ABAC: &str = include_str!("../../features/world/examples/abac-tutorial.json");
    const CROSS: &str = include_str!("../../../examples/cross-account-role.json");

    fn world_ok(t: &str) {
        let parsed = iam_engine::scenario::parse_input(t);
        assert!(
            matches!(parsed, Ok((iam_engine::Input::World(_), _))),
            "{parsed:?}"
        );
    }

    #[test]
    fn add_and_remove_a_role_with_its_trust() {
        let role = Entity::Role.template("111122223333", "access-new");
        let out = WorldEdit::Add(Entity::Role, role).apply(ABAC).unwrap();
        world_ok(&out);
        let f = WorldForm::read(&out).unwrap();
        assert_eq!(f.roles.len(), 6);
        assert!(f.roles[5]
            .trust
            .as_ref()
            .unwrap()
            .text
            .contains("111122223333:root"));
        let out = WorldEdit::Remove(Entity::Role, 5).apply(&out).unwrap();
        assert_eq!(out, ABAC);
    }

    #[test]
    fn tags_policies_and_fields() {
        let tags = paths::user(1).key("Tags");
        let out = WorldEdit::Tags(
            tags.clone(),
            vec![
                ("access-team".into(), "eng".into()),
                (" ".into(), "x".into()),
            ],
        )
        .apply(ABAC)
        .unwrap();
        world_ok(&out);
        assert_eq!(
            WorldForm::read(&out).unwrap().users[1].tags,
            [("access-team".to_string(), "eng".to_string())]
        );
        let out = WorldEdit::Text(paths::role(0).key("MaxSessionDuration"), "7200".into())
            .apply(&out)
            .unwrap();
        assert!(out.contains("\"MaxSessionDuration\": 7200"));
        // A policy typed with an error is refused and the text stays.
        let p = paths::role(0).key("Policies").at(0);
        let err = WorldEdit::Policy(p.clone(), "{\"Version\": ".into(), false)
            .apply(&out)
            .unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
        let out = WorldEdit::Policy(
            p,
            r#"{"Version": "2012-10-17", "Statement": []}"#.into(),
            false,
        )
        .apply(&out)
        .unwrap();
        world_ok(&out);
        let out = WorldEdit::NewPolicy(paths::user(0).key("PermissionsBoundary"))
            .apply(&out)
            .unwrap();
        world_ok(&out);
        assert!(WorldForm::read(&out).unwrap().users[0].boundary.is_some());
    }

    #[test]
    fn a_kms_key_manager_and_an_endpoint_policy() {
        // scenario-format v3: `Resources[].KeyManager` (RCPs skip AWS managed keys, SPEC
        // §12.3); a new endpoint policy starts as AWS's default "full access" one (§12.7).
        let key = Entity::Resource.template("111122223333", "k");
        let out = WorldEdit::Add(Entity::Resource, key).apply(ABAC).unwrap();
        let i = WorldForm::read(&out).unwrap().resources.len() - 1;
        let out = WorldEdit::Text(paths::resource(i).key("KeyManager"), "AWS".into())
            .apply(&out)
            .unwrap();
        assert_eq!(
            WorldForm::read(&out).unwrap().resources[i].key_manager,
            "AWS"
        );
        let out = WorldEdit::Text(paths::resource(i).key("KeyManager"), String::new())
            .apply(&out)
            .unwrap();
        assert_eq!(WorldForm::read(&out).unwrap().resources[i].key_manager, "");
        let out = super::super::request::RequestEdit::Endpoint(true)
            .apply(&out)
            .unwrap();
        let out = WorldEdit::NewPolicy(paths::endpoint().key("Policy"))
            .apply(&out)
            .unwrap();
        let policy = WorldForm::read(&out)
            .unwrap()
            .request
            .endpoint
            .unwrap()
            .policy
            .unwrap();
        assert!(
            policy.text.contains(r#""Principal": "*""#),
            "{}",
            policy.text
        );
    }

    #[test]
    fn managed_policies_are_inlined_for_the_worker() {
        let text = include_str!("../../../crates/cli/tests/golden/world-managed.json");
        let data = iam_engine::policy::managed::ManagedPolicies::parse(
            include_str!("../../../crates/engine/data/aws-managed-policies.txt").to_string(),
        )
        .unwrap();
        let out = inline_managed(text, &data);
        assert!(!iam_engine::scenario::names_managed_policy(&out), "{out}");
        // The same decisions without the data as with it.
        let opts = iam_engine::Options::default();
        let decide = |t: &str, m| match iam_engine::scenario::parse_input_managed(t, m) {
            Ok((iam_engine::Input::World(ws), _)) => iam_engine::simulate_world(&ws, &opts)
                .results
                .unwrap()
                .iter()
                .map(|r| r.eval_decision)
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(decide(&out, None), decide(text, Some(&data)));
    }

    #[test]
    fn the_organization_tree() {
        let f = WorldForm::read(CROSS).unwrap();
        let root = f.org.unwrap().root;
        let out = WorldEdit::AddOu(root.path.clone(), "ou-sandbox".into())
            .apply(CROSS)
            .unwrap();
        world_ok(&out);
        let root2 = WorldForm::read(&out).unwrap().org.unwrap().root;
        assert_eq!(root2.children.len(), 3);
        let acc = root2.children[2].path.key("Accounts");
        let out = WorldEdit::Strings(acc, vec!["222222222222".into()])
            .apply(&out)
            .unwrap();
        world_ok(&out);
        let out = WorldEdit::AddPolicy(root2.children[2].path.key("ServiceControlPolicies"))
            .apply(&out)
            .unwrap();
        world_ok(&out);
        assert!(has_organization(&out));
        assert!(!has_organization(ABAC));
        let out = add_organization(ABAC, &["111122223333".into()]).unwrap();
        world_ok(&out);
    }
}
