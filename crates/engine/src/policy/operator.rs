//! Condition operator names: `[ForAllValues:|ForAnyValue:]Base[IfExists]`.

use serde::{Deserialize, Serialize};

/// The operator families of the IAM policy language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Family {
    /// `String…`
    String,
    /// `Numeric…`
    Numeric,
    /// `Date…`
    Date,
    /// `Bool`
    Bool,
    /// `BinaryEquals`
    Binary,
    /// `IpAddress`, `NotIpAddress`
    Ip,
    /// `Arn…`
    Arn,
    /// `Null`
    Null,
}

/// The comparison an operator makes (before negation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Comparison {
    /// Equal (exact for strings).
    Equals,
    /// Equal ignoring case.
    EqualsIgnoreCase,
    /// Wildcard match.
    Like,
    /// `<`
    LessThan,
    /// `<=`
    LessThanEquals,
    /// `>`
    GreaterThan,
    /// `>=`
    GreaterThanEquals,
    /// Inside a CIDR range.
    InRange,
    /// Key absent (`Null`).
    IsNull,
}

/// `ForAllValues:` / `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SetOperator {
    /// Every context value must match.
    ForAllValues,
    /// At least one context value must match.
    ForAnyValue,
}

/// A parsed condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operator {
    /// Set qualifier, if any.
    pub set: Option<SetOperator>,
    /// Family of the base operator.
    pub family: Family,
    /// What it compares.
    pub comparison: Comparison,
    /// `Not…` operators: true when no policy value matches.
    pub negated: bool,
    /// `…IfExists`: true when the key is absent.
    pub if_exists: bool,
}

const BASES: &[(&str, Family, Comparison, bool)] = &[
    ("StringEquals", Family::String, Comparison::Equals, false),
    ("StringNotEquals", Family::String, Comparison::Equals, true),
    (
        "StringEqualsIgnoreCase",
        Family::String,
        Comparison::EqualsIgnoreCase,
        false,
    ),
    (
        "StringNotEqualsIgnoreCase",
        Family::String,
        Comparison::EqualsIgnoreCase,
        true,
    ),
    ("StringLike", Family::String, Comparison::Like, false),
    ("StringNotLike", Family::String, Comparison::Like, true),
    ("NumericEquals", Family::Numeric, Comparison::Equals, false),
    (
        "NumericNotEquals",
        Family::Numeric,
        Comparison::Equals,
        true,
    ),
    (
        "NumericLessThan",
        Family::Numeric,
        Comparison::LessThan,
        false,
    ),
    (
        "NumericLessThanEquals",
        Family::Numeric,
        Comparison::LessThanEquals,
        false,
    ),
    (
        "NumericGreaterThan",
        Family::Numeric,
        Comparison::GreaterThan,
        false,
    ),
    (
        "NumericGreaterThanEquals",
        Family::Numeric,
        Comparison::GreaterThanEquals,
        false,
    ),
    ("DateEquals", Family::Date, Comparison::Equals, false),
    ("DateNotEquals", Family::Date, Comparison::Equals, true),
    ("DateLessThan", Family::Date, Comparison::LessThan, false),
    (
        "DateLessThanEquals",
        Family::Date,
        Comparison::LessThanEquals,
        false,
    ),
    (
        "DateGreaterThan",
        Family::Date,
        Comparison::GreaterThan,
        false,
    ),
    (
        "DateGreaterThanEquals",
        Family::Date,
        Comparison::GreaterThanEquals,
        false,
    ),
    ("Bool", Family::Bool, Comparison::Equals, false),
    ("BinaryEquals", Family::Binary, Comparison::Equals, false),
    ("IpAddress", Family::Ip, Comparison::InRange, false),
    ("NotIpAddress", Family::Ip, Comparison::InRange, true),
    ("ArnEquals", Family::Arn, Comparison::Like, false),
    ("ArnLike", Family::Arn, Comparison::Like, false),
    ("ArnNotEquals", Family::Arn, Comparison::Like, true),
    ("ArnNotLike", Family::Arn, Comparison::Like, true),
    ("Null", Family::Null, Comparison::IsNull, false),
];

/// Why an operator name was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorError {
    /// Message, lowercase.
    pub message: String,
    /// A suggested spelling, when one is close.
    pub suggestion: Option<String>,
}

impl Operator {
    /// Parse an operator name as written in a `Condition` block.
    pub fn parse(name: &str) -> Result<Self, OperatorError> {
        let (set, rest) = if let Some(r) = name.strip_prefix("ForAllValues:") {
            (Some(SetOperator::ForAllValues), r)
        } else if let Some(r) = name.strip_prefix("ForAnyValue:") {
            (Some(SetOperator::ForAnyValue), r)
        } else {
            (None, name)
        };
        let (if_exists, base) = match rest.strip_suffix("IfExists") {
            Some(b) => (true, b),
            None => (false, rest),
        };
        match BASES.iter().find(|(n, ..)| *n == base) {
            Some(&(_, family, comparison, negated)) => {
                if family == Family::Null && if_exists {
                    return Err(OperatorError {
                        message: "`Null` cannot take the `IfExists` suffix".into(),
                        suggestion: Some("Null".into()),
                    });
                }
                Ok(Self {
                    set,
                    family,
                    comparison,
                    negated,
                    if_exists,
                })
            }
            None => Err(OperatorError {
                message: format!("unknown condition operator `{name}`"),
                suggestion: suggest(name),
            }),
        }
    }

    /// Whether policy values are matched as wildcard patterns (`StringLike`, the `Arn…`
    /// operators): only these read the tokens of a resolved value.
    pub fn matches_wildcards(&self) -> bool {
        self.family == Family::Arn || self.comparison == Comparison::Like
    }

    /// Whether policy values of this operator may contain policy variables.
    pub fn allows_variables(&self) -> bool {
        matches!(self.family, Family::String | Family::Arn | Family::Bool)
    }
}

fn suggest(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let prefixes = ["", "ForAllValues:", "ForAnyValue:"];
    let suffixes = ["", "IfExists"];
    for p in prefixes {
        for s in suffixes {
            for (base, ..) in BASES {
                let candidate = format!("{p}{base}{s}");
                if candidate.to_ascii_lowercase() == lower {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_qualified_names() {
        let op = Operator::parse("ForAllValues:StringNotLikeIfExists").unwrap();
        assert_eq!(op.set, Some(SetOperator::ForAllValues));
        assert_eq!(op.family, Family::String);
        assert!(op.negated && op.if_exists);
        assert!(Operator::parse("NullIfExists").is_err());
        let err = Operator::parse("stringequals").unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("StringEquals"));
    }
}
