#!/usr/bin/env python3
"""Plots resp-bench results: assess and load time against model size.

    bench/plot.py docs/bench-S.json docs/bench-M.json docs/bench-L.json -o docs/benchmarks.png

Each input is one `resp-bench --json` object.
"""
import argparse
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    rows = sorted((json.load(open(p)) for p in a.results), key=lambda r: r["nodes"] + r["relations"])
    items = [r["nodes"] + r["relations"] for r in rows]
    labels = [f'{r["size"]}\n{r["nodes"]:,} nodes\n{r["relations"]:,} relations' for r in rows]
    # load time from JSON = file MB / throughput; the file size follows from items
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.plot(items, [r["assess_median_ns"] / 1000 for r in rows], "o-", label="libresp assess (median)")
    ax1.plot(items, [r["who_median_ns"] / 1000 for r in rows], "s--", label="libresp who (median)")
    ax1.plot(items, [r["sqlite_assess_median_ns"] / 1000 for r in rows], "^-", label="SQLite baseline (median)")
    ax1.axhline(5, color="grey", lw=0.8, ls=":", label="target 5 µs")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("model size (nodes + relations)")
    ax1.set_ylabel("µs per event")
    ax1.set_title("one event, one thread")
    ax1.legend(fontsize=8)
    load_s = [r["load_s"] for r in rows]
    open_s = [r["snapshot_open_s"] for r in rows]
    ax2.plot(items, load_s, "o-", label="load from JSON")
    ax2.plot(items, open_s, "s-", label="open snapshot (mmap, checked)")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("model size (nodes + relations)")
    ax2.set_ylabel("seconds")
    ax2.set_title("getting a model into memory")
    ax2.legend(fontsize=8)
    for ax in (ax1, ax2):
        ax.set_xticks(items)
        ax.set_xticklabels(labels, fontsize=7)
        ax.grid(True, which="both", lw=0.3)
    fig.tight_layout()
    fig.savefig(a.output, dpi=110)


if __name__ == "__main__":
    main()
