//! The World mode's default scenario (cross-account delegation: David in Development assumes
//! UpdateApp in Production) and the plain helpers the World summary is built from: account of an
//! ARN, short names, and whom a trust policy trusts. Pure functions, tested on the host.

/// The default World scenario: `examples/cross-account-role.json`.
pub const WORLD_EXAMPLE: &str = include_str!("../examples/cross-account-role.json");

/// The World examples offered in the picker: (id, title, scenario). The others are scenarios of
/// the engine's test cases (`crates/engine/tests/cases/world_*.json`), copied as they were.
pub const WORLD_EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "cross-account",
        "Cross-account delegation: David assumes UpdateApp",
        WORLD_EXAMPLE,
    ),
    (
        "role-chaining",
        "Role chaining: alice reaches RoleB through RoleA",
        include_str!("world_examples/role-chaining.json"),
    ),
    (
        "transitive-tags",
        "Transitive session tags survive the second hop",
        include_str!("world_examples/transitive-tags.json"),
    ),
    (
        "mfa-cross-account",
        "MFA-protected cross-account delegation",
        include_str!("world_examples/mfa-cross-account.json"),
    ),
    (
        "saml-session-tags",
        "SAML session tags for ABAC",
        include_str!("world_examples/saml-session-tags.json"),
    ),
    (
        "abac-tutorial",
        "ABAC tutorial: Arnav switches to access-peg-engineering",
        include_str!("world_examples/abac-tutorial.json"),
    ),
];

/// The account ID in an ARN (`arn:aws:iam::111111111111:user/David` → `111111111111`), if any.
pub fn account_of(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    if parts.next() != Some("arn") {
        return None;
    }
    let account = parts.nth(3)?;
    (!account.is_empty()).then_some(account)
}

/// The name at the end of an ARN (`…:role/path/UpdateApp` → `UpdateApp`); the text itself
/// when it is not an ARN.
pub fn short_name(arn: &str) -> &str {
    let tail = arn.rsplit(':').next().unwrap_or(arn);
    tail.rsplit('/').next().unwrap_or(tail)
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// Whom a trust policy lets in: the principals of its `Allow` statements, as
/// `AWS: arn:…`, `Service: …`, `Federated: …` or `*` (everyone). `NotPrincipal` statements
/// are shown as `everyone except …`. Empty when the text is not a policy.
pub fn trusted_principals(trust_policy: &str) -> Vec<String> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(trust_policy) else {
        return Vec::new();
    };
    let statements = match doc.get("Statement") {
        Some(serde_json::Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for st in &statements {
        if st.get("Effect").and_then(|e| e.as_str()) != Some("Allow") {
            continue;
        }
        let (principal, negated) = match (st.get("Principal"), st.get("NotPrincipal")) {
            (Some(p), _) => (p, false),
            (None, Some(p)) => (p, true),
            (None, None) => continue,
        };
        let mut found = Vec::new();
        match principal {
            serde_json::Value::String(s) => found.push(s.clone()),
            serde_json::Value::Object(map) => {
                for (kind, v) in map {
                    for s in strings(v) {
                        found.push(format!("{kind}: {s}"));
                    }
                }
            }
            _ => {}
        }
        for f in found {
            let f = if negated {
                format!("everyone except {f}")
            } else {
                f
            };
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_is_a_world_scenario() {
        let parsed = iam_engine::scenario::parse_input(WORLD_EXAMPLE);
        assert!(matches!(parsed, Ok((iam_engine::Input::World(_), _))));
    }

    #[test]
    fn example_chain_is_allowed_and_put_object_allowed() {
        let Ok((iam_engine::Input::World(ws), _)) =
            iam_engine::scenario::parse_input(WORLD_EXAMPLE)
        else {
            panic!("not a world");
        };
        let opts = iam_engine::Options {
            trace: true,
            now_epoch_seconds: Some(1_700_000_000),
        };
        let out = iam_engine::simulate_world(&ws, &opts);
        let results = out.results.expect("results");
        assert_eq!(results[0].eval_decision, iam_engine::EvalDecision::Allowed);
        let chain = results[0].chain.as_ref().expect("chain");
        assert_eq!(chain[0].eval_decision, iam_engine::EvalDecision::Allowed);
    }

    #[test]
    fn every_example_is_a_world_with_results() {
        for (id, _, text) in WORLD_EXAMPLES {
            let Ok((iam_engine::Input::World(ws), _)) = iam_engine::scenario::parse_input(text)
            else {
                panic!("{id}: not a world");
            };
            let out = iam_engine::simulate_world(&ws, &iam_engine::Options::default());
            assert!(out.results.is_some(), "{id}: {:?}", out.diagnostics);
        }
    }

    #[test]
    fn arn_parts() {
        assert_eq!(
            account_of("arn:aws:iam::111111111111:user/David"),
            Some("111111111111")
        );
        assert_eq!(account_of("arn:aws:s3:::bucket"), None);
        assert_eq!(account_of("David"), None);
        assert_eq!(short_name("arn:aws:iam::1:role/a/b/UpdateApp"), "UpdateApp");
        assert_eq!(short_name("Developers"), "Developers");
    }

    #[test]
    fn trust_principals() {
        let t = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
            {"Effect":"Deny","Principal":"*","Action":"*"}]}"#;
        assert_eq!(
            trusted_principals(t),
            vec!["AWS: arn:aws:iam::1:root", "Service: ec2.amazonaws.com"]
        );
        assert_eq!(
            trusted_principals(r#"{"Statement":{"Effect":"Allow","Principal":"*"}}"#),
            vec!["*"]
        );
        assert!(trusted_principals("not json").is_empty());
    }
}
