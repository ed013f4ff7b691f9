//! Files next to the page, fetched from its own origin (the service catalog): one GET through
//! gloo-net, allowed to come from the browser cache.

use gloo_net::http::Request;
use web_sys::RequestCache;

/// The text of the file at `url` (relative to the page); an HTTP error status is an error.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .cache(RequestCache::ForceCache)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// For tests of the files fetched on demand: the folder `dir` (relative to the crate) holds
/// exactly `ID.json` for each of `ids`, the files the build copies next to the page.
#[cfg(test)]
pub(crate) fn assert_folder_holds_json_for(dir: &str, ids: &[&str]) {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = ids.iter().map(|id| format!("{id}.json")).collect();
    want.sort();
    assert_eq!(files, want, "{dir}");
}
