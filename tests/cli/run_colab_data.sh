#!/usr/bin/env bash
# The data the notebook really ran on Colab (61 primes named in lower case, 12 categories,
# APRES present: ../shared/reference/original-experiment.md) runs as it is, like the 54-prime
# file: H1 clusters into k = 12, H2 analyses all 20 squares, and `nsmlab import` gives the
# same numbers.
source "$(dirname "$0")/lib.bash" "$@"
data=$SHARED/reference/panini_colab_run_data.json
[[ -f $data ]] || { echo "no $data: skipped"; exit 0; }
"$NSMLAB" run --dataset "$data" --lexical -o "$TMP/a" --permutations 20 --bootstrap 20 > "$TMP/stdout" 2>&1 \
  || { cat "$TMP/stdout"; fail "the Colab data does not run"; }
[[ $(json_get "$TMP/a/results.json" "['h1']['n']") == 61 ]] || fail "61 primes expected"
[[ $(json_get "$TMP/a/results.json" "['h1']['k']") == 12 ]] || fail "12 categories (k = 12) expected"
[[ $(json_get "$TMP/a/results.json" "['h1']['kmeans']") == sklearn ]] || fail "the notebook's k-means is the default"
[[ $(json_get "$TMP/a/results.json" "['h2']['analysed']") == 20 ]] || fail "all 20 squares analysable (APRES exists)"
[[ $(json_get "$TMP/a/results.json" "['h2']['skipped'].__len__()") == 0 ]] \
  || fail "no square skipped"
"$NSMLAB" import "$data" "$TMP/native.json" > /dev/null
"$NSMLAB" run --dataset "$TMP/native.json" --lexical -o "$TMP/b" --permutations 20 --bootstrap 20 > /dev/null 2>&1
for key in "['h1']['purity']" "['h2']['rate']" "['h3']['rate']"; do
  [[ $(json_get "$TMP/a/results.json" "$key") == $(json_get "$TMP/b/results.json" "$key") ]] \
    || fail "imported dataset gives a different $key"
done
# The k-means is chosen by name; an unknown one is refused before any work.
expect_error "--kmeans" "$NSMLAB" run --dataset "$data" --lexical --kmeans scikit -o "$TMP/c"
[[ ! -e $TMP/c ]] || fail "a refused run left an output folder"
exit 0
