//! Where a click on a trace leads: the Policies mode selects the words in its policy editors,
//! the World mode in the World editor, a pinned comparison side nowhere; and what a policy is
//! called in each. One [`Links`] value serves every trace view.

use iam_engine::Span;
use leptos::prelude::*;

use crate::store::Store;
use crate::ui::words::words;

/// The links of a mode whose traces are not of the policy editors, given as context to the
/// views other features show in it (the World mode's effective permissions).
#[derive(Clone, Copy)]
pub struct ModeLinks(pub Links);

/// Where clicks on a trace lead, and how policies are named.
#[derive(Clone, Copy)]
pub struct Links {
    /// Select a span of a policy (by its id) in the editor that holds it; `None`: no links.
    jump: Option<Callback<(String, Span)>>,
    /// The name shown for a policy id.
    name: Callback<String, String>,
}

impl Links {
    /// The Policies mode: the policy editors, documents by their names.
    pub fn editors(store: Store) -> Self {
        Self {
            jump: Some(Callback::new(move |(id, span): (String, Span)| {
                store.focus(&id, span)
            })),
            name: Callback::new(move |id: String| store.policy_name(&id)),
        }
    }

    /// The mode's links when it gives them (see [`ModeLinks`]), else the policy editors'.
    pub fn of_mode(store: Store) -> Self {
        use_context::<ModeLinks>().map_or_else(|| Self::editors(store), |m| m.0)
    }

    /// Policies that are in no editor (a pinned comparison side): no links, one name.
    pub fn none(name: &'static str) -> Self {
        Self {
            jump: None,
            name: Callback::new(move |_: String| name.to_string()),
        }
    }

    /// Any other editor: `jump` selects a span of a policy, `name` names a policy id.
    pub fn to(
        jump: impl Fn(&str, Span) + Send + Sync + 'static,
        name: impl Fn(&str) -> String + Send + Sync + 'static,
    ) -> Self {
        Self {
            jump: Some(Callback::new(move |(id, span): (String, Span)| {
                jump(&id, span)
            })),
            name: Callback::new(move |id: String| name(&id)),
        }
    }

    /// The name shown for a policy.
    pub fn name(&self, policy_id: &str) -> String {
        self.name.run(policy_id.to_string())
    }

    /// Select `span` of `policy_id` (nothing without links).
    pub fn go(&self, policy_id: &str, span: Span) {
        if let Some(j) = &self.jump {
            j.run((policy_id.to_string(), span));
        }
    }

    /// Whether clicks lead anywhere.
    pub fn live(&self) -> bool {
        self.jump.is_some()
    }

    /// One clickable step of a trace: ✔ or ✘ and a sentence; selects `span` of `policy_id`.
    pub fn step(self, policy_id: &str, span: Option<Span>, ok: bool, text: String) -> AnyView {
        let id = policy_id.to_string();
        let span = span.filter(|_| self.live());
        view! {
            <button
                type="button"
                class="span-link step"
                class:ok=ok
                class:fail=!ok
                disabled=span.is_none()
                on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(span) = span {
                        self.go(&id, span);
                    }
                }
            >
                <span class="mark" aria-hidden="true">{if ok { "✔" } else { "✘" }}</span>
                " "
                {words(&text)}
            </button>
        }
        .into_any()
    }
}
