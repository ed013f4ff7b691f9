//! Reading typed values (numbers, dates, booleans, IP addresses, base64) the way IAM does.
//!
//! - [`timestamp`]: the digits of an RFC 3339 timestamp and of a bare date.

use std::net::IpAddr;

use base64::Engine as _;
use ipnet::IpNet;
use time::OffsetDateTime;

pub mod timestamp;

/// A policy value read once for its operator family.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// Numeric operators.
    Number(f64),
    /// Date operators (nanoseconds since the epoch).
    Date(i128),
    /// IP operators.
    Cidr(IpNet),
    /// `BinaryEquals`.
    Bytes(Vec<u8>),
    /// `Bool` and `Null`.
    Bool(bool),
}

impl Typed {
    /// Read `text` for `family`; `None` for string/ARN families or unreadable values.
    pub fn read(family: super::operator::Family, text: &str) -> Option<Self> {
        use super::operator::Family as F;
        match family {
            F::Numeric => number(text).map(Self::Number),
            F::Date => date(text).map(Self::Date),
            F::Ip => cidr(text).map(Self::Cidr),
            F::Binary => base64(text).map(Self::Bytes),
            F::Bool | F::Null => boolean(text).map(Self::Bool),
            F::String | F::Arn => None,
        }
    }
}

/// A number: an optional `-`, digits, an optional fraction. No exponent, `+`, or hex.
pub fn number(text: &str) -> Option<f64> {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    text.parse().ok()
}

/// A UNIX time in whole seconds as RFC 3339 in UTC (`2023-11-14T22:13:20Z`), exactly as the
/// `time` crate's `Rfc3339` formatting writes it; `None` outside the years 0 to 9999.
pub fn rfc3339_seconds(epoch_seconds: i64) -> Option<String> {
    let t = OffsetDateTime::from_unix_timestamp(epoch_seconds).ok()?;
    if !(0..10_000).contains(&t.year()) {
        return None;
    }
    // Written digit by digit: `format!` with padding costs more than the rest of a small
    // request context together.
    let mut out = String::with_capacity(20);
    let digits = |out: &mut String, value: u32, width: u32| {
        for place in (0..width).rev() {
            let digit = value / 10u32.pow(place) % 10;
            out.push(char::from_digit(digit, 10).unwrap_or('0'));
        }
    };
    digits(&mut out, u32::try_from(t.year()).ok()?, 4);
    out.push('-');
    digits(&mut out, u32::from(u8::from(t.month())), 2);
    out.push('-');
    digits(&mut out, u32::from(t.day()), 2);
    out.push('T');
    digits(&mut out, u32::from(t.hour()), 2);
    out.push(':');
    digits(&mut out, u32::from(t.minute()), 2);
    out.push(':');
    digits(&mut out, u32::from(t.second()), 2);
    out.push('Z');
    Some(out)
}

/// A date-time as nanoseconds since the UNIX epoch.
///
/// Accepts W3C/ISO 8601 timestamps (`2020-01-01T00:00:00Z`, offsets, fractions, without
/// seconds), a bare date (midnight UTC), a timestamp without zone (UTC), and epoch seconds.
pub fn date(text: &str) -> Option<i128> {
    if let Some(secs) = number(text) {
        if !text.contains('.') {
            return text
                .parse::<i64>()
                .ok()
                .map(|s| i128::from(s) * 1_000_000_000);
        }
        return Some((secs * 1e9) as i128);
    }
    if let Some(at) = timestamp::rfc3339(text) {
        return Some(at);
    }
    let with_zone = |t: &str| -> Option<String> {
        // `2020-01-01T00:00Z` (no seconds) → add `:00`.
        let (body, zone) = split_zone(t)?;
        let body = if body.len() == 16 {
            format!("{body}:00")
        } else {
            body.to_string()
        };
        Some(format!("{body}{zone}"))
    };
    if let Some(at) = with_zone(text).and_then(|full| timestamp::rfc3339(&full)) {
        return Some(at);
    }
    if let Some(at) = timestamp::ymd(text) {
        return Some(at);
    }
    // No zone: read as UTC.
    if text.len() >= 16 && !text.ends_with('Z') {
        let candidate = if text.len() == 16 {
            format!("{text}:00Z")
        } else {
            format!("{text}Z")
        };
        return timestamp::rfc3339(&candidate);
    }
    None
}

