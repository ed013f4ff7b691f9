//! Embed mode, for iframes on documentation sites: `#embed=ro&p1=…` (read-only) or
//! `#embed=edit&p1=…` (policies editable in plain text areas); `&theme=dark` for dark pages. The
//! embed shows the scenario and its decision at once, without loading the editor; an "Open in
//! playground" link carries the current state to the full page. The host page talks to it
//! with `postMessage`. The Embed tool of the full page writes the `<iframe>` HTML.
//!
//! - `messages`: the `postMessage` protocol with the host page
//! - `snippet`: the Embed tool (the `<iframe>` HTML)

mod messages;
mod snippet;

use leptos::prelude::*;

use crate::model::exercise::check;
use crate::model::share::{self, EmbedMode};
use crate::model::state::AppState;
use crate::platform::page::{fragment, from_parent, page_path, set_root_attribute};
use crate::store::{explain, Store, Theme};
use messages::{post_decision, receive};

pub use snippet::EmbedSnippet;

/// The embed page.
#[component]
pub fn Embed(
    /// The scenario to show.
    state: AppState,
    /// Read-only or editable.
    mode: EmbedMode,
    /// A message for the reader (damaged link, other versions).
    notice: Option<String>,
) -> impl IntoView {
    let store = Store::new(state, Theme::Light);
    store.notice.set(notice);
    store.evaluate_large_inputs_in_the_worker();
    provide_context(store);
    store.load_managed_when_needed();
    set_root_attribute("data-embed", "");
    // `theme=dark` in the fragment matches a dark documentation site.
    let dark = share::dark_theme(&fragment());
    set_root_attribute("data-theme", if dark { "dark" } else { "light" });

    Effect::new(move |_| {
        store.state.track();
        store.evaluation.track();
        // A large input evaluated in the worker: its decision is posted when it comes.
        if !store.pending.get() {
            post_decision(store);
        }
    });
    let handle = window_event_listener(leptos::ev::message, move |ev| {
        if from_parent(&ev) {
            receive(store, &ev.data());
        }
    });
    on_cleanup(move || handle.remove());

    let open_href = move || format!("{}#{}", page_path(), store.state.with(share::encode));
    let docs = move || {
        store.state.with(|s| {
            s.docs
                .iter()
                .map(|d| (d.key, d.layer, d.name.clone(), d.text.clone()))
                .collect::<Vec<_>>()
        })
    };
    let request = move || {
        store.state.with(|s| {
            let r = &s.request;
            let caller = if r.caller_arn.is_empty() {
                "(no caller)".to_string()
            } else {
                r.caller_arn.clone()
            };
            (caller, r.actions.clone(), r.resources.clone())
        })
    };
    let decisions = move || {
        let expected = store.state.with(|s| s.expected.clone());
        store.evaluation.with(|e| {
            let rs = e.results.as_deref().map(Vec::as_slice).unwrap_or_default();
            let checks = check(&expected, rs);
            rs.iter()
                .map(|r| {
                    let pass = checks
                        .iter()
                        .find(|c| c.expected.action == r.eval_action_name && c.expected.resource == r.eval_resource_name)
                        .map(|c| c.pass());
                    let mark = match pass {
                        Some(true) => "✓",
                        Some(false) => "✗",
                        None => "",
                    };
                    view! {
                        <li class="embed-decision" data-pass=pass.map(|p| p.to_string())>
                            <span class="badge" data-decision=explain::decision_class(r.eval_decision)>
                                {explain::decision_label(r.eval_decision)}
                            </span>
                            " "<code>{r.eval_action_name.clone()}</code>" on "<code>{r.eval_resource_name.clone()}</code>
                            " "<span class="check-mark">{mark}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let problems = move || {
        store.evaluation.with(|e| {
            e.diagnostics
                .iter()
                .filter(|d| d.is_error())
                .take(3)
                .map(|d| view! { <li class="error">{explain::diagnostic_line(d)}</li> })
                .collect_view()
        })
    };
    view! {
        <main class="embed" data-mode=if mode == EmbedMode::Editable { "edit" } else { "ro" }>
            <div class="embed-bar">
                <strong>"IAM policy"</strong>
                <a class="open-playground" href=open_href target="_blank" rel="noopener">"Open in playground ↗"</a>
            </div>
            {move || store.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <For
                each=docs
                key=|(key, _, name, _)| (*key, name.clone())
                children=move |(key, layer, name, text)| {
                    let body = if mode == EmbedMode::Editable {
                        view! {
                            <textarea class="embed-policy" spellcheck="false" aria-label=name.clone()
                                rows=text.lines().count().clamp(3, 24)
                                prop:value=text
                                on:input=move |ev| {
                                    let t = event_target_value(&ev);
                                    store.state.update(|s| { s.set_text(key, &t); });
                                }></textarea>
                        }.into_any()
                    } else {
                        // Focusable, so a long policy can be scrolled with the keyboard.
                        view! { <pre class="embed-policy" tabindex="0" role="region" aria-label=name.clone()>{text}</pre> }.into_any()
                    };
                    view! {
                        <section class="embed-doc">
                            <h2>{layer.title()}": "{name}</h2>
                            {body}
                        </section>
                    }
                }
            />
            <p class="embed-request">
                {move || {
                    let (caller, actions, resources) = request();
                    view! { <code>{caller}</code>" calls "<code>{actions}</code>" on "<code>{resources}</code> }
                }}
            </p>
            <ul class="problems">{problems}</ul>
            <ul class="embed-decisions" aria-label="Decisions" aria-live="polite">{decisions}</ul>
        </main>
    }
}
