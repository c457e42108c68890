#!/usr/bin/env bash
# `make bench`: the release server on a fresh SQLite database, loaded by wrk over loopback.
# Prints, per page: req/s, p50/p99 latency, server CPU per request and the page's first-load size
# (in Chromium with an empty cache: HTML, CSS, JS and wasm as served, lazy islands' wasm chunks
# included, images not; end2end/first-load.cjs, the budget test's own measurement); then server
# RSS, the live dashboards, each page's first load in parts, and Lighthouse's mobile scores of
# four pages (Lighthouse from end2end/node_modules, Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

ADDR=127.0.0.1:3200
BASE="http://$ADDR"
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
DATA=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"' EXIT

NEWS=${NEWS:-10000}
echo "generating $NEWS synthetic news items…"
generate_start=$(date +%s)
target/release/spilno --data-dir "$DATA" generate-news "$NEWS" >/dev/null
echo "generated in $(( $(date +%s) - generate_start )) s"
NEEDS=${NEEDS:-100000}
echo "generating a 30-question survey answered by every hromada it asks, and $NEEDS needs…"
generate_start=$(date +%s)
target/release/spilno --data-dir "$DATA" load-demo >/dev/null
SURVEY=$(target/release/spilno --data-dir "$DATA" generate-analytics "$NEEDS")
echo "generated in $(( $(date +%s) - generate_start )) s"
echo

RUST_LOG=warn target/release/spilno --data-dir "$DATA" --addr "$ADDR" --site-root target/site serve &
PID=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$BASE/healthz" >/dev/null
ARTICLE=$(curl -fsS "$BASE/news.rss" | grep -o "<link>$BASE/news/[a-z0-9-]*</link>" | head -1 | sed "s|<link>$BASE||; s|</link>||")

ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
CLK_TCK=$(getconf CLK_TCK)

PAGES=(
  "list|/hromadas"
  "filtered|/hromadas?oblast=UA46000000000026241&kind=rural&pop_min=5000&sort=population_desc"
  "profile|/hromadas/UA46060250000025047"
  "search|/hromadas?q=%D0%BA%D0%B0%D0%BC%27%D1%8F%D0%BD"
  "home|/"
  "article|$ARTICLE"
  "tag|/news/tag/tema-7"
  "news search|/news?q=%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B0"
  "news by sector|/news?sector=education"
  "initiatives|/initiatives"
  "survey dashboard|/analytics/surveys/$SURVEY"
  "survey dashboard, rural vs urban|/analytics/surveys/$SURVEY?compare=kind"
  "needs overview|/analytics/needs"
  "needs overview, rural|/analytics/needs?kind=rural"
)

# First loads, measured before the load (each in a fresh browser context: an empty cache).
PATHS=()
for entry in "${PAGES[@]}"; do PATHS+=("${entry#*|}"); done
loads=$(node end2end/first-load.cjs "$BASE" "${PATHS[@]}")
mapfile -t LOADS <<<"$loads"
if [[ ${#LOADS[@]} -ne ${#PAGES[@]} ]]; then
  echo "first-load.cjs measured ${#LOADS[@]} of ${#PAGES[@]} pages:" >&2; echo "$loads" >&2; exit 1
fi
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

echo "| page | req/s | p50 ms | p99 ms | server CPU ms/req | first load KB |"
echo "|---|---:|---:|---:|---:|---:|"
i=0
for entry in "${PAGES[@]}"; do
  name=${entry%%|*}; path=${entry#*|}
  wrk -t1 -c8 -d2s "$BASE$path" >/dev/null   # warm-up
  before=$(ticks)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip, deflate, br, zstd' "$BASE$path")
  after=$(ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  if echo "$out" | grep -q "Non-2xx\|Socket errors"; then
    echo "$name: failed requests:" >&2; echo "$out" >&2; exit 1
  fi
  to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v); print v } else { sub(/s/, "", v); print v * 1000 } }'; }
  cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')
  first_load=$(echo "${LOADS[$i]}" | cut -f2)
  i=$((i + 1))
  printf "| %s | %s | %s | %s | %s | %s |\n" "$name" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "$cpu" "$(kb "$first_load")"
done

rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status")
echo
echo "server RSS after the load: $rss MB"

echo
echo "| live dashboards | | | |"
echo "|---|---:|---:|---:|"
python3 server/bench_live.py "$BASE" "$SURVEY" "$PID" "${LIVE_CLIENTS:-500}" "${LIVE_SAVES:-40}"

# Each page's first load in parts (1 KB = 1024 B; the budget test's limit is 150 KB).
echo
echo "| first load (Chromium, empty cache, as served; images not counted) | total KB | HTML | CSS | JS | wasm | requests | islands |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for i in "${!PAGES[@]}"; do
  IFS=$'\t' read -r _ total html css js wasm requests hydrated <<<"${LOADS[$i]}"
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n" "${PAGES[$i]%%|*}" "$(kb "$total")" "$(kb "$html")" "$(kb "$css")" \
    "$(kb "$js")" "$(kb "$wasm")" "$requests" "$hydrated"
done

# Lighthouse, mobile (its defaults: a mid-range phone, simulated slow 4G and 4x CPU slowdown).
CHROME_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
echo
echo "| Lighthouse (mobile) | performance | accessibility | best practices | SEO |"
echo "|---|---:|---:|---:|---:|"
for entry in "home|/" "a news item|$ARTICLE" "hromada profile|/hromadas/UA46060250000025047" "survey dashboard|/analytics/surveys/$SURVEY"; do
  name=${entry%%|*}; path=${entry#*|}
  report="$DATA/lighthouse.json"
  if CHROME_PATH="$CHROME_PATH" end2end/node_modules/.bin/lighthouse "$BASE$path" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility,best-practices,seo --chrome-flags="$CHROME_FLAGS" >/dev/null 2>"$DATA/lighthouse.log"; then
    node -e '
      const r = require(process.argv[1]);
      const score = (id) => (r.categories[id]?.score == null ? "failed" : Math.round(r.categories[id].score * 100));
      console.log(`| ${process.argv[2]} | ${["performance", "accessibility", "best-practices", "seo"].map(score).join(" | ")} |`);
      if (r.runtimeError) console.error(`${process.argv[2]}: ${r.runtimeError.code}: ${r.runtimeError.message}`);
    ' "$report" "$name"
  else
    echo "| $name | failed | | | |"
    tail -5 "$DATA/lighthouse.log" >&2
  fi
done
