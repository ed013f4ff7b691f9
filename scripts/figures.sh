#!/usr/bin/env bash
# Every figure, printed (nothing is asserted): the engine natively (criterion), the engine in
# wasm under node, then the app in headless Chromium — bundle sizes, what the page downloads,
# first decision, keystroke latency, the catalog, and the sweep in the engine's Web Worker.
# Usage: scripts/figures.sh   (after scripts/setup.sh --browser; takes ~5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "=== machine"
echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(rustc --version); node $(node --version)"
echo "=== engine: native (criterion)"
cargo bench --quiet -p iam-engine --bench decide -- --warm-up-time 1 --measurement-time 3 2>&1 |
  awk -f scripts/criterion-summary.awk
echo "=== engine: wasm (node)"
bench/wasm/run.sh
echo "=== app in headless Chromium"
scripts/figures-app.sh
