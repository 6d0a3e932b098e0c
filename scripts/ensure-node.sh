# Sourced, not run: makes `node` on PATH a Node >= 22.18 (Astro 7 needs 22.12; 22.18 runs our TypeScript without a build step).
# On an older machine it fetches the npm registry's `node` package once into the user cache
# (see README "Prerequisites"); on a recent machine it does nothing.
policy_atlas_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null
}
if ! policy_atlas_node_ok; then
  POLICY_ATLAS_NODE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}/policy-atlas/node-24"
  if [ ! -x "$POLICY_ATLAS_NODE_HOME/node_modules/.bin/node" ]; then
    echo "policy-atlas: Node $(node --version 2>/dev/null || echo 'missing') is older than 22.18;" \
      "fetching node@24 from the npm registry into $POLICY_ATLAS_NODE_HOME (once, ~190 MB)." >&2
    mkdir -p "$POLICY_ATLAS_NODE_HOME"
    # allowScripts: the node package needs its preinstall (npm 11 blocks scripts by default).
    printf '{"private":true,"allowScripts":{"node":true}}\n' > "$POLICY_ATLAS_NODE_HOME/package.json"
    npm install --prefix "$POLICY_ATLAS_NODE_HOME" --no-audit --no-fund --loglevel=error node@24 >&2 || {
      echo "policy-atlas: could not install node@24 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$POLICY_ATLAS_NODE_HOME/node_modules/.bin:$PATH"
  hash -r
  policy_atlas_node_ok || { echo "policy-atlas: still no Node >= 22.18 on PATH" >&2; return 1 2>/dev/null || exit 1; }
fi
