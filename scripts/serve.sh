#!/usr/bin/env bash
# Install whatever is missing (idempotent), then serve the playground on 127.0.0.1.
# Usage: scripts/serve.sh [PORT]   (default 8080; a release build, ~2 min the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/setup.sh
PORT=${1:-${PORT:-8080}}
echo "[serve] building; then open http://127.0.0.1:$PORT/"
exec trunk serve --release --address 127.0.0.1 --port "$PORT"
