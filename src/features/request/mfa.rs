//! `aws:MultiFactorAuthPresent` (yes / no / not sent) and `aws:MultiFactorAuthAge` (a slider).

use leptos::prelude::*;

use crate::features::request::fields::TriField;
use crate::store::Store;

/// `aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge` (a slider).
#[component]
pub fn Mfa() -> impl IntoView {
    let store = expect_context::<Store>();
    let age = move || store.state.with(|s| s.request.mfa_age);
    view! {
        <TriField
            label="aws:MultiFactorAuthPresent"
            get=|r| r.mfa_present
            set=|r, v| r.mfa_present = v
        />
        <div class="field mfa-age">
            <label class="label">
                <input
                    type="checkbox"
                    prop:checked=move || age().is_some()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        store.state.update(|s| s.request.mfa_age = on.then_some(s.request.mfa_age.unwrap_or(300)));
                    }
                />
                <code>"aws:MultiFactorAuthAge"</code>
            </label>
            <input
                type="range"
                min="0"
                max="7200"
                step="30"
                aria-label="Seconds since MFA sign-in"
                disabled=move || age().is_none()
                prop:value=move || age().unwrap_or(0).to_string()
                on:input=move |ev| {
                    let v = event_target_value(&ev).parse().ok();
                    store.state.update(|s| s.request.mfa_age = v);
                }
            />
            <output>{move || age().map_or("not in request".to_string(), |a| format!("{a} s"))}</output>
        </div>
    }
}
