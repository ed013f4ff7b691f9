//! Exercise mode in the World: the decisions the request should get, kept in the World text as
//! `Expected` (the scenario format's shape), each checked against the engine's results; the
//! teacher records the current decisions or removes them.

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::evaluate::WorldEval;
use crate::model::exercise::{check, expect_current};
use crate::model::state::Expected;
use crate::model::world::edit::{remove, set, Path};
use crate::model::world::json::Json;
use crate::store::explain::decision_label;

fn label(d: &str) -> String {
    [
        iam_engine::EvalDecision::Allowed,
        iam_engine::EvalDecision::ExplicitDeny,
        iam_engine::EvalDecision::ImplicitDeny,
    ]
    .into_iter()
    .find(|x| x.as_str() == d)
    .map_or_else(|| d.to_string(), |x| decision_label(x).to_string())
}

/// The panel.
#[component]
pub fn WorldExercise(eval: RwSignal<WorldEval>, hidden: RwSignal<bool>) -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    let record = move |_| {
        let Some(good) = eval.with_untracked(|e| e.good.clone()) else {
            return;
        };
        let rows: Vec<Json> = expect_current(&good.results)
            .into_iter()
            .map(|e| {
                Json::Object(vec![
                    ("Action".into(), Json::str(e.action)),
                    ("Resource".into(), Json::str(e.resource)),
                    ("Decision".into(), Json::str(e.decision)),
                ])
            })
            .collect();
        w.apply(|t| {
            set(t, &Path::root().key("Expected"), &Json::Array(rows)).map_err(|e| e.to_string())
        });
    };
    let clear =
        move |_| w.apply(|t| remove(t, &Path::root().key("Expected")).map_err(|e| e.to_string()));
    let list = move || {
        let good = eval.with(|e| e.good.clone())?;
        if good.world.expected.is_empty() {
            return Some(
                view! { <p class="muted">"No expected decisions in this World yet."</p> }
                    .into_any(),
            );
        }
        let expected: Vec<Expected> = good
            .world
            .expected
            .iter()
            .map(|e| Expected {
                action: e.action.clone(),
                resource: e.resource.clone(),
                decision: e.decision.clone(),
            })
            .collect();
        let checks = check(&expected, &good.results);
        let all = checks.iter().all(|c| c.pass());
        let hide = hidden.get();
        let items = checks
            .into_iter()
            .map(|c| {
                let verdict = if hide {
                    "?".to_string()
                } else if c.pass() {
                    "pass".into()
                } else {
                    format!("fail: {}", c.actual.as_deref().map_or_else(|| "not in the request".to_string(), label))
                };
                view! {
                    <li class="world-expect" data-pass=(!hide && c.pass()).to_string()>
                        <code>{c.expected.action.clone()}</code> " on " <code>{c.expected.resource.clone()}</code>
                        " → " <span class="badge" data-decision=c.expected.decision.clone()>{label(&c.expected.decision)}</span>
                        " " <span class="verdict">{verdict}</span>
                    </li>
                }
            })
            .collect_view();
        Some(
            view! {
                <ul class="world-expects">{items}</ul>
                {(all && !hide).then(|| view! { <p class="all-green">"All green."</p> })}
            }
            .into_any(),
        )
    };
    view! {
        <div class="world-exercise">
            <p class="hint">"A World scenario may carry the decision each request should get (" <code>"Expected"</code> ", as in the scenario format); each is checked as the World changes."</p>
            {list}
            <div class="row">
                <button type="button" class="world-record" on:click=record>"Record the current decisions"</button>
                <button type="button" class="world-clear" on:click=clear>"Remove them"</button>
            </div>
        </div>
    }
}
