//! Named scenarios kept in this browser's localStorage (as share-link fragments, so a saved
//! scenario carries its versions like a link does).

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::share;
use crate::store::Store;

const KEY: &str = "iam-playground-scenarios";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Name → share fragment.
pub fn read_all() -> BTreeMap<String, String> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn write_all(all: &BTreeMap<String, String>) -> bool {
    let text = serde_json::to_string(all).unwrap_or_default();
    storage().is_some_and(|s| s.set_item(KEY, &text).is_ok())
}

/// The saved-scenarios panel.
#[component]
pub fn Saved() -> impl IntoView {
    let store = expect_context::<Store>();
    let all = RwSignal::new(read_all());
    let name = RwSignal::new(String::new());
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            store
                .notice
                .set(Some("Give the scenario a name first.".into()));
            return;
        }
        let fragment = store.state.with_untracked(share::encode);
        let mut next = all.get_untracked();
        next.insert(n.clone(), fragment);
        if write_all(&next) {
            all.set(next);
            store
                .notice
                .set(Some(format!("Saved “{n}” in this browser.")));
        } else {
            store
                .notice
                .set(Some("This browser refused to store the scenario.".into()));
        }
    };
    let list = move || {
        all.get()
            .into_iter()
            .map(|(n, fragment)| {
                let label = n.clone();
                let load = move |_| match share::decode(&fragment) {
                    Ok(Some(s)) => {
                        store.notice.set(s.version_notice());
                        store.replace(s.state);
                    }
                    _ => store
                        .notice
                        .set(Some(format!("The saved scenario “{n}” is damaged."))),
                };
                let remove_name = label.clone();
                let remove = move |_| {
                    let mut next = all.get_untracked();
                    next.remove(&remove_name);
                    write_all(&next);
                    all.set(next);
                };
                view! {
                    <li class="saved-item">
                        <button type="button" class="saved-load" on:click=load>{label}</button>
                        <button type="button" class="link" aria-label="Delete saved scenario" on:click=remove>"delete"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="saved">
            <div class="row">
                <input class="saved-name" aria-label="Scenario name" placeholder="Scenario name"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="button" class="saved-save" on:click=save>"Save"</button>
            </div>
            <ul class="saved-list">{list}</ul>
        </div>
    }
}
