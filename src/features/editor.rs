//! The policy editor: Monaco in the policy pane's host element, one model per document kept in
//! step with the state, the deciding statements highlighted, the engine's diagnostics and the
//! linter's findings as markers, and completion and hover from the AWS service catalog. The
//! editor has no pane of its own: the shell hands [`load`] the host the policy pane gives it,
//! and runs [`keep_in_step`] once.
//!
//! - `scan`: a tolerant scanner of policy text being typed
//! - `complete`: completion from the catalog
//! - `hover`: hover from the catalog
//! - `catalog`: loading the catalog after the first decision
//! - `markers`: diagnostics and lint findings as markers

mod catalog;
mod complete;
mod hover;
mod markers;
mod scan;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::model::text_edit::{apply as apply_edits, read_edits};
use crate::platform::monaco::Monaco;
use crate::platform::page::{fixed, set_root_attribute};
use crate::store::live::edit_delay;
use crate::store::{explain, report, Store};

/// Load Monaco into the editor host once it is in the page.
pub fn load(store: Store, host: web_sys::HtmlElement) {
    spawn_local(async move {
        match Monaco::create(&host, store.theme.get_untracked().monaco()).await {
            Ok(m) => store.editor.set(Some(Rc::new(m))),
            Err(e) => store.notice.set(Some(format!(
                "{e}; the policies cannot be edited, results still work"
            ))),
        }
    });
}

/// The editor's effects, in order: models, the shown document, the catalog, markers, help and
/// highlights.
pub fn keep_in_step(store: Store) {
    let models = sync_models(store);
    debounce_only_slow_inputs(store);
    show_selected_document(store, models);
    catalog::load_when_the_editor_is_up(store);
    markers::show_markers(store, models);
    install_help(store);
    highlight_deciding_statements(store, models);
}

/// Effect: after each evaluation, the delay before the next edit is evaluated: none while
/// evaluations are fast, a debounce for slow or large inputs.
fn debounce_only_slow_inputs(store: Store) {
    Effect::new(move |_| {
        let Some(editor) = store.editor.get() else {
            return;
        };
        store.evaluation.track();
        let cost = store.cost.get_value();
        let delay = edit_delay(cost);
        editor.set_edit_delay(delay);
        // For the figures and the tests.
        set_root_attribute("data-evaluation-ms", &fixed(cost.ms, 2));
        set_root_attribute("data-evaluated-in", cost.route.as_str());
        set_root_attribute("data-edit-delay-ms", &delay.to_string());
    });
}

/// Effect: one Monaco model per document; edits flow back into the state. The
/// returned signal changes whenever models were opened or closed, so the effects that show
/// things on models run after them.
fn sync_models(store: Store) -> ReadSignal<u32> {
    let (models, set_models) = signal(0u32);
    // Only the set of documents matters here, not every keystroke in them.
    let keys = Memo::new(move |_| {
        store
            .state
            .with(|s| s.docs.iter().map(|d| d.key).collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        let Some(editor) = store.editor.get() else {
            return;
        };
        let keys = keys.get();
        let open = editor.open_keys();
        for key in open.iter().filter(|k| !keys.contains(k)) {
            report(store.notice, editor.close(*key));
        }
        for key in keys.iter().copied().filter(|k| !open.contains(k)) {
            let state = store.state;
            let text = state.with_untracked(|s| s.doc(key).map(|d| d.text.clone()));
            let text = text.unwrap_or_default();
            let r = editor.open(key, &text, None, move |text: String| {
                let changed = state.with_untracked(|s| s.doc(key).is_some_and(|d| d.text != text));
                if changed {
                    state.update(|s| {
                        s.set_text(key, &text);
                    });
                }
            });
            report(store.notice, r);
            // A large document's keystrokes come as edits of the text the state has.
            let r = editor.on_edits(key, move |json: String, length: u32| {
                let Some(edits) = read_edits(&json) else {
                    return false;
                };
                let next = state.with_untracked(|s| {
                    s.doc(key)
                        .and_then(|d| apply_edits(&d.text, &edits, length))
                });
                let Some(next) = next else {
                    return false;
                };
                state.update(|s| {
                    s.set_doc_text(key, next);
                });
                true
            });
            report(store.notice, r);
        }
        set_models.update(|n| *n = n.wrapping_add(1));
    });
    models
}

/// Effect: the editor shows the selected document.
fn show_selected_document(store: Store, models: ReadSignal<u32>) {
    Effect::new(move |_| {
        models.track();
        let (Some(editor), Some(key)) = (store.editor.get(), store.selected.get()) else {
            return;
        };
        report(store.notice, editor.show(key));
    });
}

/// Effect: once the editor is up, completion and hover answered from the catalog (nothing
/// until the catalog has loaded).
fn install_help(store: Store) {
    let installed = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(editor) = store.editor.get() else {
            return;
        };
        if installed.get_value() {
            return;
        }
        installed.set_value(true);
        store.install_managed_help(&editor);
        let c = store.catalog;
        let r = editor.install_help(
            move |text, offset| {
                c.with_untracked(|c| {
                    c.as_deref()
                        .and_then(|c| complete::complete(c, &text, offset))
                        .and_then(|x| serde_json::to_string(&x).ok())
                        .unwrap_or_default()
                })
            },
            move |text, offset| {
                c.with_untracked(|c| {
                    c.as_deref()
                        .and_then(|c| hover::hover(c, &text, offset))
                        .and_then(|x| serde_json::to_string(&x).ok())
                        .unwrap_or_default()
                })
            },
        );
        report(store.notice, r);
    });
}

/// Effect: the statements that decided the shown result are highlighted without a click.
fn highlight_deciding_statements(store: Store, models: ReadSignal<u32>) {
    Effect::new(move |_| {
        models.track();
        let Some(editor) = store.editor.get() else {
            return;
        };
        // Positions of a stale result may no longer match the edited text: no highlight then.
        // Nor while the answer is hidden until the learner predicts it (exercise mode).
        let stale = store.evaluation.with(|e| e.stale);
        let result = store
            .current_result()
            .filter(|r| !stale && !store.answer_hidden(&r.eval_action_name, &r.eval_resource_name));
        let per_doc = store
            .built
            .with(|b| explain::deciding_decorations(result.as_ref(), b));
        for (key, decorations) in per_doc {
            report(
                store.notice,
                editor.set_decorations(key, "deciding", &decorations),
            );
        }
    });
}
