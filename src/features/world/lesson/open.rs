//! Choosing a lesson: the playground's lessons with the progress kept for each, a lesson file
//! from the computer, or a lesson pasted as text.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::features::world::lesson::library::LESSON_IDS;
use crate::model::lesson::format::Lesson;
use crate::model::lesson::link::LessonRef;
use crate::platform::files::{chosen_file, read_text};
use crate::platform::storage::lesson_progress;

/// The list of lessons (those of `library` fetched so far) and the ways to open another; `open`
/// gets the chosen one.
pub fn chooser(
    open: Callback<LessonRef>,
    error: RwSignal<Option<String>>,
    library: RwSignal<Vec<Option<Arc<Lesson>>>>,
) -> impl IntoView {
    let pasted = RwSignal::new(String::new());
    let items = move || {
        let listed = library.get();
        if listed.iter().all(Option::is_none) {
            return view! { <li class="muted lesson-loading">"Loading the lessons…"</li> }
                .into_any();
        }
        LESSON_IDS
            .iter()
            .zip(listed)
            .filter_map(|(id, lesson)| {
                let lesson = lesson?;
                let done = lesson_progress(id).score(&lesson).steps_done;
                let id = id.to_string();
                let data_id = id.clone();
                Some(view! {
                    <li>
                        <button type="button" class="lesson-open" data-lesson=data_id
                            on:click=move |_| open.run(LessonRef::BuiltIn(id.clone()))>
                            {lesson.title.clone()}
                        </button>
                        <span class="muted">
                            {format!(" · {} steps", lesson.steps.len())}
                            {(done > 0).then(|| format!(" · {done} done"))}
                        </span>
                        <p class="muted lesson-source">{lesson.source.clone()}</p>
                    </li>
                })
            })
            .collect_view()
            .into_any()
    };
    let from_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        spawn_local(async move {
            match read_text(&file).await {
                Ok(text) => open.run(LessonRef::Text(text)),
                Err(e) => error.set(Some(format!("the file could not be read: {e}"))),
            }
        });
    };
    view! {
        <ul class="lesson-list">{items}</ul>
        <div class="lesson-own">
            <p>"Your own lesson (see “Writing a lesson” in the README): "</p>
            <label>"open a file " <input type="file" class="lesson-file" accept=".json,application/json" on:change=from_file/></label>
            <details class="lesson-paste">
                <summary>"or paste it"</summary>
                <textarea class="lesson-text-input" spellcheck="false" rows="8" aria-label="Lesson JSON"
                    prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <button type="button" class="lesson-paste-open"
                    on:click=move |_| open.run(LessonRef::Text(pasted.get_untracked()))>"Open the pasted lesson"</button>
            </details>
        </div>
    }
}
