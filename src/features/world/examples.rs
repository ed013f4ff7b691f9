//! The World scenarios offered in the picker; the first, cross-account delegation (David in
//! Development assumes UpdateApp in Production), is the World mode's default. The others are
//! scenarios of the engine's test cases (`crates/engine/tests/cases/world_*.json`), copied as
//! they were into `examples/` beside this file.

pub use crate::model::examples::WORLD_EXAMPLE;

/// The World examples offered in the picker: (id, title, scenario). The others are scenarios of
/// the engine's test cases (`crates/engine/tests/cases/world_*.json`), copied as they were.
pub const WORLD_EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "cross-account",
        "Cross-account delegation: David assumes UpdateApp",
        WORLD_EXAMPLE,
    ),
    (
        "role-chaining",
        "Role chaining: alice reaches RoleB through RoleA",
        include_str!("examples/role-chaining.json"),
    ),
    (
        "transitive-tags",
        "Transitive session tags survive the second hop",
        include_str!("examples/transitive-tags.json"),
    ),
    (
        "mfa-cross-account",
        "MFA-protected cross-account delegation",
        include_str!("examples/mfa-cross-account.json"),
    ),
    (
        "saml-session-tags",
        "SAML session tags for ABAC",
        include_str!("examples/saml-session-tags.json"),
    ),
    (
        "abac-tutorial",
        "ABAC tutorial: Arnav switches to access-peg-engineering",
        include_str!("examples/abac-tutorial.json"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_is_a_world_scenario() {
        let parsed = iam_engine::scenario::parse_input(WORLD_EXAMPLE);
        assert!(matches!(parsed, Ok((iam_engine::Input::World(_), _))));
    }

    #[test]
    fn example_chain_is_allowed_and_put_object_allowed() {
        let Ok((iam_engine::Input::World(ws), _)) =
            iam_engine::scenario::parse_input(WORLD_EXAMPLE)
        else {
            panic!("not a world");
        };
        let opts = iam_engine::Options {
            trace: true,
            now_epoch_seconds: Some(1_700_000_000),
        };
        let out = iam_engine::simulate_world(&ws, &opts);
        let results = out.results.expect("results");
        assert_eq!(results[0].eval_decision, iam_engine::EvalDecision::Allowed);
        let chain = results[0].chain.as_ref().expect("chain");
        assert_eq!(chain[0].eval_decision, iam_engine::EvalDecision::Allowed);
    }

    #[test]
    fn every_example_is_a_world_with_results() {
        for (id, _, text) in WORLD_EXAMPLES {
            let Ok((iam_engine::Input::World(ws), _)) = iam_engine::scenario::parse_input(text)
            else {
                panic!("{id}: not a world");
            };
            let out = iam_engine::simulate_world(&ws, &iam_engine::Options::default());
            assert!(out.results.is_some(), "{id}: {:?}", out.diagnostics);
        }
    }
}
