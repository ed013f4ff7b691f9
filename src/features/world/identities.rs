//! Who is who in a World, read from ARNs and trust policies: the account of an ARN, the short
//! name at its end, and whom a trust policy trusts. Pure functions, tested on the host.

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

/// What the engine's id of a World policy means: `role/Dev.1` → "policy 1 of role Dev",
/// `role/Dev/trust` → "trust policy of role Dev", `user/Ann/boundary` → "permissions boundary
/// of user Ann", `ou-x/SCP.2` → "SCP 2 of ou-x"; the id itself otherwise.
pub fn policy_name(id: &str) -> String {
    if let Some(arn) = id.strip_prefix("resource ") {
        return format!("resource-based policy of {arn}");
    }
    let Some((head, tail)) = id.rsplit_once('/') else {
        return id.to_string();
    };
    let who = |h: &str| match h.split_once('/') {
        Some((kind, name)) => format!("{kind} {name}"),
        None => h.to_string(),
    };
    match tail {
        "trust" => format!("trust policy of {}", who(head)),
        "boundary" => format!("permissions boundary of {}", who(head)),
        _ => match tail.rsplit_once('.') {
            Some(("SCP", n)) => format!("SCP {n} of {head}"),
            Some(("RCP", n)) => format!("RCP {n} of {head}"),
            Some((name, n)) if matches!(head, "role" | "user" | "group") => {
                format!("policy {n} of {head} {name}")
            }
            _ => id.to_string(),
        },
    }
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

    #[test]
    fn policy_ids_read_as_words() {
        assert_eq!(
            policy_name("role/access-peg-engineering.1"),
            "policy 1 of role access-peg-engineering"
        );
        assert_eq!(
            policy_name("role/UpdateApp/trust"),
            "trust policy of role UpdateApp"
        );
        assert_eq!(
            policy_name("user/Zhang/boundary"),
            "permissions boundary of user Zhang"
        );
        assert_eq!(policy_name("ou-abcd-1111/SCP.2"), "SCP 2 of ou-abcd-1111");
        assert_eq!(
            policy_name("resource arn:aws:s3:::b"),
            "resource-based policy of arn:aws:s3:::b"
        );
        assert_eq!(policy_name("PolicyInputList.1"), "PolicyInputList.1");
    }
}
