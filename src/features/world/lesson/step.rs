//! One step of an open lesson: its text and question, a prediction per request (the answer
//! stays hidden until every request has one, or the learner asks to see it), then the
//! engine's decisions beside the predictions, the explanation and the score so far.

use std::sync::Arc;

use iam_engine::EvalDecision;
use leptos::prelude::*;

use crate::model::lesson::format::Lesson;
use crate::model::lesson::progress::{Progress, SKIPPED};
use crate::model::world::request::short_name;
use crate::store::explain::{decision_class, decision_label};
use crate::ui::words::words;

const CHOICES: [EvalDecision; 3] = [
    EvalDecision::Allowed,
    EvalDecision::ExplicitDeny,
    EvalDecision::ImplicitDeny,
];

/// What the step view does when the learner acts.
#[derive(Clone, Copy)]
pub struct StepActions {
    /// Predict `decision` for answer `row`.
    pub predict: Callback<(usize, &'static str)>,
    /// Show the answer without predicting the rest.
    pub skip: Callback<()>,
    /// Open step `i`.
    pub go: Callback<usize>,
}

fn row_view(
    i: usize,
    step: usize,
    lesson: &Lesson,
    p: &Progress,
    revealed: bool,
    act: StepActions,
) -> impl IntoView {
    let Some(a) = lesson.steps.get(step).and_then(|s| s.answers.get(i)) else {
        return ().into_any();
    };
    let predicted = p.predicted(step, i).map(str::to_string);
    let buttons = CHOICES
        .into_iter()
        .map(|d| {
            let pressed = predicted.as_deref() == Some(d.as_str());
            view! {
                <button type="button" class="predict" data-decision=d.as_str()
                    aria-pressed=pressed.to_string() disabled=revealed
                    on:click=move |_| act.predict.run((i, d.as_str()))>
                    {decision_label(d)}
                </button>
            }
        })
        .collect_view();
    let verdict = revealed.then(|| {
        let right = predicted.as_deref() == Some(a.decision.as_str());
        let said = match predicted.as_deref() {
            None | Some(SKIPPED) => "No prediction".to_string(),
            Some(s) => format!(
                "You said {}",
                CHOICES
                    .iter()
                    .find(|d| d.as_str() == s)
                    .map_or(s, |d| decision_label(*d))
            ),
        };
        view! {
            <p class="lesson-verdict" data-right=right.to_string()>
                {if right { "✓ " } else { "✗ " }}
                {said}
                " — the engine says "
                <span class="badge" data-decision=decision_class(a.decision)>{decision_label(a.decision)}</span>
            </p>
        }
    });
    view! {
        <li class="lesson-answer" data-row=i data-revealed=revealed.to_string()>
            <p class="lesson-request">
                <code>{a.action.clone()}</code>
                " on "
                <code title=a.resource.clone()>{short_name(&a.resource).to_string()}</code>
            </p>
            <div class="predict-row" role="group" aria-label="Your prediction">{buttons}</div>
            {verdict}
        </li>
    }
    .into_any()
}

/// The step `step` of `lesson` with the learner's progress.
pub fn step_view(
    lesson: &Arc<Lesson>,
    step: usize,
    p: &Progress,
    act: StepActions,
) -> impl IntoView {
    let Some(s) = lesson.steps.get(step) else {
        return ().into_any();
    };
    let rows = s.answers.len();
    let revealed = p.revealed(step, rows);
    let answers = (0..rows)
        .map(|i| row_view(i, step, lesson, p, revealed, act))
        .collect_view();
    let score = p.score(lesson);
    let last = step + 1 >= lesson.steps.len();
    let after = revealed.then(|| {
        let next = (!last).then(|| {
            view! { <button type="button" class="lesson-next" on:click=move |_| act.go.run(step + 1)>"Next step →"</button> }
        });
        let done = last.then(|| view! { <p class="lesson-done">"That was the last step."</p> });
        view! {
            <div class="lesson-explanation">
                <p>{words(&s.explanation)}</p>
                <p class="muted">"The decision and the trace that explains it are shown beside the World; change the request or the World to explore."</p>
            </div>
            {next}
            {done}
        }
    });
    let skip = (!revealed).then(|| {
        view! {
            <button type="button" class="lesson-skip" on:click=move |_| act.skip.run(())>
                "Show the answer without predicting"
            </button>
        }
    });
    view! {
        <article class="lesson-step" data-step=step + 1>
            <h4>{format!("Step {} of {}: {}", step + 1, lesson.steps.len(), s.title)}</h4>
            <p class="lesson-text">{words(&s.text)}</p>
            <p class="lesson-question"><strong>{s.question.clone()}</strong></p>
            <ol class="lesson-answers">{answers}</ol>
            {skip}
            {after}
            <p class="lesson-score muted">
                {format!(
                    "Score: {} of {} predictions right · {} of {} steps done",
                    score.correct, score.predicted, score.steps_done, lesson.steps.len()
                )}
            </p>
        </article>
    }
    .into_any()
}
