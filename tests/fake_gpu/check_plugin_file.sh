#!/usr/bin/env bash
# The CUDA plugin as built: one exported entry point, cudart inside it (static), cuBLASLt
# outside (dynamic), and no link to the driver (it is dlopened at run time by cudart).
set -euo pipefail
so="$1"
[[ -f "$so" ]] || { echo "FAIL: no plugin at $so"; exit 1; }
exports=$(nm -D --defined-only "$so" | awk '$2 == "T" {print $3}' | grep -v '^_' || true)
[[ "$exports" == "nsmlab_gpu_plugin" ]] || { echo "FAIL: exported functions: $exports"; exit 1; }
needed=$(readelf -d "$so" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
grep -q '^libcublasLt\.so' <<<"$needed" || { echo "FAIL: cuBLASLt not linked dynamically: $needed"; exit 1; }
if grep -qE '^(libcudart|libcuda)\.so' <<<"$needed"; then echo "FAIL: links the CUDA runtime or driver: $needed"; exit 1; fi
echo "ok: $so exports nsmlab_gpu_plugin; needs: $(tr '\n' ' ' <<<"$needed")"
