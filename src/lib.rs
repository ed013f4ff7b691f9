//! IAM Policy Playground: the browser app. A Leptos client-side app that edits policies in
//! Monaco, calls [`iam_engine`] on every change and shows the decision with a span-linked trace.
//! The app holds no evaluation logic: the engine decides, the app shows.
//!
//! Six levels; a level imports only the levels above it in this list (`tests/layers.rs`
//! checks it, `ARCHITECTURE.md` explains it):
//! - `model`: ① the playground as plain data and pure functions
//! - `platform`: ② the browser (Monaco, the worker, storage, fetch, files, the page)
//! - `store`: ③ the reactive store: signals, the evaluation `Memo`, actions
//! - `ui`: ④ small view pieces every feature uses
//! - `features`: ⑤ one folder per region or tool of the page
//! - `shell`: ⑥ the page's layout and named effects

pub mod features;
pub mod model;
pub mod platform;
pub mod shell;
pub mod store;
pub mod ui;

pub use shell::App;
