#!/usr/bin/env python3
"""slow-shapes.py RESP [N ...]: how the time of `resp` grows on inputs shaped
to be slow (issue 19, item 4), as an exponent rather than a timed test.

For each shape, the input is made at sizes N, 2N, 4N (default N = 4000),
`resp` runs on it (best of three, wall time), and the exponent is
log2(t(4N) / t(2N)): about 1 for linear growth, 2 for quadratic.

Shapes:
  who-text, who-dot  `resp who` on a system at the bottom of a chain of N
                     units, each `under` the next, the top one in a region
                     whose committee leads it
  audit              `resp audit` on the same model

SPDX-License-Identifier: LGPL-2.1-or-later
"""
import json
import math
import os
import subprocess
import sys
import tempfile
import time


def chain_model(n, path):
    nodes = [{"id": "r", "type": "region", "name": "R", "level": "prefectural"},
             {"id": "k", "type": "committee", "name": "K", "form": "party_committee"},
             {"id": "s", "type": "system", "name": "S"}]
    rels = [{"rel": "leads", "from": "k", "to": "r"},
            {"rel": "located_in", "from": "u0", "to": "r"},
            {"rel": "operates", "from": "u%d" % (n - 1), "to": "s"}]
    for i in range(n):
        nodes.append({"id": "u%d" % i, "type": "unit", "name": "U%d" % i})
        if i > 0:
            rels.append({"rel": "under", "from": "u%d" % i, "to": "u%d" % (i - 1)})
    with open(path, "w") as f:
        json.dump({"format": "libresp/model/1", "nodes": nodes, "relations": rels}, f)


SHAPES = {
    "who-text": ["who", "{model}", "s", "--at", "2026-06-01"],
    "who-dot": ["who", "{model}", "s", "--at", "2026-06-01", "--format", "dot"],
    "audit": ["audit", "{model}", "--at", "2026-06-01"],
}


def best_of(argv, runs=3):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    return best


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    resp = sys.argv[1]
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    sizes = [base, 2 * base, 4 * base]
    with tempfile.TemporaryDirectory() as tmp:
        models = {}
        for n in sizes:
            models[n] = os.path.join(tmp, "chain-%d.json" % n)
            chain_model(n, models[n])
        print("%-9s %s   exponent" % ("shape", "  ".join("%9s" % ("N=%d" % n) for n in sizes)))
        for name, args in SHAPES.items():
            times = [best_of([resp] + [a.format(model=models[n]) for a in args]) for n in sizes]
            exp = math.log2(times[2] / times[1]) if times[1] > 0 else float("nan")
            print("%-9s %s   %.2f" % (name, "  ".join("%8.3fs" % t for t in times), exp))


if __name__ == "__main__":
    main()
