//! The World mode's tools bar, like the Policies mode's: lessons, the exercise, effective
//! permissions and comparison (given by the shell: they belong to other features), and the
//! decision flowchart. Each is a collapsible section.
//!
//! - `exercise`: expected decisions kept in the World text, checked
//! - `flowchart`: the decision flowchart of the World's request

mod exercise;
mod flowchart;

use leptos::prelude::*;

use crate::features::world::evaluate::WorldEval;
use crate::features::world::lesson::{LessonRun, Lessons};
use exercise::WorldExercise;
use flowchart::WorldFlowchart;

/// The tools bar; `more` are the shell's sections (effective permissions, comparison).
#[component]
pub fn WorldToolsBar(
    /// The World's evaluation.
    eval: RwSignal<WorldEval>,
    /// Set while a lesson hides the answer.
    hidden: RwSignal<bool>,
    /// The lessons.
    run: LessonRun,
    /// Sections other features provide.
    more: Children,
) -> impl IntoView {
    let lessons_open = RwSignal::new(false);
    view! {
        <section class="tools world-tools" aria-label="World tools">
            <details class="tool" data-tool="lessons" prop:open=move || lessons_open.get()
                on:toggle=move |ev| lessons_open.set(crate::ui::details::details_open(&ev))>
                <summary>"Lessons"</summary>
                <Lessons run shown=lessons_open/>
            </details>
            <details class="tool" data-tool="world-exercise">
                <summary>"Expected decisions"</summary>
                <WorldExercise eval hidden/>
            </details>
            {more()}
            <details class="tool" data-tool="world-flowchart">
                <summary>"Decision flowchart"</summary>
                <WorldFlowchart eval hidden/>
            </details>
        </section>
    }
}
