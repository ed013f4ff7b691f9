//! A scenario's text turned into an outcome, as `simulate`, `explain` and `test` need it:
//! parsed (either form), evaluated (wildcard `ActionNames` expanded against the catalog), and
//! every diagnostic located in the text.

use iam_engine::scenario::aws_api::Page;
use iam_engine::scenario::{self, Expectation, Input};
use iam_engine::{Diagnostic, Options, Outcome, PolicyInput};

/// An evaluated scenario.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The response; its diagnostics (warnings only) point into the scenario text.
    pub outcome: Outcome,
    /// Every policy of the scenario, for source snippets.
    pub policies: Vec<PolicyInput>,
    /// The decisions the scenario says its requests should get (`Expected`).
    pub expected: Vec<Expectation>,
    /// The scenario as read (for questions asked of it afterwards, such as what would flip a
    /// decision).
    pub input: Input,
    /// The page of `--format aws` output its `MaxItems` and `Marker` ask for.
    pub page: Page,
}

/// Parse and evaluate a scenario. `Err` holds the diagnostics (at least one error), located in
/// `text`.
pub fn evaluate(text: &str, opts: &Options) -> Result<Evaluated, Vec<Diagnostic>> {
    // The AWS managed policies are parsed only when the scenario may name one.
    let (input, mut diags) = scenario::parse_input_managed(text, crate::api::managed_for(text))?;
    let (mut outcome, origins, policies) = match &input {
        Input::Policies(s) => {
            // Wildcards in ActionNames (`s3:Get*`) are expanded against the embedded catalog.
            let outcome = if s
                .action_names
                .iter()
                .any(|a| a != "*" && a.contains(['*', '?']))
            {
                match crate::api::catalog() {
                    Ok(catalog) => iam_engine::expand::simulate_expanded(s, opts, catalog),
                    Err(_) => iam_engine::simulate(s, opts),
                }
            } else {
                iam_engine::simulate(s, opts)
            };
            let texts = s
                .policies()
                .into_iter()
                .map(|(p, ..)| p.clone())
                .collect::<Vec<_>>();
            (outcome, s.origins.clone(), texts)
        }
        Input::World(w) => {
            let outcome = iam_engine::simulate_world(w, opts);
            (outcome, w.origins.clone(), world_policies(w))
        }
    };
    diags.append(&mut outcome.diagnostics);
    iam_engine::locate_in_file(&mut diags, &origins, text);
    outcome.diagnostics = diags;
    if outcome.has_errors() || outcome.results.is_none() {
        return Err(outcome.diagnostics);
    }
    let page = match &input {
        Input::Policies(s) => s.aws.page(),
        Input::World(_) => Page::default(),
    };
    Ok(Evaluated {
        outcome,
        policies,
        expected: input.expected().to_vec(),
        page,
        input,
    })
}

/// Every policy of a world, for source snippets.
fn world_policies(w: &iam_engine::world::WorldScenario) -> Vec<PolicyInput> {
    let world = &w.world;
    let mut out = Vec::new();
    for u in &world.users {
        out.extend(u.policies.iter().cloned());
        out.extend(u.boundary.iter().cloned());
    }
    for g in &world.groups {
        out.extend(g.policies.iter().cloned());
    }
    for r in &world.roles {
        out.extend(r.policies.iter().cloned());
        out.extend(r.boundary.iter().cloned());
        out.extend(r.trust_policy.iter().cloned());
    }
    for r in &world.resources {
        out.extend(r.policy.iter().cloned());
    }
    for h in &w.request.chain {
        out.extend(h.policy.iter().cloned());
    }
    fn org(n: &iam_engine::world::OrgNode, out: &mut Vec<PolicyInput>) {
        out.extend(n.scps.iter().cloned());
        out.extend(n.rcps.iter().cloned());
        for a in &n.accounts {
            out.extend(a.scps.iter().cloned());
            out.extend(a.rcps.iter().cloned());
        }
        for c in &n.children {
            org(c, out);
        }
    }
    if let Some(o) = &world.organization {
        org(&o.root, &mut out);
    }
    out
}
