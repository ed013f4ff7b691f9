//! The engine work the playground runs in a Web Worker, off the page's main thread: the
//! effective-permissions sweep over every catalog action, the bounded comparison of two
//! policy sets, and the live evaluation of large inputs (a 1 MB policy being typed in,
//! [`live`]). They need the service catalog and can take tens to hundreds of milliseconds, so
//! the page stays responsive (and a sweep can be cancelled by terminating its worker).
//!
//! The page and the worker exchange JSON texts: scenarios in the `SimulateCustomPolicy` shape
//! one way, the [`protocol`] replies the other. This crate is plain Rust (tested natively);
//! `src/main.rs` binds it for the browser.

#![forbid(unsafe_code)]

pub mod link;
pub mod live;
pub mod protocol;
mod session;

pub use session::Session;
