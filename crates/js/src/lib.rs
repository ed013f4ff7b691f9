//! The IAM engine as a JavaScript module (`scripts/build-js.sh` builds it into an npm tarball).
//!
//! Four functions, JSON in and JSON out, answering exactly what `iam-sim` prints:
//! `simulate` (`iam-sim simulate [--trace]`), `explain` (the text of `iam-sim explain`),
//! `validate` (`iam-sim validate --json`) and `sweep` (`iam-sim sweep --json`). The answers come
//! from `iam_cli::api`, the code the command line runs; this crate only reads options and
//! converts. [`calls`] is plain Rust (tested natively); the `wasm32` bindings are in `bind.rs`.

#![forbid(unsafe_code)]

pub mod calls;

#[cfg(target_arch = "wasm32")]
mod bind;
