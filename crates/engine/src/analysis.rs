//! ⑦ Analysis: questions asked over many requests at once, answered by simulating them.
//!
//! - `instances`: concrete resources standing for the `Resource` patterns of policies.
//! - [`expand`]: wildcard `ActionNames` expanded against the service catalog.
//! - [`sweep`]: effective permissions: every catalog action against a scenario.
//! - [`compare`]: two policy sets compared over a bounded grid of requests.
//! - [`world`]: the sweep and the comparison for the principal a World request's chain ends with.
//! - [`closest`]: the `Allow` statements that came closest when nothing allowed a request.
//! - [`flip`]: the smallest context changes that flip a request's decision, each checked.

pub mod closest;
pub mod compare;
pub mod expand;
pub mod flip;
pub(crate) mod instances;
pub mod sweep;
pub mod world;
