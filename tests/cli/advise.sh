#!/usr/bin/env bash
# `nsmlab advise`: uncalibrated (says so), calibrated on recorded bench results, an edited
# catalogue, and errors naming the file, the offer and the field.
source "$(dirname "$0")/lib.bash" "$@"
export NSMLAB_CACHE=$TMP/cache
"$NSMLAB" advise --sentences 169 --models sentence-transformers/paraphrase-multilingual-mpnet-base-v2 \
  --runs-per-month 10 > "$TMP/out" || fail "advise failed"
grep -q "Calibration: NONE" "$TMP/out" || fail "uncalibrated advice does not say so"
grep -q "not measured yet: run \`nsmlab bench\`" "$TMP/out" || fail "this machine without bench"
for o in "Colab CPU" "Colab GPU T4" "Colab GPU L4" "Colab GPU A100" "TPU v2-8"; do
  grep -q "$o" "$TMP/out" || fail "offer $o missing"
done
grep -q "^Recommendation: " "$TMP/out" || fail "no recommendation"
grep -q "colab-tpu-v2-8: no software" "$TMP/out" || fail "TPU reason"
# Calibrated on a recorded bench: this machine is estimated from its measured rate.
python3 - "$TMP/bench.json" <<'P'
import json, sys
w = lambda name, n, t, s: {"workload": name, "sentences": n, "mean_tokens": t, "mean_square_tokens": t * t,
                           "seconds": s, "gflop": n * t * 0.17}
shape = {"hidden": 768, "layers": 12, "heads": 12, "intermediate": 3072, "vocab": 250002, "positions": 514, "type_vocab": 1}
json.dump({"format": "nsmlab-bench/1", "created": "2026-11-27T23:00:00Z", "cpu_model": "Recorded CPU", "threads": 2,
           "gemm_peak_gflops": {"fp32": 380}, "memory_bandwidth_gb_s": 10, "memory_gb": 25, "experiments_cpu_s": 1.5,
           "models": [{"name": "sentence-transformers/paraphrase-multilingual-mpnet-base-v2", "random_weights": True,
                       "shape": shape, "weights_file_bytes": 1.11e9,
                       "backends": [{"backend": "cpu-fp32", "precision": "fp32", "load_s": 1.5, "peak_rss_mib": 1400,
                                     "workloads": [w("corpus", 104, 15, 0.4), w("sentences-1000", 1000, 15, 3.0)]}]}]},
          open(sys.argv[1], "w"))
P
"$NSMLAB" advise --bench "$TMP/bench.json" --max-minutes 5 > "$TMP/cal" || fail "calibrated advise failed"
grep -q "Calibration: bench of Recorded CPU" "$TMP/cal" || fail "calibration not named"
grep -q "rate measured here" "$TMP/cal" || fail "this machine not from its measured rate"
grep -q "Your CPU is enough" "$TMP/cal" || fail "this machine should be enough for 169 sentences"
# The estimator check: calibrated on the 1000 sentences (850 GFLOP/s as recorded), the corpus predicted from the
# work model: 104 x 2.556 GFLOP / 850 GFLOP/s = 0.313 s against 0.4 s measured.
"$NSMLAB" advise --bench "$TMP/bench.json" --check sentences-1000 > "$TMP/check"
grep -q "corpus .* -21.8%" "$TMP/check" || { cat "$TMP/check"; fail "check arithmetic"; }
expect_error "holds no measured workload 'nope'" "$NSMLAB" advise --bench "$TMP/bench.json" --check nope
# A short limit the CPU cannot meet moves the advice to a GPU.
"$NSMLAB" advise --bench "$TMP/bench.json" --sentences 1000000 --max-minutes 30 > "$TMP/big"
grep -q "this-machine: too slow" "$TMP/big" || fail "a million sentences should be too slow here"
# The catalogue: written out, edited, read back; errors name file, offer and field.
"$NSMLAB" advise --write-catalogue "$TMP/offers.json" > /dev/null
expect_error "--force" "$NSMLAB" advise --write-catalogue "$TMP/offers.json"
python3 - "$TMP/offers.json" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
d["offers"] = [o for o in d["offers"] if o["id"] in ("this-machine", "colab-t4")]
d["offers"][1]["price_per_hour_usd"] = 0.5
json.dump(d, open(sys.argv[1], "w"))
P
"$NSMLAB" advise --catalogue "$TMP/offers.json" --runs-per-month 100 > "$TMP/edited"
grep -q "Catalogue: $TMP/offers.json" "$TMP/edited" || fail "catalogue origin"
! grep -q "Colab GPU L4" "$TMP/edited" || fail "removed offer still shown"
sed -i 's/"memory_gb": 15/"memory_gb": "lots"/' "$TMP/offers.json"
expect_error "offers.json: offer 'colab-t4' (offers[1]): field 'memory_gb' must be a number" \
  "$NSMLAB" advise --catalogue "$TMP/offers.json"
expect_error "'nobody/nothing' is neither a model folder" "$NSMLAB" advise --models nobody/nothing
expect_error "--sentences: expected" "$NSMLAB" advise --sentences 0
exit 0
