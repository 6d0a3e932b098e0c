#!/usr/bin/env bash
# The test command: unit tests, a build of the sample catalog, and browser tests in Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh
. scripts/ensure-chromium.sh
exec npx vitest run "$@"
