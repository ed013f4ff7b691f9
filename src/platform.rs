//! ② The browser: every `extern` block, every `Closure` given to JavaScript and every gloo call
//! of the app is here, behind typed functions with Rust errors. Only the model lies below.
//!
//! - `page`: URL and fragment, root-element attributes, clipboard, clock, the embed's parent
//! - `storage`: localStorage (saved scenarios, theme) with gloo-storage
//! - `fetch`: files next to the page (the service catalog) with gloo-net
//! - `files`: downloads and chosen files with gloo-file
//! - `monaco`: the Monaco editor (`js/monaco.js`)
//! - `worker`: jobs for the engine's Web Worker (`js/worker-client.js`)

pub mod fetch;
pub mod files;
pub mod monaco;
pub mod page;
pub mod storage;
pub mod worker;
