//! The lesson file format (README, "Writing a lesson"): a title, an introduction, a World, and
//! numbered steps, each with a text, the request it asks about (and, when the step changes
//! the World, its own World), a question, and the answers — the decision each request gets, in
//! the shape of a scenario's `Expected`. Read leniently where it does not matter and strictly
//! where it does: a missing field or an unknown decision is an error naming the step and field.

use iam_engine::EvalDecision;

use crate::model::world::json::{Json, Layout};

/// The format version a lesson file declares (`"Lesson": 1`).
pub const LESSON_FORMAT: u32 = 1;

/// The decision a request of a step gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The action.
    pub action: String,
    /// The resource (`*` when the request names none).
    pub resource: String,
    /// The decision.
    pub decision: EvalDecision,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// A short title.
    pub title: String,
    /// What happens in this step, in a few sentences.
    pub text: String,
    /// The question the learner answers before seeing the decision.
    pub question: String,
    /// The step's own World, when it differs from the lesson's.
    pub world: Option<Json>,
    /// The request (the `Request` of a World scenario).
    pub request: Json,
    /// The decisions, one per (action, resource) of the request that the question asks about.
    pub answers: Vec<Answer>,
    /// Why, shown with the answer.
    pub explanation: String,
    /// The conformance case this step is (`FILE#NAME` of `crates/engine/tests/cases/`), if any.
    pub case: Option<String>,
}

/// A lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// A short id (`abac`), used for progress and links.
    pub id: String,
    /// The title.
    pub title: String,
    /// Where it comes from (a page of the AWS documentation).
    pub source: String,
    /// What the lesson is about.
    pub intro: String,
    /// The World every step starts from.
    pub world: Json,
    /// The steps.
    pub steps: Vec<Step>,
}

fn field<'j>(obj: &'j Json, key: &str, at: &str) -> Result<&'j Json, String> {
    obj.get(key)
        .ok_or_else(|| format!("{at}`{key}` is missing"))
}

fn text(obj: &Json, key: &str, at: &str) -> Result<String, String> {
    match field(obj, key, at)? {
        Json::String(s) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err(format!("{at}`{key}` must be a non-empty string")),
    }
}

fn opt_text(obj: &Json, key: &str, at: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{at}`{key}` must be a string")),
    }
}

fn object(obj: &Json, key: &str, at: &str) -> Result<Json, String> {
    match field(obj, key, at)? {
        o @ Json::Object(_) => Ok(o.clone()),
        _ => Err(format!("{at}`{key}` must be an object")),
    }
}

fn known(obj: &Json, keys: &[&str], at: &str) -> Result<(), String> {
    if let Json::Object(m) = obj {
        if let Some((k, _)) = m.iter().find(|(k, _)| !keys.contains(&k.as_str())) {
            return Err(format!(
                "{at}unknown field `{k}` (a lesson step has {})",
                keys.join(", ")
            ));
        }
    }
    Ok(())
}

fn decision(s: &str) -> Option<EvalDecision> {
    [
        EvalDecision::Allowed,
        EvalDecision::ExplicitDeny,
        EvalDecision::ImplicitDeny,
    ]
    .into_iter()
    .find(|d| d.as_str() == s)
}

