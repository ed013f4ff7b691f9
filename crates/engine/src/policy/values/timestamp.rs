//! The two date-time shapes `Date*` conditions are read from: an RFC 3339 timestamp and a bare
//! `YYYY-MM-DD` date. Only the digits are read here; the calendar (month lengths, leap years,
//! offsets, the UNIX epoch) is the `time` crate's.
//!
//! This reads exactly what the `time` crate's `Rfc3339` parser and its `[year]-[month]-[day]`
//! format description read (the engine used them before; the property tests in this file
//! compare the two on generated text), without linking their general format-description
//! machinery, which was ~8 KB gzip of the docs-site embed (issue 14 item 4).

use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

/// A cursor over ASCII digits and separators.
struct Scan<'a>(&'a [u8]);

impl Scan<'_> {
    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(n)?;
        let mut value = 0u32;
        for &b in head {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
        }
        self.0 = rest;
        Some(value)
    }

    /// The byte `c`, if it comes next.
    fn byte(&mut self, c: u8) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        (first == c).then(|| self.0 = rest)
    }

    /// Any one byte.
    fn skip(&mut self) -> Option<()> {
        self.0 = self.0.get(1..)?;
        Some(())
    }

    /// `+` or `-`: whether it was `-`.
    fn sign(&mut self) -> Option<bool> {
        let (&first, rest) = self.0.split_first()?;
        let negative = match first {
            b'+' => false,
            b'-' => true,
            _ => return None,
        };
        self.0 = rest;
        Some(negative)
    }

    /// `YYYY-MM-DD` (the year as `digits` reads it).
    fn date(&mut self, year: i32) -> Option<Date> {
        self.byte(b'-')?;
        let month = Month::try_from(u8::try_from(self.digits(2)?).ok()?).ok()?;
        self.byte(b'-')?;
        let day = u8::try_from(self.digits(2)?).ok()?;
        Date::from_calendar_date(year, month, day).ok()
    }
}

/// An RFC 3339 timestamp (`2020-01-01T00:00:00Z`, any one separator between date and time, a
/// fraction of any length, `Z`/`z` or a `±HH:MM` offset) as nanoseconds since the epoch.
/// A leap second (`:60`) is read as the last nanosecond of the second before, and only where
/// one can occur: the last second of a month in UTC.
pub fn rfc3339(text: &str) -> Option<i128> {
    let mut s = Scan(text.as_bytes());
    let year = i32::try_from(s.digits(4)?).ok()?;
    let date = s.date(year)?;
    s.skip()?;
    let hour = u8::try_from(s.digits(2)?).ok()?;
    s.byte(b':')?;
    let minute = u8::try_from(s.digits(2)?).ok()?;
    s.byte(b':')?;
    let mut second = u8::try_from(s.digits(2)?).ok()?;
    let mut nanos = 0u32;
    if s.byte(b'.').is_some() {
        let mut place = 100_000_000u32;
        let mut any = false;
        while let Some((&b, rest)) = s.0.split_first() {
            if !b.is_ascii_digit() {
                break;
            }
            nanos += u32::from(b - b'0') * place;
            place /= 10;
            any = true;
            s.0 = rest;
        }
        if !any {
            return None;
        }
    }
    let offset = if s.byte(b'Z').or_else(|| s.byte(b'z')).is_some() {
        UtcOffset::UTC
    } else {
        let negative = s.sign()?;
        let h = i8::try_from(s.digits(2)?).ok().filter(|h| *h <= 23)?;
        s.byte(b':')?;
        let m = i8::try_from(s.digits(2)?).ok()?;
        let sign = if negative { -1 } else { 1 };
        UtcOffset::from_hms(sign * h, sign * m, 0).ok()?
    };
    if !s.0.is_empty() {
        return None;
    }
    let leap = second == 60;
    if leap {
        second = 59;
        nanos = 999_999_999;
    }
    let time = Time::from_hms_nano(hour, minute, second, nanos).ok()?;
    let at = OffsetDateTime::new_in_offset(date, time, offset).unix_timestamp_nanos();
    if leap {
        let utc = OffsetDateTime::from_unix_timestamp_nanos(at).ok()?;
        let last_of_month = utc.day() == utc.month().length(utc.year());
        if (utc.hour(), utc.minute(), utc.second()) != (23, 59, 59) || !last_of_month {
            return None;
        }
    }
    Some(at)
}

