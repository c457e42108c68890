#!/usr/bin/env bash
# Starts the already-built release server for the end-to-end tests, on a fresh SQLite database
# in a temporary directory (the server imports the bundled registry on first start), and removes
# that directory when Playwright stops the server.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

BIN=../target/release/spilno
SITE=../target/site

if [[ ! -x "$BIN" ]]; then
  echo "start-server.sh: $BIN is missing or not executable; build the release server first (make build)." >&2
  exit 1
fi
if [[ ! -d "$SITE/pkg" ]]; then
  echo "start-server.sh: $SITE/pkg is missing; build the site first (make build)." >&2
  exit 1
fi

DATA=$(mktemp -d)
# Demo content, including one demo account per role (password in the README).
"$BIN" --data-dir "$DATA" load-demo >/dev/null
# One administrator per Playwright project, each with its one-time link for the accounts tests.
mkdir -p .run
for project in accounts-desktop accounts-phone; do
  "$BIN" --data-dir "$DATA" --public-url http://127.0.0.1:3100 create-admin "e2e-$project@spilno.test" --name "Адміністратор $project" \
    | tail -1 > ".run/$project.link"
done
# Each Playwright project sends its own X-Forwarded-For, so the per-address rate limits of the
# two viewports' sign-ins do not add up, as for two clients behind a proxy.
"$BIN" --data-dir "$DATA" --addr 127.0.0.1:3100 --site-root "$SITE" --trusted-proxies 127.0.0.1 serve &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT INT TERM
wait "$SERVER"
