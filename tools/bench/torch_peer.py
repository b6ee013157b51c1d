#!/usr/bin/python3
"""The PyTorch-eager peer of `nsmlab embed`: the same encoder forward (BERT / RoBERTa /
XLM-R / MPNet + mean/cls pooling + optional Dense + Normalize) with torch.nn.functional ops,
on the SAME token ids (from `nsmlab tokenize`) and the SAME batches (longest first, filled up
to the token budget like src/engine/batching.cpp). Prints one JSON line with the timing and,
given nsmlab's .npy, the cosine agreement per row.

Precisions, each the peer at its best on a CPU:
  fp32  eager;
  bf16  torch.autocast("cpu", bfloat16): matrix products in bf16 (oneDNN), the rest fp32;
  int8  torch.quantization.quantize_dynamic on every nn.Linear (int8 weights, per-batch
        dynamic activation scales) with the "onednn" quantized engine (Debian's torch has
        no fbgemm).
--export-onnx FILE writes the fp32 model (inputs input_ids, attention_mask: int64
[batch, seq]; output embeddings) with opset 14 for the ONNX Runtime peer, and --batches-out
FILE the batches (row indices) and the padding id, for the same peer; either then exits.

Run: /usr/bin/python3 tools/bench/torch_peer.py MODEL_DIR IDS.jsonl [--threads 2]
        [--batch-tokens 8192] [--dtype fp32|bf16|int8] [--compare NSMLAB.npy] [--repeat N]
        [--save OUT.npy] [--export-onnx FILE] [--batches-out FILE]
"""
import argparse
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F

_NP = {"F32": np.float32, "F16": np.float16, "BF16": np.uint16}


