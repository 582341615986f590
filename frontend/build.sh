#!/usr/bin/env bash
# Builds or tests the web app with this machine's Node.js and npm (called by Maven: pom.xml; or by hand).
# Where npm is missing or Node.js is too old, it says so in one line and stops without failing, so that the rest of
# the platform still builds; the gateway then explains at / how to build the web app.
# Usage: frontend/build.sh build|test
set -euo pipefail
cd "$(dirname "$0")"
what=${1:-build}
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[tributary] web app not built: npm was not found (install Node.js 20.19 or newer with npm, then build again)"
  exit 0
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "[tributary] web app not built: Node.js $(node --version) is older than 20.19"
  exit 0
fi
# install again only when the lock file changed since the last install
stamp=node_modules/.tributary-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
case "$what" in
  build) npm run --silent build ;;
  test) npm run --silent test ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
