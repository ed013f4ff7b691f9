//! The teaching tools under the header, each a collapsible section: gallery, exercise,
//! effective permissions, policy comparison,
//! saved scenarios, AWS CLI import/export, the Embed tool, the decision flowchart and the help.

use leptos::prelude::*;

use crate::features::cli::ImportExport;
use crate::features::compare::{ComparePanel, WorldComparePanel};
use crate::features::embed::EmbedTool;
use crate::features::help::Help;
use crate::features::result::flowchart::Flowchart;
use crate::features::saved::Saved;
use crate::features::sweep::SweepPanel;
use crate::features::teach::{Exercise, Gallery};
use crate::store::Store;
use crate::ui::details::details_open;

/// The tools bar.
#[component]
pub fn Tools(
    /// Whether the Effective permissions section is open (kept in the URL).
    sweep_open: RwSignal<bool>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    // A memo, so closing the panel sticks until expectations appear or vanish.
    let exercise_open = Memo::new(move |_| store.state.with(|s| !s.expected.is_empty()));
    // The sweep and the comparison exist (and run) only while their section is open.
    let compare_open = RwSignal::new(false);
    // The Embed tool's preview loads the embed page: only while the tool is open.
    let embed_open = RwSignal::new(false);
    // The gallery's scenarios are fetched when it first opens.
    let gallery_open = RwSignal::new(false);
    view! {
        <section class="tools" aria-label="Gallery and tools">
            <details class="tool" data-tool="gallery"
                on:toggle=move |ev| gallery_open.set(details_open(&ev))>
                <summary>"Gallery"</summary>
                <Gallery shown=gallery_open.into()/>
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
            <details class="tool" data-tool="embed" on:toggle=move |ev| embed_open.set(details_open(&ev))>
                <summary>"Embed"</summary>
                {move || embed_open.get().then(|| view! { <EmbedTool/> })}
            </details>
            <details class="tool" data-tool="help">
                <summary>"Help"</summary>
                <Help/>
            </details>
        </section>
    }
}

/// The World mode's sections that other features provide: effective permissions of the
/// principal the World's chain ends with, and comparison with another caller or a pinned World.
#[component]
pub fn WorldTools() -> impl IntoView {
    let sweep_open = RwSignal::new(false);
    let compare_open = RwSignal::new(false);
    view! {
        <details class="tool" data-tool="world-sweep" on:toggle=move |ev| sweep_open.set(details_open(&ev))>
            <summary>"Effective permissions"</summary>
            {move || sweep_open.get().then(|| view! { <SweepPanel world=true/> })}
        </details>
        <details class="tool" data-tool="world-compare" on:toggle=move |ev| compare_open.set(details_open(&ev))>
            <summary>"Compare"</summary>
            {move || compare_open.get().then(|| view! { <WorldComparePanel/> })}
        </details>
    }
}
