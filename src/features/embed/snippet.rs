//! The Embed tool: the `<iframe>` HTML that embeds the current scenario, read-only or editable.

use leptos::prelude::*;

use crate::model::share::{embed_snippet, EmbedMode};
use crate::model::state::AppState;
use crate::platform::page::page_url;

/// The snippet generator: the `<iframe>` HTML for the current scenario.
#[component]
pub fn EmbedSnippet(
    /// The scenario to embed.
    state: ReadSignal<AppState>,
) -> impl IntoView {
    let editable = RwSignal::new(false);
    let html = move || {
        let base = page_url();
        let mode = if editable.get() {
            EmbedMode::Editable
        } else {
            EmbedMode::ReadOnly
        };
        state.with(|s| embed_snippet(&base, s, mode, 420))
    };
    view! {
        <div class="embed-snippet">
            <label>
                <input type="checkbox" class="embed-editable"
                    prop:checked=move || editable.get()
                    on:change=move |ev| editable.set(event_target_checked(&ev))/>
                " Editable embed"
            </label>
            <textarea class="snippet" readonly rows="4" aria-label="Embed HTML" prop:value=html></textarea>
        </div>
    }
}
