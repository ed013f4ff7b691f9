//! Keyboard use of the tab lists (WAI-ARIA tabs pattern, automatic activation): the selected
//! tab is the one in the Tab order; Left/Right (wrapping), Home and End move to another tab,
//! focus it and select it.

use wasm_bindgen::JsCast;

/// `tabindex` for a tab: only the selected one is reached with Tab.
pub fn tab_index(selected: bool) -> &'static str {
    if selected {
        "0"
    } else {
        "-1"
    }
}

/// The tab `key` moves to, from `current` of `count` tabs.
fn target(key: &str, current: usize, count: usize) -> Option<usize> {
    let last = count.checked_sub(1)?;
    match key {
        "ArrowRight" => Some(if current >= last { 0 } else { current + 1 }),
        "ArrowLeft" => Some(if current == 0 { last } else { current - 1 }),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// Keydown on a `role="tablist"` element: move between its `role="tab"` buttons.
pub fn on_keydown(ev: web_sys::KeyboardEvent) {
    let Some(list) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(nodes) = list.query_selector_all("[role=tab]:not([disabled])") else {
        return;
    };
    let tabs: Vec<web_sys::HtmlElement> = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let Some(current) = tabs.iter().position(|t| {
        active
            .as_ref()
            .is_some_and(|a| a == t.as_ref() as &web_sys::Element)
    }) else {
        return;
    };
    if let Some(next) = target(&ev.key(), current, tabs.len()).and_then(|i| tabs.get(i)) {
        ev.prevent_default();
        let _ = next.focus();
        next.click();
    }
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(target("ArrowRight", 0, 3), Some(1));
        assert_eq!(target("ArrowRight", 2, 3), Some(0));
        assert_eq!(target("ArrowLeft", 0, 3), Some(2));
        assert_eq!(target("Home", 2, 3), Some(0));
        assert_eq!(target("End", 0, 3), Some(2));
        assert_eq!(target("Enter", 0, 3), None);
        assert_eq!(target("ArrowRight", 0, 0), None);
    }
}
