#!/usr/bin/env bash
# Build the engine as a JavaScript module (crates/js) into an npm tarball, not published:
#   pkg/iam-engine/            the package folder (ES module, .wasm, index.d.ts, package.json)
#   pkg/iam-engine-VERSION.tgz what `npm pack` makes of it
# Usage: scripts/build-js.sh [--test]   (--test then runs the node test on the packed tarball)
# Needs the wasm32 target and wasm-bindgen-cli at Cargo.lock's version (scripts/setup.sh);
# wasm-opt (npm binaryen) shrinks the module when it is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

OUT=pkg/iam-engine
CRATE_VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' crates/js/Cargo.toml | head -1)
NPM_VERSION=$(node -p 'require("./crates/js/npm/package.json").version')
if [ "$CRATE_VERSION" != "$NPM_VERSION" ]; then
  echo "build-js: crates/js/Cargo.toml is $CRATE_VERSION but crates/js/npm/package.json is $NPM_VERSION" >&2
  exit 1
fi

echo "=== js: cargo build --target wasm32-unknown-unknown --release"
cargo build -p iam-engine-js --target wasm32-unknown-unknown --release --locked

echo "=== js: wasm-bindgen --target web"
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-name iam_engine --out-dir "$OUT" \
  target/wasm32-unknown-unknown/release/iam_engine_js.wasm
if command -v wasm-opt >/dev/null; then
  echo "=== js: wasm-opt -Oz ($(wasm-opt --version))"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$OUT/iam_engine_bg.wasm" -o "$OUT/iam_engine_bg.wasm"
fi
cp crates/js/npm/index.js crates/js/npm/index.d.ts crates/js/npm/package.json crates/js/npm/README.md "$OUT/"

echo "=== js: npm pack"
(cd pkg && rm -f iam-engine-*.tgz && npm pack ./iam-engine --pack-destination . --silent)
wasm=$OUT/iam_engine_bg.wasm
echo "js module: $(stat -c %s "$wasm") bytes wasm ($(gzip -9 -c "$wasm" | wc -c) gzip), tarball pkg/$(cd pkg && ls iam-engine-*.tgz) $(stat -c %s pkg/iam-engine-*.tgz) bytes"

if [ "${1:-}" = "--test" ]; then
  echo "=== js: node --test crates/js/tests"
  node --test crates/js/tests/
fi