/// A bare date, `YYYY-MM-DD` (a `+` or `-` may come before the four-digit year), as
/// nanoseconds since the epoch at midnight UTC.
pub fn ymd(text: &str) -> Option<i128> {
    let mut s = Scan(text.as_bytes());
    let negative = s.sign();
    let year = i32::try_from(s.digits(4)?).ok()?;
    let year = if negative == Some(true) { -year } else { year };
    let date = s.date(year)?;
    if !s.0.is_empty() {
        return None;
    }
    Some(date.midnight().assume_utc().unix_timestamp_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::format_description::well_known::Rfc3339;

    /// What the `time` crate's parsers read.
    fn by_time_rfc3339(text: &str) -> Option<i128> {
        OffsetDateTime::parse(text, &Rfc3339)
            .ok()
            .map(OffsetDateTime::unix_timestamp_nanos)
    }

    fn by_time_ymd(text: &str) -> Option<i128> {
        let f = time::macros::format_description!("[year]-[month]-[day]");
        Date::parse(text, f)
            .ok()
            .map(|d| d.midnight().assume_utc().unix_timestamp_nanos())
    }

    #[test]
    fn reads_what_the_time_crate_reads() {
        // SPEC §4.4 (Date operators: W3C/ISO 8601 date-times); the edge cases of the format.
        for t in [
            "2020-01-01T00:00:00Z",
            "2020-01-01t00:00:00z",
            "2020-01-01 00:00:00Z",
            "2020-01-01x00:00:00Z",
            "2020-01-01T00:00:00.5Z",
            "2020-01-01T00:00:00.123456789123Z",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00+05:30",
            "2020-01-01T00:00:00-23:59",
            "2020-01-01T00:00:00+24:00",
            "2020-01-01T00:00:00+05:60",
            "2020-01-01T00:00:00+0530",
            "2020-02-30T00:00:00Z",
            "2020-02-29T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2020-00-01T00:00:00Z",
            "2020-01-00T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T23:60:00Z",
            "2016-12-31T23:59:60Z",
            "2016-12-30T23:59:60Z",
            "2016-12-31T22:59:60-01:00",
            "2016-12-31T23:59:60+01:00",
            "9999-12-31T23:59:60-01:00",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "2020-01-01T00:00:00Z ",
            "2020-01-01T00:00Z",
            "2020-01-01T00:00:00",
            "+2020-01-01T00:00:00Z",
            "2020-1-01T00:00:00Z",
            "2020-01-01T00:00:00é",
            "2020-01-01é00:00:00Z",
            "",
        ] {
            assert_eq!(rfc3339(t), by_time_rfc3339(t), "{t:?}");
        }
        for t in [
            "2020-01-01",
            "+2020-01-01",
            "-0001-12-31",
            "-0000-01-01",
            "+0000-01-01",
            "0000-01-01",
            "9999-12-31",
            "2020-02-30",
            "2020-13-01",
            "2020-01-1",
            "20200-01-01",
            "2020-01-01T",
            "2020-01-01 ",
            "±2020-01-01",
            "",
        ] {
            assert_eq!(ymd(t), by_time_ymd(t), "{t:?}");
        }
    }

    /// Text near the two shapes: each byte drawn from digits, the separators and a few others.
    fn near(shape: &'static str) -> impl Strategy<Value = String> {
        let template: Vec<char> = shape.chars().collect();
        proptest::collection::vec((0usize..10, 0u8..10, 0usize..12), template.len()).prop_map(
            move |picks| {
                let others = ['-', ':', '+', 'Z', 'z', 'T', '.', ' ', 'x', '9', '0', 'é'];
                template
                    .iter()
                    .zip(picks)
                    .filter_map(|(&c, (keep, digit, other))| match (c, keep) {
                        (_, 0) => None,
                        (_, 1) => others.get(other).copied(),
                        ('d', _) => char::from_digit(u32::from(digit), 10),
                        (c, _) => Some(c),
                    })
                    .collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn timestamps_read_as_the_time_crate_reads_them(
            t in prop_oneof![
                near("dddd-dd-ddTdd:dd:ddZ"),
                near("dddd-dd-ddTdd:dd:dd.dddZ"),
                near("dddd-dd-ddTdd:dd:dd+dd:dd"),
                near("dddd-dd-dd dd:dd:dd.dddddddddddd-dd:dd"),
                "\\PC{0,30}",
            ]
        ) {
            prop_assert_eq!(rfc3339(&t), by_time_rfc3339(&t), "{:?}", t);
        }

        #[test]
        fn dates_read_as_the_time_crate_reads_them(
            t in prop_oneof![near("dddd-dd-dd"), near("+dddd-dd-dd"), near("-dddd-dd-dd"), "\\PC{0,12}"]
        ) {
            prop_assert_eq!(ymd(&t), by_time_ymd(&t), "{:?}", t);
        }
    }
}
