//! Named scenarios kept in this browser's localStorage (as share-link fragments, so a saved
//! scenario carries its versions like a link does).

use leptos::prelude::*;

use crate::model::share;
use crate::platform::storage::{save_scenarios, saved_scenarios};
use crate::store::Store;

/// The saved-scenarios panel.
#[component]
pub fn Saved() -> impl IntoView {
    let store = expect_context::<Store>();
    let all = RwSignal::new(saved_scenarios());
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
        if save_scenarios(&next) {
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
                    save_scenarios(&next);
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
