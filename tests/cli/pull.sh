#!/usr/bin/env bash
# `nsmlab pull` and the automatic download against a local hub stand-in (tests/cli/fake_hub.py):
# relative and cross-host redirects, a dropped connection resumed with Range, a gated repository,
# a 404 with X-Repo-Commit, a wrong checksum, HF_HUB_OFFLINE, and huggingface_hub's cache layout.
source "$(dirname "$0")/lib.bash" "$@"
unset HF_HUB_OFFLINE  # lib.bash keeps the other tests offline; this one talks to its local hub
src=$ROOT/tests/fixtures/models_hf/xlmr_mean
python3 "$ROOT/tests/cli/fake_hub.py" "$src" "$TMP/ports" "$TMP/log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [[ -s $TMP/ports ]] && break; sleep 0.1; done
read -r hub_port cdn_port < "$TMP/ports" || fail "the local hub did not start"
export HF_ENDPOINT=http://127.0.0.1:$hub_port HF_HUB_CACHE=$TMP/hub HF_HOME=$TMP/hf
tiny=1111111111111111111111111111111111111111
entry=$HF_HUB_CACHE/models--nsmlab-test--tiny
printf 'un\ndeux\n' > "$TMP/in.txt"

# A token is set: the hub gets it, the CDN on the other port must not (the server refuses it).
HF_TOKEN=secret "$NSMLAB" pull nsmlab-test/tiny > "$TMP/out" 2> "$TMP/err" || fail "pull: $(cat "$TMP/err")"
[[ $(head -1 "$TMP/out") == "nsmlab-test/tiny@$tiny" ]] || fail "pull output: $(cat "$TMP/out")"
[[ $(cat "$entry/refs/main") == "$tiny" ]] || fail "refs/main"
sum=$(sha256sum "$src/model.safetensors" | cut -d' ' -f1)
[[ $(readlink "$entry/snapshots/$tiny/model.safetensors") == "../../blobs/$sum" ]] || fail "model.safetensors link"
[[ $(readlink "$entry/snapshots/$tiny/1_Pooling/config.json") == ../../../blobs/* ]] || fail "nested link not relative"
cmp -s "$entry/blobs/$sum" "$src/model.safetensors" || fail "blob content"
[[ -e $entry/.no_exist/$tiny/special_tokens_map.json ]] || fail ".no_exist entry"
[[ ! -e $entry/snapshots/$tiny/README.md && ! -e $entry/snapshots/$tiny/onnx ]] || fail "fetched files a model does not need"
[[ -z $(find "$HF_HUB_CACHE" -name '*.incomplete') ]] || fail "temporary files left"
grep -q "cdn GET .* range=bytes=" "$TMP/log" || fail "no Range resume after the dropped connection"
grep -q "hub HEAD /api/resolve-cache/" "$TMP/log" || fail "the relative redirect was not followed"
grep -q "hub HEAD .*auth=Bearer secret" "$TMP/log" || fail "the hub did not get the token"
! grep -q "cdn .*auth=Bearer" "$TMP/log" || fail "the token went to the CDN"
"$NSMLAB" embed --model nsmlab-test/tiny --input "$TMP/in.txt" --output "$TMP/a.npy" 2>/dev/null
"$NSMLAB" embed --model "$src" --input "$TMP/in.txt" --output "$TMP/b.npy" 2>/dev/null
[[ $(npy_maxdiff "$TMP/a.npy" "$TMP/b.npy") == 0.0 ]] || fail "the pulled model differs from its source"
# Pulled again: nothing is downloaded, nothing replaced.
lines=$(wc -l < "$TMP/log")
"$NSMLAB" pull nsmlab-test/tiny > /dev/null 2>&1 || fail "second pull"
! tail -n +$((lines + 1)) "$TMP/log" | grep -q "cdn GET" || fail "downloaded again"

# Gated: refused without a token, then with the token file, fetched by `embed` itself.
expect_error "gated or private" "$NSMLAB" pull nsmlab-test/gated
expect_error "set HF_TOKEN" "$NSMLAB" pull nsmlab-test/gated
mkdir -p "$HF_HOME" && printf 'secret\n' > "$HF_HOME/token"
"$NSMLAB" embed --model nsmlab-test/gated --input "$TMP/in.txt" --output "$TMP/g.npy" 2> "$TMP/err" || fail "automatic download: $(cat "$TMP/err")"
grep -q "downloading it from" "$TMP/err" || fail "the automatic download is not announced"
[[ -L $HF_HUB_CACHE/models--nsmlab-test--gated/snapshots/2222222222222222222222222222222222222222/model.safetensors ]] || fail "gated snapshot"

# A wrong checksum: refused; no snapshot, ref or bad blob left (the good small blobs stay).
expect_error "checksum mismatch" "$NSMLAB" pull nsmlab-test/corrupt
bad=$HF_HUB_CACHE/models--nsmlab-test--corrupt
[[ ! -e $bad/snapshots && ! -e $bad/refs ]] || fail "a broken snapshot was left: $(find "$bad")"
[[ ! -e $bad/blobs/$sum && -z $(find "$bad" -name '*.incomplete') ]] || fail "a bad blob was left: $(find "$bad")"

# Killed mid-download: no snapshot and no ref, so nothing reads half a model; a new pull completes.
"$NSMLAB" pull nsmlab-test/slow > /dev/null 2>&1 &
puller=$!
slow=$HF_HUB_CACHE/models--nsmlab-test--slow
for _ in $(seq 300); do [[ -n $(find "$slow/blobs" -name '*.incomplete' -size +0 2>/dev/null) ]] && break; sleep 0.1; done
[[ -n $(find "$slow/blobs" -name '*.incomplete' -size +0 2>/dev/null) ]] || fail "the slow download did not start"
kill -9 $puller; wait $puller 2>/dev/null || true
[[ ! -e $slow/snapshots && ! -e $slow/refs ]] || fail "a killed pull left a snapshot: $(find "$slow")"
HF_HUB_OFFLINE=1 expect_error "\`nsmlab pull nsmlab-test/slow\` completes it" "$NSMLAB" info --model nsmlab-test/slow
"$NSMLAB" pull nsmlab-test/slow > /dev/null 2>&1 || fail "pull after a killed pull"
[[ -L $slow/snapshots/4444444444444444444444444444444444444444/model.safetensors ]] || fail "slow snapshot"

# Offline: nothing fetched, the message says why.
HF_HUB_OFFLINE=1 expect_error "HF_HUB_OFFLINE" "$NSMLAB" pull nsmlab-test/other
HF_HUB_OFFLINE=1 expect_error "\`nsmlab pull nsmlab-test/other\`" "$NSMLAB" info --model nsmlab-test/other
expect_error "HTTP 404" "$NSMLAB" pull nsmlab-test/other
exit 0
