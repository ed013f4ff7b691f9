//! The header: title, example reset, share link and theme switch, plus the notice line.

use leptos::prelude::*;

use crate::model::share;
use crate::model::state::AppState;
use crate::platform::page::{copy_text, now_seconds, page_url};
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
        let mut url = format!(
            "{}#{}",
            page_url(),
            share::with_sweep(
                store.state.with_untracked(|s| share::fragment(s, mode)),
                store.sweep_open.get_untracked()
            )
        );
        if let Some(lesson) = store.lesson.get_untracked() {
            url = format!("{url}&{lesson}");
        }
        link.set(Some(url.clone()));
        leptos::task::spawn_local(async move {
            let copied = copy_text(&url).await;
            store.notice.set(Some(if copied {
                "Link copied (aws:CurrentTime is frozen in it).".to_string()
            } else {
                "Copy the link below (aws:CurrentTime is frozen in it).".to_string()
            }));
        });
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
                    aria-label="Switch between light and dark theme"
                    on:click=move |_| store.theme.update(|t| *t = t.toggled())
                >
                    {move || if store.theme.get().as_str() == "dark" { "Light theme" } else { "Dark theme" }}
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
