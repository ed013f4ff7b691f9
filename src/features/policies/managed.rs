//! AWS managed policies in the policy pane: the searchable "Add AWS managed policy" picker (a
//! combobox: type to filter, arrow keys to move, Enter to add, Escape to close), which adds a
//! document holding the policy's ARN, and the read-only view of the document such an ARN
//! stands for, with its name and version.

use leptos::prelude::*;

use crate::model::managed::{reference, search};
use crate::model::state::Layer;
use crate::store::managed::{Load, LOADING};
use crate::store::Store;

/// How many matches the picker lists.
const SHOWN: usize = 20;

/// Whether a layer takes AWS managed policies: identity policies, permissions boundaries and
/// session policies (AWS attaches managed policies there; `AssumeRole` takes them as
/// `PolicyArns`). SCPs, RCPs and resource-based policies are not IAM managed policies.
pub fn takes_managed(layer: Layer) -> bool {
    matches!(layer, Layer::Identity | Layer::Boundary | Layer::Session)
}

/// The picker.
#[component]
pub fn ManagedPicker() -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input = NodeRef::<leptos::html::Input>::new();
    // (name, arn, version) of the matches.
    let matches = Memo::new(move |_| {
        let q = query.get();
        store.managed.with(|m| {
            m.as_deref()
                .map(|m| {
                    search(m, &q, SHOWN)
                        .iter()
                        .map(|p| (p.name.to_string(), p.arn.to_string(), p.version.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add = move |i: usize| {
        let Some((name, arn, _)) = matches.with_untracked(|m| m.get(i).cloned()) else {
            return;
        };
        store.add_managed_doc(&name, &arn);
        open.set(false);
        query.set(String::new());
        active.set(0);
    };
    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now {
            store.ensure_managed();
            request_animation_frame(move || {
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        ev.stop_propagation();
        let n = matches.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1).min(n - 1));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = a.saturating_sub(1));
            }
            "Enter" => {
                ev.prevent_default();
                add(active.get_untracked());
            }
            "Escape" => {
                ev.prevent_default();
                open.set(false);
            }
            _ => {}
        }
    };
    let option_id = |i: usize| format!("managed-option-{i}");
    view! {
        <Show when=move || takes_managed(store.layer.get())>
            <button
                type="button"
                class="add-managed"
                aria-expanded=move || open.get().to_string()
                disabled=move || !store.state.with(|s| s.can_add(store.layer.get()))
                on:click=toggle
            >
                "Add AWS managed policy"
            </button>
        </Show>
        <Show when=move || open.get() && takes_managed(store.layer.get())>
            <div class="managed-picker">
                <input
                    type="search"
                    class="managed-search"
                    node_ref=input
                    role="combobox"
                    aria-label="Search AWS managed policies"
                    aria-autocomplete="list"
                    aria-expanded="true"
                    aria-controls="managed-options"
                    aria-activedescendant=move || {
                        (!matches.with(Vec::is_empty)).then(|| option_id(active.get()))
                    }
                    placeholder="Search AWS managed policies, e.g. readonly"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(0);
                    }
                    on:keydown=keydown
                />
                <Show when=move || store.managed_load.get() == Load::Loading>
                    <p class="managed-loading" role="status">{LOADING}</p>
                </Show>
                <ul id="managed-options" class="managed-options" role="listbox" aria-label="AWS managed policies">
                    {move || {
                        matches
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, (name, arn, version))| {
                                let path = arn
                                    .trim_start_matches(iam_engine::policy::managed::ARN_PREFIX)
                                    .trim_end_matches(name.as_str())
                                    .to_string();
                                view! {
                                    <li
                                        id=option_id(i)
                                        role="option"
                                        class="managed-option"
                                        class:active=move || active.get() == i
                                        aria-selected=move || (active.get() == i).to_string()
                                        data-arn=arn.clone()
                                        on:mousedown=move |ev| {
                                            ev.prevent_default();
                                            add(i);
                                        }
                                    >
                                        <span class="name">{name.clone()}</span>
                                        " "
                                        <span class="muted">{path}{version}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The read-only document of the selected document, when it names an AWS managed policy.
#[component]
pub fn ManagedView() -> impl IntoView {
    let store = expect_context::<Store>();
    // (label, arn, pretty document) of the selected document's managed policy, if resolved.
    let shown = move || {
        let key = store.selected.get()?;
        let arn = store.state.with(|s| {
            s.doc(key)
                .and_then(|d| reference(&d.text).map(str::to_string))
        })?;
        let resolved = store.built.with(|b| {
            let id = b.id_of(key)?;
            b.scenario
                .policies()
                .into_iter()
                .find(|(p, ..)| p.id == id)
                .and_then(|(p, ..)| p.managed.as_ref().map(|m| (m.label(), p.text.clone())))
        });
        Some((arn, resolved))
    };
    view! {
        {move || {
            shown().map(|(arn, resolved)| {
                let body = match resolved {
                    Some((label, text)) => view! {
                        <h3 class="managed-title">{label}</h3>
                        <p class="muted">
                            <code>{arn}</code>
                            " stands for this document, which AWS maintains (read-only here). To edit a copy, paste the document in place of the ARN."
                        </p>
                        <pre class="managed-doc" tabindex="0" aria-label="Managed policy document">{text}</pre>
                    }
                    .into_any(),
                    None if store.managed_load.get() == Load::Loading
                        || store.managed_load.get() == Load::Idle =>
                    {
                        view! { <p class="managed-loading" role="status">{LOADING}</p> }.into_any()
                    }
                    None => view! {
                        <p class="muted">
                            <code>{arn}</code>
                            " is not an AWS managed policy this page knows (see the marker in the editor)."
                        </p>
                    }
                    .into_any(),
                };
                view! { <section class="managed-view" aria-label="AWS managed policy">{body}</section> }
            })
        }}
    }
}
