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
