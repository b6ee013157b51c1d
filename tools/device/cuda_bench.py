"""Throughput: nsmlab's CUDA backend against sentence-transformers fp16, side by side.

  python3 tools/device/cuda_bench.py WORK OUT NSMLAB [SENTENCES]

The 278M shape (paraphrase-multilingual-mpnet-base-v2: XLM-R base, random weights), SENTENCES
(default 100000) texts of 5-200 tokens (max_seq_length raised to 256 on both sides so the long
ones are not cut). Wall time from text to embeddings in host memory: sentence-transformers fp16
at its default batch size (32) and at larger ones; `nsmlab embed --backend cuda` in fp16 and
bf16 (a process: start, model load and upload included; a 1000-text run gives that fixed
cost). Tokens/s, and the fraction of the card's bf16 peak (PEAK_TFLOPS, default 790: an
H100/H200's dense bf16 rate measured on large GEMMs) that the encoder's FLOPs represent.
Writes OUT/cuda_bench.json.
"""
import json, os, subprocess, sys, time
import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from cuda_models import SHAPES, make_model, mixed_texts, write_lines

work, out, nsmlab = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
peak = float(os.environ.get("PEAK_TFLOPS", "790")) * 1e12
deadline = float(os.environ.get("DEADLINE", time.time() + 1e9))
os.makedirs(work, exist_ok=True)
name = "paraphrase-multilingual-mpnet-base-v2"
MAXLEN = 256
d, params = make_model(name, work)
_, kw, *_ = SHAPES[name]
H, I, layers = kw["hidden_size"], kw["intermediate_size"], kw["num_hidden_layers"]
texts = mixed_texts(n, seed=2)
inp = os.path.join(work, "bench.txt")
write_lines(inp, texts)
threads = str(os.cpu_count())

st = SentenceTransformer(d, device="cuda")
st.max_seq_length = MAXLEN
lengths = np.array([len(x) for x in st.tokenizer(texts, truncation=True, max_length=MAXLEN)["input_ids"]])
tokens = int(lengths.sum())
# Encoder FLOPs: 2 per weight per token in the layers' products, plus attention's two
# products (4 L H per token and layer, L its sequence's length).
flops = 2.0 * tokens * layers * (4 * H * H + 2 * H * I) + 4.0 * H * layers * float((lengths.astype(np.float64) ** 2).sum())
res = {"gpu": torch.cuda.get_device_name(0), "model": name, "parameters": params, "sentences": n, "tokens": tokens,
       "tokens_min_mean_max": [int(lengths.min()), float(lengths.mean()), int(lengths.max())],
       "encoder_tflop": flops / 1e12, "peak_tflops_assumed": peak / 1e12, "runs": []}
print(json.dumps(res), flush=True)


def record(label, wall, emb=None):
    r = {"run": label, "wall_s": round(wall, 3), "sentences_per_s": round(n / wall), "tokens_per_s": round(tokens / wall),
         "fraction_of_bf16_peak": round(flops / wall / peak, 4)}
    res["runs"].append(r)
    print(json.dumps(r), flush=True)
    with open(os.path.join(out, "cuda_bench.json"), "w") as f:
        json.dump(res, f, indent=1)


st.half()
st.encode(texts[:2000], batch_size=64)  # warm-up: kernels, allocator
ref = None
for bs in (32, 128, 512):
    if time.time() > deadline - 90:
        break
    torch.cuda.synchronize()
    t = time.perf_counter()
    e = st.encode(texts, batch_size=bs, convert_to_numpy=True)
    torch.cuda.synchronize()
    record(f"sentence-transformers fp16 batch_size={bs}" + (" (default)" if bs == 32 else ""), time.perf_counter() - t)
    if ref is None:
        ref = e.astype(np.float32)
del st
torch.cuda.empty_cache()


def nsmlab_run(label, src, count, *flags):
    npy = os.path.join(work, "bench-out.npy")
    t = time.perf_counter()
    p = subprocess.run([nsmlab, "embed", "--model", d, "--input", src, "--output", npy, "--force", "--threads", threads,
                        "--max-seq-len", str(MAXLEN), *flags], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        res["runs"].append({"run": label, "error": p.stderr[-800:]})
        print("FAILED", label, p.stderr[-800:], flush=True)
        return None, wall
    return np.load(npy), wall


small = os.path.join(work, "bench-1000.txt")
write_lines(small, texts[:1000])
for prec in ("fp16", "bf16"):
    for budget in ("32768", "8192"):
        if time.time() > deadline - 45:
            break
        flags = ["--backend", "cuda", "--precision", prec, "--batch-tokens", budget]
        _, fixed = nsmlab_run("fixed", small, 1000, *flags)
        got, wall = nsmlab_run(f"nsmlab cuda {prec} batch-tokens={budget}", inp, n, *flags)
        if got is None:
            continue
        record(f"nsmlab cuda {prec} --batch-tokens {budget}", wall)
        res["runs"][-1]["fixed_cost_s_1000_texts"] = round(fixed, 3)
        if ref is not None:
            cos = (got * ref).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(ref, axis=1)
            res["runs"][-1]["cosine_vs_st_fp16_min_mean"] = [float(cos.min()), float(cos.mean())]
        with open(os.path.join(out, "cuda_bench.json"), "w") as f:
            json.dump(res, f, indent=1)

print("\n%-52s %9s %12s %8s" % ("run (%s, %d sentences, %d tokens)" % (res["gpu"], n, tokens), "wall s", "tokens/s", "peak"))
for r in res["runs"]:
    if "wall_s" in r:
        print("%-52s %9.2f %12d %7.1f%%" % (r["run"], r["wall_s"], r["tokens_per_s"], 100 * r["fraction_of_bf16_peak"]))
