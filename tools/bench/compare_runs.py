#!/usr/bin/python3
"""The three experiments' metrics of `nsmlab run` at several precisions, side by side with their
differences to the first (fp32): H1 purity and silhouette, H2 rate, H3 rate and best |r|
(the largest over the isotopies, and the largest change of any isotopy's best |r|).
Prints Markdown table rows (without the header) for docs/BENCHMARKS.md.

Run: /usr/bin/python3 tools/bench/compare_runs.py LABEL=fp32/results.json LABEL=OTHER/results.json...
"""
import json
import sys


def metrics(path):
    with open(path) as f:
        d = json.load(f)
    iso = {i.get("target", i.get("name", str(n))): i.get("abs_best_r") for n, i in enumerate(d["h3"]["isotopies"])}
    return {"H1 purity": d["h1"]["purity"], "H1 silhouette": d["h1"]["silhouette"], "H2 rate": d["h2"]["rate"],
            "H3 rate": d["h3"]["rate"], "H3 best \\|r\\| (max)": max((v for v in iso.values() if v is not None),
                                                                  default=float("nan")),
            "_iso": iso, "_valid": (d["h1"]["validated"], d["h2"]["validated"], d["h3"]["validated"])}


def main():
    runs = [(a.split("=", 1)[0], metrics(a.split("=", 1)[1])) for a in sys.argv[1:]]
    ref_label, ref = runs[0]
    print("| metric | " + " | ".join(label for label, _ in runs) + " |")
    print("|---|" + "---|" * len(runs))
    for key in [k for k in ref if not k.startswith("_")]:
        cells = [f"{ref[key]:.4f}"] + [f"{m[key]:.4f} ({m[key] - ref[key]:+.4f})" for _, m in runs[1:]]
        print(f"| {key} | " + " | ".join(cells) + " |")
    moved = []
    for _, m in runs[1:] if len(runs) > 1 else []:
        deltas = [abs(m["_iso"][k] - v) for k, v in ref["_iso"].items()
                  if v is not None and m["_iso"].get(k) is not None]
        moved.append(f"{max(deltas, default=0):.4f}")
    if moved:
        print("| H3 largest change of an isotopy's best \\|r\\| | – | " + " | ".join(moved) + " |")
    print("| verdicts H1 / H2 / H3 | " + " | ".join(
        " / ".join("holds" if v else "refuted" for v in m["_valid"]) for _, m in runs) + " |")


if __name__ == "__main__":
    main()
