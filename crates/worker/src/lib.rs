//! The engine work the playground runs in a Web Worker, off the page's main thread: the
//! effective-permissions sweep over every catalog action and the bounded comparison of two
//! policy sets. Both need the service catalog and both can take tens of milliseconds, so the
//! page stays responsive (and a run can be cancelled by terminating the worker).
//!
//! The page and the worker exchange JSON texts: scenarios in the `SimulateCustomPolicy` shape
//! one way, the [`protocol`] replies the other. This crate is plain Rust (tested natively);
//! `src/main.rs` binds it for the browser.

#![forbid(unsafe_code)]

pub mod protocol;
mod session;

pub use session::Session;
