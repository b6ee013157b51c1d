#!/usr/bin/env bash
# `nsmlab serve` with real clients on loopback: curl and Python requests for the API shapes,
# responses bit for bit equal to `nsmlab embed`, every error path, a stalled client, SIGTERM.
source "$(dirname "$0")/lib.bash" "$@"
source "$ROOT/tests/serve/server.bash"
model=$ROOT/tests/fixtures/models/bert-v5-prompt  # has prompts ("query: " by default) and a 24-token limit
printf 'Je sais que tu penses.\nL’autre côté 😀\nthe quick brown fox\nun deux trois quatre\n' > "$TMP/texts.txt"
"$NSMLAB" embed --model "$model" --input "$TMP/texts.txt" --output "$TMP/norm.npy" --normalize 2>/dev/null
"$NSMLAB" embed --model "$model" --input "$TMP/texts.txt" --output "$TMP/raw.npy" 2>/dev/null
"$NSMLAB" embed --model "$model" --input "$TMP/texts.txt" --output "$TMP/doc.npy" --normalize --no-default-prompt 2>/dev/null

start_server "$model" --max-client-batch-size 16 --payload-limit 100000 --read-timeout 1
# curl, as the README shows it.
curl -sf "$BASE/embed" -H 'Content-Type: application/json' -d '{"inputs": "hello"}' > "$TMP/c.json" || fail "curl /embed"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==1 and len(r[0])==32, r" "$TMP/c.json" \
  || fail "curl /embed shape"
curl -sf "$BASE/v1/embeddings" -H 'Content-Type: application/json' -d '{"input": ["a", "b"], "model": "m"}' > "$TMP/o.json" \
  || fail "curl /v1/embeddings"
[[ $(json_get "$TMP/o.json" "['data'][1]['index']") == 1 ]] || fail "curl /v1/embeddings shape"
code=$(curl -s -o "$TMP/e.json" -w '%{http_code}' "$BASE/embed" -H 'Content-Type: application/json' -d '{"inputs": 3}')
[[ $code == 400 ]] || fail "curl wrong type: $code"
[[ $(json_get "$TMP/e.json" "['error_type']") == malformed ]] || fail "TEI error body"
curl -sf "$BASE/metrics" > "$TMP/metrics" || fail "/metrics"
grep -q "^nsmlab_queue_depth 0$" "$TMP/metrics" || fail "/metrics queue depth"
python3 "$ROOT/tests/serve/api_client.py" "$BASE" "$TMP/norm.npy" "$TMP/raw.npy" "$TMP/doc.npy" "$TMP/texts.txt"
stop_server TERM
grep -q "nsmlab: stopped" "$TMP/serve.err" || fail "no clean stop"

# SIGTERM while requests are in flight: every request already received is answered.
start_server "$model"
python3 "$ROOT/tests/serve/drain_client.py" "$BASE" "$SERVER" 12
wait "$SERVER" || fail "nsmlab serve exited $? after SIGTERM with requests in flight"
SERVER=""
grep -q "nsmlab: stopped" "$TMP/serve.err" || fail "no clean stop after draining"

# A full queue: 429 with Retry-After, in each API's error shape.
start_server "$model" --max-concurrent-requests 1
python3 "$ROOT/tests/serve/overload_client.py" "$BASE"
stop_server TERM

expect_error "cannot listen" "$NSMLAB" serve --model "$model" --host 203.0.113.7 --port 8080
exit 0
