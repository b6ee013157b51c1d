#!/usr/bin/env bash
# Random-weight models in the real shapes of the seven compared models, for the benchmarks
# (never committed; tools/bench/shape_models.py --list names them):
#   minilm mpnet xlmr e5-large bge-m3 labse camembert-large
# Usage: tools/bench/make-models.sh MODELS_DIR [NAME...]   (default: all seven; existing
# folders are kept, so it is idempotent; about 9 GB for all seven)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:?usage: make-models.sh MODELS_DIR [NAME...]}"
shift
PY=/usr/bin/python3
if ! "$PY" -c 'import torch' 2>/dev/null; then echo "bench: SKIP models: $PY has no torch"; exit 0; fi
names=("$@")
[[ ${#names[@]} -gt 0 ]] || mapfile -t names < <("$PY" "$ROOT/tools/bench/shape_models.py" --list | cut -f1)
mkdir -p "$OUT"
for name in "${names[@]}"; do
  if [[ -f "$OUT/$name/model.safetensors" ]]; then echo "bench: $OUT/$name exists, kept"; continue; fi
  [[ -e "$OUT/$name" ]] && { echo "bench: SKIP $name: $OUT/$name exists without model.safetensors"; continue; }
  "$PY" "$ROOT/tools/bench/shape_models.py" "$name" "$OUT/$name" | sed 's/^/bench: made /' \
    || echo "bench: SKIP $name: shape_models.py failed"
done
