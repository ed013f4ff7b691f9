//! IAM Policy Playground: the browser app. A Leptos client-side app that edits policies in
//! Monaco, calls [`iam_engine`] on every change and shows the decision with a span-linked trace.
//! The app holds no evaluation logic: the engine decides, the app shows.

mod app;
pub mod catalog_loader;
pub mod cli_io;
mod compare_view;
mod download;
pub mod editor_help;
pub mod embed;
pub mod example;
pub mod exercise;
pub mod explain;
pub mod flowchart;
pub mod gallery;
mod header;
pub mod lint_view;
pub mod modes;
pub mod monaco;
pub mod password_view;
mod policies;
mod request;
mod result;
mod saved;
pub mod share;
pub mod state;
mod store;
mod sweep_view;
mod tablist;
mod tools;
mod trace_view;
mod worker_client;
pub mod world_example;
pub mod world_view;

pub use app::App;
