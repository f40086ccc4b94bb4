#!/usr/bin/env python3
"""Turns SecureRandomBench JSON results into the Markdown tables of README.md.

Usage: table.py LABEL RESULT.json... (later files override earlier ones for the same cell)
"""
import json
import sys


def load(paths):
    scores = {}
    for path in paths:
        for r in json.load(open(path)):
            p = r["params"]
            key = (p["variant"], int(p["size"]), r["threads"])
            sec = r.get("secondaryMetrics", {})
            cpu = None
            if "calls" in sec and "cpuNanos" in sec and sec["cpuNanos"]["score"] > 0:
                cpu = sec["calls"]["score"] / sec["cpuNanos"]["score"] * 1e9
            scores[key] = (r["primaryMetric"]["score"], cpu)
    return scores


def human(x):
    for unit, div in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if x >= div:
            return f"{x / div:.2f} {unit}"
    return f"{x:.0f}"


def cell(x):
    if x is None:
        return "—"
    if x[1] is None:
        return human(x[0])
    return f"{human(x[0])} · **{human(x[1])}**/cpu-s"


def per_cpu(x):
    return x[1] if x[1] is not None else x[0]


def main():
    label, paths = sys.argv[1], sys.argv[2:]
    s = load(paths)
    variants = sorted({k[0] for k in s}, key=lambda v: (v != "QUAMTX", v))
    cols = sorted({(k[1], k[2]) for k in s})
    head = " | ".join(f"{size} B, {t} thr" for size, t in cols)
    print(f"#### {label}: nextBytes calls per second, wall-clock · **per CPU-second**\n")
    print(f"| variant | {head} |")
    print("|---" * (len(cols) + 1) + "|")
    for v in variants:
        cells = [cell(s.get((v, c[0], c[1]))) for c in cols]
        print(f"| {v} | " + " | ".join(cells) + " |")
    print(f"\n#### {label}: QUAMTX ÷ baseline, ops per CPU-second, same run (>1: QUAMTX faster)\n")
    print(f"| baseline | {head} |")
    print("|---" * (len(cols) + 1) + "|")
    for v in variants[1:]:
        cells = []
        for size, t in cols:
            q, b = s.get(("QUAMTX", size, t)), s.get((v, size, t))
            cells.append(f"{per_cpu(q) / per_cpu(b):.2f}×" if q and b else "—")
        print(f"| {v} | " + " | ".join(cells) + " |")
    print(f"\n#### {label}: two threads ÷ one thread on one shared instance, ops per CPU-second (1.00 = sharing costs nothing)\n")
    print("| variant | " + " | ".join(f"{size} B" for size in sorted({c[0] for c in cols})) + " |")
    print("|---" * (1 + len({c[0] for c in cols})) + "|")
    for v in variants:
        cells = []
        for size in sorted({c[0] for c in cols}):
            a, b = s.get((v, size, 1)), s.get((v, size, 2))
            cells.append(f"{per_cpu(b) / per_cpu(a):.2f}×" if a and b else "—")
        print(f"| {v} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
