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
exit 0
