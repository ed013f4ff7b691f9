//! ① Text: where every position the engine reports comes from.
//!
//! - [`scan`]: byte scans for `:`, wildcards and `${`, the searches of the hot path.
//! - [`span`]: byte ranges in a policy's own text, line/column for display, and the map back
//!   into the scenario file a policy was read from.
//! - [`json`]: strict JSON parsed into a tree that keeps the range of every key and value.
//! - [`diag`]: diagnostics (errors and warnings) pointing at the text they are about.

pub mod diag;
pub mod json;
pub mod scan;
pub mod span;
