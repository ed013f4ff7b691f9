//! What the request asks: its actions and resources, picked from what the World's policies
//! name, the World's resources, roles and users, and the service catalog (every action of a
//! service; the ARN formats of an action's resource types).

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::TextList;
use crate::model::world::request::{
    account_of, catalog_actions, named_actions, resource_formats, resources, RequestEdit,
};
use crate::store::Store;

/// Most catalog actions offered per service.
const MAX_CATALOG_ACTIONS: usize = 600;

/// The `<datalist>`s the action and resource fields pick from.
fn datalists(w: WorldEditor, store: Store) -> impl IntoView {
    move || {
        let f = w.form.with(|s| s.form.clone())?;
        let catalog = store.catalog.get();
        let mut actions = named_actions(&f);
        if let Some(c) = &catalog {
            let mut services: Vec<String> = Vec::new();
            for a in &actions {
                let s = a.split(':').next().unwrap_or_default().to_string();
                if !services.contains(&s) {
                    services.push(s);
                }
            }
            for s in services {
                for a in catalog_actions(c, &format!("{s}:"), MAX_CATALOG_ACTIONS) {
                    if !actions.contains(&a) {
                        actions.push(a);
                    }
                }
            }
        }
        let mut arns: Vec<(String, String)> = resources(&f)
            .into_iter()
            .map(|c| (c.value, c.label))
            .collect();
        if let (Some(c), Some(action)) = (&catalog, f.request.actions.first()) {
            let account = account_of(&f.request.principal).map(str::to_string);
            for fmt in resource_formats(c, action, account.as_deref()) {
                arns.push((fmt, format!("format of {action}")));
            }
        }
        Some(view! {
            <datalist id="world-actions">
                {actions.into_iter().map(|a| view! { <option value=a></option> }).collect_view()}
            </datalist>
            <datalist id="world-resources">
                {arns.into_iter().map(|(v, l)| view! { <option value=v label=l></option> }).collect_view()}
            </datalist>
        })
    }
}

/// The actions and resources.
#[component]
pub fn Target() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    let store = expect_context::<Store>();
    let fields = move || {
        let f = w.form.with(|s| s.form.clone())?;
        let req = f.request.clone();
        let on_actions = Callback::new(move |a: Vec<String>| {
            let kept: Vec<String> = a
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            w.apply(|t| {
                RequestEdit::Actions(kept)
                    .apply(t)
                    .map_err(|e| e.to_string())
            });
        });
        let on_resources = Callback::new(move |r: Vec<String>| {
            let kept: Vec<String> = r
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            w.apply(|t| {
                RequestEdit::Resources(kept)
                    .apply(t)
                    .map_err(|e| e.to_string())
            });
        });
        Some(view! {
            <TextList label="Actions" items=req.actions on_commit=on_actions
                list="world-actions" placeholder="secretsmanager:GetSecretValue"
                field="actions" add="+ action"/>
            <TextList label="Resources" items=req.resources on_commit=on_resources
                list="world-resources" placeholder="* (none: any resource)"
                field="resources" add="+ resource"/>
        })
    };
    view! {
        <div class="world-target">
            {datalists(w, store)}
            {fields}
        </div>
    }
}
