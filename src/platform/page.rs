//! The page around the app: its URL and fragment, attributes on the root element (theme, and
//! figures that tests and scripts read), the clipboard, the clock, and the parent page of an
//! embed (`postMessage`, the content's height).

use gloo_utils::format::JsValueSerdeExt;
use leptos::prelude::{document, window};
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The URL fragment, with its `#` (empty when there is none).
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Replace the URL fragment without a new history entry (`fragment` without `#`).
pub fn replace_fragment(fragment: &str) {
    if let Ok(history) = window().history() {
        let url = format!("#{fragment}");
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's URL without query or fragment: `https://host/path/`.
pub fn page_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The page's path: `/path/`.
pub fn page_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Set an attribute of the root element (`<html>`).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// Move keyboard focus to the first element `selector` matches (a pane gets `tabindex="-1"`
/// so it can take focus), and scroll it into view.
pub fn focus_first(selector: &str) {
    let Some(el) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
    el.scroll_into_view();
}

/// Whether the system asks for dark colours.
pub fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Copy `text` to the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    let promise = window().navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Seconds since the UNIX epoch, from the browser clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Milliseconds since the UNIX epoch, from the browser clock (for timings).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `value` with `digits` decimals (a timing shown or put in the page for the tests). In the
/// browser JavaScript's `toFixed` writes it, so the app carries no float printer of its own
/// (`<f64 as Display>` and its tables); on the host (tests) Rust's `{:.N}`.
pub fn fixed(value: f64, digits: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(value)
            .to_fixed(digits)
            .map_or_else(|_| String::from("NaN"), String::from)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{value:.*}", usize::from(digits))
    }
}

/// The page's content height in CSS pixels, rounded up: what an iframe must be to show it all
/// without scrolling (the root element's height, which follows the content, not the viewport).
pub fn content_height() -> i32 {
    document()
        .document_element()
        .map(|e| e.get_bounding_client_rect().height().ceil() as i32)
        .unwrap_or_default()
}

/// Call `f` with [`content_height`] whenever the content's size changes (a `ResizeObserver`
/// on the root element), for as long as the page lives.
pub fn on_content_resize(f: impl Fn(i32) + 'static) {
    let Some(root) = document().document_element() else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(move || f(content_height()));
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // The observer and its callback live as long as the page.
        callback.forget();
    }
}

/// A monotonic clock in milliseconds for timing work: `performance.now()` in the browser, the
/// time since the first call on the host (where the store's tests run).
pub fn monotonic_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        window()
            .performance()
            .map_or_else(js_sys::Date::now, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

/// Post `message` (a JS object, see [`js_object`]) to the page this one is embedded in, if any.
pub fn post_to_parent(message: &JsValue) {
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    let _ = parent.post_message(message, "*");
}

/// A JS object with these fields, built directly (no JSON in between: the embed's build links
/// no JSON reader for its messages).
pub fn js_object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// A field of a message: `None` when `data` is not an object or the field is `undefined` (as
/// absent as in its JSON form).
pub fn js_field(data: &JsValue, name: &str) -> Option<JsValue> {
    if !data.is_object() {
        return None;
    }
    js_sys::Reflect::get(data, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// Whether a message event comes from the page this one is embedded in.
pub fn from_parent(ev: &web_sys::MessageEvent) -> bool {
    match (ev.source(), window().parent().ok().flatten()) {
        (Some(src), Some(parent)) => js_sys::Object::is(&src, parent.unchecked_ref()),
        _ => false,
    }
}

/// Post `message` (as a JS object) to the page shown in `frame`, if it is of this page's origin
/// (the Embed tool's preview).
pub fn post_to_frame(frame: &web_sys::HtmlIFrameElement, message: &impl Serialize) {
    let (Some(target), Ok(origin)) = (frame.content_window(), window().location().origin()) else {
        return;
    };
    if let Ok(v) = JsValue::from_serde(message) {
        let _ = target.post_message(&v, &origin);
    }
}

/// Whether a message event comes from the page shown in `frame`.
pub fn from_frame(ev: &web_sys::MessageEvent, frame: &web_sys::HtmlIFrameElement) -> bool {
    match (ev.source(), frame.content_window()) {
        (Some(src), Some(w)) => js_sys::Object::is(&src, w.unchecked_ref()),
        _ => false,
    }
}

/// A field of a message as JSON text (`JSON.stringify` in the page, so that the app never writes
/// JSON numbers itself: the embed's build stays without a float printer).
pub fn message_field_json(data: &JsValue, field: &str) -> Option<String> {
    let value = js_sys::Reflect::get(data, &JsValue::from_str(field)).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// A message's data as JSON (`None` when it cannot be written as JSON). Host pages may post
/// anything, so this uses `JSON.stringify`'s error rather than gloo-utils (which throws).
pub fn message_json(data: &JsValue) -> Option<serde_json::Value> {
    let text = js_sys::JSON::stringify(data).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}
