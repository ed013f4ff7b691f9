//! A key–value table for one kind of tag (principal, resource, request).

use leptos::prelude::*;

use crate::model::state::{TagKind, TagRow};
use crate::store::Store;

/// A key–value table for one kind of tag.
#[component]
pub fn TagTable(kind: TagKind) -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store.state.with(|s| {
            s.request
                .tags(kind)
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        })
    };
    let edit = move |id: u32, f: &dyn Fn(&mut TagRow)| {
        store.state.update(|s| {
            if let Some(r) = s.request.tags_mut(kind).iter_mut().find(|r| r.id == id) {
                f(r);
            }
        });
    };
    let cell = move |id: u32, key: bool| {
        move || {
            store.state.with(|s| {
                s.request
                    .tags(kind)
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| if key { r.key.clone() } else { r.value.clone() })
                    .unwrap_or_default()
            })
        }
    };
    // One text input of a row: the tag key (`key`) or its value.
    let field = move |id: u32, key: bool| {
        let (class, label, placeholder) = if key {
            ("tag-key", "Tag key", "key")
        } else {
            ("tag-value", "Tag value", "value")
        };
        view! {
            <input
                type="text"
                class=class
                aria-label=label
                placeholder=placeholder
                prop:value=cell(id, key)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    edit(
                        id,
                        &|r| {
                            if key {
                                r.key = v.clone();
                            } else {
                                r.value = v.clone();
                            }
                        },
                    );
                }
            />
        }
    };
    view! {
        <fieldset class="tags" data-tags=format!("{kind:?}")>
            <legend>{kind.title()} " " <code>{kind.prefix()} "*"</code></legend>
            <For
                each=rows
                key=|id| *id
                children=move |id| {
                    view! {
                        <div class="row">
                            {field(id, true)}
                            {field(id, false)}
                            <button
                                type="button"
                                class="icon"
                                aria-label="Remove tag"
                                on:click=move |_| store.state.update(|s| s.request.tags_mut(kind).retain(|r| r.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.add_tag(kind, "", ""))>
                "+ Add tag"
            </button>
        </fieldset>
    }
}
