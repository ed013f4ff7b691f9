//! ARNs taken apart: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.

/// The names of the six components, for messages.
pub(crate) const ARN_COMPONENTS: [&str; 6] = [
    "arn",
    "partition",
    "service",
    "region",
    "account",
    "resource",
];

/// The six `:`-separated components of an ARN (`arn`, partition, service, region, account,
/// resource — the last keeps any further `:`), `None` past the end.
pub(crate) fn arn_components(arn: &str) -> [Option<&str>; 6] {
    // A byte scan: ARNs are short, and `str::splitn` sets up a searcher per component.
    let mut out = [None; 6];
    let mut rest = Some(arn);
    for (i, slot) in out.iter_mut().enumerate() {
        let Some(r) = rest else { break };
        let colon = if i == 5 {
            None
        } else {
            r.bytes().position(|b| b == b':')
        };
        match colon {
            Some(p) => {
                *slot = r.get(..p);
                rest = r.get(p + 1..);
            }
            None => {
                *slot = Some(r);
                rest = None;
            }
        }
    }
    out
}

/// Whether `text` is a 12-digit AWS account ID.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The account of an ARN: its fifth component, when that is a 12-digit account ID.
pub(crate) fn account_of(arn: &str) -> Option<&str> {
    let [_, _, _, _, account, _] = arn_components(arn);
    account.filter(|a| is_account_id(a))
}

/// The account an account reference names: a 12-digit account ID, or an ARN with one (such as
/// `arn:aws:iam::111122223333:root`).
pub(crate) fn account_in(text: &str) -> Option<&str> {
    if is_account_id(text) {
        Some(text)
    } else {
        account_of(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan gives what `splitn(6, ':')` gives (AWS ARN format, IAM User Guide
    /// "IAM identifiers": `arn:partition:service:region:account-id:resource`).
    #[test]
    fn components_are_splitn_six() {
        for arn in [
            "",
            "arn",
            "arn:",
            "arn:aws",
            "arn:aws:s3:::bucket/key",
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:ec2:us-east-1:111122223333:instance/i-1:extra:colons",
            "::::::",
            "a:b:c:d:e",
            "é:ü::x:111122223333:y",
        ] {
            let mut it = arn.splitn(6, ':');
            let expected = [
                it.next(),
                it.next(),
                it.next(),
                it.next(),
                it.next(),
                it.next(),
            ];
            assert_eq!(arn_components(arn), expected, "{arn}");
            assert_eq!(
                account_of(arn),
                arn.split(':').nth(4).filter(|a| is_account_id(a)),
                "{arn}"
            );
        }
    }
}
