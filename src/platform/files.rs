//! Files in and out of the page, with gloo-file; nothing is uploaded anywhere.
//! - out: a text the page made (a sweep as CSV) saved as a download, through a `blob:` URL of
//!   this page (revoked when done) and a temporary link with `download`;
//! - in: the text of a file the user chose in an `<input type="file">`.

use gloo_file::{futures::read_as_text, Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Offer `text` as a download named `name` with MIME type `mime`.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let a: web_sys::HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not a link".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    Ok(())
}

/// The first file chosen in the `<input type="file">` an event comes from.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
}

/// The text of a file the user chose.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    read_as_text(&Blob::from(file.clone()))
        .await
        .map_err(|e| e.to_string())
}
