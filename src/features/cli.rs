//! The AWS CLI import/export panel: paste or open a `simulate-custom-policy --cli-input-json`
//! document, export the current scenario as one (with the command line), or the shown trace
//! as Markdown. The conversions are `model::cli_input`.

use leptos::prelude::*;

use crate::model::cli_input::{export_command, export_json, import_managed, trace_markdown};
use crate::platform::files::{chosen_file, read_text};
use crate::store::Store;

/// The import/export panel.
#[component]
pub fn ImportExport() -> impl IntoView {
    let store = expect_context::<Store>();
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let exported = RwSignal::new(None::<String>);
    // A document naming AWS managed policies needs them: they load first.
    let import = move |text: &str| {
        if iam_engine::scenario::names_managed_policy(text)
            && store.managed.with_untracked(Option::is_none)
        {
            store.ensure_managed();
            return Err(format!(
                "{}: press Load again once they are there",
                crate::store::managed::LOADING
            ));
        }
        store
            .managed
            .with_untracked(|m| import_managed(text, m.as_deref()))
    };
    let load = move |_| match import(&pasted.get_untracked()) {
        Ok(st) => {
            error.set(None);
            store.replace(st);
            store
                .notice
                .set(Some("Loaded the pasted CLI input document.".into()));
        }
        Err(e) => error.set(Some(e)),
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            match read_text(&file).await.ok() {
                Some(text) => {
                    pasted.set(text.clone());
                    match import(&text) {
                        Ok(st) => {
                            error.set(None);
                            store.replace(st);
                            store.notice.set(Some(format!("Loaded {}.", file.name())));
                        }
                        Err(e) => error.set(Some(e)),
                    }
                }
                None => error.set(Some("the file could not be read".into())),
            }
        });
    };
    let export = move |_| {
        let text = store
            .state
            .with_untracked(|s| format!("{}\n\n{}", export_json(s), export_command(s)));
        exported.set(Some(text));
    };
    let export_trace = move |_| {
        exported.set(store.current_result().as_ref().map(trace_markdown));
    };
    view! {
        <div class="cli-io">
            <label for="cli-import">"Paste a "<code>"simulate-custom-policy --cli-input-json"</code>" document"</label>
            <textarea id="cli-import" class="cli-import" rows="6" spellcheck="false"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            <div class="row">
                <button type="button" class="cli-load" on:click=load>"Load"</button>
                <label>"or open a file "<input type="file" class="cli-file" accept=".json,application/json" on:change=open_file/></label>
                <button type="button" class="cli-export" on:click=export>"Export CLI input"</button>
                <button type="button" class="trace-export" on:click=export_trace>"Export trace as Markdown"</button>
            </div>
            {move || error.get().map(|e| view! { <pre class="cli-error" role="alert">{e}</pre> })}
            {move || exported.get().map(|t| view! {
                <textarea class="cli-output" readonly rows="12" aria-label="Exported text" prop:value=t></textarea>
            })}
        </div>
    }
}
