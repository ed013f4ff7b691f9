//! Exercise mode for classrooms, in the result views of both modes: while a request's answer is
//! hidden, its decision shows as "?" and a card asks for a prediction (the three decisions as
//! buttons); once predicted, a line says whether the prediction was right, and everything shows.

use iam_engine::EvalDecision;
use leptos::prelude::*;

use crate::model::exercise::prediction;
use crate::store::{explain, Store};

const CHOICES: [EvalDecision; 3] = [
    EvalDecision::Allowed,
    EvalDecision::ExplicitDeny,
    EvalDecision::ImplicitDeny,
];

/// A decision badge, or "?" while the answer is hidden.
pub fn badge(store: Store, action: String, resource: String, d: EvalDecision) -> impl IntoView {
    move || {
        if store.answer_hidden(&action, &resource) {
            view! {
                <span class="badge" data-decision="hidden" title="Predict this request's decision to see it">"?"</span>
            }
            .into_any()
        } else {
            view! {
                <span class="badge" data-decision=explain::decision_class(d)>{explain::decision_label(d)}</span>
            }
            .into_any()
        }
    }
}

/// The card asking for a prediction of one request.
pub fn predict_card(store: Store, action: &str, resource: &str) -> AnyView {
    let buttons = CHOICES
        .iter()
        .map(|d| {
            let (a, r) = (action.to_string(), resource.to_string());
            let d = *d;
            view! {
                <button type="button" class="predict" data-decision=explain::decision_class(d)
                    on:click=move |_| store.predict(&a, &r, d.as_str())>
                    {explain::decision_label(d)}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="predict-card" aria-label="Predict the decision">
            <p>
                "Predict: what does AWS decide for " <code>{action.to_string()}</code> " on "
                <code class="resource">{resource.to_string()}</code> "?"
            </p>
            <div class="row predict-choices">{buttons}</div>
            <p class="hint">"The decision and its explanation show once you predict."</p>
        </section>
    }
    .into_any()
}

/// After a prediction: whether it was right (nothing when there is none).
pub fn verdict(store: Store, action: &str, resource: &str, d: EvalDecision) -> Option<AnyView> {
    let predicted = store
        .state
        .with(|s| prediction(&s.predictions, action, resource).map(|p| p.decision.clone()))?;
    let guess = CHOICES
        .iter()
        .find(|c| c.as_str() == predicted)
        .map_or("?", |c| explain::decision_label(*c));
    let right = predicted == d.as_str();
    let text = if right {
        format!("✓ You predicted {guess}: right.")
    } else {
        format!(
            "✗ You predicted {guess}; it is {}.",
            explain::decision_label(d)
        )
    };
    Some(view! { <p class="prediction" data-right=right.to_string()>{text}</p> }.into_any())
}

/// The classroom switches: hide answers until predicted (travels in the link), the teacher
/// view (this page only), the score so far and a reset.
pub fn classroom_bar(store: Store, score: Signal<crate::model::exercise::Score>) -> impl IntoView {
    let hide = move || store.state.with(|s| s.hide_answers);
    let set_hide = move |ev| {
        let on = event_target_checked(&ev);
        store.state.update(|s| s.hide_answers = on);
    };
    let set_reveal = move |ev| store.reveal.set(event_target_checked(&ev));
    let clear = move |_| store.state.update(|s| s.predictions.clear());
    let any = move || {
        store
            .state
            .with(|s| s.hide_answers || !s.predictions.is_empty())
    };
    view! {
        <div class="classroom">
            <label>
                <input type="checkbox" class="hide-answers" prop:checked=hide on:change=set_hide/>
                " Hide answers until predicted"
            </label>
            <label>
                <input type="checkbox" class="teacher-view" prop:checked=move || store.reveal.get()
                    on:change=set_reveal/>
                " Teacher view: show every answer"
            </label>
            <Show when=any>
                <p class="exercise-score" data-right=move || score.get().right
                    data-predicted=move || score.get().predicted data-total=move || score.get().total>
                    "Predictions: " {move || score.get().words()}
                    " "
                    <button type="button" class="link clear-predictions" on:click=clear>"Clear predictions"</button>
                </p>
            </Show>
        </div>
    }
}
