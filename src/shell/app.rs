//! The page: header, mode tabs, the Policies mode (tools, policy pane, request pane, result
//! pane) and the other modes, plus the named effects that keep the URL and the theme in step
//! with the state. An `#embed` fragment gets the embed page instead.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::features::editor;
use crate::features::embed::Embed;
use crate::features::policies::PolicyPane;
use crate::features::request::RequestPane;
use crate::features::result::ResultPane;
use crate::model::cli_input::import;
use crate::model::lesson::link as lesson_link;
use crate::model::share;
use crate::model::state::AppState;
use crate::platform::{page, storage, worker};
use crate::shell::header::Header;
use crate::shell::modes::{display_when, Mode, ModeTabs, ModeViews};
use crate::shell::skip::SkipLinks;
use crate::shell::tools::Tools;
use crate::store::live::StatementPager;
use crate::store::{report, Store, Theme};

/// The state a fragment holds (a scenario document, `scenario=…`, or a playground, `p1=…`),
/// else the example (with a notice when the link is damaged or was made by other versions).
pub fn initial_state(fragment: &str) -> (AppState, Option<String>) {
    if let Some(text) = share::scenario_text(fragment) {
        if let Some(world) = text.as_ref().ok().filter(|t| is_world(t)) {
            // A World scenario (a docs page's example, the embed's "Open in playground") opens
            // in the World mode, problems and all.
            let state = AppState {
                world: Some(world.clone()),
                ..AppState::default()
            };
            return (state, None);
        }
        return match text.map_err(|e| e.to_string()).and_then(|t| import(&t)) {
            Ok(state) => (state, None),
            Err(e) => (
                AppState::default(),
                Some(format!(
                    "The link's scenario could not be read ({}); the example is loaded instead",
                    e.lines().next().unwrap_or_default()
                )),
            ),
        };
    }
    match share::decode(fragment) {
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

/// Whether a scenario text is a World (`World` and `Request` members), read or not.
fn is_world(text: &str) -> bool {
    match iam_engine::scenario::parse_input(text) {
        Ok((input, _)) => matches!(input, iam_engine::Input::World(_)),
        Err(_) => crate::model::world::json::Json::parse(text)
            .is_ok_and(|j| j.get("World").is_some() && j.get("Request").is_some()),
    }
}

/// The theme chosen earlier, else the system's.
fn initial_theme() -> Theme {
    match storage::saved_theme().as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ if page::prefers_dark() => Theme::Dark,
        _ => Theme::Light,
    }
}

/// The playground.
#[component]
pub fn App() -> impl IntoView {
    let fragment = page::fragment();
    let (state, notice) = initial_state(&fragment);
    if let Some(mode) = share::embed_mode(&fragment) {
        let theme = share::embed_theme(&fragment);
        let load_managed: fn(Store) = Store::load_managed_when_needed;
        return view! { <Embed state mode theme notice load_managed/> }.into_any();
    }
    let store = Store::new(state, initial_theme());
    store.notice.set(notice);
    store.sweep_open.set(share::sweep_open(&fragment));
    store.lesson.set(lesson_link::params_in(&fragment));
    provide_context(store);

    // A lesson link, or a World scenario's, opens the World mode.
    let lesson_mode = store.lesson.get_untracked().map(|_| Mode::World);
    let world_link = share::scenario_text(&fragment)
        .is_some_and(|t| t.is_ok_and(|t| is_world(&t)))
        .then_some(Mode::World);
    let mode = RwSignal::new(
        share::mode(&fragment)
            .and_then(Mode::from_id)
            .or(lesson_mode)
            .or(world_link)
            .unwrap_or(Mode::Policies),
    );
    provide_context(mode);
    store.evaluate_large_inputs_in_the_worker();
    provide_context(StatementPager(|job, result, policy_id, from, count| {
        Box::pin(async move { worker::statements(job, result, &policy_id, from, count).await })
    }));
    keep_url_in_step(store, mode);
    apply_theme(store);
    editor::keep_in_step(store);
    store.load_managed_when_needed();

    view! {
        <SkipLinks mode/>
        <Header/>
        <ModeTabs mode/>
        <div class="mode-view" data-mode="policies"
            style:display=display_when(mode, Mode::Policies)>
            <Tools sweep_open=store.sweep_open/>
            <main class="layout">
                <PolicyPane on_host=move |host| editor::load(store, host)/>
                <RequestPane/>
                <ResultPane/>
            </main>
        </div>
        <ModeViews mode/>
    }
    .into_any()
}

/// The pause after the last change before a large state is written to the URL.
const URL_PAUSE_MS: u64 = 1000;

/// Effect: the URL fragment always holds the current state and mode, and the open lesson step
/// (so reload and copy-paste keep them): at once for small states, after a pause and packed in
/// the engine worker for large ones (the newest state wins).
fn keep_url_in_step(store: Store, mode: RwSignal<Mode>) {
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let id = mode.get().id();
        let sweep = store.sweep_open.get();
        let lesson = store.lesson.get();
        // The mode, the sweep and the lesson step after the state.
        let fragment_of = move |data: String| {
            let fragment = share::with_sweep(share::with_mode(data, id), sweep);
            match &lesson {
                Some(lesson) => format!("{fragment}&{lesson}"),
                None => fragment,
            }
        };
        latest.update_value(|n| *n += 1);
        let large = store
            .state
            .with(|s| share::text_bytes(s) > share::LARGE_STATE_BYTES);
        if !large {
            page::replace_fragment(&fragment_of(store.state.with(share::encode)));
            return;
        }
        let mine = latest.get_value();
        set_timeout(
            move || {
                if latest.get_value() != mine {
                    return;
                }
                let json = store.state.with_untracked(share::envelope_json);
                let json = String::from_utf8(json).unwrap_or_default();
                spawn_local(async move {
                    let data = match worker::pack(&json).await {
                        Ok(packed) => share::state_param(&packed),
                        // No worker: packed here, once.
                        Err(_) => store.state.with_untracked(share::encode),
                    };
                    if latest.get_value() == mine {
                        page::replace_fragment(&fragment_of(data));
                    }
                });
            },
            Duration::from_millis(URL_PAUSE_MS),
        );
    });
}

/// Effect: theme on the page, in Monaco, and remembered.
fn apply_theme(store: Store) {
    Effect::new(move |_| {
        let theme = store.theme.get();
        page::set_root_attribute("data-theme", theme.as_str());
        storage::save_theme(theme.as_str());
        if let Some(editor) = store.editor.get() {
            report(store.notice, editor.set_theme(theme.monaco()));
        }
    });
}
