#!/usr/bin/env python3
"""`make bench`, live part: CLIENTS dashboards hold the event stream (`/live`) open while a
representative saves answers; prints the time from sending a save to each dashboard receiving
its event (p50/p95/max over every dashboard and save), the save's own round trip, the time to
compute the dashboard afresh (its JSON export, which is never cached) and the server's RSS with
the dashboards connected. Standard library only.

usage: bench_live.py BASE_URL SURVEY_ID SERVER_PID [CLIENTS] [SAVES]
"""

import asyncio
import json
import re
import sys
import time
import urllib.parse
import urllib.request

BASE, SURVEY, PID = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 500
SAVES = int(sys.argv[5]) if len(sys.argv) > 5 else 40
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
TOPIC = f"survey:{SURVEY}"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def sign_in(email, password):
    page = urllib.request.urlopen(f"{BASE}/signin").read().decode()
    action = re.search(r'action="(/api/[^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password}).encode()
    request = urllib.request.Request(
        f"{BASE}{action}",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
                 "Sec-Fetch-Site": "same-origin"},
    )

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(Keep)
    try:
        response = opener.open(request)
        headers = response.headers
    except urllib.error.HTTPError as error:
        headers = error.headers
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("spilno_session="))
    return cookie.split(";")[0]


async def dashboard(arrivals, ready):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    writer.write(f"GET /live HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    ready()
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"data: ") and line[6:].strip().decode() == TOPIC:
            arrivals.append(time.perf_counter())


def rss_mb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024


async def main():
    cookie = sign_in("representative@demo.spilno.org.ua", "spilno-demo-2026")
    arrivals = []
    connected = 0

    def ready():
        nonlocal connected
        connected += 1

    tasks = [asyncio.create_task(dashboard(arrivals, ready)) for _ in range(CLIENTS)]
    while connected < CLIENTS:
        await asyncio.sleep(0.05)
    loop = asyncio.get_running_loop()
    body = json.dumps({"id": SURVEY, "form": {"answers": []}, "submit": True, "lang": "Uk"}).encode()

    def save():
        request = urllib.request.Request(
            f"{BASE}/api/save_survey_answers", data=body,
            headers={"Content-Type": "application/json", "Accept": "application/json",
                     "Cookie": cookie, "Sec-Fetch-Site": "same-origin"},
        )
        urllib.request.urlopen(request).read()

    def export():
        urllib.request.urlopen(f"{BASE}/analytics/surveys/{SURVEY}/dashboard.json").read()

    latencies, round_trips, computes = [], [], []
    for _ in range(SAVES):
        arrivals.clear()
        sent = time.perf_counter()
        await loop.run_in_executor(None, save)
        round_trips.append((time.perf_counter() - sent) * 1000)
        deadline = time.perf_counter() + 5
        while len(arrivals) < CLIENTS and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        if len(arrivals) < CLIENTS:
            sys.exit(f"only {len(arrivals)} of {CLIENTS} dashboards got the event")
        latencies.extend((a - sent) * 1000 for a in arrivals)
        started = time.perf_counter()
        await loop.run_in_executor(None, export)
        computes.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.05)
    rss = rss_mb()
    for task in tasks:
        task.cancel()
    print(f"| live: save → event at each of {CLIENTS} dashboards | p50 {percentile(latencies, 50):.1f} ms | "
          f"p95 {percentile(latencies, 95):.1f} ms | max {max(latencies):.1f} ms |")
    print(f"| live: the save's round trip | p50 {percentile(round_trips, 50):.1f} ms | "
          f"p95 {percentile(round_trips, 95):.1f} ms | max {max(round_trips):.1f} ms |")
    print(f"| survey dashboard computed afresh (JSON export) | p50 {percentile(computes, 50):.1f} ms | "
          f"p95 {percentile(computes, 95):.1f} ms | max {max(computes):.1f} ms |")
    print(f"\nserver RSS with {CLIENTS} dashboards connected: {rss:.1f} MB")


asyncio.run(main())
