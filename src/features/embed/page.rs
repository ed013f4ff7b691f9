//! The embed page: the scenario's policies (read-only, or editable in plain text areas), the
//! request and the context it carried, and a decision per (action, resource), each with a
//! collapsed "Why?" holding the app's trace view. No editor, no catalog, no World mode: this is
//! what `embed.html` (its own small build) and the playground's `#embed` links show.

use leptos::prelude::*;

use crate::features::embed::context::RequestContext;
use crate::features::embed::messages::{post_decision, post_error, post_height, receive};
use crate::features::result::links::Links;
use crate::features::result::trace_view::trace_tree;
use crate::model::cli_input::export_json;
use crate::model::exercise::check;
use crate::model::share::{playground_url, EmbedMode, EmbedTheme};
use crate::model::state::AppState;
use crate::platform::page::{from_parent, on_content_resize, prefers_dark, set_root_attribute};
use crate::store::{explain, Store};
use crate::ui::details::details_open;
use crate::ui::words::words;

/// Mark the page as an embed in `theme`, and tell the host page its height whenever it changes.
fn set_up_page(theme: EmbedTheme) {
    set_root_attribute("data-embed", "");
    let dark = match theme {
        EmbedTheme::Dark => true,
        EmbedTheme::Auto => prefers_dark(),
        EmbedTheme::Light => false,
    };
    set_root_attribute("data-theme", if dark { "dark" } else { "light" });
    on_content_resize(post_height);
}

/// What an embed says while the AWS managed policies a document names load.
const MANAGED_LOADING: &str = "Loading the AWS managed policies this example names…";
/// What the embed's own build says instead: it does not load them (the data is ~0.44 MB gzip).
const MANAGED_NOT_HERE: &str =
    "A policy names an AWS managed policy, which this embed does not load: paste the policy's document instead.";

/// The bar above an embed: what it is, and the link to the full playground.
fn bar(href: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="embed-bar">
            <strong>"IAM policy example"</strong>
            <a class="open-playground" href=href target="_blank" rel="noopener">
                "Open in playground"<span aria-hidden="true">" ↗"</span>
            </a>
        </div>
    }
}

