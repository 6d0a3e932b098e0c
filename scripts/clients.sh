#!/usr/bin/env bash
# Installs the real MCP clients the conformance test loads our output into, each at a pinned version,
# into the user cache (never into the project's dependencies): <cache>/policy-atlas/clients/<name>-<version>.
# Run once with network to the npm registry; the test itself runs offline. Prints the folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh

# Keep in step with tests/support/clients.ts, which looks for exactly these folders.
CLIENTS=(
  "codex @openai/codex@0.169.0"
  "gemini-cli @google/gemini-cli@0.61.0"
  "claude-code @anthropic-ai/claude-code@2.1.328"
)
ROOT="${POLICY_ATLAS_CLIENTS:-${XDG_CACHE_HOME:-$HOME/.cache}/policy-atlas/clients}"

for entry in "${CLIENTS[@]}"; do
  read -r name spec <<<"$entry"
  version="${spec##*@}"
  dir="$ROOT/$name-$version"
  # The marker is written last: an interrupted install is redone, not trusted.
  if [ -f "$dir/.installed" ]; then continue; fi
  echo "policy-atlas: installing $spec into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  # allowScripts: the clients fetch their platform binaries as optional dependencies, not in scripts;
  # npm 11 blocks install scripts by default and none is needed.
  printf '{"private":true}\n' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --save-exact "$spec" >&2
  echo "$spec" > "$dir/.installed"
done
echo "$ROOT"
