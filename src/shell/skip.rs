//! The skip links: the first things Tab reaches, hidden until focused, to jump past the header
//! and the tools bar to the parts of the page shown (the policy editor, the request, the result;
//! in the other modes, their content). They move focus without touching the URL fragment,
//! which holds the playground.

use leptos::prelude::*;

use crate::platform::page::focus_first;
use crate::shell::modes::Mode;
use crate::store::Store;

/// One skip link: moves focus to the first element `selector` matches.
fn link(label: &'static str, selector: &'static str, editor: bool) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <a class="skip-link" href="#" on:click=move |ev| {
            ev.prevent_default();
            // The policy editor itself once Monaco is up, else its pane.
            let focused = editor && store.editor.get_untracked().is_some_and(|e| e.focus().is_ok());
            if !focused {
                focus_first(selector);
            }
        }>{label}</a>
    }
}

/// The skip links of the mode shown.
#[component]
pub fn SkipLinks(
    /// The mode shown.
    mode: RwSignal<Mode>,
) -> impl IntoView {
    view! {
        <nav class="skip-links" aria-label="Skip links">
            {move || match mode.get() {
                Mode::Policies => view! {
                    {link("Skip to the policy editor", "#policies-pane", true)}
                    {link("Skip to the request", "#request-pane", false)}
                    {link("Skip to the result", "#result-pane", false)}
                }
                .into_any(),
                Mode::World => link("Skip to the World", ".mode-view[data-mode=world] .pane", false).into_any(),
                Mode::Password => {
                    link("Skip to the password policy", ".mode-view[data-mode=password] .pane", false).into_any()
                }
            }}
        </nav>
    }
}
