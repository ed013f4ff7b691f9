//! Lessons in the World mode: a lesson's steps load their World into the editor one by one;
//! each asks a question whose answer — the decision and the trace beside the World — stays
//! hidden until the learner predicts it. Progress is kept in this browser; the step open is in
//! the URL (a link to any step, `lesson=ID&step=N`, or `lesson1=DATA&step=N` for a lesson
//! opened from a file or pasted, so a teacher shares it as a link).
//!
//! - `library`: the playground's lessons (the five seed tutorials, fetched when first listed or
//!   opened) and their tests
//! - `open`: choosing a lesson (the list, a file, pasted text)
//! - `step`: one step: question, predictions, answer, score

pub mod library;
mod open;
mod step;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::features::world::editor::WorldEditor;
use crate::model::lesson::format::Lesson;
use crate::model::lesson::link::{fragment_params, from_fragment, LessonRef};
use crate::model::lesson::progress::Progress;
use crate::platform::page::{copy_text, page_url};
use crate::platform::storage::{lesson_progress, save_lesson_progress};
use crate::store::Store;
use step::{step_view, StepActions};

/// The lesson open: where it came from, and the lesson.
#[derive(Clone)]
struct Open {
    source: LessonRef,
    lesson: Arc<Lesson>,
}

fn read(text: &str) -> Result<Lesson, String> {
    Lesson::parse(text).map_err(|e| format!("the lesson cannot be read: {e}"))
}

/// The playground's lessons as fetched so far, one slot per [`library::LESSON_IDS`] entry.
type Library = Vec<Option<Arc<Lesson>>>;

/// The lesson run: the lesson open, the learner's progress, and what went wrong. Made once by
/// the World mode; the chooser (tools bar) and the step panel (beside the World) share it.
#[derive(Clone, Copy)]
pub struct LessonRun {
    open: RwSignal<Option<Open>>,
    progress: RwSignal<Progress>,
    error: RwSignal<Option<String>>,
    link: RwSignal<Option<String>>,
    library: RwSignal<Library>,
    /// Whether the library's fetch has started.
    listing: StoredValue<bool>,
    /// Counts the lessons asked to open: a fetch that finishes after a later request is dropped.
    asked: StoredValue<u32>,
    store: Store,
    w: WorldEditor,
}

impl LessonRun {
    /// A run with no lesson open; a link to a step (in the store) opens it. `hidden` is set
    /// while the open step's answer is hidden (the World's result pane then shows no decision).
    pub fn new(store: Store, w: WorldEditor, hidden: RwSignal<bool>) -> Self {
        let run = Self {
            open: RwSignal::new(None),
            progress: RwSignal::new(Progress::default()),
            error: RwSignal::new(None),
            link: RwSignal::new(None),
            library: RwSignal::new(vec![None; library::LESSON_IDS.len()]),
            listing: StoredValue::new(false),
            asked: StoredValue::new(0),
            store,
            w,
        };
        // A link to a step opens it (keeping a World the link carries).
        if let Some(params) = store.lesson.get_untracked() {
            if let Ok(Some((source, step))) = from_fragment(&params) {
                let carried = store.state.with_untracked(|s| s.world.is_some());
                run.start(source, Some(step), carried);
            }
        }
        Effect::new(move |_| {
            let h = run.open.with(|o| {
                o.as_ref().is_some_and(|o| {
                    let step = run.progress.with(|p| p.step);
                    let rows = o.lesson.steps.get(step).map_or(0, |s| s.answers.len());
                    !run.progress.with(|p| p.revealed(step, rows))
                })
            });
            if hidden.get_untracked() != h {
                hidden.set(h);
            }
        });
        run
    }

    fn save(self) {
        if let Some(o) = self.open.get_untracked() {
            self.progress
                .with_untracked(|p| save_lesson_progress(&o.lesson.id, p));
        }
    }

    /// Open step `i`, loading its World (unless `keep_world`: a link that carries the World).
    fn go(self, i: usize, keep_world: bool) {
        let Some(o) = self.open.get_untracked() else {
            return;
        };
        let i = i.min(o.lesson.steps.len().saturating_sub(1));
        self.progress.update(|p| p.step = i);
        self.save();
        self.link.set(None);
        if !keep_world {
            if let Some(text) = o.lesson.scenario_text(i) {
                self.w.load(&text);
            }
        }
        self.store.lesson.set(Some(fragment_params(&o.source, i)));
    }

    /// Fetch the playground's lessons for the list (once; each fills its slot when it comes).
    fn load_library(self) {
        if self.listing.get_value() {
            return;
        }
        self.listing.set_value(true);
        for (i, id) in library::LESSON_IDS.iter().enumerate() {
            spawn_local(async move {
                match library::fetch(id).await.and_then(|t| read(&t)) {
                    Ok(lesson) => self.library.update(|l| {
                        if let Some(slot) = l.get_mut(i) {
                            *slot = Some(Arc::new(lesson));
                        }
                    }),
                    Err(e) => self.error.set(Some(e)),
                }
            });
        }
    }

    /// Open a lesson at `step` (else where the learner left it); one of the playground's is
    /// fetched first unless the list has it already.
    fn start(self, source: LessonRef, step: Option<usize>, keep_world: bool) {
        let ticket = self.asked.get_value().wrapping_add(1);
        self.asked.set_value(ticket);
        match &source {
            LessonRef::BuiltIn(id) => {
                let listed = library::LESSON_IDS
                    .iter()
                    .position(|i| i == id)
                    .and_then(|i| self.library.with_untracked(|l| l.get(i).cloned().flatten()));
                if let Some(lesson) = listed {
                    self.begin(source, Ok(lesson), step, keep_world);
                    return;
                }
                let id = id.clone();
                spawn_local(async move {
                    let lesson = library::fetch(&id).await.and_then(|t| read(&t));
                    if self.asked.get_value() == ticket {
                        self.begin(source, lesson.map(Arc::new), step, keep_world);
                    }
                });
            }
            LessonRef::Text(t) => {
                let lesson = read(t).map(Arc::new);
                self.begin(source, lesson, step, keep_world);
            }
        }
    }

