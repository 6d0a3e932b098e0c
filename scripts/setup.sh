#!/usr/bin/env bash
# First run on a fresh machine: Node >= 22.18 if missing, the npm packages, then the sample site.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/ensure-node.sh
echo "policy-atlas: using Node $(node --version) at $(command -v node)"
npm install --no-audit --no-fund
exec node scripts/build.mjs
