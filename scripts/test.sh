#!/usr/bin/env bash
# The test command: the formatting and a lint, a type check (core, CLI, pages), unit tests, what we write loaded by the real MCP
# clients, a build of the sample catalog, and browser tests in Chromium. With arguments (e.g. --project unit), only vitest runs, with them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh
. scripts/ensure-chromium.sh
if [ "$#" -eq 0 ]; then
  # The real MCP clients for tests/clients, installed once like Node and Chromium above. Without the
  # npm registry the install fails and so does that suite, saying how to install them: never a skip.
  bash scripts/clients.sh >/dev/null || echo "policy-atlas: the MCP clients could not be installed; tests/clients will fail until 'bash scripts/clients.sh' succeeds" >&2
  echo "policy-atlas: formatting (prettier --check) and lint (eslint)" >&2
  npx prettier --check --log-level warn .
  npx eslint .
  echo "policy-atlas: type check (astro check)" >&2
  npx astro check --minimumSeverity error
fi
exec npx vitest run "$@"
