//! The policy pane: a tab per layer, the documents of the open layer (add, remove, rename,
//! organization level) and the host of the Monaco editor showing the selected one (the editor
//! itself is `features::editor`, wired by the shell).
//!
//! - `doc_meta`: name, organization level and removal of the selected document
//! - `managed`: the "Add AWS managed policy" picker and the read-only view of a managed
//!   policy's document

mod doc_meta;
mod managed;

use leptos::prelude::*;

use crate::model::state::Layer;
use crate::store::Store;
use crate::ui::hints::LEAVE_EDITOR;
use crate::ui::tablist::{on_keydown, tab_index};
use doc_meta::DocMeta;
use managed::{ManagedPicker, ManagedView};

/// Errors per document key, from the current diagnostics.
fn error_count(store: Store, layer: Layer) -> usize {
    let eval = store.evaluation.get();
    store.built.with(|b| {
        eval.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.policy_id.as_deref().and_then(|id| b.doc_of(id)))
            .filter(|k| {
                store
                    .state
                    .with(|s| s.doc(*k).is_some_and(|d| d.layer == layer))
            })
            .count()
    })
}

/// The policy pane. `on_host` receives the editor's host element once it is in the page.
#[component]
pub fn PolicyPane<F>(
    /// Receives the editor's host element once it is in the page.
    on_host: F,
) -> impl IntoView
where
    F: FnOnce(web_sys::HtmlElement) + 'static,
{
    let store = expect_context::<Store>();
    let host = NodeRef::<leptos::html::Div>::new();
    host.on_load(move |el| on_host(el.into()));

    let layer_tab = move |layer: Layer| {
        let count = move || store.state.with(|s| s.layer_docs(layer).count());
        let errors = move || error_count(store, layer);
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                data-layer=format!("{layer:?}")
                class:active=move || store.layer.get() == layer
                aria-selected=move || (store.layer.get() == layer).to_string()
                tabindex=move || tab_index(store.layer.get() == layer)
                on:click=move |_| store.open_layer(layer)
            >
                {layer.title()}
                <span class="count" aria-label="policies">{count}</span>
                <Show when=move || { errors() > 0 }>
                    <span class="error-dot" title="has errors">{errors}</span>
                </Show>
            </button>
        }
    };

    let docs = move || {
        let layer = store.layer.get();
        store.state.with(|s| {
            s.layer_docs(layer)
                .map(|d| (d.key, d.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let has_selection = move || store.selected.get().is_some();

    view! {
        <section class="pane policies" id="policies-pane" tabindex="-1" aria-label="Policies">
            <div class="tabs layer-tabs" role="tablist" aria-label="Policy layers" on:keydown=on_keydown>
                {Layer::ALL.into_iter().map(layer_tab).collect_view()}
            </div>
            <div class="doc-strip">
                <div class="doc-tabs" role="tablist" aria-label="Policies of this layer" on:keydown=on_keydown>
                <For
                    each=docs
                    key=|d| d.clone()
                    children=move |(key, name)| {
                        view! {
                            <button
                                type="button"
                                role="tab"
                                class="doc-tab"
                                class:active=move || store.selected.get() == Some(key)
                                aria-selected=move || (store.selected.get() == Some(key)).to_string()
                                tabindex=move || tab_index(store.selected.get() == Some(key))
                                on:click=move |_| store.selected.set(Some(key))
                            >
                                {name}
                            </button>
                        }
                    }
                />
                </div>
                <button
                    type="button"
                    class="add"
                    disabled=move || !store.state.with(|s| s.can_add(store.layer.get()))
                    on:click=move |_| store.add_doc()
                >
                    "+ Add"
                </button>
            </div>
            <ManagedPicker/>
            <Show when=has_selection fallback=move || view! {
                <p class="empty">{move || store.layer.get().when_empty()}</p>
            }>
                <DocMeta/>
            </Show>
            <div class="editor-wrap" class:hidden=move || !has_selection()>
                <div class="editor-host" node_ref=host></div>
                <p class="editor-hint" id="editor-keys">{LEAVE_EDITOR}</p>
                <Show when=move || store.editor.with(Option::is_none)>
                    <p class="editor-loading">"Loading the editor…"</p>
                </Show>
            </div>
            <ManagedView/>
        </section>
    }
}
