#!/bin/sh
# Instructions per call (callgrind), independent of the machine's load: small, large and the
# sweep scenario parsed and simulated natively, the compiled sweep, and small in wasm under node
# when bench/wasm/run.sh has built target/wasm-bench/pkg. Usage: bench/instructions/run.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/target/instructions"
mkdir -p "$out/scenarios"
CARGO_TARGET_DIR="$out/cargo" cargo build --quiet --release \
  --manifest-path "$root/bench/instructions/Cargo.toml"
bin="$out/cargo/release/iam-engine-instructions"
IAM_BENCH_DUMP="$out/scenarios" cargo bench --quiet --manifest-path "$root/Cargo.toml" \
  -p iam-engine --bench decide
# Ir of a command under callgrind.
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,; }
per_call() { # label n command...
  label=$1; n=$2; shift 2
  a=$(ir "$@" 0); b=$(ir "$@" "$n")
  echo "$label: $(( (b - a) / n )) instructions per call"
}
per_call "small parse+simulate" 2000 "$bin" "$out/scenarios/small.json"
per_call "large parse+simulate" 50 "$bin" "$out/scenarios/large.json"
per_call "sweep-scenario parse+simulate" 100 "$bin" "$out/scenarios/sweep.json"
cat="$root/crates/engine/data/iam-catalog.txt"
a=$(ir "$bin" "$out/scenarios/sweep.json" 0 "$cat"); b=$(ir "$bin" "$out/scenarios/sweep.json" 3 "$cat")
echo "sweep (catalog x 5 policies): $(( (b - a) / 3 )) instructions per call"
pkg="$root/target/wasm-bench/pkg"
if [ -f "$pkg/iam_engine_wasm_bench.js" ]; then
  # One thread and the optimizing compiler from the start: callgrind counts every thread, and
  # V8's background compilation and tier-up otherwise move the count by ±15% between runs.
  v8="--single-threaded --no-liftoff"
  a=$(ir --smc-check=all-non-file node $v8 "$root/bench/instructions/wasm-n.cjs" "$pkg" "$out/scenarios/small.json" 0)
  b=$(ir --smc-check=all-non-file node $v8 "$root/bench/instructions/wasm-n.cjs" "$pkg" "$out/scenarios/small.json" 4000)
  echo "wasm small parse+simulate: $(( (b - a) / 4000 )) instructions per call"
fi
