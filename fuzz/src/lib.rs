//! What each fuzz target does with one input. The targets (`fuzz_targets/`) call these; on
//! stable Rust, the tests that replay the corpora include the same files with `#[path]`
//! (`crates/engine/tests/fuzz_corpus.rs` for `engine`, `tests/fuzz_corpus.rs` of the app for
//! `share`), so a crash kept in `corpus/<target>/crash-*` stays a regression test.

pub mod engine;
pub mod share;
