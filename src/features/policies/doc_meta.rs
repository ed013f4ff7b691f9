//! Name, organization level and removal of the selected document.

use leptos::prelude::*;

use crate::model::state::{DocKey, PolicyDoc};
use crate::store::Store;

/// Name, organization level and removal of the selected document.
#[component]
pub fn DocMeta() -> impl IntoView {
    let store = expect_context::<Store>();
    let selected = move || store.selected.get().unwrap_or_default();
    let field = move |f: fn(&PolicyDoc) -> String| {
        move || {
            store
                .state
                .with(|s| s.doc(selected()).map(f).unwrap_or_default())
        }
    };
    let update = move |key: DocKey, f: &dyn Fn(&mut PolicyDoc)| {
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
