//! Free-form context entries: key, type (AWS's `ContextKeyType` names), comma-separated values.

use iam_engine::ContextKeyType;
use leptos::prelude::*;

use crate::model::state::FreeEntry;
use crate::store::Store;

const TYPES: [ContextKeyType; 12] = [
    ContextKeyType::String,
    ContextKeyType::StringList,
    ContextKeyType::Numeric,
    ContextKeyType::NumericList,
    ContextKeyType::Boolean,
    ContextKeyType::BooleanList,
    ContextKeyType::Ip,
    ContextKeyType::IpList,
    ContextKeyType::Binary,
    ContextKeyType::BinaryList,
    ContextKeyType::Date,
    ContextKeyType::DateList,
];

/// Free-form context entries: key, type, values.
#[component]
pub fn FreeEntries() -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        store
            .state
            .with(|s| s.request.extra.iter().map(|e| e.id).collect::<Vec<_>>())
    };
    let get = move |id: u32, f: fn(&FreeEntry) -> String| {
        move || {
            store.state.with(|s| {
                s.request
                    .extra
                    .iter()
                    .find(|e| e.id == id)
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let edit = move |id: u32, f: &dyn Fn(&mut FreeEntry)| {
        store.state.update(|s| {
            if let Some(e) = s.request.extra.iter_mut().find(|e| e.id == id) {
                f(e);
            }
        });
    };
    view! {
        <fieldset class="free">
            <legend>"Other context keys"</legend>
            <For
                each=rows
                key=|id| *id
                children=move |id| {
                    view! {
                        <div class="row">
                            <input
                                type="text"
                                class="free-key"
                                aria-label="Context key"
                                placeholder="key, e.g. s3:prefix"
                                prop:value=get(id, |e| e.key.clone())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.key = v.clone());
                                }
                            />
                            <select
                                aria-label="Type"
                                prop:value=get(id, |e| e.key_type.clone())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.key_type = v.clone());
                                }
                            >
                                <option value="">"(no type)"</option>
                                {TYPES
                                    .iter()
                                    .map(|t| {
                                        let current = get(id, |e| e.key_type.clone());
                                        let name = t.as_str();
                                        view! {
                                            <option value=name selected=move || current() == name>
                                                {name}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <input
                                type="text"
                                class="free-values"
                                aria-label="Values, comma-separated"
                                placeholder="values, comma-separated"
                                prop:value=get(id, |e| e.values.clone())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    edit(id, &|e| e.values = v.clone());
                                }
                            />
                            <button
                                type="button"
                                class="icon"
                                aria-label="Remove entry"
                                on:click=move |_| store.state.update(|s| s.request.extra.retain(|e| e.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.add_free("", "", ""))>
                "+ Add key"
            </button>
        </fieldset>
    }
}
