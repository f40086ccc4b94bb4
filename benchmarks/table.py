#!/usr/bin/env python3
"""Turns SecureRandomBench JSON results into the Markdown tables of README.md.

Usage: table.py LABEL results/securerandom-<label>-t1.json results/securerandom-<label>-t2.json
"""
import json
import sys


def load(paths):
    scores = {}
    for path in paths:
        for r in json.load(open(path)):
            p = r["params"]
            key = (p["variant"], int(p["size"]), r["threads"])
            scores[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
    return scores


def human(x):
    for unit, div in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if x >= div:
            return f"{x / div:.2f} {unit}"
    return f"{x:.0f}"


def main():
    label, paths = sys.argv[1], sys.argv[2:]
    s = load(paths)
    variants = sorted({k[0] for k in s}, key=lambda v: (v != "QUAMTX", v))
    cols = sorted({(k[1], k[2]) for k in s})
    head = " | ".join(f"{size} B, {t} thr" for size, t in cols)
    print(f"#### {label}: nextBytes calls per second (one shared instance)\n")
    print(f"| variant | {head} |")
    print("|---" * (len(cols) + 1) + "|")
    for v in variants:
        cells = [human(s[(v, c[0], c[1])][0]) if (v, c[0], c[1]) in s else "—" for c in cols]
        print(f"| {v} | " + " | ".join(cells) + " |")
    print(f"\n#### {label}: QUAMTX ÷ each baseline, same run (>1 means QUAMTX is faster)\n")
    print(f"| baseline | {head} |")
    print("|---" * (len(cols) + 1) + "|")
    for v in variants[1:]:
        cells = []
        for size, t in cols:
            q, b = s.get(("QUAMTX", size, t)), s.get((v, size, t))
            cells.append(f"{q[0] / b[0]:.2f}×" if q and b else "—")
        print(f"| {v} | " + " | ".join(cells) + " |")
    print(f"\n#### {label}: two threads ÷ one thread, same instance\n")
    print("| variant | " + " | ".join(f"{size} B" for size in sorted({c[0] for c in cols})) + " |")
    print("|---" * (1 + len({c[0] for c in cols})) + "|")
    for v in variants:
        cells = []
        for size in sorted({c[0] for c in cols}):
            a, b = s.get((v, size, 1)), s.get((v, size, 2))
            cells.append(f"{b[0] / a[0]:.2f}×" if a and b else "—")
        print(f"| {v} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
