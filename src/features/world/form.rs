//! The World form: users, groups, roles (trust policy, policies, boundary, tags, longest
//! session), resources (tags, policy) and the organization tree, each section folded until
//! opened. Every field rewrites the World text at its place (`model::world::entities`).
//!
//! - `parts`: policy lists, single policies, entity cards, the add row
//! - `principals`: users and groups
//! - `roles`: roles and resources
//! - `org`: the organization tree

mod org;
mod parts;
mod principals;
mod roles;

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::fold;
use crate::model::world::entities::Entity;
use crate::model::world::request::accounts;

/// The World form.
#[component]
pub fn WorldFormView() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    move || {
        let f = w.form.with(|s| s.form.clone())?;
        let acc = accounts(&f);
        let section = |title: String, kind: &'static str, body: AnyView| {
            let (open, toggle) = fold(w, format!("section:{kind}"));
            view! {
                <details class="world-section" data-section=kind open=open on:toggle=toggle>
                    <summary><h3>{title}</h3></summary>
                    {body}
                </details>
            }
        };
        let users = f
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| principals::user(w, i, u))
            .collect_view();
        let groups = f
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| principals::group(w, i, g))
            .collect_view();
        let roles = f
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| roles::role(w, i, r))
            .collect_view();
        let resources = f
            .resources
            .iter()
            .enumerate()
            .map(|(i, r)| roles::resource(w, i, r))
            .collect_view();
        Some(view! {
            <div class="world-form">
                {section(format!("Users ({})", f.users.len()), "users",
                    view! { {users} {parts::add_row(w, Entity::User, acc.clone())} }.into_any())}
                {section(format!("Groups ({})", f.groups.len()), "groups",
                    view! { {groups} {parts::add_row(w, Entity::Group, acc.clone())} }.into_any())}
                {section(format!("Roles ({})", f.roles.len()), "roles",
                    view! { {roles} {parts::add_row(w, Entity::Role, acc.clone())} }.into_any())}
                {section(format!("Resources ({})", f.resources.len()), "resources",
                    view! { {resources} {parts::add_row(w, Entity::Resource, acc.clone())} }.into_any())}
                {section("Organization".into(), "organization",
                    view! { {org::organization(w, f.org.as_ref(), acc.clone())} }.into_any())}
            </div>
        })
    }
}
