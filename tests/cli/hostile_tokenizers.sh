#!/usr/bin/env bash
# Hostile tokenizer.json files in a model folder: a clear error naming the file and the
# field or the text, never a crash (these used to write out of bounds or SIGABRT).
source "$(dirname "$0")/lib.bash" "$@"
cp -r "$ROOT/tests/fixtures/models_hf/bert_mean" "$TMP/m"
printf 'a b\nb z\n' > "$TMP/texts.txt"
# An id of 2^32 - 1 became int32 -1 and sized the id table to 0.
printf '{"model": {"type": "WordPiece", "unk_token": "[UNK]", "vocab": {"[UNK]": 0, "a": 4294967295}}}' > "$TMP/m/tokenizer.json"
expect_error "model.vocab.a': id 4294967295 is out of range" "$NSMLAB" info --model "$TMP/m"
# BPE without an unknown token, inside the parallel tokenization: an error, not std::terminate.
printf '{"model": {"type": "BPE", "vocab": {"[PAD]": 0, "a": 1, "b": 2}, "merges": []}, "pre_tokenizer": {"type": "WhitespaceSplit"}}' \
  > "$TMP/m/tokenizer.json"
set +e
err=$("$NSMLAB" embed --model "$TMP/m" --input "$TMP/texts.txt" --output "$TMP/o.npy" 2>&1 >/dev/null)
rc=$?
set -e
[[ $rc == 1 ]] || fail "embed exited with $rc (expected 1): $err"
grep -qF "text 2" <<<"$err" || fail "error does not name the text: $err"
grep -qF "unk_token" <<<"$err" || fail "error does not say what is missing: $err"
[[ -e $TMP/o.npy ]] && fail "output written despite the error"
exit 0