    /// Show `lesson` (read from `source`) at `step`, or what went wrong.
    fn begin(
        self,
        source: LessonRef,
        lesson: Result<Arc<Lesson>, String>,
        step: Option<usize>,
        keep_world: bool,
    ) {
        match lesson {
            Ok(lesson) => {
                self.error.set(None);
                let p = lesson_progress(&lesson.id);
                let at = step.unwrap_or(p.step);
                self.progress.set(p);
                self.open.set(Some(Open { source, lesson }));
                self.go(at, keep_world);
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    fn rows(self) -> (usize, usize) {
        let step = self.progress.with_untracked(|p| p.step);
        let rows = self.open.with_untracked(|o| {
            o.as_ref()
                .and_then(|o| o.lesson.steps.get(step))
                .map_or(0, |s| s.answers.len())
        });
        (step, rows)
    }

    fn close(self) {
        self.open.set(None);
        self.store.lesson.set(None);
    }
}

/// The Lessons section of the tools bar: the lessons to open (and, while one is open, which).
#[component]
pub fn Lessons(
    /// The run.
    run: LessonRun,
    /// Whether the section is open (the lessons are fetched when it first is).
    shown: RwSignal<bool>,
) -> impl IntoView {
    Effect::new(move |_| {
        if shown.get() {
            run.load_library();
        }
    });
    let body = move || {
        let open = run
            .open
            .with(|o| o.as_ref().map(|o| o.lesson.title.clone()));
        let chooser = open::chooser(
            Callback::new(move |s| run.start(s, None, false)),
            run.error,
            run.library,
        );
        match open {
            None => chooser.into_any(),
            Some(title) => view! {
                <p class="lesson-running">"Open: " <strong>{title}</strong> " — its steps are beside the World. "
                    <button type="button" class="lesson-close" on:click=move |_| run.close()>"Close the lesson"</button>
                </p>
                <details class="lesson-other"><summary>"Open another lesson"</summary>{chooser}</details>
            }
            .into_any(),
        }
    };
    view! {
        <div class="lessons" data-open=move || run.open.with(|o| o.is_some()).to_string()>
            {move || run.error.get().map(|e| view! { <p class="lesson-error" role="alert">{e}</p> })}
            {body}
        </div>
    }
}

/// The open lesson's step, beside the World: the steps, the question and predictions, then
/// the answer; a link to the step.
#[component]
pub fn LessonPanel(
    /// The run.
    run: LessonRun,
) -> impl IntoView {
    let act = StepActions {
        predict: Callback::new(move |(row, d): (usize, &'static str)| {
            let (step, rows) = run.rows();
            run.progress.update(|p| p.predict(step, row, rows, d));
            run.save();
        }),
        skip: Callback::new(move |()| {
            let (step, rows) = run.rows();
            run.progress.update(|p| p.skip(step, rows));
            run.save();
        }),
        go: Callback::new(move |i| run.go(i, false)),
    };
    let restart = move |_| {
        run.progress.set(Progress::default());
        run.save();
        run.go(0, false);
    };
    let copy_link = move |_| {
        let Some(o) = run.open.get_untracked() else {
            return;
        };
        let step = run.progress.with_untracked(|p| p.step);
        let url = format!(
            "{}#{}&m=world",
            page_url(),
            fragment_params(&o.source, step)
        );
        run.link.set(Some(url.clone()));
        leptos::task::spawn_local(async move {
            let _ = copy_text(&url).await;
        });
    };
    move || {
        let o = run.open.get()?;
        let n = o.lesson.steps.len();
        let current = run.progress.with(|p| p.step);
        let nav = (0..n)
            .map(|i| {
                let rows = o.lesson.steps.get(i).map_or(0, |s| s.answers.len());
                let done = run.progress.with(|p| p.revealed(i, rows));
                view! {
                    <button type="button" class="lesson-goto" data-step=i + 1 data-done=done.to_string()
                        aria-current=(i == current).then_some("step") on:click=move |_| run.go(i, false)>
                        {i + 1}
                    </button>
                }
            })
            .collect_view();
        let intro = (current == 0 && !o.lesson.intro.is_empty())
            .then(|| view! { <p class="lesson-intro">{o.lesson.intro.clone()}</p> });
        let step = run.progress.with(|p| step_view(&o.lesson, current, p, act));
        Some(view! {
            <section class="lesson-panel" aria-label="Lesson">
                <div class="lesson-head">
                    <h3 class="lesson-title">{o.lesson.title.clone()}</h3>
                    <p class="muted">{o.lesson.source.clone()}</p>
                    <nav class="lesson-nav" aria-label="Steps">{nav}</nav>
                    <div class="row">
                        <button type="button" class="lesson-link" on:click=copy_link>"Link to this step"</button>
                        <button type="button" class="lesson-restart" on:click=restart>"Start again"</button>
                        <button type="button" class="lesson-close" on:click=move |_| run.close()>"Close"</button>
                    </div>
                    {move || run.link.get().map(|l| view! {
                        <input type="text" class="lesson-url" readonly prop:value=l aria-label="Link to this step"/>
                    })}
                </div>
                {intro}
                {step}
            </section>
        })
    }
}
