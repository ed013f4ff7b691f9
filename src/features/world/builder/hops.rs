//! The chain of STS calls made before the request: add an AssumeRole, AssumeRoleWithSAML,
//! AssumeRoleWithWebIdentity or GetSessionToken hop, pick its role, and give it session tags,
//! transitive keys, MFA, an external ID, a duration, claims or a session policy.

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::{fold, PolicyEditor, TagsEditor, TextField, TextList};
use crate::model::world::entities::new_policy;
use crate::model::world::form::{HopForm, PolicyField, WorldForm};
use crate::model::world::json::Json;
use crate::model::world::request::{new_hop, roles, short_name, RequestEdit, HOP_APIS};

fn set(w: WorldEditor, i: usize, key: &'static str, v: Json) {
    w.apply(|t| {
        RequestEdit::HopField(i, key, v)
            .apply(t)
            .map_err(|e| e.to_string())
    });
}

fn text_cb(w: WorldEditor, i: usize, key: &'static str, number: bool) -> Callback<String> {
    Callback::new(move |v: String| {
        let v = v.trim().to_string();
        let j = if number && v.parse::<i64>().is_ok() {
            Json::Number(v)
        } else {
            Json::String(v)
        };
        set(w, i, key, j);
    })
}

/// The fields most hops leave empty.
fn more(w: WorldEditor, i: usize, h: &HopForm) -> impl IntoView {
    let federated = h.api.starts_with("AssumeRoleWith");
    let claims = federated.then(|| {
        let cb = Callback::new(move |c: Vec<(String, String)>| {
            let kept: Vec<(String, String)> = c
                .into_iter()
                .filter(|(k, _)| !k.trim().is_empty())
                .collect();
            set(w, i, "FederatedClaims", Json::string_map(&kept));
        });
        view! { <TagsEditor label="Claims" tags=h.claims.clone() on_commit=cb field="claims"/> }
    });
    let policy = match &h.policy {
        Some(p) => {
            let commit = Callback::new(move |(t, s): (String, bool)| {
                match PolicyField::value(&t, s) {
                    Ok(v) => set(w, i, "Policy", v),
                    Err(e) => w.edit_error.set(Some(e)),
                }
            });
            let remove = Callback::new(move |()| set(w, i, "Policy", Json::Null));
            view! {
                <PolicyEditor label="Session policy".to_string() policy=p.clone() on_commit=commit
                    on_remove=remove fold_key=format!("hop-policy:{i}")/>
            }
            .into_any()
        }
        None => view! {
            <button type="button" class="add" on:click=move |_| set(w, i, "Policy", new_policy())>"+ session policy"</button>
        }
        .into_any(),
    };
    let (open, toggle) = fold(w, format!("hop-more:{i}"));
    view! {
        <details class="hop-more" open=open on:toggle=toggle>
            <summary>"External ID, duration, source identity, claims, session policy"</summary>
            <TextField label="External ID" value=h.external_id.clone() on_commit=text_cb(w, i, "ExternalId", false) field="external-id"/>
            <TextField label="Duration (seconds)" value=h.duration.clone() on_commit=text_cb(w, i, "DurationSeconds", true) field="duration"/>
            <TextField label="Source identity" value=h.source_identity.clone() on_commit=text_cb(w, i, "SourceIdentity", false) field="source-identity"/>
            {claims}
            {policy}
        </details>
    }
}

