//! The `wasm32` bindings: JavaScript values in, JavaScript values out. A scenario may be JSON
//! text or an object (then `JSON.stringify`'d, so positions in errors count in that text); the
//! answer is a plain object parsed from the JSON the engine wrote. A failure throws an `Error`
//! whose `message` is what `iam-sim` prints and whose `diagnostics` holds the engine's
//! diagnostics, when the input had errors.

use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::calls::{self, Error, Now};

fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    if let Some(d) = e.diagnostics.and_then(|d| JSON::parse(&d).ok()) {
        let _ = Reflect::set(&err, &JsValue::from_str("diagnostics"), &d);
    }
    err.into()
}

/// The scenario as text: a string as it is, anything else through `JSON.stringify`.
fn text_of(input: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = input.as_string() {
        return Ok(s);
    }
    if input.is_undefined() || input.is_null() {
        return Err(throw(Error::usage(
            "the scenario is missing: pass JSON text or an object",
        )));
    }
    JSON::stringify(input)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| throw(Error::usage("the scenario cannot be written as JSON")))
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn flag(options: &JsValue, key: &str) -> Result<bool, JsValue> {
    let v = option(options, key);
    if v.is_undefined() {
        return Ok(false);
    }
    v.as_bool()
        .ok_or_else(|| throw(Error::usage(format!("{key}: expected true or false"))))
}

/// `now`: absent → the clock; `null` or `false` → no time; a number (epoch seconds) or a string
/// (RFC 3339 or epoch seconds).
fn now(options: &JsValue) -> Result<Option<i64>, JsValue> {
    let v = option(options, "now");
    let now = if v.is_undefined() {
        Now::Clock
    } else if v.is_null() || v.as_bool() == Some(false) {
        Now::Absent
    } else if let Some(n) = v.as_f64() {
        Now::Given(format!("{}", n.floor()))
    } else if let Some(s) = v.as_string() {
        Now::Given(s)
    } else {
        return Err(throw(Error::usage(
            "now: expected epoch seconds, an RFC 3339 string, or null",
        )));
    };
    let clock = (js_sys::Date::now() / 1000.0).floor();
    now.resolve(format!("{clock}").parse().unwrap_or_default())
        .map_err(throw)
}

fn parsed(json: Result<String, Error>) -> Result<JsValue, JsValue> {
    let text = json.map_err(throw)?;
    JSON::parse(&text)
}

/// `simulate(scenario, {trace?, now?})`: the `SimulateCustomPolicy`-shaped response, as
/// `iam-sim simulate [--trace]` prints it.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&scenario)?;
    parsed(calls::simulate(
        &text,
        flag(&options, "trace")?,
        now(&options)?,
    ))
}

/// `explain(scenario, {now?})`: the readable trace `iam-sim explain` prints.
#[wasm_bindgen]
pub fn explain(scenario: JsValue, options: JsValue) -> Result<String, JsValue> {
    let text = text_of(&scenario)?;
    calls::explain(&text, now(&options)?).map_err(throw)
}

/// `validate(input, {type?})`: the report `iam-sim validate --json` prints, for a scenario or
/// one policy of `type` (identity, resource, trust, boundary, scp, rcp, session).
#[wasm_bindgen]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&input)?;
    let ty = option(&options, "type");
    let ty = if ty.is_undefined() {
        None
    } else {
        Some(
            ty.as_string()
                .ok_or_else(|| throw(Error::usage("type: expected a string")))?,
        )
    };
    parsed(calls::validate(&text, ty.as_deref()))
}

/// `sweep(scenario, {namedResources?, now?})`: every catalog action's decision by service and
/// access level, as `iam-sim sweep --json` prints it.
#[wasm_bindgen]
pub fn sweep(scenario: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&scenario)?;
    parsed(calls::sweep(
        &text,
        now(&options)?,
        flag(&options, "namedResources")?,
    ))
}

/// `version()`: `{engine, catalog}`.
#[wasm_bindgen]
pub fn version() -> Result<JsValue, JsValue> {
    JSON::parse(&calls::version())
}
