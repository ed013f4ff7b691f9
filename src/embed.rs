//! Embed mode, for iframes on documentation sites: `#embed=ro&p1=…` (read-only) or
//! `#embed=edit&p1=…` (policies editable in plain text areas); `&theme=dark` for dark pages. The embed shows the scenario and
//! its decision at once, without loading the editor; an "Open in playground" link carries the
//! current state to the full page. The host page talks to it with `postMessage` (see the
//! README, "Embedding"):
//! - to the embed: `{type: "iam-playground:set-scenario", scenario}` (a CLI input document,
//!   object or string, optionally with `expected`), `{type: "iam-playground:get-decision"}`;
//! - from the embed: `{type: "iam-playground:decision", results, allPass, height}` after every
//!   evaluation and on request, `{type: "iam-playground:error", message}` for a bad scenario.

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::cli_io::import;
use crate::exercise::check;
use crate::explain;
use crate::share;
use crate::state::{AppState, Expected};
use crate::store::{Store, Theme};

/// How an embed may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Policies shown, not editable.
    ReadOnly,
    /// Policies editable in place.
    Editable,
}

/// The embed mode a fragment asks for (`None`: the full playground).
pub fn mode(fragment: &str) -> Option<Mode> {
    share::params(fragment)
        .into_iter()
        .find(|(name, _)| *name == "embed")
        .map(|(_, v)| {
            if v == "edit" {
                Mode::Editable
            } else {
                Mode::ReadOnly
            }
        })
}

/// The `<iframe>` HTML that embeds `state` (page URL without fragment as `base`).
pub fn snippet(base: &str, state: &AppState, mode: Mode, height_px: u32) -> String {
    let m = match mode {
        Mode::ReadOnly => "ro",
        Mode::Editable => "edit",
    };
    format!(
        "<iframe src=\"{base}#embed={m}&amp;{}\" title=\"IAM policy example\" width=\"100%\" \
         height=\"{height_px}\" style=\"border:1px solid #ccc;border-radius:6px\" loading=\"lazy\"></iframe>",
        share::encode(state)
    )
}

#[derive(Serialize)]
struct ResultOut {
    action: String,
    resource: String,
    decision: &'static str,
}

#[derive(Serialize)]
struct DecisionMessage {
    #[serde(rename = "type")]
    kind: &'static str,
    results: Vec<ResultOut>,
    #[serde(rename = "allPass")]
    all_pass: Option<bool>,
    height: i32,
    stale: bool,
}

fn post(value: &impl Serialize) {
    let Ok(parent) = window().parent() else {
        return;
    };
    let Some(parent) = parent else { return };
    if let Ok(text) = serde_json::to_string(value) {
        if let Ok(v) = js_sys::JSON::parse(&text) {
            let _ = parent.post_message(&v, "*");
        }
    }
}

fn post_decision(store: Store) {
    let expected = store.state.with_untracked(|s| s.expected.clone());
    let (results, stale, all_pass) = store.evaluation.with_untracked(|e| {
        let rs = e.results.as_deref().map(Vec::as_slice).unwrap_or_default();
        let out = rs
            .iter()
            .map(|r| ResultOut {
                action: r.eval_action_name.clone(),
                resource: r.eval_resource_name.clone(),
                decision: r.eval_decision.as_str(),
            })
            .collect::<Vec<_>>();
        let all = (!expected.is_empty()).then(|| check(&expected, rs).iter().all(|c| c.pass()));
        (out, e.stale, all)
    });
    // The content's own height (not the viewport's), so the host can shrink the iframe too.
    let height = document()
        .query_selector("main.embed")
        .ok()
        .flatten()
        .map(|e| e.scroll_height())
        .unwrap_or_default();
    post(&DecisionMessage {
        kind: "iam-playground:decision",
        results,
        all_pass,
        height,
        stale,
    });
}

