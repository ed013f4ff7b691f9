//! The teaching tools under the header, each a collapsible section: gallery, exercise,
//! effective permissions, policy comparison,
//! saved scenarios, AWS CLI import/export, embed snippet and the decision flowchart.

use leptos::prelude::*;

use crate::cli_io::ImportExport;
use crate::compare_view::ComparePanel;
use crate::embed::{snippet, Mode};
use crate::exercise::Exercise;
use crate::flowchart::Flowchart;
use crate::gallery::Gallery;
use crate::saved::Saved;
use crate::store::Store;
use crate::sweep_view::SweepPanel;

/// Whether the `<details>` a toggle event comes from is open.
pub fn details_open(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

/// The snippet generator: the `<iframe>` HTML for the current scenario.
#[component]
fn EmbedSnippet() -> impl IntoView {
    let store = expect_context::<Store>();
    let editable = RwSignal::new(false);
    let html = move || {
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let mode = if editable.get() {
            Mode::Editable
        } else {
            Mode::ReadOnly
        };
        store.state.with(|s| snippet(&base, s, mode, 420))
    };
    view! {
        <div class="embed-snippet">
            <label>
                <input type="checkbox" class="embed-editable"
                    prop:checked=move || editable.get()
                    on:change=move |ev| editable.set(event_target_checked(&ev))/>
                " Editable embed"
            </label>
            <textarea class="snippet" readonly rows="4" aria-label="Embed HTML" prop:value=html></textarea>
        </div>
    }
}

/// The tools bar.
#[component]
pub fn Tools() -> impl IntoView {
    let store = expect_context::<Store>();
    // A memo, so closing the panel sticks until expectations appear or vanish.
    let exercise_open = Memo::new(move |_| store.state.with(|s| !s.expected.is_empty()));
    // The sweep and the comparison exist (and run) only while their section is open.
    let sweep_open =
        use_context::<crate::app::SweepOpen>().map_or_else(|| RwSignal::new(false), |s| s.0);
    let compare_open = RwSignal::new(false);
    view! {
        <section class="tools" aria-label="Gallery and tools">
            <details class="tool" data-tool="gallery">
                <summary>"Gallery"</summary>
                <Gallery/>
            </details>
            <details class="tool" data-tool="exercise" prop:open=exercise_open>
                <summary>"Exercise"</summary>
                <Exercise/>
            </details>
            <details class="tool" data-tool="sweep" prop:open=move || sweep_open.get()
                on:toggle=move |ev| {
                    let open = details_open(&ev);
                    if open != sweep_open.get_untracked() {
                        sweep_open.set(open);
                    }
                }>
                <summary>"Effective permissions"</summary>
                {move || sweep_open.get().then(|| view! { <SweepPanel/> })}
            </details>
            <details class="tool" data-tool="compare" on:toggle=move |ev| compare_open.set(details_open(&ev))>
                <summary>"Compare policies"</summary>
                {move || compare_open.get().then(|| view! { <ComparePanel/> })}
            </details>
            <details class="tool" data-tool="flowchart">
                <summary>"Decision flowchart"</summary>
                <Flowchart/>
            </details>
            <details class="tool" data-tool="saved">
                <summary>"Saved scenarios"</summary>
                <Saved/>
            </details>
            <details class="tool" data-tool="cli">
                <summary>"AWS CLI import/export"</summary>
                <ImportExport/>
            </details>
            <details class="tool" data-tool="embed">
                <summary>"Embed"</summary>
                <EmbedSnippet/>
            </details>
        </section>
    }
}
