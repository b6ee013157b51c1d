#!/usr/bin/env bash
# Hostile model folders end in a clear error naming the file, never an "internal error",
# a hang or NaN embeddings written with exit status 0.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/bert_mean
[[ -d $model ]] || fail "missing fixture $model"
printf 'one sentence\nanother\n' > "$TMP/in.txt"
fresh() { rm -rf "$TMP/m"; cp -r "$model" "$TMP/m"; }
no_internal() {  # like expect_error, and the message must not be an internal error
  local want=$1; shift
  expect_error "$want" "$@"
  local err; err=$("$@" 2>&1 >/dev/null || true)
  grep -q "internal error" <<<"$err" && fail "internal error from '$*': $err"
  return 0
}
# A number out of range in config.json (was "internal error ... 406").
fresh; sed -i 's/"hidden_size": [0-9]*/"hidden_size": 1e999/' "$TMP/m/config.json"
no_internal "$TMP/m/config.json" "$NSMLAB" info --model "$TMP/m"
# 100 KB of brackets in config.json.
fresh; { printf '{"a": '; head -c 100000 /dev/zero | tr '\0' '['; } > "$TMP/m/config.json"
no_internal "nested deeper than 128" "$NSMLAB" info --model "$TMP/m"
# A FIFO as config.json (open() blocked forever) and a symlink loop.
fresh; rm "$TMP/m/config.json"; mkfifo "$TMP/m/config.json"
no_internal "FIFO" timeout 60 "$NSMLAB" info --model "$TMP/m"
fresh; rm "$TMP/m/config.json"; ln -s config.json "$TMP/m/config.json"
no_internal "$TMP/m/config.json" "$NSMLAB" info --model "$TMP/m"
# A module path leading outside the model folder.
fresh; sed -i 's/"path": "1_Pooling"/"path": "..\/..\/1_Pooling"/' "$TMP/m/modules.json"
grep -q '"\.\./\.\./1_Pooling"' "$TMP/m/modules.json" || fail "fixture modules.json has no 1_Pooling path"
no_internal "outside the model folder" "$NSMLAB" info --model "$TMP/m"
[[ -e $TMP/o.npy ]] && fail "output written despite errors"
echo ok
