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
# One administrator per Playwright project, each with its one-time link for the accounts tests.
mkdir -p .run
for project in accounts-desktop accounts-phone; do
  "$BIN" --data-dir "$DATA" --public-url http://127.0.0.1:3100 create-admin "e2e-$project@spilno.test" --name "Адміністратор $project" \
    | tail -1 > ".run/$project.link"
done
"$BIN" --data-dir "$DATA" --addr 127.0.0.1:3100 --site-root "$SITE" serve &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT INT TERM
wait "$SERVER"
