//! Fuzz target `simulate`: the engine must never panic, whatever file it is given (see
//! `fuzz/src/engine.rs`, `simulate_file`; `scripts/fuzz.sh` runs every target).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| iam_engine_fuzz::engine::simulate_file(data));
