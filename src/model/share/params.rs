//! The `name=value` parameters of a URL fragment, separated by `&`.

/// The parameters of a fragment (with or without `#`), in order.
pub fn params(fragment: &str) -> Vec<(&str, &str)> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_keep_their_order_and_may_have_no_value() {
        assert_eq!(
            params("#embed&p1=abc&m=world"),
            [("embed", ""), ("p1", "abc"), ("m", "world")]
        );
        assert!(params("").is_empty());
    }
}
