//! Matching of `Action`, `Resource` and `Principal` entries against the request.

use crate::policy::pattern::{self, Resolved, Tok};
use crate::policy::{PrincipalEntry, PrincipalType};
use crate::request::arn::{arn_components, is_account_id, ARN_COMPONENTS};
use crate::request::caller::{Caller, CallerKind};
use crate::trace::PrincipalCategory;

/// Whether an action pattern matches an action: whole string, case-insensitive, `*` and `?`.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    pattern::glob(pattern, action, true)
}

/// Split tokens at the first `n - 1` literal colons.
fn split_toks(toks: &[Tok], n: usize) -> Vec<&[Tok]> {
    let mut out = Vec::with_capacity(n);
    let mut rest = toks;
    while out.len() + 1 < n {
        match rest.iter().position(|t| *t == Tok::Ch(':')) {
            Some(i) => {
                out.push(rest.get(..i).unwrap_or_default());
                rest = rest.get(i + 1..).unwrap_or_default();
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

fn show(toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| match t {
            Tok::Ch(c) => *c,
            Tok::Star => '*',
            Tok::One => '?',
        })
        .collect()
}

/// Match a resolved `Resource` pattern against a request resource. `Err` explains a mismatch.
pub fn resource_matches(pattern: &Resolved, resource: &str) -> Result<(), String> {
    if pattern.toks == [Tok::Star] {
        return Ok(());
    }
    if resource == "*" {
        return Err(
            "the request's resource is `*`, which only `\"Resource\": \"*\"` matches (the documentation does not say how an ARN pattern meets a request for `*`: README, choice 2)".into(),
        );
    }
    let parts = split_toks(&pattern.toks, 6);
    let arn: Vec<&str> = resource.splitn(6, ':').collect();
    if parts.len() == 6 {
        if arn.len() < 6 {
            return Err(format!(
                "`{resource}` does not have the six components of an ARN"
            ));
        }
        return components_match(&parts, &arn).map_err(|e| {
            // SPEC §12.6: whether a `*` ending a middle component may cross `:` is not settled;
            // say so when that reading is what made the pattern miss.
            let middle_star = parts
                .get(..5)
                .is_some_and(|p| p.iter().any(|c| c.last() == Some(&Tok::Star)));
            if middle_star && pattern::matches(&pattern.toks, resource, false) {
                format!("{e} — here a `*` matches within one ARN component; the live Resource page says a `*` that ends a segment \"can expand to match beyond the colon boundaries\", which would match: not settled, this playground keeps wildcards inside their component (README, choice 1)")
            } else {
                e
            }
        });
    }
    // Fewer than six components: a trailing `*` in the last one may swallow colons.
    let last_idx = parts.len() - 1;
    let last = parts.last().copied().unwrap_or_default();
    if last.last() != Some(&Tok::Star) {
        return Err(format!(
            "the pattern has only {} of the six ARN components and does not end with `*`",
            parts.len()
        ));
    }
    let head_parts = parts.get(..last_idx).unwrap_or_default();
    if arn.len() < parts.len() {
        return Err(format!(
            "`{resource}` has fewer components than the pattern"
        ));
    }
    components_match(head_parts, arn.get(..last_idx).unwrap_or_default())?;
    let remainder = arn.get(last_idx..).unwrap_or_default().join(":");
    if pattern::matches(last, &remainder, false) {
        Ok(())
    } else {
        Err(format!("`{remainder}` does not match `{}`", show(last)))
    }
}

/// [`resource_matches`] as a yes/no answer, without allocating (the decision-only path).
pub fn resource_hit(pattern: &Resolved, resource: &str) -> bool {
    if pattern.toks == [Tok::Star] {
        return true;
    }
    // Without a wildcard, components match one by one exactly when the texts are equal (and
    // the pattern has all six).
    if !pattern
        .toks
        .iter()
        .any(|t| matches!(t, Tok::Star | Tok::One))
    {
        return exact_hit(&pattern.text, resource);
    }
    // The pattern split at its first five literal colons.
    let mut parts: [&[Tok]; 6] = [&[]; 6];
    let mut n = 0;
    let mut rest: &[Tok] = &pattern.toks;
    while n + 1 < 6 {
        match rest.iter().position(|t| *t == Tok::Ch(':')) {
            Some(i) => {
                if let Some(p) = parts.get_mut(n) {
                    *p = rest.get(..i).unwrap_or_default();
                }
                rest = rest.get(i + 1..).unwrap_or_default();
                n += 1;
            }
            None => break,
        }
    }
    if let Some(p) = parts.get_mut(n) {
        *p = rest;
    }
    components_hit(
        &parts,
        n + 1,
        resource,
        |p, a| pattern::matches(p, a, false),
        |p| p.last() == Some(&Tok::Star),
    )
}

/// [`resource_hit`] for a pattern written without policy variables, read as written (`*` and
/// `?` are wildcards): no tokens are built.
pub fn resource_hit_text(pattern: &str, resource: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if !crate::text::scan::has_wildcard(pattern) {
        return exact_hit(pattern, resource);
    }
    // The common case, `arn:aws:s3:::bucket/*`: no wildcard in the first five components,
    // which then equal the resource's exactly (colons at the same places), and only the
    // last one is matched.
    if let Some(fifth) = pattern
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b':')
        .nth(4)
    {
        let (head, last) = pattern.split_at(fifth.0 + 1);
        if !crate::text::scan::has_wildcard(head) {
            return match (resource.get(..head.len()), resource.get(head.len()..)) {
                (Some(h), Some(rest)) => h == head && pattern::glob(last, rest, false),
                _ => false,
            };
        }
    }
    let mut parts: [&str; 6] = [""; 6];
    let mut n = 0;
    for (i, part) in pattern.splitn(6, ':').enumerate() {
        if let Some(p) = parts.get_mut(i) {
            *p = part;
        }
        n = i + 1;
    }
    components_hit(
        &parts,
        n,
        resource,
        |p, a| pattern::glob(p, a, false),
        |p| p.ends_with('*'),
    )
}

/// A pattern without wildcards: equal to the resource, and a whole ARN (six components).
fn exact_hit(pattern: &str, resource: &str) -> bool {
    resource != "*" && pattern == resource && pattern.bytes().filter(|&b| b == b':').count() >= 5
}

/// The component-wise match of [`resource_hit`]: `parts` are the pattern's first `n`
/// components (split at its first five colons), `hit` matches one against a resource
/// component, `ends_star` says whether one ends with `*`.
fn components_hit<P: Copy>(
    parts: &[P; 6],
    n: usize,
    resource: &str,
    hit: impl Fn(P, &str) -> bool,
    ends_star: impl Fn(P) -> bool,
) -> bool {
    if resource == "*" {
        return false;
    }
    // The resource split likewise (a byte scan: `splitn` sets up a searcher per component).
    let arn = arn_components(resource);
    let m = arn.iter().flatten().count();
    let comp = |i: usize| -> bool {
        match (parts.get(i), arn.get(i).copied().flatten()) {
            (Some(p), Some(a)) => hit(*p, a),
            _ => false,
        }
    };
    if n == 6 {
        return m == 6 && (0..6).all(comp);
    }
    let Some(&last) = parts.get(n.wrapping_sub(1)) else {
        return false;
    };
    if !ends_star(last) || m < n {
        return false;
    }
    if !(0..n - 1).all(comp) {
        return false;
    }
    // The rest of the resource from its `n`-th component on, colons included.
    let start: usize = arn.iter().take(n - 1).flatten().map(|c| c.len() + 1).sum();
    let remainder = resource.get(start..).unwrap_or_default();
    hit(last, remainder)
}

fn components_match(parts: &[&[Tok]], arn: &[&str]) -> Result<(), String> {
    for (i, (p, a)) in parts.iter().zip(arn).enumerate() {
        if !pattern::matches(p, a, false) {
            let name = ARN_COMPONENTS.get(i).copied().unwrap_or("component");
            return Err(format!(
                "ARN component {} ({name}): `{a}` does not match `{}`",
                i + 1,
                show(p)
            ));
        }
    }
    Ok(())
}

/// `ArnLike`/`ArnEquals`: six components each, compared one by one; wildcards never cross `:`.
pub fn arn_like(pattern: &Resolved, value: &str) -> bool {
    let parts = split_toks(&pattern.toks, 6);
    let arn: Vec<&str> = value.splitn(6, ':').collect();
    parts.len() == 6 && arn.len() == 6 && components_match(&parts, &arn).is_ok()
}

/// How a `Principal` entry relates to the caller: `None` when it does not name it.
pub fn principal_matches(entry: &PrincipalEntry, caller: &Caller) -> Option<PrincipalCategory> {
    let v = entry.value.as_str();
    match entry.kind {
        PrincipalType::Everyone => Some(PrincipalCategory::Direct),
        PrincipalType::Aws if v == "*" => Some(PrincipalCategory::Direct),
        PrincipalType::Service => match &caller.kind {
            CallerKind::Service { name } if name == v => Some(PrincipalCategory::Direct),
            _ => None,
        },
        PrincipalType::Federated => match &caller.kind {
            CallerKind::IdentityProvider { provider } if provider == v => {
                Some(PrincipalCategory::Direct)
            }
            _ => None,
        },
        PrincipalType::CanonicalUser => None,
        PrincipalType::Aws => aws_principal(v, caller),
    }
}

/// Whether a `NotPrincipal` entry names the caller *itself* (SPEC §12.1, [UG NPRIN]): an IAM
/// user by its user ARN, a role session by its session ARN, a federated user by its
/// federated-user ARN, the root user by the account ID or `arn:aws:iam::A:root`. An account
/// entry exempts only the root user and a role ARN exempts no session: the doc's examples deny
/// "all principals except the user named Bob" although Bob's account is listed too, and
/// another session of a listed role. `"*"` names everyone; `Service` and `Federated` entries
/// name the service or provider itself, as in `Principal`.
pub fn not_principal_names(entry: &PrincipalEntry, caller: &Caller) -> bool {
    let v = entry.value.as_str();
    match entry.kind {
        PrincipalType::Aws if v != "*" => {}
        _ => return principal_matches(entry, caller).is_some(),
    }
    let Some(account) = caller.account.as_deref() else {
        return false;
    };
    match &caller.kind {
        CallerKind::Root => {
            v == account
                || matches!(
                    arn_components(v),
                    [Some("arn"), Some(_), Some("iam"), Some(_), Some(a), Some("root")] if a == account
                )
        }
        CallerKind::User { .. }
        | CallerKind::FederatedUser { .. }
        | CallerKind::RoleSession {
            session: Some(_), ..
        } => caller.arn.as_deref() == Some(v),
        _ => false,
    }
}

/// For a `NotPrincipal` entry that names an IAM user, role, session or federated user: the
/// account entry AWS says should be listed beside it ("you must also include the account ARN",
/// [UG NPRIN]), and for a session the role entry too, when they are missing from `entries`.
/// The doc warns that without them the statement "might deny access to the entire account";
/// the engine evaluates the entry literally (SPEC §12.1 [AMBIGUOUS]) and says so.
pub fn not_principal_missing_companions(
    entry: &PrincipalEntry,
    entries: &[PrincipalEntry],
) -> Vec<String> {
    if entry.kind != PrincipalType::Aws {
        return Vec::new();
    }
    let parts: Vec<&str> = entry.value.splitn(6, ':').collect();
    let [_, partition, service, _, acct, resource] = parts.as_slice() else {
        return Vec::new();
    };
    let named = |want: &str| {
        entries
            .iter()
            .any(|e| e.kind == PrincipalType::Aws && (e.value == want))
    };
    let root = format!("arn:{partition}:iam::{acct}:root");
    let mut missing = Vec::new();
    let is_identity = matches!(
        (*service, resource.split('/').next().unwrap_or_default()),
        ("iam", "user" | "role") | ("sts", "assumed-role" | "federated-user")
    );
    if is_identity && !named(&root) && !named(acct) {
        missing.push(root);
    }
    if let ("sts", Some(rest)) = (*service, resource.strip_prefix("assumed-role/")) {
        let role = rest.split('/').next().unwrap_or_default();
        let role_arn = format!("arn:{partition}:iam::{acct}:role/{role}");
        let with_path = entries.iter().any(|e| {
            e.kind == PrincipalType::Aws
                && e.value
                    .starts_with(&format!("arn:{partition}:iam::{acct}:role/"))
                && e.value.rsplit('/').next() == Some(role)
        });
        if !with_path {
            missing.push(role_arn);
        }
    }
    missing
}

fn aws_principal(v: &str, caller: &Caller) -> Option<PrincipalCategory> {
    let account = caller.account.as_deref()?;
    if is_account_id(v) {
        return (v == account).then_some(PrincipalCategory::Account);
    }
    let parts: Vec<&str> = v.splitn(6, ':').collect();
    let [_, _, service, _, acct, resource] = parts.as_slice() else {
        return None;
    };
    if *acct != account {
        return None;
    }
    match (*service, *resource) {
        ("iam", "root") => Some(PrincipalCategory::Account),
        ("iam", r) if r.starts_with("role/") => {
            let role = r.rsplit('/').next().unwrap_or_default();
            match &caller.kind {
                CallerKind::RoleSession {
                    role: caller_role,
                    session,
                } => {
                    // A role ARN given as the caller itself (no session) is matched exactly,
                    // path included.
                    let same = caller_role == role
                        && (session.is_some() || caller.arn.as_deref() == Some(v));
                    same.then_some(PrincipalCategory::Role)
                }
                _ => None,
            }
        }
        _ => (caller.arn.as_deref() == Some(v)).then_some(PrincipalCategory::Direct),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::pattern::Template;

    fn res(p: &str, r: &str) -> bool {
        let t = Template::plain(p).resolve(&|_| None).unwrap();
        let full = resource_matches(&t, r).is_ok();
        assert_eq!(resource_hit(&t, r), full, "resource_hit({p:?}, {r:?})");
        assert_eq!(
            resource_hit_text(p, r),
            full,
            "resource_hit_text({p:?}, {r:?})"
        );
        full
    }

    proptest::proptest! {
        /// The three resource matchers agree on patterns and resources made of ARN-like
        /// pieces (colons, wildcards, slashes, letters, a non-ASCII letter).
        #[test]
        fn resource_matchers_agree(
            p in "[a:*?/é]{0,14}",
            r in "[a:/é*]{0,14}",
        ) {
            res(&p, &r);
            res(&format!("arn:aws:s3:::{p}"), &format!("arn:aws:s3:::{r}"));
        }
    }

    #[test]
    fn resource_hit_agrees_with_resource_matches() {
        let patterns = [
            "*",
            "arn:*",
            "arn:aws:s3:::*",
            "arn:aws:s3:::b/*",
            "arn:aws:s3:::b",
            "arn:aws:*",
            "arn:aws:iam::111122223333:role/*",
            "arn:aws:iam::*:role/a?c",
            "arn:aws:s3*",
            "arn:aws:sqs:*:1:q",
            "arn:aws:s3:::b/*/x",
            "arn:aws:s3",
            "a:b:c:d:e:f:g*",
        ];
        let resources = [
            "*",
            "arn:aws:s3:::b",
            "arn:aws:s3:::b/k",
            "arn:aws:s3:::b/k/x",
            "arn:aws:s3",
            "arn:aws:iam::111122223333:role/abc",
            "arn:aws:iam::1:role/a:b",
            "arn:aws:sqs:us-east-1:1:q",
            "arn:aws:sqs:us-east-1:1:q:extra",
            "not-an-arn",
            "",
            "a:b:c:d:e:f:g:h",
        ];
        for p in patterns {
            for r in resources {
                res(p, r);
            }
        }
    }

    #[test]
    fn resources() {
        assert!(res("*", "*"));
        assert!(!res("arn:aws:s3:::b/*", "*"));
        assert!(res("arn:aws:s3:::b/*", "arn:aws:s3:::b/k/l"));
        assert!(!res("arn:aws:s3:::b/*", "arn:aws:s3:::c/k"));
        assert!(res(
            "arn:aws:sqs:us-east-2:*",
            "arn:aws:sqs:us-east-2:111122223333:q1"
        ));
        assert!(!res(
            "arn:aws:svc:*:111122223333:x",
            "arn:aws:svc:a:b:111122223333:x"
        ));
        assert!(!res(
            "arn:aws:IAM::111122223333:user/bob",
            "arn:aws:iam::111122223333:user/bob"
        ));
        assert!(!res(
            "arn:aws:iam::111122223333:user/Bob",
            "arn:aws:iam::111122223333:user/bob"
        ));
        assert!(res(
            "arn:aws:logs:*:*:log-group:a:*",
            "arn:aws:logs:us-east-1:1:log-group:a:log-stream:x"
        ));
    }

    #[test]
    fn arn_like_does_not_cross_colons() {
        let t = Template::plain("arn:aws:someservice:*:111122223333:finance/*")
            .resolve(&|_| None)
            .unwrap();
        assert!(!arn_like(&t, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"));
        assert!(arn_like(
            &t,
            "arn:aws:someservice:us-east-2:111122223333:finance/document.txt"
        ));
    }
}
