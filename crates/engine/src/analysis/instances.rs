//! Concrete resources standing for the `Resource` patterns of policies: wildcards replaced by
//! `x`, policy variables by their value in the request context (or their default, or `x`).
//! The comparison tries them besides the scenario's own resources, and the sweep can too
//! ("what can this principal do on what its policies name?").

use crate::decide::PolicySet;
use crate::policy::pattern::Part;
use crate::request::context::ContextEntry;

/// One instance of every ARN pattern of the `Resource` elements of `sets`, in order, without
/// repeats (patterns that are not ARNs, such as `*`, are left out).
pub(crate) fn resource_instances(sets: &[&PolicySet], context: &[ContextEntry]) -> Vec<String> {
    let value = |key: &str| {
        context
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
            .and_then(|e| e.values.first().cloned())
    };
    let mut out: Vec<String> = Vec::new();
    for st in sets
        .iter()
        .flat_map(|s| s.all())
        .flat_map(|lp| &lp.policy.statements)
    {
        for item in st.resource.iter().flat_map(|r| &r.items) {
            let mut text = String::new();
            // A pattern read as written has no template: its text is all there is.
            let written = [Part::Text(item.text.clone())];
            let parts = if item.template.parts.is_empty() {
                written.as_slice()
            } else {
                item.template.parts.as_slice()
            };
            for part in parts {
                match part {
                    Part::Text(t) => text.extend(t.chars().map(|c| match c {
                        '*' | '?' => 'x',
                        c => c,
                    })),
                    Part::Literal(c) => text.push(*c),
                    Part::Var { key, default } => text.push_str(
                        &value(key)
                            .or_else(|| default.clone())
                            .unwrap_or_else(|| "x".into()),
                    ),
                }
            }
            if text.contains(':') && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// The service component of an ARN (`arn:PARTITION:SERVICE:…`), if it is one.
pub(crate) fn arn_service(arn: &str) -> Option<&str> {
    match crate::request::arn::arn_components(arn) {
        [Some("arn"), Some(_), Some(service), Some(_), ..] => Some(service),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::arn_service;

    #[test]
    fn the_service_of_an_arn() {
        assert_eq!(arn_service("arn:aws:s3:::bucket/key"), Some("s3"));
        assert_eq!(
            arn_service("arn:aws-cn:dynamodb:r:1:table/t"),
            Some("dynamodb")
        );
        assert_eq!(arn_service("*"), None);
        assert_eq!(arn_service("arn:aws"), None);
    }
}
