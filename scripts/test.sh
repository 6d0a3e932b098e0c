#!/usr/bin/env bash
# The test command: a type check (core, CLI, pages), unit tests, a build of the sample catalog, and
# browser tests in Chromium. With arguments (e.g. --project unit), only vitest runs, with them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh
. scripts/ensure-chromium.sh
if [ "$#" -eq 0 ]; then
  echo "policy-atlas: type check (astro check)" >&2
  npx astro check --minimumSeverity error
fi
exec npx vitest run "$@"
