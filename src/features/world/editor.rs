//! The World editor's handle: its Monaco model key, and selecting a statement of a World
//! policy in it (trace spans point into the policy, mapped into the scenario text).

use std::rc::Rc;

use iam_engine::Span;
use leptos::prelude::*;

use crate::features::world::evaluate::Good;
use crate::platform::monaco::Monaco;
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
