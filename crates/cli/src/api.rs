//! What each command answers for one scenario text, without I/O: the values `iam-sim simulate`,
//! `explain`, `validate --json` and `sweep --json` print. Shared by the command line and the
//! JavaScript module (`crates/js`), so both give the same shapes.

use std::sync::OnceLock;

use iam_engine::catalog::Catalog;
use iam_engine::lint::{self, PolicyType};
use iam_engine::policy::managed::ManagedPolicies;
use iam_engine::scenario::{self, Input};
use iam_engine::sweep::{sweep_over, Resources, Sweep};
use iam_engine::{Compiled, Diagnostic, Options, Outcome, Scenario, Span};

use crate::validate::CATALOG;
pub use crate::validate::{Counts, Report, Validated};

/// Why a command could not answer (what `iam-sim` prints before exiting with status 2).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Errors in the input, with positions.
    Diagnostics(Vec<Diagnostic>),
    /// The input is not JSON (as `validate` reports it).
    NotJson {
        /// What is wrong.
        message: String,
        /// Where.
        span: Span,
    },
    /// The input is of a form the command does not take.
    Input(String),
    /// The embedded service catalog does not load (a build problem, never the input's).
    Catalog(String),
}

impl Failure {
    /// The failure as `iam-sim` prints it on standard error, with `name` for the input.
    pub fn render(&self, name: &str) -> String {
        match self {
            Self::Diagnostics(d) => crate::render_diags(name, d),
            Self::NotJson { message, span } => format!(
                "{name}:{}:{}: ERROR json-syntax: {message}\n",
                span.start_line, span.start_column
            ),
            Self::Input(m) => format!("{name}: {m}\n"),
            Self::Catalog(m) => format!("iam-sim: the embedded service catalog is broken: {m}\n"),
        }
    }
}

/// The embedded AWS service catalog, parsed once.
pub fn catalog() -> Result<&'static Catalog, Failure> {
    static PARSED: OnceLock<Result<Catalog, String>> = OnceLock::new();
    PARSED
        .get_or_init(|| Catalog::parse(CATALOG).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Failure::Catalog(e.clone()))
}

/// The AWS managed policies (`crates/engine/data/aws-managed-policies.txt`, 3.3 MB) embedded
/// with the `managed-policies` feature (on by default; the JavaScript module leaves it out).
#[cfg(feature = "managed-policies")]
const MANAGED_POLICIES: Option<&str> =
    Some(include_str!("../../engine/data/aws-managed-policies.txt"));
#[cfg(not(feature = "managed-policies"))]
const MANAGED_POLICIES: Option<&str> = None;

/// The embedded AWS managed policies, parsed once, when the scenario `text` may name one
/// (`arn:aws:iam::aws:policy/…`): other scenarios never pay for parsing them. `None` without the
/// data (the reader then reports such a policy as not loaded).
pub fn managed_for(text: &str) -> Option<&'static ManagedPolicies> {
    if !scenario::names_managed_policy(text) {
        return None;
    }
    static PARSED: OnceLock<Option<ManagedPolicies>> = OnceLock::new();
    PARSED
        .get_or_init(|| MANAGED_POLICIES.and_then(|t| ManagedPolicies::parse(t.to_string()).ok()))
        .as_ref()
}

/// `iam-sim simulate`: the `SimulateCustomPolicy`-shaped response (warnings in its
/// `Diagnostics`; `opts.trace` adds each result's trace).
pub fn simulate(text: &str, opts: &Options) -> Result<Outcome, Failure> {
    crate::evaluate(text, opts)
        .map(|e| e.outcome)
        .map_err(Failure::Diagnostics)
}

/// `iam-sim explain`: the readable trace with source snippets (ANSI colours when `color`), and
/// the warnings about the input.
pub fn explain(
    text: &str,
    now_epoch_seconds: Option<i64>,
    color: bool,
) -> Result<(String, Vec<Diagnostic>), Failure> {
    let opts = Options {
        trace: true,
        now_epoch_seconds,
    };
    let e = crate::evaluate(text, &opts).map_err(Failure::Diagnostics)?;
    let what_if = crate::explain::what_if(&e.input, &opts);
    let shown = crate::explain::render(&e.policies, &e.outcome, color, &what_if);
    Ok((shown, e.outcome.diagnostics))
}

/// `iam-sim validate`: every finding of a scenario, or of one policy of `policy_type` (default
/// identity) when the text is a policy.
pub fn validate(text: &str, policy_type: Option<PolicyType>) -> Result<Validated, Failure> {
    let catalog = catalog()?;
    let ty = policy_type.unwrap_or(PolicyType::Identity);
    let linted =
        lint::lint_text_managed(text, ty, Some(catalog), managed_for(text)).map_err(|e| {
            Failure::NotJson {
                message: e.message,
                span: e.span,
            }
        })?;
    let source = catalog.source();
    Ok(Validated {
        counts: Counts::of(&linted.findings),
        scenario: linted.scenario,
        policy_type: ty,
        findings: linted.findings,
        catalog_label: format!("{}@{}", source.package, source.version),
    })
}

/// A policy scenario for the sweep and the comparison (`ActionNames` may be left out).
pub fn policy_scenario(text: &str) -> Result<Scenario, Failure> {
    match scenario::parse_input_for_all_actions_managed(text, managed_for(text)) {
        Ok((Input::Policies(s), _)) => Ok(*s),
        Ok((Input::World(_), _)) => Err(Failure::Input(
            "a World scenario: sweep and compare take a policy scenario (PolicyInputList, …)"
                .into(),
        )),
        Err(diags) => Err(Failure::Diagnostics(diags)),
    }
}

/// The sweep of a scenario, with what it was made from.
#[derive(Debug, Clone)]
pub struct Swept {
    /// The scenario.
    pub scenario: Scenario,
    /// Every catalog action's decision, by service and access level.
    pub sweep: Sweep,
    /// Warnings about the scenario's policies.
    pub warnings: Vec<Diagnostic>,
}

/// `iam-sim sweep`: every catalog action against the scenario's resources (and, with `named`,
/// the resources its policies name) and context.
pub fn sweep(text: &str, opts: &Options, named: bool) -> Result<Swept, Failure> {
    let scenario = policy_scenario(text)?;
    let catalog = catalog()?;
    let compiled = Compiled::new(&scenario).map_err(Failure::Diagnostics)?;
    let over = if named {
        Resources::Named
    } else {
        Resources::Request
    };
    let sweep = sweep_over(&compiled, catalog, opts, over, &mut |_, _| true)
        .ok_or_else(|| Failure::Input("the sweep was cancelled".into()))?;
    let warnings = compiled.diagnostics().to_vec();
    Ok(Swept {
        scenario,
        sweep,
        warnings,
    })
}
