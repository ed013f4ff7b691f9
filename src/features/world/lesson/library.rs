//! The lessons of the playground: the five seed tutorials, as lesson files in `lessons/`
//! (written by `scripts/gen-lessons.py` from the conformance cases, texts in our own words).
//! They are not compiled into the app: the build copies `lessons/` next to the page
//! (index.html), the service worker keeps them for offline use, and the app fetches them the
//! first time the lessons are listed or one is opened.
//! The tests are the tutorials' documented outcomes: every answer of every step is checked
//! against the engine, and each step that names a conformance case must be that case — same
//! World, same request, same decisions.

use crate::platform::fetch::fetch_text;

/// The lessons' ids, in the order they are offered (lesson `ID` is the file `lessons/ID.json`).
pub const LESSON_IDS: &[&str] = &[
    "abac",
    "saml-session-tags",
    "cross-account",
    "mfa",
    "boundaries",
];

/// Whether the playground has a lesson `id`.
pub fn has(id: &str) -> bool {
    LESSON_IDS.contains(&id)
}

/// Where the lesson `id` is, relative to the page.
pub fn url(id: &str) -> String {
    format!("lessons/{id}.json")
}

/// The text of the lesson `id`, fetched from the page's origin.
pub async fn fetch(id: &str) -> Result<String, String> {
    if !has(id) {
        return Err(format!("this playground has no lesson `{id}`"));
    }
    fetch_text(&url(id))
        .await
        .map_err(|e| format!("the lesson `{id}` could not be loaded: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lesson files, as the build copies them.
    const LESSONS: &[(&str, &str)] = &[
        ("abac", include_str!("../../../../lessons/abac.json")),
        (
            "saml-session-tags",
            include_str!("../../../../lessons/saml-session-tags.json"),
        ),
        (
            "cross-account",
            include_str!("../../../../lessons/cross-account.json"),
        ),
        ("mfa", include_str!("../../../../lessons/mfa.json")),
        (
            "boundaries",
            include_str!("../../../../lessons/boundaries.json"),
        ),
    ];
    use crate::model::exercise::check;
    use crate::model::lesson::format::Lesson;
    use crate::model::state::Expected;
    use crate::model::world::json::Json;
    use iam_engine::scenario::parse_input;
    use iam_engine::{simulate_world, Input, Options};

    /// Every answer of every step of `lesson` is the engine's decision.
    fn answers_agree_with_the_engine(lesson: &Lesson) {
        for (i, step) in lesson.steps.iter().enumerate() {
            let text = lesson.scenario_text(i).unwrap();
            let Ok((Input::World(ws), _)) = parse_input(&text) else {
                panic!("{} step {}: not a World", lesson.id, i + 1);
            };
            let opts = Options {
                trace: true,
                now_epoch_seconds: Some(1_700_000_000),
            };
            let out = simulate_world(&ws, &opts);
            let results = out
                .results
                .unwrap_or_else(|| panic!("{} step {}: {:?}", lesson.id, i + 1, out.diagnostics));
            let expected: Vec<Expected> = step
                .answers
                .iter()
                .map(|a| Expected {
                    action: a.action.clone(),
                    resource: a.resource.clone(),
                    decision: a.decision.as_str().to_string(),
                })
                .collect();
            for c in check(&expected, &results) {
                assert!(
                    c.pass(),
                    "{} step {} ({}): {} on {} expected {}, the engine says {:?}",
                    lesson.id,
                    i + 1,
                    step.title,
                    c.expected.action,
                    c.expected.resource,
                    c.expected.decision,
                    c.actual
                );
            }
            // Every request of the step is asked about.
            assert_eq!(
                results.len(),
                step.answers.len(),
                "{} step {}",
                lesson.id,
                i + 1
            );
        }
    }

    /// The case `FILE#NAME` of the conformance corpus.
    fn corpus_case(reference: &str) -> Json {
        let (file, name) = reference.split_once('#').unwrap();
        let path = format!(
            "{}/crates/engine/tests/cases/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(Json::Array(cases)) = Json::parse(&text).unwrap().get("cases").cloned() else {
            panic!("{path}: no cases");
        };
        cases
            .into_iter()
            .find(|c| c.get("name").and_then(Json::as_str) == Some(name))
            .unwrap_or_else(|| panic!("no case `{name}` in {file}"))
    }

    #[test]
    fn the_five_seed_tutorials_are_lessons_whose_answers_the_engine_gives() {
        assert_eq!(LESSONS.len(), 5);
        for (id, text) in LESSONS {
            let lesson = Lesson::parse(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(lesson.id, *id);
            assert!(
                lesson.steps.len() >= 5,
                "{id}: {} steps",
                lesson.steps.len()
            );
            answers_agree_with_the_engine(&lesson);
        }
    }

    #[test]
    fn each_step_is_the_conformance_case_it_names() {
        let mut checked = 0;
        for (id, text) in LESSONS {
            let lesson = Lesson::parse(text).unwrap();
            for (i, step) in lesson.steps.iter().enumerate() {
                let reference = step
                    .case
                    .as_deref()
                    .unwrap_or_else(|| panic!("{id} step {}: no case", i + 1));
                let case = corpus_case(reference);
                let scenario = case.get("scenario").unwrap();
                let world = step.world.as_ref().unwrap_or(&lesson.world);
                assert_eq!(Some(world), scenario.get("World"), "{reference}: World");
                assert_eq!(
                    Some(&step.request),
                    scenario.get("Request"),
                    "{reference}: Request"
                );
                let Some(Json::Array(expect)) = case.get("expect") else {
                    panic!("{reference}: no expect");
                };
                let decisions: Vec<&str> = expect
                    .iter()
                    .map(|e| e.get("decision").and_then(Json::as_str).unwrap())
                    .collect();
                let answers: Vec<&str> = step.answers.iter().map(|a| a.decision.as_str()).collect();
                assert_eq!(answers, decisions, "{reference}: decisions");
                checked += 1;
            }
        }
        assert!(checked >= 40, "{checked} steps");
    }

    #[test]
    fn the_lesson_written_by_hand_from_the_readme_runs() {
        let text = include_str!("../../../../tests/lessons/first-lesson.json");
        let lesson = Lesson::parse(text).unwrap();
        assert_eq!(lesson.steps.len(), 3);
        answers_agree_with_the_engine(&lesson);
    }

    #[test]
    fn every_lesson_offered_is_a_file_the_build_copies() {
        let ids: Vec<&str> = LESSONS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, LESSON_IDS);
        crate::platform::fetch::assert_folder_holds_json_for("lessons", LESSON_IDS);
        let html = include_str!("../../../../index.html");
        assert!(html.contains(r#"rel="copy-dir" href="lessons""#));
        assert!(has("mfa") && !has("nope"));
        assert_eq!(url("mfa"), "lessons/mfa.json");
    }
}
