#!/usr/bin/env bash
# Figures of the app, printed, not asserted: wasm size raw/gzip, what the page downloads,
# navigation-to-first-decision time and keystroke-to-updated-trace latency in headless Chromium.
# Builds the release app first (incremental). Assumes `scripts/setup.sh --browser` ran.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

trunk build --release >/dev/null 2>&1 || trunk build --release
node tests/figures.mjs