/// The embed page.
#[component]
pub fn Embed(
    /// The scenario to show.
    state: AppState,
    /// Read-only or editable.
    mode: EmbedMode,
    /// Light, dark or the reader's system setting.
    #[prop(default = EmbedTheme::Light)]
    theme: EmbedTheme,
    /// A message for the reader (damaged link, other versions).
    notice: Option<String>,
    /// How to load the AWS managed policies a document names (the playground's build:
    /// `Store::load_managed_when_needed`). Without it (the embed's own small build, which links
    /// no loader) such a document is not evaluated, and the embed says why.
    #[prop(optional)]
    load_managed: Option<fn(Store)>,
) -> impl IntoView {
    let store = Store::page_only(state);
    store.notice.set(notice);
    provide_context(store);
    let loads_managed = load_managed.is_some();
    if let Some(load) = load_managed {
        load(store);
    }
    set_up_page(theme);

    Effect::new(move |_| {
        store.evaluation.track();
        store.state.track();
        // An input evaluated in a worker: its decision is posted when it comes.
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

    let open_href = move || store.state.with(|s| playground_url("./", &export_json(s)));
    // The documents shown: drawn again only when the list changes (a new scenario), not as the
    // reader types (an editable text area keeps its text and focus).
    let docs = Memo::new(move |_| {
        store.state.with(|s| {
            s.docs
                .iter()
                .map(|d| (d.key, d.layer, d.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let text_of = move |key| {
        store
            .state
            .with_untracked(|s| s.doc(key).map(|d| d.text.clone()))
            .unwrap_or_default()
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
    let stale = move || store.evaluation.with(|e| e.stale);
    view! {
        <main class="embed" data-mode=mode.id()>
            {bar(open_href)}
            {move || store.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || docs.get().into_iter().map(|(key, layer, name)| {
                let text = text_of(key);
                let label = format!("{}: {name}", layer.title());
                let body = if mode == EmbedMode::Editable {
                    view! {
                        <textarea class="embed-policy" spellcheck="false" aria-label=label
                            rows=text.lines().count() + 1
                            prop:value=text
                            on:input=move |ev| {
                                let t = event_target_value(&ev);
                                store.state.update(|s| { s.set_text(key, &t); });
                            }></textarea>
                    }.into_any()
                } else {
                    view! { <pre class="embed-policy" tabindex="0" aria-label=label>{text}</pre> }.into_any()
                };
                view! {
                    <section class="embed-doc">
                        <h2>{layer.title()}": "{name}</h2>
                        {body}
                    </section>
                }
            }).collect_view()}
            <p class="embed-request">
                {move || {
                    let (caller, actions, resources) = request();
                    view! { <code>{caller}</code>" calls "<code>{actions}</code>" on "<code>{resources}</code> }
                }}
            </p>
            <Problems loads_managed/>
            <div class="embed-results" class:stale=stale>
                <RequestContext/>
                <Decisions/>
            </div>
        </main>
    }
}

/// The input's errors (at most three) and, when the decisions shown are the last good ones, a
/// note saying so; while a document names an AWS managed policy that is not there, why.
#[component]
fn Problems(
    /// Whether the AWS managed policies are loaded when a document names one.
    loads_managed: bool,
) -> impl IntoView {
    let store = expect_context::<Store>();
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
    // One note at a time, drawn again only when it changes (a memo, as `Show` would).
    let note = Memo::new(move |_| {
        store.evaluation.with(|e| {
            if e.waiting {
                Some(if loads_managed {
                    MANAGED_LOADING
                } else {
                    MANAGED_NOT_HERE
                })
            } else if e.stale && e.results.is_some() {
                Some("The input has an error, so the decisions below are the last good ones.")
            } else {
                None
            }
        })
    });
    view! {
        {move || note.get().map(|text| view! { <p class="stale-note" role="status">{text}</p> })}
        <ul class="problems">{problems}</ul>
    }
}

/// A decision per (action, resource), with its expectation's mark and a collapsed "Why?".
#[component]
fn Decisions() -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = move || {
        let expected = store.state.with(|s| s.expected.clone());
        store.evaluation.with(|e| {
            let rs = e.results.as_deref().map(Vec::as_slice).unwrap_or_default();
            let checks = check(&expected, rs);
            rs.iter()
                .enumerate()
                .map(|(i, r)| {
                    let pass = checks
                        .iter()
                        .find(|c| {
                            c.expected.action == r.eval_action_name
                                && c.expected.resource == r.eval_resource_name
                        })
                        .map(|c| c.pass());
                    let (mark, mark_label) = match pass {
                        Some(true) => ("✓", "as expected"),
                        Some(false) => ("✗", "not as expected"),
                        None => ("", ""),
                    };
                    let label = explain::decision_label(r.eval_decision);
                    view! {
                        <li class="embed-decision" data-pass=pass.map(|p| p.to_string())>
                            <span class="badge" data-decision=explain::decision_class(r.eval_decision)>{label}</span>
                            " "<code>{r.eval_action_name.clone()}</code>" on "<code>{r.eval_resource_name.clone()}</code>
                            " "<span class="check-mark" title=mark_label>{mark}</span>
                            {(!mark_label.is_empty()).then(|| view! { <span class="visually-hidden">{mark_label}</span> })}
                            <Why index=i/>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="embed-decisions" aria-label="Decisions" aria-live="polite">{rows}</ul> }
}

/// "Why?": the trace of result `index`, built only while open.
#[component]
fn Why(index: usize) -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let trace = move || {
        store.evaluation.with(|e| {
            let r = e.results.as_ref().and_then(|r| r.get(index))?;
            Some((r.trace.clone()?, r.matched_statements.clone()))
        })
    };
    view! {
        <details class="why trace" on:toggle=move |ev| open.set(details_open(&ev))>
            <summary>"Why?"</summary>
            {move || open.get().then(|| trace().map(|(t, matched)| trace_tree(Links::named(store), &t, &matched)))}
        </details>
    }
}

/// A scenario that could not be read: the reader sees why and the text itself.
#[component]
pub fn Unreadable(
    /// The scenario text as the page gave it.
    text: String,
    /// Why it could not be read (`LINE:COL: message` lines).
    message: String,
    /// Light, dark or the reader's system setting.
    theme: EmbedTheme,
) -> impl IntoView {
    set_up_page(theme);
    post_error(message.clone());
    // The playground opens the example itself (a World scenario in its World mode).
    let open = if text.is_empty() {
        "./".to_string()
    } else {
        format!("./#{}", crate::model::share::scenario_param(&text))
    };
    view! {
        <main class="embed" data-mode="error">
            {bar(move || open.clone())}
            <p class="stale-note" role="alert">"This example could not be read:"</p>
            <ul class="problems">{message.lines().map(|l| view! { <li class="error">{words(&format!("`{l}`"))}</li> }).collect_view()}</ul>
            <pre class="embed-policy" tabindex="0" aria-label="The example as written">{text}</pre>
        </main>
    }
}
