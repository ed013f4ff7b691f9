//! ④ Small view pieces every feature uses; no state of their own.
//!
//! - `words`: sentences with `backticked` code, as text nodes
//! - `tablist`: keyboard use of tab lists (WAI-ARIA tabs)
//! - `details`: the open state of a `<details>` from its toggle event
//! - `hints`: texts the page says in more than one place
//! - `focus`: whether focus leaves a group of fields

pub mod details;
pub mod focus;
pub mod hints;
pub mod tablist;
pub mod words;
