//! Monaco, bound in one place: a private `extern` block over `js/monaco.js` under a typed wrapper
//! ([`Monaco`]) whose operations take Rust types and report failures as [`MonacoError`].
//!
//! Each policy document has its own Monaco model (named by its [`DocKey`]); the single editor
//! shows one model at a time, while markers and decorations live on every model.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::state::DocKey;

#[wasm_bindgen(module = "/js/monaco.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = createEditor)]
    async fn js_create_editor(host: &web_sys::HtmlElement, theme: &str)
        -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = openModel)]
    fn js_open_model(
        key: DocKey,
        text: &str,
        on_change: &OnChange,
        delay_ms: Option<u32>,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = setEditHandler)]
    fn js_set_edit_handler(key: DocKey, on_edit: &OnEdit) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = setEditDelay)]
    fn js_set_edit_delay(ms: u32);
    #[wasm_bindgen(catch, js_name = closeModel)]
    fn js_close_model(key: DocKey) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = showModel)]
    fn js_show_model(editor: &JsValue, key: DocKey) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = setText)]
    fn js_set_text(key: DocKey, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = setMarkers)]
    fn js_set_markers(key: DocKey, markers_json: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = setDecorations)]
    fn js_set_decorations(key: DocKey, kind: &str, decorations_json: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = focusRange)]
    fn js_focus_range(editor: &JsValue, key: DocKey, range_json: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = focusEditor)]
    fn js_focus_editor(editor: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = setTheme)]
    fn js_set_theme(theme: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = installHelp)]
    fn js_install_help(complete: &HelpFn, hover: &HelpFn) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = installManagedHelp)]
    fn js_install_managed_help(complete: &HelpFn, hover: &HelpFn) -> Result<(), JsValue>;
}

/// A help provider: (document text, UTF-16 offset) → JSON answer (`""` for none).
pub type HelpFn = Closure<dyn Fn(String, u32) -> String>;

/// A failure inside Monaco or its loader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonacoError(String);

impl MonacoError {
    fn from_js(v: JsValue) -> Self {
        let text = v
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| v.as_string())
            .unwrap_or_else(|| format!("{v:?}"));
        Self(text)
    }
}

impl std::fmt::Display for MonacoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "editor error: {}", self.0)
    }
}

/// A range in Monaco's coordinates (1-based lines and columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditorRange {
    /// First line.
    pub start_line_number: u32,
    /// First column.
    pub start_column: u32,
    /// Last line.
    pub end_line_number: u32,
    /// Column after the range.
    pub end_column: u32,
}

/// Marker severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MarkerSeverity {
    /// Red squiggle.
    Error,
    /// Yellow squiggle.
    Warning,
    /// Blue squiggle (suggestions).
    Info,
}

/// A diagnostic shown in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Marker {
    /// Where.
    #[serde(flatten)]
    pub range: EditorRange,
    /// What.
    pub message: String,
    /// How bad.
    pub severity: MarkerSeverity,
    /// The stable issue code (`unknown-action`, …); empty when there is none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
}

/// A highlighted range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoration {
    /// Where.
    pub range: EditorRange,
    /// CSS class of the highlight.
    pub class_name: &'static str,
    /// Hover text (markdown).
    pub hover: String,
    /// Overview-ruler colour.
    pub ruler: &'static str,
}

type OnChange = Closure<dyn FnMut(String)>;
/// (edits as `[[offset, length, text], …]` JSON, the document's UTF-16 length) → applied.
type OnEdit = Closure<dyn FnMut(String, u32) -> bool>;

/// The editor and the models of every open document.
pub struct Monaco {
    editor: JsValue,
    callbacks: RefCell<HashMap<DocKey, OnChange>>,
    edit_callbacks: RefCell<HashMap<DocKey, OnEdit>>,
}

impl Monaco {
    /// Load Monaco (from the page's own `vs/` folder) and create the editor inside `host`.
    pub async fn create(host: &web_sys::HtmlElement, theme: &str) -> Result<Self, MonacoError> {
        let editor = js_create_editor(host, theme)
            .await
            .map_err(MonacoError::from_js)?;
        Ok(Self {
            editor,
            callbacks: RefCell::new(HashMap::new()),
            edit_callbacks: RefCell::new(HashMap::new()),
        })
    }

    /// Create the model of a document; `on_change` gets the whole text `delay_ms` after the
    /// last edit, or, with `None`, after the delay [`Monaco::set_edit_delay`] last set (at
    /// first 0: at the end of the task that made the edit).
    pub fn open(
        &self,
        key: DocKey,
        text: &str,
        delay_ms: Option<u32>,
        on_change: impl FnMut(String) + 'static,
    ) -> Result<(), MonacoError> {
        let cb = OnChange::new(on_change);
        js_open_model(key, text, &cb, delay_ms).map_err(MonacoError::from_js)?;
        self.callbacks.borrow_mut().insert(key, cb);
        Ok(())
    }