def read_safetensors(path):
    """name -> float32 torch tensor (memory-mapped file, one conversion per tensor)."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        a, b = h["data_offsets"]
        arr = raw[a:b].view(_NP[h["dtype"]]).reshape(h["shape"])
        if h["dtype"] == "BF16":  # stored bit pattern: widen to float32 (torch has no uint16)
            t = torch.from_numpy(arr.astype(np.int32) << 16).view(torch.float32)
        else:
            t = torch.from_numpy(np.array(arr))
        out[name.split(".", 1)[1] if name.split(".", 1)[0] in ("bert", "roberta", "mpnet") else name] = t.float()
    return out


def mpnet_buckets(S, num_buckets=32, max_distance=128):
    """T5-style bidirectional bucket of (key - query), as MPNet defines it."""
    n = -(torch.arange(S)[None, :] - torch.arange(S)[:, None])
    half = num_buckets // 2
    ret = (n < 0).long() * half
    n = n.abs()
    exact = half // 2
    large = exact + (torch.log(n.clamp(min=1).float() / exact) / math.log(max_distance / exact) * (half - exact)).long()
    return ret + torch.where(n < exact, n, large.clamp(max=half - 1))


def key(name):
    """Module/buffer names may not contain dots."""
    return name.replace(".", "__")


class Encoder(torch.nn.Module):
    def __init__(self, model_dir):
        super().__init__()
        with open(os.path.join(model_dir, "config.json")) as f:
            c = json.load(f)
        self.family = {"bert": "bert", "mpnet": "mpnet"}.get(c["model_type"], "roberta")
        self.H, self.heads, self.layers = c["hidden_size"], c["num_attention_heads"], c["num_hidden_layers"]
        self.eps = c.get("layer_norm_eps", 1e-12)
        self.pad = c.get("pad_token_id", 1)
        W = read_safetensors(os.path.join(model_dir, "model.safetensors"))
        self.lin = torch.nn.ModuleDict()
        for name, t in W.items():
            if name.endswith(".weight") and t.dim() == 2 and (name[:-len("weight")] + "bias") in W \
                    and "embeddings" not in name and "LayerNorm" not in name:
                base = name[:-len(".weight")]
                self.lin[key(base)] = self.linear(t, W[base + ".bias"])
        for name, t in W.items():
            base = name.rsplit(".", 1)[0]
            if key(base) not in self.lin:
                self.register_buffer(key(name), t, persistent=False)
        modules = [{"type": "Transformer", "path": ""}]
        if os.path.exists(os.path.join(model_dir, "modules.json")):
            with open(os.path.join(model_dir, "modules.json")) as f:
                modules = json.load(f)
        self.pooling, self.normalize, self.dense = "mean", False, None
        for m in modules:
            kind = m["type"].rsplit(".", 1)[-1]
            mdir = os.path.join(model_dir, m.get("path", ""))
            if kind == "Pooling":
                with open(os.path.join(mdir, "config.json")) as f:
                    p = json.load(f)
                self.pooling = "cls" if p.get("pooling_mode_cls_token") or p.get("pooling_mode") == "cls" else "mean"
            elif kind == "Normalize":
                self.normalize = True
            elif kind == "Dense":  # LaBSE: Linear + tanh after the pooling
                with open(os.path.join(mdir, "config.json")) as f:
                    d = json.load(f)
                if not d.get("activation_function", "Tanh").endswith("Tanh"):
                    raise SystemExit(f"torch_peer: Dense activation {d['activation_function']} not implemented")
                dw = read_safetensors(os.path.join(mdir, "model.safetensors"))
                self.dense = self.linear(dw["linear.weight"], dw.get("linear.bias"))
            elif kind not in ("Transformer",):
                raise SystemExit(f"torch_peer: module {kind} not implemented")
        self.bucket_cache = {}
        self.cache_buckets = True  # off while exporting: the sequence length is then symbolic

    @staticmethod
    def linear(w, b):
        lin = torch.nn.Linear(w.shape[1], w.shape[0], bias=b is not None)
        with torch.no_grad():
            lin.weight.copy_(w)
            if b is not None:
                lin.bias.copy_(b)
        return lin

    def w(self, name):
        return getattr(self, key(name))

    def forward(self, ids, mask):
        B, S, H = ids.shape[0], ids.shape[1], self.H
        d = H // self.heads
        if self.family == "bert":
            pos = torch.arange(S).expand(B, S)
        else:
            real = mask.long()
            pos = torch.cumsum(real, 1) * real + self.pad
        x = F.embedding(ids, self.w("embeddings.word_embeddings.weight")) + \
            F.embedding(pos, self.w("embeddings.position_embeddings.weight"))
        if self.family != "mpnet":
            x = x + self.w("embeddings.token_type_embeddings.weight")[0]
        x = F.layer_norm(x, (H,), self.w("embeddings.LayerNorm.weight"), self.w("embeddings.LayerNorm.bias"), self.eps)
        bias = (1.0 - mask.float())[:, None, None, :] * torch.finfo(torch.float32).min
        if self.family == "mpnet":
            if not self.cache_buckets:
                buckets = mpnet_buckets(S)
            else:
                if S not in self.bucket_cache:
                    self.bucket_cache[S] = mpnet_buckets(S)
                buckets = self.bucket_cache[S]
            rel = F.embedding(buckets, self.w("encoder.relative_attention_bias.weight")).permute(2, 0, 1)
            bias = bias + rel[None]

        def lin(v, n):
            return self.lin[key(n)](v)

        def split(v):
            return v.reshape(B, S, self.heads, d).transpose(1, 2)

        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            if self.family == "mpnet":
                q, k, v, o = (p + "attention.attn." + n for n in "qkvo")
                norm = p + "attention.LayerNorm"
            else:
                q, k, v = (p + "attention.self." + n for n in ("query", "key", "value"))
                o, norm = p + "attention.output.dense", p + "attention.output.LayerNorm"
            scores = torch.matmul(split(lin(x, q)), split(lin(x, k)).transpose(-1, -2)) / math.sqrt(d) + bias
            ctx = torch.matmul(torch.softmax(scores, -1), split(lin(x, v))).transpose(1, 2).reshape(B, S, H)
            x = F.layer_norm(lin(ctx, o) + x, (H,), self.w(norm + ".weight"), self.w(norm + ".bias"), self.eps)
            inner = F.gelu(lin(x, p + "intermediate.dense"))
            x = F.layer_norm(lin(inner, p + "output.dense") + x, (H,), self.w(p + "output.LayerNorm.weight"),
                             self.w(p + "output.LayerNorm.bias"), self.eps)
        x = x.float()
        if self.pooling == "cls":
            out = x[:, 0]
        else:
            m = mask.float()[:, :, None]
            out = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        if self.dense is not None:
            out = torch.tanh(self.dense(out)).float()
        return F.normalize(out, dim=1) if self.normalize else out


def plan_batches(lengths, budget):
    """src/engine/batching.cpp: stable sort by decreasing length, fill while (n+1)*longest <= budget."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches, cur, longest = [], [], 0
    for i in order:
        ln = max(lengths[i], 1)
        new_longest = max(longest, ln)
        if cur and (len(cur) + 1) * new_longest > budget:
            batches.append(cur)
            cur, new_longest = [], ln
        cur.append(i)
        longest = new_longest
    if cur:
        batches.append(cur)
    return batches


