#!/usr/bin/env bash
# `nsmlab embed` and `nsmlab info` on a committed tiny model.
source "$(dirname "$0")/lib.bash" "$@"
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
printf 'Je sais que tu penses.\nL’autre côté 😀\n' > "$TMP/in.txt"
"$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/e.npy" --normalize 2> "$TMP/err"
head -c 80 "$TMP/e.npy" | grep -q "'shape': (2, 32)" || fail "wrong .npy shape"
printf '{"text": "un"}\n{"text": "deux"}\n{"text": "trois"}\n' > "$TMP/in.jsonl"
"$NSMLAB" embed --model "$model" --input "$TMP/in.jsonl" --output "$TMP/j.npy" 2>/dev/null
head -c 80 "$TMP/j.npy" | grep -q "'shape': (3, 32)" || fail "JSONL input"
"$NSMLAB" info --model "$model" > "$TMP/info"
grep -q "XLMRobertaModel" "$TMP/info" || fail "info lacks the architecture"
grep -q "Unigram" "$TMP/info" || fail "info lacks the tokenizer"
"$NSMLAB" tokenize --model "$model" --input "$TMP/in.txt" --output "$TMP/ids.jsonl"
[[ $(wc -l < "$TMP/ids.jsonl") == 2 ]] || fail "tokenize"
exit 0
