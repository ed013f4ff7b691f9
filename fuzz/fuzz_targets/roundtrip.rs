//! Fuzz target `roundtrip`: see `fuzz/src/` for what it checks (`scripts/fuzz.sh` runs every target).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| iam_engine_fuzz::engine::roundtrip(data));
