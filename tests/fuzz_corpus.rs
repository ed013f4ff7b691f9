//! Replays the corpus of the `share` fuzz target (`fuzz/corpus/share/`: seeds and every crash
//! kept as a regression input) through the target's own check — the file `fuzz/src/share.rs`,
//! included here — on stable Rust: reading any fragment never panics, and a state read from a
//! link survives being written to a new one. `scripts/fuzz.sh` runs the target itself.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../fuzz/src/share.rs"]
mod checks;

use std::path::Path;

#[test]
fn share_corpus_never_panics_and_states_survive_a_new_link() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/share");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected the share corpus in {}",
        dir.display()
    );
    let mut states = 0;
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| checks::share(&data));
        assert!(result.is_ok(), "{} failed", path.display());
        let fragment = checks::fragment(&data).unwrap_or_default();
        if matches!(iam_playground::model::share::decode(&fragment), Ok(Some(_))) {
            states += 1;
        }
    }
    // The seeds reach the state, not only the decoders' errors.
    assert!(states >= 3, "only {states} seeds hold a state");
}
