//! What the playground keeps in this browser's localStorage, through gloo-storage (JSON values):
//! the saved scenarios, the colour theme and the progress through lessons. gloo-storage throws when storage is blocked
//! (private windows, some embeds), so every call checks that it is there first; a blocked or
//! damaged store reads as empty.

use std::collections::BTreeMap;

use crate::model::lesson::progress::Progress;

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Saved scenarios: name → share-link fragment.
const SCENARIOS_KEY: &str = "iam-playground-scenarios";
/// The theme: `"light"` or `"dark"`.
const THEME_KEY: &str = "iam-playground-theme";
/// Progress through lessons: lesson id → progress.
const LESSONS_KEY: &str = "iam-playground-lessons";

fn available() -> bool {
    leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()
        .is_some()
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    available().then(|| LocalStorage::get(key).ok()).flatten()
}

fn save<T: Serialize>(key: &str, value: &T) -> bool {
    available() && LocalStorage::set(key, value).is_ok()
}

/// The text stored under `key` as it is (for values written before they were JSON).
fn load_raw(key: &str) -> Option<String> {
    available()
        .then(|| LocalStorage::raw().get_item(key).ok().flatten())
        .flatten()
}

/// The saved scenarios, name → share-link fragment (empty when there are none).
pub fn saved_scenarios() -> BTreeMap<String, String> {
    load(SCENARIOS_KEY).unwrap_or_default()
}

/// Replace the saved scenarios; whether the browser stored them.
pub fn save_scenarios(all: &BTreeMap<String, String>) -> bool {
    save(SCENARIOS_KEY, all)
}

/// The theme chosen earlier (`light` or `dark`), if any. Earlier versions stored the bare word
/// rather than JSON; it is read too (and stored as JSON at the next [`save_theme`]).
pub fn saved_theme() -> Option<String> {
    load::<String>(THEME_KEY).or_else(|| load_raw(THEME_KEY))
}

/// Remember the theme.
pub fn save_theme(theme: &str) {
    save(THEME_KEY, &theme);
}

/// The progress kept for the lesson `id` (none yet: the first step, nothing predicted).
pub fn lesson_progress(id: &str) -> Progress {
    load::<BTreeMap<String, Progress>>(LESSONS_KEY)
        .and_then(|mut all| all.remove(id))
        .unwrap_or_default()
}

/// Keep the progress of the lesson `id`; whether the browser stored it.
pub fn save_lesson_progress(id: &str, progress: &Progress) -> bool {
    let mut all: BTreeMap<String, Progress> = load(LESSONS_KEY).unwrap_or_default();
    all.insert(id.to_string(), progress.clone());
    save(LESSONS_KEY, &all)
}
