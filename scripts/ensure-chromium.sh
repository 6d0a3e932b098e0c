# Sourced, not run: sets CHROMIUM_PATH to Debian's Chromium for the browser tests, installing it
# with apt when missing and allowed (root); otherwise says how.
if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH="$(command -v chromium || command -v chromium-browser || true)"
fi
if [ -z "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "policy-atlas: Chromium not found; installing Debian's chromium with apt-get (once, ~1 min)." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    CHROMIUM_PATH="$(command -v chromium)"
  else
    echo "policy-atlas: the browser tests need Chromium: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
export CHROMIUM_PATH