fn answers(step: &Json, at: &str) -> Result<Vec<Answer>, String> {
    let Json::Array(items) = field(step, "Answers", at)? else {
        return Err(format!("{at}`Answers` must be a list"));
    };
    if items.is_empty() {
        return Err(format!(
            "{at}`Answers` is empty: a step asks about one request at least"
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let at = format!("{at}Answers[{i}]: ");
            let d = text(a, "Decision", &at)?;
            Ok(Answer {
                action: text(a, "Action", &at)?,
                resource: opt_text(a, "Resource", &at)?.unwrap_or_else(|| "*".into()),
                decision: decision(&d).ok_or_else(|| {
                    format!(
                        "{at}`Decision` is `{d}`; it is one of allowed, explicitDeny, implicitDeny"
                    )
                })?,
            })
        })
        .collect()
}

const STEP_FIELDS: [&str; 8] = [
    "Title",
    "Text",
    "Question",
    "World",
    "Request",
    "Answers",
    "Explanation",
    "Case",
];

impl Lesson {
    /// Read a lesson file; the error says where (`Steps[2]: \`Question\` is missing`, or
    /// `LINE:COL: …` when it is not JSON).
    pub fn parse(source: &str) -> Result<Self, String> {
        let doc = Json::parse(source)?;
        if !matches!(doc, Json::Object(_)) {
            return Err("a lesson is a JSON object".into());
        }
        match doc.get("Lesson") {
            Some(Json::Number(n)) if n == &LESSON_FORMAT.to_string() => {}
            Some(Json::Number(n)) => {
                return Err(format!(
                    "this lesson is in format {n}; this playground reads format {LESSON_FORMAT}"
                ))
            }
            _ => {
                return Err("`Lesson` is missing: a lesson file starts with `\"Lesson\": 1`".into())
            }
        }
        known(
            &doc,
            &["Lesson", "Id", "Title", "Source", "Intro", "World", "Steps"],
            "",
        )?;
        let title = text(&doc, "Title", "")?;
        let Json::Array(raw_steps) = field(&doc, "Steps", "")? else {
            return Err("`Steps` must be a list".into());
        };
        if raw_steps.is_empty() {
            return Err("`Steps` is empty".into());
        }
        let steps = raw_steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = format!("Steps[{i}]: ");
                known(s, &STEP_FIELDS, &at)?;
                Ok(Step {
                    title: text(s, "Title", &at)?,
                    text: text(s, "Text", &at)?,
                    question: text(s, "Question", &at)?,
                    world: match s.get("World") {
                        None => None,
                        Some(_) => Some(object(s, "World", &at)?),
                    },
                    request: object(s, "Request", &at)?,
                    answers: answers(s, &at)?,
                    explanation: opt_text(s, "Explanation", &at)?.unwrap_or_default(),
                    case: opt_text(s, "Case", &at)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self {
            id: opt_text(&doc, "Id", "")?.unwrap_or_else(|| slug(&title)),
            source: opt_text(&doc, "Source", "")?.unwrap_or_default(),
            intro: opt_text(&doc, "Intro", "")?.unwrap_or_default(),
            world: object(&doc, "World", "")?,
            title,
            steps,
        })
    }

    /// The World scenario of step `i` (what the World editor loads): its World and Request.
    pub fn scenario_text(&self, i: usize) -> Option<String> {
        let step = self.steps.get(i)?;
        let world = step.world.as_ref().unwrap_or(&self.world);
        let doc = Json::Object(vec![
            ("World".into(), world.clone()),
            ("Request".into(), step.request.clone()),
        ]);
        Some(format!("{}\n", doc.write(&Layout::default(), "")))
    }
}

/// `"ABAC: tags!"` → `abac-tags`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
  "Lesson": 1,
  "Title": "Tags decide",
  "World": {"Users": [{"Arn": "arn:aws:iam::111122223333:user/ana", "Tags": {"team": "eng"}}]},
  "Steps": [{
    "Title": "Ana reads",
    "Text": "Ana's team tag is eng.",
    "Question": "Can Ana list secrets?",
    "Request": {"Principal": "arn:aws:iam::111122223333:user/ana", "ActionNames": ["secretsmanager:ListSecrets"]},
    "Answers": [{"Action": "secretsmanager:ListSecrets", "Decision": "implicitDeny"}]
  }]
}"#;

    #[test]
    fn a_small_lesson_reads_and_builds_its_scenario() {
        let l = Lesson::parse(SMALL).unwrap();
        assert_eq!(l.id, "tags-decide");
        assert_eq!(l.steps[0].answers[0].resource, "*");
        assert_eq!(l.steps[0].answers[0].decision, EvalDecision::ImplicitDeny);
        let s = l.scenario_text(0).unwrap();
        assert!(s.starts_with("{\n  \"World\": {\n    \"Users\": ["), "{s}");
        assert!(matches!(
            iam_engine::scenario::parse_input(&s),
            Ok((iam_engine::Input::World(_), _))
        ));
        assert_eq!(l.scenario_text(1), None);
    }

    #[test]
    fn mistakes_are_named_with_their_place() {
        let e = |from: &str, to: &str| Lesson::parse(&SMALL.replace(from, to)).unwrap_err();
        assert_eq!(
            e("\"Question\": \"Can Ana list secrets?\",", ""),
            "Steps[0]: `Question` is missing"
        );
        assert!(e("implicitDeny", "denied").contains("Answers[0]: `Decision` is `denied`"));
        assert!(e("\"Lesson\": 1", "\"Lesson\": 2").contains("format 2"));
        assert!(e("\"Text\":", "\"Txt\":").contains("unknown field `Txt`"));
        assert!(e("\"Steps\": [{", "\"Steps\": [], \"X\": [{").contains("unknown field `X`"));
        assert!(Lesson::parse("{").unwrap_err().starts_with("1:2"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("ABAC: tags & roles!"), "abac-tags-roles");
    }
}
