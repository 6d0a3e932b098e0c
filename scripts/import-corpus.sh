#!/usr/bin/env bash
# Imports every saved tools/list in a folder (e.g. ../shared/corpus) with `policy-atlas import --file`
# into a temporary catalog, counts its toxic flows and builds the site from it: real servers' output
# must never be refused.
# Usage: bash scripts/import-corpus.sh <corpus-dir>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus="${1:?usage: scripts/import-corpus.sh <corpus-dir>}"
. scripts/ensure-node.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/atlas-corpus-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/catalog/servers"
imported=() refused=()
for file in "$corpus"/*.json; do
  slug="$(basename "$file" .json | tr 'A-Z_.' 'a-z--')"
  if node bin/policy-atlas.mjs import --file "$file" --out "$work/catalog/servers/$slug.json" --now 2026-01-01 > "$work/import.log" 2>&1; then
    imported+=("$slug")
  else
    refused+=("$slug"); cat "$work/import.log" >&2
  fi
done
echo "policy-atlas: imported ${#imported[@]} corpus servers: ${imported[*]}"
if [ "${#refused[@]}" -gt 0 ]; then
  echo "policy-atlas: refused ${#refused[@]} corpus servers: ${refused[*]}" >&2
  exit 1
fi
node scripts/flow-counts.ts "$work/catalog"
node bin/policy-atlas.mjs build --catalog "$work/catalog" --out "$work/site" | tail -n 3
