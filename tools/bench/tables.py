#!/usr/bin/python3
"""Markdown tables of one benchmark run (docs/BENCHMARKS.md), from the records the scripts wrote
in WORK: throughput.jsonl (throughput.sh), accuracy.jsonl (accuracy.sh), peak.json (peak.sh),
and OUT/MODEL.INPUT.work.json (work.py: FLOPs of the real tokens).

  throughput  one table per model and input: sentences/s, tokens/s, x nsmlab fp32, GFLOP/s,
              fraction of this run's GEMM peak of the precision, cosine to nsmlab fp32, and
              the 1-minute load average when the measurement ended
  accuracy    per-sentence cosine of nsmlab bf16 / int8 to nsmlab fp32, per model
  goals       each goal of issue 7 with its measured ratio next to the peers'

Run: /usr/bin/python3 tools/bench/tables.py throughput|accuracy|goals WORK [--goal-input corpus1000]
"""
import argparse
import json
import os

BOUND = {"bf16": 0.999, "int8": 0.99}
SPEED_GOAL = {"bf16": 1.8, "int8": 2.5}


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def num(x):
    return x if isinstance(x, (int, float)) else None


class Run:
    def __init__(self, work):
        self.work = work
        self.recs = load_jsonl(os.path.join(work, "throughput.jsonl"))
        self.acc = load_jsonl(os.path.join(work, "accuracy.jsonl"))
        p = os.path.join(work, "peak.json")
        self.peak = json.load(open(p)) if os.path.exists(p) else {}
        self.cpu = set(open("/proc/cpuinfo").read().split()) if os.path.exists("/proc/cpuinfo") else set()

    def workload(self, model, inp):
        p = os.path.join(self.work, "out", f"{model}.{inp}.work.json")
        return json.load(open(p)) if os.path.exists(p) else None

    def find(self, model, inp, engine, prec):
        for r in self.recs:
            if (r["model"], r["input"], r["engine"], r["precision"]) == (model, inp, engine, prec):
                return r
        return None

    def rate(self, model, inp, engine, prec):
        r = self.find(model, inp, engine, prec)
        return num(r["texts_per_s"]) if r else None

    def fraction(self, r):
        """(GFLOP/s, fraction of this precision's peak) of one record."""
        w = self.workload(r["model"], r["input"])
        t = num(r["texts_per_s"])
        if not w or not t:
            return None, None
        g = w["flops"] / w["texts"] * t / 1e9
        pk = self.peak.get(r["precision"], {}).get("gflops")
        return g, (g / pk if pk else None)

    def models_inputs(self):
        seen = []
        for r in self.recs:
            if (r["model"], r["input"]) not in seen:
                seen.append((r["model"], r["input"]))
        return seen


def fmt(x, spec):
    return format(x, spec) if isinstance(x, (int, float)) else "–"


def throughput(run, _):
    for model, inp in run.models_inputs():
        w = run.workload(model, inp)
        head = f"### {model}, {inp}"
        if w:
            head += (f": {w['texts']} texts, {w['real_tokens']:,} tokens, "
                     f"{w['flops_per_token'] / 1e6:.1f} MFLOP per token (matrix products)")
        print(head + "\n")
        print("| engine, precision | sentences/s | tokens/s | x nsmlab fp32 | GFLOP/s | of peak | cosine to nsmlab fp32 min / mean | load |")
        print("|---|---|---|---|---|---|---|---|")
        base = run.rate(model, inp, "nsmlab", "fp32")
        for r in [r for r in run.recs if (r["model"], r["input"]) == (model, inp)]:
            t = num(r["texts_per_s"])
            g, frac = run.fraction(r)
            tok = t * w["real_tokens"] / w["texts"] if (t and w) else None
            cos = (f'{fmt(num(r.get("cosine_min")), ".6f")} / {fmt(num(r.get("cosine_mean")), ".6f")}'
                   if num(r.get("cosine_min")) is not None else "–")
            name = f'**{r["label"]}**' if r["engine"] == "nsmlab" else r["label"]
            print(f"| {name} | {fmt(t, '.1f')} | {fmt(tok, ',.0f')} | "
                  f"{fmt(t / base if t and base else None, '.2f')}x | {fmt(g, '.0f')} | "
                  f"{fmt(frac * 100 if frac is not None else None, '.0f')}% {r['precision']} | {cos} | "
                  f"{fmt(num(r.get('load')), '.1f')} |")
        print()


