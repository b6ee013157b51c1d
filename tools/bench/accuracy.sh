#!/usr/bin/env bash
# Accuracy of nsmlab's lower precisions: per-sentence cosine of bf16 and int8 embeddings to
# nsmlab fp32 on the built-in dataset's texts (the primes and the corpus), for the random-weight
# models in the seven compared shapes and the tiny fixture models (tests/fixtures/models).
# Records in WORK/accuracy.jsonl (tables.py accuracy).
# Usage (from run-all.sh): BUILD=... WORK=... tools/bench/accuracy.sh INPUT.txt MODEL...
#   MODEL: a name under WORK/models, or "fixtures" for every tiny fixture model.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
INPUT="${1:?usage: accuracy.sh INPUT.txt MODEL...}"
shift
REC="$WORK/accuracy.jsonl"
OUT="$WORK/out/accuracy"
mkdir -p "$OUT"
if ! nsmlab_has_precision; then say "SKIP accuracy: this nsmlab has no --precision flag yet"; exit 0; fi

dirs=()
for m in "$@"; do
  if [[ $m == fixtures ]]; then
    for d in "$ROOT"/tests/fixtures/models/*/; do [[ -f "$d/config.json" ]] && dirs+=("fixture:$(basename "$d")=$d"); done
  elif [[ -f "$WORK/models/$m/model.safetensors" ]]; then dirs+=("$m=$WORK/models/$m")
  else say "SKIP accuracy of $m: no $WORK/models/$m/model.safetensors"; fi
done
for entry in "${dirs[@]}"; do
  name="${entry%%=*}" dir="${entry#*=}" base="$OUT/${name//[:\/]/_}"
  REPEAT=1 nsmlab_embed "$dir" "$INPUT" "$base.fp32.npy" fp32 >/dev/null || continue
  for prec in bf16 int8; do
    if err=$("$NSMLAB" embed --model "$dir" --input "$INPUT" --output "$base.$prec.npy" --threads "$THREADS" \
               --force --precision "$prec" 2>&1 >/dev/null); then
      j=$("$PY" "$ROOT/tools/bench/cosine.py" "$base.$prec.npy" "$base.fp32.npy")
      say "accuracy $name $prec: $j"
      echo "$(json_with "$j" model="$name" precision="$prec")" >>"$REC"
    else
      why=$(grep -m1 -i -E 'error|not|refus' <<<"$err" || head -1 <<<"$err")
      say "SKIP accuracy $name $prec: $why"
      echo "$(json_of model="$name" precision="$prec" skipped="${why:0:120}")" >>"$REC"
    fi
  done
done
