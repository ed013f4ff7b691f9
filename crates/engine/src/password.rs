//! The account password policy, checked against a candidate password — everything stays in
//! memory; nothing is stored. Rules from [S1 §Setting an account password policy for IAM users].

use serde::{Deserialize, Serialize};

/// A custom account password policy (the fields of `UpdateAccountPasswordPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PasswordPolicy {
    /// 6 to 128.
    pub minimum_password_length: u32,
    /// At least one of A-Z.
    pub require_uppercase_characters: bool,
    /// At least one of a-z.
    pub require_lowercase_characters: bool,
    /// At least one of 0-9.
    pub require_numbers: bool,
    /// At least one of `! @ # $ % ^ & * ( ) _ + - = [ ] { } | '`.
    pub require_symbols: bool,
    /// Days a password is valid (1 to 1,095); `None` never expires.
    pub max_password_age: Option<u32>,
    /// Previous passwords that cannot be reused (1 to 24).
    pub password_reuse_prevention: Option<u32>,
    /// After expiry only an administrator can reset the password.
    pub hard_expiry: bool,
    /// Users may change their own password.
    pub allow_users_to_change_password: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            minimum_password_length: 8,
            require_uppercase_characters: false,
            require_lowercase_characters: false,
            require_numbers: false,
            require_symbols: false,
            max_password_age: None,
            password_reuse_prevention: None,
            hard_expiry: false,
            allow_users_to_change_password: false,
        }
    }
}

/// What is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidate {
    /// The new password.
    pub password: String,
    /// The account name and email address (the default policy forbids either as password).
    pub account_names: Vec<String>,
    /// The user's previous passwords, newest first.
    pub previous_passwords: Vec<String>,
    /// Age in days of the user's current password, for the expiry rule.
    pub current_password_age_days: Option<u32>,
}

/// One rule's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// Stable id.
    pub rule: &'static str,
    /// The rule in plain words.
    pub text: String,
    /// Whether the candidate satisfies it.
    pub passed: bool,
}

const SYMBOLS: &str = "!@#$%^&*()_+-=[]{}|'";

fn classes(p: &str) -> [bool; 4] {
    [
        p.chars().any(|c| c.is_ascii_uppercase()),
        p.chars().any(|c| c.is_ascii_lowercase()),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| SYMBOLS.contains(c)),
    ]
}

/// Check a candidate against a custom policy, or against the default AWS policy when `None`.
pub fn check(policy: Option<&PasswordPolicy>, c: &Candidate) -> Vec<RuleResult> {
    let p = c.password.as_str();
    let len = p.chars().count();
    let [upper, lower, digit, symbol] = classes(p);
    let mut out = Vec::new();
    let mut rule = |rule: &'static str, text: String, passed: bool| {
        out.push(RuleResult { rule, text, passed })
    };
    match policy {
        None => {
            rule(
                "length",
                "between 8 and 128 characters".into(),
                (8..=128).contains(&len),
            );
            let n = [upper, lower, digit, symbol].iter().filter(|b| **b).count();
            rule(
                "character-types",
                format!("at least three of: uppercase, lowercase, numbers, symbols ({n} used)"),
                n >= 3,
            );
            let same = c
                .account_names
                .iter()
                .any(|n| !n.is_empty() && n.eq_ignore_ascii_case(p));
            rule(
                "not-account-name",
                "not identical to the account name or email address".into(),
                !same,
            );
            rule("expiry", "never expires".into(), true);
        }
        Some(pol) => {
            let min = pol.minimum_password_length.clamp(6, 128);
            rule(
                "length",
                format!("at least {min} characters (at most 128)"),
                len >= min as usize && len <= 128,
            );
            if pol.require_uppercase_characters {
                rule(
                    "uppercase",
                    "at least one uppercase letter (A-Z)".into(),
                    upper,
                );
            }
            if pol.require_lowercase_characters {
                rule(
                    "lowercase",
                    "at least one lowercase letter (a-z)".into(),
                    lower,
                );
            }
            if pol.require_numbers {
                rule("numbers", "at least one number (0-9)".into(), digit);
            }
            if pol.require_symbols {
                rule("symbols", format!("at least one of {SYMBOLS}"), symbol);
            }
            if let Some(n) = pol.password_reuse_prevention {
                let n = n.clamp(1, 24) as usize;
                let reused = c.previous_passwords.iter().take(n).any(|old| old == p);
                rule(
                    "reuse",
                    format!("not one of the last {n} passwords"),
                    !reused,
                );
            }
            if let Some(days) = pol.max_password_age {
                let days = days.clamp(1, 1095);
                let expired = c.current_password_age_days.is_some_and(|age| age > days);
                let text = if expired && pol.hard_expiry {
                    format!("the current password is older than {days} days: an administrator must reset it")
                } else {
                    format!("passwords expire after {days} days")
                };
                rule("expiry", text, !expired);
            }
        }
    }
    out
}

/// Problems with the policy's own settings (out of AWS's allowed ranges).
pub fn validate_policy(p: &PasswordPolicy) -> Vec<String> {
    let mut out = Vec::new();
    if !(6..=128).contains(&p.minimum_password_length) {
        out.push(format!(
            "MinimumPasswordLength {} must be between 6 and 128",
            p.minimum_password_length
        ));
    }
    if let Some(d) = p.max_password_age.filter(|d| !(1..=1095).contains(d)) {
        out.push(format!(
            "MaxPasswordAge {d} must be between 1 and 1095 days"
        ));
    }
    if let Some(n) = p
        .password_reuse_prevention
        .filter(|n| !(1..=24).contains(n))
    {
        out.push(format!(
            "PasswordReusePrevention {n} must be between 1 and 24"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passed(results: &[RuleResult]) -> bool {
        results.iter().all(|r| r.passed)
    }

    fn cand(p: &str) -> Candidate {
        Candidate {
            password: p.into(),
            ..Candidate::default()
        }
    }

    // [S1 §Setting an account password policy for IAM users — Default password policy]
    #[test]
    fn default_policy_needs_length_and_three_character_types() {
        assert!(passed(&check(None, &cand("Abcdef12"))));
        assert!(!passed(&check(None, &cand("Abc12"))));
        assert!(!passed(&check(None, &cand("abcdefgh12"))));
        let mut c = cand("Example-Corp1");
        c.account_names = vec!["example-corp1".into()];
        assert!(!passed(&check(None, &c)));
    }

    // [S1 §Setting an account password policy for IAM users — Custom password policy options]
    #[test]
    fn custom_policy_rules() {
        let pol = PasswordPolicy {
            minimum_password_length: 12,
            require_symbols: true,
            require_numbers: true,
            password_reuse_prevention: Some(2),
            max_password_age: Some(90),
            ..PasswordPolicy::default()
        };
        let mut c = cand("correct-horse-7");
        assert!(passed(&check(Some(&pol), &c)));
        c.previous_passwords = vec!["x".into(), "correct-horse-7".into()];
        assert!(!passed(&check(Some(&pol), &c)));
        c.previous_passwords.clear();
        c.current_password_age_days = Some(91);
        assert!(!passed(&check(Some(&pol), &c)));
        assert_eq!(
            validate_policy(&PasswordPolicy {
                minimum_password_length: 5,
                ..pol
            })
            .len(),
            1
        );
    }
}
