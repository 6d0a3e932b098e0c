#!/usr/bin/env bash
# Installs the real MCP clients the conformance test (tests/clients/) loads our output into, each at
# the version pinned in scripts/clients.json, into the user cache and never into the project's
# dependencies: <cache>/policy-atlas/clients/<client>-<version> (about 900 MB in all). It needs the
# npm registry once; the test itself runs offline. Prints the folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh

ROOT="${POLICY_ATLAS_CLIENTS:-${XDG_CACHE_HOME:-$HOME/.cache}/policy-atlas/clients}"
# One line per client: <id> <package> <version>.
node -e 'for (const [id, c] of Object.entries(JSON.parse(require("fs").readFileSync("scripts/clients.json", "utf8")))) console.log(id, c.package, c.version)' |
while read -r id package version; do
  dir="$ROOT/$id-$version"
  # The marker is written last: an interrupted install is redone, not trusted.
  [ -f "$dir/.installed" ] && continue
  echo "policy-atlas: installing $package@$version into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{"private":true}\n' > "$dir/package.json"
  # The clients ship their platform binaries as optional dependencies: no install script is needed,
  # and npm 11 runs none by default.
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "$package@$version" >&2
  echo "$package@$version" > "$dir/.installed"
done
echo "$ROOT"
