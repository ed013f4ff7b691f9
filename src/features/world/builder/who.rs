//! Who makes the request: one button per user of the World, per account's root user and per
//! identity provider a trust policy names. One click switches the caller; the chain, action
//! and resource stay, so the same request can be tried as Arnav, Mary and Saanvi in turn.

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::model::world::request::{principals, RequestEdit};

/// The caller picker.
#[component]
pub fn Who() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    move || {
        let f = w.form.with(|s| s.form.clone())?;
        let current = f.request.principal.clone();
        let chips = principals(&f)
            .into_iter()
            .map(|c| {
                let pressed = c.value == current;
                let value = c.value.clone();
                view! {
                    <button type="button" class="who-chip" data-kind=c.kind
                        data-principal=c.value.clone() aria-pressed=pressed.to_string()
                        title=c.value.clone()
                        on:click=move |_| {
                            let edit = RequestEdit::Principal(value.clone());
                            w.apply(|t| edit.apply(t).map_err(|e| e.to_string()));
                        }>
                        <span class="kind">{c.kind}</span>
                        " "
                        {c.label}
                    </button>
                }
            })
            .collect_view();
        Some(view! {
            <div class="who" role="group" aria-label="Who makes the request">
                <span class="label">"Caller"</span>
                {chips}
            </div>
        })
    }
}
