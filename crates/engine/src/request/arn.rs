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
    let mut it = arn.splitn(6, ':');
    [
        it.next(),
        it.next(),
        it.next(),
        it.next(),
        it.next(),
        it.next(),
    ]
}

/// Whether `text` is a 12-digit AWS account ID.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The account of an ARN: its fifth component, when that is a 12-digit account ID.
pub(crate) fn account_of(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| is_account_id(a))
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
