//! Parts every section of the World form uses: a list of policies, an entity's card, and the row that adds a user, group, role or resource.

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::{edit, fold, PolicyEditor};
use crate::model::world::edit::Path;
use crate::model::world::entities::{Entity, WorldEdit};
use crate::model::world::form::PolicyField;
use crate::model::world::request::short_name;

/// The policies of the list at `path`, each editable and removable, and an add button.
pub fn policy_list(
    w: WorldEditor,
    label: &'static str,
    path: Path,
    policies: &[PolicyField],
) -> impl IntoView {
    let items = policies
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let at = path.at(j);
            let at2 = at.clone();
            let commit = Callback::new(move |(t, s): (String, bool)| {
                edit(w, WorldEdit::Policy(at.clone(), t, s))
            });
            let remove = Callback::new(move |()| edit(w, WorldEdit::RemoveAt(at2.clone())));
            view! {
                <PolicyEditor label=format!("{label} {}", j + 1) policy=p.clone() on_commit=commit
                    on_remove=remove fold_key=path.at(j).to_string()/>
            }
        })
        .collect_view();
    view! {
        <div class="policy-list" data-field=label>
            {items}
            <button type="button" class="add" on:click=move |_| edit(w, WorldEdit::AddPolicy(path.clone()))>
                {format!("+ {}", label.to_lowercase())}
            </button>
        </div>
    }
}

/// The card of one user, group, role or resource: its short name and tags in the summary, its
/// fields inside, and a remove button.
pub fn card(
    w: WorldEditor,
    kind: Entity,
    i: usize,
    arn: &str,
    tags: &[(String, String)],
    body: AnyView,
) -> impl IntoView {
    let tags = tags
        .iter()
        .map(|(k, v)| view! { <code class="tag">{format!("{k}={v}")}</code> " " })
        .collect_view();
    let (open, toggle) = fold(w, kind.path(i).to_string());
    view! {
        <details class="world-entity" data-kind=kind.list_key() data-arn=arn.to_string()
            open=open on:toggle=toggle>
            <summary>
                <strong>{short_name(arn).to_string()}</strong>
                " "
                {tags}
            </summary>
            {body}
            <button type="button" class="remove remove-entity"
                on:click=move |_| edit(w, WorldEdit::Remove(kind, i))>
                {format!("Remove {}", short_name_owned(kind))}
            </button>
        </details>
    }
}

fn short_name_owned(kind: Entity) -> &'static str {
    match kind {
        Entity::User => "this user",
        Entity::Group => "this group",
        Entity::Role => "this role",
        Entity::Resource => "this resource",
    }
}

/// A row adding a new one of `kind`: its name and account.
pub fn add_row(w: WorldEditor, kind: Entity, accounts: Vec<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let account = RwSignal::new(
        accounts
            .first()
            .cloned()
            .unwrap_or_else(|| "111122223333".into()),
    );
    let options = accounts
        .iter()
        .map(|a| view! { <option value=a.clone()>{a.clone()}</option> })
        .collect_view();
    let what = match kind {
        Entity::User => "user",
        Entity::Group => "group",
        Entity::Role => "role",
        Entity::Resource => "S3 bucket",
    };
    view! {
        <div class="row add-entity" data-kind=kind.list_key()>
            <input type="text" spellcheck="false" placeholder=format!("new {what} name")
                aria-label=format!("New {what} name")
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <select aria-label="Account" on:change=move |ev| account.set(event_target_value(&ev))>{options}</select>
            <button type="button" class="add" disabled=move || name.with(|n| n.trim().is_empty())
                on:click=move |_| {
                    let n = name.get_untracked().trim().to_string();
                    edit(w, WorldEdit::Add(kind, kind.template(&account.get_untracked(), &n)));
                    name.set(String::new());
                }>
                {format!("+ {what}")}
            </button>
        </div>
    }
}
