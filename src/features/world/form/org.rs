//! The organization tree in the World form: each node's SCPs and RCPs, its accounts and its
//! child OUs.

use leptos::prelude::*;

use super::parts::policy_list;
use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::edit;
use crate::features::world::fields::{TextField, TextList};
use crate::model::world::entities::{add_organization, WorldEdit};
use crate::model::world::form::{OrgForm, OrgNodeForm};

fn node(w: WorldEditor, n: &OrgNodeForm, depth: usize) -> AnyView {
    let p = n.path.clone();
    let id = {
        let at = p.key("Id");
        Callback::new(move |v| edit(w, WorldEdit::Text(at.clone(), v)))
    };
    // Accounts written as plain IDs are edited as a list; accounts with their own policies
    // are edited in the JSON.
    let plain = n
        .accounts
        .iter()
        .all(|a| a.scps.is_empty() && a.rcps.is_empty());
    let accounts = if plain {
        let at = p.key("Accounts");
        let cb = Callback::new(move |a| edit(w, WorldEdit::Strings(at.clone(), a)));
        let ids: Vec<String> = n.accounts.iter().map(|a| a.id.clone()).collect();
        view! { <TextList label="Accounts" items=ids on_commit=cb field="accounts" add="+ account"/> }.into_any()
    } else {
        let ids: Vec<String> = n.accounts.iter().map(|a| a.id.clone()).collect();
        view! { <p class="muted">"Accounts " {ids.join(", ")} " (with their own policies: edit them in the JSON)"</p> }.into_any()
    };
    let children = n
        .children
        .iter()
        .map(|c| view! { <li>{node(w, c, depth + 1)}</li> })
        .collect_view();
    let new_ou = RwSignal::new(String::new());
    let add_at = p.clone();
    view! {
        <details class="org-node" data-id=n.id.clone() open=depth == 0>
            <summary><span class="kind">{if depth == 0 { "root " } else { "OU " }}</span><code>{n.id.clone()}</code>
                <span class="muted">{format!(" · {} SCP, {} RCP, {} account(s)", n.scps.len(), n.rcps.len(), n.accounts.len())}</span>
            </summary>
            <TextField label="Id" value=n.id.clone() on_commit=id field="org-id"/>
            {policy_list(w, "SCP", p.key("ServiceControlPolicies"), &n.scps)}
            {policy_list(w, "RCP", p.key("ResourceControlPolicies"), &n.rcps)}
            {accounts}
            <ul class="org-children">{children}</ul>
            <div class="row">
                <input type="text" placeholder="ou-…" aria-label="New OU id"
                    prop:value=move || new_ou.get() on:input=move |ev| new_ou.set(event_target_value(&ev))/>
                <button type="button" class="add" disabled=move || new_ou.with(|v| v.trim().is_empty())
                    on:click=move |_| {
                        let id = new_ou.get_untracked().trim().to_string();
                        edit(w, WorldEdit::AddOu(add_at.clone(), id));
                        new_ou.set(String::new());
                    }>"+ OU"</button>
            </div>
        </details>
    }
    .into_any()
}

/// The organization, or a button to add one.
pub fn organization(w: WorldEditor, org: Option<&OrgForm>, accounts: Vec<String>) -> impl IntoView {
    match org {
        Some(o) => {
            let id = {
                let at = crate::model::world::form::paths::world().key("Organization").key("Id");
                Callback::new(move |v| edit(w, WorldEdit::Text(at.clone(), v)))
            };
            let mgmt = {
                let at = crate::model::world::form::paths::world()
                    .key("Organization")
                    .key("ManagementAccount");
                Callback::new(move |v| edit(w, WorldEdit::Text(at.clone(), v)))
            };
            view! {
                <TextField label="Organization" value=o.id.clone() on_commit=id field="org"/>
                <TextField label="Management account" value=o.management_account.clone().unwrap_or_default()
                    on_commit=mgmt placeholder="not subject to SCPs and RCPs" field="management-account"/>
                <div class="org-tree">{node(w, &o.root, 0)}</div>
            }
            .into_any()
        }
        None => view! {
            <p class="muted">"No organization: no SCP or RCP applies."</p>
            <button type="button" class="add" on:click=move |_| w.apply(|t| add_organization(t, &accounts))>
                "+ organization"
            </button>
        }
        .into_any(),
    }
}