    /// For a large document, `on_edit` gets the edits since the text last went (UTF-16
    /// `[[offset, length, text], …]` JSON, see `model::text_edit`) and the document's UTF-16
    /// length instead of the whole text; when it returns false (it could not apply them),
    /// `on_change` gets the whole text.
    pub fn on_edits(
        &self,
        key: DocKey,
        on_edit: impl FnMut(String, u32) -> bool + 'static,
    ) -> Result<(), MonacoError> {
        let cb = OnEdit::new(on_edit);
        js_set_edit_handler(key, &cb).map_err(MonacoError::from_js)?;
        self.edit_callbacks.borrow_mut().insert(key, cb);
        Ok(())
    }

    /// The delay between an edit and `on_change` for the models opened without their own:
    /// 0 while evaluations are fast, a debounce when they are slow.
    pub fn set_edit_delay(&self, ms: u32) {
        js_set_edit_delay(ms);
    }

    /// Dispose of a document's model.
    pub fn close(&self, key: DocKey) -> Result<(), MonacoError> {
        let r = js_close_model(key).map_err(MonacoError::from_js);
        self.callbacks.borrow_mut().remove(&key);
        self.edit_callbacks.borrow_mut().remove(&key);
        r
    }

    /// The keys of the open models.
    pub fn open_keys(&self) -> Vec<DocKey> {
        self.callbacks.borrow().keys().copied().collect()
    }

    /// Show a document in the editor.
    pub fn show(&self, key: DocKey) -> Result<(), MonacoError> {
        js_show_model(&self.editor, key).map_err(MonacoError::from_js)
    }

    /// Replace a document's text (only when it differs, so the cursor stays put otherwise).
    pub fn set_text(&self, key: DocKey, text: &str) -> Result<(), MonacoError> {
        js_set_text(key, text).map_err(MonacoError::from_js)
    }

    /// Replace the playground's markers on a document.
    pub fn set_markers(&self, key: DocKey, markers: &[Marker]) -> Result<(), MonacoError> {
        let json = serde_json::to_string(markers).map_err(|e| MonacoError(e.to_string()))?;
        js_set_markers(key, &json).map_err(MonacoError::from_js)
    }

    /// Replace one kind of decoration (`deciding`, `focus`) on a document.
    pub fn set_decorations(
        &self,
        key: DocKey,
        kind: &str,
        decorations: &[Decoration],
    ) -> Result<(), MonacoError> {
        let json = serde_json::to_string(decorations).map_err(|e| MonacoError(e.to_string()))?;
        js_set_decorations(key, kind, &json).map_err(MonacoError::from_js)
    }

    /// Show a document, select a range in it and scroll it into view.
    pub fn focus_range(&self, key: DocKey, range: EditorRange) -> Result<(), MonacoError> {
        let json = serde_json::to_string(&range).map_err(|e| MonacoError(e.to_string()))?;
        js_focus_range(&self.editor, key, &json).map_err(MonacoError::from_js)
    }

    /// Register completion and hover on the policy models; both call back into Rust. The
    /// closures live as long as the page.
    pub fn install_help(
        &self,
        complete: impl Fn(String, u32) -> String + 'static,
        hover: impl Fn(String, u32) -> String + 'static,
    ) -> Result<(), MonacoError> {
        let complete = HelpFn::new(complete);
        let hover = HelpFn::new(hover);
        js_install_help(&complete, &hover).map_err(MonacoError::from_js)?;
        complete.forget();
        hover.forget();
        Ok(())
    }

    /// Give the editor keyboard focus.
    pub fn focus(&self) -> Result<(), MonacoError> {
        js_focus_editor(&self.editor).map_err(MonacoError::from_js)
    }

    /// Install a second pair of help providers (AWS managed policy ARNs), for every editor
    /// of the page, once; same protocol as [`Monaco::install_help`].
    pub fn install_managed_help(
        &self,
        complete: impl Fn(String, u32) -> String + 'static,
        hover: impl Fn(String, u32) -> String + 'static,
    ) -> Result<(), MonacoError> {
        let complete = HelpFn::new(complete);
        let hover = HelpFn::new(hover);
        js_install_managed_help(&complete, &hover).map_err(MonacoError::from_js)?;
        complete.forget();
        hover.forget();
        Ok(())
    }

    /// Switch the editor theme (`vs` or `vs-dark`).
    pub fn set_theme(&self, theme: &str) -> Result<(), MonacoError> {
        js_set_theme(theme).map_err(MonacoError::from_js)
    }
}
