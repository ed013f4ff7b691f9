//! The exercise panel. For classrooms: answers hidden until predicted (the learner predicts each
//! request's decision in the result pane, then sees it and its trace), a score, and a teacher
//! view that shows every answer. For checking: each expected decision shown as pass or fail,
//! editable, with a celebration when all pass; a teacher records the current decisions as
//! expectations, edits them, and shares the link (expectations and the hide switch travel in
//! it; the teacher view does not). Expectations and predictions have the shape of the scenario
//! format's `Expected`.

use iam_engine::EvalDecision;
use leptos::prelude::*;

use crate::features::result::predict::classroom_bar;
use crate::model::exercise::{check, expect_current, score, Check};
use crate::store::explain::decision_label;
use crate::store::Store;

const DECISIONS: [EvalDecision; 3] = [
    EvalDecision::Allowed,
    EvalDecision::ExplicitDeny,
    EvalDecision::ImplicitDeny,
];

/// "Implicit deny" for `implicitDeny` (the AWS spelling an expectation stores).
fn label(decision: &str) -> &str {
    DECISIONS
        .iter()
        .find(|d| d.as_str() == decision)
        .map_or(decision, |d| decision_label(*d))
}

/// The exercise panel.
#[component]
pub fn Exercise() -> impl IntoView {
    let store = expect_context::<Store>();
    let checks = Memo::new(move |_| {
        let expected = store.state.with(|s| s.expected.clone());
        store.evaluation.with(|e| {
            e.results
                .as_ref()
                .map(|r| check(&expected, r))
                .unwrap_or_default()
        })
    });
    let predictions = Signal::derive(move || {
        let p = store.state.with(|s| s.predictions.clone());
        store
            .evaluation
            .with(|e| e.results.as_ref().map(|r| score(&p, r)).unwrap_or_default())
    });
    // The expected decisions are answers: hidden from learners too.
    let answers_shown = move || store.reveal.get() || !store.state.with(|s| s.hide_answers);
    let record = move |_| {
        let now = store.evaluation.with_untracked(|e| {
            e.results
                .as_ref()
                .map(|r| expect_current(r))
                .unwrap_or_default()
        });
        store.state.update(|s| s.expected = now);
    };
    let clear = move |_| store.state.update(|s| s.expected.clear());
    let rows = move || {
        checks
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let pass = c.pass();
                let want = c.expected.decision.clone();
                let options = DECISIONS
                    .iter()
                    .map(|d| {
                        view! { <option value=d.as_str() selected=d.as_str() == want>{decision_label(*d)}</option> }
                    })
                    .collect_view();
                let set = move |ev| {
                    let v = event_target_value(&ev);
                    store.state.update(|s| {
                        if let Some(e) = s.expected.get_mut(i) {
                            e.decision = v;
                        }
                    });
                };
                let actual = c
                    .actual
                    .as_deref()
                    .map_or_else(|| "not requested".to_string(), |a| label(a).to_string());
                view! {
                    <li class="check" data-pass=if pass { "true" } else { "false" }>
                        <span class="check-mark">{if pass { "✓ pass" } else { "✗ fail" }}</span>
                        " "<code>{c.expected.action.clone()}</code>" on "<code>{c.expected.resource.clone()}</code>
                        " should be "
                        <select aria-label="Expected decision" on:change=set>{options}</select>
                        {(!pass).then(|| view! {
                            <span class="check-actual">" (is "{actual}")"</span>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    let all_green = move || {
        let c = checks.get();
        !c.is_empty() && c.iter().all(Check::pass)
    };
    view! {
        <div class="exercise">
            {classroom_bar(store, predictions)}
            <Show
                when=answers_shown
                fallback=|| view! { <p class="hint answers-hidden">"The expected decisions are hidden until the teacher view is on."</p> }
            >
                <Show
                    when=move || !checks.with(Vec::is_empty)
                    fallback=|| view! { <p class="hint">"No expectations yet: record the current decisions, then edit them."</p> }
                >
                    <ul class="checks">{rows}</ul>
                    <p class="exercise-summary" data-all-green=move || all_green().to_string()>
                        {move || if all_green() {
                            "All green: every request gets the expected decision.".to_string()
                        } else {
                            let c = checks.get();
                            format!("{} of {} as expected.", c.iter().filter(|c| c.pass()).count(), c.len())
                        }}
                    </p>
                </Show>
                <div class="row">
                    <button type="button" class="expect-current" on:click=record>"Expect the current decisions"</button>
                    <button type="button" class="link" on:click=clear>"Clear expectations"</button>
                </div>
            </Show>
        </div>
    }
}
