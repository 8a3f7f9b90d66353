#!/usr/bin/env python3
"""serve-reliability.py RESP SRCDIR [--seconds S] [--malformed N] [--max-rss-growth PCT]: resp serve under load

SPDX-License-Identifier: LGPL-2.1-or-later

Loopback only, bounded in time, nothing left running (the server dies with
this process). Two phases against one server (a copy of the example model,
its record and the local rulebook; --request-timeout 2 and --idle-timeout 2
so that slow senders are cut quickly):

1. S seconds (default 60) of mixed requests (who, scope, audit in text and
   JSON, assess of one event and of the example batch, validate, duties,
   health) from several client threads on keep-alive connections, while
   the model file is replaced by another valid one and reloaded, then by a
   broken one (the reload must fail, 422), then by the first again, twice.
   Every answer must be 200 and byte for byte the CLI's answer for one of
   the two models; the server's RSS at the end may be at most 5 % over its
   RSS after the warm-up (the first quarter, with the first round of
   reloads).
2. N malformed requests (default 10,000): bad JSON, bodies cut short and
   the connection closed, bodies over --max-body, wrong methods, unknown
   paths, garbage request lines, and slow senders that trickle their
   headers; each kind must get its status (400, 413, 405, 404) or, for the
   cut and the slow ones, nothing but the connection closed by the server.
   A health check every 20 ms throughout must answer 200 within a second.

Exit status 0 when every check holds; the figures on stdout.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

AT = "2026-03-05T08:10:00+08:00"
MAX_BODY = 200000


def die_with_parent():
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cli(resp, args):
    return subprocess.run([resp] + args, check=True, capture_output=True).stdout


class Failures:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def add(self, what):
        with self.lock:
            if len(self.items) < 20:
                print("FAIL: " + what, file=sys.stderr)
            self.items.append(what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("resp")
    ap.add_argument("src")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--malformed", type=int, default=10000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--max-rss-growth", type=float, default=5.0,
                    help="percent; negative: reported, not checked (short runs, sanitizers)")
    opts = ap.parse_args()
    resp, src = os.path.realpath(opts.resp), opts.src
    data = os.path.join(src, "examples/data")
    tmp = tempfile.mkdtemp(prefix="serve-reliability-")
    failures = Failures()
    try:
        return run(opts, resp, data, tmp, failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(opts, resp, data, tmp, failures):
    city = open(os.path.join(data, "city.json"), encoding="utf-8").read()
    model_a, model_b = city, city.replace("江川市大数据中心", "江川市大数据管理中心")
    broken = model_a[: len(model_a) // 2]
    model = os.path.join(tmp, "model.json")
    record = os.path.join(data, "record.json")
    events = os.path.join(data, "events.json")
    events_body = open(events, "rb").read()
    one_event = re.search(rb"\n  (\{.*?\n  \})", events_body, re.S).group(1)
    one_file = os.path.join(tmp, "one.json")
    open(one_file, "wb").write(one_event)
    rules = ["--rulebook", "cn-local-2026-example", "--record", record]

    # the questions: (method, target, body, CLI arguments with MODEL for the model)
    questions = [
        ("GET", "/v1/who/s-portal?format=text&at=" + urllib.parse.quote(AT), None,
         ["who", "MODEL", "s-portal", "--at", AT, "--format", "text"]),
        ("GET", "/v1/who/s-egov?at=" + urllib.parse.quote(AT), None,
         ["who", "MODEL", "s-egov", "--at", AT, "--format", "json"]),
        ("GET", "/v1/scope/p-zheng?at=2025-06-01&format=text", None,
         ["scope", "MODEL", "p-zheng", "--at", "2025-06-01", "--format", "text"]),
        ("GET", "/v1/audit?at=2025-06-01", None, ["audit", "MODEL", "--at", "2025-06-01", "--format", "json"]),
        ("POST", "/v1/assess", one_event, ["assess", "MODEL", one_file] + rules + ["--format", "json"]),
        ("POST", "/v1/assess?format=text", events_body, ["assess", "MODEL", events] + rules + ["--format", "text"]),
        ("POST", "/v1/validate", model_b.encode(), None),
        ("POST", "/v1/duties?year=2026&at=2027-01-10", b"",
         ["duties", "MODEL", record, "--rulebook", "cn-local-2026-example", "--year", "2026", "--at", "2027-01-10",
          "--format", "json"]),
    ]
    expected = []
    for text in (model_a, model_b):
        open(model, "w", encoding="utf-8").write(text)
        answers = []
        for method, target, body, args in questions:
            if args is None:
                b_file = os.path.join(tmp, "b.json")
                open(b_file, "w", encoding="utf-8").write(model_b)
                args = ["validate", b_file, "--format", "json"]
            answers.append(cli(resp, [a if a != "MODEL" else model for a in args]))
        expected.append(answers)
    allowed = [{expected[0][i], expected[1][i]} for i in range(len(questions))]
    print(f"{len(questions)} questions; {sum(len(a) > 1 for a in allowed)} answer differently on the two models")

    open(model, "w", encoding="utf-8").write(model_a)
    proc = subprocess.Popen([resp, "serve", model, "--listen", "127.0.0.1:0"] + rules +
                            ["--max-body", str(MAX_BODY), "--request-timeout", "2", "--idle-timeout", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, preexec_fn=die_with_parent)
    try:
        line = proc.stdout.readline()
        m = re.match(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            failures.add(f"resp serve said {line!r}")
            return 1
        port = int(m.group(1))
        mixed(opts, port, proc, questions, allowed, model, (model_a, model_b, broken), failures)
        malformed(opts, port, proc, failures)
        # still right after all that
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i, (method, target, body, _) in enumerate(questions):
            conn.request(method, target, body=body)
            r = conn.getresponse()
            got = r.read()
            if r.status != 200 or got not in allowed[i]:
                failures.add(f"after the storm: {method} {target}: {r.status}")
        conn.close()
        proc.send_signal(signal.SIGTERM)
        if proc.wait(timeout=60) != 0:
            failures.add(f"resp serve exited {proc.returncode} after SIGTERM")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    print(f"serve-reliability: {len(failures.items)} failures")
    return 1 if failures.items else 0


def mixed(opts, port, proc, questions, allowed, model, models, failures):
    stop = threading.Event()
    counts = [[0, 0] for _ in range(opts.threads)]  # answers, wrong

    def client(k):
        rng = random.Random(k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            i = rng.randrange(len(questions) + 1)
            try:
                if i == len(questions):
                    conn.request("GET", "/v1/health")
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 200
                    what = f"health {r.status}"
                else:
                    method, target, body, _ = questions[i]
                    conn.request(method, target, body=body)
                    r = conn.getresponse()
                    got = r.read()
                    ok = r.status == 200 and got in allowed[i]
                    what = f"{method} {target}: {r.status} {got[:80]!r}"
            except (http.client.RemoteDisconnected, ConnectionError) as e:
                # an idle keep-alive connection the server closed: not an answer
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                if isinstance(e, http.client.RemoteDisconnected):
                    continue
                ok, what = False, repr(e)
            counts[k][0] += 1
            if not ok:
                counts[k][1] += 1
                failures.add("mixed: " + what)
        conn.close()

    def reload(expect):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("POST", "/v1/reload", body=b"")
        r = c.getresponse()
        r.read()
        c.close()
        if r.status != expect:
            failures.add(f"reload: {r.status}, expected {expect}")

    def write(text):
        tmp = model + ".new"
        open(tmp, "w", encoding="utf-8").write(text)
        os.replace(tmp, model)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(opts.threads)]
    start = time.monotonic()
    for t in threads:
        t.start()
    # the warm-up takes a first round of reloads too: the first model built
    # in the reload thread brings that thread's malloc arena, once
    plan = [(0.1, models[1], 200), (0.15, models[2], 422), (0.2, models[0], 200), (0.25, None, None),
            (0.45, models[1], 200), (0.6, models[2], 422), (0.75, models[0], 200)]
    rss0 = 0
    for frac, text, status in plan:
        time.sleep(max(0, start + opts.seconds * frac - time.monotonic()))
        if text is None:
            rss0 = rss_kib(proc.pid)
            continue
        write(text)
        reload(status)
    time.sleep(max(0, start + opts.seconds - time.monotonic()))
    stop.set()
    for t in threads:
        t.join()
    rss1 = rss_kib(proc.pid)
    n = sum(c[0] for c in counts)
    wrong = sum(c[1] for c in counts)
    elapsed = time.monotonic() - start
    growth = 100.0 * (rss1 - rss0) / rss0
    print(f"mixed: {n} answers in {elapsed:.1f} s from {opts.threads} threads ({n / elapsed:.0f}/s), {wrong} wrong; "
          f"reloads: good, bad (422), good, twice; RSS after the first round {rss0}, at the end {rss1} KiB "
          f"({growth:+.2f} %)")
    print("server: " + server_counters(port))
    if opts.max_rss_growth >= 0 and growth >= opts.max_rss_growth:
        failures.add(f"mixed: RSS grew {growth:.2f} %")
    if n == 0:
        failures.add("mixed: no answer at all")


def server_counters(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics")
    counters = [line for line in c.getresponse().read().decode().splitlines()
                if line.startswith(("resp_connections", "resp_requests_timed_out"))]
    c.close()
    return ", ".join(counters)


def malformed(opts, port, proc, failures):
    """N bad requests on fresh connections, health checks between."""
    kinds = [
        ("bad JSON", b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"id\": [}", 400),
        ("bad query", b"GET /v1/who/s-portal?at=yesterday HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
        # libsoup 3.2 answers a status set at the headers once the body is in
        # (dropped as it comes), unless the client waits for 100 Continue
        ("over the limit, sent", b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close"
         b"\r\n\r\n%s" % (MAX_BODY + 1, b" " * (MAX_BODY + 1)), 413),
        ("over the limit, 100-continue", b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n"
         b"Expect: 100-continue\r\nConnection: close\r\n\r\n" % (MAX_BODY + 1), 413),
        ("wrong method", b"DELETE /v1/assess HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
        ("wrong method", b"GET /v1/validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
        ("unknown path", b"GET /v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", None),
        ("unknown node", b"GET /v1/who/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", None),
        ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", None),
        ("cut short", b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n[{\"format\": ", "cut"),
        ("chunked, bad", b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close"
         b"\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n", 400),
    ]
    statuses = {}
    stop = threading.Event()
    health = {"n": 0, "bad": 0, "slowest": 0.0}
    lock = threading.Lock()
    next_i = [0]

    def health_loop():
        while not stop.is_set():
            t0 = time.monotonic()
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/v1/health")
                r = c.getresponse()
                r.read()
                c.close()
                ok = r.status == 200
                why = r.status
            except (OSError, http.client.HTTPException) as e:
                ok = False
                why = repr(e)
            dt = time.monotonic() - t0
            health["n"] += 1
            health["slowest"] = max(health["slowest"], dt)
            if not ok:
                health["bad"] += 1
                failures.add(f"health during the storm: no 200 within 1 s ({dt:.2f} s: {why})")
            time.sleep(0.02)

    def one(kind, raw, expect):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        try:
            s.sendall(raw)
            if expect == "cut":
                s.close()
                return "cut"
            got = b""
            try:
                while b"\r\n" not in got:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    got += chunk
            except ConnectionResetError:
                pass
            m = re.match(rb"HTTP/1\.1 (\d{3}) ", got)
            status = int(m.group(1)) if m else "closed"
            if expect is None:
                ok = status in (400, 404, "closed")
            else:
                ok = status == expect
            if not ok:
                failures.add(f"malformed, {kind}: {status}, expected {expect}")
            return status
        finally:
            s.close()

    def worker():
        while True:
            with lock:
                i = next_i[0]
                if i >= opts.malformed:
                    return
                next_i[0] += 1
            kind, raw, expect = kinds[i % len(kinds)]
            status = one(kind, raw, expect)
            with lock:
                statuses[(kind, status)] = statuses.get((kind, status), 0) + 1

    # slow senders: a header a byte at a time, never done; the server cuts each
    def slow(results):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        t0 = time.monotonic()
        try:
            for b in b"POST /v1/assess HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"y" * 1000:
                s.send(bytes([b]))
                time.sleep(0.5)
                if time.monotonic() - t0 > 15:
                    break
            results.append(None)
        except OSError:
            results.append(time.monotonic() - t0)
        finally:
            s.close()

    rss0 = rss_kib(proc.pid)
    h = threading.Thread(target=health_loop)
    h.start()
    slow_results = []
    slows = [threading.Thread(target=slow, args=(slow_results,)) for _ in range(20)]
    for t in slows:
        t.start()
    start = time.monotonic()
    workers = [threading.Thread(target=worker) for _ in range(opts.threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.monotonic() - start
    for t in slows:
        t.join()
    stop.set()
    h.join()
    rss1 = rss_kib(proc.pid)
    print("server: " + server_counters(port))
    cut = [r for r in slow_results if r is not None]
    if len(cut) != len(slows):
        failures.add(f"slow senders: {len(slows) - len(cut)} of {len(slows)} not cut off in 15 s")
    print(f"malformed: {opts.malformed} requests in {elapsed:.1f} s ({opts.malformed / elapsed:.0f}/s); "
          + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items(), key=str)))
    print(f"slow senders: {len(cut)} of {len(slows)} cut off after {min(cut or [0]):.1f}-{max(cut or [0]):.1f} s; "
          f"health checks meanwhile: {health['n']}, {health['bad']} failed, slowest {health['slowest'] * 1000:.0f} ms; "
          f"RSS {rss0} -> {rss1} KiB")


if __name__ == "__main__":
    sys.exit(main())
