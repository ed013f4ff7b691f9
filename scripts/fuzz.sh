#!/usr/bin/env bash
# Fuzz every cargo-fuzz target of fuzz/ for SECONDS each (default 60), one after the other, with
# its dictionary (fuzz/dict/TARGET.dict, else simulate.dict), from its seed corpus
# (fuzz/corpus/TARGET/). libFuzzer's new inputs go to a scratch folder (target/fuzz-corpus/),
# not into git; a crash is copied to fuzz/corpus/TARGET/crash-* so the stable tests that replay
# the corpora (crates/engine/tests/fuzz_corpus.rs, tests/fuzz_corpus.rs) keep it as a
# regression input. Prints executions and executions per second per target, and the total.
# Not part of scripts/test.sh. Needs a nightly toolchain (`rustup toolchain install nightly`);
# installs cargo-fuzz (pinned) when it is missing.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.1
SECONDS_EACH=${1:-60}
shift || true

if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked || exit 1
fi

cd fuzz
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
# Each run builds what it needs first (`cargo fuzz run` builds with its own flags, so a
# separate `cargo fuzz build` would compile everything twice); the seconds column includes it.

logs=$(mktemp -d)
total=0
crashed=()
printf '%-10s %14s %12s %8s\n' target executions "exec/s" seconds
for t in "${targets[@]}"; do
  dict=dict/$t.dict
  [ -f "$dict" ] || dict=dict/simulate.dict
  scratch=../target/fuzz-corpus/$t
  mkdir -p "$scratch" "artifacts/$t"
  log=$logs/$t.log
  start=$(date +%s)
  cargo +nightly fuzz run "$t" "$scratch" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - start ))
  # libFuzzer's final count; `#N DONE` (or the last `#N` line) when the stats are missing.
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  runs=${runs:-0}
  total=$((total + runs))
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$rate" ] || rate=$(( runs / (took > 0 ? took : 1) ))
  printf '%-10s %14d %12d %8d\n' "$t" "$runs" "$rate" "$took"
  if [ $status -ne 0 ]; then
    crashed+=("$t")
    for f in artifacts/"$t"/crash-* artifacts/"$t"/timeout-* artifacts/"$t"/oom-*; do
      [ -f "$f" ] || continue
      cp "$f" "corpus/$t/crash-$(basename "$f" | sed 's/^[a-z]*-//')"
      echo "  kept $f as corpus/$t/crash-… (a regression input for the stable tests)"
    done
    grep -E 'ERROR|panicked|SUMMARY' "$log" | head -5 | sed 's/^/  /'
  fi
done
printf '%-10s %14d\n' total "$total"
rm -rf "$logs"
if [ ${#crashed[@]} -gt 0 ]; then
  echo "crashed: ${crashed[*]}"
  exit 1
fi
