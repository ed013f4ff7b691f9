//! The World scenarios offered in the picker; the first, cross-account delegation (David in
//! Development assumes UpdateApp in Production), is the World mode's default and compiled in.
//! The others are scenarios of the engine's test cases (`crates/engine/tests/cases/world_*.json`),
//! copied as they were into `examples/` beside this file; the build copies that folder next to
//! the page as `world-examples/` (index.html), the service worker keeps it for offline use, and
//! the picker fetches an example when it is chosen.

pub use crate::model::examples::WORLD_EXAMPLE;
use crate::platform::fetch::fetch_text;

/// The id of the default example ([`WORLD_EXAMPLE`], compiled in).
pub const DEFAULT_ID: &str = "cross-account";

/// The World examples offered in the picker: (id, title); example `ID` other than
/// [`DEFAULT_ID`] is the file `world-examples/ID.json`.
pub const WORLD_EXAMPLES: &[(&str, &str)] = &[
    (
        DEFAULT_ID,
        "Cross-account delegation: David assumes UpdateApp",
    ),
    (
        "role-chaining",
        "Role chaining: alice reaches RoleB through RoleA",
    ),
    (
        "transitive-tags",
        "Transitive session tags survive the second hop",
    ),
    (
        "mfa-cross-account",
        "MFA-protected cross-account delegation",
    ),
    ("saml-session-tags", "SAML session tags for ABAC"),
    (
        "abac-tutorial",
        "ABAC tutorial: Arnav switches to access-peg-engineering",
    ),
];

/// Where the example `id` is, relative to the page.
pub fn url(id: &str) -> String {
    format!("world-examples/{id}.json")
}

/// The text of the example `id`: the default one as compiled in, the others fetched from the
/// page's origin.
pub async fn text(id: &str) -> Result<String, String> {
    if id == DEFAULT_ID {
        return Ok(WORLD_EXAMPLE.to_string());
    }
    if !WORLD_EXAMPLES.iter().any(|(i, _)| *i == id) {
        return Err(format!("there is no World example `{id}`"));
    }
    fetch_text(&url(id))
        .await
        .map_err(|e| format!("the World example could not be loaded: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples' texts, as the build copies them.
    const TEXTS: &[(&str, &str)] = &[
        (DEFAULT_ID, WORLD_EXAMPLE),
        ("role-chaining", include_str!("examples/role-chaining.json")),
        (
            "transitive-tags",
            include_str!("examples/transitive-tags.json"),
        ),
        (
            "mfa-cross-account",
            include_str!("examples/mfa-cross-account.json"),
        ),
        (
            "saml-session-tags",
            include_str!("examples/saml-session-tags.json"),
        ),
        ("abac-tutorial", include_str!("examples/abac-tutorial.json")),
    ];

    #[test]
    fn every_example_offered_is_a_file_the_build_copies() {
        let ids: Vec<&str> = TEXTS.iter().map(|(id, _)| *id).collect();
        let offered: Vec<&str> = WORLD_EXAMPLES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, offered);
        crate::platform::fetch::assert_folder_holds_json_for(
            "src/features/world/examples",
            &offered[1..],
        );
        let html = include_str!("../../../index.html");
        assert!(html.contains(
            r#"rel="copy-dir" href="src/features/world/examples" data-target-path="world-examples""#
        ));
        assert_eq!(
            url("mfa-cross-account"),
            "world-examples/mfa-cross-account.json"
        );
    }

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
        for (id, text) in TEXTS {
            let Ok((iam_engine::Input::World(ws), _)) = iam_engine::scenario::parse_input(text)
            else {
                panic!("{id}: not a world");
            };
            let out = iam_engine::simulate_world(&ws, &iam_engine::Options::default());
            assert!(out.results.is_some(), "{id}: {:?}", out.diagnostics);
        }
    }
}
