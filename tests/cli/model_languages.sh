#!/usr/bin/env bash
# A run whose --language its model was not trained for says so in the terminal, results.json and
# the report; the automatic choice never takes such a model (issue 9).
source "$(dirname "$0")/lib.bash" "$@"
# The tiny xlmr fixture under the name of an English-only known model.
mkdir -p "$NSMLAB_MODELS"
cp -r "$ROOT/tests/fixtures/models_hf/xlmr_mean" "$NSMLAB_MODELS/all-MiniLM-L6-v2"
"$NSMLAB" models | grep -A1 "sentence-transformers/all-MiniLM-L6-v2 " | grep -q "languages: en" || fail "models lacks languages"
opts=(--permutations 5 --bootstrap 5 --no-jackknife)
"$NSMLAB" run --model minilm-l6 --language fr "${opts[@]}" -o "$TMP/fr" > "$TMP/out" 2> "$TMP/err"
grep -q "LANGUAGE MISMATCH" "$TMP/err" || fail "no warning on the terminal: $(cat "$TMP/err")"
grep -q "LANGUAGE MISMATCH" "$TMP/out" || fail "no warning in the summary"
r=$TMP/fr/results.json
[[ $(json_get "$r" "['metadata']['model']['covers_language']") == False ]] || fail "covers_language"
json_get "$r" "['notice']" | grep -q "LANGUAGE MISMATCH" || fail "results.json notice"
grep -q "LANGUAGE MISMATCH" "$TMP/fr/report.md" || fail "report.md: $(ls "$TMP/fr")"
# English: no warning.
"$NSMLAB" run --model minilm-l6 --language en --no-plots "${opts[@]}" -o "$TMP/en" > /dev/null 2> "$TMP/err"
! grep -q "LANGUAGE MISMATCH" "$TMP/err" || fail "warned for English"
[[ $(json_get "$TMP/en/results.json" "['metadata']['model']['covers_language']") == True ]] || fail "covers en"
# Automatic choice in French: the English model is passed over, loudly.
"$NSMLAB" run --language fr --no-plots "${opts[@]}" -o "$TMP/auto" > "$TMP/out" 2>/dev/null
[[ $(json_get "$TMP/auto/results.json" "['metadata']['model']['kind']") == lexical ]] || fail "auto picked the English model"
grep -q "all-MiniLM-L6-v2 is on this machine but not trained for 'fr'" "$TMP/out" || fail "auto choice silent"
exit 0
