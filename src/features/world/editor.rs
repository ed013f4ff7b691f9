//! The World editor's handle: its Monaco model key, and selecting a statement of a World
//! policy in it (trace spans point into the policy, mapped into the scenario text).

use std::rc::Rc;

use iam_engine::Span;
use leptos::prelude::*;

use crate::features::world::evaluate::Good;
use crate::platform::monaco::{Decoration, Monaco};
use crate::store::explain;

/// The Monaco model key of the World document: far above the policy documents' keys.
pub const WORLD_DOC_KEY: u32 = u32::MAX - 16;
/// What a click on a statement of a World trace needs: the editor, and the text it holds.
#[derive(Clone, Copy)]
pub struct WorldEditor {
    /// The World editor, once loaded.
    pub editor: RwSignal<Option<Rc<Monaco>>, LocalStorage>,
    /// The World text.
    pub text: RwSignal<String>,
}

impl WorldEditor {
    /// Select a statement's text in the World editor (when the result is of the current text).
    pub fn select(self, good: &Good, policy_id: &str, span: Span) {
        if self.text.with_untracked(|t| *t != good.text) {
            return;
        }
        let Some(at) = good.file_span(policy_id, span) else {
            return;
        };
        if let Some(ed) = self.editor.get_untracked() {
            let _ = ed.focus_range(WORLD_DOC_KEY, explain::range_of(&at));
        }
    }
}

/// The statements that decided the first request of a World, as highlights in the World text
/// (none while its answer is hidden until predicted).
pub fn deciding_decorations(good: &Good, hidden: bool) -> Vec<Decoration> {
    let Some(r) = good.results.first().filter(|_| !hidden) else {
        return Vec::new();
    };
    let (class_name, ruler, verb) = match r.eval_decision {
        iam_engine::EvalDecision::ExplicitDeny => ("deciding-deny", "#d03b3b", "denies"),
        _ => ("deciding-allow", "#2e9d57", "allows"),
    };
    r.matched_statements
        .iter()
        .filter_map(|m| {
            let at = good.file_span(&m.source_policy_id, m.span)?;
            Some(Decoration {
                range: explain::range_of(&at),
                class_name,
                hover: format!(
                    "This statement {verb} `{}` on `{}`",
                    r.eval_action_name, r.eval_resource_name
                ),
                ruler,
            })
        })
        .collect()
}
