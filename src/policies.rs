//! The policy pane: a tab per layer, the documents of the open layer (add, remove, rename,
//! organization level) and the Monaco editor showing the selected one.

use leptos::prelude::*;

use crate::state::{DocKey, Layer};
use crate::store::Store;
use crate::tablist::{on_keydown, tab_index};

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
pub fn PolicyPane<F>(on_host: F) -> impl IntoView
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
        <section class="pane policies" aria-label="Policies">
            <div class="tabs layer-tabs" role="tablist" aria-label="Policy layers" on:keydown=on_keydown>
                {Layer::ALL.into_iter().map(layer_tab).collect_view()}
            </div>
            <div class="doc-strip" role="tablist" aria-label="Policies of this layer" on:keydown=on_keydown>
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
                <button
                    type="button"
                    class="add"
                    disabled=move || !store.state.with(|s| s.can_add(store.layer.get()))
                    on:click=move |_| store.add_doc()
                >
                    "+ Add"
                </button>
            </div>
            <Show when=has_selection fallback=move || view! {
                <p class="empty">{move || store.layer.get().when_empty()}</p>
            }>
                <DocMeta/>
            </Show>
            <div class="editor-wrap" class:hidden=move || !has_selection()>
                <div class="editor-host" node_ref=host></div>
                <Show when=move || store.editor.with(Option::is_none)>
                    <p class="editor-loading">"Loading the editor…"</p>
                </Show>
            </div>
        </section>
    }
}

/// Name, organization level and removal of the selected document.
#[component]
fn DocMeta() -> impl IntoView {
    let store = expect_context::<Store>();
    let selected = move || store.selected.get().unwrap_or_default();
    let field = move |f: fn(&crate::state::PolicyDoc) -> String| {
        move || {
            store
                .state
                .with(|s| s.doc(selected()).map(f).unwrap_or_default())
        }
    };
    let update = move |key: DocKey, f: &dyn Fn(&mut crate::state::PolicyDoc)| {
        store.state.update(|s| {
            if let Some(d) = s.docs.iter_mut().find(|d| d.key == key) {
                f(d);
            }
        });
    };
    let policy_id = move || {
        store
            .built
            .with(|b| b.id_of(selected()).map(str::to_string))
            .unwrap_or_default()
    };
    view! {
        <div class="doc-meta">
            <label>
                "Name "
                <input
                    type="text"
                    class="doc-name"
                    prop:value=field(|d| d.name.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(selected(), &|d| d.name = v.clone());
                    }
                />
            </label>
            <Show when=move || store.layer.get().has_levels()>
                <label title="Every organization level, from the root down to the account, must allow">
                    "Organization level "
                    <select
                        prop:value=field(|d| d.level.to_string())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).parse().unwrap_or(1);
                            update(selected(), &|d| d.level = v);
                        }
                    >
                        {(1u8..=5)
                            .map(|l| {
                                let label = match l {
                                    1 => "1 (root)".to_string(),
                                    5 => "5 (account)".to_string(),
                                    n => n.to_string(),
                                };
                                let level = field(|d| d.level.to_string());
                                view! {
                                    <option value=l.to_string() selected=move || level() == l.to_string()>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </Show>
            <code class="policy-id" title="Policy id in diagnostics and results">{policy_id}</code>
            <button type="button" class="remove" aria-label="Remove this policy" on:click=move |_| store.remove_doc(selected())>
                "Remove"
            </button>
        </div>
    }
}
