#!/usr/bin/env python3
"""A seeded, model-shaped JSON file of a chosen size, for load measurements.

Not the national generator (that is resp-bench's job): this one only makes
the shape of SPEC §3.4 at scale: regions in a tree, a committee per region
and per department, units under units, systems with operators, people whose
posts change over the years.

    bench/gen-model.py --units 100000 --seed 1 > /tmp/model.json
"""
import argparse
import json
import random
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    out = sys.stdout
    nodes, rels = [], []
    n_regions = max(4, a.units // 40)
    levels = ["national", "provincial", "prefectural", "county"]
    for i in range(n_regions):
        depth = 0 if i == 0 else 1 if i < 35 else 2 if i < 368 else 3
        nodes.append({"id": f"r{i}", "type": "region", "name": f"地区{i}", "level": levels[depth]})
        nodes.append({"id": f"kr{i}", "type": "committee", "name": f"党委{i}", "form": "party_committee"})
        rels.append({"rel": "leads", "from": f"kr{i}", "to": f"r{i}"})
        if i:
            parent = 0 if depth == 1 else rnd.randrange(1, 35) if depth == 2 else rnd.randrange(35, min(i, 368))
            rels.append({"rel": "within", "from": f"r{i}", "to": f"r{parent}"})
    for s in range(30):
        nodes.append({"id": f"x{s}", "type": "sector", "name": f"行业{s}"})
    for u in range(a.units):
        region = rnd.randrange(n_regions)
        nodes.append({"id": f"u{u}", "type": "unit", "name": f"单位{u}", "kind": "government"})
        if u % 5 == 0 or u < 10:
            rels.append({"rel": "located_in", "from": f"u{u}", "to": f"r{region}"})
            nodes.append({"id": f"ku{u}", "type": "committee", "name": f"党组{u}", "form": "party_group"})
            rels.append({"rel": "leads", "from": f"ku{u}", "to": f"u{u}"})
        else:
            rels.append({"rel": "under", "from": f"u{u}", "to": f"u{u - u % 5}"})
        nodes.append({"id": f"s{u}", "type": "system", "name": f"系统{u}", "kind": "other"})
        rels.append({"rel": "operates", "from": f"u{u}", "to": f"s{u}"})
        rels.append({"rel": "in_sector", "from": f"s{u}", "to": f"x{rnd.randrange(30)}"})
        for k in range(3):
            p = f"p{u}_{k}"
            nodes.append({"id": p, "type": "person", "name": f"人员{u}_{k}"})
            y = 2016 + 3 * k
            r = {"rel": "heads", "from": p, "to": f"u{u}", "since": f"{y}-01-01", "until": f"{y + 3}-01-01"}
            rels.append(r)
            rels.append({"rel": "security_lead", "from": p, "to": f"s{u}", "since": f"{y}-01-01",
                         "until": f"{y + 3}-01-01"})
    out.write('{"format": "libresp/model/1", "name": "bench",\n "nodes": [\n')
    out.write(",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes))
    out.write('\n ],\n "relations": [\n')
    out.write(",\n".join(json.dumps(r, ensure_ascii=False) for r in rels))
    out.write("\n ]}\n")


if __name__ == "__main__":
    main()
