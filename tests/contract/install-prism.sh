#!/usr/bin/env bash
# Installs the pinned Prism (tests/contract/package-lock.json) into DIR/node_modules with `npm ci`,
# unless DIR already holds exactly that lock file's install. Prints the path of Prism's entry
# script. Usage: tests/contract/install-prism.sh DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: install-prism.sh DIR}
entry=node_modules/@stoplight/prism-cli/dist/index.js

# Debian 12 ships node 18.20; the pinned Prism and its dependencies need at least 18.20.1.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-prism: node and npm are needed; run WOOVISMA_SETUP_CONTRACT=1 scripts/setup" >&2
  exit 2
fi
if ! node -e 'const [a, b, c] = process.versions.node.split(".").map(Number);
              process.exit(a > 18 || (a === 18 && (b > 20 || (b === 20 && c >= 1))) ? 0 : 1)'; then
  echo "install-prism: node $(node --version) is too old; Prism needs 18.20.1 or newer" >&2
  exit 2
fi

mkdir -p "$dir"
if [[ -f "$dir/$entry" ]] && cmp -s "$here/package-lock.json" "$dir/package-lock.json" \
   && cmp -s "$here/package.json" "$dir/package.json"; then
  echo "$dir/$entry"
  exit 0
fi

cp "$here/package.json" "$here/package-lock.json" "$dir/"
echo "install-prism: npm ci in $dir" >&2
# The lock file pins every package and its integrity hash; no install scripts are needed.
# npm's cache stays under DIR too, so nothing is written to the home directory.
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error --cache "$dir/.npm-cache" >&2) || {
  # A half-finished install must not look finished next time.
  rm -f "$dir/package-lock.json"
  echo "install-prism: npm ci failed (is the npm registry reachable?)" >&2
  exit 1
}
test -f "$dir/$entry"
echo "$dir/$entry"
