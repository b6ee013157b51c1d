#!/usr/bin/python3
"""Per-row cosine of two embedding matrices (.npy, same shape): prints {"cosine_min", "cosine_mean", "rows"}.

Run: /usr/bin/python3 tools/bench/cosine.py A.npy REFERENCE.npy
"""
import json
import sys

import numpy as np

a, b = (np.load(p).astype(np.float64) for p in sys.argv[1:3])
if a.shape != b.shape:
    sys.exit(f"cosine.py: shapes differ: {sys.argv[1]} {a.shape}, {sys.argv[2]} {b.shape}")
cos = (a * b).sum(1) / np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-30)
print(json.dumps({"cosine_min": round(float(cos.min()), 6), "cosine_mean": round(float(cos.mean()), 6),
                  "rows": int(a.shape[0])}))
