#!/usr/bin/env bash
# The app's tests: host unit tests, a release build with Trunk (offline: local wasm-bindgen-cli
# and wasm-opt), then the browser tests (node --test, playwright-core driving /usr/bin/chromium,
# serving dist/ on 127.0.0.1 from the test itself). Assumes `scripts/setup.sh --browser` ran.
# Ends with node's test summary; screenshots go to tests/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "=== app: host unit tests"
cargo test -p iam-playground --locked

echo "=== app: trunk build --release"
trunk build --release

echo "=== app: browser tests"
node --test tests/*.test.mjs
