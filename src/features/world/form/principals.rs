//! Users and groups in the World form.

use leptos::prelude::*;

use super::parts::{card, policy_list};
use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::{edit, single_policy};
use crate::features::world::fields::{TagsEditor, TextField, TextList};
use crate::model::world::entities::{Entity, WorldEdit};
use crate::model::world::form::{paths, GroupForm, UserForm};

fn text(w: WorldEditor, path: crate::model::world::edit::Path) -> Callback<String> {
    Callback::new(move |v: String| edit(w, WorldEdit::Text(path.clone(), v)))
}

/// One user.
pub fn user(w: WorldEditor, i: usize, u: &UserForm) -> impl IntoView {
    let p = paths::user(i);
    let tags = {
        let at = p.key("Tags");
        Callback::new(move |t| edit(w, WorldEdit::Tags(at.clone(), t)))
    };
    let groups = {
        let at = p.key("Groups");
        Callback::new(move |g| edit(w, WorldEdit::Strings(at.clone(), g)))
    };
    let devices = {
        let at = p.key("MfaDevices");
        Callback::new(move |g| edit(w, WorldEdit::Strings(at.clone(), g)))
    };
    let body = view! {
        <TextField label="ARN" value=u.arn.clone() on_commit=text(w, p.key("Arn")) field="arn"/>
        <TagsEditor label="Tags" tags=u.tags.clone() on_commit=tags field="tags"/>
        <TextList label="Groups" items=u.groups.clone() on_commit=groups field="groups" add="+ group"/>
        {policy_list(w, "Policy", p.key("Policies"), &u.policies)}
        {single_policy(w, "Permissions boundary", p.key("PermissionsBoundary"), u.boundary.as_ref())}
        <TextList label="MFA devices" items=u.mfa_devices.clone() on_commit=devices field="mfa-devices" add="+ device"/>
    }
    .into_any();
    card(w, Entity::User, i, &u.arn, &u.tags, body)
}

/// One group.
pub fn group(w: WorldEditor, i: usize, g: &GroupForm) -> impl IntoView {
    let p = paths::group(i);
    let body = view! {
        <TextField label="ARN" value=g.arn.clone() on_commit=text(w, p.key("Arn")) field="arn"/>
        {policy_list(w, "Policy", p.key("Policies"), &g.policies)}
    }
    .into_any();
    card(w, Entity::Group, i, &g.arn, &[], body)
}