def accuracy(run, _):
    if not run.acc:
        print("Not measured in this run (see the messages on stderr).\n")
        return
    print("| model | bf16 min | bf16 mean | int8 min | int8 mean | texts |")
    print("|---|---|---|---|---|---|")
    models = []
    for r in run.acc:
        if r["model"] not in models:
            models.append(r["model"])
    for m in models:
        cells, rows = [], ""
        for p in ("bf16", "int8"):
            r = next((r for r in run.acc if r["model"] == m and r["precision"] == p), None)
            if r and num(r.get("cosine_min")) is not None:
                ok = "" if r["cosine_min"] >= BOUND[p] else " **below bound**"
                cells += [f'{r["cosine_min"]:.6f}{ok}', f'{r["cosine_mean"]:.6f}']
                rows = str(int(r["rows"]))
            else:
                cells += [(r or {}).get("skipped", "not run"), "–"]
        print(f"| {m} | " + " | ".join(cells) + f" | {rows} |")
    print()


def goals(run, a):
    inp = a.goal_input
    models = [m for m, i in run.models_inputs() if i == inp]
    has = lambda *flags: any(f in run.cpu for f in flags)
    isa = {"bf16": has("avx512_bf16", "amx_bf16"), "int8": has("avx512_vnni", "avx_vnni", "amx_int8"),
           "amx": has("amx_bf16", "amx_tile")}

    def ratios(engine, num_p, den_engine, den_p):
        out = []
        for m in models:
            a_, b_ = run.rate(m, inp, engine, num_p), run.rate(m, inp, den_engine, den_p)
            out.append(f"{m} {a_ / b_:.2f}x" if a_ and b_ else f"{m} –")
        return ", ".join(out) or "not measured"

    def fracs(engine, p):
        out = []
        for m in models:
            r = run.find(m, inp, engine, p)
            f = run.fraction(r)[1] if r else None
            out.append(f"{m} {f * 100:.0f}%" if f is not None else f"{m} –")
        return ", ".join(out) or "not measured"

    def worst(p):
        vals = [(r["cosine_min"], r["model"]) for r in run.acc if r["precision"] == p and num(r.get("cosine_min"))]
        if not vals:
            return "not measured"
        v, m = min(vals)
        return f"worst min {v:.6f} ({m}; {len(vals)} models)"

    def peer_cos(p):
        vals = [(r["cosine_min"], r["model"]) for r in run.recs
                if r["engine"] == "torch" and r["precision"] == p and num(r.get("cosine_min"))]
        return f"torch {p}: worst min {min(vals)[0]:.6f}" if vals else f"torch {p}: not measured"

    print(f"Speed ratios on `{inp}`. CPU here: AVX512_BF16 {'yes' if isa['bf16'] else 'no'}, "
          f"VNNI {'yes' if isa['int8'] else 'no'}, AMX {'yes' if isa['amx'] else 'no'}.\n")
    print("| goal (issue 7) | nsmlab, measured | peers, same run |")
    print("|---|---|---|")
    for p, isa_name in (("bf16", "AVX512_BF16"), ("int8", "VNNI")):
        goal = f"{p} >= {SPEED_GOAL[p]}x nsmlab fp32 on a CPU with {isa_name}"
        if not isa[p]:
            goal += f" (no {isa_name} here: not applicable)"
        print(f"| {goal} | {ratios('nsmlab', p, 'nsmlab', 'fp32')} | torch {p} / torch fp32: "
              f"{ratios('torch', p, 'torch', 'fp32')}; nsmlab {p} / torch {p}: {ratios('nsmlab', p, 'torch', p)} |")
    amx = "measured above" if isa["amx"] else "not applicable: this CPU has no AMX"
    print(f"| bf16 >= 4x nsmlab fp32 on an AMX CPU | {amx} | – |")
    for p in ("bf16", "int8"):
        print(f"| {p}: per-sentence cosine to fp32 >= {BOUND[p]} | {worst(p)} | {peer_cos(p)} (to nsmlab fp32) |")
    print(f"| fp32 >= 90% of the fp32 GEMM peak | {fracs('nsmlab', 'fp32')} | torch fp32: {fracs('torch', 'fp32')}; "
          f"ONNX Runtime fp32: {fracs('onnxruntime', 'fp32')} |")
    for p in ("bf16", "int8"):
        print(f"| {p}: fraction of the {p} GEMM peak | {fracs('nsmlab', p)} | torch {p}: {fracs('torch', p)} |")
    print(f"| nsmlab fp32 against the fp32 peers | – | x torch fp32: {ratios('nsmlab', 'fp32', 'torch', 'fp32')}; "
          f"x ONNX Runtime fp32: {ratios('nsmlab', 'fp32', 'onnxruntime', 'fp32')} |")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("table", choices=["throughput", "accuracy", "goals"])
    ap.add_argument("work")
    ap.add_argument("--goal-input", default="corpus1000")
    a = ap.parse_args()
    {"throughput": throughput, "accuracy": accuracy, "goals": goals}[a.table](Run(a.work), a)


if __name__ == "__main__":
    main()
