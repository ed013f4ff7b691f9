//! IAM Policy Playground: the browser app. A Leptos client-side app that edits policies in
//! Monaco, calls [`iam_engine`] on every change and shows the decision with a span-linked trace.
//! The app holds no evaluation logic: the engine decides, the app shows.

mod app;
pub mod example;
pub mod explain;
mod header;
pub mod monaco;
mod policies;
mod request;
mod result;
pub mod share;
pub mod state;
mod store;
mod trace_view;

pub use app::App;
