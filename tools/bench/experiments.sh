#!/usr/bin/env bash
# The three experiments at each precision: `nsmlab run --precision P` on the built-in dataset
# with one model, then compare_runs.py: H1 purity and silhouette, H2 rate, H3 rate and best |r|,
# and the verdicts, with their differences to fp32. Markdown on stdout.
# Usage (from run-all.sh): BUILD=... WORK=... tools/bench/experiments.sh MODEL_NAME
set -uo pipefail
source "$(dirname "$0")/lib.bash"
m="${1:?usage: experiments.sh MODEL_NAME}"
dir="$WORK/models/$m"
[[ -f "$dir/model.safetensors" ]] || { say "SKIP experiments: no $dir/model.safetensors"; exit 0; }
runs=()
for prec in fp32 bf16 int8; do
  flags=()
  if nsmlab_has_precision; then flags=(--precision "$prec")
  elif [[ $prec != fp32 ]]; then say "SKIP experiments $prec: this nsmlab has no --precision flag yet"; continue; fi
  out="$WORK/exp-$m-$prec"
  if "$NSMLAB" run --model "$dir" -o "$out" --threads "$THREADS" "${flags[@]}" >"$out.log" 2>&1; then
    runs+=("$prec=$out/results.json")
  else
    say "SKIP experiments $prec: nsmlab run failed: $(grep -m1 -i -E 'error|not' "$out.log" || tail -1 "$out.log")"
  fi
done
[[ ${#runs[@]} -gt 0 ]] && "$PY" "$ROOT/tools/bench/compare_runs.py" "${runs[@]}"
