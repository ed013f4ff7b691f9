//! The header: title, example reset, share link and theme switch, plus the notice line.

use leptos::prelude::*;

use crate::model::share;
use crate::model::state::AppState;
use crate::platform::page::{copy_text, now_seconds, page_url};
use crate::platform::worker;
use crate::shell::modes::Mode;
use crate::store::Store;

/// The page header.
#[component]
pub fn Header() -> impl IntoView {
    let store = expect_context::<Store>();
    let link = RwSignal::new(None::<String>);

    let share_link = move |_| {
        // A shared link freezes aws:CurrentTime, so whoever opens it sees the same decision.
        store.state.update(|s| {
            if s.request.current_time.is_none() {
                s.request.current_time = Some(now_seconds());
            }
        });
        let mode = use_context::<RwSignal<Mode>>().map_or("policies", |m| m.get_untracked().id());
        let sweep = store.sweep_open.get_untracked();
        // A large state is packed in the engine worker (see `keep_url_in_step`).
        let large = store
            .state
            .with_untracked(|s| share::text_bytes(s) > share::LARGE_STATE_BYTES);
        let json = large.then(|| store.state.with_untracked(share::envelope_json));
        let lesson = store.lesson.get_untracked();
        leptos::task::spawn_local(async move {
            let packed = match json {
                Some(json) => worker::pack(&String::from_utf8_lossy(&json)).await.ok(),
                None => None,
            };
            let data = match packed {
                Some(p) => share::state_param(&p),
                None => store.state.with_untracked(share::encode),
            };
            let mut url = format!(
                "{}#{}",
                page_url(),
                share::with_sweep(share::with_mode(data, mode), sweep)
            );
            if let Some(lesson) = lesson {
                url = format!("{url}&{lesson}");
            }
            link.set(Some(url.clone()));
            let copied = copy_text(&url).await;
            store.notice.set(Some(if copied {
                "Link copied (aws:CurrentTime is frozen in it).".to_string()
            } else {
                "Copy the link below (aws:CurrentTime is frozen in it).".to_string()
            }));
        });
    };

    let other_theme = move || {
        if store.theme.get().as_str() == "dark" {
            "Light theme"
        } else {
            "Dark theme"
        }
    };

    view! {
        <header class="topbar">
            <h1>"IAM Policy Playground"</h1>
            <p class="tagline">"Evaluated in your browser; nothing leaves this page."</p>
            <nav class="actions" aria-label="Playground">
                <button type="button" on:click=move |_| store.replace(AppState::default())>
                    "Load example"
                </button>
                <button type="button" on:click=share_link>"Share link"</button>
                <button
                    type="button"
                    // The visible words first in the name (what speech input users say).
                    aria-label=move || format!("{}: Switch between light and dark theme", other_theme())
                    on:click=move |_| store.theme.update(|t| *t = t.toggled())
                >
                    {other_theme}
                </button>
            </nav>
        </header>
        <Show when=move || store.notice.get().is_some() || link.get().is_some()>
            <div class="notice" role="status">
                <span>{move || store.notice.get()}</span>
                {move || {
                    link.get()
                        .map(|url| {
                            view! {
                                <input class="share-url" readonly aria-label="Share link" prop:value=url/>
                            }
                        })
                }}
                <button
                    type="button"
                    class="link"
                    on:click=move |_| {
                        store.notice.set(None);
                        link.set(None);
                    }
                >
                    "Dismiss"
                </button>
            </div>
        </Show>
    }
}
