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
use wasm_bindgen::JsValue;

use crate::model::cli_input::import_policies;
use crate::model::exercise::check;
use crate::model::state::Expected;
use crate::platform::page::{
    content_height, js_field, js_object, message_field_json, post_to_parent,
};
use crate::store::Store;

/// Tell the host page the decisions (after every evaluation, and when it asks).
pub fn post_decision(store: Store) {
    let expected = store.state.with_untracked(|s| s.expected.clone());
    let (results, stale, all_pass) = store.evaluation.with_untracked(|e| {
        let rs = e.results.as_deref().map(Vec::as_slice).unwrap_or_default();
        let out = rs
            .iter()
            .map(|r| {
                js_object(&[
                    ("action", JsValue::from_str(&r.eval_action_name)),
                    ("resource", JsValue::from_str(&r.eval_resource_name)),
                    ("decision", JsValue::from_str(r.eval_decision.as_str())),
                ])
            })
            .collect::<js_sys::Array>();
        let all = (!expected.is_empty()).then(|| check(&expected, rs).iter().all(|c| c.pass()));
        (out, e.stale, all)
    });
    // The content's own height (not the viewport's), so the host can shrink the iframe too.
    let height = content_height();
    post_to_parent(&js_object(&[
        ("type", JsValue::from_str("iam-playground:decision")),
        ("results", results.into()),
        (
            "allPass",
            all_pass.map_or(JsValue::NULL, JsValue::from_bool),
        ),
        ("height", JsValue::from(height)),
        ("stale", JsValue::from_bool(stale)),
    ]));
}

/// Tell the host page the content's height (whenever it changes).
pub fn post_height(height: i32) {
    post_to_parent(&js_object(&[
        ("type", JsValue::from_str("iam-playground:resize")),
        ("height", JsValue::from(height)),
    ]));
}

/// Tell the host page that a scenario could not be read (`LINE:COL: message` lines).
pub fn post_error(message: String) {
    post_to_parent(&js_object(&[
        ("type", JsValue::from_str("iam-playground:error")),
        ("message", JsValue::from_str(&message)),
    ]));
}

/// `expected` of a message: every entry with string `action`, `resource` and `decision`, else
/// none at all (a list the embed cannot read checks nothing).
fn read_expected(value: &JsValue) -> Vec<Expected> {
    if !js_sys::Array::is_array(value) {
        return Vec::new();
    }
    let text = |e: &JsValue, name: &str| js_field(e, name).and_then(|v| v.as_string());
    js_sys::Array::from(value)
        .iter()
        .map(|e| {
            Some(Expected {
                action: text(&e, "action")?,
                resource: text(&e, "resource")?,
                decision: text(&e, "decision")?,
            })
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// A whole number of seconds (`currentTime`), as a JSON reader would take it.
fn whole_seconds(value: &JsValue) -> Option<i64> {
    let n = value.as_f64()?;
    // i64's range as f64: [-2^63, 2^63).
    let in_range = (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&n);
    (n.fract() == 0.0 && in_range).then_some(n as i64)
}

/// Handle one message from the host page.
pub fn receive(store: Store, data: &JsValue) {
    let kind = js_field(data, "type").and_then(|t| t.as_string());
    match kind.as_deref() {
        Some("iam-playground:set-scenario") => {
            let doc = match js_field(data, "scenario") {
                Some(v) => v
                    .as_string()
                    .or_else(|| message_field_json(data, "scenario"))
                    .unwrap_or_default(),
                None => String::new(),
            };
            match import_policies(&doc) {
                Ok(mut st) => {
                    // `expected` replaces the document's own `Expected` decisions, if any.
                    if let Some(e) = js_field(data, "expected") {
                        st.expected = read_expected(&e);
                    }
                    st.request.current_time =
                        js_field(data, "currentTime").and_then(|t| whole_seconds(&t));
                    store.replace(st);
                }
                Err(e) => post_error(e),
            }
        }
        Some("iam-playground:get-decision") => post_decision(store),
        _ => {}
    }
}
