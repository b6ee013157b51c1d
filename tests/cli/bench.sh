#!/usr/bin/env bash
# `nsmlab bench` on a tiny fixture model and a random-weight model from a config: the table,
# the JSON (refused over an existing file without --force), the cache advise reads, the labels.
source "$(dirname "$0")/lib.bash" "$@"
export NSMLAB_CACHE=$TMP/cache
model=$ROOT/tests/fixtures/models/bert-mean
cfg=$TMP/tiny-config.json
# A tiny config of a known family: bench writes random weights in its shapes, then removes them.
cat > "$cfg" <<'J'
{"model_type": "bert", "vocab_size": 500, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
 "intermediate_size": 64, "max_position_embeddings": 128, "type_vocab_size": 2}
J
before=$(ls /tmp | grep -c nsmlab-random-model || true)
"$NSMLAB" bench --backend cpu --model "$model" --config "$cfg" --precision fp32 --workloads primes,corpus --no-experiments \
  --output "$TMP/bench.json" > "$TMP/out" 2> "$TMP/err" || { cat "$TMP/err"; fail "bench failed"; }
grep -q "cpu-fp32" "$TMP/out" || fail "table lacks the backend"
grep -q "(random weights)" "$TMP/out" || fail "random-weight model not labelled in the table"
grep -q "random weights" "$TMP/err" || fail "random-weight model not announced"
after=$(ls /tmp | grep -c nsmlab-random-model || true)
[[ $before == "$after" ]] || fail "the temporary random-weight model was left behind"
[[ $(json_get "$TMP/bench.json" '["format"]') == nsmlab-bench/1 ]] || fail "format"
[[ $(json_get "$TMP/bench.json" '["models"][1]["weights"]') == "random weights (exact shapes of the config)" ]] || fail "JSON label"
[[ $(json_get "$TMP/bench.json" '["models"][0]["random_weights"]') == False ]] || fail "real model labelled random"
[[ $(json_get "$TMP/bench.json" '["models"][0]["backends"][0]["workloads"][0]["workload"]') == batch-overhead ]] || fail "batch overhead first"
[[ $(json_get "$TMP/bench.json" '["models"][0]["backends"][0]["workloads"][0]["batches"]') == 3 ]] || fail "batch overhead: 3 calls"
[[ $(json_get "$TMP/bench.json" '["models"][0]["backends"][0]["workloads"][1]["sentences"]') == 65 ]] || fail "65 primes"
python3 - "$TMP/bench.json" <<'P' || fail "bench JSON values"
import json, sys
d = json.load(open(sys.argv[1]))
for m in d["models"]:
    b = m["backends"][0]
    assert b["peak_rss_mib"] > 0 and b["load_s"] > 0, b
    for w in b["workloads"]:
        assert w["seconds"] > 0 and w["gflop"] > 0 and w["tokens_per_s"] > 0 and w["mean_tokens"] > 2, w
        assert 1 <= w["batches"] <= w["sentences"], w
P
cache=$(ls "$NSMLAB_CACHE"/bench/*.json)
[[ -f $cache ]] || fail "no cache written"
# Never over an existing file without --force.
expect_error "--force" "$NSMLAB" bench --model "$model" --output "$TMP/bench.json" --precision fp32
# Bad inputs name what is wrong.
expect_error "name at least one model" "$NSMLAB" bench
expect_error "'fp64' is not a precision" "$NSMLAB" bench --model "$model" --precision fp64
expect_error "'nobody/nothing' is neither a model folder" "$NSMLAB" bench --shape nobody/nothing --precision fp32 --no-experiments
expect_error "--backend 'tpu': expected auto, cpu, cuda" "$NSMLAB" bench --model "$model" --backend tpu
expect_error "'lots' is not a workload" "$NSMLAB" bench --model "$model" --workloads lots
exit 0