fn hop_view(w: WorldEditor, f: &WorldForm, i: usize, h: &HopForm) -> impl IntoView {
    let apis = HOP_APIS
        .iter()
        .map(|a| view! { <option value=*a selected=*a == h.api>{*a}</option> })
        .collect_view();
    let token = h.api == "GetSessionToken";
    let mut role_choices = roles(f);
    if !token && !role_choices.iter().any(|c| c.value == h.role_arn) {
        role_choices.insert(
            0,
            crate::model::world::request::Choice {
                value: h.role_arn.clone(),
                label: if h.role_arn.is_empty() {
                    "(choose a role)".into()
                } else {
                    h.role_arn.clone()
                },
                kind: "role",
            },
        );
    }
    let role = (!token).then(|| {
        let options = role_choices
            .iter()
            .map(|c| view! { <option value=c.value.clone() selected=c.value == h.role_arn>{c.label.clone()}</option> })
            .collect_view();
        view! {
            <label class="world-field" data-field="role">
                <span class="label">"Role"</span>
                <select on:change=move |ev| set(w, i, "RoleArn", Json::String(event_target_value(&ev)))>{options}</select>
            </label>
        }
    });
    let session = (!token && !h.api.ends_with("SAML")).then(|| {
        view! { <TextField label="Session name" value=h.session_name.clone() on_commit=text_cb(w, i, "RoleSessionName", false) field="session-name"/> }
    });
    let tags_cb =
        Callback::new(move |t: Vec<(String, String)>| set(w, i, "Tags", Json::string_map(&t)));
    let transitive_cb = Callback::new(move |k: Vec<String>| {
        let kept: Vec<String> = k
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        set(w, i, "TransitiveTagKeys", Json::strings(&kept));
    });
    let mfa = h.mfa == Some(true);
    let tags = (!token).then(|| view! {
        <TagsEditor label="Session tags" tags=h.tags.clone() on_commit=tags_cb field="session-tags"/>
        <TextList label="Transitive keys" items=h.transitive.clone() on_commit=transitive_cb field="transitive" add="+ key"/>
    });
    view! {
        <li class="hop-edit" data-hop=i data-api=h.api.clone()>
            <div class="hop-edit-head">
                <span class="hop-number">{format!("Hop {}", i + 1)}</span>
                <select aria-label=format!("Hop {} operation", i + 1)
                    on:change=move |ev| set(w, i, "Api", Json::String(event_target_value(&ev)))>{apis}</select>
                <button type="button" class="remove" aria-label=format!("Remove hop {}", i + 1)
                    on:click=move |_| w.apply(|t| RequestEdit::RemoveHop(i).apply(t).map_err(|e| e.to_string()))>
                    "Remove"
                </button>
            </div>
            {role}
            {session}
            <label class="world-check" data-field="hop-mfa">
                <input type="checkbox" prop:checked=mfa
                    on:change=move |ev| set(w, i, "Mfa", if event_target_checked(&ev) { Json::Bool(true) } else { Json::Null })/>
                " passes an MFA code"
            </label>
            {tags}
            {more(w, i, h)}
        </li>
    }
}

/// The chain editor.
#[component]
pub fn Chain() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    let api = RwSignal::new("AssumeRole".to_string());
    let hops = move || {
        let f = w.form.with(|s| s.form.clone())?;
        let items = f
            .request
            .hops
            .iter()
            .enumerate()
            .map(|(i, h)| hop_view(w, &f, i, h))
            .collect_view();
        let empty = f.request.hops.is_empty().then(|| {
            view! { <p class="muted">"No STS calls: the caller makes the request with its own credentials."</p> }
        });
        Some(view! { {empty} <ol class="hop-edits">{items}</ol> })
    };
    let add = move |_| {
        let Some(f) = w.form.with_untracked(|s| s.form.clone()) else {
            return;
        };
        let first_role = roles(&f).into_iter().next().map(|c| c.value);
        let name = short_name(&f.request.principal).to_string();
        let hop = new_hop(&api.get_untracked(), first_role.as_deref(), &name);
        w.apply(|t| RequestEdit::AddHop(hop).apply(t).map_err(|e| e.to_string()));
    };
    let options = HOP_APIS
        .iter()
        .map(|a| view! { <option value=*a>{*a}</option> })
        .collect_view();
    view! {
        <div class="world-chain-edit">
            <span class="label">"Chain"</span>
            {hops}
            <div class="row">
                <select class="hop-api" aria-label="Operation of the new hop"
                    on:change=move |ev| api.set(event_target_value(&ev))>{options}</select>
                <button type="button" class="add-hop" on:click=add>"+ hop"</button>
            </div>
        </div>
    }
}
