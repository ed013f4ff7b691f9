//! Effective permissions and comparison for World requests (`analysis::world`): every decision
//! the sweep or the comparison reports is the decision `simulate_world` gives the same request,
//! on the seed tutorials' Worlds.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use iam_engine::analysis::world::{world_compare, world_resources, world_sweep, WorldError};
use iam_engine::catalog::Catalog;
use iam_engine::scenario::parse_input;
use iam_engine::sweep::{Resources, Sweep};
use iam_engine::world::WorldScenario;
use iam_engine::{simulate_world, EvalDecision, Input, Options};

const ABAC: &str = include_str!("../../../src/features/world/examples/abac-tutorial.json");
const ARNAV: &str = "arn:aws:iam::111122223333:user/access-Arnav-peg-eng";
const MARY: &str = "arn:aws:iam::111122223333:user/access-Mary-peg-qas";
const PEG_ENG: &str = "arn:aws:iam::111122223333:role/access-peg-engineering";
const PEG_QAS: &str = "arn:aws:iam::111122223333:role/access-peg-quality-assurance";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:111122223333:secret:test-access-";

fn catalog() -> Catalog {
    Catalog::parse(include_str!("../data/iam-catalog.txt")).unwrap()
}

fn opts() -> Options {
    Options {
        trace: false,
        now_epoch_seconds: Some(1_700_000_000),
    }
}

fn world(text: &str) -> WorldScenario {
    match parse_input(text) {
        Ok((Input::World(ws), _)) => *ws,
        other => panic!("not a World: {other:?}"),
    }
}

/// The ABAC tutorial's World with `principal` assuming `role`.
fn abac(principal: &str, role: &str) -> WorldScenario {
    let mut ws = world(ABAC);
    ws.request.principal = principal.into();
    ws.request.chain[0].role_arn = Some(role.into());
    ws
}

/// What `simulate_world` decides for `action` on `resource`.
fn simulated(ws: &WorldScenario, action: &str, resource: &str) -> EvalDecision {
    let mut one = ws.clone();
    one.request.action_names = vec![action.into()];
    one.request.resource_arns = vec![resource.into()];
    let out = simulate_world(&one, &opts());
    out.results.unwrap()[0].eval_decision
}

fn sweep(ws: &WorldScenario, over: Resources) -> Sweep {
    world_sweep(ws, &catalog(), &opts(), over, &mut |_, _| true)
        .unwrap()
        .unwrap()
}

/// [S1 §IAM tutorial: Define permissions to access AWS resources based on tags] Steps 5 and 7:
/// as access-peg-engineering, Arnav reads the engineering secrets and updates only Pegasus
/// engineering's; the sweep over the World's secrets says so, action by action exactly as
/// simulating each request does.
#[test]
fn arnav_after_assuming_his_role_sweeps_like_simulated_requests() {
    let ws = abac(ARNAV, PEG_ENG);
    let s = sweep(&ws, Resources::Named);
    assert_eq!(s.resources, ["*"]);
    assert!(s.named_resources.iter().any(|r| r.starts_with(SECRET)));
    assert_eq!(s.named_resources, world_resources(&ws.world));
    let sm = s
        .services
        .iter()
        .find(|x| x.prefix == "secretsmanager")
        .unwrap();
    for a in &sm.actions {
        // The overall decision: allowed on some resource tried, else …
        let on: Vec<(String, EvalDecision)> = if a.resource_free {
            vec![("*".into(), simulated(&ws, &a.action, "*"))]
        } else {
            s.named_resources
                .iter()
                .filter(|r| r.starts_with(SECRET))
                .chain(std::iter::once(&"*".to_string()))
                .map(|r| (r.clone(), simulated(&ws, &a.action, r)))
                .collect()
        };
        let allowed = on.iter().find(|(_, d)| *d == EvalDecision::Allowed);
        match allowed {
            Some(_) => assert_eq!(a.decision, EvalDecision::Allowed, "{}", a.action),
            None => assert_ne!(a.decision, EvalDecision::Allowed, "{}", a.action),
        }
        if let Some(on) = &a.allowed_on {
            assert_eq!(
                simulated(&ws, &a.action, on),
                EvalDecision::Allowed,
                "{}",
                a.action
            );
        }
    }
    let find = |name: &str| sm.actions.iter().find(|a| a.action == name).unwrap();
    // Step 7: updates only the secret with the role's three tags.
    let update = find("secretsmanager:UpdateSecret");
    assert_eq!(update.decision, EvalDecision::Allowed);
    assert!(update.allowed_on.as_deref().unwrap().contains("peg-eng"));
    // Step 2's explicit deny of resource-policy management.
    assert_eq!(
        find("secretsmanager:PutResourcePolicy").decision,
        EvalDecision::ExplicitDeny
    );
    // Nothing outside Secrets Manager.
    let s3 = s.services.iter().find(|x| x.prefix == "s3").unwrap();
    assert_eq!(s3.counts.allowed, 0);
    // Without the World's resources only `*` is tried.
    let plain = sweep(&ws, Resources::Request);
    assert!(plain.named_resources.is_empty());
    assert!(plain.counts.allowed < s.counts.allowed);
}

