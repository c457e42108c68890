#!/usr/bin/env bash
# `make bench`: the release server on a fresh SQLite database, loaded by wrk over loopback.
# Prints, per page: req/s, p50/p99 latency, server CPU per request; then server RSS and the
# first-load transfer size of /hromadas (HTML + JS + wasm + CSS) as a browser fetches it.
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

echo "| page | req/s | p50 ms | p99 ms | server CPU ms/req |"
echo "|---|---:|---:|---:|---:|"
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
  printf "| %s | %s | %s | %s | %s |\n" "$name" "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "$cpu"
done

rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$PID/status")
echo
echo "server RSS after the load: $rss MB"

echo
echo "| live dashboards | | | |"
echo "|---|---:|---:|---:|"
python3 server/bench_live.py "$BASE" "$SURVEY" "$PID" "${LIVE_CLIENTS:-500}" "${LIVE_SAVES:-40}"

# First load of /hromadas, as a browser with an empty cache fetches it.
html_bytes=$(curl -fsS -H 'Accept-Encoding: gzip, deflate, br, zstd' -o /dev/null -w '%{size_download}' "$BASE/hromadas")
total=$html_bytes
echo
echo "| first load of /hromadas (as a browser: assets brotli, page gzip) | bytes |"
echo "|---|---:|"
echo "| HTML | $html_bytes |"
for asset in $(curl -fsS "$BASE/hromadas" | grep -o '/pkg/[^"]*\.\(js\|wasm\|css\)' | sort -u); do
  bytes=$(curl -fsS -H 'Accept-Encoding: gzip, deflate, br, zstd' -o /dev/null -w '%{size_download}' "$BASE$asset")
  total=$((total + bytes))
  echo "| ${asset#/pkg/} | $bytes |"
done
echo "| **total** | **$total** ($((total / 1024)) KB) |"
