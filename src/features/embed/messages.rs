//! The embed's side of the `postMessage` protocol with its host page (see the README,
//! "Embedding"):
//! - to the embed: `{type: "iam-playground:set-scenario", scenario}` (a CLI input document,
//!   object or string, with its own `Expected` or an `expected` list that replaces them),
//!   `{type: "iam-playground:get-decision"}`;
//! - from the embed: `{type: "iam-playground:decision", results, allPass, height, stale}` after
//!   every evaluation and on request, `{type: "iam-playground:resize", height}` whenever the
//!   content's height changes (a "why" opened, a policy edited, the frame made narrower),
//!   `{type: "iam-playground:error", message}` for a scenario that cannot be read.

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::model::cli_input::import;
use crate::model::exercise::check;
use crate::model::state::Expected;
use crate::platform::page::{content_height, message_field_json, message_json, post_to_parent};
use crate::store::Store;

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

/// Tell the host page the decisions (after every evaluation, and when it asks).
pub fn post_decision(store: Store) {
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
    let height = content_height();
    post_to_parent(&DecisionMessage {
        kind: "iam-playground:decision",
        results,
        all_pass,
        height,
        stale,
    });
}

/// Tell the host page the content's height (whenever it changes).
pub fn post_height(height: i32) {
    #[derive(Serialize)]
    struct ResizeMessage {
        #[serde(rename = "type")]
        kind: &'static str,
        height: i32,
    }
    post_to_parent(&ResizeMessage {
        kind: "iam-playground:resize",
        height,
    });
}

/// Tell the host page that a scenario could not be read (`LINE:COL: message` lines).
pub fn post_error(message: String) {
    #[derive(Serialize)]
    struct ErrorMessage {
        #[serde(rename = "type")]
        kind: &'static str,
        message: String,
    }
    post_to_parent(&ErrorMessage {
        kind: "iam-playground:error",
        message,
    });
}

/// Handle one message from the host page.
pub fn receive(store: Store, data: &JsValue) {
    let Some(msg) = message_json(data) else {
        return;
    };
    match msg.get("type").and_then(|t| t.as_str()) {
        Some("iam-playground:set-scenario") => {
            let doc = match msg.get("scenario") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(_) => message_field_json(data, "scenario").unwrap_or_default(),
                None => String::new(),
            };
            match import(&doc) {
                Ok(mut st) => {
                    // `expected` replaces the document's own `Expected` decisions, if any.
                    if let Some(e) = msg.get("expected") {
                        st.expected =
                            serde_json::from_value::<Vec<Expected>>(e.clone()).unwrap_or_default();
                    }
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
