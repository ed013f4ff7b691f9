#!/usr/bin/env bash
# Writes site/: the playground and its embed as one folder that any static host can serve, at
# any path (every URL in it is relative). It is dist/ of `trunk build --release` without
# Monaco's full vs/ folder (25 MB): only the vs/ files the editor loads
# (scripts/monaco-files.txt) are copied; plus site/README.md on hosting it. Prints the folder's
# size and file count.
# Usage: scripts/build-site.sh [--no-build]   (--no-build: take dist/ as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ "${1:-}" != "--no-build" ]; then
  echo "=== site: trunk build --release"
  trunk build --release
fi
[ -f dist/index.html ] && [ -f dist/sw.js ] || { echo "build-site: dist/ has no build (run trunk build --release)" >&2; exit 1; }

rm -rf site
mkdir -p site
# Everything of the build but Monaco's folder…
(cd dist && find . -type f ! -path './vs/*' -print0) | (cd dist && xargs -0 cp --parents -t ../site)
# …and the Monaco files the editor loads (the service worker caches the same list).
missing=0
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  if [ -f "dist/$f" ]; then
    (cd dist && cp --parents "$f" ../site)
  else
    echo "build-site: dist/$f is listed in scripts/monaco-files.txt but not built" >&2
    missing=1
  fi
done < scripts/monaco-files.txt
[ "$missing" = 0 ] || exit 1
cp scripts/site-README.md site/README.md
# GitHub Pages deployed from a branch runs Jekyll, which would drop files starting with `_`.
: > site/.nojekyll

files=$(find site -type f | wc -l)
bytes=$(du -sb site | cut -f1)
gz=$(find site -type f -exec gzip -9 -c {} \; | wc -c)
echo "site/: $files files, $bytes bytes ($(du -sh site | cut -f1)), $gz bytes if every file were gzipped"
