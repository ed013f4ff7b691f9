#!/usr/bin/env bash
# Set up whatever is missing (idempotent), then run every test: engine, CLI, app (host and
# browser), formatting and lints. Ends with one line `N passed, N failed` summing every stage.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/setup.sh --browser || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
failures=()
log=$(mktemp)

count_cargo() { # sum `test result:` lines of a cargo test log
  local p f
  p=$(grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^test result:' "$1" | sed -E 's/.* ([0-9]+) passed; ([0-9]+) failed.*/\2/' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

stage() { # stage NAME COMMAND...: run, show output, record failure
  local name=$1
  shift
  echo "=== $name"
  if "$@" 2>&1 | tee "$log"; then
    return 0
  fi
  failures+=("$name")
  return 1
}

if stage "cargo test (engine, CLI, app host tests)" cargo test --workspace --locked; then
  count_cargo "$log"
else
  count_cargo "$log"
  grep -q '^test result:' "$log" || failed=$((failed + 1))
fi

if stage "cargo fmt --check" cargo fmt --all --check; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if stage "cargo clippy" cargo clippy --workspace --all-targets --locked -- -D warnings; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# The engine as a JavaScript module: wasm build, npm tarball, node test on the unpacked tarball
# (~25 s after the app's wasm build has compiled the engine; 17 s of it is wasm-opt).
if stage "js module: build and node test" scripts/build-js.sh --test; then :; fi
p=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
f=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
passed=$((passed + p))
failed=$((failed + f))
if [ "$p" = 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); fi

if [ -x scripts/test-app.sh ]; then
  if stage "app: build and browser tests" scripts/test-app.sh; then :; fi
  p=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$p" = 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); fi
fi

rm -f "$log"
echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed stages: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
