//! The World mode: a World scenario (users, groups, roles, organization, resources, and a
//! request made after a chain of STS calls), evaluated on every edit with
//! [`iam_engine::simulate_world`]. The left pane edits it three ways — the request builder, the
//! World form, the JSON — all over one text; the right pane shows the decisions, the chain
//! and the World in brief. The tools bar holds lessons, the exercise, effective permissions,
//! comparison and the flowchart. Nothing leaves the page; user text is only ever shown as text.
//!
//! - `examples`: the World scenarios offered in the picker
//! - `identities`: accounts, names and trusted principals read from ARNs and trust policies
//! - `evaluate`: the World text evaluated, errors placed in it
//! - `editor`: the World text's handle (form edits, loading, selecting a statement)
//! - `fields`: small editors the form and the builder share
//! - `builder`: the request builder
//! - `form`: the World form
//! - `summary`: the organization, accounts and their members
//! - `chain`: the STS chain and the final decisions with full traces and what would flip them
//! - `problems`: diagnostics of the World text
//! - `lesson`: lessons over the World, answers hidden until predicted
//! - `tools`: the World mode's tools bar

mod builder;
mod chain;
mod editor;
mod evaluate;
pub mod examples;
mod fields;
mod form;
mod identities;
pub mod lesson;
mod problems;
mod summary;
mod tools;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::features::result::links::{Links, ModeLinks};
use crate::platform::monaco::Monaco;
use crate::platform::page::now_seconds;
use crate::store::explain::capitalized;
use crate::store::{Store, EDIT_DEBOUNCE_MS};
use crate::ui::tablist::{on_keydown, tab_index};
use builder::RequestBuilder;
use chain::{chain_view, decisions_view};
use editor::{Pane, WorldEditor, WORLD_DOC_KEY};
use evaluate::{evaluate, markers, WorldEval};
use examples::{DEFAULT_ID, WORLD_EXAMPLE, WORLD_EXAMPLES};
use form::WorldFormView;
use lesson::{LessonPanel, LessonRun};
use problems::problems;
use summary::summary;
use tools::WorldToolsBar;

/// Create the JSON editor (Monaco) in `host`; on failure the plain text area is used.
fn mount_monaco(
    store: Store,
    w: WorldEditor,
    host: NodeRef<leptos::html::Div>,
    fallback: RwSignal<bool>,
) {
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let theme = store.theme.get_untracked().monaco();
        spawn_local(async move {
            let created = match Monaco::create(&el, theme).await {
                Ok(m) => {
                    let initial = w.text.get_untracked();
                    m.open(
                        WORLD_DOC_KEY,
                        &initial,
                        Some(EDIT_DEBOUNCE_MS),
                        move |t: String| {
                            if w.text.with_untracked(|old| *old != t) {
                                w.text.set(t);
                            }
                        },
                    )
                    .and_then(|()| m.show(WORLD_DOC_KEY))
                    .map(|()| m)
                }
                Err(e) => Err(e),
            };
            match created {
                Ok(m) => {
                    store.install_managed_help(&m);
                    w.editor.set(Some(Rc::new(m)));
                }
                Err(e) => {
                    fallback.set(true);
                    store.notice.set(Some(format!(
                        "{e}; the World scenario is edited as plain text instead"
                    )));
                }
            }
        });
    });
}

/// The tabs of the left pane.
fn pane_tabs(w: WorldEditor) -> impl IntoView {
    let tabs = Pane::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button type="button" role="tab" class="world-pane-tab" data-pane=p.id()
                    aria-selected=move || (w.pane.get() == p).to_string()
                    tabindex=move || tab_index(w.pane.get() == p)
                    on:click=move |_| w.pane.set(p)>
                    {p.label()}
                </button>
            }
        })
        .collect_view();
    view! { <nav class="world-pane-tabs" role="tablist" aria-label="Edit the World as" on:keydown=on_keydown>{tabs}</nav> }
}

