//! Whether the request comes through a VPC endpoint (`Request.ViaVpcEndpoint`): its ids, which
//! fill `aws:SourceVpce` and `aws:SourceVpc`, and its endpoint policy (none: AWS's default,
//! which allows everything; SPEC §12.7).

use leptos::prelude::*;

use crate::features::world::editor::WorldEditor;
use crate::features::world::fields::{single_policy, TextField};
use crate::model::world::form::paths;
use crate::model::world::request::RequestEdit;

fn request_edit(w: WorldEditor, e: RequestEdit) {
    w.apply(|t| e.apply(t).map_err(|e| e.to_string()));
}

/// The endpoint section of the request builder.
#[component]
pub fn Endpoint() -> impl IntoView {
    let w = expect_context::<WorldEditor>();
    move || {
        let f = w.form.with(|s| s.form.clone())?;
        let endpoint = f.request.endpoint.clone();
        let on = endpoint.is_some();
        let fields = endpoint.map(|e| {
            let id = Callback::new(move |v| request_edit(w, RequestEdit::EndpointField("Id", v)));
            let vpc =
                Callback::new(move |v| request_edit(w, RequestEdit::EndpointField("VpcId", v)));
            let default_note = e.policy.is_none().then(|| {
                view! {
                    <p class="hint">"No endpoint policy: AWS's default one, which allows everything."</p>
                }
            });
            view! {
                <TextField label="Endpoint id (aws:SourceVpce)" value=e.id.clone() on_commit=id
                    placeholder="vpce-1a2b3c4d" field="endpoint-id"/>
                <TextField label="VPC id (aws:SourceVpc)" value=e.vpc_id.clone() on_commit=vpc
                    placeholder="vpc-111bbb22" field="endpoint-vpc"/>
                {default_note}
                {single_policy(w, "Endpoint policy", paths::endpoint().key("Policy"), e.policy.as_ref())}
            }
        });
        Some(view! {
            <div class="world-endpoint" data-field="endpoint">
                <label class="world-field">
                    <input type="checkbox" prop:checked=on
                        on:change=move |ev| request_edit(w, RequestEdit::Endpoint(event_target_checked(&ev)))/>
                    <span class="label">"Through a VPC endpoint"</span>
                </label>
                {fields}
            </div>
        })
    }
}