/// An instant as RFC 3339 in UTC, with as many fraction digits as it needs (exactly as the
/// `time` crate's `Rfc3339` formatting writes it); `None` outside the years 0 to 9999.
pub fn rfc3339_nanos(nanos: i128) -> Option<String> {
    let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).ok()?;
    let fraction = nanos.rem_euclid(1_000_000_000);
    let mut out = rfc3339_seconds(seconds)?;
    if fraction != 0 {
        let digits = format!("{fraction:09}");
        out.pop();
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
        out.push('Z');
    }
    Some(out)
}

fn split_zone(t: &str) -> Option<(&str, &str)> {
    if let Some(body) = t.strip_suffix('Z') {
        return Some((body, "Z"));
    }
    let idx = t.len().checked_sub(6)?;
    let zone = t.get(idx..)?;
    if zone.starts_with('+') || zone.starts_with('-') {
        Some((t.get(..idx)?, zone))
    } else {
        None
    }
}

/// `true`/`false`, case-insensitively.
pub fn boolean(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A CIDR block, or a single address (a `/32` or `/128` block).
pub fn cidr(text: &str) -> Option<IpNet> {
    // A block whose address std reads: std is stricter than `ipnet` (whose parser is an older
    // copy of std's; today's std refuses leading zeros), so whatever std reads, `ipnet` reads
    // alike; the prefix as `ipnet` reads one (1 or 2 digits for IPv4, 1 to 3 for IPv6, at most
    // the address's bits). Faster than `ipnet`'s parser, which tries each form in turn. The
    // property test `cidr_reads_what_ipnet_reads` checks the two agree.
    if let Some((addr, prefix)) = text.split_once('/') {
        let digits = |max: usize| {
            (1..=max).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_digit())
        };
        match (addr.parse::<IpAddr>(), prefix.parse::<u8>()) {
            (Ok(IpAddr::V4(a)), Ok(len)) if digits(2) => {
                if let Ok(net) = ipnet::Ipv4Net::new(a, len) {
                    return Some(IpNet::V4(net));
                }
            }
            (Ok(IpAddr::V6(a)), Ok(len)) if digits(3) => {
                if let Ok(net) = ipnet::Ipv6Net::new(a, len) {
                    return Some(IpNet::V6(net));
                }
            }
            _ => {}
        }
    }
    // `ipnet` reads only blocks with a prefix length: without a `/`, the address alone.
    if text.contains('/') {
        if let Ok(net) = text.parse::<IpNet>() {
            return Some(net);
        }
    }
    text.parse::<IpAddr>().ok().map(IpNet::from)
}

/// A single IP address (a context value).
pub fn address(text: &str) -> Option<IpAddr> {
    text.parse().ok()
}

