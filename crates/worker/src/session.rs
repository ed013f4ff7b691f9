//! The worker's state (the parsed catalog) and its two jobs.

use iam_engine::catalog::Catalog;
use iam_engine::compare::compare;
use iam_engine::sweep::{sweep_with, Counts};
use iam_engine::{parse_scenario, Compiled, Diagnostic, Options, Scenario, Severity};

use crate::protocol::{ActionRow, CompareReply, ServiceRow, SweepReply, MAX_COUNTEREXAMPLES};

/// The catalog, once loaded.
#[derive(Default)]
pub struct Session {
    catalog: Option<Catalog>,
}

impl Session {
    /// Parse and keep the service catalog (the text of `iam-catalog.txt`).
    pub fn load_catalog(&mut self, text: &str) -> Result<(), String> {
        let catalog = Catalog::parse(text).map_err(|e| e.to_string())?;
        self.catalog = Some(catalog);
        Ok(())
    }

    /// Whether [`Session::load_catalog`] succeeded.
    pub fn has_catalog(&self) -> bool {
        self.catalog.is_some()
    }

    /// Evaluate every catalog action against the scenario's resources and context.
    /// `progress(done, total)` is called after each service; returning `false` cancels (the
    /// reply then carries an error).
    pub fn sweep(
        &self,
        scenario: &str,
        now: Option<i64>,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> SweepReply {
        let failed = |error: String| SweepReply {
            error: Some(error),
            catalog: String::new(),
            resources: Vec::new(),
            decisions: 0,
            counts: Counts::default(),
            services: Vec::new(),
        };
        let Some(catalog) = &self.catalog else {
            return failed("the service catalog is not loaded".into());
        };
        let compiled = match parse_scenario(scenario).and_then(|s| Compiled::new(&s)) {
            Ok(c) => c,
            Err(diags) => return failed(describe(&diags, "The scenario")),
        };
        let opts = Options {
            trace: false,
            now_epoch_seconds: now,
        };
        let Some(result) = sweep_with(&compiled, catalog, &opts, progress) else {
            return failed("cancelled".into());
        };
        let source = catalog.source();
        SweepReply {
            error: None,
            catalog: format!("{}@{}", source.package, source.version),
            resources: result.resources,
            decisions: result.decisions,
            counts: result.counts,
            services: result
                .services
                .into_iter()
                .map(|s| ServiceRow {
                    actions: s
                        .actions
                        .into_iter()
                        .map(|a| {
                            let name = match a.action.split_once(':') {
                                Some((_, n)) => n.to_string(),
                                None => a.action,
                            };
                            ActionRow(name, a.access_level, a.decision)
                        })
                        .collect(),
                    prefix: s.prefix,
                    name: s.name,
                    counts: s.counts,
                    levels: s.levels,
                })
                .collect(),
        }
    }

    /// Compare the policies of scenario `a` with those of `b` (on `a`'s requests).
    pub fn compare(&self, a: &str, b: &str, now: Option<i64>) -> CompareReply {
        let failed = |error: String| CompareReply {
            error: Some(error),
            comparison: None,
            counterexamples: 0,
        };
        let Some(catalog) = &self.catalog else {
            return failed("the service catalog is not loaded".into());
        };
        let parse = |text: &str, side: &str| -> Result<Scenario, String> {
            parse_scenario(text).map_err(|d| describe(&d, side))
        };
        let (sa, sb) = match (parse(a, "Scenario A"), parse(b, "Scenario B")) {
            (Ok(sa), Ok(sb)) => (sa, sb),
            (Err(e), _) | (_, Err(e)) => return failed(e),
        };
        let opts = Options {
            trace: false,
            now_epoch_seconds: now,
        };
        match compare(&sa, &sb, catalog, &opts) {
            Ok(mut c) => {
                let total = c.counterexamples.len();
                c.counterexamples.truncate(MAX_COUNTEREXAMPLES);
                CompareReply {
                    error: None,
                    comparison: Some(c),
                    counterexamples: total,
                }
            }
            Err(e) => failed(describe(&e.diagnostics, &format!("Scenario {}", e.side))),
        }
    }
}

/// "`what` has N errors; the first: …".
fn describe(diags: &[Diagnostic], what: &str) -> String {
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    match errors.first() {
        Some(first) => format!(
            "{what} has {} error{}; the first{}: {}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            first
                .policy_id
                .as_ref()
                .map(|p| format!(" (in {p})"))
                .unwrap_or_default(),
            first.message
        ),
        None => format!("{what} cannot be evaluated"),
    }
}
