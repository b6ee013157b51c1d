"""The CUDA backend against sentence-transformers on random-weight models of the real shapes.

  python3 tools/device/cuda_real_sizes.py WORK OUT NSMLAB [NAMES...]

For each shape (tools/device/cuda_models.py): sentence-transformers on the GPU in fp32 with
TF32 off (the reference) and in fp16 (timing), then `nsmlab embed --backend cuda` in fp32,
fp16 and bf16 and `--backend cpu` in fp32; records max |diff| and min cosine against the
reference and the wall times in OUT/cuda_real_sizes.json. Stops starting new shapes once
the DEADLINE environment variable (Unix time) is near.
"""
import json, os, subprocess, sys, time
import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from cuda_models import SHAPES, make_model, mixed_texts, write_lines

work, out, nsmlab = sys.argv[1:4]
names = sys.argv[4:] or list(SHAPES)
deadline = float(os.environ.get("DEADLINE", time.time() + 1e9))
os.makedirs(work, exist_ok=True)
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
texts = mixed_texts(256, seed=1)
inp = os.path.join(work, "real_sizes.txt")
write_lines(inp, texts)
threads = str(os.cpu_count())
results = {"gpu": torch.cuda.get_device_name(0), "torch": torch.__version__, "sentences": len(texts), "models": []}


def compare(got, ref):
    cos = (got * ref).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(ref, axis=1)
    return {"max_abs_diff": float(np.abs(got - ref).max()), "min_cosine": float(cos.min())}


def nsmlab_embed(d, tag, *flags):
    npy = os.path.join(work, f"{os.path.basename(d)}-{tag}.npy")
    t = time.perf_counter()
    p = subprocess.run([nsmlab, "embed", "--model", d, "--input", inp, "--output", npy, "--force", "--threads", threads,
                        *flags], capture_output=True, text=True)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        return None, dt, p.stderr[-600:]
    return np.load(npy), dt, p.stderr[-300:]


for name in names:
    if time.time() > deadline - 60:
        print("SKIPPED (time)", name, flush=True)
        results["models"].append({"name": name, "skipped": "time budget"})
        continue
    rec = {"name": name}
    try:
        t = time.perf_counter()
        d, rec["parameters"] = make_model(name, work)
        rec["build_s"] = round(time.perf_counter() - t, 1)
        st = SentenceTransformer(d, device="cuda")
        st.encode(texts[:8])
        t = time.perf_counter(); ref = st.encode(texts, batch_size=64, convert_to_numpy=True); torch.cuda.synchronize()
        rec["st_cuda_fp32_s"] = round(time.perf_counter() - t, 3)
        st.half()
        st.encode(texts[:8])
        t = time.perf_counter(); st16 = st.encode(texts, batch_size=64, convert_to_numpy=True).astype(np.float32)
        torch.cuda.synchronize(); rec["st_cuda_fp16_s"] = round(time.perf_counter() - t, 3)
        rec["st_fp16_vs_fp32"] = compare(st16, ref)
        del st; torch.cuda.empty_cache()
        for tag, flags in [("cuda-fp32", ["--backend", "cuda", "--precision", "fp32"]),
                           ("cuda-fp16", ["--backend", "cuda", "--precision", "fp16"]),
                           ("cuda-bf16", ["--backend", "cuda", "--precision", "bf16"]),
                           ("cpu-fp32", ["--backend", "cpu", "--precision", "fp32"])]:
            got, dt, err = nsmlab_embed(d, tag, *flags)
            rec[tag] = {"wall_s": round(dt, 3), "stderr": err}
            if got is not None:
                rec[tag].update(compare(got, ref))
    except Exception as e:  # one shape failing must not hide the others
        rec["error"] = repr(e)[:800]
    results["models"].append(rec)
    print(json.dumps({k: v for k, v in rec.items()}, default=str)[:1500], flush=True)
    with open(os.path.join(out, "cuda_real_sizes.json"), "w") as f:
        json.dump(results, f, indent=1)

print("\n%-40s %12s %12s %12s %12s" % ("model", "fp32 maxdiff", "fp32 mincos", "fp16 mincos", "bf16 mincos"))
for r in results["models"]:
    g = lambda k, f: r.get(k, {}).get(f, float("nan")) if isinstance(r.get(k), dict) else float("nan")
    print("%-40s %12.2e %12.7f %12.6f %12.6f" % (r["name"], g("cuda-fp32", "max_abs_diff"), g("cuda-fp32", "min_cosine"),
                                                 g("cuda-fp16", "min_cosine"), g("cuda-bf16", "min_cosine")))
