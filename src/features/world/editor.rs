//! The World text's handle, shared by everything that edits or points into it: the JSON editor
//! (Monaco), the form and the request builder (each edit rewrites the text at one path, see
//! `model::world`), the lessons (a whole new text), and the trace (select a statement).
//! The text is the one source of truth; the form is read from it, and waits (read-only) while
//! the text is not JSON, so the user's work is never overwritten.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use iam_engine::Span;
use leptos::prelude::*;

use crate::features::world::evaluate::Good;
use crate::model::world::form::WorldForm;
use crate::platform::monaco::{Decoration, Monaco};
use crate::store::explain;

/// The Monaco model key of the World document: far above the policy documents' keys.
pub const WORLD_DOC_KEY: u32 = u32::MAX - 16;

/// The form as read from the text: the last form read, and the error while the text is not JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormState {
    /// The form of the last text that was JSON.
    pub form: Option<Arc<WorldForm>>,
    /// `LINE:COL: message` while the current text is not JSON (the form is then read-only).
    pub error: Option<String>,
}

/// The three views of the World text in the left pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The request builder.
    Request,
    /// The World form.
    World,
    /// The JSON editor.
    Json,
}

impl Pane {
    /// All, in tab order.
    pub const ALL: [Pane; 3] = [Pane::Request, Pane::World, Pane::Json];

    /// The tab's id (`data-pane`).
    pub fn id(self) -> &'static str {
        match self {
            Pane::Request => "request",
            Pane::World => "world",
            Pane::Json => "json",
        }
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Request => "Request",
            Pane::World => "World",
            Pane::Json => "JSON",
        }
    }
}

/// The World text and what edits it.
#[derive(Clone, Copy)]
pub struct WorldEditor {
    /// The World editor, once loaded.
    pub editor: RwSignal<Option<Rc<Monaco>>, LocalStorage>,
    /// The World text.
    pub text: RwSignal<String>,
    /// The form read from the text.
    pub form: Memo<FormState>,
    /// Why the last form edit was not made (a policy that is not JSON, …).
    pub edit_error: RwSignal<Option<String>>,
    /// The `<details>` of the form left open (by key), kept across the re-rendering of edits.
    pub open: RwSignal<HashSet<String>>,
    /// The view shown in the left pane.
    pub pane: RwSignal<Pane>,
}

impl WorldEditor {
    /// The handle over `text`.
    pub fn new(text: RwSignal<String>) -> Self {
        let form = Memo::new(move |prev: Option<&FormState>| {
            text.with(|t| match WorldForm::read(t) {
                Ok(f) => FormState {
                    form: Some(Arc::new(f)),
                    error: None,
                },
                Err(e) => FormState {
                    form: prev.and_then(|p| p.form.clone()),
                    error: Some(e),
                },
            })
        });
        Self {
            editor: RwSignal::new_local(None),
            text,
            form,
            edit_error: RwSignal::new(None),
            open: RwSignal::new(HashSet::new()),
            pane: RwSignal::new(Pane::Request),
        }
    }

    /// Whether the form may edit (the text is JSON).
    pub fn editable(self) -> bool {
        self.form.with(|f| f.error.is_none())
    }

    /// Replace the whole text (an example, a lesson step), in the JSON editor too.
    pub fn load(self, next: &str) {
        if self.text.with_untracked(|t| t != next) {
            self.text.set(next.to_string());
        }
        if let Some(ed) = self.editor.get_untracked() {
            let _ = ed.set_text(WORLD_DOC_KEY, next);
        }
        self.edit_error.set(None);
    }

    /// Make a form edit: the text after `edit`, or the reason it was not made (the text stays).
    pub fn apply(self, edit: impl FnOnce(&str) -> Result<String, String>) {
        let current = self.text.get_untracked();
        match edit(&current) {
            Ok(next) => self.load(&next),
            Err(e) => self.edit_error.set(Some(e)),
        }
    }

    /// Select a statement's text in the JSON editor, shown (when the result is of the current
    /// text).
    pub fn select(self, good: &Good, policy_id: &str, span: Span) {
        if self.text.with_untracked(|t| *t != good.text) {
            return;
        }
        let Some(at) = good.file_span(policy_id, span) else {
            return;
        };
        self.pane.set(Pane::Json);
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
