//! Groups of fields that commit together: whether focus is leaving a group (a `focusout`
//! whose new target lies outside the element the handler is on).

use wasm_bindgen::JsCast;

/// Whether a `focusout` event on a group moves the focus out of the group (to another part of
/// the page, or nowhere).
pub fn focus_leaves(ev: &web_sys::FocusEvent) -> bool {
    let group = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let next = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    match (group, next) {
        (Some(g), Some(n)) => !g.contains(Some(&n)),
        _ => true,
    }
}
