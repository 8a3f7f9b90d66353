#!/usr/bin/env python3
"""Fills docs/benchmarks.md's results tables from resp-bench --json outputs.

    bench/write-doc.py docs/bench-S.json docs/bench-M.json docs/bench-L.json
    bench/write-doc.py --duties docs/bench-duties-S.json ...   # the duties table
"""
import json
import sys

targets = {
    "assess_median_ns": ("≤ 5,000", lambda v: v <= 5000),
    "sqlite_ratio": ("≥ 100", lambda v: v >= 100),
    "batch_events_per_s": ("≥ 300,000", lambda v: v >= 300000),
    "json_mb_per_s": ("≥ 100", lambda v: v >= 100),
    "snapshot_open_s": ("≤ 0.1", lambda v: v <= 0.1),
    "rss_bytes_per_item": ("≤ 150", lambda v: v <= 150),
    "record_mb_per_s": ("≥ 100", lambda v: v >= 100),
    "duty_slots_per_s": ("≥ 1,000,000", lambda v: v >= 1000000),
}
duties = sys.argv[1:2] == ["--duties"]
rows = [json.load(open(p)) for p in sys.argv[1 + duties:]]
keys = ["nodes", "relations", "json_mb_per_s", "snapshot_open_s", "rss_bytes_per_item", "who_median_ns",
        "assess_median_ns", "batch_events_per_s", "sqlite_assess_median_ns", "sqlite_ratio"]
if duties:
    keys = ["nodes", "relations", "record_entries", "record_bytes", "record_mb_per_s", "record_rss_mb",
            "duty_slots", "duty_notices", "duty_scorecards", "duty_check_s", "duty_slots_per_s",
            "duty_peak_rss_mb"]
print("| key | " + " | ".join(r["size"] for r in rows) + " | target at L | L meets it |")
print("|---|" + "---|" * len(rows) + "---|---|")
for k in keys:
    cells = []
    for r in rows:
        v = r.get(k)
        if v is None:
            cells.append("")
            continue
        cells.append(f"{v:,.4f}" if k == "snapshot_open_s" else f"{v:,.3f}" if k == "duty_check_s"
                     else f"{v:,.1f}" if isinstance(v, float) else f"{v:,}")
    t = targets.get(k)
    L = rows[-1].get(k)
    meets = ("yes" if t[1](L) else "**no**") if t and L is not None else ""
    print(f"| `{k}` | " + " | ".join(cells) + f" | {t[0] if t else ''} | {meets} |")
print()
if duties:
    for r in rows:
        st = r["duty_statuses"]
        print(f'{r["size"]}: ' + ", ".join(f"{v:,} {k}" for k, v in st.items()) + ".")
    sys.exit(0)
print("All sizes: " + "; ".join(f'{r["size"]}: {r["sqlite_agree"]} of {r["sqlite_checked"]} liable sets agree with SQLite' for r in rows) + ".")
