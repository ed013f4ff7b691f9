//! The worker's state (the parsed catalog) and its two jobs.

use iam_engine::analysis::world::{world_compare, world_sweep, WorldError};
use iam_engine::catalog::Catalog;
use iam_engine::compare::compare;
use iam_engine::scenario::parse_input_for_all_actions;
use iam_engine::sweep::{sweep_over, Counts, Resources, Sweep};
use iam_engine::{Compiled, Diagnostic, Input, Options, Scenario, Severity};

use crate::live::Live;
use crate::protocol::{
    ActionRow, CompareReply, EvaluateReply, ServiceRow, StatementsReply, SweepReply,
    MAX_COUNTEREXAMPLES,
};

/// The catalog, once loaded, and the latest live evaluations.
#[derive(Default)]
pub struct Session {
    catalog: Option<Catalog>,
    live: Live,
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

    /// Evaluate a large input for the page (see [`crate::live`]), as job `job`.
    pub fn evaluate(&mut self, job: u64, scenario: &str, now: Option<i64>) -> EvaluateReply {
        self.live
            .evaluate(job, scenario, now, self.catalog.as_ref())
    }

    /// A page of statement traces of live evaluation `job`.
    pub fn statements(
        &self,
        job: u64,
        result: usize,
        policy_id: &str,
        from: usize,
        count: usize,
    ) -> StatementsReply {
        self.live.statements(job, result, policy_id, from, count)
    }

    /// Evaluate every catalog action against the scenario's resources and context — for a
    /// World scenario, as the principal its chain ends with, on the request's resources (and,
    /// with [`Resources::Named`], the World's resources, roles and users).
    /// `progress(done, total)` is called after each service; returning `false` cancels (the
    /// reply then carries an error).
    pub fn sweep(
        &self,
        scenario: &str,
        now: Option<i64>,
        over: Resources,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> SweepReply {
        let Some(catalog) = &self.catalog else {
            return failed_sweep("the service catalog is not loaded".into());
        };
        let opts = Options {
            trace: false,
            now_epoch_seconds: now,
        };
        let result = match parse_input_for_all_actions(scenario) {
            Err(diags) => return failed_sweep(describe(&diags, "The scenario")),
            Ok((Input::World(ws), _)) => match world_sweep(&ws, catalog, &opts, over, progress) {
                Ok(r) => r,
                Err(WorldError::Errors(d)) => return failed_sweep(describe(&d, "The World")),
                Err(WorldError::Stopped { reason, decision }) => {
                    return failed_sweep(format!(
                        "The chain stops ({reason}), so no request is made: every action is {}",
                        decision.as_str()
                    ))
                }
            },
            Ok((Input::Policies(s), _)) => {
                let compiled = match Compiled::new(&s) {
                    Ok(c) => c,
                    Err(diags) => return failed_sweep(describe(&diags, "The scenario")),
                };
                sweep_over(&compiled, catalog, &opts, over, progress)
            }
        };
        match result {
            Some(r) => reply(r, catalog),
            None => failed_sweep("cancelled".into()),
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
        let opts = Options {
            trace: false,
            now_epoch_seconds: now,
        };
        let world = |text: &str| match parse_input_for_all_actions(text) {
            Ok((Input::World(ws), _)) => Some(ws),
            _ => None,
        };
        if let (Some(wa), Some(wb)) = (world(a), world(b)) {
            return match world_compare(&wa, &wb, catalog, &opts) {
                Ok(c) => truncated(c),
                Err(e) => failed(describe(&e.diagnostics, &format!("World {}", e.side))),
            };
        }
        let parse = |text: &str, side: &str| -> Result<Scenario, String> {
            read(text).map_err(|d| describe(&d, side))
        };
        let (sa, sb) = match (parse(a, "Scenario A"), parse(b, "Scenario B")) {
            (Ok(sa), Ok(sb)) => (sa, sb),
            (Err(e), _) | (_, Err(e)) => return failed(e),
        };
        match compare(&sa, &sb, catalog, &opts) {
            Ok(c) => truncated(c),
            Err(e) => failed(describe(&e.diagnostics, &format!("Scenario {}", e.side))),
        }
    }
}

/// A reply with at most [`MAX_COUNTEREXAMPLES`] counterexamples (and how many there were).
fn truncated(mut c: iam_engine::compare::Comparison) -> CompareReply {
    let total = c.counterexamples.len();
    c.counterexamples.truncate(MAX_COUNTEREXAMPLES);
    CompareReply {
        error: None,
        comparison: Some(c),
        counterexamples: total,
    }
}

fn failed_sweep(error: String) -> SweepReply {
    SweepReply {
        error: Some(error),
        catalog: String::new(),
        resources: Vec::new(),
        named_resources: Vec::new(),
        decisions: 0,
        counts: Counts::default(),
        services: Vec::new(),
    }
}

/// A sweep as the compact reply.
fn reply(result: Sweep, catalog: &Catalog) -> SweepReply {
    let source = catalog.source();
    let named = result.named_resources;
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
                on_star: s
                    .actions
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.resource_free)
                    .map(|(i, _)| i)
                    .collect(),
                allowed_on: s
                    .actions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, a)| {
                        let on = a.allowed_on.as_ref()?;
                        Some((i, named.iter().position(|n| n == on)?))
                    })
                    .collect(),
                actions: s
                    .actions
                    .into_iter()
                    .map(|a| {
                        let name = match a.action.split_once(':') {
                            Some((_, n)) => n.to_string(),
                            None => a.action,
                        };
                        ActionRow::new(name, a.access_level, a.decision)
                    })
                    .collect(),
                prefix: s.prefix,
                name: s.name,
                counts: s.counts,
                levels: s.levels,
            })
            .collect(),
        named_resources: named,
    }
}

