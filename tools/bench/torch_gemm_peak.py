#!/usr/bin/python3
"""The peer's view of the machine's matrix-product peak per precision, measured with Debian's
torch on the shape of nsmlab's probe (src/nn/gemm_peak.h: M=512, K=1024, N=4096): the best of
what torch offers for each precision (fp32: OpenBLAS linear, oneDNN linear; bf16: matmul,
oneDNN linear; int8: the onednn quantized engine's dynamic and static linear, per-channel
weights). A lower bound on the machine's peak, used only where nsmlab's probe is not built.
Prints {"fp32": {"gflops", "how"}, "bf16": ..., "int8": ...}.

Run: /usr/bin/python3 tools/bench/torch_gemm_peak.py [--threads 2] [--seconds 0.5]
"""
import argparse
import json
import time

import torch

M, K, N = 512, 1024, 4096


def rate(fn, seconds):
    fn()
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < seconds / 3:
        fn()
        n += 1
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(max(n, 1)):
            fn()
        best = min(best, (time.perf_counter() - t) / max(n, 1))
    return 2 * M * K * N / best / 1e9


def candidates():
    a, w, b = torch.randn(M, K), torch.randn(N, K) / K ** 0.5, torch.zeros(N)
    F = torch.nn.functional
    yield "fp32", "torch linear (BLAS)", lambda: F.linear(a, w, b)
    if torch.backends.mkldnn.is_available():
        am, wm, bm = a.to_mkldnn(), w.to_mkldnn(), b.to_mkldnn()
        yield "fp32", "torch mkldnn_linear (oneDNN)", lambda: torch._C._nn.mkldnn_linear(am, wm, bm)
    ab, wb, bb = a.bfloat16(), w.bfloat16(), b.bfloat16()
    yield "bf16", "torch matmul bf16", lambda: torch.matmul(ab, wb.t())
    if torch.backends.mkldnn.is_available():
        abm, wbm, bbm = ab.to_mkldnn(), wb.to_mkldnn(), bb.to_mkldnn()
        yield "bf16", "torch mkldnn_linear bf16 (oneDNN)", lambda: torch._C._nn.mkldnn_linear(abm, wbm, bbm)
    if "onednn" in torch.backends.quantized.supported_engines:
        torch.backends.quantized.engine = "onednn"
        qw = torch.quantize_per_channel(w, w.abs().amax(1) / 127, torch.zeros(N, dtype=torch.long), 0, torch.qint8)
        packed = torch.ops.quantized.linear_prepack(qw, b)
        yield "int8", "torch quantized linear_dynamic (onednn)", lambda: torch.ops.quantized.linear_dynamic(a, packed)
        qa = torch.quantize_per_tensor(a, float(a.abs().max()) / 127, 128, torch.quint8)
        yield "int8", "torch quantized linear u8s8 (onednn)", lambda: torch.ops.quantized.linear(qa, packed, 0.1, 128)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=0.5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    out = {}
    with torch.inference_mode():
        for prec, how, fn in candidates():
            g = rate(fn, a.seconds)
            if g > out.get(prec, {}).get("gflops", 0):
                out[prec] = {"gflops": round(g, 1), "how": how}
    out["shape"] = f"M={M} K={K} N={N}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