/// Base64-decoded bytes.
pub fn base64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::format_description::well_known::Rfc3339;

    #[test]
    fn rfc3339_seconds_is_the_time_crate_format() {
        let mut t: i64 = -62_167_219_300;
        while t < 253_402_400_000 {
            let expected = OffsetDateTime::from_unix_timestamp(t)
                .ok()
                .and_then(|d| d.format(&Rfc3339).ok());
            assert_eq!(rfc3339_seconds(t), expected, "{t}");
            t += 7_777_777;
        }
        for t in [
            0,
            -1,
            1_700_000_000,
            253_402_300_799,
            253_402_300_800,
            -62_167_219_200,
            -62_167_219_201,
            i64::MIN,
            i64::MAX,
        ] {
            let expected = OffsetDateTime::from_unix_timestamp(t)
                .ok()
                .and_then(|d| d.format(&Rfc3339).ok());
            assert_eq!(rfc3339_seconds(t), expected, "{t}");
        }
    }

    #[test]
    fn rfc3339_nanos_is_the_time_crate_format() {
        for n in [
            0i128,
            1,
            -1,
            1_700_000_000_000_000_000,
            1_700_000_000_500_000_000,
            1_700_000_000_120_000_000,
            1_700_000_000_000_000_007,
            -62_167_219_200_000_000_000,
            -62_167_219_200_000_000_001,
            253_402_300_799_999_999_999,
            253_402_300_800_000_000_000,
        ] {
            let expected = OffsetDateTime::from_unix_timestamp_nanos(n)
                .ok()
                .and_then(|d| d.format(&Rfc3339).ok());
            assert_eq!(rfc3339_nanos(n), expected, "{n}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number("10"), Some(10.0));
        assert_eq!(number("10.0"), number("10"));
        assert_eq!(number("-1.5"), Some(-1.5));
        for bad in ["", "+1", "1e3", "0x10", "1.", ".5", "abc"] {
            assert_eq!(number(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates() {
        let z = date("2020-04-01T00:00:00Z").unwrap();
        assert_eq!(date("2020-04-01T02:00:00+02:00"), Some(z));
        assert_eq!(date("2020-04-01"), Some(z));
        assert_eq!(date("2020-04-01T00:00Z"), Some(z));
        assert_eq!(date("2020-04-01T00:00:00"), Some(z));
        assert_eq!(date("1585699200"), Some(z));
        assert!(date("2020-04-01T00:00:00.5Z").unwrap() > z);
        assert_eq!(date("yesterday"), None);
    }

    #[test]
    fn addresses() {
        assert!(cidr("203.0.113.0/24")
            .unwrap()
            .contains(&address("203.0.113.7").unwrap()));
        assert_eq!(cidr("203.0.113.7").unwrap().prefix_len(), 32);
        assert_eq!(cidr("2001:db8::1").unwrap().prefix_len(), 128);
        assert!(cidr("300.1.1.1/8").is_none());
        // The IPv4 fast path reads what `ipnet` reads, no more and no less.
        for t in [
            "10.0.0.0/8",
            "10.0.0.1/32",
            "0.0.0.0/0",
            "10.0.0.0/33",
            "10.0.0.0/08",
            "10.0.0.0/008",
            "010.0.0.0/8",
            "10.0.0/8",
            "10.0.0.0/",
            "10.0.0.0/+8",
            "10.0.0.0/-1",
            "1.2.3.4/3a",
            "255.255.255.255/32",
            "256.0.0.0/8",
            "::1/128",
            "10.0.0.0 /8",
            "2001:db8::/32",
            "2001:db8::/129",
            "2001:db8::/0128",
            "::ffff:1.2.3.4/120",
            "::ffff:01.2.3.4/120",
            "1::2::3/64",
            "12345::/16",
            "fe80::1%eth0/64",
            "::/0",
            "2001:DB8::/32",
        ] {
            assert_eq!(
                cidr(t),
                t.parse::<IpNet>()
                    .ok()
                    .or_else(|| t.parse::<IpAddr>().ok().map(IpNet::from)),
                "{t}"
            );
        }
    }
}

#[cfg(test)]
mod cidr_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// [`cidr`]'s fast path reads exactly what `ipnet` (then a bare address) reads: the
        /// policy values of the `IpAddress` operators [UG reference_policies_elements_condition_operators].
        #[test]
        fn cidr_reads_what_ipnet_reads(t in "[0-9a-fA-F:.%/ ]{0,24}") {
            let slow = t.parse::<IpNet>().ok().or_else(|| t.parse::<IpAddr>().ok().map(IpNet::from));
            prop_assert_eq!(cidr(&t), slow);
        }

        /// The same on address-shaped text (dotted quads and hex groups, with a prefix or
        /// without).
        #[test]
        fn cidr_reads_what_ipnet_reads_on_addresses(
            groups in proptest::collection::vec("[0-9a-f]{0,5}", 1..9),
            dots in proptest::collection::vec("0{0,2}[0-9]{1,3}", 4),
            v4 in any::<bool>(),
            prefix in proptest::option::of("0{0,2}[0-9]{1,3}"),
        ) {
            let addr = if v4 { dots.join(".") } else { groups.join(":") };
            let t = match prefix {
                Some(p) => format!("{addr}/{p}"),
                None => addr,
            };
            let slow = t.parse::<IpNet>().ok().or_else(|| t.parse::<IpAddr>().ok().map(IpNet::from));
            prop_assert_eq!(cidr(&t), slow);
        }
    }
}
