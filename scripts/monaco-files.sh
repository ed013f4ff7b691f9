#!/usr/bin/env bash
# Writes scripts/monaco-files.txt: the files of Monaco's vs/ folder that the playground loads,
# found by running the browser tests on the built app (dist/) and recording every request.
# The service worker caches these for offline use (scripts/stamp-sw.mjs) and the hostable site
# carries only these (scripts/build-site.sh). Run after upgrading monaco-editor or changing what
# the editor does, after `trunk build --release`:
#   scripts/monaco-files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
RECORD_REQUESTS="$log" node --test tests/*.test.mjs >/dev/null || {
  echo "monaco-files: the browser tests failed; the list is left as it was" >&2
  exit 1
}
version=$(node -p 'require("./node_modules/monaco-editor/package.json").version')
{
  echo "# The files of Monaco's vs/ folder (monaco-editor $version) the playground loads, as"
  echo "# recorded by scripts/monaco-files.sh over the browser tests. Cached for offline use by"
  echo "# the service worker and the only vs/ files of the hostable site (scripts/build-site.sh)."
  sed -n 's#^https\?://127\.0\.0\.1:[0-9]*/\(.*/\)\?\(vs/[^?#]*\).*#\2#p' "$log" | sort -u
} > scripts/monaco-files.txt
echo "monaco-files: $(grep -vc '^#' scripts/monaco-files.txt) files"
