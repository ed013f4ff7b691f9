//! How the caller signed in (MFA, how long ago) and the request's own context entries (they
//! override what the World derives).

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::TextField;
use crate::model::world::form::ContextRow;
use crate::model::world::request::RequestEdit;

const TYPES: [&str; 7] = [
    "",
    "string",
    "stringList",
    "numeric",
    "boolean",
    "date",
    "ip",
];

fn context_rows(w: WorldEditor, rows: Vec<ContextRow>) -> impl IntoView {
    let rows = RwSignal::new(rows);
    let commit = move || {
        let r = rows.get_untracked();
        w.apply(|t| RequestEdit::Context(r).apply(t).map_err(|e| e.to_string()));
    };
    view! {
        <div class="world-context" data-field="context">
            <span class="label">"Context entries"</span>
            {move || rows.with(|r| r.iter().enumerate().map(|(i, row)| {
                let types = TYPES.iter().map(|t| {
                    view! { <option value=*t selected=*t == row.key_type>{if t.is_empty() { "(type)" } else { t }}</option> }
                }).collect_view();
                view! {
                    <span class="world-context-row">
                        <input type="text" class="key" spellcheck="false" placeholder="aws:SourceIp"
                            prop:value=row.key.clone() aria-label=format!("Context key {}", i + 1)
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                rows.update(|r| if let Some(x) = r.get_mut(i) { x.key = v });
                                commit();
                            }/>
                        <input type="text" class="values" spellcheck="false" placeholder="values, comma-separated"
                            prop:value=row.values.join(", ") aria-label=format!("Context values {}", i + 1)
                            on:change=move |ev| {
                                let v: Vec<String> = event_target_value(&ev).split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                                rows.update(|r| if let Some(x) = r.get_mut(i) { x.values = v });
                                commit();
                            }/>
                        <select aria-label=format!("Context type {}", i + 1) on:change=move |ev| {
                            let v = event_target_value(&ev);
                            rows.update(|r| if let Some(x) = r.get_mut(i) { x.key_type = v });
                            commit();
                        }>{types}</select>
                        <button type="button" class="remove" aria-label=format!("Remove context entry {}", i + 1)
                            on:click=move |_| { rows.update(|r| { if i < r.len() { r.remove(i); } }); commit(); }>"×"</button>
                    </span>
                }
            }).collect_view())}
            <button type="button" class="add" on:click=move |_| rows.update(|r| r.push(ContextRow::default()))>"+ context entry"</button>
        </div>
    }
}

/// Authentication and context.
#[component]
pub fn Auth() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    move || {
        let f = w.form.with(|s| s.form.clone())?;
        let req = f.request.clone();
        let mfa = match req.mfa {
            None => "",
            Some(true) => "yes",
            Some(false) => "no",
        };
        let options = [
            ("", "not given (access key, or the World's default)"),
            ("yes", "signed in with MFA"),
            ("no", "signed in without MFA"),
        ]
        .into_iter()
        .map(|(v, l)| view! { <option value=v selected=v == mfa>{l}</option> })
        .collect_view();
        let on_age = Callback::new(move |v: String| {
            w.apply(|t| RequestEdit::MfaAge(v).apply(t).map_err(|e| e.to_string()));
        });
        Some(view! {
            <div class="world-auth">
                <label class="world-field" data-field="mfa">
                    <span class="label">"MFA"</span>
                    <select on:change=move |ev| {
                        let m = match event_target_value(&ev).as_str() {
                            "yes" => Some(true),
                            "no" => Some(false),
                            _ => None,
                        };
                        w.apply(|t| RequestEdit::Mfa(m).apply(t).map_err(|e| e.to_string()));
                    }>{options}</select>
                </label>
                <TextField label="MFA age (seconds)" value=req.mfa_age.clone() on_commit=on_age
                    placeholder="e.g. 300" field="mfa-age"/>
                {context_rows(w, req.context.clone())}
            </div>
        })
    }
}
