//! The page: header, policy pane, request pane and result pane, plus the named effects that keep
//! the URL, the theme and the editor (models, markers, highlights) in step with the state.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::embed::{self, Embed};
use crate::explain;
use crate::header::Header;
use crate::modes::Mode;
use crate::monaco::Monaco;
use crate::policies::PolicyPane;
use crate::request::RequestPane;
use crate::result::ResultPane;
use crate::share;
use crate::state::AppState;
use crate::store::{report, Store, Theme, EDIT_DEBOUNCE_MS};
use crate::tools::Tools;

const THEME_KEY: &str = "iam-playground-theme";

fn initial_state() -> (AppState, Option<String>) {
    let hash = window().location().hash().unwrap_or_default();
    match share::decode(&hash) {
        Ok(Some(s)) => {
            let notice = s.version_notice();
            (s.state, notice)
        }
        Ok(None) => (AppState::default(), None),
        Err(e) => (
            AppState::default(),
            Some(format!("{e}; the example is loaded instead")),
        ),
    }
}

fn initial_theme() -> Theme {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    match stored.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = window()
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// The playground.
#[component]
pub fn App() -> impl IntoView {
    let (state, notice) = initial_state();
    let hash = window().location().hash().unwrap_or_default();
    if let Some(mode) = embed::mode(&hash) {
        return view! { <Embed state mode notice/> }.into_any();
    }
    let store = Store::new(state, initial_theme());
    store.notice.set(notice);
    provide_context(store);

    let mode = RwSignal::new(
        share::mode(&hash)
            .and_then(Mode::from_id)
            .unwrap_or(Mode::Policies),
    );
    provide_context(mode);
    let sweep = SweepOpen(RwSignal::new(share::sweep_open(&hash)));
    provide_context(sweep);
    keep_url_in_step(store, mode, sweep);
    apply_theme(store);
    let models = sync_editor_models(store);
    show_selected_document(store, models);
    let catalog = crate::catalog_loader::provide(store);
    crate::lint_view::show_markers(store, models, catalog);
    crate::lint_view::install_help(store, catalog);
    highlight_deciding_statements(store, models);

    view! {
        <Header/>
        <crate::modes::ModeTabs mode/>
        <div class="mode-view" data-mode="policies"
            style:display=crate::modes::display_when(mode, Mode::Policies)>
            <Tools/>
            <main class="layout">
                <PolicyPane on_host=move |host| load_editor(store, host)/>
                <RequestPane/>
                <ResultPane/>
            </main>
        </div>
        <crate::modes::ModeViews mode/>
    }
    .into_any()
}

/// Load Monaco into the editor host once it is in the page.
fn load_editor(store: Store, host: web_sys::HtmlElement) {
    spawn_local(async move {
        match Monaco::create(&host, store.theme.get_untracked().monaco()).await {
            Ok(m) => store.editor.set(Some(Rc::new(m))),
            Err(e) => store.notice.set(Some(format!(
                "{e}; the policies cannot be edited, results still work"
            ))),
        }
    });
}

/// Effect: the URL fragment always holds the current state and mode (so reload and copy-paste
/// keep them).
fn keep_url_in_step(store: Store, mode: RwSignal<Mode>, sweep: SweepOpen) {
    Effect::new(move |_| {
        let id = mode.get().id();
        let fragment =
            share::with_sweep(store.state.with(|s| share::fragment(s, id)), sweep.0.get());
        let url = format!("#{fragment}");
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    });
}

/// Whether the Effective permissions section is open (kept in the URL, `t=sweep`).
#[derive(Clone, Copy)]
pub struct SweepOpen(pub RwSignal<bool>);

/// Effect: theme on the page, in Monaco, and remembered.
fn apply_theme(store: Store) {
    Effect::new(move |_| {
        let theme = store.theme.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.as_str());
        }
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(THEME_KEY, theme.as_str());
        }
        if let Some(editor) = store.editor.get() {
            report(store.notice, editor.set_theme(theme.monaco()));
        }
    });
}

/// Effect: one Monaco model per document; edits flow back into the state (debounced). The
/// returned signal changes whenever models were opened or closed, so the effects that show
/// things on models run after them.
fn sync_editor_models(store: Store) -> ReadSignal<u32> {
    let (models, set_models) = signal(0u32);
    // Only the set of documents matters here, not every keystroke in them.
    let keys = Memo::new(move |_| {
        store
            .state
            .with(|s| s.docs.iter().map(|d| d.key).collect::<Vec<_>>())
    });
    Effect::new(move |_| {
        let Some(editor) = store.editor.get() else {
            return;
        };
        let keys = keys.get();
        let open = editor.open_keys();
        for key in open.iter().filter(|k| !keys.contains(k)) {
            report(store.notice, editor.close(*key));
        }
        for key in keys.iter().copied().filter(|k| !open.contains(k)) {
            let state = store.state;
            let text = state.with_untracked(|s| s.doc(key).map(|d| d.text.clone()));
            let text = text.unwrap_or_default();
            let r = editor.open(key, &text, EDIT_DEBOUNCE_MS, move |text: String| {
                let changed = state.with_untracked(|s| s.doc(key).is_some_and(|d| d.text != text));
                if changed {
                    state.update(|s| {
                        s.set_text(key, &text);
                    });
                }
            });
            report(store.notice, r);
        }
        set_models.update(|n| *n = n.wrapping_add(1));
    });
    models
}

/// Effect: the editor shows the selected document.
fn show_selected_document(store: Store, models: ReadSignal<u32>) {
    Effect::new(move |_| {
        models.track();
        let (Some(editor), Some(key)) = (store.editor.get(), store.selected.get()) else {
            return;
        };
        report(store.notice, editor.show(key));
    });
}

/// Effect: the statements that decided the shown result are highlighted without a click.
fn highlight_deciding_statements(store: Store, models: ReadSignal<u32>) {
    Effect::new(move |_| {
        models.track();
        let Some(editor) = store.editor.get() else {
            return;
        };
        // Positions of a stale result may no longer match the edited text: no highlight then.
        let stale = store.evaluation.with(|e| e.stale);
        let result = store.current_result().filter(|_| !stale);
        let per_doc = store
            .built
            .with(|b| explain::deciding_decorations(result.as_ref(), b));
        for (key, decorations) in per_doc {
            report(
                store.notice,
                editor.set_decorations(key, "deciding", &decorations),
            );
        }
    });
}