/// The World mode; `children` are tools other features provide (shown in its tools bar).
#[component]
pub fn WorldMode(children: Children) -> impl IntoView {
    let store = expect_context::<Store>();
    let text = store.world;
    let eval = RwSignal::new(evaluate(
        &text.get_untracked(),
        &WorldEval::default(),
        now_seconds(),
        store.managed.get_untracked().as_deref(),
    ));
    // The state (and so the URL) keeps the World when it is not the example.
    Effect::new(move |_| {
        let t = text.get();
        let world = (t != WORLD_EXAMPLE).then_some(t);
        if store.state.with_untracked(|s| s.world != world) {
            store.state.update(|s| s.world = world);
        }
    });
    let w = WorldEditor::new(text);
    provide_context(w);
    // Traces other features show in this mode (effective permissions) select their words in
    // the World text, like the World's own (when they are of the text the editor holds).
    provide_context(ModeLinks(Links::to(
        move |id, span| {
            if let Some(good) = eval.with_untracked(|e| e.good.clone()) {
                w.select(&good, id, span);
            }
        },
        |id| capitalized(&identities::policy_name(id)),
    )));
    let fallback = RwSignal::new(false);
    let hidden = RwSignal::new(false);
    let run = LessonRun::new(store, w, hidden);
    Effect::new(move |first: Option<()>| {
        let t = text.get();
        // The managed policies are tracked only while the text names one.
        let managed = iam_engine::scenario::names_managed_policy(&t)
            .then(|| store.managed.get())
            .flatten();
        if first.is_some() || managed.is_some() {
            let next = evaluate(&t, &eval.get_untracked(), now_seconds(), managed.as_deref());
            eval.set(next);
        }
    });
    // The statements that decided the first request, highlighted in the World text (not while
    // the answer is hidden until predicted — in an exercise or a lesson — nor for a result of
    // an older text).
    Effect::new(move |_| {
        let Some(ed) = w.editor.get() else { return };
        let lesson_hides = hidden.get();
        let list = eval.with(|e| {
            e.good
                .as_ref()
                .filter(|_| !e.stale)
                .map(|g| {
                    let hidden = lesson_hides
                        || g.results.first().is_some_and(|r| {
                            store.answer_hidden(&r.eval_action_name, &r.eval_resource_name)
                        });
                    editor::deciding_decorations(g, hidden)
                })
                .unwrap_or_default()
        });
        let _ = ed.set_decorations(WORLD_DOC_KEY, "deciding", &list);
    });
    // A World that names a managed policy loads them.
    Effect::new(move |_| {
        if eval.with(|e| e.waiting) {
            store.ensure_managed();
        }
    });
    // Parse errors as squiggles in the editor.
    Effect::new(move |_| {
        let diags = eval.with(|e| e.diagnostics.clone());
        if let Some(ed) = w.editor.get() {
            let _ = ed.set_markers(WORLD_DOC_KEY, &markers(&diags));
        }
    });
    let host = NodeRef::<leptos::html::Div>::new();
    mount_monaco(store, w, host, fallback);

    // The example chosen last and its text as loaded: the picker shows it while the text is that.
    let chosen = RwSignal::new(None::<(String, String)>);
    let load = move |example: String| {
        spawn_local(async move {
            match examples::text(&example).await {
                Ok(scenario) => {
                    chosen.set(Some((example, scenario.clone())));
                    w.load(&scenario);
                }
                Err(e) => store.notice.set(Some(e)),
            }
        });
    };
    let options = WORLD_EXAMPLES
        .iter()
        .map(|(id, title)| view! { <option value=*id>{*title}</option> })
        .collect_view();
    let shown = move |p: Pane| move || if w.pane.get() == p { "" } else { "none" };
    let waiting = move || {
        w.form.with(|f| f.error.clone()).map(|e| {
            view! {
                <p class="form-waits" role="status">
                    "The JSON has an error at " {e} "; the form and the request builder wait until it is fixed (JSON tab)."
                </p>
            }
        })
    };
    view! {
        <WorldToolsBar eval hidden run more=children/>
        <main class="world-layout">
            <section class="pane world-editor-pane" aria-label="World scenario">
                <div class="pane-head">
                    <h2>"World scenario"</h2>
                    <label>
                        "Example "
                        <select class="world-example" on:change=move |ev| load(event_target_value(&ev))
                            prop:value=move || text.with(|t| {
                                if t == WORLD_EXAMPLE {
                                    return DEFAULT_ID.to_string();
                                }
                                chosen.with(|c| c.as_ref().filter(|(_, s)| s == t).map(|(id, _)| id.clone()))
                                    .unwrap_or_default()
                            })>
                            <option value="" disabled>"— your own World —"</option>
                            {options}
                        </select>
                    </label>
                </div>
                {pane_tabs(w)}
                {waiting}
                {move || w.edit_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <fieldset class="world-edit" disabled=move || !w.editable()>
                    <div class="world-pane" data-pane="request" style:display=shown(Pane::Request)>
                        <RequestBuilder/>
                    </div>
                    <div class="world-pane" data-pane="world" style:display=shown(Pane::World)>
                        <WorldFormView/>
                    </div>
                </fieldset>
                <div class="world-pane" data-pane="json" style:display=shown(Pane::Json)>
                    <div class="world-editor editor-host" node_ref=host
                        style:display=move || if fallback.get() { "none" } else { "" }></div>
                    <Show when=move || fallback.get()>
                        <textarea class="world-text" spellcheck="false" aria-label="World scenario JSON"
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </Show>
                </div>
                {move || eval.with(|e| problems(&e.diagnostics))}
                <Show when=move || eval.with(|e| e.not_world)>
                    <p class="stale-note" role="alert">
                        "This is a policy-list scenario, not a World scenario (it needs `World` and `Request`): open it in the Policies mode."
                    </p>
                </Show>
            </section>
            <section class="pane world-result-pane" aria-label="World result">
                <LessonPanel run/>
                <Show when=move || eval.with(|e| e.waiting)>
                    <p class="managed-loading" role="status">{crate::store::managed::LOADING}</p>
                </Show>
                <Show when=move || eval.with(|e| e.stale)>
                    <p class="stale-note" role="alert">
                        "The scenario has an error, so the result below is the last good one."
                    </p>
                </Show>
                {move || {
                    let good = eval.with(|e| e.good.clone())?;
                    if hidden.get() {
                        return Some(view! {
                            <p class="lesson-hidden" role="status">
                                "Predict the answer in the lesson first: the decision and the trace that explains it are hidden until you do."
                            </p>
                            {summary(&good.world)}
                        }.into_any());
                    }
                    Some(view! {
                        <div class="world-result-body" class:stale=move || eval.with(|e| e.stale)>
                            {decisions_view(&good)}
                            {chain_view(&good)}
                            {summary(&good.world)}
                        </div>
                    }.into_any())
                }}
            </section>
        </main>
    }
}
