//! The AWS service catalog in the app: copied by Trunk as a static file (`iam-catalog.txt`),
//! fetched from the page's own origin once the editor is up (so after the first decision is
//! shown) and parsed by the engine. Until then linting runs without it and editor help is off.
//!
//! The fetched size and the fetch and parse times go on the root element as
//! `data-catalog-bytes`, `data-catalog-fetch-ms` and `data-catalog-parse-ms` (figures and tests
//! read them).

use std::rc::Rc;

use iam_engine::catalog::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::store::Store;

/// The file name, relative to the page.
pub const CATALOG_URL: &str = "iam-catalog.txt";

#[wasm_bindgen(module = "/js/monaco.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetchText)]
    async fn js_fetch_text(url: &str) -> Result<JsValue, JsValue>;
}

/// The catalog once loaded (`None` before, or when loading failed).
#[derive(Clone, Copy)]
pub struct CatalogSignal(pub RwSignal<Option<Rc<Catalog>>, LocalStorage>);

/// Provide the catalog signal and start loading once the editor has loaded.
pub fn provide(store: Store) -> CatalogSignal {
    let signal = CatalogSignal(store.catalog);
    provide_context(signal);
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if store.editor.with(Option::is_none) || started.get_value() {
            return;
        }
        started.set_value(true);
        spawn_local(async move {
            match load().await {
                Ok(c) => signal.0.set(Some(Rc::new(c))),
                Err(e) => store.notice.set(Some(format!(
                    "the AWS service catalog did not load ({e}); validation runs without it"
                ))),
            }
        });
    });
    signal
}

fn set_figure(name: &str, value: String) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, &value);
    }
}

async fn load() -> Result<Catalog, String> {
    let t0 = js_sys::Date::now();
    let text = js_fetch_text(CATALOG_URL)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?
        .as_string()
        .ok_or("not text")?;
    let t1 = js_sys::Date::now();
    let catalog = Catalog::parse(&text).map_err(|e| e.to_string())?;
    let t2 = js_sys::Date::now();
    set_figure("data-catalog-bytes", text.len().to_string());
    set_figure("data-catalog-fetch-ms", format!("{:.0}", t1 - t0));
    set_figure("data-catalog-parse-ms", format!("{:.0}", t2 - t1));
    Ok(catalog)
}