/// [S1 §IAM tutorial: …based on tags] Step 4, item 5: Mary cannot switch to the engineers' role,
/// so no request is made as it: the sweep says why instead of listing decisions.
#[test]
fn a_chain_that_stops_has_no_sweep_but_a_reason() {
    let err = world_sweep(
        &abac(MARY, PEG_ENG),
        &catalog(),
        &opts(),
        Resources::Request,
        &mut |_, _| true,
    )
    .unwrap_err();
    match err {
        WorldError::Stopped { reason, decision } => {
            assert_eq!(decision, EvalDecision::ImplicitDeny);
            assert!(reason.starts_with("hop 0 (AssumeRole) failed"), "{reason}");
        }
        WorldError::Errors(d) => panic!("{d:?}"),
    }
}

/// [S1 §Choosing between GetSessionToken and AssumeRole]: credentials from GetSessionToken
/// without MFA cannot call IAM or STS, whatever the policies say; the sweep refuses them too.
#[test]
fn session_token_without_mfa_is_refused_iam_in_the_sweep() {
    let text = include_str!("../../../src/features/world/examples/mfa-cross-account.json");
    let mut ws = world(text);
    ws.request.principal = "arn:aws:iam::111122223333:user/Sofia".into();
    ws.request.authentication = None;
    ws.request.chain = vec![iam_engine::world::Hop {
        api: iam_engine::world::StsApi::GetSessionToken,
        role_arn: None,
        role_session_name: None,
        tags: Vec::new(),
        transitive_tag_keys: Vec::new(),
        policy: None,
        external_id: None,
        source_identity: None,
        duration_seconds: None,
        federated_claims: Vec::new(),
        provider: None,
        mfa: None,
        issued_at: None,
    }];
    ws.request.resource_arns = vec!["*".into()];
    let s = sweep(&ws, Resources::Request);
    let iam = s.services.iter().find(|x| x.prefix == "iam").unwrap();
    assert_eq!(iam.counts.allowed, 0);
    for a in iam.actions.iter().take(40) {
        assert_eq!(a.decision, simulated(&ws, &a.action, "*"), "{}", a.action);
    }
}

/// [S1 §IAM tutorial: …based on tags] Step 4 and Step 5: the same request made by Arnav and by
/// Mary, each through access-peg-engineering: Mary's hop fails, so everything Arnav may do is
/// "only A allows"; each counterexample is what simulating both requests gives.
#[test]
fn the_same_request_as_two_users() {
    let a = abac(ARNAV, PEG_ENG);
    let b = abac(MARY, PEG_ENG);
    let c = world_compare(&a, &b, &catalog(), &opts()).unwrap();
    assert!(c.bounded);
    assert!(c.only_a_allows > 0);
    assert_eq!(c.only_b_allows, 0);
    for x in &c.counterexamples {
        assert_eq!(x.a.decision, simulated(&a, &x.action, &x.resource), "{x:?}");
        assert_eq!(x.b.decision, EvalDecision::ImplicitDeny);
        assert!(x.b.statements.is_empty());
    }
    assert!(c
        .counterexamples
        .iter()
        .any(|x| x.action == "secretsmanager:DescribeSecret" && x.resource.contains("peg-eng")));
}

/// [S1 §IAM tutorial: …based on tags] Step 5 table: access-peg-engineering and
/// access-peg-quality-assurance each read their own team's secrets; compared, they differ on
/// exactly the secrets whose team tag is one of theirs, and in both directions.
#[test]
fn two_roles_differ_on_their_teams_secrets() {
    let a = abac(ARNAV, PEG_ENG);
    let b = abac(MARY, PEG_QAS);
    let c = world_compare(&a, &b, &catalog(), &opts()).unwrap();
    assert!(c.only_a_allows > 0 && c.only_b_allows > 0);
    for x in &c.counterexamples {
        assert_eq!(x.a.decision, simulated(&a, &x.action, &x.resource), "{x:?}");
        assert_eq!(x.b.decision, simulated(&b, &x.action, &x.resource), "{x:?}");
    }
    let describe = |secret: &str| {
        c.counterexamples
            .iter()
            .find(|x| x.action == "secretsmanager:DescribeSecret" && x.resource.contains(secret))
            .map(|x| (x.a.decision, x.b.decision))
    };
    assert_eq!(
        describe("uni-qas"),
        Some((EvalDecision::ImplicitDeny, EvalDecision::Allowed))
    );
    assert_eq!(
        describe("uni-eng"),
        Some((EvalDecision::Allowed, EvalDecision::ImplicitDeny))
    );
    // Reading where both roles agree (ListSecrets on `*`) is no difference.
    assert!(!c
        .counterexamples
        .iter()
        .any(|x| x.action == "secretsmanager:ListSecrets"));
    let allowed_b = c
        .counterexamples
        .iter()
        .find(|x| x.b.decision == EvalDecision::Allowed)
        .unwrap();
    assert!(
        allowed_b
            .b
            .statements
            .iter()
            .all(|s| s.starts_with("role/access-peg-quality-assurance")),
        "{allowed_b:?}"
    );
}
