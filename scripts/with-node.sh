#!/usr/bin/env bash
# Runs the given command with Node >= 22.18 first on PATH (npm scripts go through here).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh"
exec "$@"
