//! The World mode: one editor holding a World scenario (users, groups, roles, organization,
//! resources and a request made after a chain of STS calls), evaluated on every edit with
//! [`iam_engine::simulate_world`]. Shows parse errors with line:column, a summary of the world
//! (organization tree, accounts with their users, groups, roles and whom they trust, resources
//! with tags), the chain of hops with each hop's decision, and the final decisions with their
//! trace. Nothing leaves the page; user text is only ever shown as text.
//!
//! - `examples`: the World scenarios offered in the picker
//! - `identities`: accounts, names and trusted principals read from ARNs and trust policies
//! - `evaluate`: the World text evaluated, errors placed in it
//! - `editor`: the World editor's handle (select a statement)
//! - `summary`: the organization, accounts and their members
//! - `chain`: the STS chain and the final decisions with full traces and what would flip them
//! - `problems`: diagnostics of the World text

mod chain;
mod editor;
mod evaluate;
pub mod examples;
mod identities;
mod problems;
mod summary;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::monaco::Monaco;
use crate::platform::page::now_seconds;
use crate::store::{Store, EDIT_DEBOUNCE_MS};
use chain::{chain_view, decisions_view};
use editor::{WorldEditor, WORLD_DOC_KEY};
use evaluate::{evaluate, markers, WorldEval};
use examples::{WORLD_EXAMPLE, WORLD_EXAMPLES};
use problems::problems;
use summary::summary;

/// The World mode.
#[component]
pub fn WorldMode() -> impl IntoView {
    let store = expect_context::<Store>();
    // The World of a shared link, or the example.
    let initial = store
        .state
        .with_untracked(|s| s.world.clone())
        .unwrap_or_else(|| WORLD_EXAMPLE.to_string());
    let eval = RwSignal::new(evaluate(
        &initial,
        &WorldEval::default(),
        now_seconds(),
        store.managed.get_untracked().as_deref(),
    ));
    let text = RwSignal::new(initial);
    // The state (and so the URL) keeps the World when it is not the example.
    Effect::new(move |_| {
        let t = text.get();
        let world = (t != WORLD_EXAMPLE).then_some(t);
        if store.state.with_untracked(|s| s.world != world) {
            store.state.update(|s| s.world = world);
        }
    });
    let editor = RwSignal::new_local(None::<Rc<Monaco>>);
    let fallback = RwSignal::new(false);
    provide_context(WorldEditor { editor, text });

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
    // the answer is hidden until predicted, nor for a result of an older text).
    Effect::new(move |_| {
        let Some(ed) = editor.get() else { return };
        let list = eval.with(|e| {
            e.good
                .as_ref()
                .filter(|_| !e.stale)
                .map(|g| {
                    let hidden = g.results.first().is_some_and(|r| {
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
        if let Some(ed) = editor.get() {
            let _ = ed.set_markers(WORLD_DOC_KEY, &markers(&diags));
        }
    });

    let host = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        let el: web_sys::HtmlElement = el.into();
        let theme = store.theme.get_untracked().monaco();
        spawn_local(async move {
            let created = match Monaco::create(&el, theme).await {
                Ok(m) => {
                    let initial = text.get_untracked();
                    m.open(
                        WORLD_DOC_KEY,
                        &initial,
                        Some(EDIT_DEBOUNCE_MS),
                        move |t: String| {
                            if text.with_untracked(|old| *old != t) {
                                text.set(t);
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
                    editor.set(Some(Rc::new(m)));
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

    let load = move |example: &str| {
        let Some((_, _, scenario)) = WORLD_EXAMPLES.iter().find(|(id, _, _)| *id == example) else {
            return;
        };
        text.set(scenario.to_string());
        if let Some(ed) = editor.get_untracked() {
            let _ = ed.set_text(WORLD_DOC_KEY, scenario);
        }
    };
    let options = WORLD_EXAMPLES
        .iter()
        .map(|(id, title, _)| view! { <option value=*id>{*title}</option> })
        .collect_view();

    view! {
        <main class="world-layout">
            <section class="pane world-editor-pane" aria-label="World scenario">
                <div class="pane-head">
                    <h2>"World scenario"</h2>
                    <label>
                        "Example "
                        <select class="world-example"
                            on:change=move |ev| load(&event_target_value(&ev))>
                            {options}
                        </select>
                    </label>
                </div>
                <p class="muted">
                    "A World scenario: an organization, users, groups, roles and resources, and a request made after a chain of STS calls. Edit it; the result follows."
                </p>
                <div class="world-editor editor-host" node_ref=host
                    style:display=move || if fallback.get() { "none" } else { "" }></div>
                <Show when=move || fallback.get()>
                    <textarea class="world-text" spellcheck="false" aria-label="World scenario JSON"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </Show>
                {move || eval.with(|e| problems(&e.diagnostics))}
                <Show when=move || eval.with(|e| e.not_world)>
                    <p class="stale-note" role="alert">
                        "This is a policy-list scenario, not a World scenario (it needs `World` and `Request`): open it in the Policies mode."
                    </p>
                </Show>
            </section>
            <section class="pane world-result-pane" aria-label="World result">
                <Show when=move || eval.with(|e| e.waiting)>
                    <p class="managed-loading" role="status">{crate::store::managed::LOADING}</p>
                </Show>
                <Show when=move || eval.with(|e| e.stale)>
                    <p class="stale-note" role="alert">
                        "The scenario has an error, so the result below is the last good one."
                    </p>
                </Show>
                {move || {
                    eval.with(|e| e.good.clone()).map(|g| {
                        view! {
                            <div class="world-result-body" class:stale=move || eval.with(|e| e.stale)>
                                {decisions_view(&g)}
                                {chain_view(&g)}
                                {summary(&g.world)}
                            </div>
                        }
                    })
                }}
            </section>
        </main>
    }
}
