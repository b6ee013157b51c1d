#!/usr/bin/env bash
# Command-line polish (issue 10): "did you mean", refused out-of-range values with their
# range, --lexical with --model an error, --language in any case, help without artefacts.
source "$(dirname "$0")/lib.bash" "$@"
expect_error "did you mean 'run'?" "$NSMLAB" rnu
expect_error "did you mean '--permutations'?" "$NSMLAB" run --permutatoins 3
expect_error "--model excludes --lexical" "$NSMLAB" run --lexical --model "$TMP" -o "$TMP/out"
expect_error "not in range 1.000000 to 1000.000000" "$NSMLAB" run --perplexity 0
expect_error "not in range 0 to 4096" "$NSMLAB" run --threads 99999
expect_error "not in range 1 to 100000" "$NSMLAB" run --components 0
expect_error "not in range 0.000000 to 1.000000" "$NSMLAB" run --purity-threshold 7
help=$("$NSMLAB" run --help)
grep -q "{false}" <<<"$help" && fail "help shows a {false} artefact"
grep -q -- "--language.*en or fr" <<<"$help" || fail "help does not list the languages"
"$NSMLAB" run --language FR --lexical --no-plots --no-jackknife --permutations 0 --bootstrap 0 -o "$TMP/fr" > /dev/null
[[ $(json_get "$TMP/fr/results.json" "['metadata']['language']") == fr ]] || fail "--language FR should mean fr"
# info DIR like import FILE; tokenize to standard output; embed refuses what it would misread.
model=$ROOT/tests/fixtures/models_hf/xlmr_mean
"$NSMLAB" info "$model" | grep -q "XLMRobertaModel" || fail "info DIR"
printf 'un\ndeux\n' > "$TMP/in.txt"
(cd "$TMP" && "$NSMLAB" tokenize --model "$model" --input in.txt --output -) | grep -c '"ids"' | grep -q 2 || fail "tokenize --output -"
[[ -e $TMP/- ]] && fail "tokenize --output - wrote a file named -"
echo '["un", "deux"]' > "$TMP/texts.json"
expect_error "give JSONL" "$NSMLAB" embed --model "$model" --input "$TMP/texts.json" --output "$TMP/e.npy"
printf 'id,text\n1,un\n' > "$TMP/texts.csv"
expect_error "all its columns embedded as one text" "$NSMLAB" embed --model "$model" --input "$TMP/texts.csv" --output "$TMP/e.npy"
expect_error "give a name ending in .npy" "$NSMLAB" embed --model "$model" --input "$TMP/in.txt" --output "$TMP/e.txt"
exit 0
