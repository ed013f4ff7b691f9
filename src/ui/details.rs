//! Collapsible sections (`<details>`): reading their state from a `toggle` event.

use wasm_bindgen::JsCast;

/// Whether the `<details>` a toggle event comes from is open.
pub fn details_open(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}