def export_onnx(enc, tensors, path):
    """fp32 graph, dynamic batch and sequence axes, opset 14 (what Debian's torch 1.13 writes well)."""
    enc.cache_buckets = False
    _, ids, mask = tensors[-1]
    torch.onnx.export(enc, (ids, mask), path, opset_version=14, input_names=["input_ids", "attention_mask"],
                      output_names=["embeddings"], do_constant_folding=True,
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                    "embeddings": {0: "batch"}})
    print(json.dumps({"onnx": path, "opset": 14, "bytes": os.path.getsize(path), "torch": torch.__version__}))


def quantize_int8(enc):
    """The peer's dynamic int8, at its best here: oneDNN's quantized engine, per-channel weights."""
    if "onednn" not in torch.backends.quantized.supported_engines:
        raise SystemExit("torch_peer: no onednn quantized engine (supported: "
                         f"{torch.backends.quantized.supported_engines})")
    torch.backends.quantized.engine = "onednn"
    qconfig = torch.ao.quantization.per_channel_dynamic_qconfig
    return torch.quantization.quantize_dynamic(enc, {torch.nn.Linear: qconfig}, dtype=torch.qint8)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dir")
    ap.add_argument("ids_jsonl")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch-tokens", type=int, default=8192)
    ap.add_argument("--max-seq-len", type=int, default=0, help="the budget's floor, as nsmlab (default: the model's)")
    ap.add_argument("--dtype", choices=["fp32", "bf16", "int8"], default="fp32")
    ap.add_argument("--compare", help="nsmlab's .npy for the same texts")
    ap.add_argument("--save", help="write the embeddings here (.npy)")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes (the best is reported)")
    ap.add_argument("--export-onnx", metavar="FILE", help="write the fp32 model as ONNX and exit")
    ap.add_argument("--batches-out", metavar="FILE", help="write the batches (JSON) and exit")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)

    with open(a.ids_jsonl) as f:
        seqs = [json.loads(line)["ids"] for line in f if line.strip()]
    max_len = a.max_seq_len
    if not max_len:
        cfg_path = os.path.join(a.model_dir, "sentence_bert_config.json")
        max_len = json.load(open(cfg_path)).get("max_seq_length", 512) if os.path.exists(cfg_path) else 512
    t0 = time.perf_counter()
    enc = Encoder(a.model_dir).eval()
    if a.dtype == "int8":
        enc = quantize_int8(enc)
    load_s = time.perf_counter() - t0
    lengths = [len(s) for s in seqs]
    batches = plan_batches(lengths, max(a.batch_tokens, max_len))
    tensors = []
    for b in batches:
        S = lengths[b[0]]
        ids = torch.full((len(b), S), enc.pad if enc.family != "bert" else 0, dtype=torch.long)
        mask = torch.zeros((len(b), S), dtype=torch.long)
        for r, i in enumerate(b):
            ids[r, :lengths[i]] = torch.tensor(seqs[i])
            mask[r, :lengths[i]] = 1
        tensors.append((b, ids, mask))
    if a.batches_out:
        with open(a.batches_out, "w") as f:
            json.dump({"pad": enc.pad if enc.family != "bert" else 0, "batches": [b for b, _, _ in tensors]}, f)
    if a.export_onnx:
        export_onnx(enc, tensors, a.export_onnx)
    if a.batches_out or a.export_onnx:
        return

    out = torch.zeros(len(seqs), enc.H if enc.dense is None else enc.dense.out_features)
    best = float("inf")
    with torch.inference_mode():
        # Warm-up on the shortest batch (thread pools, allocator), untimed: the peer at its best.
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.dtype == "bf16"):
            enc(tensors[-1][1], tensors[-1][2])
        for _ in range(max(a.repeat, 1)):
            t = time.perf_counter()
            for b, ids, mask in tensors:
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.dtype == "bf16"):
                    rows = enc(ids, mask)
                out[b] = rows.float()
            best = min(best, time.perf_counter() - t)
    res = {"peer": f"torch {torch.__version__} eager {a.dtype}", "threads": a.threads, "texts": len(seqs),
           "batches": len(batches), "padded_tokens": sum(len(b) * lengths[b[0]] for b in batches),
           "real_tokens": sum(lengths), "load_s": round(load_s, 3), "encode_s": round(best, 3),
           "texts_per_s": round(len(seqs) / best, 2), "tokens_per_s": round(sum(lengths) / best, 1)}
    if a.dtype == "int8":
        res["quantized_engine"] = torch.backends.quantized.engine
        res["quantized_engines"] = torch.backends.quantized.supported_engines
    if a.save:
        np.save(a.save, out.numpy())
    if a.compare:
        ref = torch.from_numpy(np.load(a.compare)).float()
        cos = F.cosine_similarity(out, ref, dim=1)
        res["cosine_min"] = round(float(cos.min()), 6)
        res["cosine_mean"] = round(float(cos.mean()), 6)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
