//! The AWS service catalog in the app: copied by Trunk as a static file (`iam-catalog.txt`),
//! fetched from the page's own origin once the editor is up (so after the first decision is
//! shown) and parsed by the engine into [`Store::catalog`]. Until then linting runs without it
//! and editor help is off.
//!
//! The fetched size and the fetch and parse times go on the root element as
//! `data-catalog-bytes`, `data-catalog-fetch-ms` and `data-catalog-parse-ms` (figures and tests
//! read them).

use std::rc::Rc;

use iam_engine::catalog::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::fetch::fetch_text;
use crate::platform::page::{fixed, now_ms, set_root_attribute};
use crate::store::Store;

/// The file name, relative to the page.
pub const CATALOG_URL: &str = "iam-catalog.txt";

/// Effect: load the catalog once, when the editor has loaded.
pub fn load_when_the_editor_is_up(store: Store) {
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if store.editor.with(Option::is_none) || started.get_value() {
            return;
        }
        started.set_value(true);
        spawn_local(async move {
            match load().await {
                Ok(c) => store.catalog.set(Some(Rc::new(c))),
                Err(e) => store.notice.set(Some(format!(
                    "the AWS service catalog did not load ({e}); validation runs without it"
                ))),
            }
        });
    });
}

async fn load() -> Result<Catalog, String> {
    let t0 = now_ms();
    let text = fetch_text(CATALOG_URL).await?;
    let t1 = now_ms();
    let catalog = Catalog::parse(&text).map_err(|e| e.to_string())?;
    let t2 = now_ms();
    set_root_attribute("data-catalog-bytes", &text.len().to_string());
    set_root_attribute("data-catalog-fetch-ms", &fixed(t1 - t0, 0));
    set_root_attribute("data-catalog-parse-ms", &fixed(t2 - t1, 0));
    Ok(catalog)
}
