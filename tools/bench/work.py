#!/usr/bin/python3
"""The useful work of encoding some token ids with a model: matrix-product FLOPs only (the
encoder's linear layers, attention's two products over each sequence's real length, the Dense
head), on real tokens, no padding. Dividing it by a run's time and by the machine's GEMM peak
gives that run's fraction of peak; padding a peer computes is its own overhead, not counted.

Run: /usr/bin/python3 tools/bench/work.py MODEL_DIR IDS.jsonl   -> {"real_tokens", "texts", "flops", ...}
"""
import json
import os
import sys


def main():
    model, ids = sys.argv[1], sys.argv[2]
    with open(os.path.join(model, "config.json")) as f:
        c = json.load(f)
    H, L, inter = c["hidden_size"], c["num_hidden_layers"], c["intermediate_size"]
    with open(ids) as f:
        lengths = [len(json.loads(line)["ids"]) for line in f if line.strip()]
    dense = 0
    dense_cfg = os.path.join(model, "2_Dense", "config.json")
    if os.path.exists(dense_cfg):
        with open(dense_cfg) as f:
            d = json.load(f)
        dense = 2 * d["in_features"] * d["out_features"]
    per_token = 2 * L * (4 * H * H + 2 * H * inter)        # Q, K, V, O and the two FFN products
    attention = sum(L * 4 * H * n * n for n in lengths)     # Q K^T and P V, each 2 H n^2 per layer
    tokens = sum(lengths)
    flops = per_token * tokens + attention + dense * len(lengths)
    print(json.dumps({"texts": len(lengths), "real_tokens": tokens, "linear_flops_per_token": per_token,
                      "flops": flops, "flops_per_token": round(flops / max(tokens, 1))}))


if __name__ == "__main__":
    main()
