#!/bin/sh
# The wasm figures: build the engine for wasm32, bind it for node, and time it on the
# criterion benchmark's scenarios. Usage: bench/wasm/run.sh (from anywhere).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/target/wasm-bench"
mkdir -p "$out/scenarios"
CARGO_TARGET_DIR="$out/cargo" cargo build --quiet --release --target wasm32-unknown-unknown \
  --manifest-path "$root/bench/wasm/Cargo.toml"
wasm-bindgen --target nodejs --out-dir "$out/pkg" \
  "$out/cargo/wasm32-unknown-unknown/release/iam_engine_wasm_bench.wasm"
echo '{"type": "commonjs"}' > "$out/pkg/package.json"
IAM_BENCH_DUMP="$out/scenarios" cargo bench --quiet --manifest-path "$root/Cargo.toml" \
  -p iam-engine --bench decide
echo "wasm module: $(wc -c < "$out/pkg/iam_engine_wasm_bench_bg.wasm") bytes, $(gzip -9c "$out/pkg/iam_engine_wasm_bench_bg.wasm" | wc -c) gzip"
node "$root/bench/wasm/bench.mjs" "$out/pkg" "$out/scenarios" "$root/crates/engine/data/iam-catalog.txt"
