//! The Embed tool's live preview: the embed page of this site in an iframe at the chosen width,
//! loaded once per mode and theme and then kept in step with `postMessage` (the host protocol
//! every docs page may use), its height taken from the embed's own messages.

use leptos::html::Iframe;
use leptos::prelude::*;
use serde::Serialize;

use crate::model::share::{embed_url, EmbedMode, EmbedTheme};
use crate::platform::page::{from_frame, message_json, post_to_frame};

#[derive(Serialize)]
struct SetScenario<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    scenario: &'a str,
}

/// The preview of the embed of `text`.
#[component]
pub fn Preview(
    /// The scenario document shown.
    text: Memo<String>,
    /// Read-only or editable.
    mode: Signal<EmbedMode>,
    /// Colours.
    theme: Signal<EmbedTheme>,
    /// The frame's CSS width (`480px`, `100%`).
    width: Signal<String>,
    /// The embed's content height, as it reports it (the iframe snippet uses it too).
    height: RwSignal<i32>,
) -> impl IntoView {
    let frame = NodeRef::<Iframe>::new();
    // The text the frame shows (given in its address, or posted since), and whether its page
    // has loaded (it has spoken): a message posted before would be lost.
    let shown = StoredValue::new(String::new());
    let loaded = StoredValue::new(false);
    let send = move |t: String| {
        if let Some(f) = frame.get_untracked() {
            post_to_frame(
                &f,
                &SetScenario {
                    kind: "iam-playground:set-scenario",
                    scenario: &t,
                },
            );
            shown.set_value(t);
        }
    };
    let src = move || {
        let t = text.get_untracked();
        shown.set_value(t.clone());
        loaded.set_value(false);
        embed_url("", &t, mode.get(), theme.get())
    };
    Effect::new(move |_| {
        let t = text.get();
        if loaded.get_value() && shown.with_value(|s| *s != t) {
            send(t);
        }
    });
    let handle = window_event_listener(leptos::ev::message, move |ev| {
        let Some(f) = frame.get_untracked() else {
            return;
        };
        if !from_frame(&ev, &f) {
            return;
        }
        loaded.set_value(true);
        if let Some(h) = message_json(&ev.data())
            .and_then(|m| m.get("height").and_then(|h| h.as_i64()))
            .filter(|h| *h > 0)
        {
            height.set(i32::try_from(h).unwrap_or(i32::MAX));
        }
        // An edit made while the frame was loading.
        let t = text.get_untracked();
        if shown.with_value(|s| *s != t) {
            send(t);
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <div class="embed-preview">
            <iframe node_ref=frame class="embed-preview-frame" src=src title="Preview of the embed"
                style:width=move || width.get()
                style:height=move || format!("{}px", height.get())></iframe>
        </div>
    }
}
