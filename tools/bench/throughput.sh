#!/usr/bin/env bash
# Speed side by side, one run, same token ids, same batches: nsmlab at each precision against
# the peers at their best (torch fp32 eager, bf16 autocast, int8 quantize_dynamic on onednn;
# ONNX Runtime fp32). One JSON record per measurement appended to WORK/throughput.jsonl;
# tables.py turns them into tables (tokens/s, x nsmlab fp32, fraction of peak, cosine).
# Usage (from run-all.sh): BUILD=... WORK=... tools/bench/throughput.sh MODEL_NAME...
# Environment: NSMLAB_BENCH_INPUTS ("primes65 corpus1000"), NSMLAB_BENCH_PRECISIONS ("fp32 bf16 int8"),
#   NSMLAB_BENCH_PEERS ("torch-fp32 torch-bf16 torch-int8 ort-fp32"; "" for none).
set -uo pipefail
source "$(dirname "$0")/lib.bash"
INPUTS="${NSMLAB_BENCH_INPUTS:-primes65 corpus1000}"
PRECISIONS="${NSMLAB_BENCH_PRECISIONS:-fp32 bf16 int8}"
PEERS="${NSMLAB_BENCH_PEERS-torch-fp32 torch-bf16 torch-int8 ort-fp32}"
OUT="$WORK/out"
REC="$WORK/throughput.jsonl"
mkdir -p "$OUT" "$WORK/onnx"
HAVE_TORCH=1; "$PY" -c 'import torch, numpy' 2>/dev/null || { HAVE_TORCH=0; say "SKIP torch peers: $PY lacks torch/numpy"; }
ORT_DIR=""
if [[ " $PEERS " == *" ort-fp32 "* ]]; then
  ORT_DIR=$("$ROOT/tools/bench/install-ort.sh") || { ORT_DIR=""; say "SKIP ONNX Runtime peer: onnxruntime-node not installable here"; }
  [[ $HAVE_TORCH == 1 ]] || { ORT_DIR=""; say "SKIP ONNX Runtime peer: the ONNX export needs torch"; }
fi
# Each record carries the 1-minute load average when it was taken: on a shared machine it says
# how far from quiet that measurement was.
record() { json_with "$1" load="$(cut -d' ' -f1 /proc/loadavg)" >>"$REC"; }

for m in "$@"; do
  dir="$WORK/models/$m"
  [[ -f "$dir/model.safetensors" ]] || { say "SKIP $m: no $dir/model.safetensors"; continue; }
  for input in $INPUTS; do
    f="$WORK/$input.txt" base="$OUT/$m.$input"
    "$NSMLAB" tokenize --model "$dir" --input "$f" --output "$base.ids.jsonl" --force \
      || { say "SKIP $m/$input: nsmlab tokenize failed"; continue; }
    "$PY" "$ROOT/tools/bench/work.py" "$dir" "$base.ids.jsonl" >"$base.work.json"
    ref="$base.nsmlab-fp32.npy"
    rm -f "$ref"
    for prec in $PRECISIONS; do
      rate=$(nsmlab_embed "$dir" "$f" "$base.nsmlab-$prec.npy" "$prec") || continue
      say "nsmlab $prec $m $input: $rate texts/s"
      cos='{}'
      [[ $prec != fp32 && -f "$ref" ]] && cos=$("$PY" "$ROOT/tools/bench/cosine.py" "$base.nsmlab-$prec.npy" "$ref")
      record "$(json_with "$cos" model="$m" input="$input" engine=nsmlab precision="$prec" texts_per_s="$rate" \
                  label="nsmlab $prec")"
    done
    [[ -f "$ref" ]] || say "no nsmlab fp32 embeddings for $m/$input: peers run without the cosine column"
    compare=(); [[ -f "$ref" ]] && compare=(--compare "$ref")
    for peer in $PEERS; do
      case "$peer" in
        torch-*)
          [[ $HAVE_TORCH == 1 ]] || continue
          prec="${peer#torch-}" reps="$REPEAT"
          [[ $prec == fp32 ]] || reps=1  # the slow peers: one timed pass after the warm-up
          if j=$("$PY" "$ROOT/tools/bench/torch_peer.py" "$dir" "$base.ids.jsonl" --threads "$THREADS" \
                   --dtype "$prec" --repeat "$reps" "${compare[@]}"); then
            say "$peer $m $input: $j"
            record "$(json_with "$j" model="$m" input="$input" engine=torch precision="$prec" label="$(jfield "$j" peer)")"
          else say "SKIP $peer on $m/$input: torch_peer.py failed"; fi ;;
        ort-fp32)
          [[ -n "$ORT_DIR" ]] || continue
          onnx="$WORK/onnx/$m.onnx"
          exp=(--batches-out "$base.batches.json")  # exported once per model folder, again when it changed
          [[ -f "$onnx" && "$onnx" -nt "$dir/model.safetensors" ]] || exp+=(--export-onnx "$onnx.tmp")
          if ! "$PY" "$ROOT/tools/bench/torch_peer.py" "$dir" "$base.ids.jsonl" "${exp[@]}" >/dev/null 2>"$base.export.log"; then
            say "SKIP ort-fp32 on $m: the ONNX export failed: $(tail -1 "$base.export.log")"; continue
          fi
          [[ -f "$onnx.tmp" ]] && mv "$onnx.tmp" "$onnx"
          if j=$(node "$ROOT/tools/bench/ort_peer.js" "$ORT_DIR" "$onnx" "$base.ids.jsonl" "$base.batches.json" \
                   "$THREADS" "$REPEAT" "$base.ort-fp32.npy"); then
            cos='{}'; [[ -f "$ref" ]] && cos=$("$PY" "$ROOT/tools/bench/cosine.py" "$base.ort-fp32.npy" "$ref")
            say "ort-fp32 $m $input: $j"
            record "$(json_with "$(json_with "$j" model="$m" input="$input" engine=onnxruntime precision=fp32 \
                        label="$(jfield "$j" peer)")" cosine_min="$(jfield "$cos" cosine_min)" \
                        cosine_mean="$(jfield "$cos" cosine_mean)")"
          else say "SKIP ort-fp32 on $m/$input: ort_peer.js failed"; fi ;;
        *) say "unknown peer $peer (known: torch-fp32 torch-bf16 torch-int8 ort-fp32)" ;;
      esac
    done
  done
done
