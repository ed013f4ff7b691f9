//! The module's calls as plain Rust: a scenario text and options in, a JSON text (or the
//! explanation) out, or an [`Error`] with what `iam-sim` would print on standard error.

use iam_cli::api::{self, Failure};
use iam_engine::lint::PolicyType;
use iam_engine::Options;

/// What names the input in error messages and in `validate`'s report.
pub const INPUT_NAME: &str = "<input>";

/// A call that could not answer: `message` is what `iam-sim` prints (`<input>:LINE:COL: …`
/// lines); `diagnostics` the engine's diagnostics as JSON, when the input had errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// One line per problem.
    pub message: String,
    /// `[Diagnostic]` as JSON text, when there are any.
    pub diagnostics: Option<String>,
}

impl Error {
    /// A problem with the call itself (an option of the wrong type).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            diagnostics: None,
        }
    }
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Self {
        let diagnostics = match &f {
            Failure::Diagnostics(d) => serde_json::to_string(d).ok(),
            _ => None,
        };
        Self {
            message: f.render(INPUT_NAME).trim_end().to_string(),
            diagnostics,
        }
    }
}

/// When the request is made: fills `aws:CurrentTime` and `aws:EpochTime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Now {
    /// The clock (the default, as on the command line).
    Clock,
    /// No time: the keys stay absent unless the scenario gives them (`--no-clock`).
    Absent,
    /// A time given as epoch seconds or RFC 3339 text (`--now`).
    Given(String),
}

impl Now {
    /// The request time, as UNIX seconds; `clock` is the current time.
    pub fn resolve(&self, clock: i64) -> Result<Option<i64>, Error> {
        match self {
            Self::Clock => Ok(Some(clock)),
            Self::Absent => Ok(None),
            Self::Given(t) => iam_cli::parse_time(t).map(Some).ok_or_else(|| {
                Error::usage(format!(
                    "now: `{t}` is not a time (epoch seconds or RFC 3339, e.g. 2026-01-01T00:00:00Z)"
                ))
            }),
        }
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `simulate`: the `SimulateCustomPolicy`-shaped response as JSON.
pub fn simulate(text: &str, trace: bool, now: Option<i64>) -> Result<String, Error> {
    let opts = Options {
        trace,
        now_epoch_seconds: now,
    };
    Ok(json(&api::simulate(text, &opts)?))
}

/// `explain`: the readable trace, without colours.
pub fn explain(text: &str, now: Option<i64>) -> Result<String, Error> {
    Ok(api::explain(text, now, false)?.0)
}

/// `validate`: the report `iam-sim validate --json` prints (`policy_type` as `--type` takes it).
pub fn validate(text: &str, policy_type: Option<&str>) -> Result<String, Error> {
    let ty = match policy_type {
        None => None,
        Some(t) => Some(PolicyType::parse(t).ok_or_else(|| {
            Error::usage(format!(
                "type: `{t}` is not one of identity, resource, trust, boundary, scp, rcp, session"
            ))
        })?),
    };
    let validated = api::validate(text, ty)?;
    Ok(json(&validated.report(INPUT_NAME)))
}

/// `sweep`: every catalog action's decision, as `iam-sim sweep --json` prints it.
pub fn sweep(text: &str, now: Option<i64>, named_resources: bool) -> Result<String, Error> {
    let opts = Options {
        trace: false,
        now_epoch_seconds: now,
    };
    Ok(json(&api::sweep(text, &opts, named_resources)?.sweep))
}

/// The engine's version and the catalog's `package@version`, as JSON.
pub fn version() -> String {
    let catalog = api::catalog()
        .map(|c| format!("{}@{}", c.source().package, c.source().version))
        .unwrap_or_default();
    json(&serde_json::json!({
        "engine": env!("CARGO_PKG_VERSION"),
        "catalog": catalog,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    const ALLOW_GET: &str = r#"{"PolicyInputList": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}],
        "ActionNames": ["s3:GetObject", "s3:PutObject"]}"#;

    #[test]
    fn simulate_gives_the_cli_shape() {
        // An identity policy allows; nothing allows PutObject (SPEC §6.3: implicit deny).
        let out: serde_json::Value =
            serde_json::from_str(&simulate(ALLOW_GET, false, None).unwrap()).unwrap();
        assert_eq!(out["EvaluationResults"][0]["EvalDecision"], "allowed");
        assert_eq!(out["EvaluationResults"][1]["EvalDecision"], "implicitDeny");
        let cli = iam_cli::api::simulate(ALLOW_GET, &Options::default()).unwrap();
        assert_eq!(out, serde_json::to_value(&cli).unwrap());
    }

    #[test]
    fn errors_carry_positions_and_diagnostics() {
        let e = simulate("{\"ActionNames\": [}", false, None).unwrap_err();
        assert!(
            e.message.starts_with("<input>:1:18: error:"),
            "{}",
            e.message
        );
        let diags: serde_json::Value = serde_json::from_str(&e.diagnostics.unwrap()).unwrap();
        assert_eq!(diags[0]["code"], "json-syntax");
    }

    #[test]
    fn now_reads_epoch_seconds_and_rfc_3339() {
        assert_eq!(
            Now::Given("2026-01-01T00:00:00Z".into())
                .resolve(5)
                .unwrap(),
            Some(1_767_225_600)
        );
        assert_eq!(Now::Clock.resolve(5).unwrap(), Some(5));
        assert_eq!(Now::Absent.resolve(5).unwrap(), None);
        assert!(Now::Given("soon".into()).resolve(5).is_err());
    }

    #[test]
    fn validate_and_sweep_answer_as_the_cli_does() {
        let report: serde_json::Value =
            serde_json::from_str(&validate(ALLOW_GET, None).unwrap()).unwrap();
        assert_eq!(report["input"], "scenario");
        assert_eq!(report["file"], "<input>");
        assert!(validate("{}", Some("nonsense")).is_err());
        let sweep: serde_json::Value =
            serde_json::from_str(&sweep(ALLOW_GET, None, false).unwrap()).unwrap();
        // The granted action, and sts:GetCallerIdentity, which needs no permission (SPEC §12.4).
        assert_eq!(sweep["counts"]["allowed"], 2);
    }
}
