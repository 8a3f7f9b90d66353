#!/usr/bin/env python3
"""slow-shapes.py RESP [N ...]: how the time of `resp` grows on inputs shaped
to be slow (issue 19, item 4), as an exponent rather than a timed test.

For each shape, the input is made at sizes N, 2N, 4N (default N = 2000:
the chain, operators, tenures and decision shapes past 10,000 are refused
by the default RespLimits, max_chain_depth, max_system_operators and
max_committee_members; a refused run prints as "refused"),
`resp` runs on it (best of three, wall time), and the exponent is
log2(t(4N) / t(2N)): about 1 for linear growth, 2 for quadratic.

Shapes:
  who-text, who-dot  `resp who` on a system at the bottom of a chain of N
                     units, each `under` the next, the top one in a region
                     whose committee leads it
  audit              `resp audit` on the same model
  operators          `resp assess` of an event on a system N units operate,
                     each in a region of its own led by a committee of its own
  tenures            `resp audit` on a unit and a committee whose head and
                     main leader changed N times, vacant between tenures
  leaders            `resp audit` on a region led by N committees in turn,
                     vacant between them
  unit-leaders       the same with a unit in the region (whose responsible
                     committee is the region's at each instant)
  op-tenures         `resp audit` on a system operated by N units in turn,
                     vacant between them
  decision           `resp assess` of an event with a decision of a committee
                     taken by its N members
  missing            `resp assess` under a rulebook layer whose circumstance
                     reads N facts the event does not state

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


EVENT = {"format": "libresp/event/1", "id": "E1", "title": "T",
         "occurred_at": "2026-06-01T10:00:00+08:00", "units": [],
         "facts": {"attacked": True, "tampered": True, "harmful_info_spread_widely": True,
                   "reported_in_time": False, "handled_in_time": False}}


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f)


def operators_model(n, path):
    nodes = [{"id": "s", "type": "system", "name": "S", "kind": "party_gov_portal"},
             {"id": "p", "type": "person", "name": "P"}]
    rels = []
    for i in range(n):
        nodes += [{"id": "r%d" % i, "type": "region", "name": "R%d" % i, "level": "county"},
                  {"id": "k%d" % i, "type": "committee", "name": "K%d" % i, "form": "party_committee"},
                  {"id": "u%d" % i, "type": "unit", "name": "U%d" % i}]
        rels += [{"rel": "leads", "from": "k%d" % i, "to": "r%d" % i},
                 {"rel": "located_in", "from": "u%d" % i, "to": "r%d" % i},
                 {"rel": "operates", "from": "u%d" % i, "to": "s"}]
    write_json(path, {"format": "libresp/model/1", "nodes": nodes, "relations": rels})
    write_json(path + ".event", dict(EVENT, systems=["s"], involved=["p"]))


def tenures_model(n, path):
    nodes = [{"id": "r", "type": "region", "name": "R", "level": "county"},
             {"id": "k", "type": "committee", "name": "K", "form": "party_committee"},
             {"id": "u", "type": "unit", "name": "U"}]
    rels = [{"rel": "leads", "from": "k", "to": "r"},
            {"rel": "located_in", "from": "u", "to": "r"}]
    # one tenure a month, of its first half: the post is vacant in between
    for i in range(n):
        y, m = divmod(i, 12)
        since, until = "%04d-%02d-01" % (1000 + y, m + 1), "%04d-%02d-15" % (1000 + y, m + 1)
        nodes.append({"id": "p%d" % i, "type": "person", "name": "P%d" % i})
        rels.append({"rel": "heads", "from": "p%d" % i, "to": "u", "since": since, "until": until})
        rels.append({"rel": "member", "from": "p%d" % i, "to": "k", "role": "main_leader",
                     "since": since, "until": until})
    write_json(path, {"format": "libresp/model/1", "nodes": nodes, "relations": rels})


def monthly(i):
    """The first half of month i from January 1000: a tenure."""
    y, m = divmod(i, 12)
    return "%04d-%02d-01" % (1000 + y, m + 1), "%04d-%02d-15" % (1000 + y, m + 1)


def leaders_model(n, path, unit=False):
    nodes = [{"id": "r", "type": "region", "name": "R", "level": "county"}]
    rels = []
    if unit:
        nodes.append({"id": "u", "type": "unit", "name": "U"})
        rels.append({"rel": "located_in", "from": "u", "to": "r"})
    for i in range(n):
        since, until = monthly(i)
        nodes.append({"id": "k%d" % i, "type": "committee", "name": "K%d" % i, "form": "party_committee"})
        rels.append({"rel": "leads", "from": "k%d" % i, "to": "r", "since": since, "until": until})
    write_json(path, {"format": "libresp/model/1", "nodes": nodes, "relations": rels})


def unit_leaders_model(n, path):
    leaders_model(n, path, unit=True)


def op_tenures_model(n, path):
    nodes = [{"id": "r", "type": "region", "name": "R", "level": "county"},
             {"id": "s", "type": "system", "name": "S", "kind": "party_gov_portal"}]
    rels = []
    for i in range(n):
        since, until = monthly(i)
        nodes.append({"id": "u%d" % i, "type": "unit", "name": "U%d" % i})
        rels += [{"rel": "located_in", "from": "u%d" % i, "to": "r"},
                 {"rel": "operates", "from": "u%d" % i, "to": "s", "since": since, "until": until}]
    write_json(path, {"format": "libresp/model/1", "nodes": nodes, "relations": rels})


def decision_model(n, path):
    nodes = [{"id": "r", "type": "region", "name": "R", "level": "county"},
             {"id": "k", "type": "committee", "name": "K", "form": "party_committee"},
             {"id": "u", "type": "unit", "name": "U"},
             {"id": "s", "type": "system", "name": "S", "kind": "party_gov_portal"}]
    rels = [{"rel": "leads", "from": "k", "to": "r"},
            {"rel": "located_in", "from": "u", "to": "r"},
            {"rel": "operates", "from": "u", "to": "s"}]
    people = []
    for i in range(n):
        people.append("p%d" % i)
        nodes.append({"id": "p%d" % i, "type": "person", "name": "P%d" % i})
        rels.append({"rel": "member", "from": "p%d" % i, "to": "k",
                     "role": "main_leader" if i == 0 else "member", "since": "2020-01-01"})
    write_json(path, {"format": "libresp/model/1", "nodes": nodes, "relations": rels})
    write_json(path + ".event", dict(EVENT, systems=["s"], involved=[],
                                     decisions=[{"committee": "k", "participants": people,
                                                 "dissent": []}]))


def missing_model(n, path):
    decision_model(1, path)
    write_json(path + ".event", dict(EVENT, systems=["s"], involved=[]))
    write_json(path + ".rulebook", {
        "format": "libresp/rulebook/1", "id": "many-facts", "title": "N facts",
        "extends": "cn-party-cyber-2017",
        "facts": [{"name": "f%d" % i, "type": "bool", "description": "F%d" % i} for i in range(n)],
        "circumstances": [{"id": "many", "cite": "measures Art. 8", "scope": "system",
                           "since": "2017-08-15", "summary": "any of N facts",
                           "condition": {"or": [{"var": "fact.f%d" % i} for i in range(n)]}}]})


SHAPES = {
    "who-text": ["who", "{model}", "s", "--at", "2026-06-01"],
    "who-dot": ["who", "{model}", "s", "--at", "2026-06-01", "--format", "dot"],
    "audit": ["audit", "{model}", "--at", "2026-06-01"],
    "operators": ["assess", "{model}", "{model}.event", "-f", "json"],
    "tenures": ["audit", "{model}", "--at", "1100-03-20"],
    "leaders": ["audit", "{model}", "--at", "1100-03-20"],
    "unit-leaders": ["audit", "{model}", "--at", "1100-03-20"],
    "op-tenures": ["audit", "{model}", "--at", "1100-03-20"],
    "decision": ["assess", "{model}", "{model}.event", "-f", "json"],
    "missing": ["assess", "{model}", "{model}.event", "-f", "json", "-r", "{model}.rulebook"],
}

MAKERS = {"operators": operators_model, "tenures": tenures_model,
          "leaders": leaders_model, "unit-leaders": unit_leaders_model,
          "op-tenures": op_tenures_model,
          "decision": decision_model, "missing": missing_model}


def best_of(argv, runs=3):
    """The best wall time of runs, or None when resp refuses the input."""
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        if done.returncode != 0:
            return None
        best = t if best is None else min(best, t)
    return best


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    resp = sys.argv[1]
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    sizes = [base, 2 * base, 4 * base]
    with tempfile.TemporaryDirectory() as tmp:
        only = os.environ.get("SHAPES", "").split(",") if os.environ.get("SHAPES") else None
        models = {}
        for n in sizes:
            models[("chain", n)] = os.path.join(tmp, "chain-%d.json" % n)
            chain_model(n, models[("chain", n)])
            for name, make in MAKERS.items():
                if only is None or name in only:
                    models[(name, n)] = os.path.join(tmp, "%s-%d.json" % (name, n))
                    make(n, models[(name, n)])
        print("%-12s %s   exponent" % ("shape", "  ".join("%9s" % ("N=%d" % n) for n in sizes)))
        for name, args in SHAPES.items():
            if only is not None and name not in only:
                continue
            kind = name if name in MAKERS else "chain"
            times = [best_of([resp] + [a.format(model=models[(kind, n)]) for a in args]) for n in sizes]
            if None in times[1:] or times[1] <= 0:
                exp = float("nan")
            else:
                exp = math.log2(times[2] / times[1])
            print("%-12s %s   %.2f" % (name, "  ".join("%9s" % ("refused" if t is None else "%.3fs" % t)
                                                       for t in times), exp))


if __name__ == "__main__":
    main()