/// A policy scenario (`ActionNames` optional: every catalog action is tried).
fn read(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    match parse_input_for_all_actions(text)? {
        (Input::Policies(s), _) => Ok(*s),
        (Input::World(_), _) => Err(vec![Diagnostic {
            severity: Severity::Error,
            code: "unsupported",
            message: "a World scenario: compare it with another World, not a policy scenario"
                .into(),
            help: None,
            policy_id: None,
            span: None,
            file_span: None,
        }]),
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use iam_engine::sweep::Resources;
    use iam_engine::EvalDecision;

    use super::Session;
    use crate::protocol::{CompareReply, SweepReply};

    fn session() -> Session {
        let mut s = Session::default();
        assert!(!s.has_catalog());
        s.load_catalog(include_str!("../../engine/data/iam-catalog.txt"))
            .unwrap();
        assert!(s.has_catalog());
        s
    }

    fn scenario(actions: &str) -> String {
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{actions},"Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/t"}}]}}"#
        );
        serde_json::json!({
            "PolicyInputList": [policy],
            "CallerArn": "arn:aws:iam::111122223333:user/alice",
            // No ActionNames: a sweep and a comparison try every catalog action.
            "ResourceArns": ["arn:aws:s3:::b/k"]
        })
        .to_string()
    }

    #[test]
    fn a_sweep_reply_is_compact_and_survives_json() {
        let s = session();
        let mut calls = 0;
        let text = scenario(r#"["dynamodb:GetItem"]"#);
        let plain = s.sweep(&text, None, Resources::Request, &mut |_, _| {
            calls += 1;
            true
        });
        assert_eq!(plain.error, None);
        assert!(calls > 100, "progress after each service");
        // The request names an S3 object, so only sts:GetCallerIdentity is allowed: it needs no
        // permission (SPEC §12.4).
        assert_eq!(plain.counts.allowed, 1, "the request names an S3 object");
        let named = s.sweep(&text, None, Resources::Named, &mut |_, _| true);
        assert_eq!(named.counts.allowed, 2);
        let ddb = named
            .services
            .iter()
            .find(|r| r.prefix == "dynamodb")
            .unwrap();
        let (i, n) = ddb.allowed_on[0];
        assert_eq!(ddb.actions[i].name(), "GetItem");
        assert_eq!(ddb.actions[i].decision(), EvalDecision::Allowed);
        assert_eq!(
            ddb.actions[i].level(),
            iam_engine::catalog::AccessLevel::Read
        );
        assert_eq!(
            named.named_resources[n],
            "arn:aws:dynamodb:us-east-1:111122223333:table/t"
        );
        let csv = named.to_csv();
        assert_eq!(csv.lines().count(), 1 + named.counts.total);
        assert!(csv.contains(
            "\ndynamodb,dynamodb:GetItem,Read,allowed,arn:aws:dynamodb:us-east-1:111122223333:table/t\n"
        ));
        let json = serde_json::to_string(&named).unwrap();
        assert_eq!(serde_json::from_str::<SweepReply>(&json).unwrap(), named);
        // Mostly the 22,091 action names (~850 KB); decisions and levels are one digit each.
        assert!(json.len() < 1_000_000, "{} bytes", json.len());
    }

    #[test]
    fn errors_and_cancel_come_back_as_messages() {
        let s = session();
        let bad = s.sweep("{", None, Resources::Request, &mut |_, _| true);
        assert!(bad.error.unwrap().starts_with("The scenario has 1 error"));
        let cancelled = s.sweep(
            &scenario("\"s3:*\""),
            None,
            Resources::Request,
            &mut |_, _| false,
        );
        assert_eq!(cancelled.error.as_deref(), Some("cancelled"));
        assert!(Session::default()
            .compare("{}", "{}", None)
            .error
            .unwrap()
            .contains("not loaded"));
    }

    const ABAC: &str = include_str!("../../../src/features/world/examples/abac-tutorial.json");

    #[test]
    fn a_world_is_swept_as_the_principal_its_chain_ends_with() {
        let s = session();
        let r = s.sweep(ABAC, None, Resources::Named, &mut |_, _| true);
        assert_eq!(r.error, None);
        let sm = r
            .services
            .iter()
            .find(|x| x.prefix == "secretsmanager")
            .unwrap();
        assert!(sm.counts.allowed > 0);
        assert!(
            !sm.allowed_on.is_empty(),
            "allowed on a secret of the World"
        );
        // Mary cannot assume the engineers' role: a reason, no rows.
        let mary = ABAC.replace(
            "\"Principal\": \"arn:aws:iam::111122223333:user/access-Arnav-peg-eng\"",
            "\"Principal\": \"arn:aws:iam::111122223333:user/access-Mary-peg-qas\"",
        );
        let r = s.sweep(&mary, None, Resources::Request, &mut |_, _| true);
        assert!(r
            .error
            .unwrap()
            .starts_with("The chain stops (hop 0 (AssumeRole) failed"));
        let c = s.compare(ABAC, &mary, None);
        assert_eq!(c.error, None);
        let c = c.comparison.unwrap();
        assert!(c.only_a_allows > 0 && c.only_b_allows == 0);
        assert!(s.compare(ABAC, &scenario("\"*\""), None).error.is_some());
    }

    #[test]
    fn a_comparison_reply_counts_its_counterexamples() {
        let s = session();
        let r: CompareReply = s.compare(&scenario(r#""dynamodb:Get*""#), &scenario(r#""*""#), None);
        assert_eq!(r.error, None);
        let c = r.comparison.unwrap();
        assert!(!c.counterexamples.is_empty());
        assert!(c.counterexamples.len() <= crate::protocol::MAX_COUNTEREXAMPLES);
        assert!(r.counterexamples >= c.counterexamples.len());
        assert!(c.only_b_allows > 0);
        assert_eq!(c.only_a_allows, 0);
    }
}
