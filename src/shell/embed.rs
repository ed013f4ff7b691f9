//! The embed page of `embed.html` (its own build, `src/bin/iam-embed.rs`): the scenario of the
//! fragment's `scenario=` (written by `public/embed.js` and the Embed tool), else the example;
//! `embed=edit` makes it editable, `theme=dark|auto` sets its colours. Links in the playground's
//! own `p1=` format open in `index.html#embed…` (the full build, which reads them).

use leptos::prelude::*;

use crate::features::embed::{Embed, Unreadable};
use crate::model::cli_input::import_policies;
use crate::model::share::{self, EmbedMode};
use crate::model::state::AppState;
use crate::platform::page;

/// Mount the embed page into the body.
pub fn mount() {
    leptos::mount::mount_to_body(|| {
        let fragment = page::fragment();
        let mode = share::embed_mode(&fragment).unwrap_or(EmbedMode::ReadOnly);
        let theme = share::embed_theme(&fragment);
        match share::scenario_text(&fragment) {
            None => view! { <Embed state=AppState::default() mode theme notice=None/> }.into_any(),
            Some(Err(e)) => {
                view! { <Unreadable text=String::new() message=e.to_string() theme/> }.into_any()
            }
            Some(Ok(text)) => match import_policies(&text) {
                Ok(state) => view! { <Embed state mode theme notice=None/> }.into_any(),
                Err(message) => view! { <Unreadable text message theme/> }.into_any(),
            },
        }
    });
}