fn post_error(message: String) {
    #[derive(Serialize)]
    struct ErrorMessage {
        #[serde(rename = "type")]
        kind: &'static str,
        message: String,
    }
    post(&ErrorMessage {
        kind: "iam-playground:error",
        message,
    });
}

/// Handle one message from the host page.
fn receive(store: Store, data: wasm_bindgen::JsValue) {
    let Some(text) = js_sys::JSON::stringify(&data)
        .ok()
        .and_then(|s| s.as_string())
    else {
        return;
    };
    let Ok(msg) = serde_json::from_str::<serde_json::Value>(&text) else {
        return;
    };
    match msg.get("type").and_then(|t| t.as_str()) {
        Some("iam-playground:set-scenario") => {
            let doc = match msg.get("scenario") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            match import(&doc) {
                Ok(mut st) => {
                    st.expected = msg
                        .get("expected")
                        .and_then(|e| serde_json::from_value::<Vec<Expected>>(e.clone()).ok())
                        .unwrap_or_default();
                    st.request.current_time = msg.get("currentTime").and_then(|t| t.as_i64());
                    store.replace(st);
                }
                Err(e) => post_error(e),
            }
        }
        Some("iam-playground:get-decision") => post_decision(store),
        _ => {}
    }
}

/// The embed page.
#[component]
pub fn Embed(
    /// The scenario to show.
    state: AppState,
    /// Read-only or editable.
    mode: Mode,
    /// A message for the reader (damaged link, other versions).
    notice: Option<String>,
) -> impl IntoView {
    let store = Store::new(state, Theme::Light);
    store.notice.set(notice);
    provide_context(store);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-embed", "");
        // `theme=dark` in the fragment matches a dark documentation site.
        let hash = window().location().hash().unwrap_or_default();
        let dark = share::params(&hash).contains(&("theme", "dark"));
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }

    Effect::new(move |_| {
        store.evaluation.track();
        store.state.track();
        post_decision(store);
    });
    let handle = window_event_listener(leptos::ev::message, move |ev| {
        let from_parent = match (ev.source(), window().parent().ok().flatten()) {
            (Some(src), Some(parent)) => js_sys::Object::is(&src, parent.unchecked_ref()),
            _ => false,
        };
        if from_parent {
            receive(store, ev.data());
        }
    });
    on_cleanup(move || handle.remove());

    let open_href = move || {
        let location = window().location();
        let base = location.pathname().unwrap_or_default();
        format!("{base}#{}", store.state.with(share::encode))
    };
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
        <main class="embed" data-mode=if mode == Mode::Editable { "edit" } else { "ro" }>
            <div class="embed-bar">
                <strong>"IAM policy"</strong>
                <a class="open-playground" href=open_href target="_blank" rel="noopener">"Open in playground ↗"</a>
            </div>
            {move || store.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <For
                each=docs
                key=|(key, _, name, _)| (*key, name.clone())
                children=move |(key, layer, name, text)| {
                    let body = if mode == Mode::Editable {
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
                        view! { <pre class="embed-policy">{text}</pre> }.into_any()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_modes_come_from_the_fragment() {
        assert_eq!(mode("#embed&p1=x"), Some(Mode::ReadOnly));
        assert_eq!(mode("#embed=ro"), Some(Mode::ReadOnly));
        assert_eq!(mode("#p1=x&embed=edit"), Some(Mode::Editable));
        assert_eq!(mode("#p1=x"), None);
        assert_eq!(mode(""), None);
    }

    #[test]
    fn the_snippet_is_an_iframe_whose_link_restores_the_state() {
        let st = AppState::default();
        let html = snippet("https://example.test/play/", &st, Mode::Editable, 480);
        assert!(html.starts_with("<iframe src=\"https://example.test/play/#embed=edit&amp;p1="));
        let frag = html
            .split('#')
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        assert_eq!(share::decode(&frag).unwrap().unwrap().state, st);
        assert_eq!(mode(&frag), Some(Mode::Editable));
    }
}
