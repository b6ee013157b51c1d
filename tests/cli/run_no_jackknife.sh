#!/usr/bin/env bash
# `run --no-jackknife` skips H1's confidence intervals and results.json says so (issue 6):
# no zeros or empty intervals that could be read as results.
source "$(dirname "$0")/lib.bash" "$@"
"$NSMLAB" run --lexical --no-plots --no-jackknife --permutations 20 --bootstrap 20 -o "$TMP/off" > /dev/null
[[ $(json_get "$TMP/off/results.json" "['h1']['ci']['computed']") == False ]] || fail "ci.computed should be false"
[[ $(json_get "$TMP/off/results.json" "['h1']['ci']['silhouette']") == None ]] || fail "silhouette interval should be null"
json_get "$TMP/off/results.json" "['h1']['ci']['method']" | grep -q "not computed" || fail "method should say not computed"
"$NSMLAB" run --lexical --no-plots --permutations 20 --bootstrap 20 -o "$TMP/on" > /dev/null
[[ $(json_get "$TMP/on/results.json" "['h1']['ci']['computed']") == True ]] || fail "ci.computed should be true by default"
[[ $(json_get "$TMP/on/results.json" "['h1']['ci']['silhouette'][1]") != None ]] || fail "silhouette interval by default"
exit 0
