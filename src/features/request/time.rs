//! `aws:CurrentTime`: the live clock, or a frozen instant (always frozen in a shared link).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::platform::page::now_seconds;
use crate::store::Store;

fn iso(epoch: i64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(epoch as f64 * 1000.0));
    String::from(d.to_iso_string())
}

/// `aws:CurrentTime`: the live clock, or a frozen instant (always frozen in a shared link).
#[component]
pub fn CurrentTime() -> impl IntoView {
    let store = expect_context::<Store>();
    let frozen = move || store.state.with(|s| s.request.current_time);
    view! {
        <div class="field">
            <span class="label"><code>"aws:CurrentTime"</code></span>
            <div class="inline">
                <input
                    type="text"
                    aria-label="aws:CurrentTime"
                    placeholder="now (live clock)"
                    prop:value=move || frozen().map(iso).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let t = v.trim();
                        if t.is_empty() {
                            store.state.update(|s| s.request.current_time = None);
                            return;
                        }
                        let ms = js_sys::Date::parse(t);
                        if ms.is_nan() {
                            store.notice.set(Some(format!("`{t}` is not a date and time")));
                        } else {
                            store.state.update(|s| s.request.current_time = Some((ms / 1000.0) as i64));
                        }
                    }
                />
                {move || {
                    if frozen().is_some() {
                        view! {
                            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.current_time = None)>
                                "Use live clock"
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="link" on:click=move |_| store.state.update(|s| s.request.current_time = Some(now_seconds()))>
                                "Freeze"
                            </button>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
    }
}
